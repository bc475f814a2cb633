import { approvalType } from './approval.js'

/** code-review: whether every commit since the last release was reviewed by someone else. */
export const codeReview = approvalType(
  'code-review',
  'whether each commit since the last release was reviewed by another person (`required-approvals`); sets `commits` and `unreviewed`'
)

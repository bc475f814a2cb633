import { approvalType } from './approval.js'

/** deployment-approval: who approved the GitHub deployment of this run, from GitHub's record. */
export const deploymentApproval = approvalType(
  'deployment-approval',
  "who approved this run's GitHub deployment (`github-environment`), from GitHub's record; sent as generic, or with `record-as` as a custom type"
)

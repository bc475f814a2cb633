import { z } from 'zod'
import type { GitHubPull, GitHubPullCommit, GitHubReview } from '../github/schemas.js'
import { COMMIT } from '../shapes/patterns.js'

const pullRequestApproverSchema = z.strictObject({
  username: z.string(),
  state: z.literal('APPROVED'),
  timestamp: z.number()
})

const pullRequestCommitSchema = z.strictObject({
  sha1: z.string().regex(COMMIT),
  message: z.string(),
  author: z.string().optional(),
  author_username: z.string().optional(),
  timestamp: z.number().optional(),
  branch: z.string(),
  url: z.string().optional(),
  verified: z.boolean().optional(),
  signature_state: z.string().optional()
})

/** A pull request entry of a pull_request attestation (Kosli's FoundPullRequestV2). */
export const foundPullRequestSchema = z.strictObject({
  url: z.string(),
  state: z.enum(['OPEN', 'CLOSED', 'MERGED']),
  author: z.string(),
  title: z.string(),
  created_at: z.number(),
  merged_at: z.number().optional(),
  head_ref: z.string(),
  base_ref: z.string(),
  // null, never "": an empty string matches neither of Kosli's pull request schemas.
  merge_commit: z.string().regex(COMMIT).nullable(),
  approvers: z.array(pullRequestApproverSchema),
  commits: z.array(pullRequestCommitSchema)
})

export type FoundPullRequest = z.infer<typeof foundPullRequestSchema>
type PullRequestApprover = z.infer<typeof pullRequestApproverSchema>
type PullRequestCommit = z.infer<typeof pullRequestCommitSchema>

/** Shape one pull request, its reviews and its commits into Kosli's entry. */
export function foundPullRequest(
  pull: GitHubPull,
  reviews: readonly GitHubReview[],
  commits: readonly GitHubPullCommit[]
): FoundPullRequest {
  const merged = pull.merged_at ? unixSeconds(pull.merged_at) : undefined
  const mergeCommit =
    merged !== undefined && pull.merge_commit_sha && COMMIT.test(pull.merge_commit_sha)
      ? pull.merge_commit_sha
      : null
  return {
    url: pull.html_url,
    state: pullRequestState(pull),
    // A deleted account: GitHub gives no user, and the Kosli CLI records "".
    author: pull.user?.login ?? '',
    title: pull.title,
    created_at: unixSeconds(pull.created_at),
    ...(merged === undefined ? {} : { merged_at: merged }),
    head_ref: pull.head.ref,
    base_ref: pull.base.ref,
    merge_commit: mergeCommit,
    approvers: approvers(reviews),
    commits: commits.map(c => pullRequestCommit(c, pull.head.ref))
  }
}

/** OPEN, CLOSED or MERGED: GitHub's REST API says closed for a merged pull request. */
export function pullRequestState(
  pull: Pick<GitHubPull, 'state' | 'merged_at'>
): FoundPullRequest['state'] {
  if (pull.state === 'open') return 'OPEN'
  return pull.merged_at ? 'MERGED' : 'CLOSED'
}

const DECIDING = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'])

/**
 * One approver per reviewer whose latest deciding review (APPROVED, CHANGES_REQUESTED or
 * DISMISSED) is APPROVED, with that review's time; comments change nothing.
 */
export function approvers(reviews: readonly GitHubReview[]): PullRequestApprover[] {
  const latest = new Map<string, { state: string; time: number; order: number }>()
  reviews.forEach((review, order) => {
    if (!review.user || !review.submitted_at || !DECIDING.has(review.state)) return
    const time = unixSeconds(review.submitted_at)
    const seen = latest.get(review.user.login)
    // Ties in time keep GitHub's order (chronological), so the later one in the list wins.
    if (!seen || time > seen.time || (time === seen.time && order > seen.order)) {
      latest.set(review.user.login, { state: review.state, time, order })
    }
  })
  return [...latest.entries()]
    .filter(([, r]) => r.state === 'APPROVED')
    .sort((a, b) => a[1].time - b[1].time || a[1].order - b[1].order)
    .map(([username, r]) => ({ username, state: 'APPROVED' as const, timestamp: r.time }))
}

function pullRequestCommit(c: GitHubPullCommit, branch: string): PullRequestCommit {
  const authored = c.commit.author?.date ?? c.commit.committer?.date
  return {
    sha1: c.sha,
    message: c.commit.message.split(/\r?\n/, 1)[0],
    ...(c.commit.author ? { author: `${c.commit.author.name} <${c.commit.author.email}>` } : {}),
    ...(c.author?.login ? { author_username: c.author.login } : {}),
    ...(authored ? { timestamp: unixSeconds(authored) } : {}),
    branch,
    ...(c.html_url ? { url: c.html_url } : {}),
    ...signatureOf(c.commit.verification)
  }
}

// GitHub's REST reasons under the names of its GraphQL GitSignatureState, which the CLI sends.
const SIGNATURE_STATES = new Map([
  ['malformed_signature', 'MALFORMED_SIG'],
  ['unknown_signature_type', 'UNKNOWN_SIG_TYPE']
])

/**
 * `verified` and `signature_state` of a signed commit; an unsigned one, or one GitHub did not
 * check (no verification object), carries neither, as the Kosli CLI sends them.
 */
export function signatureOf(
  verification: { verified: boolean; reason: string } | null | undefined
): { verified?: boolean; signature_state?: string } {
  if (!verification || verification.reason === 'unsigned') return {}
  const reason = verification.reason
  return {
    verified: verification.verified,
    signature_state: SIGNATURE_STATES.get(reason) ?? reason.toUpperCase()
  }
}

function unixSeconds(iso: string): number {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) throw new Error(`GitHub sent a time Kosli cannot use: '${iso}'`)
  return Math.floor(ms / 1000)
}

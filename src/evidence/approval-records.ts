import type { GitHubPull, GitHubPullCommit, GitHubReview } from '../github/schemas.js'
import { approvers } from './pull-requests.js'

// The two records of deployment-approval and code-review evidence and their verdicts, computed
// from GitHub's facts alone (never from an input). Pure: the reads live in github/release-facts.

/** The most entries of `unreviewed` and of `pull_requests` a record carries. */
export const RECORD_LIST_LIMIT = 1000

export interface RunReviewFact {
  environments: string[]
  state: 'approved' | 'rejected' | 'pending'
  reviewer: string
  comment: string
}

export interface DeploymentApprovalInput {
  environment: string
  reviews: readonly RunReviewFact[]
  runUrl: string
  runAttempt: number
  actor: string
  triggeringActor: string
  requiredApprovals: number
  allowSelfApproval: boolean
}

export interface DeploymentApprovalRecord {
  schema_version: 1
  github_environment: string
  run_url: string
  run_attempt: number
  actor: string
  triggering_actor: string
  required_approvals: number
  reviews: Array<{
    reviewer: string
    state: RunReviewFact['state']
    comment: string
    counted: boolean
    not_counted_because: null | 'self-approval' | 'pending' | 'rejected'
  }>
  compliant: boolean
  reasons: string[]
}

/** Who approved this run's deployment to the environment, and whether that is enough. */
export function deploymentApprovalRecord(input: DeploymentApprovalInput): DeploymentApprovalRecord {
  const own = input.reviews.filter(r => r.environments.includes(input.environment))
  const self = new Set([input.actor, input.triggeringActor].filter(Boolean))
  const reviews = own.map(r => {
    const because =
      r.state === 'pending'
        ? ('pending' as const)
        : r.state === 'rejected'
          ? ('rejected' as const)
          : !input.allowSelfApproval && self.has(r.reviewer)
            ? ('self-approval' as const)
            : null
    return {
      reviewer: r.reviewer,
      state: r.state,
      comment: r.comment,
      counted: because === null,
      not_counted_because: because
    }
  })
  const approvers = new Set(reviews.filter(r => r.counted).map(r => r.reviewer))
  const reasons: string[] = []
  const env = `'${input.environment}'`
  if (own.length === 0) {
    const named = [...new Set(input.reviews.flatMap(r => r.environments))].sort()
    reasons.push(
      `No review of this run names environment ${env}: the environment has no required reviewers, or its name is misspelt. ` +
        (named.length > 0
          ? `The run's reviews name: ${named.map(n => `'${n}'`).join(', ')}.`
          : 'The run has no reviews at all.')
    )
  } else {
    if (approvers.size < input.requiredApprovals) {
      const selfOnly = reviews.filter(r => r.not_counted_because === 'self-approval')
      reasons.push(
        `${approvers.size} of ${input.requiredApprovals} required approvals for ${env}` +
          (selfOnly.length > 0
            ? ` (approvals by the run's actor ${[...new Set(selfOnly.map(r => r.reviewer))].map(q).join(', ')} do not count without allow-self-approval)`
            : '') +
          '.'
      )
    }
    const pending = reviews.filter(r => r.state === 'pending')
    if (pending.length > 0 && approvers.size < input.requiredApprovals) {
      reasons.push(`Still pending: ${pending.map(r => q(r.reviewer)).join(', ')}.`)
    }
    const rejected = reviews.filter(r => r.state === 'rejected')
    if (rejected.length > 0 && input.runAttempt === 1) {
      reasons.push(
        `Rejected by ${[...new Set(rejected.map(r => r.reviewer))].map(q).join(', ')} on the run's first attempt.`
      )
    }
  }
  return {
    schema_version: 1,
    github_environment: input.environment,
    run_url: input.runUrl,
    run_attempt: input.runAttempt,
    actor: input.actor,
    triggering_actor: input.triggeringActor,
    required_approvals: input.requiredApprovals,
    reviews,
    compliant: reasons.length === 0,
    reasons
  }
}

/** Where the base came from. */
export type BaseSource =
  | null
  | { kind: 'input' }
  | { kind: 'github-deployment'; deployment_id: number; created_at: number }

export interface RangeCommitFact {
  sha: string
  headline: string
  author: string
  authorUsername: string
  url?: string
}

/** A pull request read for the range: itself, its reviews and the commits GitHub lists. */
export interface PullFact {
  pull: GitHubPull
  reviews: readonly GitHubReview[]
  commits: readonly GitHubPullCommit[]
}

export interface CodeReviewInput {
  base: string | null
  baseSource: BaseSource
  head: string
  /** The range, oldest first. */
  commits: readonly RangeCommitFact[]
  pulls: readonly PullFact[]
  /** The pull requests GitHub associates with each looked-up commit, by number. */
  associated: ReadonlyMap<string, readonly number[]>
  requiredApprovals: number
  /** Notes gathered while reading (first deployment, rollback, …). */
  notes: readonly string[]
}

export interface CodeReviewRecord {
  schema_version: 1
  base: string | null
  base_source: BaseSource
  head: string
  commits: number
  reviewed: number
  unreviewed: Array<{
    sha: string
    headline: string
    author: string
    author_username: string
    reason: string
  }>
  pull_requests: Array<{
    number: number
    url: string
    author: string
    approvers: string[]
    merged_at: number | null
    commits_listed: number
  }>
  required_approvals: number
  notes: string[]
}

export interface CodeReviewVerdict {
  record: CodeReviewRecord
  compliant: boolean
  /** Every unreviewed commit, however many the record keeps. */
  unreviewed: Array<CodeReviewRecord['unreviewed'][number] & { url?: string }>
}

/** The pull requests that contain a commit: by their commit lists, merge commit, or GitHub's association. */
export function pullsContaining(
  sha: string,
  pulls: readonly PullFact[],
  associated: ReadonlyMap<string, readonly number[]>
): PullFact[] {
  const linked = new Set(associated.get(sha) ?? [])
  return pulls.filter(
    p =>
      linked.has(p.pull.number) ||
      p.pull.merge_commit_sha === sha ||
      p.commits.some(c => c.sha === sha)
  )
}

/** The approvers of a pull request who are neither its author nor the author of any of its commits. */
export function independentApprovers(p: PullFact): {
  counted: string[]
  authorsWhoApproved: string[]
} {
  const authors = new Set<string>()
  if (p.pull.user?.login) authors.add(p.pull.user.login)
  for (const c of p.commits) if (c.author?.login) authors.add(c.author.login)
  const all = approvers(p.reviews).map(a => a.username)
  return {
    counted: all.filter(login => !authors.has(login)),
    authorsWhoApproved: all.filter(login => authors.has(login))
  }
}

/** Every commit of the range came through a merged pull request approved by someone else. */
export function codeReviewRecord(input: CodeReviewInput): CodeReviewVerdict {
  const unreviewed: CodeReviewVerdict['unreviewed'] = []
  const notes = [...input.notes]
  for (const commit of input.commits) {
    const reason = whyUnreviewed(commit.sha, input)
    if (reason === undefined) continue
    unreviewed.push({
      sha: commit.sha,
      headline: commit.headline,
      author: commit.author,
      author_username: commit.authorUsername,
      reason,
      ...(commit.url ? { url: commit.url } : {})
    })
  }
  for (const p of input.pulls) {
    // GitHub lists 250 at most, and says no more: 250 listed may be all of them, or not.
    if (p.commits.length >= 250) {
      notes.push(
        `Pull request #${p.pull.number} lists 250 commits, the most GitHub lists; if it has more, it is judged on those 250.`
      )
    }
  }
  const pulls = [...input.pulls].sort((a, b) => a.pull.number - b.pull.number)
  if (unreviewed.length > RECORD_LIST_LIMIT) {
    notes.push(
      `unreviewed lists the first ${RECORD_LIST_LIMIT} of ${unreviewed.length} unreviewed commits.`
    )
  }
  if (pulls.length > RECORD_LIST_LIMIT) {
    notes.push(
      `pull_requests lists the first ${RECORD_LIST_LIMIT} of ${pulls.length} pull requests.`
    )
  }
  const record: CodeReviewRecord = {
    schema_version: 1,
    base: input.base,
    base_source: input.baseSource,
    head: input.head,
    commits: input.commits.length,
    reviewed: input.commits.length - unreviewed.length,
    unreviewed: unreviewed.slice(0, RECORD_LIST_LIMIT).map(u => ({
      sha: u.sha,
      headline: u.headline,
      author: u.author,
      author_username: u.author_username,
      reason: u.reason
    })),
    pull_requests: pulls.slice(0, RECORD_LIST_LIMIT).map(p => ({
      number: p.pull.number,
      url: p.pull.html_url,
      author: p.pull.user?.login ?? '',
      approvers: approvers(p.reviews).map(a => a.username),
      merged_at: p.pull.merged_at ? Math.floor(Date.parse(p.pull.merged_at) / 1000) : null,
      commits_listed: p.commits.length
    })),
    required_approvals: input.requiredApprovals,
    notes
  }
  return { record, compliant: unreviewed.length === 0, unreviewed }
}

function whyUnreviewed(sha: string, input: CodeReviewInput): string | undefined {
  const containing = pullsContaining(sha, input.pulls, input.associated)
  if (containing.length === 0) return 'pushed directly: no pull request contains it'
  const merged = containing.filter(p => p.pull.merged_at)
  if (merged.length === 0) {
    return `only in pull requests that are not merged (${containing.map(p => `#${p.pull.number} ${p.pull.state}`).join(', ')})`
  }
  const why: string[] = []
  for (const p of merged) {
    const { counted, authorsWhoApproved } = independentApprovers(p)
    if (counted.length >= input.requiredApprovals) return undefined
    why.push(
      `#${p.pull.number} has ${counted.length} of ${input.requiredApprovals} required approvals from someone other than its authors` +
        (authorsWhoApproved.length > 0
          ? ` (${authorsWhoApproved.map(q).join(', ')} approved but authored it)`
          : '')
    )
  }
  return `not reviewed by someone else: ${why.join('; ')}`
}

function q(login: string): string {
  return login === '' ? 'a deleted account' : login
}

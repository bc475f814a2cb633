import {
  type BaseSource,
  type CodeReviewVerdict,
  type DeploymentApprovalRecord,
  type PullFact,
  type RangeCommitFact,
  codeReviewRecord,
  deploymentApprovalRecord
} from '../evidence/approval-records.js'
import type { ApprovalEvidenceType } from '../evidence/names.js'
import { type RangeCommit, GitHubFactsError, type ReleaseFacts } from '../github/release-facts.js'
import { InputError } from '../inputs/problems.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import { capText, codeSpan, link, markdownText, table } from '../summary.js'

// Gathers GitHub's facts for deployment-approval and code-review evidence, computes the record and
// its verdict, and says in the job summary what is missing. Nothing here writes anywhere.

export interface ApprovalEvidenceSettings {
  evidence: ApprovalEvidenceType
  githubEnvironment?: string
  requiredApprovals: number
  allowSelfApproval: boolean
  commitsBase?: string
  maxCommits: number
  /** git-commit: the release's head. */
  head: string
  runId: string
  runAttempt: number
  actor: string
  triggeringActor: string
  /** The run's page with its attempt. */
  runUrl: string
}

export interface ApprovalEvidence {
  record: DeploymentApprovalRecord | CodeReviewVerdict['record']
  compliant: boolean
  /** Why it is non-compliant, in one line. */
  nonCompliantBecause?: string
  /** code-review: how many commits, and which were not reviewed. */
  commits?: number
  unreviewed?: string[]
  /** Markdown for the job summary: the verdict first, then what is missing. */
  summary: string
}

export async function gatherApprovalEvidence(
  settings: ApprovalEvidenceSettings,
  facts: ReleaseFacts,
  log: Log
): Promise<ApprovalEvidence> {
  return settings.evidence === 'deployment-approval'
    ? deploymentApproval(settings, facts, log)
    : codeReview(settings, facts, log)
}

async function deploymentApproval(
  settings: ApprovalEvidenceSettings,
  facts: ReleaseFacts,
  log: Log
): Promise<ApprovalEvidence> {
  const environment = settings.githubEnvironment ?? ''
  const reviews = await facts.runReviews(settings.runId)
  const record = deploymentApprovalRecord({
    environment,
    reviews,
    runUrl: settings.runUrl,
    runAttempt: settings.runAttempt,
    actor: settings.actor,
    triggeringActor: settings.triggeringActor,
    requiredApprovals: settings.requiredApprovals,
    allowSelfApproval: settings.allowSelfApproval
  })
  if (record.reviews.length === 0) log.warning(inert(record.reasons[0]))
  for (const r of record.reviews) {
    log.info(
      `Review for '${inert(environment)}': ${inert(r.reviewer || '(deleted account)')} ${r.state}${r.counted ? '' : ` (not counted: ${r.not_counted_because})`}.`
    )
  }
  const lines = [
    record.compliant
      ? `✅ **Compliant**: ${countedApprovers(record)} approved the deployment to ${codeSpan(environment)} (${settings.requiredApprovals} required).`
      : `❌ **Non-compliant**: ${markdownText(record.reasons.join(' '), 4000)}`,
    ''
  ]
  const notCounted = record.reviews.filter(r => !r.counted)
  if (notCounted.length > 0) {
    lines.push(
      table(
        ['Reviewer', 'State', 'Not counted because', 'Comment'],
        notCounted.map(r => [
          markdownText(r.reviewer || '(deleted account)'),
          r.state,
          r.not_counted_because ?? '–',
          markdownText(r.comment || '–')
        ]),
        `${notCounted.length} reviews that did not count`,
        200_000
      )
    )
  }
  return {
    record,
    compliant: record.compliant,
    ...(record.compliant ? {} : { nonCompliantBecause: record.reasons.join(' ') }),
    summary: lines.join('\n')
  }
}

function countedApprovers(record: DeploymentApprovalRecord): string {
  const names = [...new Set(record.reviews.filter(r => r.counted).map(r => r.reviewer))]
  return names.map(n => markdownText(n || '(deleted account)')).join(', ')
}

async function codeReview(
  settings: ApprovalEvidenceSettings,
  facts: ReleaseFacts,
  log: Log
): Promise<ApprovalEvidence> {
  const notes: string[] = []
  const { base, baseSource, baseText } = await findBase(settings, facts, log, notes)
  let range: RangeCommit[]
  if (base === null) {
    range = [await facts.commit(settings.head)]
  } else {
    const comparison = await facts.compare(base, settings.head, total => {
      if (total > settings.maxCommits) {
        throw new InputError([
          `'max-commits': the range ${base}...${settings.head} holds ${total} commits, more than max-commits (${settings.maxCommits}); give commits-base a later commit (the base is ${baseText}) or raise max-commits`
        ])
      }
    })
    range = comparison.commits
    if (range.length < comparison.totalCommits) {
      notes.push(
        `truncated: GitHub listed ${range.length} of the ${comparison.totalCommits} commits of the range; only those were reviewed`
      )
      log.warning(
        `code-review: GitHub listed ${range.length} of the ${comparison.totalCommits} commits of ${base}...${settings.head}; only those are reviewed.`
      )
    }
    if (comparison.status === 'behind') {
      notes.push(
        `rollback: ${settings.head} is behind the base ${base}; there are no new commits to review`
      )
    } else if (comparison.status === 'identical') {
      notes.push(`identical: ${settings.head} is the base; there are no new commits to review`)
      log.warning(
        `code-review: the head ${settings.head} is the base (${inert(baseText)}); nothing new is deployed, so nothing is reviewed.`
      )
    } else if (comparison.status === 'diverged') {
      notes.push(
        `diverged: ${settings.head} is not a descendant of the base ${base}; the commits since their merge base are reviewed`
      )
    }
  }
  checkRateLimit(range, facts)
  const { pulls, associated } = await findPulls(range, facts)
  const verdict = codeReviewRecord({
    base,
    baseSource,
    head: settings.head,
    commits: range.map(toFact),
    pulls,
    associated,
    requiredApprovals: settings.requiredApprovals,
    notes
  })
  const { record } = verdict
  log.info(
    `code-review: ${record.reviewed} of ${record.commits} commits since ${inert(baseText)} were reviewed, through ${pulls.length} pull requests (${facts.requests} GitHub requests).`
  )
  for (const u of verdict.unreviewed.slice(0, 50)) {
    log.info(`Not reviewed: ${u.sha.slice(0, 12)} ${inert(u.headline)}: ${inert(u.reason)}`)
  }
  return {
    record,
    compliant: verdict.compliant,
    ...(verdict.compliant
      ? {}
      : {
          nonCompliantBecause: `${verdict.unreviewed.length} of ${record.commits} commits were not reviewed`
        }),
    commits: record.commits,
    unreviewed: verdict.unreviewed.map(u => u.sha),
    summary: codeReviewSummary(verdict, baseText)
  }
}

interface Base {
  base: string | null
  baseSource: BaseSource
  /** The base in words, for lines and the summary. */
  baseText: string
}

async function findBase(
  settings: ApprovalEvidenceSettings,
  facts: ReleaseFacts,
  log: Log,
  notes: string[]
): Promise<Base> {
  if (settings.commitsBase) {
    return {
      base: settings.commitsBase,
      baseSource: { kind: 'input' },
      baseText: `commits-base ${settings.commitsBase}`
    }
  }
  const environment = settings.githubEnvironment
  if (!environment) {
    notes.push(
      'first deployment: neither commits-base nor github-environment was given, so only the head commit is reviewed'
    )
    log.warning(
      'code-review: neither commits-base nor github-environment is given, so only the head commit is reviewed. Set github-environment to review every commit since the last deployment.'
    )
    return { base: null, baseSource: null, baseText: 'no base' }
  }
  const run = await facts.workflowRun(settings.runId)
  const found = await facts.lastSuccessfulDeployment(environment, run.createdAt)
  if (found.truncated) {
    log.warning(
      `code-review: environment '${inert(environment)}' has more deployments than the ${found.listed} read; the base is the newest successful one among them.`
    )
  }
  if (!found.deployment) {
    if (found.listed === 0) {
      const named = await facts.recentEnvironments()
      log.warning(
        `code-review: no deployment names the environment '${inert(environment)}'. ` +
          (named.length > 0
            ? `Recent deployments name: ${named.map(n => `'${inert(n)}'`).join(', ')}.`
            : 'The repository has no recent deployments.') +
          " Check github-environment (it must match the job's environment: name)."
      )
    }
    notes.push(
      `first deployment: no successful deployment to '${environment}' was created before this run, so only the head commit is reviewed`
    )
    return { base: null, baseSource: null, baseText: 'no earlier deployment (first deployment)' }
  }
  const d = found.deployment
  const createdAt = Math.floor(Date.parse(d.createdAt) / 1000)
  return {
    base: d.sha,
    baseSource: { kind: 'github-deployment', deployment_id: d.id, created_at: createdAt },
    baseText: `deployment ${d.id} to '${environment}' of ${d.createdAt} (${d.sha})`
  }
}

/**
 * Before the lookups: what they may cost against what GitHub has left. A merge commit and the
 * commits it brings in cost one lookup and two pull-request reads; any other commit as much alone.
 */
export function estimateLookups(range: readonly RangeCommit[]): number {
  const inRange = new Map(range.map(c => [c.sha, c]))
  const covered = new Set<string>()
  const merges = range.filter(c => c.parents.length > 1)
  for (const merge of merges) {
    const first = reachable(merge.parents[0], inRange)
    for (const side of merge.parents.slice(1)) {
      for (const sha of reachable(side, inRange)) if (!first.has(sha)) covered.add(sha)
    }
  }
  const alone = range.filter(c => c.parents.length <= 1 && !covered.has(c.sha)).length
  return 3 * (merges.length + alone)
}

function reachable(from: string, inRange: Map<string, RangeCommit>): Set<string> {
  const seen = new Set<string>()
  const stack = [from]
  while (stack.length > 0) {
    const sha = stack.pop() as string
    const commit = inRange.get(sha)
    if (!commit || seen.has(sha)) continue
    seen.add(sha)
    stack.push(...commit.parents)
  }
  return seen
}

function checkRateLimit(range: readonly RangeCommit[], facts: ReleaseFacts): void {
  const estimate = estimateLookups(range)
  const left = facts.rateLimit
  if (!left || estimate <= left.remaining) return
  const reset = left.reset > 0 ? new Date(left.reset * 1000).toISOString() : 'an unknown time'
  throw new GitHubFactsError(
    `code-review needs about ${estimate} GitHub requests for the ${range.length} commits of the range, and GitHub's rate limit has ${left.remaining} left (x-ratelimit-remaining); it resets at ${reset}. ` +
      'Run the step after the reset, or give commits-base a later commit to review a shorter range.'
  )
}

/**
 * The pull requests of the range. Merge commits are looked up first: each names its pull request,
 * whose commit list then covers the commits it brought in without a lookup of their own.
 */
async function findPulls(
  range: readonly RangeCommit[],
  facts: ReleaseFacts
): Promise<{ pulls: PullFact[]; associated: Map<string, number[]> }> {
  const attributed = new Set<string>()
  const associated = new Map<string, number[]>()
  const pulls = new Map<number, Promise<PullFact>>()
  const readPull = (number: number, pull: PullFact['pull']): Promise<PullFact> => {
    let read = pulls.get(number)
    if (!read) {
      read = Promise.all([facts.pullReviews(number), facts.pullCommits(number)]).then(
        ([reviews, commits]) => {
          // Only a merged pull request vouches for its commits; others still get their own lookup.
          if (pull.merged_at) {
            for (const c of commits) attributed.add(c.sha)
            if (pull.merge_commit_sha) attributed.add(pull.merge_commit_sha)
          }
          return { pull, reviews, commits }
        }
      )
      pulls.set(number, read)
    }
    return read
  }
  const lookUp = async (sha: string): Promise<void> => {
    const found = await facts.pullsOfCommit(sha)
    associated.set(
      sha,
      found.map(p => p.number)
    )
    await Promise.all(found.map(p => readPull(p.number, p)))
  }
  const work = async (queue: RangeCommit[]): Promise<void> => {
    const next = async (): Promise<void> => {
      for (let c = queue.shift(); c; c = queue.shift()) {
        if (!attributed.has(c.sha)) await lookUp(c.sha)
      }
    }
    // The client keeps 4 in flight; as many workers keep it busy without racing ahead of attribution.
    await Promise.all(Array.from({ length: 4 }, next))
  }
  await work(range.filter(c => c.parents.length > 1))
  await work(range.filter(c => c.parents.length <= 1))
  return { pulls: await Promise.all(pulls.values()), associated }
}

function toFact(c: RangeCommit): RangeCommitFact {
  return {
    sha: c.sha,
    headline: c.headline,
    author: c.author,
    authorUsername: c.authorUsername,
    ...(c.url ? { url: c.url } : {})
  }
}

function codeReviewSummary(verdict: CodeReviewVerdict, baseText: string): string {
  const { record } = verdict
  const since = markdownText(baseText, 500)
  const lines = [
    verdict.compliant
      ? `✅ **Compliant**: all ${record.commits} commits since ${since} were reviewed (${record.required_approvals} approval${record.required_approvals === 1 ? '' : 's'} by someone other than their authors).`
      : `❌ **Non-compliant**: ${verdict.unreviewed.length} of ${record.commits} commits since ${since} were not reviewed (${record.reviewed} reviewed).`,
    ''
  ]
  for (const note of record.notes) lines.push(`- ${markdownText(capText(note, 1000))}`)
  if (record.notes.length > 0) lines.push('')
  if (verdict.unreviewed.length > 0) {
    lines.push(
      table(
        ['Commit', 'Headline', 'Author', 'Why not reviewed'],
        verdict.unreviewed.map(u => [
          link(codeSpan(u.sha.slice(0, 12)), u.url),
          markdownText(u.headline),
          markdownText(u.author_username ? `${u.author} (${u.author_username})` : u.author),
          markdownText(u.reason)
        ]),
        `${verdict.unreviewed.length} unreviewed commits`,
        400_000
      )
    )
  }
  return lines.join('\n')
}

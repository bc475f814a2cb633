import type { KosliClient } from './client.js'
import { kosliPath } from './paths.js'
import { COMMIT } from '../shapes/patterns.js'
import {
  type CreateApprovalBody,
  type ListedApproval,
  approvalEchoSchema,
  approvalListSchema
} from './schemas.js'
import { type FlowRef, findArtifactByFingerprint } from './artifacts.js'
import { KosliApprovalsRemovedError, isApprovalsGone } from './errors.js'

// Asked for, not relied on: Kosli documents no maximum, so a server may answer with fewer.
const PAGE_SIZE = 50
// A bounded walk: 100 pages are far beyond any real history of one flow.
const MAX_PAGES = 100

/** A request under /approvals/: a server that no longer serves them gets the one error that says so. */
async function approvalsRequest<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send()
  } catch (error) {
    throw isApprovalsGone(error) ? new KosliApprovalsRemovedError(error) : error
  }
}

function sameEnvironment(approval: ListedApproval, environment: string | undefined): boolean {
  return (approval.environment ?? undefined) === environment
}

export interface ApprovalScan {
  /**
   * The newest approvals for the environment, newest first, as long as each targets one of the
   * given fingerprints: what an earlier run of the same step created, which a re-run reuses.
   */
  recent: ListedApproval[]
  /**
   * The newest APPROVED approval for the environment of another artifact: where the commit range
   * starts. Pending requests and unapproved items never are.
   */
  previous?: ListedApproval
  /** The walk stopped at its bound before finding `previous` or the end of the list. */
  truncated: boolean
  /** How many approvals the walk read. */
  scanned: number
}

/**
 * Pages through the approvals (newest first) until the approval before this step: the newest
 * APPROVED one for the environment that targets none of the fingerprints.
 */
export async function scanApprovals(
  kosli: KosliClient,
  where: FlowRef,
  environment: string | undefined,
  fingerprints: ReadonlySet<string>
): Promise<ApprovalScan> {
  const recent: ListedApproval[] = []
  let leading = true
  let scanned = 0
  for await (const approval of listApprovals(kosli, where)) {
    if (approval === PAGE_BOUND) return { recent, truncated: true, scanned }
    scanned++
    if (!sameEnvironment(approval, environment)) continue
    const ours = fingerprints.has(approval.target_artifact)
    if (leading && ours) {
      recent.push(approval)
      continue
    }
    leading = false
    if (!ours && approval.state === 'APPROVED') {
      return { recent, previous: approval, truncated: false, scanned }
    }
  }
  return { recent, truncated: false, scanned }
}

const PAGE_BOUND = Symbol('page bound')

/**
 * Every approval of the flow, newest first, page by page. A page shorter than asked is not the
 * end (the server may cap the page size); the end is an empty page, or one shorter than the
 * largest page seen. Past MAX_PAGES it yields PAGE_BOUND and stops.
 */
async function* listApprovals(
  kosli: KosliClient,
  where: FlowRef
): AsyncGenerator<ListedApproval | typeof PAGE_BOUND> {
  let largest = 0
  for (let page = 1; page <= MAX_PAGES; page++) {
    const approvals = await approvalsRequest(() =>
      kosli.get(kosliPath`/approvals/${where.org}/${where.flow}`, approvalListSchema, {
        page,
        per_page: PAGE_SIZE
      })
    )
    yield* approvals
    if (approvals.length === 0 || approvals.length < largest) return
    largest = approvals.length
  }
  yield PAGE_BOUND
}

/** Why the commit range cannot be found when the walk hit its bound. */
export function truncatedScanMessage(
  where: FlowRef,
  environment: string | undefined,
  scanned: number
): string {
  return `No earlier APPROVED approval for environment "${environment ?? '(none)'}" in the newest ${scanned} approvals (${MAX_PAGES} pages) of flow "${where.flow}": give oldest-commit explicitly.`
}

/**
 * The git commit of the artifact an approval targets, as Kosli holds it: where the commit range of
 * the next approval starts.
 */
export async function approvedCommit(
  kosli: KosliClient,
  where: FlowRef,
  approval: ListedApproval
): Promise<string> {
  const artifact = await findArtifactByFingerprint(kosli, where, approval.target_artifact)
  const commit = artifact?.git_commit
  if (commit && COMMIT.test(commit)) return commit
  const why = artifact ? 'has no git commit in Kosli' : `is not in flow "${where.flow}"`
  throw new Error(
    `The commit range starts at approval #${approval.release_number}, but its artifact ${approval.target_artifact} ${why}: give oldest-commit explicitly.`
  )
}

export async function createApproval(
  kosli: KosliClient,
  where: FlowRef,
  body: CreateApprovalBody
): Promise<void> {
  // The answer is an echo of the request without a number; the number comes from the list.
  await approvalsRequest(() =>
    kosli.post(kosliPath`/approvals/${where.org}/${where.flow}`, body, approvalEchoSchema)
  )
}

/** The release number Kosli gave the approval just created for the fingerprint: the newest such. */
export async function findApprovalNumber(
  kosli: KosliClient,
  where: FlowRef,
  fingerprint: string,
  environment: string | undefined,
  state: ListedApproval['state']
): Promise<ListedApproval | undefined> {
  const approvals = await approvalsRequest(() =>
    kosli.get(kosliPath`/approvals/${where.org}/${where.flow}`, approvalListSchema, {
      page: 1,
      per_page: PAGE_SIZE
    })
  )
  return approvals.find(
    approval =>
      approval.target_artifact === fingerprint &&
      approval.state === state &&
      sameEnvironment(approval, environment)
  )
}

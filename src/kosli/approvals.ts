import type { Config } from '../inputs/index.js'
import { type KosliClient, kosliPath } from './client.js'
import {
  type CreateApprovalBody,
  type ListedApproval,
  approvalListSchema,
  createApprovalBodySchema
} from './schemas.js'
import { findArtifactsByCommit } from './artifacts.js'

const PAGE_SIZE = 50
// 100 pages of 50: far beyond any real history of one flow, and still a bounded walk.
const MAX_PAGES = 100

function sameEnvironment(approval: ListedApproval, environment: string | undefined): boolean {
  return (approval.environment ?? undefined) === environment
}

export interface ApprovalScan {
  /**
   * The newest approvals for the environment, newest first, as long as each targets one of the
   * given fingerprints: what an earlier run of the same step created, which a re-run reuses.
   */
  recent: ListedApproval[]
  /** The newest approval for the environment of another artifact: where the commit range starts. */
  previous?: ListedApproval
  /** The walk stopped at its bound before finding `previous` or the end of the list. */
  truncated: boolean
}

/**
 * Pages through the approvals (newest first) for the environment, and stops at the first one
 * that targets none of the fingerprints: the approval before this step.
 */
export async function scanApprovals(
  kosli: KosliClient,
  config: Config,
  environment: string | undefined,
  fingerprints: ReadonlySet<string>
): Promise<ApprovalScan> {
  const recent: ListedApproval[] = []
  for (let page = 1; page <= MAX_PAGES; page++) {
    const approvals = await kosli.get(
      kosliPath`/approvals/${config.org}/${config.flow}`,
      approvalListSchema,
      { page, per_page: PAGE_SIZE }
    )
    for (const approval of approvals) {
      if (!sameEnvironment(approval, environment)) continue
      if (!fingerprints.has(approval.target_artifact)) {
        return { recent, previous: approval, truncated: false }
      }
      recent.push(approval)
    }
    if (approvals.length < PAGE_SIZE) return { recent, truncated: false }
  }
  return { recent, truncated: true }
}

/** Why the commit range cannot be found when the walk hit its bound. */
export function truncatedScanMessage(config: Config, environment: string | undefined): string {
  return `No earlier approval for environment "${environment ?? '(none)'}" in the newest ${MAX_PAGES * PAGE_SIZE} approvals of flow "${config.flow}": give oldest-commit explicitly.`
}

/**
 * The git commit of the artifact an approval targets. Its src_commit_list holds that commit at
 * one end (newest first from the Kosli CLI and this action); Kosli confirms which.
 */
export async function approvedCommit(
  kosli: KosliClient,
  config: Config,
  approval: ListedApproval
): Promise<string | undefined> {
  const list = approval.src_commit_list
  const candidates = [...new Set([list[0], list[list.length - 1]].filter(Boolean))]
  for (const commit of candidates) {
    const artifacts = await findArtifactsByCommit(kosli, { ...config, trail: undefined }, commit)
    if (artifacts.some(artifact => artifact.fingerprint === approval.target_artifact)) return commit
  }
  return candidates[0]
}

export async function createApproval(
  kosli: KosliClient,
  config: Config,
  body: CreateApprovalBody
): Promise<void> {
  // The answer is an echo of the request without a number; the number comes from the list.
  await kosli.post(
    kosliPath`/approvals/${config.org}/${config.flow}`,
    body,
    createApprovalBodySchema.partial().loose()
  )
}

/** The release number Kosli gave the approval just created for the fingerprint. */
export async function findApprovalNumber(
  kosli: KosliClient,
  config: Config,
  fingerprint: string,
  environment: string | undefined
): Promise<ListedApproval | undefined> {
  const approvals = await kosli.get(
    kosliPath`/approvals/${config.org}/${config.flow}`,
    approvalListSchema,
    { page: 1, per_page: PAGE_SIZE }
  )
  return approvals.find(
    approval => approval.target_artifact === fingerprint && sameEnvironment(approval, environment)
  )
}

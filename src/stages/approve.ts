import type { FlowRef } from '../kosli/artifacts.js'
import type { KosliClient } from '../kosli/client.js'
import {
  type ApprovalScan,
  approvedCommit,
  createApproval,
  findApprovalNumber,
  scanApprovals,
  truncatedScanMessage
} from '../kosli/approvals.js'
import { buildApprovalPayload } from '../kosli/payloads.js'
import type { GitHubClient, LocalGit, RunContext } from '../provenance/index.js'
import { listCommitsBetween } from '../provenance/index.js'
import type { Artifact } from './resolve-artifacts.js'

export interface ApprovalOutcome {
  artifact: string
  fingerprint: string
  environment?: string
  state: 'APPROVED' | 'PENDING' | 'UNAPPROVED'
  releaseNumber?: number
  reused: boolean
  oldestCommit?: string
  commitCount: number
  commitsSource: string
}

export interface ApprovalDeps {
  kosli: KosliClient
  github?: GitHubClient
  git: LocalGit
  log: (line: string) => void
}

export interface ApprovalSettings {
  where: FlowRef
  approval: 'approve' | 'request'
  environment?: string
  description: string
  approver: string
  /** Where the commit range starts; by default after the approval before this step. */
  oldestCommit?: string
  gitCommit: string
  /** The approval's URL: this run. */
  buildUrl: string
  dryRun: boolean
  /** The repository whose commits make the range. */
  ctx: RunContext
}

/** Creates (or reuses) one approval per artifact for the approval environment. */
export async function createApprovals(
  settings: ApprovalSettings,
  artifacts: Artifact[],
  deps: ApprovalDeps
): Promise<ApprovalOutcome[]> {
  const { environment, description } = settings
  const state = settings.approval === 'approve' ? 'APPROVED' : 'PENDING'
  // One walk through the list before anything is created: what a re-run of this step reuses, and
  // the approval before this step, where the commit range of every approval created here starts.
  const scan = await scanApprovals(
    deps.kosli,
    settings.where,
    environment,
    new Set(artifacts.map(artifact => artifact.fingerprint))
  )
  let range: Promise<CommitRange> | undefined
  const commitRange = (): Promise<CommitRange> => (range ??= findCommitRange(settings, scan, deps))
  const outcomes: ApprovalOutcome[] = []
  const done = new Map<string, ApprovalOutcome>()
  // One at a time, so the approvals of one step get consecutive numbers in artifact order.
  for (const artifact of artifacts) {
    const same = done.get(artifact.fingerprint)
    if (same) {
      outcomes.push({ ...same, artifact: artifact.name, reused: true })
      continue
    }
    const existing = scan.recent.find(approval => approval.target_artifact === artifact.fingerprint)
    // Re-runs reuse what they created; an approval after a pending request is a new record.
    if (existing && existing.state === state) {
      deps.log(`Approval #${existing.release_number} already covers ${artifact.name}: reusing it`)
      const outcome: ApprovalOutcome = {
        artifact: artifact.name,
        fingerprint: artifact.fingerprint,
        environment,
        state: existing.state,
        releaseNumber: existing.release_number,
        reused: true,
        commitCount: existing.src_commit_list.length,
        commitsSource: 'the existing approval'
      }
      outcomes.push(outcome)
      done.set(artifact.fingerprint, outcome)
      continue
    }
    const { oldestCommit, srcCommitList, source } = await commitRange()
    const body = buildApprovalPayload(
      { approval: settings.approval, approvalEnvironment: environment },
      {
        fingerprint: artifact.fingerprint,
        srcCommitList,
        oldestCommit,
        description,
        approver: settings.approver,
        approvalUrl: settings.buildUrl
      }
    )
    await createApproval(deps.kosli, settings.where, body)
    const created = settings.dryRun
      ? undefined
      : await findApprovalNumber(
          deps.kosli,
          settings.where,
          artifact.fingerprint,
          environment,
          state
        )
    const outcome: ApprovalOutcome = {
      artifact: artifact.name,
      fingerprint: artifact.fingerprint,
      environment,
      state,
      releaseNumber: created?.release_number,
      reused: false,
      oldestCommit,
      commitCount: srcCommitList.length,
      commitsSource: source
    }
    outcomes.push(outcome)
    done.set(artifact.fingerprint, outcome)
  }
  return outcomes
}

interface CommitRange {
  oldestCommit?: string
  /** Newest first, as the Kosli CLI lists them: the approved commit leads. */
  srcCommitList: string[]
  source: string
}

/** The commits after the approval before this step (or oldest-commit) up to the commit. */
async function findCommitRange(
  settings: ApprovalSettings,
  scan: ApprovalScan,
  deps: ApprovalDeps
): Promise<CommitRange> {
  const { where, environment, gitCommit } = settings
  if (settings.oldestCommit === undefined && scan.truncated) {
    throw new Error(truncatedScanMessage(where, environment, scan.scanned))
  }
  const oldestCommit =
    settings.oldestCommit ??
    (scan.previous ? await approvedCommit(deps.kosli, where, scan.previous) : undefined)
  const range = await listCommitsBetween(oldestCommit, gitCommit, settings.ctx, deps)
  const srcCommitList = range.shas.length > 0 ? range.shas : [gitCommit]
  return { oldestCommit, srcCommitList, source: range.source }
}

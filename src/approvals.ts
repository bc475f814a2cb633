import type { Artifact } from './artifacts.js'
import type { Config } from './inputs/index.js'
import type { KosliClient } from './kosli/client.js'
import {
  type ApprovalScan,
  approvedCommit,
  createApproval,
  findApprovalNumber,
  scanApprovals,
  truncatedScanMessage
} from './kosli/approvals.js'
import { buildApprovalPayload } from './kosli/payloads.js'
import type { LocalGit, RunContext } from './provenance/index.js'
import { listCommitsBetween } from './provenance/index.js'
import type { Octokit } from '@octokit/rest'

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
  octokit?: Octokit
  git: LocalGit
  log: (line: string) => void
}

/** Creates (or reuses) one approval per artifact for the approval environment. */
export async function createApprovals(
  config: Config,
  ctx: RunContext,
  artifacts: Artifact[],
  gitCommit: string,
  buildUrl: string,
  deps: ApprovalDeps
): Promise<ApprovalOutcome[]> {
  const environment = config.approvalEnvironment
  const description =
    config.approvalDescription ??
    (config.approval === 'approve'
      ? `Approved in ${ctx.workflow} run ${ctx.runNumber}`
      : `Approval requested in ${ctx.workflow} run ${ctx.runNumber}`)
  const state = config.approval === 'approve' ? 'APPROVED' : 'PENDING'
  // One walk through the list before anything is created: what a re-run of this step reuses, and
  // the approval before this step, where the commit range of every approval created here starts.
  const scan = await scanApprovals(
    deps.kosli,
    config,
    environment,
    new Set(artifacts.map(artifact => artifact.fingerprint))
  )
  let range: Promise<CommitRange> | undefined
  const commitRange = (): Promise<CommitRange> =>
    (range ??= findCommitRange(config, ctx, gitCommit, scan, environment, deps))
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
    // Re-runs reuse; but an approval after a pending request is a new record, not a reuse.
    if (existing && (existing.state === 'APPROVED' || existing.state === state)) {
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
    const body = buildApprovalPayload(config, {
      fingerprint: artifact.fingerprint,
      srcCommitList,
      oldestCommit,
      description,
      approver: config.approver ?? ctx.actor,
      approvalUrl: buildUrl
    })
    await createApproval(deps.kosli, config, body)
    const created = config.dryRun
      ? undefined
      : await findApprovalNumber(deps.kosli, config, artifact.fingerprint, environment)
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
  config: Config,
  ctx: RunContext,
  gitCommit: string,
  scan: ApprovalScan,
  environment: string | undefined,
  deps: ApprovalDeps
): Promise<CommitRange> {
  if (config.oldestCommit === undefined && scan.truncated) {
    throw new Error(truncatedScanMessage(config, environment))
  }
  const oldestCommit =
    config.oldestCommit ??
    (scan.previous ? await approvedCommit(deps.kosli, config, scan.previous) : undefined)
  const range = await listCommitsBetween(oldestCommit, gitCommit, ctx, deps)
  const srcCommitList = range.shas.length > 0 ? [...range.shas].reverse() : [gitCommit]
  return { oldestCommit, srcCommitList, source: range.source }
}

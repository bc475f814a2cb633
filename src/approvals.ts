import type { Artifact } from './artifacts.js'
import type { Config } from './inputs.js'
import type { KosliClient } from './kosli/client.js'
import {
  approvedCommit,
  createApproval,
  findApprovalNumber,
  findPreviousApproval
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
  const outcomes: ApprovalOutcome[] = []
  // One at a time: each approval becomes the "previous approval" of the next.
  for (const artifact of artifacts) {
    const previous = await findPreviousApproval(deps.kosli, config, environment)
    // Re-runs reuse; but an approval after a pending request is a new record, not a reuse.
    const covers = previous?.state === 'APPROVED' || previous?.state === state
    if (previous && previous.target_artifact === artifact.fingerprint && covers) {
      deps.log(`Approval #${previous.release_number} already covers ${artifact.name}: reusing it`)
      outcomes.push({
        artifact: artifact.name,
        fingerprint: artifact.fingerprint,
        environment,
        state: previous.state,
        releaseNumber: previous.release_number,
        reused: true,
        commitCount: previous.src_commit_list.length,
        commitsSource: 'the existing approval'
      })
      continue
    }
    const oldestCommit =
      config.oldestCommit ??
      (previous ? await approvedCommit(deps.kosli, config, previous) : undefined)
    const range = await listCommitsBetween(oldestCommit, gitCommit, ctx, deps)
    // Newest first, as the Kosli CLI lists them: the approved commit leads.
    const srcCommitList = range.shas.length > 0 ? [...range.shas].reverse() : [gitCommit]
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
    outcomes.push({
      artifact: artifact.name,
      fingerprint: artifact.fingerprint,
      environment,
      state,
      releaseNumber: created?.release_number,
      reused: false,
      oldestCommit,
      commitCount: srcCommitList.length,
      commitsSource: range.source
    })
  }
  return outcomes
}

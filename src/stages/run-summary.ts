// The main action's outcome, from what its stages returned: its outputs and its job summary.
import { setOutput } from '@actions/core'
import { print } from '../print.js'
import { stateBadge } from '../shapes/patterns.js'
import {
  ERROR_TEXT_LIMIT,
  FOLD_AFTER,
  OUTPUT_LIMIT,
  SUMMARY_LIMIT,
  capText,
  codeSpan,
  jsonArrayWithin,
  link,
  markdownText,
  setBoundedOutput,
  table,
  writeJobSummary
} from '../summary.js'
import type { ApprovalOutcome } from './approve.js'
import type { DeploymentOutcome } from './deploy.js'
import type { ReportedArtifact } from './report.js'

export type { ReportedArtifact } from './report.js'

export interface RunOutcome {
  dryRun: boolean
  org: string
  flow: string
  host: string
  gitCommit?: string
  commitUrl?: string
  trail?: string
  commitsCount?: number
  artifacts: ReportedArtifact[]
  approvals: ApprovalOutcome[]
  deployments: DeploymentOutcome[]
  /** Set in warn mode when Kosli could not be reached. */
  kosliUnavailable?: string
  /** Set when require-compliant was skipped because Kosli could not be reached (warn). */
  gateNotChecked?: string
  /** The state of the trail this step began, as markdown. */
  trailState?: string
  /** This step created or updated the flow from its template (in dry run: printed). */
  flowTemplated?: boolean
  /** The trail this step began or updated (in dry run: printed). */
  trailBegun?: string
  error?: string
  /** This step reports its artifacts to Kosli (a build job), rather than acting on what Kosli holds. */
  reports?: boolean
}

export function artifactsOutput(outcome: RunOutcome): object[] {
  return outcome.artifacts.map(artifact => ({
    name: artifact.name,
    fingerprint: artifact.fingerprint,
    type: artifact.type,
    ...(artifact.path !== undefined && { path: artifact.path }),
    ...(artifact.reference !== undefined && { reference: artifact.reference }),
    url: artifact.url,
    ...(artifact.complianceState !== undefined && { compliance_state: artifact.complianceState }),
    ...(artifact.reported !== undefined && { reported: artifact.reported }),
    ...(artifact.error !== undefined && { error: capText(artifact.error, ERROR_TEXT_LIMIT) })
  }))
}

/** The `artifacts` output: a JSON array of the first entries that fit in `limit` bytes. */
export function artifactsJson(
  outcome: RunOutcome,
  limit = OUTPUT_LIMIT
): { json: string; left: number } {
  return jsonArrayWithin(artifactsOutput(outcome), limit)
}

export function setOutputs(outcome: RunOutcome): void {
  const first = outcome.artifacts[0]
  if (first) {
    setBoundedOutput('fingerprint', first.fingerprint)
    setBoundedOutput('artifact-url', first.url)
    if (first.complianceState) setBoundedOutput('compliance-state', first.complianceState)
  }
  const { json, left } = artifactsJson(outcome)
  setOutput('artifacts', json)
  if (left > 0) {
    const total = outcome.artifacts.length
    print.warning(
      `The artifacts output lists ${total - left} of ${total} artifacts: ${left} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`
    )
  }
  const approval = outcome.approvals.find(item => item.releaseNumber !== undefined)
  if (approval) setBoundedOutput('approval-number', String(approval.releaseNumber))
  const ids = outcome.deployments.flatMap(item => item.recordIds)
  if (ids.length > 0) setBoundedOutput('deployment-record-ids', ids.join(','))
}

// Outside text in a cell or a sentence: escaped, on one line, cut at markdownText's limit.
function cell(text: string, limit?: number): string {
  return markdownText(text, limit)
}

/** A page of Kosli's web app, from the host and path segments. */
function kosliPage(host: string, ...segments: string[]): string {
  return `${host.replace(/\/+$/, '')}/${segments.map(encodeURIComponent).join('/')}`
}

function flowUrl(outcome: RunOutcome): string {
  return kosliPage(outcome.host, outcome.org, 'flows', outcome.flow)
}

function trailUrl(outcome: RunOutcome, trail: string): string {
  return kosliPage(outcome.host, outcome.org, 'flows', outcome.flow, 'trails', trail)
}

/** Kosli has a page for it: this step reported it, or Kosli answered about it. */
function inKosli(outcome: RunOutcome, artifact: ReportedArtifact): boolean {
  if (artifact.reported === true) return !outcome.dryRun
  if (artifact.reported === false) return false
  return (
    artifact.type === 'kosli' ||
    artifact.complianceState !== undefined ||
    outcome.approvals.some(
      approval =>
        approval.fingerprint === artifact.fingerprint && approval.releaseNumber !== undefined
    )
  )
}

/** `1 artifact`, `2 artifacts`. */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** What the step recorded (or, in a dry run, would have), as clauses of one sentence. */
function deeds(outcome: RunOutcome, flow: string): { clauses: string[]; namesFlow: boolean } {
  const dry = outcome.dryRun
  const clauses: string[] = []
  if (outcome.flowTemplated) {
    clauses.push(
      `${dry ? 'would create or update' : 'created or updated'} flow ${flow} from its template`
    )
  }
  if (outcome.trailBegun !== undefined) {
    clauses.push(`${dry ? 'would begin' : 'began'} trail ${codeSpan(outcome.trailBegun)}`)
  }
  const total = outcome.artifacts.length
  if (reports(outcome) && total > 0) {
    const reported = outcome.artifacts.filter(artifact => artifact.reported === true).length
    if (dry) clauses.push(`would report ${count(total, 'artifact')} to flow ${flow}`)
    else if (reported === total)
      clauses.push(`reported ${count(total, 'artifact')} to flow ${flow}`)
    else if (reported > 0)
      clauses.push(`reported ${reported} of ${count(total, 'artifact')} to flow ${flow}`)
  }
  const fresh = outcome.approvals.filter(approval => !approval.reused)
  const approved = fresh.filter(approval => approval.state === 'APPROVED').length
  const requested = fresh.length - approved
  const reused = outcome.approvals.length - fresh.length
  if (approved > 0)
    clauses.push(`${dry ? 'would approve' : 'approved'} ${count(approved, 'artifact')}`)
  if (requested > 0) {
    clauses.push(
      `${dry ? 'would request' : 'requested'} approval of ${count(requested, 'artifact')}`
    )
  }
  if (reused > 0) clauses.push(`reused the existing approval of ${count(reused, 'artifact')}`)
  if (outcome.deployments.length > 0) {
    const environments = [...new Set(outcome.deployments.map(item => item.environment))]
    const where = environments.map(name => cell(name)).join(', ')
    const records = count(outcome.deployments.length, 'deployment record')
    clauses.push(`${dry ? 'would record' : 'recorded'} ${records} for ${where} in GitHub`)
  }
  return { clauses, namesFlow: clauses.some(clause => clause.includes(` flow ${flow}`)) }
}

function reports(outcome: RunOutcome): boolean {
  return outcome.reports ?? outcome.artifacts.some(artifact => artifact.reported !== undefined)
}

function sentence(clauses: string[]): string {
  if (clauses.length < 2) return clauses[0] ?? ''
  return `${clauses.slice(0, -1).join(', ')} and ${clauses[clauses.length - 1]}`
}

/** The first line: what the step did, with links to the flow and trail once they are in Kosli. */
function verdict(outcome: RunOutcome): string {
  const known = outcome.artifacts.some(artifact => inKosli(outcome, artifact))
  const flow = link(cell(outcome.flow), known ? flowUrl(outcome) : undefined)
  const trail =
    outcome.trail === undefined
      ? ''
      : ` · trail ${link(codeSpan(outcome.trail), known ? trailUrl(outcome, outcome.trail) : undefined)}`
  const { clauses, namesFlow } = deeds(outcome, flow)
  const done = clauses.length > 0 ? sentence(clauses) : undefined
  // The flow is named once: in what was done, or after it.
  const tail = `${namesFlow ? '' : ` · flow ${flow}`}${trail}`
  if (outcome.error) {
    const what =
      done ?? (reports(outcome) ? `nothing was reported to flow ${flow}` : 'nothing was recorded')
    const named = namesFlow || done === undefined
    return `❌ **Failed: ${what}**${named && reports(outcome) ? trail : tail}. The error is below.`
  }
  if (outcome.kosliUnavailable) {
    // Deployment records come last and need only GitHub: written, they followed the outage.
    const recordsWritten = outcome.deployments.some(record => record.recordIds.length > 0)
    const after = recordsWritten
      ? 'nothing was recorded in Kosli after it became unavailable'
      : 'nothing after that was recorded'
    const what = done ? `${done}; ${after}` : 'nothing was recorded'
    return `⚠️ **Kosli was unavailable: ${what}**${tail}. The step passed (on-kosli-unavailable: warn).`
  }
  if (outcome.dryRun) {
    return `🧪 **Dry run: ${done ?? 'nothing to record'}**${tail}. Nothing was recorded.`
  }
  const what = done ?? 'nothing to record'
  return `✅ **${what.charAt(0).toUpperCase()}${what.slice(1)}**${tail}.`
}

// An artifact's state other than the two verdicts needs a look before it is deployed.
const artifactBadge = (state: string | undefined): string => stateBadge(state, '⚠️', cell)

function reportedCell(outcome: RunOutcome, artifact: ReportedArtifact): string {
  if (artifact.reported === true) return outcome.dryRun ? 'dry run: printed' : '✅'
  if (artifact.reported === false) return '❌ not reported'
  // Planned but never sent: the step stopped first.
  return reports(outcome) && (outcome.error || outcome.kosliUnavailable) ? 'not reported' : '–'
}

function artifactsLabel(outcome: RunOutcome): string {
  const total = outcome.artifacts.length
  const reported = outcome.artifacts.filter(artifact => artifact.reported === true).length
  const failed = outcome.artifacts.filter(artifact => artifact.reported === false).length
  const counts = [
    reported > 0 ? `${reported} ${outcome.dryRun ? 'in the dry run' : 'reported'}` : '',
    failed > 0 ? `${failed} not reported` : ''
  ].filter(Boolean)
  return `${total} artifacts${counts.length > 0 ? `: ${counts.join(', ')}` : ''}`
}

// Kosli shows an artifact's approvals on its page.
function approvalArtifactUrl(outcome: RunOutcome, approval: ApprovalOutcome): string | undefined {
  return outcome.artifacts.find(artifact => artifact.fingerprint === approval.fingerprint)?.url
}

// Headings and the line on rows left out, besides the tables themselves.
const SUMMARY_RESERVE = 4_000

export function renderSummary(outcome: RunOutcome): string {
  const parts: string[] = ['## Kosli\n']
  // The trail's state comes last; the tables leave room for it.
  let used = outcome.trailState ? Buffer.byteLength(outcome.trailState) + 1 : 0
  const push = (text: string): void => {
    parts.push(text)
    used += Buffer.byteLength(text) + 1
  }
  // The tables still to come share what is left of the limit; one that needs less leaves the rest.
  let tablesToCome = [
    outcome.artifacts.length > 0,
    outcome.approvals.length > 0,
    outcome.deployments.length > 0
  ].filter(Boolean).length
  const budget = (): number =>
    Math.max(0, Math.floor((SUMMARY_LIMIT - SUMMARY_RESERVE - used) / Math.max(1, tablesToCome)))

  push(`${verdict(outcome)}\n`)
  for (const notice of notices(outcome)) push(notice)
  const commit = outcome.gitCommit
    ? link(cell(outcome.gitCommit.slice(0, 7)), outcome.commitUrl)
    : '–'
  push(
    `Org **${cell(outcome.org)}** · commit ${commit}` +
      (outcome.commitsCount !== undefined
        ? ` · ${outcome.commitsCount} commit(s) since the last build`
        : '') +
      '\n'
  )
  if (outcome.artifacts.length > 0) {
    push('### Artifacts\n')
    artifactTables(outcome, push, budget)
    tablesToCome--
  }
  if (outcome.approvals.length > 0) {
    push('### Approvals\n')
    push(
      table(
        ['Artifact', 'Approval', 'State', 'Environment', 'Commits covered'],
        outcome.approvals.map(approval => approvalRow(outcome, approval)),
        `${outcome.approvals.length} approvals`,
        budget()
      )
    )
    tablesToCome--
  }
  if (outcome.deployments.length > 0) {
    push('### Deployment records\n')
    push(
      table(
        ['Artifact', 'Environment', 'Cluster', 'Deployment', 'Status', 'Compliance', 'Record'],
        outcome.deployments.map(deployment => deploymentRow(outcome, deployment)),
        `${outcome.deployments.length} deployment records`,
        budget()
      )
    )
    tablesToCome--
  }
  // Its bytes were counted before the tables.
  if (outcome.trailState) parts.push(outcome.trailState)
  return parts.join('\n')
}

/** The notes under the verdict: dry run, an outage, a gate not checked, the error. */
function notices(outcome: RunOutcome): string[] {
  const found: string[] = []
  if (outcome.dryRun) {
    found.push(
      '> [!NOTE]\n> **Dry run:** reads were sent to Kosli and GitHub; every write was printed in the log instead of sent.\n'
    )
  }
  // The error is shown once, here; the rows it concerns say only "not reported".
  if (outcome.kosliUnavailable) {
    found.push(`> [!WARNING]\n> ${cell(outcome.kosliUnavailable, ERROR_TEXT_LIMIT)}\n`)
  }
  if (outcome.gateNotChecked !== undefined) {
    found.push(
      `> [!WARNING]\n> **require-compliant: not checked.** Kosli was unavailable, so the gate was skipped${outcome.deployments.length > 0 ? ' and the deployment records were written without it' : ''} (on-kosli-unavailable: warn). ${cell(outcome.gateNotChecked, ERROR_TEXT_LIMIT)}\n`
    )
  }
  if (outcome.error) {
    const lines = capText(outcome.error, 10 * ERROR_TEXT_LIMIT).split(/\r?\n/)
    found.push(
      `> [!CAUTION]\n> **Error:** ${lines.map(line => cell(line, Infinity)).join('\n> ')}\n`
    )
  }
  return found
}

function artifactTables(
  outcome: RunOutcome,
  push: (text: string) => void,
  budget: () => number
): void {
  // A step that reports nothing (a deploy or approval job) has no Reported column to fill.
  const reporting = reports(outcome)
  const header = [
    'Artifact',
    'Fingerprint',
    'Type',
    'Compliance',
    ...(reporting ? ['Reported'] : [])
  ]
  const row = (artifact: ReportedArtifact): string[] => [
    cell(artifact.name),
    link(
      cell(artifact.fingerprint.slice(0, 12)),
      inKosli(outcome, artifact) ? artifact.url : undefined
    ),
    cell(artifact.type),
    artifactBadge(artifact.complianceState),
    ...(reporting ? [reportedCell(outcome, artifact)] : [])
  ]
  const failed = outcome.artifacts.filter(artifact => artifact.reported === false)
  const folds = outcome.artifacts.length > FOLD_AFTER
  // A long table folds away, but what failed stays in sight above it.
  if (folds && failed.length > 0) {
    push(`**Not reported (${failed.length}):**\n`)
    push(table(header, failed.slice(0, FOLD_AFTER).map(row)))
  }
  push(table(header, outcome.artifacts.map(row), artifactsLabel(outcome), budget()))
}

function approvalRow(outcome: RunOutcome, approval: ApprovalOutcome): string[] {
  return [
    cell(approval.artifact),
    approval.releaseNumber !== undefined
      ? `${link(`#${cell(String(approval.releaseNumber))}`, approvalArtifactUrl(outcome, approval))}${approval.reused ? ' (reused)' : ''}`
      : outcome.dryRun
        ? 'dry run'
        : '–',
    cell(approval.state),
    cell(approval.environment ?? '–'),
    `${approval.commitCount}${approval.oldestCommit ? ` after ${cell(approval.oldestCommit.slice(0, 7))}` : ''}`
  ]
}

function deploymentRow(outcome: RunOutcome, deployment: DeploymentOutcome): string[] {
  return [
    cell(deployment.artifact),
    cell([deployment.environment, deployment.physicalEnvironment].filter(Boolean).join(' / ')),
    cell(deployment.cluster ?? '–'),
    cell(deployment.deploymentName),
    cell(deployment.status),
    outcome.gateNotChecked !== undefined
      ? '⚠️ not checked'
      : artifactBadge(deployment.complianceState),
    cell(deployment.recordIds.join(', ')) || (outcome.dryRun ? 'dry run' : '–')
  ]
}

export async function writeSummary(outcome: RunOutcome): Promise<void> {
  await writeJobSummary(renderSummary(outcome))
}

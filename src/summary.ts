import { setOutput, summary } from '@actions/core'
import { inert, print } from './print.js'
import { stateBadge } from './shapes/patterns.js'
import type { ApprovalOutcome } from './stages/approve.js'
import type { DeploymentOutcome } from './stages/deploy.js'
import type { ReportedArtifact } from './stages/report.js'

export type { ReportedArtifact } from './stages/report.js'

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

/** GitHub keeps at most 1 MiB of one output and of one step's summary; these stay below it. */
export const OUTPUT_LIMIT = 1_000_000
export const SUMMARY_LIMIT = 1_000_000
/** An error text longer than this is cut in the outputs and the summary; the log has it all. */
export const ERROR_TEXT_LIMIT = 4_000
/** Any other one value (a name, a state) in the summary. */
const CELL_LIMIT = 1_000

/** `text`, cut to `limit` characters with a note of how much was left out. */
export function capText(text: string, limit: number): string {
  if (text.length <= limit) return text
  return `${text.slice(0, limit)}… (${text.length - limit} more characters)`
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

/** A JSON array of the first entries that fit in `limit` bytes, and how many were left out. */
export function jsonArrayWithin(
  items: readonly object[],
  limit = OUTPUT_LIMIT
): { json: string; left: number } {
  const entries = items.map(entry => JSON.stringify(entry))
  let bytes = 2
  let kept = 0
  for (const entry of entries) {
    const size = Buffer.byteLength(entry) + (kept > 0 ? 1 : 0)
    if (bytes + size > limit) break
    bytes += size
    kept++
  }
  return { json: `[${entries.slice(0, kept).join(',')}]`, left: entries.length - kept }
}

export function setBoundedOutput(name: string, value: string): void {
  if (Buffer.byteLength(value) > OUTPUT_LIMIT) {
    print.warning(
      `The ${name} output is not set: its value has ${Buffer.byteLength(value)} bytes, and GitHub keeps at most 1 MiB of an output.`
    )
    return
  }
  setOutput(name, value)
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

// Long tables fold away so a summary of 100 artifacts still reads at a glance.
const FOLD_AFTER = 20

// Backslash-escaped, these show as themselves: no tag, link, image, code, emphasis, table cell
// break, entity, heading or math can come out of a name.
const MARKDOWN = /[\\`*_[\]<>|!&~#$]/g

/** Outside text as markdown that shows exactly that text, on one line, at most `limit` long. */
export function markdownText(text: string, limit = CELL_LIMIT): string {
  return (
    inert(capText(text, limit).replace(MARKDOWN, match => `\\${match}`))
      // GitHub makes links of bare URLs, www. names and @mentions; a zero-width space stops it.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/(www)\./gi, '$1\u200b.')
      .replace(/@/g, '@\u200b')
  )
}

function cell(text: string, limit = CELL_LIMIT): string {
  return markdownText(text, limit)
}

// `markdown` is the link's text, already escaped. Only http(s) links; the characters that would end a markdown link early are percent-encoded.
export function link(markdown: string, url: string | undefined): string {
  const safe =
    url && /^https?:\/\//i.test(url)
      ? // eslint-disable-next-line no-control-regex -- control characters are among those encoded
        url.replace(/[()<>[\]\\"'`\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c =>
          encodeURIComponent(c).replace(
            /[()']/g,
            p => `%${p.charCodeAt(0).toString(16).toUpperCase()}`
          )
        )
      : undefined
  return safe ? `[${markdown}](${safe})` : markdown
}

/**
 * A markdown table; past FOLD_AFTER rows it folds away behind `label` (what the rows are). Rows
 * past `budget` bytes are left out, and a line says how many.
 */
export function table(
  header: string[],
  rows: string[][],
  label = `${rows.length} rows`,
  budget = SUMMARY_LIMIT
): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  // Room for the fold, the label and the note on rows left out.
  let bytes = Buffer.byteLength(lines.join('\n')) + Buffer.byteLength(label) + 300
  let shown = 0
  for (const row of rows) {
    const line = `| ${row.join(' | ')} |`
    bytes += Buffer.byteLength(line) + 1
    if (bytes > budget) break
    lines.push(line)
    shown++
  }
  if (shown < rows.length) {
    lines.push(
      '',
      `${rows.length - shown} more not shown: GitHub keeps at most 1 MiB of a job summary. The log names each one.`
    )
  }
  const text = lines.join('\n')
  if (rows.length <= FOLD_AFTER) return `${text}\n`
  return `<details><summary>${label}</summary>\n\n${text}\n\n</details>\n`
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
    const what = done ? `${done}; nothing after that was recorded` : 'nothing was recorded'
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

/** A code span of outside text: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const shown = inert(capText(text, CELL_LIMIT))
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${shown}${pad}${fence}`
}

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

/** The summary of a step stopped by its inputs: which inputs to fix, and what is wrong with each. */
export function renderInputSummary(problems: string[]): string {
  const names = [
    ...new Set(problems.flatMap(problem => /^'([a-z][a-z0-9-]*)'/.exec(problem)?.[1] ?? []))
  ]
  const fix =
    names.length > 0
      ? `Fix ${names.length === 1 ? 'this input' : 'these inputs'}: ${names.map(name => codeSpan(name)).join(', ')}.`
      : 'Fix the inputs below.'
  return [
    '## Kosli\n',
    `❌ **Failed: invalid input, so nothing was sent.** ${fix}\n`,
    ...problems.slice(0, FOLD_AFTER).map(problem => `- ${cell(problem, ERROR_TEXT_LIMIT)}`),
    ...(problems.length > FOLD_AFTER
      ? [`- … and ${problems.length - FOLD_AFTER} more, listed in the log`]
      : []),
    ''
  ].join('\n')
}

/** Appends markdown and a line break to the job summary (the GITHUB_STEP_SUMMARY file). */
export async function appendSummary(markdown: string): Promise<void> {
  // core's summary is one buffer for the process: emptied first, so that text left by a write
  // that failed is not written again.
  await summary.emptyBuffer().addRaw(markdown, true).write()
}

async function write(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await appendSummary(markdown)
  } catch (error) {
    print.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}

export async function writeSummary(outcome: RunOutcome): Promise<void> {
  await write(renderSummary(outcome))
}

export async function writeInputSummary(problems: string[]): Promise<void> {
  await write(renderInputSummary(problems))
}

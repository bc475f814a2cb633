import * as core from '@actions/core'
import type { ApprovalOutcome } from './approvals.js'
import type { Artifact } from './artifacts.js'
import type { DeploymentOutcome } from './deployments.js'

export interface ReportedArtifact extends Artifact {
  /** true: in Kosli now; false: the report failed; undefined: not reported by this step. */
  reported?: boolean
  error?: string
}

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
  error?: string
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
    ...(artifact.error !== undefined && { error: artifact.error })
  }))
}

export function setOutputs(outcome: RunOutcome): void {
  const first = outcome.artifacts[0]
  if (first) {
    core.setOutput('fingerprint', first.fingerprint)
    core.setOutput('artifact-url', first.url)
    if (first.complianceState) core.setOutput('compliance-state', first.complianceState)
  }
  core.setOutput('artifacts', JSON.stringify(artifactsOutput(outcome)))
  const approval = outcome.approvals.find(item => item.releaseNumber !== undefined)
  if (approval) core.setOutput('approval-number', String(approval.releaseNumber))
  const ids = outcome.deployments.flatMap(item => item.recordIds)
  if (ids.length > 0) core.setOutput('deployment-record-ids', ids.join(','))
}

// Long tables fold away so a summary of 100 artifacts still reads at a glance.
const FOLD_AFTER = 20

function cell(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, match => `\\${match}`).replace(/\r?\n/g, ' ')
}

function link(text: string, url: string | undefined): string {
  // encodeURIComponent leaves ( and ) alone, and a ) would end the markdown link early.
  const safe = url?.replace(/[()\s]/g, c =>
    c === '(' ? '%28' : c === ')' ? '%29' : encodeURIComponent(c)
  )
  return safe ? `[${cell(text)}](${safe})` : cell(text)
}

/** A markdown table; past FOLD_AFTER rows it folds away behind `label` (what the rows are). */
function table(header: string[], rows: string[][], label = `${rows.length} rows`): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`)
  const text = lines.join('\n')
  if (rows.length <= FOLD_AFTER) return `${text}\n`
  return `<details><summary>${label}</summary>\n\n${text}\n\n</details>\n`
}

function stateBadge(state: string | undefined): string {
  if (!state) return '–'
  const icon = state === 'COMPLIANT' ? '✅' : state === 'NON-COMPLIANT' ? '❌' : '⚠️'
  return `${icon} ${state}`
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

function unavailableScope(outcome: RunOutcome): string {
  const reported = outcome.artifacts.filter(artifact => artifact.reported).length
  if (reported === 0) return 'nothing was recorded'
  return `${reported} of ${outcome.artifacts.length} artifact(s) were reported; nothing after that was recorded`
}

export function renderSummary(outcome: RunOutcome): string {
  const parts: string[] = ['## Kosli\n']
  if (outcome.dryRun) {
    parts.push(
      '> [!NOTE]\n> **Dry run: nothing was sent to Kosli or GitHub.** The requests are in the log.\n'
    )
  }
  if (outcome.kosliUnavailable) {
    parts.push(
      `> [!WARNING]\n> **Kosli was unavailable: ${unavailableScope(outcome)}** (on-kosli-unavailable: warn). ${cell(outcome.kosliUnavailable)}\n`
    )
  }
  if (outcome.error) {
    parts.push(
      `> [!CAUTION]\n> **Failed:** ${outcome.error.split(/\r?\n/).map(cell).join('\n> ')}\n`
    )
  }
  const commit = outcome.gitCommit ? link(outcome.gitCommit.slice(0, 7), outcome.commitUrl) : '–'
  parts.push(
    `Flow **${cell(outcome.flow)}** in org **${cell(outcome.org)}** · commit ${commit}` +
      (outcome.trail ? ` · trail \`${outcome.trail}\`` : '') +
      (outcome.commitsCount !== undefined
        ? ` · ${outcome.commitsCount} commit(s) since the last build`
        : '') +
      '\n'
  )
  if (outcome.artifacts.length > 0) {
    parts.push('### Artifacts\n')
    const header = ['Artifact', 'Fingerprint', 'Type', 'Compliance', 'Reported']
    const row = (artifact: ReportedArtifact): string[] => [
      cell(artifact.name),
      link(artifact.fingerprint.slice(0, 12), artifact.url),
      artifact.type,
      stateBadge(artifact.complianceState),
      artifact.reported === undefined
        ? '–'
        : artifact.reported
          ? outcome.dryRun
            ? 'dry run'
            : '✅'
          : `❌ ${cell(artifact.error ?? 'failed')}`
    ]
    const failed = outcome.artifacts.filter(artifact => artifact.reported === false)
    const folds = outcome.artifacts.length > FOLD_AFTER
    // A long table folds away, but what failed stays in sight above it.
    if (folds && failed.length > 0) {
      parts.push(`**Not reported (${failed.length}):**\n`)
      parts.push(table(header, failed.slice(0, FOLD_AFTER).map(row)))
    }
    parts.push(table(header, outcome.artifacts.map(row), artifactsLabel(outcome)))
  }
  if (outcome.approvals.length > 0) {
    parts.push('### Approvals\n')
    parts.push(
      table(
        ['Artifact', 'Approval', 'State', 'Environment', 'Commits covered'],
        outcome.approvals.map(approval => [
          cell(approval.artifact),
          approval.releaseNumber !== undefined
            ? `${link(`#${approval.releaseNumber}`, approvalArtifactUrl(outcome, approval))}${approval.reused ? ' (reused)' : ''}`
            : outcome.dryRun
              ? 'dry run'
              : '–',
          approval.state,
          cell(approval.environment ?? '–'),
          `${approval.commitCount}${approval.oldestCommit ? ` after ${approval.oldestCommit.slice(0, 7)}` : ''}`
        ])
      )
    )
  }
  if (outcome.deployments.length > 0) {
    parts.push('### Deployment records\n')
    parts.push(
      table(
        ['Artifact', 'Environment', 'Cluster', 'Deployment', 'Status', 'Compliance', 'Record'],
        outcome.deployments.map(deployment => [
          cell(deployment.artifact),
          cell(
            [deployment.environment, deployment.physicalEnvironment].filter(Boolean).join(' / ')
          ),
          cell(deployment.cluster ?? '–'),
          cell(deployment.deploymentName),
          deployment.status,
          stateBadge(deployment.complianceState),
          deployment.recordIds.join(', ') || (outcome.dryRun ? 'dry run' : '–')
        ])
      )
    )
  }
  return parts.join('\n')
}

export async function writeSummary(outcome: RunOutcome): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await core.summary.addRaw(renderSummary(outcome), true).write()
  } catch (error) {
    core.warning(`Could not write the job summary: ${(error as Error).message}`)
  }
}

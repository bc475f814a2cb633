import type { ArtifactVerdict } from '../evidence/assert.js'
import { evidencePaths } from '../kosli/paths.js'
import { type TrailSummary, trailAnswerSchema, trailSummary } from '../evidence/trail-summary.js'
import type { KosliClient } from '../kosli/client.js'
import { messageOf } from '../error-message.js'
import type { Log } from '../redact.js'
import { stateBadge } from '../shapes/patterns.js'
import type { EvidenceDetails } from '../attestations/more.js'
import { renderEvidenceDetails } from './evidence-details.js'
import { SUMMARY_LIMIT, capText, codeSpan, link, markdownText, table } from '../summary.js'

export interface TrailState {
  trail: string
  /** Named in the heading when the trails of several flows are shown (assert/ without a flow). */
  flow?: string
  /** Its page in Kosli, built from host, org, flow and trail. */
  url: string
  summary?: TrailSummary
  /** Why the trail could not be read (it was warned about). */
  failed?: string
}

/** `{host}/{org}/flows/{flow}/trails/{trail}`, each segment encoded. */
export function trailUrl(host: string, org: string, flow: string, trail: string): string {
  return `${host}/${[org, 'flows', flow, 'trails', trail].map(encodeURIComponent).join('/')}`
}

/** One GET of the trail; a failure is a warning, since the evidence step itself is done. */
export async function readTrailState(
  kosli: KosliClient,
  where: { host: string; org: string; flow: string; trail: string },
  log: Log
): Promise<TrailState> {
  const url = trailUrl(where.host, where.org, where.flow, where.trail)
  try {
    const answer = await kosli.get(
      evidencePaths.getTrail(where.org, where.flow, where.trail),
      trailAnswerSchema
    )
    return { trail: where.trail, url, summary: trailSummary(answer) }
  } catch (error) {
    const failed = messageOf(error)
    log.warning(`Could not read the trail for the job summary: ${failed}`)
    return { trail: where.trail, url, failed }
  }
}

const STATUS: Record<string, string> = {
  complete: '✅ complete',
  missing: '⏳ missing',
  'non-compliant': '❌ non-compliant'
}

// A trail still waiting for evidence is INCOMPLETE: it may yet pass.
const trailBadge = (state: string | undefined): string => stateBadge(state, '⏳', markdownText)

/** A trail: a link, its state, and each expected attestation on a row with its status. */
export function renderTrail(state: TrailState, budget = SUMMARY_LIMIT): string {
  const title = `${link(markdownText(state.trail), state.url)}${state.flow === undefined ? '' : ` in flow ${markdownText(state.flow)}`}`
  if (!state.summary) {
    return `#### Trail ${title}\n\nNot read: ${markdownText(capText(state.failed ?? 'unknown', 1000))}\n`
  }
  const s = state.summary
  const lines = [`#### Trail ${title} — ${trailBadge(s.state)}`, '']
  if (s.rows.length === 0) {
    lines.push('Its template expects no attestation.', '')
    return lines.join('\n')
  }
  const rows = s.rows.map(row => [
    row.artifact === undefined ? '(trail)' : markdownText(row.artifact),
    markdownText(row.attestation),
    // Not a code span: a `|` inside one still ends a GFM table cell.
    row.type ? markdownText(row.type) : '–',
    STATUS[row.status] ?? markdownText(row.status)
  ])
  lines.push(
    table(
      ['Artifact', 'Attestation', 'Type', 'Status'],
      rows,
      `${rows.length} expected attestations`,
      budget
    )
  )
  return lines.join('\n')
}

export interface AttestSummary {
  type: string
  name: string
  dryRun: boolean
  recorded: boolean
  compliant: boolean | undefined
  /** Set when Kosli was unavailable under on-kosli-unavailable: warn. */
  skipped?: string
  error?: string
  /** Markdown of the evidence itself (deployment-approval, code-review), already escaped. */
  approvalDetails?: string
  /** sbom, sonar, jira, decision: what was recorded, as a person reads it. */
  details?: EvidenceDetails
  trails: TrailState[]
}

export function renderAttestSummary(s: AttestSummary): string {
  const parts = [`### Kosli evidence: ${markdownText(s.name)} (${codeSpan(s.type)})`, '']
  if (s.error) parts.push(`❌ Not recorded: ${markdownText(capText(s.error, 4000))}`, '')
  else if (s.skipped)
    parts.push(
      `⚠️ Not recorded: Kosli is unavailable (${markdownText(capText(s.skipped, 4000))})`,
      ''
    )
  else if (s.dryRun) parts.push('Dry run: nothing was recorded.', '')
  else if (s.recorded) {
    const verdict =
      s.compliant === undefined
        ? 'Kosli decides its compliance'
        : s.compliant
          ? 'compliant'
          : 'non-compliant'
    parts.push(`Recorded: ${verdict}.`, '')
  }
  if (s.approvalDetails) parts.push(s.approvalDetails, '')
  if (s.details && !s.error) parts.push(renderEvidenceDetails(s.details), '')
  for (const trail of s.trails) parts.push(renderTrail(trail))
  return parts.join('\n')
}

export interface AssertSummary {
  scope: string
  verdicts: ArtifactVerdict[]
  /** Set when the gate was skipped (Kosli unavailable, warn). */
  notChecked?: string
  error?: string
  trails: TrailState[]
}

export function renderAssertSummary(s: AssertSummary): string {
  const parts = [`### Kosli assert: ${markdownText(s.scope)}`, '']
  if (s.notChecked) {
    // Verdicts known before the outage stay; only the rest are not checked.
    const what = s.verdicts.length > 0 ? 'Some artifacts not checked' : 'Gate not checked'
    parts.push(
      `⚠️ ${what}: Kosli is unavailable (${markdownText(capText(s.notChecked, 4000))}).`,
      ''
    )
  }
  if (s.error) parts.push(`❌ ${markdownText(capText(s.error, 4000))}`, '')
  if (s.verdicts.length > 0) {
    const rows = s.verdicts.map(v => [
      link(markdownText(v.name), v.url),
      v.compliant ? '✅ compliant' : '❌ non-compliant',
      v.missing.map(n => markdownText(n)).join(', ') || '–',
      v.non_compliant.map(n => markdownText(n)).join(', ') || '–',
      v.reasons.map(r => markdownText(r)).join('; ') || '–'
    ])
    parts.push(
      table(
        ['Artifact', 'Verdict', 'Missing', 'Non-compliant', 'Why'],
        rows,
        `${rows.length} artifacts`,
        SUMMARY_LIMIT / 2
      )
    )
  }
  for (const trail of s.trails)
    parts.push(renderTrail(trail, SUMMARY_LIMIT / (2 * s.trails.length)))
  return parts.join('\n')
}

import { SUMMARY_LIMIT, codeSpan, link, markdownText, table } from '../summary.js'
import type { EvidenceDetails } from '../attestations/more.js'

// The job summary's account of sbom, sonar, jira and decision evidence: what a person checks
// (SBOM: format, tools, packages, subject; Sonar: the gate and its failed conditions; Jira: each
// key and whether it exists). Every value from a file or a server is escaped here.

const BUDGET = SUMMARY_LIMIT / 4

export function renderEvidenceDetails(details: EvidenceDetails): string {
  switch (details.kind) {
    case 'decision':
      return `Control ${codeSpan(details.control)}: ${details.compliant ? '✅ compliant' : '❌ not compliant'}.`
    case 'sbom': {
      const d = details.summary.document
      const subject = d.subject
        ? [
            markdownText(d.subject.name || '(no name)'),
            d.subject.version ? markdownText(d.subject.version) : undefined,
            d.subject.purl ? codeSpan(d.subject.purl) : undefined,
            d.subject.sha256 ? codeSpan(`sha256:${d.subject.sha256}`) : undefined
          ]
            .filter(Boolean)
            .join(' ')
        : '– (the SBOM names none)'
      return table(
        ['SBOM', 'Format', 'Created', 'Tools', 'Packages', 'Subject', 'SHA-256'],
        [
          [
            markdownText(details.filename),
            codeSpan(details.summary.format),
            d.created_at ? markdownText(d.created_at) : '–',
            d.tools && d.tools.length > 0 ? d.tools.map(t => markdownText(t)).join(', ') : '–',
            String(d.package_count),
            subject,
            codeSpan(details.sha256)
          ]
        ],
        'SBOM',
        BUDGET
      )
    }
    case 'sonar':
      return renderSonar(details)
    case 'jira':
      return renderJira(details)
  }
}

function renderSonar(details: Extract<EvidenceDetails, { kind: 'sonar' }>): string {
  const r = details.results
  const gate = r.qualityGate
  const where = r.pullRequest
    ? `pull request ${markdownText(r.pullRequest)}`
    : r.branch?.name
      ? `branch ${markdownText(r.branch.name)}`
      : 'main branch'
  const status = gate
    ? gate.status === 'OK'
      ? '✅ passed'
      : gate.status === 'ERROR'
        ? '❌ failed'
        : markdownText(gate.status)
    : '– (no quality gate)'
  const head = `Sonar: ${link(markdownText(r.project.name || r.project.key), r.project.url)} (${where}, revision ${codeSpan(r.revision)}, analysed ${markdownText(r.analysedAt)}): quality gate ${status}.`
  const failed = (gate?.conditions ?? []).filter(c => c.status !== 'OK')
  if (failed.length === 0) return head
  return `${head}\n\n${table(
    ['Failed condition', 'Value', 'Operator', 'Threshold', 'Status'],
    failed.map(c => [
      codeSpan(c.metric),
      c.value === undefined ? '–' : markdownText(c.value),
      markdownText(c.operator),
      markdownText(c.errorThreshold),
      markdownText(c.status)
    ]),
    `${failed.length} failed conditions`,
    BUDGET
  )}`
}

function renderJira(details: Extract<EvidenceDetails, { kind: 'jira' }>): string {
  const lines: string[] = []
  if (details.unreachable) {
    lines.push(
      `⚠️ Jira could not be reached, so every key is recorded as not existing: ${markdownText(details.unreachable, 1000)}`,
      ''
    )
  }
  if (details.results.length === 0) {
    lines.push(
      'No Jira issue key was found in the commit message, the branch or the secondary source.'
    )
    return lines.join('\n')
  }
  lines.push(
    table(
      ['Jira issue', 'Exists'],
      details.results.map(r => [
        link(markdownText(r.issue_id), r.issue_url),
        r.issue_exists ? '✅ yes' : '❌ no'
      ]),
      `${details.results.length} Jira issues`,
      BUDGET
    )
  )
  return lines.join('\n')
}

import { describe, expect, it } from '@jest/globals'
import { renderEvidenceDetails } from '../../src/stages/evidence-details.js'
import { startupClosure } from '../../test-support/startup-closure.js'

// What the job summary shows of sbom, sonar, jira and decision evidence, escaped; and the SBOM,
// Sonar and Jira code loaded only by a step of that type.

const HOSTILE = '<img src=x onerror=alert(1)> [click](https://evil.example) ::error::x'

describe('renderEvidenceDetails', () => {
  it('SBOM: format, tools, packages and subject, outside text escaped', () => {
    const text = renderEvidenceDetails({
      kind: 'sbom',
      filename: HOSTILE,
      sha256: 'a'.repeat(64),
      summary: {
        format: 'cyclonedx-1.6',
        document: {
          created_at: '2026-01-01T00:00:00Z',
          tools: [HOSTILE],
          subject: { name: HOSTILE, version: '1.0', purl: 'pkg:npm/x@1.0', sha256: null },
          package_count: 12
        }
      }
    })
    expect(text).toContain('| `cyclonedx-1.6` | 2026-01-01T00:00:00Z |')
    expect(text).toContain('| 12 |')
    expect(text).not.toMatch(/(?<!\\)<img/)
    expect(text).not.toContain('](https://evil')
  })

  it('Sonar: the gate and each failed condition', () => {
    const text = renderEvidenceDetails({
      kind: 'sonar',
      results: {
        serverUrl: 'https://sonarcloud.io',
        taskId: 'T',
        status: 'SUCCESS',
        analysedAt: '2026-12-07T10:00:00+0000',
        revision: 'c'.repeat(40),
        project: { key: 'k', name: HOSTILE, url: 'https://sonarcloud.io/dashboard?id=k' },
        pullRequest: '42',
        qualityGate: {
          status: 'ERROR',
          conditions: [
            {
              metric: 'new_coverage',
              errorThreshold: '80',
              operator: 'LT',
              value: '61.5',
              status: 'ERROR'
            },
            { metric: 'new_bugs', errorThreshold: '0', operator: 'GT', value: '0', status: 'OK' }
          ]
        }
      }
    })
    expect(text).toContain('pull request 42')
    expect(text).toContain('quality gate ❌ failed')
    expect(text).toContain('| `new_coverage` | 61.5 | LT | 80 | ERROR |')
    expect(text).not.toContain('new_bugs')
    expect(text).not.toMatch(/(?<!\\)<img/)
  })

  it('Jira: each key, linked, and whether it exists; none found says so', () => {
    const text = renderEvidenceDetails({
      kind: 'jira',
      results: [
        {
          issue_id: 'WEB-1',
          issue_url: 'https://acme.atlassian.net/browse/WEB-1',
          issue_exists: true
        },
        { issue_id: 'WEB-2', issue_url: 'javascript:alert(1)', issue_exists: false }
      ]
    })
    expect(text).toContain('| [WEB-1](https://acme.atlassian.net/browse/WEB-1) | ✅ yes |')
    expect(text).toContain('| WEB-2 | ❌ no |')
    expect(renderEvidenceDetails({ kind: 'jira', results: [] })).toContain(
      'No Jira issue key was found'
    )
  })
})

describe('the attest entry loads the SBOM, Sonar and Jira code only in a step of that type', () => {
  it('has none of it in its start-up closure', async () => {
    const closure = await startupClosure('src/attest-action.ts')
    for (const file of [
      'src/evidence/sbom.ts',
      'src/evidence/sbom-file.ts',
      'src/sonar/results.ts',
      'src/sonar/client.ts',
      'src/jira/client.ts'
    ]) {
      expect(closure).not.toContain(file)
    }
    expect(closure).toContain('src/attestations/more.ts')
  })
})

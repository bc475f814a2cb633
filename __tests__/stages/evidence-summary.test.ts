import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import {
  renderAssertSummary,
  renderAttestSummary,
  renderTrail,
  trailUrl
} from '../../src/stages/evidence-summary.js'

const URL = trailUrl('https://app.kosli.com', 'acme', 'app', 'abc')

describe('evidence summaries', () => {
  it('links the trail and puts each expected attestation on a row with its status', () => {
    const md = renderTrail({
      trail: 'abc',
      url: URL,
      summary: {
        name: 'abc',
        state: 'INCOMPLETE',
        rows: [
          { attestation: 'code-review', type: 'pull_request', status: 'complete' },
          { artifact: 'web', attestation: 'unit-tests', type: 'junit', status: 'missing' },
          { artifact: 'web', attestation: 'sast', type: 'snyk', status: 'non-compliant' }
        ]
      }
    })
    expect(md).toContain(
      '#### Trail [abc](https://app.kosli.com/acme/flows/app/trails/abc) — ⏳ INCOMPLETE'
    )
    expect(md).toContain('| (trail) | code-review | pull\\_request | ✅ complete |')
    expect(md).toContain('| web | unit-tests | junit | ⏳ missing |')
    expect(md).toContain('| web | sast | snyk | ❌ non-compliant |')
  })

  it('a type name with | in it stays in its cell: no link or image comes out of it', () => {
    const type = 'custom:x|[here](https://evil.example/)|![i](https://evil.example/i.png)`|`'
    const md = renderTrail({
      trail: 't',
      url: URL,
      summary: { name: 't', rows: [{ attestation: 'a', type, status: 'missing' }] }
    })
    const html = marked.parse(md, { gfm: true }) as string
    expect(html).not.toContain('href="https://evil')
    expect(html).not.toContain('<img')
    // One row of the four columns: the type did not open cells of its own.
    const row = /<tbody>\s*<tr>([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? ''
    expect(row.match(/<td>/g)).toHaveLength(4)
  })

  it('escapes outside text: no tags, links or table breaks come out of names', () => {
    const md = renderTrail({
      trail: 't',
      url: URL,
      summary: {
        name: 't',
        state: '<b>x</b>',
        rows: [
          { artifact: '[x](https://evil.example)|', attestation: '<img src=x>', status: 'missing' }
        ]
      }
    })
    // Backslash-escaped, each character shows as itself.
    expect(md).not.toMatch(/[^\\]<(img|b)/)
    expect(md).not.toMatch(/[^\\]\]\(https:\/\/evil/)
    expect(md).toContain('\\<img src=x\\>')
    expect(md).toContain('\\|')
  })

  it('says when the trail could not be read', () => {
    expect(renderTrail({ trail: 't', url: URL, failed: 'GET failed: 500' })).toContain(
      'Not read: GET failed: 500'
    )
  })

  it('says "not checked" when the gate was skipped', () => {
    const md = renderAssertSummary({
      scope: 'flow app',
      verdicts: [],
      notChecked: 'Kosli is down',
      trails: []
    })
    expect(md).toContain('Gate not checked')
  })

  it('lists each verdict with what is missing', () => {
    const md = renderAssertSummary({
      scope: 'environment prod',
      verdicts: [
        {
          fingerprint: 'f'.repeat(64),
          name: 'web',
          compliant: false,
          missing: ['unit-tests'],
          non_compliant: ['sast'],
          reasons: ["missing the required 'unit-tests' attestation in its trail"],
          noPolicyEvaluated: false
        }
      ],
      trails: []
    })
    expect(md).toContain('| web | ❌ non-compliant | unit-tests | sast |')
  })

  it('states what an attest step recorded', () => {
    expect(
      renderAttestSummary({
        type: 'junit',
        name: 'unit',
        dryRun: false,
        recorded: true,
        compliant: false,
        trails: []
      })
    ).toContain('Recorded: non-compliant.')
    expect(
      renderAttestSummary({
        type: 'snyk',
        name: 's',
        dryRun: false,
        recorded: true,
        compliant: undefined,
        trails: []
      })
    ).toContain('Kosli decides')
    expect(
      renderAttestSummary({
        type: 'generic',
        name: 'g',
        dryRun: true,
        recorded: false,
        compliant: true,
        trails: []
      })
    ).toContain('Dry run')
  })
})

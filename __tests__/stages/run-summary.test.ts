import { describe, expect, it } from '@jest/globals'
import {
  artifactsOutput,
  type ReportedArtifact,
  renderSummary,
  type RunOutcome
} from '../../src/stages/run-summary.js'

const FP = '0123456789ab'.repeat(5) + 'cdef'
const SHA = 'f00dfeed'.repeat(5)
const URL_OF = (fp: string) => `https://app.kosli.com/acme/flows/web/artifacts/${fp}`

function artifact(extra: Partial<ReportedArtifact> = {}): ReportedArtifact {
  return { name: 'app.jar', fingerprint: FP, type: 'file', url: URL_OF(FP), ...extra }
}

function outcome(extra: Partial<RunOutcome> = {}): RunOutcome {
  return {
    dryRun: false,
    org: 'acme',
    flow: 'web',
    host: 'https://app.kosli.com',
    gitCommit: SHA,
    commitUrl: `https://github.com/acme/web/commit/${SHA}`,
    artifacts: [],
    approvals: [],
    deployments: [],
    ...extra
  }
}

describe('renderSummary', () => {
  it('starts with the verdict, linking the flow and the trail, then org, commit and commit count', () => {
    const text = renderSummary(
      outcome({ trail: 'main', commitsCount: 3, artifacts: [artifact({ reported: true })] })
    )
    expect(text.slice(0, text.indexOf('### Artifacts'))).toBe(
      '## Kosli\n\n' +
        '✅ **Reported 1 artifact to flow [web](https://app.kosli.com/acme/flows/web)** · trail [`main`](https://app.kosli.com/acme/flows/web/trails/main).\n\n' +
        `Org **acme** · commit [f00dfee](https://github.com/acme/web/commit/${SHA}) · 3 commit(s) since the last build\n\n`
    )
  })

  it.each([
    [
      'reported artifacts',
      { reports: true, artifacts: [artifact({ reported: true }), artifact({ reported: true })] },
      '✅ **Reported 2 artifacts to flow [web](FLOW)** · trail [`t`](FLOW/trails/t).'
    ],
    [
      'a dry run',
      { reports: true, dryRun: true, artifacts: [artifact({ reported: true })] },
      '🧪 **Dry run: would report 1 artifact to flow web** · trail `t`. Nothing was recorded.'
    ],
    [
      'a partial failure',
      {
        reports: true,
        error: 'x',
        artifacts: [artifact({ reported: true }), artifact({ reported: false })]
      },
      '❌ **Failed: reported 1 of 2 artifacts to flow [web](FLOW)** · trail [`t`](FLOW/trails/t). The error is below.'
    ],
    [
      'a failure before any report',
      { reports: true, error: 'x', artifacts: [artifact()] },
      '❌ **Failed: nothing was reported to flow web** · trail `t`. The error is below.'
    ],
    [
      'Kosli down in warn mode',
      { reports: true, kosliUnavailable: 'x', artifacts: [artifact({ reported: false })] },
      '⚠️ **Kosli was unavailable: nothing was recorded** · flow web · trail `t`. The step passed (on-kosli-unavailable: warn).'
    ],
    [
      'a deploy job',
      {
        trail: undefined,
        artifacts: [artifact({ type: 'kosli' })],
        deployments: [
          {
            artifact: 'app.jar',
            fingerprint: FP,
            environment: 'production',
            deploymentName: 'web',
            status: 'deployed' as const,
            recordIds: ['7']
          }
        ]
      },
      '✅ **Recorded 1 deployment record for production in GitHub** · flow [web](FLOW).'
    ],
    [
      'an approval',
      {
        reports: true,
        artifacts: [artifact({ reported: true })],
        approvals: [
          {
            artifact: 'app.jar',
            fingerprint: FP,
            state: 'APPROVED' as const,
            releaseNumber: 3,
            reused: false,
            commitCount: 1,
            commitsSource: 'x'
          }
        ]
      },
      '✅ **Reported 1 artifact to flow [web](FLOW) and approved 1 artifact** · trail [`t`](FLOW/trails/t).'
    ]
  ])('says in its first line what the step did: %s', (_, extra, line) => {
    const text = renderSummary(outcome({ trail: 't', ...extra }))
    expect(text.split('\n')[2]).toBe(line.replace(/FLOW/g, 'https://app.kosli.com/acme/flows/web'))
  })

  it('shows a dash without a commit', () => {
    const text = renderSummary(outcome({ gitCommit: undefined, commitUrl: undefined }))
    expect(text).toContain('· commit –\n')
  })

  it('shows the dry-run banner only in dry run, saying that reads are sent and writes printed', () => {
    const banner =
      '**Dry run:** reads were sent to Kosli and GitHub; every write was printed in the log instead of sent.'
    expect(renderSummary(outcome({ dryRun: true }))).toContain(`> [!NOTE]\n> ${banner}`)
    expect(renderSummary(outcome())).not.toContain('Dry run')
  })

  it('shows the warn banner when Kosli was unavailable', () => {
    const text = renderSummary(outcome({ kosliUnavailable: 'POST /api/v2/artifacts: 503 <busy>' }))
    expect(text).toContain('**Kosli was unavailable: nothing was recorded**')
    expect(text).toContain('The step passed (on-kosli-unavailable: warn).')
    expect(text).toContain('> [!WARNING]\n> POST /api/v2/artifacts: 503 \\<busy\\>\n')
    expect(text).not.toContain('[!CAUTION]')
  })

  it('says how many artifacts were reported before Kosli became unavailable', () => {
    const artifact = {
      name: 'a',
      fingerprint: 'a'.repeat(64),
      type: 'file' as const,
      url: 'https://app.kosli.com/acme/flows/web/artifacts/' + 'a'.repeat(64)
    }
    const text = renderSummary(
      outcome({
        kosliUnavailable: '503',
        artifacts: [
          { ...artifact, reported: true },
          { ...artifact, name: 'b', reported: false }
        ]
      })
    )
    expect(text).toContain(
      '**Kosli was unavailable: reported 1 of 2 artifacts to flow [web](https://app.kosli.com/acme/flows/web); nothing after that was recorded**'
    )
  })

  it('says the deployment records were written after Kosli became unavailable', () => {
    const text = renderSummary(
      outcome({
        kosliUnavailable: '503',
        artifacts: [
          {
            name: 'a',
            fingerprint: 'a'.repeat(64),
            type: 'file',
            url: 'https://app.kosli.com/acme/flows/web/artifacts/' + 'a'.repeat(64),
            reported: false
          }
        ],
        deployments: [
          {
            artifact: 'a',
            fingerprint: 'a'.repeat(64),
            environment: 'production',
            deploymentName: 'web-a',
            status: 'deployed',
            recordIds: ['7']
          }
        ]
      })
    )
    expect(text).toContain('nothing was recorded in Kosli after it became unavailable**')
    expect(text).not.toContain('nothing after that was recorded')
  })

  it('shows an error, escaped and kept inside the quote', () => {
    const text = renderSummary(outcome({ error: 'Bad <b>thing</b>\n# not a heading' }))
    const start = text.indexOf('> [!CAUTION]')
    expect(start).toBeGreaterThan(0)
    const block = text.slice(start, text.indexOf('\n\n', start) + 1)
    expect(block).toContain('**Error:** Bad \\<b\\>thing\\</b\\>')
    for (const line of block.trimEnd().split('\n')) expect(line.startsWith('>')).toBe(true)
    expect(text).not.toContain('<b>')
  })

  it('renders the artifact table with links to Kosli', () => {
    const text = renderSummary(
      outcome({
        artifacts: [
          artifact({ complianceState: 'COMPLIANT', reported: true }),
          artifact({
            name: 'dist',
            type: 'dir',
            complianceState: 'NON-COMPLIANT',
            reported: false,
            error: 'HTTP 400'
          }),
          artifact({ name: 'img', type: 'docker', complianceState: 'INCOMPLETE' })
        ],
        error: 'HTTP 400'
      })
    )
    expect(text).toContain(
      [
        '### Artifacts\n',
        '| Artifact | Fingerprint | Type | Compliance | Reported |',
        '| --- | --- | --- | --- | --- |',
        `| app.jar | [${FP.slice(0, 12)}](${URL_OF(FP)}) | file | ✅ COMPLIANT | ✅ |`,
        `| dist | ${FP.slice(0, 12)} | dir | ❌ NON-COMPLIANT | ❌ not reported |`,
        `| img | [${FP.slice(0, 12)}](${URL_OF(FP)}) | docker | ⚠️ INCOMPLETE | not reported |`
      ].join('\n')
    )
    expect(text).not.toContain('<details>')
    // The error is said once, in the alert.
    expect(text.match(/HTTP 400/g)).toHaveLength(1)
  })

  it('marks reported artifacts as printed in dry run, without a link to a page Kosli does not have', () => {
    const text = renderSummary(outcome({ dryRun: true, artifacts: [artifact({ reported: true })] }))
    expect(text).toContain(`| app.jar | ${FP.slice(0, 12)} | file | – | dry run: printed |`)
    expect(text).not.toContain('](https://app.kosli.com')
  })

  it('says "not reported" of artifacts a failed step never sent, and links none of them', () => {
    const text = renderSummary(
      outcome({ reports: true, error: 'GitHub API: HTTP 500', artifacts: [artifact()] })
    )
    expect(text).toContain(`| app.jar | ${FP.slice(0, 12)} | file | – | not reported |`)
    expect(text).not.toContain('](https://app.kosli.com')
  })

  it('links an artifact Kosli holds in a deploy job, and the flow', () => {
    const text = renderSummary(outcome({ artifacts: [artifact({ type: 'kosli' })] }))
    // Nothing is reported in such a job: no Reported column.
    expect(text).toContain('| Artifact | Fingerprint | Type | Compliance |\n')
    expect(text).toContain(`| app.jar | [${FP.slice(0, 12)}](${URL_OF(FP)}) | kosli | – |\n`)
    expect(text).toContain('flow [web](https://app.kosli.com/acme/flows/web)')
  })

  it('folds 100 artifacts into <details>', () => {
    const artifacts = Array.from({ length: 100 }, (_, i) => artifact({ name: `lib/part-${i}.jar` }))
    const text = renderSummary(outcome({ artifacts }))
    expect(text).toContain('<details><summary>100 artifacts</summary>\n\n| Artifact |')
    expect(text.trimEnd().endsWith('</details>')).toBe(true)
    expect(text.match(/^\| lib\/part-\d+\.jar \|/gm)).toHaveLength(100)
    expect(text).toContain('| lib/part-99.jar |')
  })

  it('says what the fold holds, and keeps failed artifacts in sight above it', () => {
    const artifacts = Array.from({ length: 100 }, (_, i) =>
      artifact({
        name: `lib/part-${i}.jar`,
        reported: i !== 42,
        ...(i === 42 && { error: '503 busy' })
      })
    )
    const text = renderSummary(outcome({ artifacts }))
    expect(text).toContain('<details><summary>100 artifacts: 99 reported, 1 not reported</summary>')
    const visible = text.slice(0, text.indexOf('<details>'))
    expect(visible).toContain('**Not reported (1):**')
    expect(visible).toContain('| lib/part-42.jar |')
    expect(visible).toContain('❌ not reported')
    expect(text).not.toContain('503 busy')
    expect(visible).not.toContain('| lib/part-41.jar |')
  })

  it('keeps 20 artifacts unfolded', () => {
    const artifacts = Array.from({ length: 20 }, (_, i) => artifact({ name: `a${i}` }))
    expect(renderSummary(outcome({ artifacts }))).not.toContain('<details>')
  })

  it.each([
    ['a pipe', 'a|b', 'a\\|b'],
    ['a script tag', '<script>alert(1)</script>', '\\<script\\>alert(1)\\</script\\>'],
    ['emphasis', '*bold* _it_', '\\*bold\\* \\_it\\_'],
    ['a link', '[x](https://evil.example)', '\\[x\\](https:\u200b//evil.example)'],
    ['code', '`x`', '\\`x\\`'],
    ['a backslash', 'a\\|b', 'a\\\\\\|b'],
    ['a newline', 'a\nb', 'a\\nb']
  ])('escapes %s in an artifact name', (_, name, expected) => {
    const text = renderSummary(outcome({ artifacts: [artifact({ name })] }))
    const row = text.split('\n').find(line => line.includes('| file |'))
    expect(row).toBe(`| ${expected} | ${FP.slice(0, 12)} | file | – |`)
  })

  it('escapes markdown in org, flow and error text', () => {
    const text = renderSummary(outcome({ org: 'a|b', flow: '<i>x</i>' }))
    expect(text).toContain('· flow \\<i\\>x\\</i\\>')
    expect(text).toContain('Org **a\\|b**')
  })

  it('keeps a link intact when its url holds parentheses or spaces', () => {
    const text = renderSummary(
      outcome({ commitUrl: 'https://git.example.com/c/(1) x', gitCommit: SHA })
    )
    expect(text).toContain('commit [f00dfee](https://git.example.com/c/%281%29%20x)')
  })

  it('renders approvals and deployments', () => {
    const text = renderSummary(
      outcome({
        approvals: [
          {
            artifact: 'app.jar',
            fingerprint: FP,
            environment: 'production',
            state: 'APPROVED',
            releaseNumber: 12,
            reused: true,
            oldestCommit: 'abcdef0123'.repeat(4),
            commitCount: 4,
            commitsSource: 'GitHub compare API'
          }
        ],
        deployments: [
          {
            artifact: 'app.jar',
            fingerprint: FP,
            environment: 'production',
            physicalEnvironment: 'eu-west-1',
            deploymentName: 'web-app.jar',
            status: 'deployed',
            complianceState: 'COMPLIANT',
            recordIds: ['11', '12']
          }
        ]
      })
    )
    expect(text).toContain('| app.jar | #12 (reused) | APPROVED | production | 4 after abcdef0 |')
    expect(text).toContain(
      '| app.jar | production / eu-west-1 | – | web-app.jar | deployed | ✅ COMPLIANT | 11, 12 |'
    )
  })
})

describe('artifactsOutput', () => {
  it('gives name, fingerprint, type and url, and nothing unknown', () => {
    expect(artifactsOutput(outcome({ artifacts: [artifact({ type: 'digest' })] }))).toStrictEqual([
      { name: 'app.jar', fingerprint: FP, type: 'digest', url: URL_OF(FP) }
    ])
  })

  it('adds path when fingerprinted here and compliance_state when known', () => {
    const [item] = artifactsOutput(
      outcome({
        artifacts: [artifact({ path: 'build/app.jar', complianceState: 'COMPLIANT' })]
      })
    )
    expect(item).toStrictEqual({
      name: 'app.jar',
      fingerprint: FP,
      type: 'file',
      path: 'build/app.jar',
      url: URL_OF(FP),
      compliance_state: 'COMPLIANT'
    })
  })

  it('keeps the order and serialises to a JSON array', () => {
    const artifacts = [artifact({ name: 'a' }), artifact({ name: 'b', type: 'dir' })]
    const json = JSON.stringify(artifactsOutput(outcome({ artifacts })))
    expect(JSON.parse(json).map((item: { name: string }) => item.name)).toEqual(['a', 'b'])
    expect(json).not.toContain('undefined')
    expect(json).not.toContain('null')
  })

  it('is an empty array without artifacts', () => {
    expect(artifactsOutput(outcome())).toEqual([])
  })
})

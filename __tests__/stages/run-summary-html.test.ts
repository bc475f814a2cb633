import { describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import type { RunOutcome } from '../../src/stages/run-summary.js'
import { renderInputSummary } from '../../src/summary.js'
import { HOST, artifact, fp, html, outcome as baseOutcome, page } from './run-summary-fixtures.js'

/** One artifact of a push of three commits, on its commit's trail. */
function outcome(extra: Partial<RunOutcome> = {}): RunOutcome {
  return baseOutcome({ trail: 'a'.repeat(40), commitsCount: 3, ...extra })
}

function rows(text: string): string[][] {
  return [...text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(match =>
    [...match[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(cell => cell[1].trim())
  )
}

describe('the job summary as GitHub shows it', () => {
  it('is a table of the artifacts whose fingerprints link to their Kosli pages', () => {
    const text = html(outcome({ artifacts: [artifact(1), artifact(2, { type: 'dir' })] }))
    expect(rows(text)).toEqual([
      ['Artifact', 'Fingerprint', 'Type', 'Compliance', 'Reported'],
      ['build/part-1.jar', `<a href="${page(fp(1))}">${fp(1).slice(0, 12)}</a>`, 'file', '–', '✅'],
      ['build/part-2.jar', `<a href="${page(fp(2))}">${fp(2).slice(0, 12)}</a>`, 'dir', '–', '✅']
    ])
    expect(text).toContain(
      `<a href="https://github.com/acme/shop/commit/${'a'.repeat(40)}">aaaaaaa</a>`
    )
  })

  it('keeps a hostile artifact name inside its cell, as text', () => {
    const text = html(
      outcome({ artifacts: [artifact(1, { name: 'a|b <script>alert(1)</script>' })] })
    )
    expect(text).not.toContain('<script>')
    const [, row] = rows(text)
    expect(row).toHaveLength(5)
    expect(row[0]).toBe('a|b &lt;script&gt;alert(1)&lt;/script&gt;')
  })

  it('folds 100 artifacts behind a line that says what they are, failures kept in sight', () => {
    const artifacts = Array.from({ length: 100 }, (_, i) =>
      artifact(i, i === 7 ? { reported: false, error: '503 Service Unavailable' } : {})
    )
    const text = html(outcome({ artifacts }))
    const fold = text.indexOf('<details>')
    expect(text).toContain('<summary>100 artifacts: 99 reported, 1 not reported</summary>')
    expect(rows(text.slice(0, fold))).toEqual([
      ['Artifact', 'Fingerprint', 'Type', 'Compliance', 'Reported'],
      ['build/part-7.jar', fp(7).slice(0, 12), 'file', '–', '❌ not reported']
    ])
    expect(rows(text.slice(fold))).toHaveLength(101)
  })

  it('shows a multi-line error as one quote with a list', () => {
    const text = html(
      outcome({ error: 'Reported 1 of 2 artifacts; these were not reported:\n- b.jar: 503' })
    )
    expect(text).toMatch(
      /<blockquote>[\s\S]*<strong>Error:<\/strong> Reported 1 of 2 artifacts; these were not reported:[\s\S]*<li>b.jar: 503<\/li>[\s\S]*<\/blockquote>/
    )
  })

  it('links an approval to its artifact and shows the deployment record', () => {
    const text = html(
      outcome({
        approvals: [
          {
            artifact: 'build/part-1.jar',
            fingerprint: fp(1),
            environment: 'production',
            state: 'APPROVED',
            releaseNumber: 12,
            reused: false,
            oldestCommit: 'b'.repeat(40),
            commitCount: 3,
            commitsSource: 'GitHub compare API'
          }
        ],
        deployments: [
          {
            artifact: 'build/part-1.jar',
            fingerprint: fp(1),
            environment: 'production',
            physicalEnvironment: 'eu-west-1',
            cluster: 'prod-eks',
            deploymentName: 'shop-part-1.jar',
            status: 'deployed',
            complianceState: 'COMPLIANT',
            recordIds: ['1042']
          }
        ]
      })
    )
    const all = rows(text)
    expect(all).toContainEqual([
      'build/part-1.jar',
      `<a href="${page(fp(1))}">#12</a>`,
      'APPROVED',
      'production',
      '3 after bbbbbbb'
    ])
    expect(all).toContainEqual([
      'build/part-1.jar',
      'production / eu-west-1',
      'prod-eks',
      'shop-part-1.jar',
      'deployed',
      '✅ COMPLIANT',
      '1042'
    ])
  })

  it('opens with a verdict that links the flow and the trail in Kosli', () => {
    const text = html(outcome({ reports: true, artifacts: [artifact(1), artifact(2)] }))
    const first = text.slice(text.indexOf('</h2>') + 5, text.indexOf('</p>') + 4).trim()
    expect(first).toBe(
      `<p>✅ <strong>Reported 2 artifacts to flow <a href="${HOST}/acme/flows/shop">shop</a></strong>` +
        ` · trail <a href="${HOST}/acme/flows/shop/trails/${'a'.repeat(40)}"><code>${'a'.repeat(40)}</code></a>.</p>`
    )
  })

  it('shows a failure once, in the alert; the row says "not reported" and links nowhere', () => {
    const error = 'Kosli POST /api/v2/artifacts/acme/shop: 400 Bad Request: filename is required'
    const text = html(
      outcome({
        reports: true,
        artifacts: [artifact(1), artifact(2, { reported: false, error })],
        error: `Reported 1 of 2 artifacts; these were not reported:\n- build/part-2.jar: ${error}`
      })
    )
    expect(text.split('filename is required')).toHaveLength(2)
    expect(rows(text)).toEqual([
      ['Artifact', 'Fingerprint', 'Type', 'Compliance', 'Reported'],
      ['build/part-1.jar', `<a href="${page(fp(1))}">${fp(1).slice(0, 12)}</a>`, 'file', '–', '✅'],
      ['build/part-2.jar', fp(2).slice(0, 12), 'file', '–', '❌ not reported']
    ])
  })

  it('in a dry run, links no Kosli page and says that reads were sent and writes printed', () => {
    const text = html(outcome({ reports: true, dryRun: true, artifacts: [artifact(1)] }))
    expect(text).not.toContain(`href="${HOST}`)
    expect(text).toContain(
      '<strong>Dry run:</strong> reads were sent to Kosli and GitHub; every write was printed in the log instead of sent.'
    )
    expect(rows(text)[1]).toEqual([
      'build/part-1.jar',
      fp(1).slice(0, 12),
      'file',
      '–',
      'dry run: printed'
    ])
  })

  it('after bad inputs, names the inputs to fix and lists each problem as text', () => {
    const text = marked.parse(
      renderInputSummary([
        "'api-token': given nothing; expected a token <b>now</b>",
        '\'max-retries\': given "-1"; expected a whole number from 0 to 10',
        "'api-token': also [this](https://evil.example)"
      ]),
      { gfm: true }
    ) as string
    expect(text).toContain(
      '<strong>Failed: invalid input, so nothing was sent.</strong> Fix these inputs: <code>api-token</code>, <code>max-retries</code>.'
    )
    const items = [...text.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(match => match[1])
    expect(items).toEqual([
      '&#39;api-token&#39;: given nothing; expected a token &lt;b&gt;now&lt;/b&gt;',
      '&#39;max-retries&#39;: given &quot;-1&quot;; expected a whole number from 0 to 10',
      '&#39;api-token&#39;: also [this](https:\u200b//evil.example)'
    ])
    expect(text).not.toContain('<a ')
    expect(text).not.toContain('<b>')
  })
})

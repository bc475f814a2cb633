import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { marked } from 'marked'
import { artifactsJson, renderSummary, setOutputs } from '../../src/stages/run-summary.js'
import { ERROR_TEXT_LIMIT, OUTPUT_LIMIT, SUMMARY_LIMIT } from '../../src/summary.js'
import { runnerCommands } from '../../test-support/run-action.js'
import { HOST, artifact, fp, html, outcome } from './run-summary-fixtures.js'

function rows(text: string): string[][] {
  return [...text.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(match =>
    [...match[1].matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map(cell => cell[1].trim())
  )
}

/** The tags of the rendered summary: only those the summary itself makes. */
function tags(text: string): string[] {
  return [...new Set([...text.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(m => m[1].toLowerCase()))]
}

const HOSTILE_NAMES = [
  'a|b',
  'a\rb',
  'a\nb',
  'a\r\n| x | y |',
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '[click](https://evil.example)',
  '![img](https://evil.example/x.png)',
  'https://evil.example/x',
  'www.evil.example',
  'ceo@evil.example',
  '`code` ``two``',
  '&lt;b&gt;',
  '<!-- comment',
  '\\',
  '$x^2$',
  '# heading',
  '[ref]: https://evil.example',
  '::warning::x ##[add-mask]y'
]

describe('the job summary with hostile names', () => {
  it.each(HOSTILE_NAMES.map(name => [JSON.stringify(name), name]))(
    'keeps %s in its cell as text: no tag, link, image or row break',
    (_, name) => {
      const text = html(
        outcome({
          artifacts: [artifact(1, { name, reported: false, error: name }), artifact(2)],
          approvals: [
            {
              artifact: name,
              fingerprint: fp(1),
              environment: name,
              state: 'APPROVED',
              releaseNumber: 3,
              reused: false,
              commitCount: 1,
              commitsSource: 'x'
            }
          ],
          deployments: [
            {
              artifact: name,
              fingerprint: fp(1),
              environment: name,
              cluster: name,
              deploymentName: name,
              status: 'deployed',
              complianceState: name,
              recordIds: [name]
            }
          ],
          error: name,
          kosliUnavailable: name,
          trail: name,
          flow: name,
          org: name
        })
      )
      expect(
        tags(text).filter(
          tag =>
            ![
              'h2',
              'h3',
              'p',
              'blockquote',
              'strong',
              'a',
              'table',
              'thead',
              'tbody',
              'tr',
              'th',
              'td',
              'code'
            ].includes(tag)
        )
      ).toEqual([])
      const links = [...text.matchAll(/<a href="([^"]*)"/g)].map(m => m[1])
      expect(
        links.every(
          href => href.startsWith(HOST) || href.startsWith('https://github.com/acme/shop/commit/')
        )
      ).toBe(true)
      // The flow, the trail, the commit, the reported artifact, and the approval's artifact;
      // the artifact that was not reported has no link.
      expect(links).toHaveLength(5)
      const flow = `${HOST}/${encodeURIComponent(name)}/flows/${encodeURIComponent(name)}`
      expect(links.map(href => decodeURIComponent(href))).toContain(decodeURIComponent(flow))
      const all = rows(text)
      // Artifacts: header + 2; approvals: header + 1; deployments: header + 1.
      expect(all.map(row => row.length)).toEqual([5, 5, 5, 5, 5, 7, 7])
      expect(all[1][0]).not.toBe('')
    }
  )

  it('shows a name with a line break as one line, the break escaped', () => {
    const [, row] = rows(html(outcome({ artifacts: [artifact(1, { name: 'a\r\nb\rc' })] })))
    expect(row[0]).toBe('a\\r\\nb\\rc')
  })

  it('shows markdown and HTML in a name as the characters they are', () => {
    const [, row] = rows(
      html(outcome({ artifacts: [artifact(1, { name: '![x](y) <b>&amp; `z` |' })] }))
    )
    expect(row[0]).toBe('![x](y) &lt;b&gt;&amp;amp; `z` |')
  })

  it('cuts a long error, and stays under the limit with 5000 long-named failures', () => {
    const long = 'E'.repeat(100_000)
    const artifacts = Array.from({ length: 5000 }, (_, i) =>
      artifact(i, { name: `${'n'.repeat(900)}-${i}`, reported: false, error: long })
    )
    const text = renderSummary(outcome({ artifacts, error: long }))
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    // The error shows once, cut; each row says only that it was not reported.
    const cut = `${'E'.repeat(10 * ERROR_TEXT_LIMIT)}… (${100_000 - 10 * ERROR_TEXT_LIMIT} more characters)`
    expect(text.split(cut)).toHaveLength(2)
    expect(text.match(/E{100}/g)?.length).toBe(Math.ceil((10 * ERROR_TEXT_LIMIT) / 100))
    expect(text).toContain(' | ❌ not reported |')
    // What failed stays in sight above the fold, and the fold says how many it leaves out.
    expect(text.indexOf('**Not reported (5000):**')).toBeLessThan(text.indexOf('<details>'))
    expect(text).toMatch(/\n\d+ more not shown: GitHub keeps at most 1 MiB of a job summary/)
    const rendered = marked.parse(text, { gfm: true }) as string
    expect(rendered.match(/<\/details>/g)).toHaveLength(1)
  })

  it('shares the limit among the artifacts, approvals and deployments tables', () => {
    const n = 3000
    const name = (i: number): string => `${'n'.repeat(400)}-${i}`
    const text = renderSummary(
      outcome({
        artifacts: Array.from({ length: n }, (_, i) => artifact(i, { name: name(i) })),
        approvals: Array.from({ length: n }, (_, i) => ({
          artifact: name(i),
          fingerprint: fp(i),
          state: 'APPROVED' as const,
          reused: false,
          commitCount: 1,
          commitsSource: 'x'
        })),
        deployments: Array.from({ length: n }, (_, i) => ({
          artifact: name(i),
          fingerprint: fp(i),
          environment: 'production',
          deploymentName: name(i),
          status: 'deployed' as const,
          recordIds: ['1']
        }))
      })
    )
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(SUMMARY_LIMIT)
    expect(text).toContain('### Approvals')
    expect(text).toContain('### Deployment records')
    expect(text.match(/ more not shown/g)).toHaveLength(3)
  })
})

describe('outputs', () => {
  let written: string[]
  const saved = process.env.GITHUB_OUTPUT

  beforeEach(() => {
    written = []
    // Without GITHUB_OUTPUT, outputs are written as ::set-output to stdout.
    delete process.env.GITHUB_OUTPUT
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })

  afterEach(() => {
    jest.restoreAllMocks()
    if (saved !== undefined) process.env.GITHUB_OUTPUT = saved
  })

  it('keeps the artifacts that fit in 1 MB, in order, as valid JSON', () => {
    const artifacts = Array.from({ length: 3000 }, (_, i) =>
      artifact(i, { name: `${'é'.repeat(200)}-${i}` })
    )
    const { json, left } = artifactsJson(outcome({ artifacts }))
    expect(Buffer.byteLength(json)).toBeLessThanOrEqual(OUTPUT_LIMIT)
    const parsed = JSON.parse(json) as Array<{ name: string }>
    expect(parsed.length + left).toBe(3000)
    expect(left).toBeGreaterThan(0)
    expect(parsed.map(a => a.name)).toEqual(artifacts.slice(0, parsed.length).map(a => a.name))
    // One more would not have fitted.
    const next = JSON.stringify(
      artifactsJson(outcome({ artifacts: artifacts.slice(0, parsed.length + 1) })).json
    )
    expect(Buffer.byteLength(next)).toBeGreaterThan(OUTPUT_LIMIT)
  })

  it('keeps them all when they fit', () => {
    const { json, left } = artifactsJson(outcome({ artifacts: [artifact(1), artifact(2)] }))
    expect(left).toBe(0)
    expect(JSON.parse(json)).toHaveLength(2)
  })

  it('cuts a long error in the artifacts output', () => {
    const { json } = artifactsJson(
      outcome({ artifacts: [artifact(1, { reported: false, error: 'x'.repeat(50_000) })] })
    )
    const [entry] = JSON.parse(json) as Array<{ error: string }>
    expect(entry.error).toBe(
      `${'x'.repeat(ERROR_TEXT_LIMIT)}… (${50_000 - ERROR_TEXT_LIMIT} more characters)`
    )
  })

  it('warns how many artifacts the output leaves out, and sets no oversized output', () => {
    const artifacts = Array.from({ length: 3000 }, (_, i) =>
      artifact(i, { name: `${'n'.repeat(400)}-${i}` })
    )
    artifacts[0] = { ...artifacts[0], complianceState: 'X'.repeat(OUTPUT_LIMIT + 1) }
    setOutputs(outcome({ artifacts }))
    const commands = runnerCommands({ stdout: written.join(''), stderr: '' })
    const outputs = commands.filter(c => c.name === 'set-output').map(c => c.properties)
    expect(outputs).toEqual(['name=fingerprint', 'name=artifact-url', 'name=artifacts'])
    const warnings = commands.filter(c => c.name === 'warning').map(c => c.data)
    expect(warnings).toEqual([
      expect.stringMatching(/^The compliance-state output is not set: its value has 1000001 bytes/),
      expect.stringMatching(
        /^The artifacts output lists \d+ of 3000 artifacts: \d+ more would take it past GitHub's 1 MiB limit/
      )
    ])
    for (const c of commands) expect(Buffer.byteLength(c.line)).toBeLessThan(OUTPUT_LIMIT + 100)
  })
})

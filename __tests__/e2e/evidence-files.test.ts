// The files the bundled action is given, and the text it renders from Kosli, when they are
// hostile: a FIFO, a device, a /proc file, .git in a directory, names past 100 bytes, YAML tags,
// a `|` in a type name, and files far over their limits (with the peak memory of each run).
import { execFileSync } from 'node:child_process'
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { marked } from 'marked'
import { gunzipSync } from 'node:zlib'
import { parseTar } from 'nanotar'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions
} from '../../test-support/run-action.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { makeWorkspace, removeWorkspace, secretLeaks } from './report-helpers.js'

const PRELOAD = fileURLToPath(new URL('../../test-support/peak-rss.mjs', import.meta.url))
// A run that reads nothing large peaks near 100 MB; the finding saw 1.4 to 2.4 GB.
const PEAK_RSS_LIMIT_MB = 300
// A step that waits on a FIFO never ends: the child is killed at this bound and the test fails.
const BOUND_MS = 20_000
const MiB = 1024 * 1024
const CHECKOUT_TOKEN = 'ghs_checkoutTokenInGitConfig123'

const TEMPLATE = {
  version: 1 as const,
  trail: { attestations: [{ name: 'code-review', type: 'pull_request' }] }
}

/** A valid template of about `bytes`: one trail attestation after another. */
function templateOf(bytes: number): string {
  const line = (i: number): string => `    - name: check-${i}\n      type: generic\n`
  const count = Math.ceil(bytes / line(100000).length)
  return `version: 1\ntrail:\n  attestations:\n${Array.from({ length: count }, (_, i) => line(i)).join('')}`
}

/** A SARIF file of about `bytes`: one result after another. */
function sarifOf(bytes: number): string {
  const result = (i: number): string =>
    JSON.stringify({
      ruleId: `RULE-${i}`,
      level: 'warning',
      message: { text: `Finding ${i} in a dependency` },
      locations: [{ physicalLocation: { artifactLocation: { uri: `pkg/${i}/package.json` } } }]
    })
  const count = Math.ceil(bytes / result(100000).length)
  const results = Array.from({ length: count }, (_, i) => result(i)).join(',')
  return `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"Snyk"}},"results":[${results}]}]}`
}

describe('files and text the action is given (e2e, bundled action)', () => {
  let s: StandIns
  let workspace: string
  let commit: string
  let results: ActionResult[] = []
  const peaks: Record<string, number> = {}

  beforeAll(async () => {
    s = await startStandIns(5)
    commit = s.shas[s.shas.length - 1]
    workspace = await makeWorkspace({
      'notes.txt': 'reviewed',
      'data.json': JSON.stringify({ coverage: 91 }),
      'ok.xml': '<testsuite name="u" tests="1"><testcase name="a"/></testsuite>',
      'ok.yml': 'version: 1\n'
    })
    execFileSync('mkfifo', [join(workspace, 'pipe'), join(workspace, 'pipe.json')])
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
    console.log(`peak RSS of the action (MB): ${JSON.stringify(peaks)}`)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.kosli.evidence.seedTrail('acme', 'app', commit, TEMPLATE)
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(result.timedOut).toBe(false)
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  async function run(
    inputs: Record<string, string>,
    options: RunActionOptions & { measure?: string } = {}
  ): Promise<ActionResult> {
    const file = join(workspace, '..', `peak-${process.pid}-${options.measure ?? 'x'}.kb`)
    const result = await s.run({
      cwd: workspace,
      timeoutMs: BOUND_MS,
      ...options,
      inputs,
      ...(options.measure
        ? { env: { NODE_OPTIONS: `--import=${PRELOAD}`, PEAK_RSS_FILE: file } }
        : {})
    })
    results.push(result)
    if (options.measure) {
      peaks[options.measure] = Math.round(Number(await readFile(file, 'utf8')) / 1024)
      await rm(file, { force: true })
    }
    return result
  }
  const attest = (
    inputs: Record<string, string>,
    options: RunActionOptions & { measure?: string } = {}
  ) => run(inputs, { subAction: 'attest', ...options })
  const writes = () => s.kosli.requests.filter(r => r.method !== 'GET')

  /** A file of `bytes` that takes no disk: reading it gives zeros (a sparse file). */
  async function sparse(name: string, bytes: number): Promise<string> {
    const path = join(workspace, name)
    await mkdir(join(path, '..'), { recursive: true })
    const handle = await open(path, 'w')
    await handle.truncate(bytes)
    await handle.close()
    return path
  }

  describe('a FIFO is refused, never waited on (finding 8)', () => {
    const cases: Array<[string, Record<string, string>, RegExp]> = [
      [
        'JUnit results',
        { type: 'junit', name: 'unit', results: 'pipe' },
        /results: the JUnit file '.*\/pipe' is a named pipe \(FIFO\); give a regular file/
      ],
      [
        'the SARIF file of snyk',
        { type: 'snyk', name: 'scan', results: 'pipe' },
        /results: the SARIF file '.*\/pipe' is a named pipe \(FIFO\); give a regular file/
      ],
      [
        'attestation-data',
        { type: 'custom:coverage', name: 'c', 'attestation-data': 'pipe.json' },
        /'attestation-data'.*the \.json file '.*\/pipe\.json' is a named pipe \(FIFO\)/
      ],
      [
        'user-data',
        { type: 'generic', name: 'g', compliant: 'true', 'user-data': 'pipe.json' },
        /'user-data'.*the \.json file '.*\/pipe\.json' is a named pipe \(FIFO\)/
      ],
      [
        'an attachment',
        { type: 'generic', name: 'g', compliant: 'true', attachments: 'pipe' },
        /attachments: the attachment '.*\/pipe' is a named pipe \(FIFO\)/
      ]
    ]
    for (const [what, inputs, error] of cases) {
      it(`as ${what}`, async () => {
        const result = await attest(inputs)
        expect(result.timedOut).toBe(false)
        expect(result.exitCode).toBe(1)
        expect(result.errors.join('\n')).toMatch(error)
        expect(writes()).toEqual([])
      })
    }

    it('as a trail template (main action)', async () => {
      const result = await run({ 'trail-template': 'pipe', fingerprint: 'a'.repeat(64) })
      expect(result.timedOut).toBe(false)
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toMatch(
        /trail-template: the template '.*\/pipe' is a named pipe \(FIFO\)/
      )
      expect(s.kosli.requests).toEqual([])
    })
  })

  it('/dev/null and /proc/self/environ as attachments are refused, nothing sent (finding 8)', async () => {
    for (const path of ['/dev/null', '/proc/self/environ']) {
      s.kosli.reset()
      s.kosli.evidence.seedTrail('acme', 'app', commit, TEMPLATE)
      const result = await attest({
        type: 'generic',
        name: 'g',
        compliant: 'true',
        attachments: path
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toMatch(
        /is a character device|is not a regular file on disk/
      )
      expect(writes()).toEqual([])
    }
  })

  it('attachments: . leaves .git out: the checkout token in .git/config is never sent (finding 9)', async () => {
    const repo = await makeWorkspace({
      'report.txt': 'the report',
      '.git/config': `[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${CHECKOUT_TOKEN}\n`,
      'sub/.git/HEAD': 'ref: refs/heads/main\n'
    })
    try {
      const result = await s.run({
        cwd: repo,
        subAction: 'attest',
        timeoutMs: BOUND_MS,
        inputs: { type: 'generic', name: 'g', compliant: 'true', attachments: '.' }
      })
      results.push(result)
      expect(result.errors).toEqual([])
      const [one] = s.kosli.evidence.attestations()
      const tgz = one.attachment?.bytes ?? Buffer.alloc(0)
      const names = parseTar(new Uint8Array(gunzipSync(tgz))).map(entry => entry.name)
      expect(names.some(name => name.endsWith('report.txt'))).toBe(true)
      expect(names.filter(name => name.split('/').includes('.git'))).toEqual([])
      expect(gunzipSync(tgz).includes(CHECKOUT_TOKEN)).toBe(false)
    } finally {
      await removeWorkspace(repo)
    }
  })

  it('names past 100 bytes in evidence.tgz are refused before sending, not cut into duplicates (finding 6)', async () => {
    const deep = `long/${'d'.repeat(90)}`
    // The two names are the same in their first 100 bytes: cut there, one would replace the other.
    await mkdir(join(workspace, deep), { recursive: true })
    await writeFile(join(workspace, deep, `${'f'.repeat(20)}-one.txt`), 'one')
    await writeFile(join(workspace, deep, `${'f'.repeat(20)}-two.txt`), 'two')
    const result = await attest({
      type: 'generic',
      name: 'g',
      compliant: 'true',
      attachments: 'long'
    })
    expect(result.exitCode).toBe(1)
    expect(result.errors.join('\n')).toMatch(/names in it are at most 100 bytes/)
    expect(writes()).toEqual([])
    await rm(join(workspace, 'long'), { recursive: true })
  })

  it('a template with YAML tags is refused, naming the file and the line (finding 7)', async () => {
    await writeFile(
      join(workspace, 'tagged.yml'),
      // Without the check this one passes: the omap's pairs are read as a mapping with no keys.
      'version: 1\ntrail: !!omap\n  - attestations:\n      - name: a\n        type: generic\n'
    )
    const result = await run({ 'trail-template': 'tagged.yml', fingerprint: 'a'.repeat(64) })
    expect(result.exitCode).toBe(1)
    expect(result.errors.join('\n')).toMatch(
      /trail-template '.*tagged\.yml' has YAML tags \(line 2, column 8: "!!omap"\)/
    )
    expect(s.kosli.requests).toEqual([])
  })

  it('a type name with | in it renders no link or image in the trail table (finding 3)', async () => {
    const type = 'custom:x|[click](https://evil.example/)|![i](https://evil.example/i.png)'
    s.kosli.evidence.seedTrail('acme', 'app', commit, {
      version: 1,
      trail: { attestations: [{ name: 'scan', type }] }
    })
    const result = await attest({ type: 'generic', name: 'g', compliant: 'true' })
    expect(result.exitCode).toBe(0)
    expect(result.summary).toContain('| (trail) | scan |')
    const html = marked.parse(result.summary, { gfm: true }) as string
    expect(html).not.toContain('href="https://evil')
    expect(html).not.toContain('<img')
  })

  describe('files far over their limits: refused before they are read, memory stays low (finding 11)', () => {
    it('a 20 MiB template', async () => {
      await writeFile(join(workspace, 'huge.yml'), templateOf(20 * MiB))
      const result = await run(
        { 'flow-template': 'huge.yml', fingerprint: 'a'.repeat(64) },
        { measure: 'template 20 MiB' }
      )
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        'bytes, over the template limit of 1,048,576 bytes (1 MiB)'
      )
      expect(s.kosli.requests).toEqual([])
      expect(peaks['template 20 MiB']).toBeLessThan(PEAK_RSS_LIMIT_MB)
    })

    it('a 100 MiB SARIF file', async () => {
      await writeFile(join(workspace, 'huge.sarif'), sarifOf(100 * MiB))
      const result = await attest(
        { type: 'snyk', name: 'scan', results: 'huge.sarif' },
        { measure: 'SARIF 100 MiB' }
      )
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        'bytes, over the SARIF file limit of 52,428,800 bytes (50 MiB)'
      )
      expect(writes()).toEqual([])
      expect(peaks['SARIF 100 MiB']).toBeLessThan(PEAK_RSS_LIMIT_MB)
    })

    it('a 60 MB attestation-data file (the data_json)', async () => {
      const entries = Array.from(
        { length: 1_500_000 },
        (_, i) => `"k${i}":"v${i}-${'x'.repeat(20)}"`
      )
      const big = `{${entries.join(',')}}`
      expect(big.length).toBeGreaterThan(60_000_000)
      await writeFile(join(workspace, 'big.json'), big)
      const result = await attest(
        { type: 'custom:coverage', name: 'c', 'attestation-data': 'big.json' },
        { measure: 'data_json 60 MB' }
      )
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        'over the .json file limit of 1,048,576 bytes (1 MiB)'
      )
      expect(writes()).toEqual([])
      expect(peaks['data_json 60 MB']).toBeLessThan(PEAK_RSS_LIMIT_MB)
    })

    it('400 MiB of attachments that would compress under the cap', async () => {
      for (let i = 0; i < 4; i++) await sparse(`zeros/${i}.bin`, 100 * MiB)
      const result = await attest(
        { type: 'generic', name: 'g', compliant: 'true', attachments: 'zeros' },
        { measure: 'attachments 400 MiB' }
      )
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        "The files for evidence.tgz hold 419,430,400 bytes, over Kosli's limit of 10,000,000 bytes"
      )
      expect(writes()).toEqual([])
      expect(peaks['attachments 400 MiB']).toBeLessThan(PEAK_RSS_LIMIT_MB)
    })
  })
})

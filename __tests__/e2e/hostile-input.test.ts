// Hostile and broken input that needs a real process: the environment, the runner's files,
// exit codes and workflow commands on stdout. A bad input fails the step with ONE ::error:: line
// naming the input before any request. Each input's own rules are unit rows in
// __tests__/inputs/parse.test.ts.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActionEvent,
  type ActionResult,
  DEFAULT_ACTION_TOKEN
} from '../../test-support/run-action.js'
import {
  artifactsOutput,
  describe as describeRequests,
  makeWorkspace,
  removeWorkspace,
  secretLeaks,
  sha256,
  stackTraceLines
} from './report-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const APP = 'the app binary'
const MANY = 5000
const EVIL_KOSLI_TOKEN = 'evil-kosli-token'
const EVIL_GITHUB_TOKEN = 'ghs_evilgithubtoken'
const INJECTED = 'X-Injected: yes'
const RUNNER_FILE_NAME = 'runner-file.txt'

/** What a row's run had to work with. */
interface Context {
  s: StandIns
  workspace: string
  /** A workspace of MANY tiny files under out/. */
  many: string
}

interface Fails {
  /** The input the one error names, in quotes ('trail'); none when it is about the files. */
  input?: string
  /** What else the error says: the given value, what is expected. */
  says: RegExp
  /** Errors found after the inputs were read (a file system problem): reads may come first. */
  afterReads?: boolean
}

interface Row {
  name: string
  inputs?: Record<string, string>
  env?: Record<string, string>
  /** The workspace the step runs in (default: the shared one). */
  cwd?: (ctx: Context) => string
  /** The event that started the run (default: workflow_dispatch). */
  event?: ActionEvent
  /** Strings that must not appear anywhere the run printed or produced. */
  secrets?: string[]
  fails?: Fails
  succeeds?: (result: ActionResult, ctx: Context) => void
}

const ROWS: Row[] = [
  // Exit codes: one ::error:: line and exit 1 before any request; exit 0 when allowed.
  { name: 'org empty', inputs: { org: '' }, fails: { input: 'org', says: /given nothing/ } },
  {
    name: 'api-token whitespace only in a dry run: allowed',
    inputs: { 'api-token': '  ', 'dry-run': 'true' },
    succeeds: result => {
      expect(artifactsOutput(result)).toEqual([
        expect.objectContaining({ name: 'app.bin', fingerprint: sha256(APP) })
      ])
      expect(result.stdout).toContain(`"fingerprint": "${sha256(APP)}"`)
    }
  },
  {
    name: 'a symlink loop inside a directory artifact',
    inputs: { artifact: 'looped' },
    fails: { says: /looped': '.*\/looped\/(a|b)' is a symlink loop/, afterReads: true }
  },
  {
    name: 'several bad inputs at once',
    inputs: {
      org: '',
      trail: '-x',
      'max-retries': 'three',
      host: 'http://kosli.example.com',
      'user-data': '[]'
    },
    fails: {
      input: 'org',
      says: /^Invalid inputs:\n(- .*\n){4}- .*$/
    }
  },
  // The environment: KOSLI_* fallbacks, and an input as large as a variable gets.
  {
    name: 'org from KOSLI_ORG with a space',
    inputs: { org: '' },
    env: { KOSLI_ORG: 'ac me' },
    fails: { input: 'org', says: /\(from KOSLI_ORG\): given "ac me"; expected an organization/ }
  },
  {
    name: 'dry-run from KOSLI_DRY_RUN: yes',
    env: { KOSLI_DRY_RUN: 'yes' },
    fails: { input: 'dry-run', says: /\(from KOSLI_DRY_RUN\): given "yes"; expected true or false/ }
  },
  {
    name: 'a 100 kB annotation, as large as an environment variable gets: allowed',
    inputs: { annotations: `big=${'x'.repeat(100_000)}` },
    succeeds: (_result, { s }) => {
      expect(s.kosli.writes()).toHaveLength(1)
      const body = s.kosli.writes()[0].body as { annotations: Record<string, string> }
      expect(body.annotations.big).toHaveLength(100_000)
    }
  },
  // Outside text in workflow commands on stdout: escaped, and secrets never printed.
  {
    name: 'CRLF in org',
    inputs: { org: 'acme\r\nX-Org: evil' },
    fails: { input: 'org', says: /given "acme\\r\\nX-Org: evil"; expected a single line/ }
  },
  {
    name: 'an escape sequence in display-name',
    inputs: { 'display-name': 'app\u001b[2J.bin' },
    fails: { input: 'display-name', says: /given "app\\u001b\[2J\.bin"; expected a single line/ }
  },
  {
    name: 'CRLF in api-token',
    inputs: { 'api-token': `${EVIL_KOSLI_TOKEN}\r\n${INJECTED}` },
    secrets: [EVIL_KOSLI_TOKEN, INJECTED],
    fails: {
      input: 'api-token',
      says: /given a value \(hidden\); expected a single line without control characters/
    }
  },
  {
    name: 'CRLF in github-token',
    inputs: { 'github-token': `${EVIL_GITHUB_TOKEN}\r\n${INJECTED}` },
    secrets: [EVIL_GITHUB_TOKEN, INJECTED],
    fails: { input: 'github-token', says: /given a value \(hidden\); expected a single line/ }
  },
  {
    name: 'host with credentials',
    inputs: { host: 'https://admin:s3cr3t-pass@app.kosli.com' },
    secrets: ['s3cr3t-pass'],
    fails: { input: 'host', says: /given "https:\/\/\*\*\*@app\.kosli\.com"; expected an origin/ }
  },
  {
    name: 'artifact glob over a committed symlink out of the workspace: skipped with a warning',
    inputs: { artifact: 'dist/*' },
    secrets: [RUNNER_FILE_NAME],
    succeeds: (result, { s }) => {
      expect(s.kosli.writes().map(w => (w.body as { filename: string }).filename)).toEqual([
        'app.bin'
      ])
      expect(result.warnings).toEqual([
        expect.stringMatching(
          /^'artifact': skipped 'dist\/share' \(matched by 'dist\/\*'\): it leads out of the workspace/
        )
      ])
    }
  },
  // The runner's files: the 1 MiB cap of GITHUB_OUTPUT, and the event in GITHUB_EVENT_PATH.
  {
    name: `${MANY} artifacts matched by a glob, in a dry run: allowed`,
    cwd: ({ many }) => many,
    inputs: { artifact: 'out/*.txt', 'dry-run': 'true' },
    succeeds: (result, { s }) => {
      // GitHub keeps at most 1 MB of an output: the first artifacts that fit, and a warning.
      const artifacts = artifactsOutput(result)
      expect(Buffer.byteLength(result.outputs.artifacts)).toBeLessThanOrEqual(1_000_000)
      expect(artifacts.length).toBeGreaterThan(MANY / 2)
      expect(artifacts.map(a => a.name)).toEqual(
        artifacts.map((_, i) => `out/${String(i).padStart(4, '0')}.txt`)
      )
      expect(new Set(artifacts.map(a => a.fingerprint)).size).toBe(artifacts.length)
      expect(result.warnings).toEqual([
        `The artifacts output lists ${artifacts.length} of ${MANY} artifacts: ${MANY - artifacts.length} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`
      ])
      expect(result.stdout).toContain(`out/${MANY - 1}.txt: ${sha256(String(MANY - 1))} (file)`)
      expect(artifacts[0]).toMatchObject({
        name: 'out/0000.txt',
        path: 'out/0000.txt',
        fingerprint: sha256('0')
      })
      expect(s.kosli.requests).toEqual([])
    }
  },
  {
    name: 'a deployment event whose environment has a newline',
    inputs: { 'dry-run': 'true' },
    event: {
      name: 'deployment',
      payload: { deployment: { environment: 'prod\n::error::injected' } }
    },
    fails: {
      input: 'deployment-environment',
      says: /the deployment event's environment is "prod\\n::error::injected"; expected 1 to 128 characters/
    }
  }
]

describe('hostile and broken input (e2e, bundled action)', () => {
  let s: StandIns
  let ctx: Context
  let scratch: string

  beforeAll(async () => {
    s = await startStandIns(3)
    const workspace = await makeWorkspace({
      'app.bin': APP,
      dist: { 'app.bin': APP },
      looped: { 'ok.txt': 'fine' }
    })
    // a → b → a: stat of either fails with ELOOP.
    await symlink('b', join(workspace, 'looped', 'a'))
    await symlink('a', join(workspace, 'looped', 'b'))
    scratch = await mkdtemp(join(tmpdir(), 'hostile-input-'))
    const outside = join(scratch, 'runner-temp')
    await mkdir(outside)
    await mkdir(join(outside, 'share'))
    await writeFile(join(outside, 'share', RUNNER_FILE_NAME), 'runner')
    await symlink(join(outside, 'share'), join(workspace, 'dist', 'share'))
    const many = join(scratch, 'many')
    await mkdir(join(many, 'out'), { recursive: true })
    await Promise.all(
      Array.from({ length: MANY }, (_, i) =>
        writeFile(join(many, 'out', `${String(i).padStart(4, '0')}.txt`), String(i))
      )
    )
    ctx = { s, workspace, many }
  })

  afterAll(async () => {
    await s?.close()
    await removeWorkspace(ctx?.workspace)
    await rm(scratch, { recursive: true, force: true })
  })

  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.requests.length = 0
  })

  async function runRow(row: Row): Promise<ActionResult> {
    const inputs: Record<string, string> = { artifact: 'app.bin', ...row.inputs }
    const cwd = row.cwd ? row.cwd(ctx) : ctx.workspace
    return s.run({ cwd, inputs, env: row.env, event: row.event })
  }

  it('has rows with distinct names, each failing or succeeding', () => {
    expect(new Set(ROWS.map(row => row.name)).size).toBe(ROWS.length)
    for (const row of ROWS) expect(Boolean(row.fails) !== Boolean(row.succeeds)).toBe(true)
  })

  it.each(ROWS.map(row => [row.name, row] as const))('%s', async (_name, row) => {
    const result = await runRow(row)
    const seen = `kosli: ${describeRequests(s.kosli)}; github: ${describeRequests(s.github)}`

    expect(result.timedOut).toBe(false)
    expect(stackTraceLines(result)).toEqual([])
    expect(
      secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN, ...(row.secrets ?? [])])
    ).toEqual([])
    if (row.fails) {
      const { input, says, afterReads } = row.fails
      expect({ exitCode: result.exitCode, errors: result.errors.length }).toEqual({
        exitCode: 1,
        errors: 1
      })
      const [error] = result.errors
      if (input !== undefined) expect(error).toContain(`'${input}'`)
      expect(error).toMatch(says)
      expect({ kosli: s.kosli.writes(), github: s.github.writes() }).toEqual({
        kosli: [],
        github: []
      })
      if (!afterReads) {
        // An input error fails before any request at all.
        expect(seen).toBe('kosli: ; github: ')
      }
    } else {
      expect({ exitCode: result.exitCode, errors: result.errors }).toEqual({
        exitCode: 0,
        errors: []
      })
      row.succeeds?.(result, ctx)
      if (row.inputs?.['dry-run'] === 'true') {
        expect({ kosli: s.kosli.writes(), github: s.github.writes() }).toEqual({
          kosli: [],
          github: []
        })
      }
    }
  })

  it('lists each bad input of several in the one error', async () => {
    const row = ROWS.find(r => r.name === 'several bad inputs at once') as Row
    const result = await runRow(row)
    expect(result.errors).toHaveLength(1)
    for (const input of ['org', 'trail', 'max-retries', 'host', 'user-data']) {
      expect(result.errors[0]).toContain(`- '${input}'`)
    }
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { transform } from 'esbuild'
import fc from 'fast-check'
import { spawnSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO_ROOT } from '../test-support/run-action.js'

// src/workflow-commands.ts must write what @actions/core 3 writes, byte for byte: each runs the
// same calls on hostile values in a process of its own (test-support/workflow-commands-driver.mjs),
// and everything the runner would see is compared: stdout of each call, what it returned or
// threw, the GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and the exit code.

const DRIVER = join(REPO_ROOT, 'test-support', 'workflow-commands-driver.mjs')
const CORE = pathToFileURL(join(REPO_ROOT, 'node_modules/@actions/core/lib/core.js')).href

type Call = [string, ...unknown[]]
interface Scenario {
  calls: Call[]
  /** Added to a bare environment; `{output}`, `{summary}` and `{dir}` name this run's files. */
  env?: Record<string, string>
  /** Pins crypto.randomUUID. */
  uuid?: string
}

const UNDEFINED = { $undefined: true }
const error = (message: string) => ({ $error: message })

/** Text the runner could read as a command, or that an escape could get wrong. */
const HOSTILE = [
  '',
  ' ',
  'plain',
  '100%',
  '%25 %0A %0D %3A %2C',
  'a\nb',
  'a\r\nb',
  'a\rb',
  '\n',
  '\r\n\r\n',
  'trailing line break\n',
  '::error::x',
  'a\n::add-mask::secret',
  '##[error]x',
  'a ##[add-mask]b',
  'key=value,other=x',
  'a:b,c',
  'a::b',
  ':',
  ',',
  'ünïcødé ✓ 😀 中文',
  '\u2028\u2029\u0085',
  '\u0000\u001b[31mred',
  'lone \ud800 surrogate',
  'ghadelimiter_00000000-0000-4000-8000-000000000000',
  'EOF',
  'x<<EOF',
  '<<',
  '%'.repeat(10_000),
  'long '.repeat(20_000)
]

/** Seeded, so every run tries the same strings, built from the characters that matter. */
const GENERATED = fc.sample(
  fc.string({
    unit: fc.constantFrom('%', '\r', '\n', ':', ',', '=', '#', '[', ']', '<', ' ', 'a', 'é', '😀'),
    maxLength: 24
  }),
  { numRuns: 200, seed: 20_240_601 }
)

const ANNOTATION_PROPERTIES: unknown[] = [
  {},
  {
    title: 'T: a, b',
    file: 'src/a,b:c.ts',
    startLine: 3,
    endLine: 4,
    startColumn: 1,
    endColumn: 9
  },
  { title: '100%\r\n::x', file: '##[x]' },
  { file: 'ünï 😀', startLine: 7 },
  { title: '' },
  { title: UNDEFINED },
  { startLine: 0, endLine: 2 },
  { unknownProperty: 'x' }
]

let dir: string
let ours: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workflow-commands-'))
  // The module as the runner would run it, compiled alone: it may import nothing but Node's own.
  const source = await readFile(join(REPO_ROOT, 'src', 'workflow-commands.ts'), 'utf8')
  const { code } = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022' })
  const file = join(dir, 'workflow-commands.mjs')
  await writeFile(file, code)
  ours = pathToFileURL(file).href
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface Run {
  status: number | null
  stderr: string
  exitCode: number | null
  results: Array<{ call: string; stdout: string; returned?: unknown; threw?: string }>
  output: string | null
  summary: string | null
}

/** Each heredoc delimiter's uuid as `<uuid-N>`, numbered by first appearance. */
function numberUuids(runs: Run[]): void {
  for (const run of runs) {
    const seen = new Map<string, string>()
    const number = (text: string) =>
      text.replace(
        /(?<=ghadelimiter_)[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g,
        uuid => {
          if (!seen.has(uuid)) seen.set(uuid, `<uuid-${seen.size + 1}>`)
          return seen.get(uuid)!
        }
      )
    if (run.output !== null) run.output = number(run.output)
    for (const result of run.results) {
      result.stdout = number(result.stdout)
      if (result.threw) result.threw = number(result.threw)
    }
  }
}

async function runOne(kind: 'core' | 'ours', scenario: Scenario, name: string): Promise<Run> {
  const runDir = join(dir, `${name}-${kind}`)
  await mkdir(runDir)
  const files = { output: join(runDir, 'output'), summary: join(runDir, 'summary.md') }
  await writeFile(files.output, '')
  await writeFile(files.summary, '')
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  for (const [key, value] of Object.entries(scenario.env ?? {})) {
    env[key] = value
      .replace('{output}', files.output)
      .replace('{summary}', files.summary)
      .replace('{dir}', runDir)
  }
  const scenarioFile = join(runDir, 'scenario.json')
  await writeFile(scenarioFile, JSON.stringify(scenario))
  const child = spawnSync(
    process.execPath,
    [DRIVER, kind, kind === 'core' ? CORE : ours, scenarioFile],
    { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }
  )
  const printed = child.stdout ? JSON.parse(child.stdout) : { results: [], exitCode: null }
  const read = (file: string) => readFile(file, 'utf8').catch(() => null)
  // The two runs' folders differ in name only; messages name them the same way.
  const same = (text: string) => text.replaceAll(runDir, '<dir>')
  return {
    status: child.status,
    stderr: child.stderr,
    exitCode: printed.exitCode,
    results: printed.results.map((result: Run['results'][number]) => ({
      ...result,
      stdout: same(result.stdout),
      ...(result.threw ? { threw: same(result.threw) } : {})
    })),
    output: await read(files.output),
    summary: await read(files.summary)
  }
}

/** Where two texts first differ, with a little of each around it (the values can be a MiB). */
function around(core: string, ours: string): { core: string; ours: string } {
  let at = 0
  while (at < core.length && core[at] === ours[at]) at++
  const start = Math.max(0, at - 40)
  return { core: core.slice(start, at + 40), ours: ours.slice(start, at + 40) }
}

/** Everything the runner would see that differs between the two runs, empty when nothing does. */
function differences(core: Run, ours: Run): object[] {
  const found: object[] = []
  const compare = (where: string, a: unknown, b: unknown) => {
    const [textA, textB] = [JSON.stringify(a) ?? 'undefined', JSON.stringify(b) ?? 'undefined']
    if (textA !== textB) found.push({ where, ...around(textA, textB) })
  }
  for (const key of ['status', 'stderr', 'exitCode', 'output', 'summary'] as const) {
    compare(key, core[key], ours[key])
  }
  compare('number of calls', core.results.length, ours.results.length)
  core.results.forEach((result, i) => {
    const [call, mine] = [result.call, ours.results[i]]
    compare(`call ${i} (${call}): stdout`, result.stdout, mine?.stdout)
    compare(`call ${i} (${call}): returned`, result.returned, mine?.returned)
    compare(`call ${i} (${call}): threw`, result.threw, mine?.threw)
  })
  return found
}

let runs = 0
/** Both implementations on one scenario: what core did, which ours must equal. */
async function both(scenario: Scenario): Promise<{ core: Run; ours: Run }> {
  const name = `run${++runs}`
  const core = await runOne('core', scenario, name)
  const mine = await runOne('ours', scenario, name)
  // A pinned uuid is the same in both runs, and named in what they threw.
  if (!scenario.uuid) numberUuids([core, mine])
  expect(core.stderr).toBe('')
  expect(core.results).toHaveLength(scenario.calls.length)
  return { core, ours: mine }
}

describe('workflow commands, as @actions/core writes them', () => {
  it('logs and annotates hostile text the same way', async () => {
    const messages = [...HOSTILE, ...GENERATED]
    const calls: Call[] = [
      ...messages.flatMap((text): Call[] => [
        ['info', text],
        ['debug', text],
        ['notice', text],
        ['warning', text],
        ['error', text],
        ['startGroup', text],
        ['endGroup'],
        ['setSecret', text]
      ]),
      ...ANNOTATION_PROPERTIES.flatMap((properties): Call[] => [
        ['error', 'an error', properties],
        ['warning', 'a\nwarning', properties],
        ['notice', '::notice::', properties]
      ]),
      ...GENERATED.map((title): Call => ['warning', 'generated', { title, file: title }]),
      ['warning', error('an Error: with %, \n and ::')],
      ['notice', error(''), { title: 'from an Error' }],
      ['isDebug']
    ]
    const { core, ours } = await both({ calls })
    expect(core.results.find(r => r.call === 'warning')?.stdout).toBe('::warning::\n')
    expect(core.results.filter(r => r.threw)).toEqual([])
    expect(differences(core, ours)).toEqual([])
  })

  it('writes outputs to GITHUB_OUTPUT as heredocs the same way', async () => {
    const names = ['plain', 'with space', 'a-b_c', 'ünï', '%:,', '', 'x<<y', 'a\nb']
    const values: unknown[] = [
      ...HOSTILE,
      ...GENERATED,
      'a value of a MiB: '.padEnd(1024 * 1024, 'x'),
      42,
      true,
      { a: 'b:c', d: ['\n'] },
      ['x', 1],
      null,
      UNDEFINED
    ]
    const calls: Call[] = [
      ...values.map((value, i): Call => ['setOutput', names[i % names.length], value]),
      ...HOSTILE.map((name): Call => ['setOutput', name, 'value'])
    ]
    const { core, ours } = await both({ calls, env: { GITHUB_OUTPUT: '{output}' } })
    expect(core.output).toMatch(/^plain<<ghadelimiter_<uuid-1>\n\nghadelimiter_<uuid-1>\n/)
    expect(core.results.filter(r => r.threw || r.stdout)).toEqual([])
    expect(differences(core, ours)).toEqual([])
  })

  it('falls back to ::set-output when the runner gives no GITHUB_OUTPUT', async () => {
    const calls: Call[] = [
      ...[...HOSTILE, ...GENERATED].map((text): Call => ['setOutput', text, text]),
      ['setOutput', 'object', { a: '%\n' }],
      ['setOutput', 'nothing', null]
    ]
    const { core, ours } = await both({ calls })
    expect(core.results[2].stdout).toBe('\n::set-output name=plain::plain\n')
    expect(differences(core, ours)).toEqual([])
  })

  it('fails the same way when the GITHUB_OUTPUT file is missing', async () => {
    const { core, ours } = await both({
      calls: [['setOutput', 'name', 'value']],
      env: { GITHUB_OUTPUT: '{dir}/no-such-file' }
    })
    expect(core.results[0].threw).toBe('Error: Missing file at path: <dir>/no-such-file')
    expect(differences(core, ours)).toEqual([])
  })

  it('refuses a name or a value that holds the delimiter', async () => {
    const uuid = '12345678-1234-4234-8234-123456789abc'
    const delimiter = `ghadelimiter_${uuid}`
    const { core, ours } = await both({
      calls: [
        ['setOutput', `a${delimiter}`, 'value'],
        ['setOutput', 'name', `line\n${delimiter}\nsneaked=in`],
        ['setOutput', 'name', 'ghadelimiter_12345678'],
        ['setOutput', 'object', { text: delimiter }]
      ],
      env: { GITHUB_OUTPUT: '{output}' },
      uuid
    })
    expect(core.results.map(r => r.threw)).toEqual([
      `Error: Unexpected input: name should not contain the delimiter "${delimiter}"`,
      `Error: Unexpected input: value should not contain the delimiter "${delimiter}"`,
      undefined,
      `Error: Unexpected input: value should not contain the delimiter "${delimiter}"`
    ])
    expect(core.output).toBe(`name<<${delimiter}\nghadelimiter_12345678\n${delimiter}\n`)
    expect(differences(core, ours)).toEqual([])
  })

  it('appends to the job summary the same way', async () => {
    const calls = [...HOSTILE, ...GENERATED].map((text): Call => ['appendSummary', text])
    const { core, ours } = await both({ calls, env: { GITHUB_STEP_SUMMARY: '{summary}' } })
    expect(core.summary).toMatch(/^\n \nplain\n100%\n/)
    expect(differences(core, ours)).toEqual([])
  })

  it.each([
    ['no GITHUB_STEP_SUMMARY', {}],
    ['an empty GITHUB_STEP_SUMMARY', { GITHUB_STEP_SUMMARY: '' }],
    ['a summary file that does not exist', { GITHUB_STEP_SUMMARY: '{dir}/gone/summary.md' }],
    ['a summary path that is a folder', { GITHUB_STEP_SUMMARY: '{dir}' }]
  ])('fails to write the summary the same way, with %s', async (_, env) => {
    const { core, ours } = await both({ calls: [['appendSummary', '# Kosli']], env })
    expect(core.results[0].threw).toMatch(/^Error: /)
    expect(differences(core, ours)).toEqual([])
  })

  it.each([
    ['a message', [['setFailed', 'it broke:\n::error::no, 100%']]],
    ['an Error', [['setFailed', error('broken')]]],
    ['an error annotation only', [['error', 'not a failure']]],
    ['nothing', [['info', 'fine']]]
  ] as Array<[string, Call[]]>)('leaves the same exit code after %s', async (_, calls) => {
    const { core, ours } = await both({ calls })
    expect(differences(core, ours)).toEqual([])
    expect(ours.status).toBe(calls[0][0] === 'setFailed' ? 1 : 0)
  })

  it.each([['1'], ['true'], [''], [' 1'], ['0'], [null]])(
    'reads RUNNER_DEBUG=%j the same way',
    async value => {
      const env: Record<string, string> = value === null ? {} : { RUNNER_DEBUG: value }
      const { core, ours } = await both({ calls: [['isDebug']], env })
      expect(differences(core, ours)).toEqual([])
    }
  )

  it('reads inputs the same way: names mapped, values trimmed', async () => {
    const env = {
      INPUT_PLAIN: '  padded value \t\n',
      INPUT_WITH_SPACE: 'spaced',
      'INPUT_API-TOKEN': 'token',
      INPUT_STRASSE: 'upper-cased ß',
      INPUT_ÄPFEL: 'umlaut',
      INPUT_MULTI: 'line 1\n  line 2  \n',
      INPUT_BLANK: ' \t ',
      INPUT_EMPTY: '',
      INPUT_A__B: 'two spaces',
      INPUT_lower: 'not found: the name is upper-cased',
      'INPUT_%:,': 'odd',
      INPUT_: 'no name'
    }
    const names = [
      'plain',
      'with space',
      'WITH space',
      'api-token',
      'straße',
      'äpfel',
      'multi',
      'blank',
      'empty',
      'a  b',
      'lower',
      ' plain',
      '%:,',
      '',
      'missing'
    ]
    const options = [UNDEFINED, {}, { trimWhitespace: false }, { required: true }]
    const calls = names.flatMap(name => options.map((option): Call => ['getInput', name, option]))
    const { core, ours } = await both({ calls, env })
    expect(core.results[0].returned).toBe('padded value')
    expect(core.results.find(r => r.threw)?.threw).toBe(
      'Error: Input required and not supplied: empty'
    )
    expect(differences(core, ours)).toEqual([])
  })
})

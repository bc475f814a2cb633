// What the action writes for the runner, as bytes: its log lines (src/print.ts), masks, outputs,
// the job summary, its reading of inputs and the exit code, on hostile values. Each scenario runs
// in a process of its own (test-support/workflow-commands-driver.mjs) against a bundle of the
// action's runner layer; a run is kept as text, long texts as their sha256.
//
// The recorded bytes (test-support/fixtures/runner-bytes.json) come from the action before it
// used @actions/core: print.ts over src/workflow-commands.ts at commit 5e0284c, which a test then
// held byte for byte to @actions/core 3. They can only be recorded from that commit:
//
//   npx tsx test-support/runner-bytes.ts record 5e0284c
import { build } from 'esbuild'
import fc from 'fast-check'
import { execFileSync, spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const DRIVER = join(ROOT, 'test-support', 'workflow-commands-driver.mjs')
export const RECORDED = join(ROOT, 'test-support', 'fixtures', 'runner-bytes.json')

type Call = [string, ...unknown[]]
export interface Scenario {
  calls: Call[]
  /** Added to a bare environment; `{output}`, `{summary}` and `{dir}` name this run's files. */
  env?: Record<string, string>
  /** Pins crypto.randomUUID. */
  uuid?: string
}

const UNDEFINED = { $undefined: true }

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

const DELIMITER_UUID = '12345678-1234-4234-8234-123456789abc'
const DELIMITER = `ghadelimiter_${DELIMITER_UUID}`

/** Every case, by name; each call names a function of the runner layer (see the driver). */
export const SCENARIOS: Record<string, Scenario> = {
  'log lines, groups and masks of hostile text': {
    calls: [
      ...[...HOSTILE, ...GENERATED].flatMap((text): Call[] => [
        ['info', text],
        ['debug', text],
        ['notice', text],
        ['warning', text],
        ['error', text],
        ['startGroup', text],
        ['endGroup'],
        ['setSecret', text]
      ]),
      ['isDebug']
    ]
  },
  'outputs as heredocs in GITHUB_OUTPUT': {
    calls: [
      ...[
        ...HOSTILE,
        ...GENERATED,
        'a value of a MiB: '.padEnd(1024 * 1024, 'x'),
        42,
        true,
        { a: 'b:c', d: ['\n'] },
        ['x', 1],
        null,
        UNDEFINED
      ].map((value, i): Call => {
        const names = ['plain', 'with space', 'a-b_c', 'ünï', '%:,', '', 'x<<y', 'a\nb']
        return ['setOutput', names[i % names.length], value]
      }),
      ...HOSTILE.map((name): Call => ['setOutput', name, 'value'])
    ],
    env: { GITHUB_OUTPUT: '{output}' }
  },
  'outputs as ::set-output when the runner gives no GITHUB_OUTPUT': {
    calls: [
      ...[...HOSTILE, ...GENERATED].map((text): Call => ['setOutput', text, text]),
      ['setOutput', 'object', { a: '%\n' }],
      ['setOutput', 'nothing', null]
    ]
  },
  'an output when the GITHUB_OUTPUT file is missing': {
    calls: [['setOutput', 'name', 'value']],
    env: { GITHUB_OUTPUT: '{dir}/no-such-file' }
  },
  'a name or a value that holds the heredoc delimiter': {
    calls: [
      ['setOutput', `a${DELIMITER}`, 'value'],
      ['setOutput', 'name', `line\n${DELIMITER}\nsneaked=in`],
      ['setOutput', 'name', 'ghadelimiter_12345678'],
      ['setOutput', 'object', { text: DELIMITER }]
    ],
    env: { GITHUB_OUTPUT: '{output}' },
    uuid: DELIMITER_UUID
  },
  'the job summary, appended': {
    calls: [...HOSTILE, ...GENERATED].map((text): Call => ['appendSummary', text]),
    env: { GITHUB_STEP_SUMMARY: '{summary}' }
  },
  'the job summary with no GITHUB_STEP_SUMMARY': { calls: [['appendSummary', '# Kosli']] },
  'the job summary with an empty GITHUB_STEP_SUMMARY': {
    calls: [['appendSummary', '# Kosli']],
    env: { GITHUB_STEP_SUMMARY: '' }
  },
  'the job summary in a file that does not exist': {
    calls: [['appendSummary', '# Kosli']],
    env: { GITHUB_STEP_SUMMARY: '{dir}/gone/summary.md' }
  },
  'the job summary at a path that is a folder': {
    calls: [['appendSummary', '# Kosli']],
    env: { GITHUB_STEP_SUMMARY: '{dir}' }
  },
  'the exit code after a failed step': {
    calls: [['setFailed', 'it broke:\n::error::no, 100%']]
  },
  'the exit code after an error annotation only': { calls: [['error', 'not a failure']] },
  'the exit code after a line of info': { calls: [['info', 'fine']] },
  ...Object.fromEntries(
    ['1', 'true', '', ' 1', '0', null].map((value): [string, Scenario] => [
      `debug on with RUNNER_DEBUG=${JSON.stringify(value)}`,
      { calls: [['isDebug']], env: value === null ? {} : { RUNNER_DEBUG: value } }
    ])
  ),
  'inputs: names mapped, values trimmed or not': {
    calls: [
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
    ].flatMap(name =>
      [UNDEFINED, {}, { trimWhitespace: false }, { required: true }].map((option): Call => [
        'getInput',
        name,
        option
      ])
    ),
    env: {
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
  }
}

/** A text as it is kept: as it is when short, else its length, its start and its sha256. */
type Kept = string | { length: number; start: string; sha256: string }

export interface Run {
  status: number | null
  stderr: Kept
  exitCode: number | null
  results: Array<{ call: string; stdout: Kept; returned?: unknown; threw?: Kept }>
  output: Kept | null
  summary: Kept | null
}

function keep(text: string): Kept {
  if (text.length <= 200) return text
  const sha256 = createHash('sha256').update(text).digest('hex')
  return { length: text.length, start: text.slice(0, 40), sha256 }
}

/** Each heredoc delimiter's uuid as `<uuid-N>`, numbered by first appearance in the run. */
function uuidNumbering(): (text: string) => string {
  const seen = new Map<string, string>()
  return text =>
    text.replace(
      /(?<=ghadelimiter_)[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}/g,
      uuid => {
        if (!seen.has(uuid)) seen.set(uuid, `<uuid-${seen.size + 1}>`)
        return seen.get(uuid)!
      }
    )
}

/**
 * The runner layer as the action bundles it, in one ES module file: `entry` is its source,
 * resolved from `dir` (the repository, or a folder holding an older commit's files).
 */
export async function bundleRunnerLayer(
  entry: string,
  dir: string,
  out: string
): Promise<{ url: string; inputs: string[] }> {
  const { metafile } = await build({
    stdin: { contents: entry, resolveDir: dir, loader: 'ts' },
    absWorkingDir: ROOT,
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2022',
    // The CommonJS packages core loads (tunnel) require Node's modules.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);"
    },
    outfile: out,
    metafile: true,
    logLevel: 'silent'
  })
  return { url: pathToFileURL(out).href, inputs: Object.keys(metafile.inputs) }
}

/** One scenario against the bundle at `moduleUrl`, in a process of its own under `dir`. */
export async function runScenario(
  moduleUrl: string,
  scenario: Scenario,
  dir: string
): Promise<Run> {
  await mkdir(dir, { recursive: true })
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary.md') }
  await writeFile(files.output, '')
  await writeFile(files.summary, '')
  const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin' }
  for (const [key, value] of Object.entries(scenario.env ?? {})) {
    env[key] = value
      .replace('{output}', files.output)
      .replace('{summary}', files.summary)
      .replace('{dir}', dir)
  }
  const scenarioFile = join(dir, 'scenario.json')
  await writeFile(scenarioFile, JSON.stringify(scenario))
  const child = spawnSync(process.execPath, [DRIVER, moduleUrl, scenarioFile], {
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  const printed = child.stdout ? JSON.parse(child.stdout) : { results: [], exitCode: null }
  const read = (file: string) => readFile(file, 'utf8').catch(() => null)
  // Runs differ in their folder only: messages name it `<dir>`. A pinned uuid stays as it is.
  const numbered = scenario.uuid ? (text: string) => text : uuidNumbering()
  const same = (text: string) => numbered(text.replaceAll(dir, '<dir>'))
  const output = await read(files.output)
  const summary = await read(files.summary)
  return {
    status: child.status,
    stderr: keep(same(child.stderr)),
    exitCode: printed.exitCode,
    results: printed.results.map((result: { call: string; stdout: string; threw?: string }) => ({
      ...result,
      stdout: keep(same(result.stdout)),
      ...(result.threw ? { threw: keep(same(result.threw)) } : {})
    })),
    output: output === null ? null : keep(same(output)),
    summary: summary === null ? null : keep(summary)
  }
}

/** Where a run differs from the recorded one, empty when it does not. */
export function differences(recorded: Run, now: Run, scenario: Scenario): object[] {
  const found: object[] = []
  const compare = (where: string, a: unknown, b: unknown) => {
    const [was, is] = [JSON.stringify(a) ?? 'undefined', JSON.stringify(b) ?? 'undefined']
    if (was !== is) found.push({ where, was, is })
  }
  for (const key of ['status', 'stderr', 'exitCode', 'output', 'summary'] as const) {
    compare(key, recorded[key], now[key])
  }
  compare('number of calls', recorded.results.length, now.results.length)
  recorded.results.forEach((result, i) => {
    const args = JSON.stringify(scenario.calls[i]?.slice(1)) ?? ''
    const call = `call ${i}: ${result.call}(${args.length > 80 ? `${args.slice(0, 80)}…` : args})`
    const mine = now.results[i]
    compare(`${call}: stdout`, result.stdout, mine?.stdout)
    compare(`${call}: returned`, result.returned, mine?.returned)
    compare(`${call}: threw`, result.threw, mine?.threw)
  })
  return found
}

// The runner layer of commit 5e0284c, before @actions/core: its printer over its own commands.
const OLD_ENTRY = `export { print } from './print.ts'
export { appendSummary, getInput, setOutput, setSecret } from './workflow-commands.ts'
`

async function record(commit: string): Promise<void> {
  if (!/^5e0284c/.test(commit)) {
    throw new Error(`record: the bytes are those of 5e0284c, before @actions/core; given ${commit}`)
  }
  const dir = await mkdtemp(join(tmpdir(), 'runner-bytes-record-'))
  try {
    for (const file of ['print.ts', 'workflow-commands.ts']) {
      const source = execFileSync('git', ['show', `${commit}:src/${file}`], { cwd: ROOT })
      await writeFile(join(dir, file), source)
    }
    const { url } = await bundleRunnerLayer(OLD_ENTRY, dir, join(dir, 'runner-layer.mjs'))
    const runs: Record<string, Run> = {}
    let n = 0
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      runs[name] = await runScenario(url, scenario, join(dir, `run${++n}`))
    }
    await writeFile(RECORDED, `${JSON.stringify(runs, null, 2)}\n`)
    console.log(`recorded ${Object.keys(runs).length} scenarios from ${commit} into ${RECORDED}`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [command, commit] = process.argv.slice(2)
  if (command !== 'record' || !commit) throw new Error('usage: runner-bytes.ts record 5e0284c')
  await record(commit)
}

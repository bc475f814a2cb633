// npm run bench: the speed, memory and load figures, each as a ratio
// against a baseline measured in the same run, next to its target. A bench reports; it does not
// gate: a MISS still exits 0. Only a broken measurement (digests that disagree, a failed step)
// exits 1. BENCH_QUICK=1 shrinks every size for a smoke run.
import { rmSync, rmdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { join } from 'node:path'
import {
  type Bench,
  describeRequests,
  dispatchEvent,
  pushEvent,
  runAgainst,
  startBenchStandIns
} from './action.js'
import {
  MIXED_TREE,
  readThrough,
  treeFileCount,
  writeArtifacts,
  writeBigFile,
  writeTinyTree,
  writeTree
} from './data.js'
import {
  NODE24,
  NODE24_BINARY,
  REPO_ROOT,
  best,
  digestIn,
  interleave,
  list,
  measureFingerprint,
  median,
  ms,
  timeCommand,
  timeProcess
} from './measure.js'

const QUICK = process.env.BENCH_QUICK === '1'
const MiB = 1024 * 1024

const SIZES = QUICK
  ? {
      bigFileBytes: 64 * MiB,
      tree: { ...MIXED_TREE, filesPerDir: 10 },
      tinyFiles: 20_000,
      loadCounts: [10, 30, 100],
      rounds: 2,
      startupRounds: 3
    }
  : {
      bigFileBytes: 1024 * MiB,
      tree: MIXED_TREE,
      tinyFiles: 200_000,
      loadCounts: [10, 100, 1000],
      rounds: 5,
      startupRounds: 5
    }

/** The open-file limit the 200,000-file fingerprint runs under: a common default soft limit. */
const TINY_TREE_FD_LIMIT = 1024
const TINY_TREE_ROUNDS = 3
/** Held on every Kosli POST in the in-flight run, so concurrent requests overlap visibly. */
const POST_DELAY_MS = 20

type Verdict = 'PASS' | 'MISS' | 'INFO' | 'ERROR'

interface Row {
  figure: string
  measured: string
  target: string
  verdict: Verdict
}

const rows: Row[] = []

function row(figure: string, measured: string, target: string, pass: boolean | null): void {
  rows.push({ figure, measured, target, verdict: pass === null ? 'INFO' : pass ? 'PASS' : 'MISS' })
}

function loadAverage(): string {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(', ')
}

function say(line = ''): void {
  console.log(line)
}

/** One section: its error becomes an ERROR row and a non-zero exit, and the bench goes on. */
async function section(title: string, figures: string[], body: () => Promise<void>): Promise<void> {
  say(`\n## ${title}`)
  const started = Date.now()
  try {
    await body()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    say(`!! ERROR: ${message}`)
    for (const figure of figures) {
      rows.push({
        figure,
        measured: `ERROR: ${message.split('\n')[0]}`,
        target: '',
        verdict: 'ERROR'
      })
    }
    process.exitCode = 1
  }
  say(`(section took ${ms(Date.now() - started)})`)
}

function sameDigest(label: string, digests: Record<string, string[]>): string {
  const all = Object.entries(digests).flatMap(([tool, values]) => values.map(d => ({ tool, d })))
  const expected = all[0].d
  const odd = all.filter(({ d }) => d !== expected)
  if (odd.length > 0) {
    const shown = all.map(({ tool, d }) => `  ${tool}: ${d}`).join('\n')
    throw new Error(`DIGESTS DISAGREE for ${label}; the fingerprint is wrong:\n${shown}`)
  }
  return expected
}

async function bigFileFigures(dataDir: string): Promise<void> {
  const path = join(dataDir, 'big.bin')
  const created = Date.now()
  await writeBigFile(path, SIZES.bigFileBytes)
  readThrough(path)
  say(
    `${SIZES.bigFileBytes / MiB} MiB pseudo-random file written and read once into the page ` +
      `cache (${ms(Date.now() - created)}).`
  )
  const runs = await interleave(SIZES.rounds, {
    openssl: () => timeCommand('openssl', ['dgst', '-sha256', path]),
    sha256sum: () => timeCommand('sha256sum', [path]),
    action: () => measureFingerprint('file', path)
  })
  const digest = sameDigest('the big file', {
    openssl: runs.openssl.map(r => digestIn(r.stdout, 'openssl')),
    sha256sum: runs.sha256sum.map(r => digestIn(r.stdout, 'sha256sum')),
    fingerprintFile: runs.action.map(r => r.digest)
  })
  say(`digests agree (openssl, sha256sum, fingerprintFile × ${SIZES.rounds}): ${digest}`)

  const openssl = best(runs.openssl.map(r => r.wallMs))
  const sha256sum = best(runs.sha256sum.map(r => r.wallMs))
  const action = best(runs.action.map(r => r.wallMs))
  const peak = Math.max(...runs.action.map(r => r.maxRssMB))
  say(
    `openssl dgst -sha256 (whole process): ${list(runs.openssl.map(r => r.wallMs))} ms → best ${ms(openssl)}`
  )
  say(
    `sha256sum (whole process):            ${list(runs.sha256sum.map(r => r.wallMs))} ms → best ${ms(sha256sum)}`
  )
  say(
    `fingerprintFile (the call, Node 24):  ${list(runs.action.map(r => r.wallMs))} ms → best ${ms(action)}`
  )
  const peaks = runs.action.map(r => r.maxRssMB)
  const before = runs.action.map(r => r.rssBeforeMB)
  say(
    `fingerprintFile child peak RSS: ${list(peaks, 1)} MB (RSS before the call: ${list(before, 1)} MB)`
  )
  const bare = await timeCommand(NODE24_BINARY, [
    '-e',
    'console.log(process.resourceUsage().maxRSS)'
  ])
  const grew = Math.max(...runs.action.map(r => r.maxRssMB - r.rssBeforeMB))
  say(
    `for scale: a bare node24 -e peaks at ${((Number(bare.stdout) * 1024) / 1e6).toFixed(1)} MB; ` +
      `the fingerprint call itself raised the peak by at most ${grew.toFixed(1)} MB over the RSS before it`
  )
  const GiB = SIZES.bigFileBytes / (1024 * MiB)
  say(
    `throughput: fingerprintFile ${(GiB / (action / 1000)).toFixed(2)} GiB/s, openssl ${(GiB / (openssl / 1000)).toFixed(2)} GiB/s`
  )

  const size = `${SIZES.bigFileBytes / MiB} MiB`
  row(
    `1a ${size} file: fingerprintFile / openssl`,
    `${(action / openssl).toFixed(2)} (${ms(action)} / ${ms(openssl)})`,
    '≤ 1.25',
    action / openssl <= 1.25
  )
  row(
    `1b ${size} file: fingerprintFile / sha256sum`,
    `${(action / sha256sum).toFixed(2)} (${ms(action)} / ${ms(sha256sum)})`,
    '< 1',
    action / sha256sum < 1
  )
  row(`2  ${size} file: peak RSS of the child`, `${peak.toFixed(1)} MB`, '< 150 MB', peak < 150)
}

async function treeFigures(dataDir: string): Promise<void> {
  const root = join(dataDir, 'tree')
  const count = treeFileCount(SIZES.tree)
  const created = Date.now()
  const bytes = await writeTree(root, SIZES.tree)
  const shape = `${SIZES.tree.dirs.join(' × ')} × ${SIZES.tree.filesPerDir}`
  say(
    `${count} files (${shape}), 1–64 KiB each, ${(bytes / 1e6).toFixed(0)} MB in all, written (${ms(Date.now() - created)}).`
  )
  const pipeline = ['-c', 'find "$0" -type f -print0 | xargs -0 sha256sum > /dev/null', root]
  const warm = await timeCommand('sh', pipeline)
  say(`warm-up (untimed) find | xargs sha256sum: ${ms(warm.wallMs)}`)

  const runs = await interleave(SIZES.rounds, {
    baseline: () => timeCommand('sh', pipeline),
    parallel: () => measureFingerprint('dir', root),
    serial: () => measureFingerprint('dir', root, { concurrency: 1 })
  })
  const digest = sameDigest('the tree', {
    'concurrency default': runs.parallel.map(r => r.digest),
    'concurrency 1': runs.serial.map(r => r.digest)
  })
  say(`directory digests agree (default concurrency and concurrency 1): ${digest}`)

  const baseline = best(runs.baseline.map(r => r.wallMs))
  const fastest = (measured: typeof runs.parallel) =>
    measured.reduce((a, b) => (b.wallMs < a.wallMs ? b : a))
  const parallel = fastest(runs.parallel)
  const serial = fastest(runs.serial)
  const cpu = (r: typeof parallel) => (r.userMs + r.systemMs) / r.wallMs
  say(
    `find | xargs -0 sha256sum (whole pipeline): ${list(runs.baseline.map(r => r.wallMs))} ms → best ${ms(baseline)}`
  )
  for (const [label, measured, chosen] of [
    [
      `fingerprintDirectory, default concurrency (${availableParallelism()})`,
      runs.parallel,
      parallel
    ],
    ['fingerprintDirectory, concurrency: 1', runs.serial, serial]
  ] as const) {
    say(
      `${label}: ${list(measured.map(r => r.wallMs))} ms → best ${ms(chosen.wallMs)}; ` +
        `in that run user ${ms(chosen.userMs)}, system ${ms(chosen.systemMs)}, ` +
        `CPU/wall ${cpu(chosen).toFixed(2)} (all runs: ${list(measured.map(cpu), 2)}), ` +
        `peak RSS ${chosen.maxRssMB.toFixed(1)} MB`
    )
  }
  row(
    `3a ${count}-file tree: fingerprintDirectory / find|xargs sha256sum`,
    `${(parallel.wallMs / baseline).toFixed(2)} (${ms(parallel.wallMs)} / ${ms(baseline)})`,
    '≤ 0.5',
    parallel.wallMs / baseline <= 0.5
  )
  row(
    `3b ${count}-file tree: CPU (user+system)/wall, fastest run`,
    cpu(parallel).toFixed(2),
    '> 1.3',
    cpu(parallel) > 1.3
  )
  row(
    `3c ${count}-file tree: concurrency 1 / find|xargs`,
    `${(serial.wallMs / baseline).toFixed(2)} (${ms(serial.wallMs)}; CPU/wall ${cpu(serial).toFixed(2)})`,
    'comparison',
    null
  )
}

async function startupFigure(bench: Bench): Promise<void> {
  const digest = `sha256:${'0123456789abcdef'.repeat(4)}`
  const dryRun = () =>
    runAgainst(bench, {
      event: dispatchEvent(bench),
      inputs: { fingerprint: digest, 'dry-run': 'true' }
    })
  const bareNode = () => timeCommand(NODE24_BINARY, ['-e', ''])
  await bareNode()
  await dryRun()
  say('one untimed warm-up of each; then interleaved:')
  const runs = await interleave(SIZES.startupRounds, { node: bareNode, action: dryRun })
  const node = median(runs.node.map(r => r.wallMs))
  const action = median(runs.action.map(r => r.result.durationMs))
  const last = runs.action[runs.action.length - 1]
  say(`node24 -e '' (whole process): ${list(runs.node.map(r => r.wallMs))} ms → median ${ms(node)}`)
  say(
    `dist/index.js dry run, given digest, workflow_dispatch (whole process): ${list(runs.action.map(r => r.result.durationMs))} ms → median ${ms(action)}`
  )
  say(
    `requests of one dry run: Kosli ${describeRequests(last.kosliRequests)}; GitHub ${describeRequests(last.githubRequests)}`
  )
  row(
    '4  start-up: dry run with a given digest (median)',
    `${ms(action)} (${(action / node).toFixed(1)}× node24 -e '' at ${ms(node)})`,
    '< 500 ms',
    action < 500
  )
}

async function reportFigures(bench: Bench, dataDir: string): Promise<void> {
  const workspace = join(dataDir, 'report-workspace')
  await mkdir(workspace, { recursive: true })
  await writeFile(join(workspace, 'app.bin'), 'the build output\n')
  const run = (dryRun: boolean) => () =>
    runAgainst(bench, {
      cwd: workspace,
      event: pushEvent(bench),
      inputs: { artifact: 'app.bin', 'dry-run': String(dryRun) }
    })
  await run(true)()
  await run(false)()
  const runs = await interleave(SIZES.startupRounds, { report: run(false), dry: run(true) })
  const kosli = Math.max(...runs.report.map(r => r.kosliRequests.length))
  const github = Math.max(...runs.report.map(r => r.githubRequests.length))
  const report = median(runs.report.map(r => r.result.durationMs))
  const dry = median(runs.dry.map(r => r.result.durationMs))
  const first = runs.report[0]
  say('push event of 3 commits (with before), one file artifact; one untimed warm-up of each.')
  say(
    `report run requests: Kosli ${describeRequests(first.kosliRequests)}; GitHub ${describeRequests(first.githubRequests)}`
  )
  say(
    `dry run requests:    Kosli ${describeRequests(runs.dry[0].kosliRequests)}; GitHub ${describeRequests(runs.dry[0].githubRequests)}`
  )
  say(
    `report (whole process): ${list(runs.report.map(r => r.result.durationMs))} ms → median ${ms(report)}`
  )
  say(
    `dry run (whole process): ${list(runs.dry.map(r => r.result.durationMs))} ms → median ${ms(dry)}`
  )
  row('5a report of one artifact (push): requests to Kosli', String(kosli), '1', kosli === 1)
  row('5b report of one artifact (push): requests to GitHub', String(github), '≤ 2', github <= 2)
  row(
    '5c report / dry run, whole process (medians)',
    `${(report / dry).toFixed(2)} (${ms(report)} / ${ms(dry)})`,
    'no target',
    null
  )
}

async function loadFigures(bench: Bench, dataDir: string): Promise<void> {
  const perArtifact = new Map<number, number>()
  let peakUndelayed = 0
  const reportAll = async (workspace: string, count: number) => {
    const run = await runAgainst(bench, {
      cwd: workspace,
      event: pushEvent(bench),
      inputs: { artifact: 'out/*.bin' }
    })
    const posts = run.kosliRequests.filter(r => r.method === 'POST' && r.status === 200).length
    const written = run.kosliRequests.filter(r => r.method === 'POST').length
    if (written !== count) {
      throw new Error(
        `${count} artifacts matched, but Kosli saw ${written} POSTs (${posts} answered 200)`
      )
    }
    return run
  }
  const workspaces = new Map<number, string>()
  for (const count of SIZES.loadCounts) {
    const workspace = join(dataDir, `load-${count}`)
    await writeArtifacts(join(workspace, 'out'), count)
    workspaces.set(count, workspace)
  }
  say(
    `push event; artifact: out/*.bin matching N files of 1 KiB; interleaved rounds, median of ${SIZES.rounds}.`
  )
  const runs = await interleave(
    SIZES.rounds,
    Object.fromEntries(
      SIZES.loadCounts.map(count => [
        String(count),
        () => reportAll(workspaces.get(count) as string, count)
      ])
    )
  )
  for (const count of SIZES.loadCounts) {
    const measured = runs[String(count)]
    const total = median(measured.map(r => r.result.durationMs))
    perArtifact.set(count, total / count)
    peakUndelayed = Math.max(peakUndelayed, ...measured.map(r => r.kosliPeakInFlight))
    say(
      `N=${count}: whole run ${list(measured.map(r => r.result.durationMs))} ms → median ${ms(total)}, ` +
        `${(total / count).toFixed(2)} ms per artifact; GitHub ${describeRequests(measured[0].githubRequests)}`
    )
  }
  const largest = SIZES.loadCounts[SIZES.loadCounts.length - 1]
  const middle = SIZES.loadCounts[SIZES.loadCounts.length - 2]
  bench.kosli.injectFault(
    { delayMs: POST_DELAY_MS },
    { times: Infinity, match: { method: 'POST' } }
  )
  let delayed: Awaited<ReturnType<typeof reportAll>>
  try {
    delayed = await reportAll(workspaces.get(largest) as string, largest)
  } finally {
    bench.kosli.clearFaults()
  }
  say(
    `peak Kosli requests in flight without delay: ${peakUndelayed} (answers are immediate, so this understates)`
  )
  say(
    `N=${largest} with every Kosli POST held ${POST_DELAY_MS} ms: whole run ${ms(delayed.result.durationMs)}, ` +
      `peak Kosli requests in flight ${delayed.kosliPeakInFlight}`
  )
  const ratio = (perArtifact.get(largest) as number) / (perArtifact.get(middle) as number)
  const marginal =
    ((perArtifact.get(largest) as number) * largest -
      (perArtifact.get(middle) as number) * middle) /
    (largest - middle)
  say(
    `marginal cost of an artifact between N=${middle} and N=${largest}: ${marginal.toFixed(2)} ms ` +
      '(the fixed start-up cost is what makes the small-N per-artifact figures high)'
  )
  row(
    `6a load: ms per artifact at N=${SIZES.loadCounts.join(' / ')}`,
    SIZES.loadCounts.map(n => (perArtifact.get(n) as number).toFixed(2)).join(' / '),
    'roughly flat',
    null
  )
  row(`6b load: per-artifact time N=${largest} / N=${middle}`, ratio.toFixed(2), '≤ 2', ratio <= 2)
  row(
    `6c load: peak Kosli requests in flight (N=${largest}, POSTs held ${POST_DELAY_MS} ms)`,
    String(delayed.kosliPeakInFlight),
    '≤ 4',
    delayed.kosliPeakInFlight <= 4
  )
}

async function tinyTreeFigure(dataDir: string): Promise<void> {
  const root = join(dataDir, 'tiny')
  const perDir = 1000
  const created = Date.now()
  await writeTinyTree(root, SIZES.tinyFiles, perDir)
  say(
    `${SIZES.tinyFiles} files of a few bytes, ${perDir} to a directory, written (${ms(Date.now() - created)}).`
  )
  const warm = await timeCommand('sh', ['-c', 'find "$0" -type f | wc -l', root])
  say(`warm-up (untimed) find over the tree: ${warm.stdout.trim()} files in ${ms(warm.wallMs)}`)
  say(
    `fingerprintDirectory runs under ulimit -n ${TINY_TREE_FD_LIMIT}, so running out of file descriptors would show as EMFILE.`
  )
  const runs = []
  for (let i = 0; i < TINY_TREE_ROUNDS; i++) {
    runs.push(await measureFingerprint('dir', root, { fdLimit: TINY_TREE_FD_LIMIT }))
  }
  sameDigest('the tiny tree', { fingerprintDirectory: runs.map(r => r.digest) })
  const peaks = runs.map(r => r.maxRssMB)
  const cpu = runs.map(r => (r.userMs + r.systemMs) / r.wallMs)
  const peak = Math.max(...peaks)
  const time = best(runs.map(r => r.wallMs))
  say(
    `fingerprintDirectory: ${list(runs.map(r => r.wallMs))} ms → best ${ms(time)}; ` +
      `peak RSS ${list(peaks, 1)} MB; CPU/wall ${list(cpu, 2)}`
  )
  row(
    `7a ${SIZES.tinyFiles}-file tree: peak RSS of the child (no EMFILE)`,
    `${peak.toFixed(1)} MB`,
    '< 512 MB',
    peak < 512
  )
  row(
    `7b ${SIZES.tinyFiles}-file tree: fingerprintDirectory time (best of ${TINY_TREE_ROUNDS})`,
    `${ms(time)} (${((time / SIZES.tinyFiles) * 1000).toFixed(1)} µs per file)`,
    'no target',
    null
  )
}

function printTable(): void {
  const header: Row = { figure: 'figure', measured: 'measured', target: 'target', verdict: 'INFO' }
  const width = (key: keyof Row) => Math.max(...[header, ...rows].map(r => r[key].length))
  const widths = { figure: width('figure'), measured: width('measured'), target: width('target') }
  const line = (r: Row, verdict: string) =>
    `${r.figure.padEnd(widths.figure)} | ${r.measured.padEnd(widths.measured)} | ${r.target.padEnd(widths.target)} | ${verdict}`
  say(line(header, 'result'))
  say(
    `${'-'.repeat(widths.figure)}-+-${'-'.repeat(widths.measured)}-+-${'-'.repeat(widths.target)}-+-------`
  )
  for (const r of rows) say(line(r, r.verdict === 'INFO' ? '–' : r.verdict))
}

async function main(): Promise<void> {
  if (!NODE24.binary) {
    console.error(`npm run bench: not run: ${NODE24.reason}`)
    process.exitCode = 1
    return
  }
  const started = Date.now()
  await mkdir(join(REPO_ROOT, '.bench'), { recursive: true })
  const dataDir = await mkdtemp(join(REPO_ROOT, '.bench', 'run-'))
  const cleanUp = () => {
    rmSync(dataDir, { recursive: true, force: true })
    try {
      // Only when no other run is using it.
      rmdirSync(join(REPO_ROOT, '.bench'))
    } catch {
      // Not empty: leave it.
    }
  }
  const interrupted = () => {
    cleanUp()
    process.exit(130)
  }
  process.once('SIGINT', interrupted)
  process.once('SIGTERM', interrupted)

  const openssl = (await timeProcess('openssl', ['version'])).stdout.trim()
  const node24 = (await timeProcess(NODE24_BINARY, ['--version'])).stdout.trim()
  say('# npm run bench')
  say(
    `machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; ` +
      `bench on Node ${process.version}, measured code on Node ${node24}; ${openssl}`
  )
  say(
    'method: fingerprint times are the fingerprint call alone, in a fresh Node 24 child ' +
      '(node --import tsx bench/fingerprint-child.ts); baselines are whole processes; ' +
      `best of ${SIZES.rounds} for fingerprint figures, median of ${SIZES.startupRounds} for action runs; ` +
      'runs are interleaved. MB = 10^6 bytes.'
  )
  say(`load average at start: ${loadAverage()}`)
  if (loadavg()[0] > 0.5) {
    say('!! the machine is busy: other processes compete for the 2 cores, so times are noisy.')
  }
  if (QUICK) {
    say(
      'BENCH_QUICK=1: every size is shrunk; these figures are a smoke run, NOT comparable to the targets.'
    )
  }
  say(`data: ${dataDir} (removed at the end)`)

  let bench: Bench | undefined
  try {
    await section('1–2. One big file', ['1–2 big file'], () => bigFileFigures(dataDir))
    await rm(join(dataDir, 'big.bin'), { force: true })
    await section('3. A tree of small files', ['3 tree of small files'], () => treeFigures(dataDir))
    await rm(join(dataDir, 'tree'), { recursive: true, force: true })
    bench = await startBenchStandIns()
    const standIns = bench
    say(`\nstand-ins: Kosli ${standIns.kosli.url}, GitHub ${standIns.github.url}`)
    await section('4. Start-up of the bundled action', ['4 start-up'], () =>
      startupFigure(standIns)
    )
    await section('5. Report of one artifact', ['5 report'], () => reportFigures(standIns, dataDir))
    await section('6. Load: a glob of many artifacts', ['6 load'], () =>
      loadFigures(standIns, dataDir)
    )
    await section('7. A directory of many tiny files', ['7 tiny files'], () =>
      tinyTreeFigure(dataDir)
    )
  } finally {
    await bench?.close()
    const removing = Date.now()
    cleanUp()
    say(`\ndata removed (${ms(Date.now() - removing)})`)
  }

  say('\n## Summary')
  if (QUICK) say('BENCH_QUICK=1: smoke run, figures NOT comparable to the targets.')
  printTable()
  const misses = rows.filter(r => r.verdict === 'MISS').length
  const errors = rows.filter(r => r.verdict === 'ERROR').length
  say(
    `\n${rows.length} figures: ${misses} MISS, ${errors} ERROR; bench took ${ms(Date.now() - started)}; ` +
      `load average at the end: ${loadAverage()}.`
  )
  if (misses) say('A MISS is reported, not enforced: the exit code stays 0.')
}

await main()

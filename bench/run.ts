// npm run bench: each speed and memory goal of the action as a figure next to its goal, every
// baseline (bare Node, openssl, sha256sum, find | xargs) measured in the same run, with the load
// average beside the figures. A bench reports; it does not gate: a MISS still exits 0. Only a
// broken measurement (digests that disagree, a failed step) exits 1.
//
//   npm run bench                      every section (a few minutes on 2 cores)
//   npm run bench -- --quick           every size shrunk: a smoke run, not comparable to the goals
//   npm run bench -- startup tree      only the sections named (see SECTIONS below)
// BENCH_QUICK=1 is the same as --quick.
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
  runForPeakRss,
  startBenchStandIns,
  writeRssWrapper
} from './action.js'
import { fortyMergedPullRequests, seedReleaseHistory } from '../test-support/release-history.js'
import { OWNER, REPO } from '../test-support/stand-ins.js'
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

const args = process.argv.slice(2)
const QUICK = process.env.BENCH_QUICK === '1' || args.includes('--quick')
const MiB = 1024 * 1024
const KiB = 1024

const SIZES = QUICK
  ? {
      bigFileBytes: 128 * MiB,
      dirFileBytes: 32 * MiB,
      tree: { ...MIXED_TREE, filesPerDir: 10 },
      workerDirs: 100,
      workerFilesPerDir: 5,
      tinyFiles: 20_000,
      loadCounts: [10, 30, 100],
      rounds: 2,
      startupRounds: 3
    }
  : {
      bigFileBytes: 1024 * MiB,
      dirFileBytes: 256 * MiB,
      tree: MIXED_TREE,
      workerDirs: 100,
      workerFilesPerDir: 20,
      tinyFiles: 200_000,
      loadCounts: [10, 100, 1000],
      rounds: 5,
      startupRounds: 5
    }

/** The open-file limit of the 200,000-file run: a common default soft limit. */
const TINY_TREE_FD_LIMIT = 1024
/** Held on every Kosli POST in the in-flight run, so concurrent requests overlap visibly. */
const POST_DELAY_MS = 20
/** A 1-minute load above this per core, at the start or the end, marks the run as loaded. */
const BUSY_LOAD_PER_CORE = 0.5
const GIVEN_DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`

type Verdict = 'PASS' | 'MISS' | 'INFO' | 'ERROR'

interface Row {
  figure: string
  measured: string
  goal: string
  verdict: Verdict
  load: string
}

const rows: Row[] = []

function loadNow(): string {
  return loadavg()[0].toFixed(2)
}

function row(figure: string, measured: string, goal: string, pass: boolean | null): void {
  const verdict = pass === null ? 'INFO' : pass ? 'PASS' : 'MISS'
  rows.push({ figure, measured, goal, verdict, load: loadNow() })
  say(`=> ${figure}: ${measured} (goal ${goal}) ${verdict === 'INFO' ? '' : verdict}`)
}

function loadAverage(): string {
  return loadavg()
    .map(l => l.toFixed(2))
    .join(', ')
}

function busy(): boolean {
  return loadavg()[0] > BUSY_LOAD_PER_CORE * availableParallelism()
}

function say(line = ''): void {
  console.log(line)
}

function ratio(a: number, b: number): string {
  return (a / b).toFixed(2)
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

/** The digest a dry run printed in its fingerprint output. */
function printedDigest(outputs: Record<string, string>): string {
  const match = /[0-9a-f]{64}/.exec(outputs.fingerprint ?? '')
  if (!match) throw new Error(`the dry run gave no fingerprint output: ${JSON.stringify(outputs)}`)
  return match[0]
}

interface Context {
  dataDir: string
  bench: Bench
  /** Node 24 under GNU time: whole-process peak RSS. */
  rssNode: string
  /** openssl's single-core SHA-256 rate in bytes per ms, measured in this run. */
  opensslRate?: number
}

/** A dry run of the bundled action, workflow_dispatch, no base: the least provenance there is. */
function dryRun(context: Context, inputs: Record<string, string>, cwd?: string) {
  return runAgainst(context.bench, {
    cwd,
    event: dispatchEvent(context.bench),
    inputs: { 'dry-run': 'true', ...inputs }
  })
}

/** openssl's single-core rate, from the single-file section or a 256 MiB file of its own. */
async function opensslRate(context: Context): Promise<number> {
  if (context.opensslRate) return context.opensslRate
  const bytes = QUICK ? 64 * MiB : 256 * MiB
  const path = join(context.dataDir, 'rate.bin')
  await writeBigFile(path, bytes, 7)
  readThrough(path)
  const runs = []
  for (let i = 0; i < 3; i++) runs.push(await timeCommand('openssl', ['dgst', '-sha256', path]))
  await rm(path, { force: true })
  const fastest = best(runs.map(r => r.wallMs))
  context.opensslRate = bytes / fastest
  say(
    `openssl's single-core rate: ${bytes / MiB} MiB in ${ms(fastest)} (best of 3) = ` +
      `${(context.opensslRate / 1e3).toFixed(0)} MB/s`
  )
  return context.opensslRate
}

async function startupSection(context: Context): Promise<void> {
  const bareNode = () => timeCommand(NODE24_BINARY, ['-e', '0'])
  const given = () => dryRun(context, { fingerprint: GIVEN_DIGEST })
  const least = () =>
    runAgainst(context.bench, {
      script: join(REPO_ROOT, 'bench', 'floor.mjs'),
      actionYml: join(REPO_ROOT, 'action.yml'),
      event: dispatchEvent(context.bench),
      inputs: { 'dry-run': 'true', fingerprint: GIVEN_DIGEST }
    })
  await bareNode()
  await given()
  await least()
  const runs = await interleave(SIZES.startupRounds, {
    node: bareNode,
    action: given,
    floor: least
  })
  const node = median(runs.node.map(r => r.wallMs))
  const action = median(runs.action.map(r => r.result.durationMs))
  const floor = median(runs.floor.map(r => r.result.durationMs))
  const last = runs.action[runs.action.length - 1]
  say('one untimed warm-up of each, then interleaved rounds:')
  say(`node24 -e 0 (whole process): ${list(runs.node.map(r => r.wallMs))} ms → median ${ms(node)}`)
  say(
    `floor, bench/floor.mjs (inputs, event, one GitHub GET of the commit, one output, one summary line; ` +
      `whole process): ${list(runs.floor.map(r => r.result.durationMs))} ms → median ${ms(floor)} = ` +
      `${ratio(floor, node)} × node24 -e 0`
  )
  say(
    `the action, dry run with a given digest, workflow_dispatch (whole process): ` +
      `${list(runs.action.map(r => r.result.durationMs))} ms → median ${ms(action)}`
  )
  say(
    `the action's own work over the floor: ${ms(action - floor)} (${ratio(action, floor)} × the floor)`
  )
  say(
    `requests of one such run: Kosli ${describeRequests(last.kosliRequests)}; ` +
      `GitHub ${describeRequests(last.githubRequests)}`
  )
  row(
    'start-up: dry run with a given digest / node24 -e 0 (medians)',
    `${ratio(action, node)} (${ms(action)} / ${ms(node)})`,
    '≤ 5',
    action / node <= 5
  )
}

async function fileSection(context: Context): Promise<void> {
  const dir = join(context.dataDir, 'file')
  await mkdir(dir, { recursive: true })
  const path = join(dir, 'big.bin')
  const created = Date.now()
  await writeBigFile(path, SIZES.bigFileBytes)
  readThrough(path)
  say(
    `${SIZES.bigFileBytes / MiB} MiB pseudo-random file written and read once into the page ` +
      `cache (${ms(Date.now() - created)}).`
  )
  const whole = () => dryRun(context, { artifact: 'big.bin' }, dir)
  await whole()
  const runs = await interleave(SIZES.rounds, {
    openssl: () => timeCommand('openssl', ['dgst', '-sha256', path]),
    sha256sum: () => timeCommand('sha256sum', [path]),
    hashing: () => measureFingerprint('file', path),
    whole
  })
  const digest = sameDigest('the big file', {
    openssl: runs.openssl.map(r => digestIn(r.stdout, 'openssl')),
    sha256sum: runs.sha256sum.map(r => digestIn(r.stdout, 'sha256sum')),
    fingerprintFile: runs.hashing.map(r => r.digest),
    action: runs.whole.map(r => printedDigest(r.result.outputs))
  })
  say(
    `digests agree (openssl, sha256sum, fingerprintFile, the action × ${SIZES.rounds}): ${digest}`
  )
  const openssl = best(runs.openssl.map(r => r.wallMs))
  const sha256sum = best(runs.sha256sum.map(r => r.wallMs))
  const hashing = best(runs.hashing.map(r => r.wallMs))
  const action = best(runs.whole.map(r => r.result.durationMs))
  context.opensslRate = SIZES.bigFileBytes / openssl
  say(
    `openssl dgst -sha256 (whole process): ${list(runs.openssl.map(r => r.wallMs))} ms → best ${ms(openssl)}`
  )
  say(
    `sha256sum (whole process): ${list(runs.sha256sum.map(r => r.wallMs))} ms → best ${ms(sha256sum)}`
  )
  say(
    `fingerprintFile (the call alone, in a Node 24 child): ${list(runs.hashing.map(r => r.wallMs))} ms → best ${ms(hashing)}`
  )
  say(
    `the action, dry run of the file (whole process): ${list(runs.whole.map(r => r.result.durationMs))} ms → best ${ms(action)}`
  )
  const rss = await runForPeakRss(context.bench, context.rssNode, {
    cwd: dir,
    event: dispatchEvent(context.bench),
    inputs: { 'dry-run': 'true', artifact: 'big.bin' }
  })
  say(`one more action run under GNU time: peak RSS ${rss.maxRssMB.toFixed(1)} MB`)
  row(
    `single file (${SIZES.bigFileBytes / MiB} MiB): hashing / openssl dgst -sha256`,
    `${ratio(hashing, openssl)} (${ms(hashing)} / ${ms(openssl)})`,
    '≤ 1.05',
    hashing / openssl <= 1.05
  )
  row(
    `single file: the action's whole process / openssl dgst -sha256`,
    `${ratio(action, openssl)} (${ms(action)} / ${ms(openssl)})`,
    '≤ 1.25',
    action / openssl <= 1.25
  )
  row(
    'single file: the action / sha256sum (for scale)',
    `${ratio(action, sha256sum)} (${ms(action)} / ${ms(sha256sum)})`,
    '–',
    null
  )
  row(
    `memory: peak RSS of the action on the ${SIZES.bigFileBytes / MiB} MiB file`,
    `${rss.maxRssMB.toFixed(1)} MB`,
    '≤ 150 MB',
    rss.maxRssMB <= 150
  )
  await rm(dir, { recursive: true, force: true })
}

async function dirsSection(context: Context): Promise<void> {
  const root = join(context.dataDir, 'dirs')
  await mkdir(root, { recursive: true })
  for (let i = 0; i < 4; i++) {
    const path = join(root, `part-${i}.bin`)
    await writeBigFile(path, SIZES.dirFileBytes, 10 + i)
    readThrough(path)
  }
  say(`4 files of ${SIZES.dirFileBytes / MiB} MiB in one directory, written and read once.`)
  const runs = await interleave(SIZES.rounds, {
    parallel: () => measureFingerprint('dir', root),
    serial: () => measureFingerprint('dir', root, { concurrency: 1 })
  })
  sameDigest('the 4-file directory', {
    default: runs.parallel.map(r => r.digest),
    'concurrency 1': runs.serial.map(r => r.digest)
  })
  const cpu = (r: (typeof runs.parallel)[number]) => (r.userMs + r.systemMs) / r.wallMs
  const fastest = runs.parallel.reduce((a, b) => (b.wallMs < a.wallMs ? b : a))
  const serial = best(runs.serial.map(r => r.wallMs))
  say(
    `fingerprintDirectory (the call alone): ${list(runs.parallel.map(r => r.wallMs))} ms → best ` +
      `${ms(fastest.wallMs)}; CPU/wall ${list(runs.parallel.map(cpu), 2)}`
  )
  say(
    `the same with concurrency 1: ${list(runs.serial.map(r => r.wallMs))} ms → best ${ms(serial)}`
  )
  row(
    `directories: 4 × ${SIZES.dirFileBytes / MiB} MiB, CPU/wall of the fastest run`,
    `${cpu(fastest).toFixed(2)} (${ms(fastest.wallMs)}; one core: ${ms(serial)})`,
    '≥ 1.7 (idle)',
    cpu(fastest) >= 1.7
  )
  await rm(root, { recursive: true, force: true })
}

async function treeSection(context: Context): Promise<void> {
  const dir = join(context.dataDir, 'tree-ws')
  const root = join(dir, 'tree')
  const count = treeFileCount(SIZES.tree)
  const created = Date.now()
  const bytes = await writeTree(root, SIZES.tree)
  say(
    `${count} files of 1–64 KiB (${SIZES.tree.dirs.join(' × ')} × ${SIZES.tree.filesPerDir}), ` +
      `${(bytes / 1e6).toFixed(0)} MB, written (${ms(Date.now() - created)}).`
  )
  const rate = await opensslRate(context)
  const limit = bytes / (2 * rate)
  const xargs = ['-c', 'find "$0" -type f -print0 | xargs -0 -P2 sha256sum > /dev/null', root]
  const whole = () => dryRun(context, { artifact: 'tree' }, dir)
  const startup = () => dryRun(context, { fingerprint: GIVEN_DIGEST })
  await timeCommand('sh', xargs)
  await whole()
  const runs = await interleave(SIZES.rounds, {
    xargs: () => timeCommand('sh', xargs),
    whole,
    startup
  })
  sameDigest('the tree', { action: runs.whole.map(r => printedDigest(r.result.outputs)) })
  const baseline = best(runs.xargs.map(r => r.wallMs))
  const action = median(runs.whole.map(r => r.result.durationMs))
  const start = median(runs.startup.map(r => r.result.durationMs))
  const hashing = action - start
  say(
    `find | xargs -0 -P2 sha256sum: ${list(runs.xargs.map(r => r.wallMs))} ms → best ${ms(baseline)}`
  )
  say(
    `the action, dry run of the tree (whole process): ${list(runs.whole.map(r => r.result.durationMs))} ms → median ${ms(action)}`
  )
  say(
    `start-up in the same rounds (dry run, given digest): ${list(runs.startup.map(r => r.result.durationMs))} ms → median ${ms(start)}`
  )
  say(
    `2-core SHA-256 limit: ${(bytes / 1e6).toFixed(0)} MB ÷ (2 × ${(rate / 1e3).toFixed(0)} MB/s) = ${ms(limit)}`
  )
  row(
    `${count}-file tree: fingerprinting (whole − start-up) / 2-core limit`,
    `${ratio(hashing, limit)} (${ms(hashing)} / ${ms(limit)})`,
    '≤ 2 (idle)',
    hashing / limit <= 2
  )
  row(
    `${count}-file tree: find | xargs -0 -P2 sha256sum / the action's whole process`,
    `${ratio(baseline, action)} (${ms(baseline)} / ${ms(action)})`,
    '≥ 2 (idle)',
    baseline / action >= 2
  )
  await rm(dir, { recursive: true, force: true })
}

async function workersSection(context: Context): Promise<void> {
  const dir = join(context.dataDir, 'workers-ws')
  const root = join(dir, 'many')
  const shape = {
    dirs: [SIZES.workerDirs],
    filesPerDir: SIZES.workerFilesPerDir,
    minBytes: KiB,
    maxBytes: 64 * KiB
  }
  const bytes = await writeTree(root, shape, 5)
  say(
    `${SIZES.workerDirs} directories of ${SIZES.workerFilesPerDir} files of 1–64 KiB ` +
      `(${(bytes / 1e6).toFixed(0)} MB); each is one artifact (many/*), or all are one (many).`
  )
  const apart = () => dryRun(context, { artifact: 'many/*' }, dir)
  const together = () => dryRun(context, { artifact: 'many' }, dir)
  await apart()
  await together()
  const runs = await interleave(SIZES.rounds, { apart, together })
  const many = median(runs.apart.map(r => r.result.durationMs))
  const one = median(runs.together.map(r => r.result.durationMs))
  say(
    `${SIZES.workerDirs} directory artifacts (whole process): ${list(runs.apart.map(r => r.result.durationMs))} ms → median ${ms(many)}`
  )
  say(
    `the same files as one directory (whole process): ${list(runs.together.map(r => r.result.durationMs))} ms → median ${ms(one)}`
  )
  row(
    `workers: ${SIZES.workerDirs} small directory artifacts / the same files as one directory`,
    `${ratio(many, one)} (${ms(many)} / ${ms(one)})`,
    '≤ 1.5',
    many / one <= 1.5
  )
  await rm(dir, { recursive: true, force: true })
}

async function tinySection(context: Context): Promise<void> {
  const dir = join(context.dataDir, 'tiny-ws')
  const root = join(dir, 'tiny')
  const created = Date.now()
  await writeTinyTree(root, SIZES.tinyFiles, 1000)
  say(
    `${SIZES.tinyFiles} files of a few bytes, 1000 to a directory, written (${ms(Date.now() - created)}).`
  )
  await timeCommand('sh', ['-c', 'find "$0" -type f | wc -l', root])
  const peaks: number[] = []
  const times: number[] = []
  for (let i = 0; i < 2; i++) {
    const measured = await runForPeakRss(
      context.bench,
      context.rssNode,
      {
        cwd: dir,
        event: dispatchEvent(context.bench),
        inputs: { 'dry-run': 'true', artifact: 'tiny' }
      },
      TINY_TREE_FD_LIMIT
    )
    peaks.push(measured.maxRssMB)
    times.push(measured.run.result.durationMs)
  }
  say(
    `the action, dry run of the tree under ulimit -n ${TINY_TREE_FD_LIMIT} and GNU time: ` +
      `${list(times)} ms; peak RSS ${list(peaks, 1)} MB`
  )
  const peak = Math.max(...peaks)
  row(
    `memory: peak RSS of the action on ${SIZES.tinyFiles} tiny files`,
    `${peak.toFixed(1)} MB (whole process ${ms(best(times))})`,
    '≤ 150 MB',
    peak <= 150
  )
  await rm(dir, { recursive: true, force: true })
}

async function loadSection(context: Context): Promise<void> {
  const { bench } = context
  const reportAll = async (workspace: string, count: number) => {
    const run = await runAgainst(bench, {
      cwd: workspace,
      event: pushEvent(bench),
      inputs: { artifact: 'out/*.bin' }
    })
    const written = run.kosliRequests.filter(r => r.method === 'POST').length
    if (written !== count)
      throw new Error(`${count} artifacts matched, but Kosli saw ${written} POSTs`)
    return run
  }
  const workspaces = new Map<number, string>()
  for (const count of SIZES.loadCounts) {
    const workspace = join(context.dataDir, `load-${count}`)
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
  const totals = new Map<number, number>()
  for (const count of SIZES.loadCounts) {
    const measured = runs[String(count)]
    totals.set(count, median(measured.map(r => r.result.durationMs)))
    say(
      `N=${count}: whole run ${list(measured.map(r => r.result.durationMs))} ms → median ` +
        `${ms(totals.get(count) as number)}; stdout ${(measured[0].result.stdout.length / 1e3).toFixed(0)} kB`
    )
  }
  const [small, middle, largest] = SIZES.loadCounts
  const at = (n: number) => totals.get(n) as number
  const marginalLow = (at(middle) - at(small)) / (middle - small)
  const marginalHigh = (at(largest) - at(middle)) / (largest - middle)
  say(
    `marginal cost of an artifact: ${marginalLow.toFixed(2)} ms between N=${small} and ${middle}, ` +
      `${marginalHigh.toFixed(2)} ms between N=${middle} and ${largest}`
  )
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
    `N=${largest} with every Kosli POST held ${POST_DELAY_MS} ms: ${ms(delayed.result.durationMs)}, ` +
      `peak Kosli requests in flight ${delayed.kosliPeakInFlight}`
  )
  row(
    `${largest} artifacts reported (whole process, median)`,
    ms(at(largest)),
    '≤ 2 s',
    at(largest) <= 2000
  )
  row(
    `linear: ms an artifact between N=${middle}→${largest} / ${small}→${middle}`,
    `${(marginalHigh / Math.max(marginalLow, 0.01)).toFixed(2)} (${marginalHigh.toFixed(2)} / ${marginalLow.toFixed(2)} ms; totals ${SIZES.loadCounts.map(n => ms(at(n))).join(' / ')})`,
    '≤ 2',
    marginalHigh <= 2 * marginalLow
  )
  row(
    `peak Kosli requests in flight (N=${largest}, POSTs held ${POST_DELAY_MS} ms)`,
    String(delayed.kosliPeakInFlight),
    '≤ 4',
    delayed.kosliPeakInFlight <= 4
  )
  for (const workspace of workspaces.values()) await rm(workspace, { recursive: true, force: true })
}

async function reportSection(context: Context): Promise<void> {
  const workspace = join(context.dataDir, 'report-ws')
  await mkdir(workspace, { recursive: true })
  await writeFile(join(workspace, 'app.bin'), 'the build output\n')
  const run = await runAgainst(context.bench, {
    cwd: workspace,
    event: pushEvent(context.bench),
    inputs: { artifact: 'app.bin' }
  })
  say(
    `push of 3 commits, one file artifact: Kosli ${describeRequests(run.kosliRequests)}; ` +
      `GitHub ${describeRequests(run.githubRequests)}`
  )
  row(
    'one artifact from a push: requests to Kosli',
    String(run.kosliRequests.length),
    '1',
    run.kosliRequests.length === 1
  )
  row(
    'one artifact from a push: requests to GitHub',
    String(run.githubRequests.length),
    '≤ 2',
    run.githubRequests.length <= 2
  )
}

/**
 * code-review over 300 commits from 40 merge-committed pull requests, with 50 ms added to every
 * GitHub answer: requests and wall time beside two lower bounds, requests ÷ 4 in flight × 50 ms
 * and the longest chain of dependent requests × 50 ms.
 */
async function codeReviewSection(context: Context): Promise<void> {
  const { bench } = context
  const latencyMs = 50
  const { base, head } = seedReleaseHistory(bench.github, OWNER, REPO, fortyMergedPullRequests())
  bench.kosli.evidence.seedTrail(OWNER, REPO, 'release-300')
  bench.github.injectFault({ delayMs: latencyMs }, { times: Infinity })
  try {
    const run = await runAgainst(bench, {
      subAction: 'attest',
      event: dispatchEvent(bench),
      inputs: {
        type: 'code-review',
        name: 'code-review',
        trail: 'release-300',
        'commits-base': base,
        'git-commit': head,
        'max-commits': '300'
      }
    })
    const requests = run.githubRequests.length
    const comparePages = run.githubRequests.filter(r => r.path.includes('/compare/')).length
    // The compare pages one after another, then a merge commit's lookup, then its pull request's
    // reviews and commits side by side.
    const chain = comparePages + 2
    const byWidth = Math.ceil(requests / 4) * latencyMs
    say(`code-review, 300 commits: GitHub ${describeRequests(run.githubRequests)}`)
    row(
      'code-review, 300 commits (40 merged PRs): GitHub requests',
      String(requests),
      '≤ 127',
      requests <= 127
    )
    row(
      `code-review, 300 commits, ${latencyMs} ms per GitHub answer: wall time (whole step)`,
      ms(run.result.durationMs),
      `lower bounds ${ms(byWidth)} (${requests} ÷ 4 × ${latencyMs} ms), ${ms(chain * latencyMs)} (chain of ${chain} × ${latencyMs} ms)`,
      null
    )
  } finally {
    bench.github.clearFaults()
  }
}

const SECTIONS: Record<string, { title: string; body: (context: Context) => Promise<void> }> = {
  startup: { title: 'Start-up', body: startupSection },
  file: { title: 'The single file (and its memory)', body: fileSection },
  dirs: { title: 'Directories: both cores', body: dirsSection },
  tree: { title: 'The 20k-file tree', body: treeSection },
  workers: { title: 'Workers: one pool per run', body: workersSection },
  tiny: { title: 'Memory: 200,000 tiny files', body: tinySection },
  load: { title: '1,000 artifacts', body: loadSection },
  report: { title: 'Requests of one report', body: reportSection },
  'code-review': { title: 'code-review over 300 commits', body: codeReviewSection }
}

/** One section: its error becomes an ERROR row and a non-zero exit, and the bench goes on. */
async function section(name: string, context: Context): Promise<void> {
  const { title, body } = SECTIONS[name]
  say(`\n## ${title} [${name}] (load ${loadAverage()})`)
  const started = Date.now()
  try {
    await body(context)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    say(`!! ERROR: ${message}`)
    rows.push({
      figure: title,
      measured: `ERROR: ${message.split('\n')[0]}`,
      goal: '',
      verdict: 'ERROR',
      load: loadNow()
    })
    process.exitCode = 1
  }
  say(`(section took ${ms(Date.now() - started)}; load ${loadAverage()})`)
}

function printTable(): void {
  const header: Row = {
    figure: 'figure',
    measured: 'measured',
    goal: 'goal',
    verdict: 'INFO',
    load: 'load'
  }
  const width = (key: 'figure' | 'measured' | 'goal') =>
    Math.max(...[header, ...rows].map(r => r[key].length))
  const widths = { figure: width('figure'), measured: width('measured'), goal: width('goal') }
  const line = (r: Row, verdict: string) =>
    `${r.figure.padEnd(widths.figure)} | ${r.measured.padEnd(widths.measured)} | ` +
    `${r.goal.padEnd(widths.goal)} | ${verdict.padEnd(6)} | ${r.load}`
  say(line(header, 'result'))
  say(
    `${'-'.repeat(widths.figure)}-+-${'-'.repeat(widths.measured)}-+-${'-'.repeat(widths.goal)}-+--------+-----`
  )
  for (const r of rows) say(line(r, r.verdict === 'INFO' ? '–' : r.verdict))
}

async function main(): Promise<void> {
  // The bench measures the committed bundle, dist/, unless KOSLI_TEST_BUNDLE names another.
  process.env.KOSLI_TEST_BUNDLE ||= 'dist'
  if (!NODE24.binary) {
    console.error(`npm run bench: not run: ${NODE24.reason}`)
    process.exitCode = 1
    return
  }
  const wanted = args.filter(a => !a.startsWith('--'))
  const unknown = wanted.filter(name => !(name in SECTIONS))
  if (unknown.length > 0) {
    console.error(
      `npm run bench: no section ${unknown.join(', ')}; the sections are ${Object.keys(SECTIONS).join(', ')}.`
    )
    process.exitCode = 2
    return
  }
  const chosen =
    wanted.length > 0
      ? Object.keys(SECTIONS).filter(n => wanted.includes(n))
      : Object.keys(SECTIONS)

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
  const bundle = join(process.env.KOSLI_TEST_BUNDLE || 'dist', 'index.js')
  say('# npm run bench')
  say(
    `machine: ${availableParallelism()} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB; ` +
      `bench on Node ${process.version}, the action on Node ${node24} (${bundle}); ${openssl}`
  )
  say(
    'method: every baseline is measured in this run, interleaved with what it is compared to; ' +
      'whole processes are timed from spawn to exit; "hashing" is the fingerprint call alone in a ' +
      `fresh Node 24 child; best of ${SIZES.rounds} for hashing and baselines, median for action runs. ` +
      'MB = 10^6 bytes.'
  )
  const startBusy = busy()
  say(`load average at start: ${loadAverage()} (${availableParallelism()} cores)`)
  if (startBusy) {
    say(
      `!! the machine is loaded (1-min load > ${BUSY_LOAD_PER_CORE} per core): other processes ` +
        'compete for the cores, so times and CPU/wall ratios are worse than on an idle machine.'
    )
  }
  if (QUICK) say('--quick: every size is shrunk; a smoke run, NOT comparable to the goals.')
  say(`sections: ${chosen.join(', ')}; data: ${dataDir} (removed at the end)`)

  let bench: Bench | undefined
  try {
    bench = await startBenchStandIns()
    const context: Context = {
      dataDir,
      bench,
      rssNode: await writeRssWrapper(dataDir, NODE24_BINARY)
    }
    say(`stand-ins: Kosli ${bench.kosli.url}, GitHub ${bench.github.url}`)
    for (const name of chosen) await section(name, context)
  } finally {
    await bench?.close()
    cleanUp()
  }

  const endBusy = busy()
  say('\n## Summary')
  if (QUICK) say('--quick: smoke run, figures NOT comparable to the goals.')
  printTable()
  const misses = rows.filter(r => r.verdict === 'MISS').length
  const errors = rows.filter(r => r.verdict === 'ERROR').length
  say(
    `\n${rows.length} figures: ${misses} MISS, ${errors} ERROR; bench took ${ms(Date.now() - started)}; ` +
      `load average at the end: ${loadAverage()} (${availableParallelism()} cores). ` +
      'The load column is the 1-minute load when the figure was taken.'
  )
  if (startBusy || endBusy) {
    say(
      `!! LOADED MACHINE: the 1-minute load was above ${BUSY_LOAD_PER_CORE} per core at the ` +
        `${startBusy && endBusy ? 'start and the end' : startBusy ? 'start' : 'end'}; ` +
        'the figures marked idle are not valid here.'
    )
  }
  if (misses) say('A MISS is reported, not enforced: the exit code stays 0.')
}

await main()

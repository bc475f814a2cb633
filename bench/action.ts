// The bundled action (dist/index.js) on Node 24 against the local Kosli and GitHub stand-ins.
// Every run is pointed at the stand-ins: GITHUB_API_URL and `host` are always theirs.
import { randomBytes } from 'node:crypto'
import { chmod, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { OWNER, REPO, type StandIns, startStandIns } from '../test-support/stand-ins.js'
import type { HttpStandIn, RecordedRequest } from '../test-support/http-stand-in.js'
import {
  type ActionEvent,
  type ActionResult,
  type RunActionOptions,
  defaultPushEvent,
  defaultWorkflowDispatchEvent,
  runAction
} from '../test-support/run-action.js'

/** Both stand-ins with the seeded acme/app history the end-to-end tests use. */
export type Bench = StandIns

export function startBenchStandIns(): Promise<Bench> {
  return startStandIns(5)
}

export function pushEvent(bench: Bench): ActionEvent {
  return defaultPushEvent({
    repository: `${OWNER}/${REPO}`,
    repositoryId: 4242,
    description: 'The app',
    before: bench.shas[1],
    after: bench.shas[4],
    commits: bench.shas.slice(2).map(sha => {
      const commit = bench.github.commit(OWNER, REPO, sha)
      if (!commit) throw new Error(`the GitHub stand-in lost seeded commit ${sha}`)
      return commit
    })
  })
}

export function dispatchEvent(bench: Bench): ActionEvent {
  return defaultWorkflowDispatchEvent({
    repository: `${OWNER}/${REPO}`,
    repositoryId: 4242,
    description: 'The app',
    sha: bench.shas[4]
  })
}

export interface ActionRun {
  result: ActionResult
  kosliRequests: RecordedRequest[]
  githubRequests: RecordedRequest[]
  /** Most Kosli requests open at once, seen by the stand-in. */
  kosliPeakInFlight: number
}

/** Runs dist/index.js on Node 24 against the stand-ins; a failed step is an error. */
export async function runAgainst(
  bench: Bench,
  options: RunActionOptions & { event: ActionEvent }
): Promise<ActionRun> {
  const kosliStart = bench.kosli.requests.length
  const githubStart = bench.github.requests.length
  const inFlight = observeInFlight(bench.kosli)
  let result: ActionResult
  try {
    result = await runAction({
      timeoutMs: 300_000,
      ...options,
      github: {
        repository: `${OWNER}/${REPO}`,
        sha: bench.shas[4],
        ...options.event.github,
        ...options.github,
        apiUrl: bench.github.url
      },
      inputs: {
        'api-token': bench.kosli.token,
        org: OWNER,
        flow: REPO,
        ...options.inputs,
        host: bench.kosli.url
      }
    })
  } finally {
    await inFlight.stop()
  }
  const kosliRequests = bench.kosli.requests
    .slice(kosliStart)
    .filter(r => r.path !== inFlight.sentinel)
  const githubRequests = bench.github.requests.slice(githubStart)
  if (result.exitCode !== 0) {
    const errors = result.errors.length ? result.errors.join('; ') : result.stderr.trim()
    throw new Error(`the action failed (exit ${result.exitCode}): ${errors}`)
  }
  return { result, kosliRequests, githubRequests, kosliPeakInFlight: inFlight.peak() }
}

/**
 * Counts the requests a stand-in holds open (received, not yet answered) each time a new one
 * arrives, which is when the count peaks. Uses the stand-in's public waitForRequest; a sentinel
 * request of our own ends the watch.
 */
function observeInFlight(standIn: HttpStandIn): {
  sentinel: string
  peak(): number
  stop(): Promise<void>
} {
  const sentinel = `/bench-sentinel-${randomBytes(6).toString('hex')}`
  // Requests recorded before the watch began are not this run's.
  const startSeq = standIn.requests.length ? standIn.requests[standIn.requests.length - 1].seq : 0
  const open = new Set<RecordedRequest>()
  let peak = 0
  const done = standIn.waitForRequest(request => {
    if (request.path === sentinel) return true
    if (request.seq <= startSeq) return false
    open.add(request)
    for (const r of open) if (r.status !== null) open.delete(r)
    peak = Math.max(peak, open.size)
    return false
  }, 3_600_000)
  return {
    sentinel,
    peak: () => peak,
    stop: async () => {
      await fetch(`${standIn.url}${sentinel}`).then(response => response.arrayBuffer())
      await done
    }
  }
}

/** Method and path of each request, counted: "2× GET /repos/acme/app/commits/…". */
export function describeRequests(requests: RecordedRequest[]): string {
  const counts = new Map<string, number>()
  for (const r of requests) {
    const key = `${r.method} ${r.path.replace(/[0-9a-f]{40}/g, '<sha>')}`
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return [...counts].map(([key, n]) => `${n}× ${key}`).join(', ') || 'none'
}

/**
 * A Node 24 stand-in for runAction's `node` option: runs the action under GNU time, which
 * writes the whole process's peak RSS (KiB, all threads) to $BENCH_RSS_FILE, and under
 * `ulimit -n $BENCH_FD_LIMIT` when that is set.
 */
export async function writeRssWrapper(dir: string, node: string): Promise<string> {
  const path = join(dir, 'node-under-time')
  await writeFile(
    path,
    '#!/bin/bash\n' +
      'if [ -n "$BENCH_FD_LIMIT" ]; then ulimit -n "$BENCH_FD_LIMIT" || exit 97; fi\n' +
      `exec /usr/bin/time -q -f %M -o "$BENCH_RSS_FILE" '${node}' "$@"\n`
  )
  await chmod(path, 0o755)
  return path
}

/** Runs the action once under the wrapper; its peak RSS in MB (10^6 bytes). */
export async function runForPeakRss(
  bench: Bench,
  wrapper: string,
  options: RunActionOptions & { event: ActionEvent },
  fdLimit?: number
): Promise<{ run: ActionRun; maxRssMB: number }> {
  const file = `${wrapper}.${randomBytes(4).toString('hex')}.rss`
  try {
    const run = await runAgainst(bench, {
      ...options,
      node: wrapper,
      env: {
        ...options.env,
        BENCH_RSS_FILE: file,
        ...(fdLimit === undefined ? {} : { BENCH_FD_LIMIT: String(fdLimit) })
      }
    })
    const kib = Number((await readFile(file, 'utf8')).trim().split('\n').pop())
    if (!Number.isFinite(kib)) throw new Error(`GNU time wrote no peak RSS to ${file}`)
    return { run, maxRssMB: (kib * 1024) / 1e6 }
  } finally {
    await rm(file, { force: true })
  }
}

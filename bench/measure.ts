// Timing helpers: processes timed from spawn to exit, fingerprint children on Node 24, statistics.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { NODE24, NODE24_BINARY, REPO_ROOT } from '../test-support/run-action.js'

export { NODE24, NODE24_BINARY, REPO_ROOT }

export interface ChildMeasurement {
  digest: string
  /** The fingerprint call only; the import of the module is not timed. */
  wallMs: number
  userMs: number
  systemMs: number
  /** Peak resident set of the whole process (all threads) over its life, MB = 10^6 bytes. */
  maxRssMB: number
  /** Resident set just before the call: what the runtime, tsx and the import cost. */
  rssBeforeMB: number
  node: string
}

export interface ProcessTiming {
  wallMs: number
  exitCode: number | null
  stdout: string
  stderr: string
}

const CHILD_SCRIPT = fileURLToPath(new URL('./fingerprint-child.ts', import.meta.url))

/** Runs a command to completion; wall time is from spawn to exit, as a user would see it. */
export function timeProcess(
  command: string,
  args: string[],
  options: { cwd?: string } = {}
): Promise<ProcessTiming> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint()
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', exitCode => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6
      resolve({ wallMs, exitCode, stdout, stderr })
    })
  })
}

/** Like timeProcess, but a non-zero exit is an error that shows the command's stderr. */
export async function timeCommand(command: string, args: string[]): Promise<ProcessTiming> {
  const timing = await timeProcess(command, args)
  if (timing.exitCode !== 0) {
    throw new Error(
      `${[command, ...args].join(' ')} exited with ${timing.exitCode}: ${timing.stderr.trim()}`
    )
  }
  return timing
}

/** Fingerprints in a child on Node 24; `fdLimit` runs it under `ulimit -n`. */
export async function measureFingerprint(
  mode: 'file' | 'dir',
  target: string,
  options: { concurrency?: number; fdLimit?: number } = {}
): Promise<ChildMeasurement> {
  const args = ['--import', 'tsx', CHILD_SCRIPT, mode, target]
  if (options.concurrency !== undefined) args.push(String(options.concurrency))
  const timing =
    options.fdLimit === undefined
      ? await timeProcess(NODE24_BINARY, args)
      : await timeProcess('sh', [
          '-c',
          `ulimit -n ${options.fdLimit} && exec "$0" "$@"`,
          NODE24_BINARY,
          ...args
        ])
  const line = timing.stdout.trim().split('\n').pop() ?? ''
  let parsed: (ChildMeasurement & { error?: undefined }) | { error: string; code: string | null }
  try {
    parsed = JSON.parse(line)
  } catch {
    throw new Error(
      `the fingerprint child printed no result (exit ${timing.exitCode}): ${timing.stderr.trim()}`
    )
  }
  if (parsed.error !== undefined) {
    throw new Error(
      `the fingerprint child failed${parsed.code ? ` (${parsed.code})` : ''}: ${parsed.error}`
    )
  }
  return parsed
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

export function best(values: number[]): number {
  return Math.min(...values)
}

/** `n` rounds of every task in turn (A B C, A B C, …), so drift hits each task alike. */
export async function interleave<T extends Record<string, () => Promise<unknown>>>(
  rounds: number,
  tasks: T
): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>>[] }> {
  const results = Object.fromEntries(Object.keys(tasks).map(name => [name, []])) as Record<
    string,
    unknown[]
  >
  for (let round = 0; round < rounds; round++) {
    for (const [name, task] of Object.entries(tasks)) results[name].push(await task())
  }
  return results as { [K in keyof T]: Awaited<ReturnType<T[K]>>[] }
}

export function ms(value: number): string {
  return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`
}

export function list(values: number[], digits = 0): string {
  return values.map(v => v.toFixed(digits)).join(', ')
}

/** The 64-hex digest in a tool's output (openssl, sha256sum). */
export function digestIn(output: string, tool: string): string {
  const match = /\b[0-9a-f]{64}\b/.exec(output)
  if (!match) throw new Error(`no SHA-256 digest in the output of ${tool}: ${output.trim()}`)
  return match[0]
}

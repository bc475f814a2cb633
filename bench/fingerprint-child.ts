// One fingerprint measurement in a process of its own (run on Node 24 with --import tsx), so its
// time, CPU and peak memory are the fingerprint's alone. Usage:
//   fingerprint-child.ts file <path>
//   fingerprint-child.ts dir <path> [concurrency]
// Prints one JSON line: ChildMeasurement, or { error, code } with exit code 1.
import { fingerprintDirectory, fingerprintFile } from '../src/fingerprint/index.js'
import type { ChildMeasurement } from './measure.js'

const [mode, target, concurrencyArg] = process.argv.slice(2)

async function measure(): Promise<ChildMeasurement> {
  if ((mode !== 'file' && mode !== 'dir') || !target) {
    throw new Error('usage: fingerprint-child.ts file|dir <path> [concurrency]')
  }
  const rssBeforeMB = process.memoryUsage.rss() / 1e6
  const before = process.resourceUsage()
  const started = process.hrtime.bigint()
  const digest =
    mode === 'file'
      ? await fingerprintFile(target)
      : await fingerprintDirectory(
          target,
          concurrencyArg ? { concurrency: Number(concurrencyArg) } : {}
        )
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6
  const after = process.resourceUsage()
  return {
    digest,
    wallMs,
    userMs: (after.userCPUTime - before.userCPUTime) / 1000,
    systemMs: (after.systemCPUTime - before.systemCPUTime) / 1000,
    // maxRSS is in KiB on Linux.
    maxRssMB: (after.maxRSS * 1024) / 1e6,
    rssBeforeMB,
    node: process.version
  }
}

try {
  console.log(JSON.stringify(await measure()))
} catch (error) {
  const { message, code } = error as NodeJS.ErrnoException
  console.log(JSON.stringify({ error: message ?? String(error), code: code ?? null }))
  process.exitCode = 1
}

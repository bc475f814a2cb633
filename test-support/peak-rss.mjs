// Preloaded into a child Node process (NODE_OPTIONS=--import): on exit, writes the process's
// peak resident memory in kB (VmHWM) to the file PEAK_RSS_FILE names.
import { readFileSync, writeFileSync } from 'node:fs'

process.on('exit', () => {
  const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]
  if (process.env.PEAK_RSS_FILE && kb) writeFileSync(process.env.PEAK_RSS_FILE, kb)
})

#!/usr/bin/env node
// npm run local-action [-- ENV_FILE]: runs the action from src/ with @github/local-action and
// the inputs of ENV_FILE (default .env), with the job summary in a temp file of this run, and
// exits with the step's status.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import process from 'node:process'
import { URL, fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const envFile = resolve(process.argv[2] ?? '.env')
if (!existsSync(envFile)) {
  console.error(`local-action: no ${envFile}. Start from the example: cp .env.example .env`)
  process.exit(2)
}

// A copy of the env file with this run's summary file last: later lines win, and the copy
// leaves the original as it was.
const dir = mkdtempSync(join(tmpdir(), 'kosli-local-action-'))
const summary = join(dir, 'step-summary.md')
writeFileSync(summary, '')
const env = join(dir, 'env')
writeFileSync(env, `${readFileSync(envFile, 'utf8')}\nGITHUB_STEP_SUMMARY="${summary}"\n`)

const bin = join(root, 'node_modules', '@github', 'local-action', 'bin', 'local-action.js')
const result = spawnSync(
  process.execPath,
  [bin, 'run', root, 'scripts/local-action-entry.ts', env],
  {
    cwd: root,
    stdio: 'inherit'
  }
)
const status = result.status ?? 1
console.log(
  `\nlocal-action: the step ${status === 0 ? 'succeeded' : `failed (exit ${status})`}; job summary: ${summary}`
)
process.exit(status)

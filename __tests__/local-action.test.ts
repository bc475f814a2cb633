import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// npm run local-action runs scripts/local-action.mjs: @github/local-action on src/, whose exit
// status must say whether the step failed, with the job summary in a file of its own per run.

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const SCRIPT = path.join(ROOT, 'scripts', 'local-action.mjs')
const dir = mkdtempSync(path.join(tmpdir(), 'local-action-test-'))
const summaries: string[] = []
afterAll(() => {
  for (const d of [dir, ...summaries]) rmSync(d, { recursive: true, force: true })
})

const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim()

// A dry run with no GitHub token and an API nobody listens on: no network is needed.
const context = [
  `GITHUB_SHA="${head}"`,
  'GITHUB_REPOSITORY="acme/kosli-report-action"',
  'GITHUB_REPOSITORY_OWNER="acme"',
  'GITHUB_SERVER_URL="https://github.com"',
  'GITHUB_API_URL="http://127.0.0.1:9"',
  'GITHUB_EVENT_NAME="workflow_dispatch"',
  'GITHUB_RUN_ID="1"',
  'GITHUB_RUN_ATTEMPT="1"',
  'GITHUB_RUN_NUMBER="1"',
  'GITHUB_WORKFLOW="Local run"',
  'GITHUB_ACTOR="octocat"',
  'GITHUB_WORKSPACE="."',
  'GITHUB_STEP_SUMMARY="/nonexistent/summary.md"',
  'INPUT_GITHUB-TOKEN=""',
  'INPUT_ARTIFACT="action.yml"',
  'INPUT_DRY-RUN="true"',
  'INPUT_FLOW="shop"'
]

function runLocalAction(name: string, lines: string[]) {
  const envFile = path.join(dir, `${name}.env`)
  const text = lines.join('\n') + '\n'
  writeFileSync(envFile, text)
  const result = spawnSync(process.execPath, [SCRIPT, envFile], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' }
  })
  const summary = /job summary: (\S+)/.exec(result.stdout)?.[1]
  if (summary) summaries.push(path.dirname(summary))
  return {
    status: result.status,
    stdout: result.stdout,
    summary,
    envUnchanged: readFileSync(envFile, 'utf8') === text
  }
}

describe('npm run local-action', () => {
  it('exits 1 when the action fails (here: no org)', () => {
    const result = runLocalAction('fail', context)
    expect(result.stdout).toContain("Invalid input: 'org'")
    expect(result).toMatchObject({ status: 1, envUnchanged: true })
    expect(result.summary).toMatch(/kosli-local-action-[^/]+\/step-summary\.md$/)
  }, 180_000)

  it('exits 0 when it succeeds, with the job summary in a temp file of the run', () => {
    const result = runLocalAction('ok', [...context, 'INPUT_ORG="acme"'])
    expect(result).toMatchObject({ status: 0, envUnchanged: true })
    expect(result.summary).toBeDefined()
    expect(existsSync(result.summary!)).toBe(true)
    expect(readFileSync(result.summary!, 'utf8')).toContain('action.yml')
  }, 180_000)
})

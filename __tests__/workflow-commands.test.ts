import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  RECORDED,
  type Run,
  SCENARIOS,
  bundleRunnerLayer,
  differences,
  runScenario
} from '../test-support/runner-bytes.js'
import { REPO_ROOT } from '../test-support/run-action.js'

// The action writes for the runner through @actions/core, with src/print.ts making outside text
// inert on top of it. On every hostile case it must write the bytes it wrote before core:
// test-support/fixtures/runner-bytes.json, recorded from commit 5e0284c (print.ts over its own
// src/workflow-commands.ts, which a test held byte for byte to @actions/core 3). Each case runs
// in a process of its own; stdout of each call, what it returned or threw, the GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files and the exit code are compared.

// The runner layer as the action calls it: its printer, and core for inputs, masks and outputs,
// the job summary through summary.ts.
const ENTRY = `export { print } from './src/print.ts'
export { getInput, setOutput, setSecret } from '@actions/core'
export { appendSummary } from './src/summary.ts'
`

let dir: string
let layer: { url: string; inputs: string[] }
let recorded: Record<string, Run>

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'runner-bytes-'))
  layer = await bundleRunnerLayer(ENTRY, REPO_ROOT, join(dir, 'runner-layer.mjs'))
  recorded = JSON.parse(await readFile(RECORDED, 'utf8'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('what the action writes for the runner, through @actions/core', () => {
  it('is printed by @actions/core, with no command writer of its own', () => {
    const core = layer.inputs.filter(input => input.includes('node_modules/@actions/core/'))
    expect(core).toEqual(expect.arrayContaining([expect.stringMatching(/\/command\.js$/)]))
    expect(layer.inputs.filter(input => /workflow-commands/.test(input))).toEqual([])
  })

  it('has a recorded run for every case, and no recorded run without a case', () => {
    expect(Object.keys(recorded).sort()).toEqual(Object.keys(SCENARIOS).sort())
  })

  it.each(Object.keys(SCENARIOS))('writes the recorded bytes: %s', async name => {
    const scenario = SCENARIOS[name]
    const now = await runScenario(
      layer.url,
      scenario,
      join(dir, `case-${Object.keys(SCENARIOS).indexOf(name)}`)
    )
    expect(now.stderr).toBe('')
    expect(now.results).toHaveLength(scenario.calls.length)
    expect(differences(recorded[name], now, scenario)).toEqual([])
  })

  // A few of the recorded bytes, spelled out: what they mean for the runner.
  it('breaks commands in log lines, escapes annotations, and fails the step with exit code 1', () => {
    const log = recorded['log lines, groups and masks of hostile text'].results
    const stdout = (call: string, n: number) => log.filter(r => r.call === call)[n]?.stdout
    // HOSTILE[11] is '::error::x', HOSTILE[12] 'a\n::add-mask::secret'.
    expect(stdout('info', 11)).toBe(':\u200b:error::x\n')
    expect(stdout('warning', 12)).toBe('::warning::a%0A:\u200b:add-mask::secret\n')
    expect(stdout('startGroup', 11)).toBe('::group::\u200b:\u200b:error::x\n')
    // A mask is the value itself, escaped for the command only.
    expect(stdout('setSecret', 12)).toBe('::add-mask::a%0A::add-mask::secret\n')
    const failed = recorded['the exit code after a failed step']
    expect(failed.results[0].stdout).toBe('::error::it broke:%0A:\u200b:error::no, 100%25\n')
    expect(failed.status).toBe(1)
  })
})

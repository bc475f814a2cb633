// src/workflow-commands.ts writes what @actions/core writes for the same calls: the same bytes to
// stdout, the same entries in the output and summary files, the same exit code.
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import * as core from '@actions/core'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as commands from '../src/workflow-commands.js'

type Calls = (impl: typeof commands) => void | Promise<void>

// @actions/core as the same functions; its summary keeps a buffer, and its getInput trims unless told.
const fromCore: typeof commands = {
  ...commands,
  getInput: name => core.getInput(name, { trimWhitespace: false }),
  setSecret: core.setSecret,
  setOutput: core.setOutput,
  appendSummary: async text => {
    await core.summary.addRaw(text, true).write()
  },
  isDebug: core.isDebug,
  info: core.info,
  debug: core.debug,
  warning: core.warning,
  error: core.error,
  notice: core.notice,
  startGroup: core.startGroup,
  endGroup: core.endGroup,
  setFailed: core.setFailed
}

const TEXTS = [
  'plain',
  'two\nlines and a\r\nCRLF',
  'a % sign, 100%25 encoded, a: colon, a, comma',
  '::warning::not a command',
  ''
]

// @actions/core keeps the summary file it first wrote to: one file for all its writes here.
const CORE_SUMMARY = join(tmpdir(), `workflow-commands-core-summary-${process.pid}.md`)

let dir: string
let saved: NodeJS.ProcessEnv

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'workflow-commands-'))
  saved = { ...process.env }
})
afterAll(async () => {
  await rm(CORE_SUMMARY, { force: true })
})
afterEach(async () => {
  process.env = saved
  process.exitCode = undefined
  jest.restoreAllMocks()
  await rm(dir, { recursive: true, force: true })
})

/** What one implementation writes for `calls`: stdout, the output file, the summary, the exit code. */
async function record(
  impl: typeof commands,
  calls: Calls,
  name: string,
  env: Record<string, string | undefined> = {}
) {
  const output = join(dir, `${name}-output`)
  const summary = impl === fromCore ? CORE_SUMMARY : join(dir, `${name}-summary`)
  await writeFile(output, '')
  await writeFile(summary, '')
  process.env.GITHUB_OUTPUT = output
  process.env.GITHUB_STEP_SUMMARY = summary
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key]
    else process.env[key] = value
  }
  const written: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written.push(String(chunk))
    return true
  })
  process.exitCode = undefined
  try {
    await calls(impl)
  } finally {
    jest.restoreAllMocks()
  }
  const exitCode = process.exitCode
  process.exitCode = undefined
  // Each output entry has a delimiter of its own, random in both.
  const random = (text: string): string =>
    text.replace(/ghadelimiter_[0-9a-f-]+/g, 'ghadelimiter_X')
  return {
    stdout: written.join(''),
    output: random(await readFile(output, 'utf8')),
    summary: await readFile(summary, 'utf8'),
    exitCode
  }
}

async function expectSame(calls: Calls, env?: Record<string, string | undefined>): Promise<void> {
  const ours = await record(commands, calls, 'ours', env)
  const theirs = await record(fromCore, calls, 'core', env)
  expect(ours).toEqual(theirs)
}

describe('workflow commands, as @actions/core writes them', () => {
  it.each(TEXTS)('log lines and annotations of %j', async text => {
    await expectSame(c => {
      c.info(text)
      c.debug(text)
      c.warning(text)
      c.error(text)
      c.notice(text)
      c.startGroup(text)
      c.endGroup()
    })
  })

  it.each(TEXTS)('a mask of %j', async text => {
    await expectSame(c => c.setSecret(text))
  })

  it.each(TEXTS)('an output of %j, in GITHUB_OUTPUT', async text => {
    await expectSame(c => {
      c.setOutput('fingerprint', text)
      c.setOutput('artifacts', `[${JSON.stringify(text)}]`)
    })
  })

  it.each(TEXTS)('an output of %j without GITHUB_OUTPUT: ::set-output', async text => {
    await expectSame(c => c.setOutput('a name, with: marks', text), { GITHUB_OUTPUT: '' })
  })

  it.each(TEXTS)('the job summary, %j appended', async text => {
    await expectSame(async c => {
      await c.appendSummary(text)
      await c.appendSummary('| a | table |')
    })
  })

  it('a failed step: exit code 1 and one error', async () => {
    await expectSame(c => c.setFailed('it failed:\nbecause'))
  })

  it('inputs: spaces in the name as underscores, the value untrimmed, unset as empty', async () => {
    await expectSame(
      c => {
        c.info(JSON.stringify([c.getInput('my input'), c.getInput('api-token'), c.getInput('x')]))
      },
      { INPUT_MY_INPUT: '  padded\n', 'INPUT_API-TOKEN': 'tok', INPUT_X: undefined }
    )
  })

  it.each([
    ['1', true],
    ['true', false],
    [undefined, false]
  ])('RUNNER_DEBUG=%s: debug is %s', (value, on) => {
    if (value === undefined) delete process.env.RUNNER_DEBUG
    else process.env.RUNNER_DEBUG = value
    expect(commands.isDebug()).toBe(on)
    expect(core.isDebug()).toBe(on)
  })

  it('a summary file that cannot be written fails with its path', async () => {
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'missing', 'summary.md')
    await expect(commands.appendSummary('x')).rejects.toThrow(
      `Unable to access summary file: '${join(dir, 'missing', 'summary.md')}'`
    )
  })
})

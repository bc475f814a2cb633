// Local git is the fallback for what the GitHub API cannot answer: a run whose API answers
// starts no git process at all. A fake git first on PATH records every call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { ActionResult } from '../../test-support/run-action.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { makeWorkspace, pushEvent, removeWorkspace } from './report-helpers.js'

describe('git only when the GitHub API cannot answer (e2e, bundled action)', () => {
  let s: StandIns
  let bin: string
  let calls: string
  let workspace: string

  beforeAll(async () => {
    s = await startStandIns(5)
    bin = await mkdtemp(join(tmpdir(), 'fake-git-'))
    calls = join(bin, 'calls.log')
    // Records its arguments and answers as git does outside a repository.
    await writeFile(
      join(bin, 'git'),
      `#!/bin/sh\necho "$*" >> '${calls}'\necho 'fatal: not a git repository' >&2\nexit 128\n`
    )
    await chmod(join(bin, 'git'), 0o755)
    workspace = await makeWorkspace({ build: { 'app.jar': 'the app, compiled' } })
  })
  afterAll(async () => {
    await s.close()
    await rm(bin, { recursive: true, force: true })
    await removeWorkspace(workspace)
  })
  afterEach(async () => {
    await rm(calls, { force: true })
  })

  const gitCalls = async (): Promise<string[]> =>
    (await readFile(calls, 'utf8').catch(() => '')).split('\n').filter(line => line !== '')

  const report = (inputs: Record<string, string>): Promise<ActionResult> =>
    s.run({
      cwd: workspace,
      event: pushEvent(s.github, s.shas, s.shas[1]),
      inputs: inputs.fingerprint ? inputs : { artifact: 'build/app.jar', ...inputs },
      env: { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` }
    })

  it('a report whose commits the API gives (compare, repository from the event) runs no git', async () => {
    const result = await report({})
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(await gitCalls()).toEqual([])
  })

  it('a dry run with a given fingerprint runs no git', async () => {
    const result = await report({ fingerprint: `sha256:${'ab'.repeat(32)}`, 'dry-run': 'true' })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(await gitCalls()).toEqual([])
  })

  it('without a github-token the same report asks git (so the fake above is the git it would run)', async () => {
    await report({ 'github-token': '' })
    expect((await gitCalls()).length).toBeGreaterThan(0)
  })
})

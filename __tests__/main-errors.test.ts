import { beforeAll, describe, expect, it, jest } from '@jest/globals'
import type { Config, RawInputs } from '../src/inputs/index.js'
import type { RunContext } from '../src/provenance/index.js'
import { runContext } from '../test-support/run-context.js'

const TOKEN = 'kosli-token-9f8e7d'
const TEXT = `Reading https://registry.example/?t=${TOKEN} timed out`

/** Like the DOMException of a timed-out AbortSignal: `message` is a getter, so assigning throws. */
class TimeoutLikeError extends Error {
  override name = 'TimeoutError'
  override get message(): string {
    return TEXT
  }
}

// What the artifacts stage throws in the current test; its text carries the token, which run()
// must hide.
let failure: () => unknown
jest.unstable_mockModule('../src/stages/resolve-artifacts.js', () => {
  const fail = async (): Promise<never> => {
    throw failure()
  }
  return {
    resolveLocalArtifacts: fail,
    resolveKosliArtifacts: fail,
    kosliArtifactUrl: () => ''
  }
})

let run: (config: Config, ctx: RunContext) => Promise<unknown>
let parseInputs: (raw: RawInputs, env: NodeJS.ProcessEnv, workspace: string) => Config

beforeAll(async () => {
  ;({ runMain: run } = await import('../src/actions/main.js'))
  ;({ parseInputs } = await import('../src/inputs/index.js'))
})

describe('run: a stage that fails with a getter-only message', () => {
  it.each([
    ['an error whose class has a getter-only message', () => new TimeoutLikeError()],
    ['a DOMException TimeoutError', () => new DOMException(TEXT, 'TimeoutError')]
  ])('fails with the redacted message of %s', async (_, make) => {
    failure = make
    const config = parseInputs(
      { 'api-token': TOKEN, org: 'acme', flow: 'web', artifact: 'app.jar', report: 'false' },
      {},
      '/nowhere'
    )
    let thrown: unknown
    try {
      await run(config, runContext())
    } catch (error) {
      thrown = error
    }
    // A DOMException is made by Node, outside jest's sandbox: not an instance of the test's Error.
    const error = thrown as Error
    expect(error.message).toMatch(/^Reading https:\/\/registry\.example\/\?t=\S+ timed out$/)
    expect(error.message).not.toContain(TOKEN)
    expect(error.name).toBe('TimeoutError')
  })
})

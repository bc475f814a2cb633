// A push to main of acme/web on github.com, as the runner describes a run; tests override fields.
import type { RunContext } from '../src/provenance/index.js'

export const RUN_SHA = '1234567890abcdef1234567890abcdef12345678'

export function runContext(extra: Partial<RunContext> = {}): RunContext {
  return {
    eventName: 'push',
    payload: {},
    sha: RUN_SHA,
    ref: 'refs/heads/main',
    refName: 'main',
    refType: 'branch',
    repository: 'acme/web',
    owner: 'acme',
    repo: 'web',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '42',
    runAttempt: '1',
    runNumber: '7',
    workflow: 'Build',
    actor: 'octocat',
    workspace: '/nowhere',
    ...extra
  }
}

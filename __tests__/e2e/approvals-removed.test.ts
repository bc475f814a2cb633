// Approvals on Kosli's service since 2026-07-28, which no longer serves them: the bundled action
// against the Kosli stand-in in its "today's service" mode, beside the one that serves approvals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { ApprovalsMode } from '../../test-support/kosli-server.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { fingerprintOf, resetStandIns } from './deploy-helpers.js'
import { makeWorkspace, removeWorkspace, sha256 } from './report-helpers.js'

const APP = fingerprintOf('app.jar at head')
const JAR = 'the jar built here'
const RECORD_PATH = '/orgs/acme/artifacts/metadata/deployment-record'
const MODES: ApprovalsMode[] = ['removed-detail', 'removed-message']

let stands: StandIns
let head: string
let workspace: string

beforeAll(async () => {
  stands = await startStandIns(5)
  head = stands.shas[stands.shas.length - 1]
  workspace = await makeWorkspace({ 'app.jar': JAR })
})

afterAll(async () => {
  await stands.close()
  await removeWorkspace(workspace)
})

beforeEach(() => {
  resetStandIns(stands)
})

/** The one error, in the words the contract asks for. */
function expectApprovalsGone(errors: string[]): void {
  expect(errors).toHaveLength(1)
  expect(errors[0]).toMatch(
    /^This Kosli server no longer serves approvals: GET \/api\/v2\/approvals\/acme\/app\?page=1&per_page=50 answered 404 Not Found/
  )
  expect(errors[0]).toContain('Kosli removed its approval API on 2026-07-28')
  expect(errors[0]).toContain(
    'the attest/ sub-action: type: deployment-approval (who approved this run'
  )
  expect(errors[0]).toContain('type: code-review (every commit since the last deployment')
  expect(errors[0]).toContain('type: generic (with compliant) or type: custom:<type>')
  expect(errors[0]).toContain('no deployment record was written')
}

describe.each(MODES)("approvals on today's Kosli service (%s)", mode => {
  beforeEach(() => stands.kosli.setApprovalsMode(mode))

  it('a deploy job with approval stops with one error and writes no deployment record', async () => {
    stands.kosli.seedArtifact({ fingerprint: APP, filename: 'app.jar', git_commit: head })
    const result = await stands.run({
      inputs: {
        approval: 'approve',
        'approval-environment': 'production',
        'deployment-environment': 'production'
      }
    })

    expect(result.exitCode).toBe(1)
    expectApprovalsGone(result.errors)
    expect(stands.github.requests.filter(r => r.path === RECORD_PATH)).toEqual([])
    expect(stands.kosli.approvals()).toEqual([])
    // The outputs name the artifacts the step had found.
    expect(result.outputs.fingerprint).toBe(APP)
    expect(JSON.parse(result.outputs.artifacts)).toMatchObject([
      { name: 'app.jar', fingerprint: APP }
    ])
  })

  it('a build job that reports and approves keeps the report and sets its outputs', async () => {
    const result = await stands.run({
      cwd: workspace,
      inputs: { artifact: 'app.jar', approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.exitCode).toBe(1)
    expectApprovalsGone(result.errors)
    expect(
      stands.kosli.requests.filter(
        r => r.method === 'POST' && r.path === '/api/v2/artifacts/acme/app'
      )
    ).toHaveLength(1)
    expect(result.outputs.fingerprint).toBe(sha256(JAR))
    expect(JSON.parse(result.outputs.artifacts)).toMatchObject([
      { name: 'app.jar', fingerprint: sha256(JAR) }
    ])
  })
})

describe('approvals on a server that still serves them', () => {
  it('a missing flow still gives the flow error', async () => {
    const result = await stands.run({
      inputs: {
        flow: 'no-such-flow',
        fingerprint: APP,
        report: 'false',
        approval: 'approve',
        'approval-environment': 'production'
      }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(
      "404 Not Found: Flow named 'no-such-flow' does not exist for organization 'acme'"
    )
    expect(result.errors[0]).toContain("Check the flow input (or KOSLI_FLOW), now 'no-such-flow'")
    expect(result.errors[0]).not.toContain('no longer serves approvals')
  })

  it('serves approvals as before', async () => {
    stands.kosli.seedArtifact({ fingerprint: APP, filename: 'app.jar', git_commit: head })
    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['approval-number']).toBe('1')
  })
})

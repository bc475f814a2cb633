// The walk through Kosli's approvals, in process against the Kosli stand-in.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { type Config, parseInputs } from '../../src/inputs/index.js'
import { createApproval, scanApprovals } from '../../src/kosli/approvals.js'
import { KosliApprovalsRemovedError, KosliHttpError } from '../../src/kosli/errors.js'
import { useKosliStandIn } from '../../test-support/kosli-client.js'

const APP = 'a'.repeat(64)
const fingerprint = (n: number): string => n.toString(16).padStart(64, '0')

const standIn = useKosliStandIn()
let config: Config

beforeAll(() => {
  config = parseInputs(
    { 'api-token': standIn.kosli.token, org: 'acme', flow: 'app' },
    {},
    '/nowhere'
  )
})

function pages(): string[] {
  return standIn.kosli.requests.map(r => `${r.query.page}/${r.query.per_page}`)
}

describe('scanApprovals', () => {
  it('skips newer PENDING and UNAPPROVED items for the environment to the last APPROVED one', async () => {
    const base = standIn.kosli.seedApproval({
      artifact_fingerprint: fingerprint(1),
      environment: 'prod'
    })
    standIn.kosli.seedApproval({
      artifact_fingerprint: fingerprint(2),
      environment: 'prod',
      state: 'PENDING'
    })
    standIn.kosli.seedApproval({
      artifact_fingerprint: fingerprint(3),
      environment: 'prod',
      state: 'UNAPPROVED'
    })
    standIn.kosli.seedApproval({ artifact_fingerprint: fingerprint(4), environment: 'staging' })

    const scan = await scanApprovals(standIn.client, config, 'prod', new Set([APP]))

    expect(scan.previous?.release_number).toBe(base.release_number)
    expect(scan.truncated).toBe(false)
  })

  it('keeps the newest items of the step itself, in any state, for reuse', async () => {
    standIn.kosli.seedApproval({ artifact_fingerprint: fingerprint(1), environment: 'prod' })
    standIn.kosli.seedApproval({ artifact_fingerprint: APP, environment: 'prod', state: 'PENDING' })

    const scan = await scanApprovals(standIn.client, config, 'prod', new Set([APP]))

    expect(scan.recent.map(a => [a.release_number, a.state])).toEqual([[2, 'PENDING']])
    expect(scan.previous?.release_number).toBe(1)
  })

  it('pages on past pages shorter than asked, and stops at one shorter than the largest', async () => {
    standIn.kosli.setMaxPerPage(7)
    for (let i = 0; i < 16; i++) {
      standIn.kosli.seedApproval({
        artifact_fingerprint: fingerprint(i + 1),
        environment: 'staging'
      })
    }

    const scan = await scanApprovals(standIn.client, config, 'prod', new Set([APP]))

    expect(pages()).toEqual(['1/50', '2/50', '3/50'])
    expect(scan).toMatchObject({ truncated: false, scanned: 16 })
    expect(scan.previous).toBeUndefined()
  })

  it('reads one more page to be sure when a short first page may be the whole list', async () => {
    for (let i = 0; i < 3; i++) {
      standIn.kosli.seedApproval({
        artifact_fingerprint: fingerprint(i + 1),
        environment: 'staging'
      })
    }

    await scanApprovals(standIn.client, config, 'prod', new Set([APP]))

    expect(pages()).toEqual(['1/50', '2/50'])
  })

  it('stops at its page bound and says so', async () => {
    standIn.kosli.setMaxPerPage(1)
    for (let i = 0; i < 101; i++) {
      standIn.kosli.seedApproval({
        artifact_fingerprint: fingerprint(i + 1),
        environment: 'staging'
      })
    }

    const scan = await scanApprovals(standIn.client, config, 'prod', new Set([APP]))

    expect(scan).toMatchObject({ truncated: true, scanned: 100 })
    expect(standIn.kosli.requests).toHaveLength(100)
  })
})

describe("a server that no longer serves approvals (Kosli's service since 2026-07-28)", () => {
  it.each(['removed-detail', 'removed-message'] as const)(
    'turns its 404 (%s) into the one error naming the change and the replacement',
    async mode => {
      standIn.kosli.setApprovalsMode(mode)
      const scan = scanApprovals(standIn.client, config, 'prod', new Set([APP]))
      await expect(scan).rejects.toBeInstanceOf(KosliApprovalsRemovedError)
      await expect(scan).rejects.toThrow(
        /^This Kosli server no longer serves approvals: GET \/api\/v2\/approvals\/acme\/app\?page=1&per_page=50 answered 404 Not Found: .*Kosli removed its approval API on 2026-07-28 .*the attest\/ sub-action: type: deployment-approval .*type: code-review .*type: generic \(with compliant\) or type: custom:<type>\. The step stopped here: no deployment record was written\.$/
      )
      const create = createApproval(standIn.client, config, {
        artifact_fingerprint: APP,
        description: 'd',
        src_commit_list: [],
        approvals: []
      })
      await expect(create).rejects.toBeInstanceOf(KosliApprovalsRemovedError)
    }
  )

  it('still gives the flow error for a missing flow on a server that serves approvals', async () => {
    const scan = scanApprovals(
      standIn.client,
      { org: 'acme', flow: 'no-such-flow' },
      'prod',
      new Set([APP])
    )
    await expect(scan).rejects.toBeInstanceOf(KosliHttpError)
    await expect(scan).rejects.toThrow("Check the flow input (or KOSLI_FLOW), now 'no-such-flow'")
    await expect(scan).rejects.not.toThrow('no longer serves approvals')
  })
})

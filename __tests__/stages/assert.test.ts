// The assert stage in process against the Kosli stand-in: across flows, and through an outage.
import { describe, expect, it } from '@jest/globals'
import { parseInputs } from '../../src/inputs/index.js'
import { InputError } from '../../src/inputs/problems.js'
import { KosliUnavailableError } from '../../src/kosli/errors.js'
import { assertArtifacts } from '../../src/stages/assert.js'
import { QUIET_LOG, useKosliStandIn } from '../../test-support/kosli-client.js'

const HEAD = 'a'.repeat(40)
const fingerprint = (n: number): string => n.toString(16).padStart(64, '0')
const TEMPLATE = {
  version: 1 as const,
  trail: { artifacts: [{ name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }] }
}

const standIn = useKosliStandIn()
const asserts = () =>
  standIn.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/')).map(r => r.query)

function seed(n: number, flow: string, compliant: boolean): void {
  standIn.kosli.evidence.seedTrail('acme', flow, `trail-${n}`, compliant ? null : TEMPLATE)
  standIn.kosli.seedArtifact({
    flow,
    fingerprint: fingerprint(n),
    filename: `artifact-${n}`,
    trail_name: `trail-${n}`,
    template_reference_name: 'web',
    git_commit: HEAD
  })
}

const settings = (n: number[], flow?: string) => ({
  org: 'acme',
  flow,
  policies: [],
  artifacts: n.map(i => ({ fingerprint: fingerprint(i) })),
  gitCommit: HEAD
})

describe('assertArtifacts', () => {
  it('without a flow sends no flow_name and takes the name, flow and trail from the answer', async () => {
    seed(1, 'build', false)
    const result = await assertArtifacts(settings([1]), {
      kosli: standIn.client,
      log: QUIET_LOG
    })
    expect(asserts()).toEqual([{}])
    expect(result.verdicts).toEqual([
      expect.objectContaining({
        name: 'artifact-1',
        compliant: false,
        flow: 'build',
        trail: 'trail-1',
        missing: ['unit-tests']
      })
    ])
    expect(result.trails).toEqual([{ flow: 'build', trail: 'trail-1' }])
  })

  it('keeps the verdicts known before an outage, and names the artifacts not checked', async () => {
    seed(1, 'app', false)
    seed(2, 'app', true)
    standIn.kosli.injectFault(
      { status: 503 },
      { times: Infinity, match: { path: `/api/v2/asserts/acme/fingerprint/${fingerprint(2)}` } }
    )
    const result = await assertArtifacts(settings([1, 2], 'app'), {
      kosli: standIn.client,
      log: QUIET_LOG
    })
    expect(result.verdicts.map(v => [v.name, v.compliant])).toEqual([['artifact-1', false]])
    expect(result.notChecked).toMatchObject({ names: [fingerprint(2)] })
    expect(result.notChecked?.error).toBeInstanceOf(KosliUnavailableError)
  })

  it("keeps Kosli's true when the name lookup fails: the artifact is named by its fingerprint, with a warning", async () => {
    seed(1, 'app', true)
    for (const body of [{ status: 403 }, { status: 200, body: { unexpected: 'shape' } }]) {
      standIn.kosli.injectFault(body, {
        match: { path: `/api/v2/artifacts/acme/app/fingerprint/${fingerprint(1)}` }
      })
      const warnings: string[] = []
      const log = { ...QUIET_LOG, warning: (line: string) => void warnings.push(line) }
      const result = await assertArtifacts(settings([1], 'app'), { kosli: standIn.client, log })
      expect(result.verdicts.map(v => [v.name, v.compliant])).toEqual([[fingerprint(1), true]])
      expect(warnings).toEqual([expect.stringContaining(fingerprint(1))])
    }
  })

  it('throws an outage on the first artifact: nothing is known', async () => {
    seed(1, 'app', false)
    standIn.kosli.injectFault({ status: 503 }, { times: Infinity })
    await expect(
      assertArtifacts(settings([1], 'app'), { kosli: standIn.client, log: QUIET_LOG })
    ).rejects.toBeInstanceOf(KosliUnavailableError)
  })
})

describe("assert/'s flow input", () => {
  const parse = (raw: Record<string, string>) =>
    parseInputs({ 'api-token': 't', org: 'acme', ...raw }, {}, '/nowhere', 'assert')

  it('may be left out with a fingerprint, and is then empty', () => {
    expect(parse({ fingerprint: fingerprint(1) }).flow).toBe('')
  })

  it('is required without fingerprint or artifact', () => {
    expect(() => parse({})).toThrow(InputError)
    expect(() => parse({})).toThrow(
      "'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW), or fingerprint or artifact to assert across every flow that holds it"
    )
  })

  it('stays required in the main action and attest/', () => {
    for (const action of ['main', 'attest'] as const) {
      expect(() =>
        parseInputs(
          { 'api-token': 't', org: 'acme', fingerprint: fingerprint(1) },
          {},
          '/nowhere',
          action
        )
      ).toThrow("'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW)")
    }
  })
})

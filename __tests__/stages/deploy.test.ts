// The deploy stage's compliance lookup in process against the Kosli stand-in.
import { describe, expect, it } from '@jest/globals'
import {
  ComplianceError,
  addComplianceStates,
  type ComplianceSettings,
  requireCompliant
} from '../../src/stages/deploy.js'
import type { Artifact } from '../../src/stages/resolve-artifacts.js'
import { useKosliStandIn, QUIET_LOG } from '../../test-support/kosli-client.js'

const HEAD = 'a'.repeat(40)
const EARLIER = 'b'.repeat(40)
const fingerprint = (n: number): string => n.toString(16).padStart(64, '0')

const standIn = useKosliStandIn()

const SETTINGS: ComplianceSettings = {
  where: { org: 'acme', flow: 'app' },
  gitCommit: HEAD,
  keepNames: false
}

function digest(n: number): Artifact {
  return { name: 'acme/app', fingerprint: fingerprint(n), type: 'digest', url: 'u' }
}

describe('addComplianceStates', () => {
  it("returns new artifacts with Kosli's state and name; the given ones are left as they are", async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'registry/app',
      git_commit: HEAD,
      state: 'COMPLIANT'
    })
    // A promoted build: reported for an earlier commit, found by its fingerprint.
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(2),
      filename: 'registry/lib',
      git_commit: EARLIER,
      state: 'NON-COMPLIANT',
      state_info: 'tests failed'
    })
    const given = [digest(1), digest(2), digest(3)]
    const before = structuredClone(given)

    const found = await addComplianceStates(SETTINGS, given, standIn.client)

    expect(given).toEqual(before)
    expect(found).toEqual([
      expect.objectContaining({ name: 'registry/app', complianceState: 'COMPLIANT' }),
      expect.objectContaining({
        name: 'registry/lib',
        complianceState: 'NON-COMPLIANT',
        stateInfo: 'tests failed'
      }),
      digest(3)
    ])
  })

  it('keeps the given name when display-name was given', async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'registry/app',
      git_commit: HEAD,
      state: 'COMPLIANT'
    })

    const [found] = await addComplianceStates(
      { ...SETTINGS, keepNames: true },
      [digest(1)],
      standIn.client
    )

    expect(found).toMatchObject({ name: 'acme/app', complianceState: 'COMPLIANT' })
  })
})

describe('requireCompliant', () => {
  const GATE = { org: 'acme', flow: 'app' }
  const TEMPLATE = {
    version: 1 as const,
    trail: { artifacts: [{ name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }] }
  }

  function seedOnTrail(n: number): void {
    standIn.kosli.evidence.seedTrail('acme', 'app', 'release', TEMPLATE)
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(n),
      filename: `web-${n}`,
      git_commit: HEAD,
      trail_name: 'release',
      template_reference_name: 'web'
    })
  }

  const asserts = () => standIn.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))

  it("asserts each artifact against the flow's template, and fails naming what is missing", async () => {
    seedOnTrail(1)
    seedOnTrail(2)
    const error = await requireCompliant(GATE, [digest(1), digest(2)], {
      kosli: standIn.client,
      log: QUIET_LOG
    }).catch(e => e as Error)
    expect(error).toBeInstanceOf(ComplianceError)
    expect((error as Error).message).toContain(
      "2 of 2 artifact(s) do not pass Kosli's assert against the template of flow 'app'; no deployment was recorded"
    )
    expect((error as Error).message).toContain(
      `- acme/app (${fingerprint(1).slice(0, 12)}): missing the required 'unit-tests' attestation in its trail`
    )
    expect(asserts().map(r => [r.path, r.query])).toEqual([
      [`/api/v2/asserts/acme/fingerprint/${fingerprint(1)}`, { flow_name: 'app' }],
      [`/api/v2/asserts/acme/fingerprint/${fingerprint(2)}`, { flow_name: 'app' }]
    ])
  })

  it("asserts against an environment's policies with kosli-environment", async () => {
    seedOnTrail(1)
    standIn.kosli.evidence.seedPolicy('acme', {
      name: 'has-tests',
      attestations: [{ name: 'unit-tests' }]
    })
    standIn.kosli.evidence.seedEnvironment('acme', 'production', ['has-tests'])
    const error = await requireCompliant({ ...GATE, environment: 'production' }, [digest(1)], {
      kosli: standIn.client,
      log: QUIET_LOG
    }).catch(e => e as Error)
    expect((error as Error).message).toContain("against the policies of environment 'production'")
    expect((error as Error).message).toContain(
      "policy 'has-tests': missing the required 'unit-tests'"
    )
    expect(asserts()[0].query).toEqual({ flow_name: 'app', environment_name: 'production' })
  })

  it('passes and returns the verdicts when every artifact is compliant', async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(1),
      git_commit: HEAD,
      state: 'COMPLIANT'
    })
    const verdicts = await requireCompliant(GATE, [digest(1)], {
      kosli: standIn.client,
      log: QUIET_LOG
    })
    expect(verdicts).toEqual([expect.objectContaining({ compliant: true })])
  })

  it('says an artifact Kosli does not know is not found, and still asks for each', async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(2),
      git_commit: HEAD,
      state: 'COMPLIANT'
    })
    const error = await requireCompliant(GATE, [digest(1), digest(2)], {
      kosli: standIn.client,
      log: QUIET_LOG
    }).catch(e => e as Error)
    expect((error as Error).message).toContain(`1 of 2 artifact(s) do not pass`)
    expect((error as Error).message).toContain(
      `- acme/app (${fingerprint(1).slice(0, 12)}): not found in flow 'app' in Kosli`
    )
    expect(asserts()).toHaveLength(2)
  })
})

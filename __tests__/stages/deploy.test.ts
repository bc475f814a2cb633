// The deploy stage's compliance lookup in process against the Kosli stand-in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { KosliClient } from '../../src/kosli/client.js'
import {
  ComplianceError,
  addComplianceStates,
  type ComplianceSettings,
  requireCompliant
} from '../../src/stages/deploy.js'
import type { Artifact } from '../../src/stages/resolve-artifacts.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'

const HEAD = 'a'.repeat(40)
const EARLIER = 'b'.repeat(40)
const fingerprint = (n: number): string => n.toString(16).padStart(64, '0')

const QUIET = {
  info: () => {},
  debug: () => {},
  warning: () => {},
  startGroup: () => {},
  endGroup: () => {}
}

let kosli: KosliStandIn
let client: KosliClient

beforeAll(async () => {
  kosli = await startKosliServer()
  client = new KosliClient({
    host: kosli.url,
    token: kosli.token,
    timeoutMs: 5000,
    maxRetries: 0,
    dryRun: false,
    log: QUIET
  })
})
afterAll(async () => {
  await kosli.close()
})
beforeEach(() => kosli.reset())

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
    kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'registry/app',
      git_commit: HEAD,
      state: 'COMPLIANT'
    })
    // A promoted build: reported for an earlier commit, found by its fingerprint.
    kosli.seedArtifact({
      fingerprint: fingerprint(2),
      filename: 'registry/lib',
      git_commit: EARLIER,
      state: 'NON-COMPLIANT',
      state_info: 'tests failed'
    })
    const given = [digest(1), digest(2), digest(3)]
    const before = structuredClone(given)

    const found = await addComplianceStates(SETTINGS, given, client)

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
    kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'registry/app',
      git_commit: HEAD,
      state: 'COMPLIANT'
    })

    const [found] = await addComplianceStates({ ...SETTINGS, keepNames: true }, [digest(1)], client)

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
    kosli.evidence.seedTrail('acme', 'app', 'release', TEMPLATE)
    kosli.seedArtifact({
      fingerprint: fingerprint(n),
      filename: `web-${n}`,
      git_commit: HEAD,
      trail_name: 'release',
      template_reference_name: 'web'
    })
  }

  const asserts = () => kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))

  it("asserts each artifact against the flow's template, and fails naming what is missing", async () => {
    seedOnTrail(1)
    seedOnTrail(2)
    const error = await requireCompliant(GATE, [digest(1), digest(2)], {
      kosli: client,
      log: QUIET
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
    kosli.evidence.seedPolicy('acme', { name: 'has-tests', attestations: [{ name: 'unit-tests' }] })
    kosli.evidence.seedEnvironment('acme', 'production', ['has-tests'])
    const error = await requireCompliant({ ...GATE, environment: 'production' }, [digest(1)], {
      kosli: client,
      log: QUIET
    }).catch(e => e as Error)
    expect((error as Error).message).toContain("against the policies of environment 'production'")
    expect((error as Error).message).toContain(
      "policy 'has-tests': missing the required 'unit-tests'"
    )
    expect(asserts()[0].query).toEqual({ flow_name: 'app', environment_name: 'production' })
  })

  it('passes and returns the verdicts when every artifact is compliant', async () => {
    kosli.seedArtifact({ fingerprint: fingerprint(1), git_commit: HEAD, state: 'COMPLIANT' })
    const verdicts = await requireCompliant(GATE, [digest(1)], { kosli: client, log: QUIET })
    expect(verdicts).toEqual([expect.objectContaining({ compliant: true })])
  })

  it('says an artifact Kosli does not know is not found, and still asks for each', async () => {
    kosli.seedArtifact({ fingerprint: fingerprint(2), git_commit: HEAD, state: 'COMPLIANT' })
    const error = await requireCompliant(GATE, [digest(1), digest(2)], {
      kosli: client,
      log: QUIET
    }).catch(e => e as Error)
    expect((error as Error).message).toContain(`1 of 2 artifact(s) do not pass`)
    expect((error as Error).message).toContain(
      `- acme/app (${fingerprint(1).slice(0, 12)}): not found in flow 'app' in Kosli`
    )
    expect(asserts()).toHaveLength(2)
  })
})

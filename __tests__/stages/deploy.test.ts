// The deploy stage's compliance lookup in process against the Kosli stand-in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { KosliClient } from '../../src/kosli/client.js'
import { addComplianceStates, type ComplianceSettings } from '../../src/stages/deploy.js'
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

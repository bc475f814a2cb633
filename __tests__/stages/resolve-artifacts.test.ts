// Resolving the artifacts a step acts on: a given digest, or what Kosli holds for the commit.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { KosliClient } from '../../src/kosli/client.js'
import {
  type KosliArtifactSettings,
  type LocalArtifactSettings,
  resolveKosliArtifacts,
  resolveLocalArtifacts
} from '../../src/stages/resolve-artifacts.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'

const HEAD = 'a'.repeat(40)
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

const LINKS = { host: 'https://kosli.example', org: 'acme', flow: 'app' }

describe('resolveLocalArtifacts', () => {
  it('takes a given digest under the template reference name, linked to its Kosli page', async () => {
    const settings: LocalArtifactSettings = {
      links: LINKS,
      artifacts: [],
      artifactType: 'auto',
      fingerprint: fingerprint(1),
      templateReferenceName: 'backend',
      excludes: [],
      fingerprintTimeoutSeconds: 60,
      registry: {},
      workspace: '/nowhere',
      fallbackName: 'app'
    }

    expect(await resolveLocalArtifacts(settings)).toEqual([
      {
        name: 'backend',
        fingerprint: fingerprint(1),
        type: 'digest',
        url: `https://kosli.example/acme/flows/app/artifacts/${fingerprint(1)}`
      }
    ])
  })
})

describe('resolveKosliArtifacts', () => {
  const settings: KosliArtifactSettings = { links: LINKS, gitCommit: HEAD }

  it('keeps the artifacts whose name or last name segment is the display name', async () => {
    kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'ghcr.io/acme/web',
      git_commit: HEAD
    })
    kosli.seedArtifact({
      fingerprint: fingerprint(2),
      filename: 'ghcr.io/acme/api',
      git_commit: HEAD
    })

    const found = await resolveKosliArtifacts({ ...settings, displayName: 'web' }, client)

    expect(found).toEqual([
      expect.objectContaining({
        name: 'ghcr.io/acme/web',
        fingerprint: fingerprint(1),
        type: 'kosli'
      })
    ])
  })

  it('names the filter, the flow and what Kosli holds when nothing matches', async () => {
    kosli.seedArtifact({ fingerprint: fingerprint(1), filename: 'web.tar', git_commit: HEAD })

    await expect(
      resolveKosliArtifacts({ ...settings, templateReferenceName: 'api' }, client)
    ).rejects.toThrow(
      `No artifact with template-reference-name "api" was found in Kosli flow "app" for commit ${HEAD} (it holds: web.tar)`
    )
  })
})

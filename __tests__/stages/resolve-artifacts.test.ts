// Resolving the artifacts a step acts on: a given digest, or what Kosli holds for the commit.
import { describe, expect, it } from '@jest/globals'
import {
  type KosliArtifactSettings,
  type LocalArtifactSettings,
  resolveKosliArtifacts,
  resolveLocalArtifacts
} from '../../src/stages/resolve-artifacts.js'
import { useKosliStandIn } from '../../test-support/kosli-client.js'

const HEAD = 'a'.repeat(40)
const fingerprint = (n: number): string => n.toString(16).padStart(64, '0')
const standIn = useKosliStandIn()

const LINKS = { host: 'https://standIn.kosli.example', org: 'acme', flow: 'app' }

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
        url: `https://standIn.kosli.example/acme/flows/app/artifacts/${fingerprint(1)}`
      }
    ])
  })
})

describe('resolveKosliArtifacts', () => {
  const settings: KosliArtifactSettings = { links: LINKS, gitCommit: HEAD }

  it('keeps the artifacts whose name or last name segment is the display name', async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'ghcr.io/acme/web',
      git_commit: HEAD
    })
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(2),
      filename: 'ghcr.io/acme/api',
      git_commit: HEAD
    })

    const found = await resolveKosliArtifacts({ ...settings, displayName: 'web' }, standIn.client)

    expect(found).toEqual([
      expect.objectContaining({
        name: 'ghcr.io/acme/web',
        fingerprint: fingerprint(1),
        type: 'kosli'
      })
    ])
  })

  it('names the filter, the flow and what Kosli holds when nothing matches', async () => {
    standIn.kosli.seedArtifact({
      fingerprint: fingerprint(1),
      filename: 'web.tar',
      git_commit: HEAD
    })

    await expect(
      resolveKosliArtifacts({ ...settings, templateReferenceName: 'api' }, standIn.client)
    ).rejects.toThrow(
      `No artifact with template-reference-name "api" was found in Kosli flow "app" for commit ${HEAD} (it holds: web.tar)`
    )
  })
})

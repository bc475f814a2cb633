// The report stage in process against the Kosli stand-in: it returns what it reported and what
// failed, and throws nothing itself.
import { describe, expect, it } from '@jest/globals'
import { KosliHttpError } from '../../src/kosli/errors.js'
import type { GitCommit, Provenance } from '../../src/provenance/index.js'
import {
  PartialReportError,
  type ReportSettings,
  reportArtifacts
} from '../../src/stages/report.js'
import type { Artifact } from '../../src/stages/resolve-artifacts.js'
import { useKosliStandIn } from '../../test-support/kosli-client.js'

const HEAD = 'a'.repeat(40)
const SECRET = 'hush-1234567890'

const standIn = useKosliStandIn()

function commit(sha: string): GitCommit {
  return {
    sha1: sha,
    message: 'A commit',
    author: 'Ada Lovelace <ada@example.com>',
    branch: 'main',
    timestamp: 1700000000,
    url: `https://github.com/acme/app/commit/${sha}`,
    parents: []
  }
}

const PROVENANCE: Provenance = {
  gitCommit: HEAD,
  gitCommitInfo: commit(HEAD),
  commitsList: [commit(HEAD)],
  repoInfo: {
    name: 'acme/app',
    url: 'https://github.com/acme/app',
    id: '4242',
    description: 'The app',
    provider: 'github'
  },
  repoUrl: 'https://github.com/acme/app',
  buildUrl: 'https://github.com/acme/app/actions/runs/42/attempts/1',
  commitUrl: `https://github.com/acme/app/commit/${HEAD}`,
  sources: [],
  warnings: []
}

const SETTINGS: ReportSettings = {
  where: { org: 'acme', flow: 'app' },
  fields: { trail: 'main', externalUrls: {}, annotations: {} },
  dryRun: false
}

function artifact(n: number): Artifact {
  const fingerprint = n.toString(16).padStart(64, '0')
  return { name: `a${n}.jar`, fingerprint, type: 'file', url: `https://kosli/${fingerprint}` }
}

describe('reportArtifacts', () => {
  it('reports each artifact to the flow and marks it reported, leaving the given ones as they are', async () => {
    const given = [artifact(1), artifact(2)]
    const lines: string[] = []

    const result = await reportArtifacts(SETTINGS, given, PROVENANCE, {
      kosli: standIn.client,
      log: line => lines.push(line),
      secrets: []
    })

    expect(result.failure).toBeUndefined()
    expect(result.artifacts.map(a => a.reported)).toEqual([true, true])
    expect(given.every(a => !('reported' in a))).toBe(true)
    expect(standIn.kosli.artifacts().map(a => a.trail_name)).toEqual(['main', 'main'])
    expect(lines).toEqual([
      'Reported a1.jar to Kosli: https://kosli/' + artifact(1).fingerprint,
      'Reported a2.jar to Kosli: https://kosli/' + artifact(2).fingerprint
    ])
  })

  it('returns the one failure of a single artifact as it is, its text without the secrets', async () => {
    standIn.kosli.injectFault(
      { status: 400, json: { message: `bad token ${SECRET}` } },
      { match: { method: 'POST' } }
    )

    const result = await reportArtifacts(SETTINGS, [artifact(1)], PROVENANCE, {
      kosli: standIn.client,
      log: () => {},
      secrets: [SECRET]
    })

    expect(result.failure).toBeInstanceOf(KosliHttpError)
    expect(result.artifacts[0].reported).toBe(false)
    expect(result.artifacts[0].error).toMatch(/400/)
    expect(result.artifacts[0].error).not.toContain(SECRET)
  })

  it('returns a PartialReportError, unavailable when Kosli was down for every failed one', async () => {
    standIn.kosli.injectFault({ status: 503 }, { match: { method: 'POST' } })

    const result = await reportArtifacts(SETTINGS, [artifact(1), artifact(2)], PROVENANCE, {
      kosli: standIn.client,
      log: () => {},
      secrets: []
    })

    expect(result.failure).toBeInstanceOf(PartialReportError)
    expect((result.failure as PartialReportError).unavailable).toBe(true)
    expect((result.failure as Error).message).toMatch(/^Reported 1 of 2 artifacts/)
  })
})

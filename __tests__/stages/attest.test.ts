import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KosliClient } from '../../src/kosli/client.js'
import { parseInputs } from '../../src/inputs/index.js'
import { type AttestSettings, TrailMissingError, attest } from '../../src/stages/attest.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

// The inputs of an attest/ step, as parsed: what a type reads its own inputs from.
const ATTEST_INPUTS = parseInputs(
  {
    org: 'acme',
    flow: 'app',
    type: 'generic',
    name: 'check',
    compliant: 'true',
    'dry-run': 'true'
  },
  {},
  '/nowhere',
  'attest'
)

afterEach(stopStubs)

const SHA = 'c'.repeat(40)
const settings: AttestSettings = {
  org: 'acme',
  flow: 'app',
  trail: 'never-begun',
  type: { kind: 'generic' },
  typeInput: 'generic',
  name: 'review',
  gitCommit: { sha1: SHA },
  results: [],
  compliant: true,
  attachments: [],
  attachResults: true,
  workspace: mkdtempSync(join(tmpdir(), 'attest-stage-')),
  inputs: ATTEST_INPUTS
}

function kosliAt(origin: string): KosliClient {
  return new KosliClient({
    host: origin,
    token: 'token-of-the-test',
    timeoutMs: 5000,
    maxRetries: 0,
    dryRun: false,
    log: recorder().log
  })
}

describe('attest', () => {
  it.each([404, 400])(
    'says to begin the trail when Kosli answers %i that it does not exist',
    async status => {
      const stub = await serve((_req, res) =>
        json(res, status, {
          message:
            "Trail with name 'never-begun' does not exist for Organization 'acme' and Flow 'app'"
        })
      )
      const log = recorder()
      const error = await attest(settings, { kosli: kosliAt(stub.origin), log: log.log }).catch(
        e => e as Error
      )
      expect(error).toBeInstanceOf(TrailMissingError)
      expect((error as Error).message).toContain('begin-trail: true')
    }
  )

  it('leaves other refusals as they are', async () => {
    const stub = await serve((_req, res) =>
      json(res, 404, {
        message: `Artifact with fingerprint ${'a'.repeat(64)} does not exist in trail "t" of flow "app" belonging to organization "acme"`
      })
    )
    const error = await attest(settings, {
      kosli: kosliAt(stub.origin),
      log: recorder().log
    }).catch(e => e as Error)
    expect(error).not.toBeInstanceOf(TrailMissingError)
    expect((error as Error).message).toContain('Artifact with fingerprint')
  })

  it('returns what it recorded', async () => {
    const stub = await serve((_req, res) => json(res, 201, {}))
    const result = await attest(settings, { kosli: kosliAt(stub.origin), log: recorder().log })
    expect(result).toEqual({ compliant: true, recorded: true })
    expect(stub.seen[0].url).toBe('/api/v2/attestations/acme/app/trail/never-begun/generic')
  })

  it('sends the commit readCommit gives, read only after the local checks pass', async () => {
    const stub = await serve((_req, res) => json(res, 201, {}))
    // In the schema's order, as data_json is written.
    const full = { sha1: SHA, message: 'm', author: 'A <a@x>', branch: 'main', timestamp: 1 }
    let reads = 0
    const readCommit = async () => {
      reads++
      return full
    }
    const kosli = kosliAt(stub.origin)
    const bad = { ...settings, type: { kind: 'junit' as const }, results: ['nothing-*.xml'] }
    await expect(attest(bad, { kosli, log: recorder().log, readCommit })).rejects.toThrow(
      /matches nothing/
    )
    expect(reads).toBe(0)
    await attest(settings, { kosli, log: recorder().log, readCommit })
    expect(reads).toBe(1)
    expect(stub.seen[0].body).toContain(JSON.stringify(full))
  })

  it('names an old Kosli server that refuses base_ref, verified or signature_state, and asks for an upgrade', async () => {
    const stub = await serve((_req, res) =>
      json(res, 400, {
        message: 'Input payload validation failed',
        errors: { 'pull_requests.0.base_ref': 'Extra inputs are not permitted [input: main]' }
      })
    )
    const pulls = {
      ...settings,
      type: { kind: 'pull_request' as const },
      trail: 't',
      compliant: undefined
    }
    const error = await attest(pulls, {
      kosli: kosliAt(stub.origin),
      log: recorder().log,
      findPullRequests: async () => []
    }).catch(e => e as Error)
    expect((error as Error).message).toContain('predates the pull request fields base_ref')
    expect((error as Error).message).toContain('2026-06-16')
    expect((error as Error).message).toContain('Upgrade the Kosli server')
    expect(stub.seen).toHaveLength(1)
  })

  it('leaves a 400 that names other fields as it is', async () => {
    const stub = await serve((_req, res) =>
      json(res, 400, {
        message: 'Input payload validation failed',
        errors: { attestation_name: 'unverifiable' }
      })
    )
    const pulls = { ...settings, type: { kind: 'pull_request' as const }, compliant: undefined }
    const error = await attest(pulls, {
      kosli: kosliAt(stub.origin),
      log: recorder().log,
      findPullRequests: async () => []
    }).catch(e => e as Error)
    expect((error as Error).message).not.toContain('predates')
  })
})

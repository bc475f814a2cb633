import { afterEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KosliClient } from '../../src/kosli/client.js'
import { type AttestSettings, TrailMissingError, attest } from '../../src/stages/attest.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

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
  workspace: mkdtempSync(join(tmpdir(), 'attest-stage-'))
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
})

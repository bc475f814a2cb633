import { afterEach, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { recordDeployment } from '../../src/github/deployment-record.js'
import { createOctokit } from '../../src/github/octokit.js'
import { writeEndless } from '../../test-support/http-stand-in.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

afterEach(stopStubs)

const body = {
  name: 'app.jar',
  digest: `sha256:${'a'.repeat(64)}`,
  status: 'deployed' as const,
  logical_environment: 'prod',
  deployment_name: 'app-app.jar'
}

describe('recordDeployment, when GitHub answers 201 with something odd', () => {
  it.each([
    ['null', (res: ServerResponse) => res.end('null')],
    ['not JSON', (res: ServerResponse) => res.end('<html>created</html>')],
    ['a body past the cap', (res: ServerResponse) => void writeEndless(res)]
  ])('%s: a warning, no ids, one request', async (_, answer) => {
    const stub = await serve((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' })
      answer(res)
    })
    const rec = recorder()
    const octokit = createOctokit({
      token: 't',
      baseUrl: stub.origin,
      maxRetries: 3,
      timeoutMs: 10_000,
      log: rec.log
    })
    const warnings: string[] = []
    const ids = await recordDeployment(octokit, 'acme', body, line => warnings.push(line))
    expect(ids).toEqual([])
    expect(stub.seen).toHaveLength(1)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toContain(
      'POST /orgs/acme/artifacts/metadata/deployment-record for app.jar answered 201, but not with a deployment record list'
    )
    expect(warnings[0]).toContain('the record was written')
  })

  it('reads the ids of a proper answer', async () => {
    const stub = await serve((_req, res) =>
      json(res, 201, { total_count: 1, deployment_records: [{ id: 7 }] })
    )
    const octokit = createOctokit({ baseUrl: stub.origin, maxRetries: 0, timeoutMs: 5000 })
    await expect(recordDeployment(octokit, 'acme', body, () => {})).resolves.toEqual(['7'])
  })
})

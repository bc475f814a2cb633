import { afterEach, describe, expect, it } from '@jest/globals'
import { KosliClient } from '../../src/kosli/client.js'
import { KosliHttpError } from '../../src/kosli/errors.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

const TOKEN = 'kosli-secret-token-multipart'
const DATA = { attestation_name: 'unit-tests', is_compliant: true }
const FILE = {
  field: 'attachment_file' as const,
  filename: 'results.xml',
  bytes: new TextEncoder().encode('<testsuite/>')
}

afterEach(stopStubs)

function client(origin: string, dryRun = false) {
  const log = recorder()
  const kosli = new KosliClient({
    host: origin,
    token: TOKEN,
    timeoutMs: 5000,
    maxRetries: 2,
    dryRun,
    retryBaseMs: 5,
    log: log.log
  })
  return { kosli, log }
}

describe('KosliClient.multipart', () => {
  it('sends data_json as a text part and the file as a file part, with the token', async () => {
    const stub = await serve((_req, res) => json(res, 201, {}))
    const { kosli } = client(stub.origin)
    await kosli.multipart({
      method: 'POST',
      path: '/attestations/acme/app/trail/t/generic',
      dataJson: DATA,
      file: FILE
    })
    const [seen] = stub.seen
    expect(seen.method).toBe('POST')
    expect(seen.url).toBe('/api/v2/attestations/acme/app/trail/t/generic')
    expect(seen.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/)
    expect(seen.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(seen.body).toContain(
      'name="data_json"\r\n\r\n{"attestation_name":"unit-tests","is_compliant":true}\r\n'
    )
    expect(seen.body).toMatch(
      /name="attachment_file"; filename="results.xml"\r\nContent-Type: application\/octet-stream\r\n\r\n<testsuite\/>/
    )
  })

  it('sends the whole form again on a retry', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1 ? json(res, 503, { message: 'busy' }) : json(res, 201, {})
    )
    const { kosli } = client(stub.origin)
    await kosli.multipart({ method: 'PUT', path: '/trails/acme/app', dataJson: { name: 't' } })
    expect(stub.seen).toHaveLength(2)
    expect(stub.seen[1].body).toContain('{"name":"t"}')
    expect(stub.seen[1].method).toBe('PUT')
  })

  it('warns, without failing, when a 2xx write answers something odd', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'text/plain' })
      res.end('not json')
    })
    const { kosli, log } = client(stub.origin)
    const schema = (await import('zod')).z.object({ id: (await import('zod')).z.string() })
    await expect(
      kosli.multipart({ method: 'POST', path: '/x', dataJson: DATA }, schema)
    ).resolves.toBeUndefined()
    expect(log.text()).toContain('the write happened')
  })

  it('names the status and the server message of a refusal', async () => {
    const stub = await serve((_req, res) =>
      json(res, 400, { message: 'Input payload validation failed', errors: { data_json: 'bad' } })
    )
    const { kosli } = client(stub.origin)
    const error = await kosli
      .multipart({ method: 'POST', path: '/x', dataJson: DATA })
      .catch(e => e as Error)
    expect(error).toBeInstanceOf(KosliHttpError)
    expect((error as KosliHttpError).status).toBe(400)
    expect((error as Error).message).toContain('POST /api/v2/x failed')
  })

  it('in dry run prints method, URL, data_json and each file by name and size, and sends nothing', async () => {
    const stub = await serve((_req, res) => json(res, 201, {}))
    const { kosli, log } = client(stub.origin, true)
    await kosli.multipart({
      method: 'POST',
      path: '/attestations/acme/app/trail/t/junit',
      dataJson: DATA,
      file: FILE
    })
    expect(stub.seen).toEqual([])
    const text = log.text()
    expect(text).toContain(
      `POST ${stub.origin}/api/v2/attestations/acme/app/trail/t/junit (multipart/form-data)`
    )
    expect(text).toContain('"attestation_name": "unit-tests"')
    expect(text).toContain('attachment_file: results.xml (12 bytes)')
    expect(text).not.toContain(TOKEN)
  })
})

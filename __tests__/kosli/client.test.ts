import { afterEach, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import { KosliClient, kosliPath, type KosliClientOptions } from '../../src/kosli/client.js'
import { parseRetryAfter } from '../../src/http/retry-policy.js'
import {
  KosliError,
  KosliHttpError,
  KosliRequestRefusedError,
  KosliResponseError,
  KosliUnavailableError,
  isKosliUnavailable
} from '../../src/kosli/errors.js'
import type { Log } from '../../src/redact.js'
import { failure, json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'
import { gzipBomb, writeEndless } from '../../test-support/http-stand-in.js'

const TOKEN = 'kosli-secret-token-0123456789'
const FP = 'a'.repeat(64)

afterEach(stopStubs)

function client(stub: { origin: string }, log: Log, options: Partial<KosliClientOptions> = {}) {
  return new KosliClient({
    host: stub.origin,
    token: TOKEN,
    timeoutMs: 5000,
    maxRetries: 3,
    dryRun: false,
    retryBaseMs: 5,
    log,
    ...options
  })
}

const artifactSchema = z.array(
  z.object({ fingerprint: z.string().regex(/^[a-f0-9]{64}$/), filename: z.string() })
)

describe('kosliPath', () => {
  it('encodes every interpolated value', () => {
    expect(kosliPath`/artifacts/${'my org'}/${'a/b?c'}/commit_sha/${'abc'}`).toBe(
      '/artifacts/my%20org/a%2Fb%3Fc/commit_sha/abc'
    )
    expect(kosliPath`/approvals/${'acme'}/${'app'}`).toBe('/approvals/acme/app')
  })
})

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('1', now)).toBe(1000)
    expect(parseRetryAfter('0.5', now)).toBe(500)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000)
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })
})

describe('KosliClient', () => {
  it('GETs with the token, JSON headers, encoded path and query, and parses with the schema', async () => {
    const stub = await serve((_req, res) =>
      json(res, 200, [{ fingerprint: FP, filename: 'app.jar', extra: 1 }])
    )
    const { log } = recorder()
    const kosli = client(stub, log)
    const got = await kosli.get(
      kosliPath`/artifacts/${'acme'}/${'my app'}/commit_sha/${'c0ffee'}`,
      artifactSchema,
      {
        trail: 'main trail',
        page: 2,
        skipped: undefined
      }
    )
    expect(got).toEqual([{ fingerprint: FP, filename: 'app.jar' }])
    expect(stub.seen).toHaveLength(1)
    const [req] = stub.seen
    expect(req.method).toBe('GET')
    expect(req.url).toBe(
      '/api/v2/artifacts/acme/my%20app/commit_sha/c0ffee?trail=main+trail&page=2'
    )
    expect(req.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(req.headers.accept).toBe('application/json')
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.headers['user-agent']).toMatch(/^kosli-report-action/)
    expect(kosli.requestCount).toBe(1)
  })

  it('sends no Authorization header without a token', async () => {
    const stub = await serve((_req, res) => json(res, 200, []))
    await client(stub, recorder().log, { token: undefined }).get(
      '/flows/acme',
      z.array(z.unknown())
    )
    expect(stub.seen[0].headers.authorization).toBeUndefined()
  })

  it('POSTs the JSON body; an empty 201 is fine without a schema', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(201)
      res.end()
    })
    const body = { fingerprint: FP, filename: 'app.jar' }
    const result = await client(stub, recorder().log).post(
      kosliPath`/artifacts/${'acme'}/${'app'}`,
      body
    )
    expect(result).toBeUndefined()
    expect(stub.seen[0].method).toBe('POST')
    expect(JSON.parse(stub.seen[0].body)).toEqual(body)
  })

  it('composes no debug line, not even the body, unless the log wants debug lines', async () => {
    const stub = await serve((_req, res) => json(res, 201, { ok: true }))
    const lines = (debug: boolean) => {
      const rec = recorder()
      const composed: string[] = []
      const log: Log = {
        ...rec.log,
        debug: m => composed.push(m),
        isDebug: () => debug
      }
      return { log, composed }
    }
    const quiet = lines(false)
    await client(stub, quiet.log).post('/artifacts/acme/app', { filename: 'app.jar' })
    expect(quiet.composed).toEqual([])
    const loud = lines(true)
    await client(stub, loud.log).post('/artifacts/acme/app', { filename: 'app.jar' })
    expect(loud.composed).toContain('Kosli request body: {"filename":"app.jar"}')
  })

  it('retries 503, 503 and returns the 201 answer, logging each retry', async () => {
    const stub = await serve((_req, res, n) =>
      n <= 2 ? json(res, 503, { message: 'Database is busy' }) : json(res, 201, { ok: true })
    )
    const rec = recorder()
    const kosli = client(stub, rec.log)
    const result = await kosli.post('/artifacts/acme/app', { a: 1 }, z.object({ ok: z.boolean() }))
    expect(result).toEqual({ ok: true })
    expect(stub.seen).toHaveLength(3)
    expect(kosli.requestCount).toBe(3)
    expect(rec.lines.filter(l => l.startsWith('warning: '))).toEqual([])
    const waits = rec.lines.filter(l => l.startsWith('info: ') && l.includes('retrying in'))
    expect(waits).toHaveLength(2)
    expect(waits[0]).toContain(`POST ${stub.origin}/api/v2/artifacts/acme/app`)
    expect(waits[0]).toContain('503 Service Unavailable: Database is busy')
    expect(waits[0]).toContain('attempt 1 of 4')
    expect(waits[0]).toMatch(/retrying in [\d.]+ s/)
    expect(waits[1]).toContain('attempt 2 of 4')
  })

  it('honours Retry-After given in seconds', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 429, { message: 'Slow down' }, { 'Retry-After': '1' })
        : json(res, 200, [])
    )
    const rec = recorder()
    await client(stub, rec.log).get('/flows/acme', z.array(z.unknown()))
    expect(stub.seen).toHaveLength(2)
    expect(rec.text()).toContain('429 Too Many Requests: Slow down')
    expect(rec.text()).toContain('retrying in 1 s (as Retry-After: 1 asked)')
  })

  it('does not wait for a Retry-After longer than maxRetryAfterMs: gives up at once, saying why', async () => {
    const later = new Date(Date.now() + 3600_000).toUTCString()
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 429, { message: 'Slow down' }, { 'Retry-After': later })
        : json(res, 200, [])
    )
    const rec = recorder()
    const err = await failure(
      client(stub, rec.log, { maxRetryAfterMs: 150 }).get('/flows/acme', z.array(z.unknown()))
    )
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliUnavailableError)
    expect(err.message).toContain('gave up after 1 attempt: 429 Too Many Requests: Slow down')
    expect(err.message).toContain(`(Retry-After: ${later}), longer than the 0.15 s worth waiting`)
  })

  it('honours a Retry-After HTTP date in the near future', async () => {
    const soon = new Date(Date.now() + 1500).toUTCString()
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 503, { message: 'Maintenance' }, { 'Retry-After': soon })
        : json(res, 200, [])
    )
    const rec = recorder()
    await client(stub, rec.log).get('/flows/acme', z.array(z.unknown()))
    expect(stub.seen).toHaveLength(2)
    expect(rec.text()).toMatch(
      new RegExp(`retrying in [\\d.]+ s \\(as Retry-After: ${soon} asked\\)`)
    )
  })

  it('retries after the connection is reset', async () => {
    const stub = await serve((req, res, n) => (n === 1 ? req.socket.destroy() : json(res, 200, [])))
    const rec = recorder()
    const kosli = client(stub, rec.log)
    await expect(kosli.get('/flows/acme', z.array(z.unknown()))).resolves.toEqual([])
    expect(stub.seen).toHaveLength(2)
    expect(rec.text()).toContain('network error')
  })

  it('gives up on a hanging server after maxRetries+1 timed-out attempts, naming the URL', async () => {
    const stub = await serve(() => undefined)
    const started = Date.now()
    const kosli = client(stub, recorder().log, { timeoutMs: 200, maxRetries: 2 })
    const err = await failure(kosli.post('/artifacts/acme/app', { a: 1 }))
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(err).toBeInstanceOf(KosliUnavailableError)
    const e = err as KosliUnavailableError
    expect(e.kind).toBe('timeout')
    expect(e.attempts).toBe(3)
    expect(e.unavailable).toBe(true)
    expect(stub.seen).toHaveLength(3)
    expect(kosli.requestCount).toBe(3)
    expect(e.message).toContain(
      `POST ${stub.origin}/api/v2/artifacts/acme/app failed: gave up after 3 attempts: timed out after 0.2 s`
    )
    expect(e.message).toContain('on-kosli-unavailable: warn')
  })

  it('reports a refused connection as unavailable', async () => {
    const stub = await serve(() => undefined)
    await stub.close()
    const err = await failure(
      client(stub, recorder().log, { maxRetries: 1 }).get('/flows/acme', z.unknown())
    )
    expect(err).toBeInstanceOf(KosliUnavailableError)
    expect((err as KosliUnavailableError).kind).toBe('network')
    expect(err.message).toContain('gave up after 2 attempts: network error:')
    expect(err.message).toContain('ECONNREFUSED')
    expect(err.message).toContain('Check the host input')
  })

  it('keeps the last server message when 503s outlast the retries', async () => {
    const stub = await serve((_req, res) => json(res, 503, { message: 'Database is down' }))
    const err = await failure(client(stub, recorder().log).post('/artifacts/acme/app', {}))
    expect(stub.seen).toHaveLength(4)
    expect(isKosliUnavailable(err)).toBe(true)
    const e = err as KosliUnavailableError
    expect(e).toBeInstanceOf(KosliError)
    expect(e.status).toBe(503)
    expect(e.serverMessage).toBe('Database is down')
    expect(e.attempts).toBe(4)
    expect(e.message).toBe(
      `POST ${stub.origin}/api/v2/artifacts/acme/app failed: gave up after 4 attempts: ` +
        '503 Service Unavailable: Database is down. Kosli is having trouble; try again later, ' +
        'or set on-kosli-unavailable: warn to let the step pass while Kosli is unavailable.'
    )
  })

  it('does not retry a 400 and names the field and the reason', async () => {
    const stub = await serve((_req, res) =>
      json(res, 400, {
        message: 'Input payload validation failed',
        errors: { fingerprint: "does not match '^[a-f0-9]{64}$'" }
      })
    )
    const err = await failure(
      client(stub, recorder().log).post('/artifacts/acme/app', { fingerprint: 'x' })
    )
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliHttpError)
    const e = err as KosliHttpError
    expect(e.unavailable).toBe(false)
    expect(isKosliUnavailable(e)).toBe(false)
    expect(e.status).toBe(400)
    expect(e.method).toBe('POST')
    expect(e.path).toBe('/api/v2/artifacts/acme/app')
    expect(e.attempts).toBe(1)
    expect(e.serverMessage).toBe('Input payload validation failed')
    expect(e.serverErrors).toEqual({ fingerprint: "does not match '^[a-f0-9]{64}$'" })
    expect(e.message).toBe(
      "POST /api/v2/artifacts/acme/app failed: 400 Bad Request: Input payload validation failed (fingerprint: does not match '^[a-f0-9]{64}$'). " +
        'Kosli rejected the request; check the inputs that set the fields named above.'
    )
    expect(e.stack).toBeDefined()
  })

  it.each([
    [
      401,
      { message: 'Invalid token' },
      'api-token input (or KOSLI_API_TOKEN) is a valid Kosli API token'
    ],
    [403, { message: 'Forbidden' }, "lacks permission on the org 'acme' or the flow 'app'"],
    [
      404,
      { message: "Flow named 'app' does not exist for organization 'acme'" },
      "Check the flow input (or KOSLI_FLOW), now 'app'"
    ],
    [
      404,
      { message: "Organization 'acme' not found" },
      "Check the org input (or KOSLI_ORG), now 'acme'"
    ]
  ])('explains a %i without retrying', async (status, body, hint) => {
    const stub = await serve((_req, res) => json(res, status, body))
    const err = await failure(
      client(stub, recorder().log).post(kosliPath`/artifacts/${'acme'}/${'app'}`, {})
    )
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliHttpError)
    expect(err.message).toContain(`POST /api/v2/artifacts/acme/app failed: ${status} `)
    expect(err.message).toContain(body.message)
    expect(err.message).toContain(hint)
    expect((err as KosliHttpError).hint).toContain(hint)
  })

  it('does not retry a 501', async () => {
    const stub = await serve((_req, res) => json(res, 501, { message: 'Not implemented' }))
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliHttpError)
    expect(err.message).toBe('GET /api/v2/flows/acme failed: 501 Not Implemented: Not implemented.')
  })

  it('does not follow a redirect', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(301, { Location: 'https://elsewhere.example/api/v2/flows/acme' })
      res.end()
    })
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliHttpError)
    expect(err.message).toContain('redirect to https://elsewhere.example/api/v2/flows/acme')
  })

  it('shows the text of a non-JSON error answer', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(418, { 'Content-Type': 'text/html' })
      res.end('<html><head><title>I am a teapot</title></head><body>…</body></html>')
    })
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(err.message).toBe("GET /api/v2/flows/acme failed: 418 I'm a Teapot: I am a teapot.")
  })

  it('rejects a 200 whose body is not JSON', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<!DOCTYPE html><html><body>Sign in</body></html>')
    })
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(KosliResponseError)
    expect(err.message).toContain(
      'GET /api/v2/flows/acme answered 200 OK, but the answer is not JSON'
    )
    expect(err.message).toContain('<!DOCTYPE html>')
    expect(err.message).toContain(
      `Check that host (${stub.origin}) is the origin of a Kosli server`
    )
    expect(err.message).not.toMatch(/\n\s+at /)
  })

  it('rejects a 200 whose body does not match the schema, naming the paths', async () => {
    const stub = await serve((_req, res) =>
      json(res, 200, [{ fingerprint: 'nope', filename: 'a' }, { fingerprint: FP }])
    )
    const err = await failure(
      client(stub, recorder().log).get('/artifacts/acme/app/commit_sha/abc', artifactSchema)
    )
    expect(err).toBeInstanceOf(KosliResponseError)
    const e = err as KosliResponseError
    expect(e.details.join('\n')).toContain('[0].fingerprint:')
    expect(e.details.join('\n')).toContain('[1].filename:')
    expect(e.message).toContain(
      'answered 200 OK, but the answer does not have the shape the action expects: [0].fingerprint'
    )
  })

  it('rejects an empty 200 when a schema is expected', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(200)
      res.end()
    })
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(err).toBeInstanceOf(KosliResponseError)
    expect(err.message).toContain('but the answer was empty')
  })

  it('in dry-run prints a write instead of sending it', async () => {
    const stub = await serve((_req, res) => json(res, 201, {}))
    const rec = recorder()
    const kosli = client(stub, rec.log, { dryRun: true })
    const body = { fingerprint: FP, filename: 'app.jar', annotations: { k: 'v' } }
    const result = await kosli.post(kosliPath`/artifacts/${'acme'}/${'app'}`, body)
    expect(result).toBeUndefined()
    expect(stub.seen).toHaveLength(0)
    expect(kosli.requestCount).toBe(0)
    const url = `${stub.origin}/api/v2/artifacts/acme/app`
    expect(rec.lines[0]).toBe(`group: Dry run: POST ${url}`)
    expect(rec.lines).toContain(`info: ${JSON.stringify(body, null, 2)}`)
    expect(rec.lines[rec.lines.length - 1]).toBe('endgroup')
  })

  it('in dry-run still sends reads', async () => {
    const stub = await serve((_req, res) => json(res, 200, []))
    const kosli = client(stub, recorder().log, { dryRun: true, token: undefined })
    await expect(kosli.get('/approvals/acme/app', z.array(z.unknown()))).resolves.toEqual([])
    expect(stub.seen).toHaveLength(1)
    expect(kosli.requestCount).toBe(1)
  })

  it('never shows the token in logs, dry-run output or errors, even when the server echoes it', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 503, { message: `overloaded for ${TOKEN}` })
        : json(res, 401, { message: `Invalid token ${TOKEN}`, errors: { token: TOKEN } })
    )
    const rec = recorder()
    const err = await failure(client(stub, rec.log).post('/artifacts/acme/app', { note: 'x' }))
    const dry = client(stub, rec.log, { dryRun: true })
    await dry.post(`/artifacts/acme/app`, { leaked: TOKEN })
    const seenText = [
      rec.text(),
      err.message,
      JSON.stringify(err),
      String((err as KosliHttpError).serverErrors?.token)
    ].join('\n')
    expect(seenText).not.toContain(TOKEN)
    expect(seenText).toContain('Invalid token ***')
    expect(rec.text()).toContain('"leaked": "***"')
    // The server did receive it, so the check above is meaningful.
    expect(stub.seen[0].headers.authorization).toBe(`Bearer ${TOKEN}`)
  })

  it('refuses a header value with CR or LF and sends nothing', async () => {
    const stub = await serve((_req, res) => json(res, 200, []))
    const bad = 'abc123\r\nX-Injected: yes'
    const rec = recorder()
    const kosli = client(stub, rec.log, { token: bad })
    const err = await failure(kosli.get('/flows/acme', z.unknown()))
    expect(err).toBeInstanceOf(KosliRequestRefusedError)
    expect(err.message).toContain(`Refusing to send GET ${stub.origin}/api/v2/flows/acme`)
    expect(err.message).toContain('api-token input (or KOSLI_API_TOKEN) contains a line break')
    expect(err.message).not.toContain('abc123')
    const err2 = await failure(
      client(stub, rec.log, { token: 'abc\n', dryRun: true }).post('/x', {})
    )
    expect(err2).toBeInstanceOf(KosliRequestRefusedError)
    expect(stub.seen).toHaveLength(0)
    expect(kosli.requestCount).toBe(0)
  })

  it.each([
    ['not JSON', (res: ServerResponse) => res.end('<html>ok</html>'), 'the answer is not JSON'],
    [
      'null where an object was expected',
      (res: ServerResponse) => res.end('null'),
      'the answer does not have the shape the action expects: (the whole answer)'
    ],
    ['empty', (res: ServerResponse) => res.end(), 'the answer was empty'],
    [
      'endless',
      (res: ServerResponse) => void writeEndless(res),
      'its body is larger than 10 MiB, the most the action reads from Kosli'
    ]
  ])(
    'a 201 to a write whose answer is %s: a warning, no retry, no failure',
    async (_, answer, problem) => {
      const stub = await serve((_req, res) => {
        res.writeHead(201, { 'Content-Type': 'application/json' })
        answer(res)
      })
      const rec = recorder()
      const result = await client(stub, rec.log).post(
        '/approvals/acme/app',
        { a: 1 },
        z.object({ id: z.number() })
      )
      expect(result).toBeUndefined()
      expect(stub.seen).toHaveLength(1)
      const warnings = rec.lines.filter(line => line.startsWith('warning: '))
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain(
        `Kosli POST ${stub.origin}/api/v2/approvals/acme/app answered 201 Created, but ${problem}`
      )
      expect(warnings[0]).toContain('the write happened, so the step goes on without the answer.')
    }
  )

  it('fails a read whose answer is a gzip bomb, naming the host and the cap', async () => {
    const bomb = gzipBomb()
    const stub = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Type': 'application/json' })
      res.end(bomb)
    })
    const err = await failure(client(stub, recorder().log).get('/flows/acme', z.unknown()))
    expect(stub.seen).toHaveLength(1)
    expect(err.message).toContain(
      `GET ${stub.origin}/api/v2/flows/acme answered 200 OK, but its body is larger than 10 MiB`
    )
    expect(err.message).toContain(`Check that ${new URL(stub.origin).host} is the Kosli server`)
  })
})

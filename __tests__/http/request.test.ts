import { afterEach, describe, expect, it } from '@jest/globals'
import { HttpError, USER_AGENT, request, type HttpSettings } from '../../src/http/request.js'
import { decide, parseRetryAfter } from '../../src/http/retry-policy.js'
import { gzipBomb, writeEndless } from '../../test-support/http-stand-in.js'
import {
  type Stub,
  failure,
  json,
  recorder,
  serve,
  stopStubs
} from '../../test-support/stub-server.js'

const SECRET = 'sekrit-token-0123456789'
const MiB = 1024 * 1024

afterEach(stopStubs)

function settings(log: HttpSettings['log'], options: Partial<HttpSettings> = {}): HttpSettings {
  return {
    service: 'Kosli',
    timeoutMs: 10_000,
    maxRetries: 3,
    retryBaseMs: 2,
    bodyCap: 10 * MiB,
    secrets: () => [SECRET],
    log,
    ...options
  }
}

function get(stub: Stub, path = '/x'): { method: string; url: URL } {
  return { method: 'GET', url: new URL(path, stub.origin) }
}

describe('the retry policy', () => {
  const policy = { maxRetries: 3, baseMs: 1000, maxWaitMs: 60_000 }
  const answer = (status: number, headers: Record<string, string> = {}) => ({
    kind: 'answer' as const,
    status,
    headers: new Headers(headers)
  })

  it.each([408, 409, 429, 500, 502, 503, 504, 599])('retries %i', status => {
    expect(decide(1, answer(status), policy).retry).toBe(true)
  })

  it.each([200, 201, 301, 400, 401, 403, 404, 422, 501])('does not retry %i', status => {
    expect(decide(1, answer(status), policy).retry).toBe(false)
  })

  it('retries network errors and timeouts, until max-retries is spent', () => {
    expect(decide(1, { kind: 'network' }, policy).retry).toBe(true)
    expect(decide(3, { kind: 'timeout' }, policy).retry).toBe(true)
    expect(decide(4, { kind: 'timeout' }, policy).retry).toBe(false)
    expect(decide(1, { kind: 'network' }, { ...policy, maxRetries: 0 }).retry).toBe(false)
  })

  it('backs off exponentially with full jitter, at most 30 s', () => {
    for (let attempt = 1; attempt <= 8; attempt++) {
      const decision = decide(attempt, { kind: 'network' }, { ...policy, maxRetries: 9 })
      if (!decision.retry) throw new Error('expected a retry')
      expect(decision.waitMs).toBeGreaterThanOrEqual(0)
      expect(decision.waitMs).toBeLessThan(Math.min(30_000, 1000 * 2 ** (attempt - 1)))
    }
  })

  it('waits as Retry-After asks, in seconds or as an HTTP date, up to the longest wait', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(decide(1, answer(503, { 'retry-after': '7' }), policy, now)).toEqual({
      retry: true,
      waitMs: 7000,
      why: ' (as Retry-After: 7 asked)'
    })
    const date = 'Thu, 01 Jan 2026 00:00:03 GMT'
    expect(decide(1, answer(429, { 'retry-after': date }), policy, now)).toMatchObject({
      retry: true,
      waitMs: 3000
    })
    const far = decide(1, answer(429, { 'retry-after': '3600' }), policy, now)
    expect(far.retry).toBe(false)
    expect(far.why).toBe(
      'the server asked to wait 3600 s (Retry-After: 3600), longer than the 60 s worth waiting'
    )
    expect(parseRetryAfter('soon', now)).toBeUndefined()
  })

  it('treats a 403 with a spent rate limit as worth waiting for, until it resets', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    const reset = String(now / 1000 + 2)
    const limited = answer(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset })
    expect(decide(1, limited, policy, now)).toMatchObject({ retry: true, waitMs: 2000 })
    expect(decide(1, answer(403, { 'x-ratelimit-remaining': '10' }), policy, now).retry).toBe(false)
  })
})

describe('request', () => {
  it('retries a 503 and a reset connection, one info line per wait and no warning, then answers', async () => {
    const stub = await serve((req, res, n) => {
      if (n === 1) return json(res, 503, { message: 'busy' })
      if (n === 2) return req.socket.destroy()
      json(res, 200, { ok: true })
    })
    const rec = recorder()
    const answer = await request(get(stub), settings(rec.log))
    expect(answer.status).toBe(200)
    expect(answer.attempts).toBe(3)
    expect(JSON.parse(answer.body.toString())).toEqual({ ok: true })
    expect(rec.lines.filter(line => line.startsWith('warning: '))).toEqual([])
    const waits = rec.lines.filter(line => line.includes('retrying in'))
    expect(waits).toHaveLength(2)
    expect(waits[0]).toMatch(
      new RegExp(
        `^info: Kosli GET ${stub.origin}/x: 503 Service Unavailable: busy; retrying in [\\d.]+ s \\(attempt 1 of 4\\)\\.$`
      )
    )
    expect(waits[1]).toMatch(
      /^info: Kosli GET .*: network error: .*; retrying in [\d.]+ s \(attempt 2 of 4\)\.$/
    )
  })

  it('answers the last 503 once max-retries is spent, and does not retry a 501', async () => {
    const stub = await serve((_req, res, n) => json(res, n <= 3 ? 503 : 501, {}))
    const last = await request(get(stub), settings(recorder().log, { maxRetries: 2 }))
    expect([last.status, last.attempts]).toEqual([503, 3])
    const next = await request(get(stub), settings(recorder().log))
    expect([next.status, next.attempts]).toEqual([501, 1])
  })

  it('gives up on a Retry-After past the longest wait, saying why', async () => {
    const stub = await serve((_req, res) => json(res, 429, {}, { 'Retry-After': '120' }))
    const answer = await request(get(stub), settings(recorder().log))
    expect(stub.seen).toHaveLength(1)
    expect(answer.notRetried).toBe(
      'the server asked to wait 120 s (Retry-After: 120), longer than the 60 s worth waiting'
    )
  })

  it('ends each attempt at the timeout and says so', async () => {
    const stub = await serve(() => undefined)
    const err = await failure<HttpError>(
      request(get(stub), settings(recorder().log, { timeoutMs: 100, maxRetries: 1 }))
    )
    expect(err).toBeInstanceOf(HttpError)
    expect(err.kind).toBe('timeout')
    expect(err.attempts).toBe(2)
    expect(stub.seen).toHaveLength(2)
    expect(err.message).toBe(
      `GET ${stub.origin}/x failed: gave up after 2 attempts: timed out after 0.1 s (request-timeout)`
    )
  })

  it('asks for an unencoded answer', async () => {
    const stub = await serve((_req, res) => json(res, 200, {}))
    await request(get(stub), settings(recorder().log))
    expect(stub.seen[0].headers['accept-encoding']).toBe('identity')
    expect(stub.seen[0].headers['user-agent']).toBe(USER_AGENT)
  })

  it('stops reading a gzip bomb at the cap, naming the host and the cap', async () => {
    const bomb = gzipBomb()
    const stub = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': String(bomb.length) })
      res.end(bomb)
    })
    const err = await failure<HttpError>(request(get(stub), settings(recorder().log)))
    expect(err.kind).toBe('too-large')
    expect(stub.seen).toHaveLength(1)
    const host = new URL(stub.origin).host
    expect(err.message).toBe(
      `GET ${stub.origin}/x answered 200 OK, but its body is larger than 10 MiB, the most the ` +
        `action reads from Kosli, so it stopped reading. Check that ${host} is the Kosli server ` +
        `it should be.`
    )
  })

  it('stops reading an endless body at the cap, and the server sees the connection go', async () => {
    let written: Promise<number> = Promise.resolve(0)
    const stub = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      written = writeEndless(res)
    })
    const err = await failure<HttpError>(
      request(get(stub), settings(recorder().log, { bodyCap: MiB }))
    )
    expect(err.kind).toBe('too-large')
    expect(err.message).toContain('its body is larger than 1 MiB')
    // Sent until the client left: socket buffers hold a few MiB, far from the 2 GiB it would send.
    expect(await written).toBeLessThan(64 * MiB)
  })

  it('cuts an error answer at the cap and still retries it', async () => {
    const stub = await serve((_req, res, n) => {
      if (n === 2) return json(res, 200, {})
      res.writeHead(503, { 'Content-Type': 'text/plain' })
      void writeEndless(res)
    })
    const answer = await request(get(stub), settings(recorder().log, { bodyCap: MiB }))
    expect([answer.status, answer.attempts]).toEqual([200, 2])
  })

  it.each([
    ['larger than the cap', 'endless'],
    ['cut off', 'cut']
  ])(
    'a 2xx answer to a write whose body is %s: a warning, the answer without a body, no retry',
    async (_, how) => {
      const stub = await serve((req, res) => {
        res.writeHead(201, { 'Content-Type': 'application/json' })
        if (how === 'endless') return void writeEndless(res)
        res.write('{"id": 1, "na')
        setTimeout(() => req.socket.destroy(), 20)
      })
      const rec = recorder()
      const answer = await request(
        { method: 'POST', url: new URL('/x', stub.origin), body: '{}' },
        settings(rec.log, { bodyCap: MiB })
      )
      expect(stub.seen).toHaveLength(1)
      expect(answer.status).toBe(201)
      expect(answer.body.length).toBe(0)
      expect(answer.unread).toBeDefined()
      const warnings = rec.lines.filter(line => line.startsWith('warning: '))
      expect(warnings).toEqual([
        `warning: Kosli POST ${stub.origin}/x answered 201 Created, but ${answer.unread}; the ` +
          'write happened, so the step goes on without the answer.'
      ])
    }
  )

  it('a 2xx PUT over the cap is a write too: a warning; a GET over the cap fails', async () => {
    const stub = await serve((_req, res) => {
      res.writeHead(200)
      void writeEndless(res)
    })
    const rec = recorder()
    const put = await request(
      { method: 'PUT', url: new URL('/x', stub.origin) },
      settings(rec.log, { bodyCap: MiB })
    )
    expect(put.unread).toBe('its body is larger than 1 MiB, the most the action reads from Kosli')
    expect(rec.lines.filter(line => line.startsWith('warning: '))).toHaveLength(1)
    const err = await failure<HttpError>(request(get(stub), settings(rec.log, { bodyCap: MiB })))
    expect(err.kind).toBe('too-large')
  })

  it('hides every secret in its lines and errors, also when a server echoes one', async () => {
    const stub = await serve((_req, res) => json(res, 503, { message: `no ${SECRET} here` }))
    const rec = recorder()
    const path = `/x/${SECRET}?access_token=abc`
    await request(get(stub, path), settings(rec.log, { maxRetries: 1 }))
    const hang = await serve(() => undefined)
    const err = await failure<HttpError>(
      request(get(hang, path), settings(rec.log, { timeoutMs: 50, maxRetries: 0 }))
    )
    const text = `${rec.text()}\n${err.message}`
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('access_token=abc')
    expect(text).toContain(`no *** here`)
    expect(text).toContain('/x/***?access_token=REDACTED')
  })
})

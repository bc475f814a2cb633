// The transport on each of its dispatchers, an undici Agent (direct) and a ProxyAgent (through a
// CONNECT proxy): redirects as fetch follows them, bodies decoded as fetch decodes them, the cap
// that closes the connection, the request headers on the wire, headers read in any case,
// timeouts told from network errors, and connections kept alive across requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import * as http from 'node:http'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { readCapped } from '../../src/http/body.js'
import { HttpError, USER_AGENT, request, type HttpSettings } from '../../src/http/request.js'
import { type Answer, closeConnections, send } from '../../src/http/transport.js'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { writeEndless } from '../../test-support/http-stand-in.js'
import { type Stub, failure, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

const MiB = 1024 * 1024
const VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']
const saved = Object.fromEntries(VARIABLES.map(name => [name, process.env[name]]))

// Only the proxy resolves this name; a loopback address would bypass the proxy.
const PROXIED_HOST = 'stub.test'
let proxy: ConnectProxy
let route: 'direct' | 'proxied' = 'direct'

beforeAll(async () => {
  proxy = await startConnectProxy({ [PROXIED_HOST]: '127.0.0.1' })
  for (const name of VARIABLES) delete process.env[name]
})
afterAll(async () => {
  await closeConnections()
  await proxy.close()
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
})
afterEach(async () => {
  // Each request rode the route of its block: a tunnel through the proxy, or none.
  if (route === 'proxied') expect(proxy.tunnels.length).toBeGreaterThan(0)
  else expect(proxy.tunnels).toEqual([])
  proxy.tunnels.length = 0
  await stopStubs()
})

/** What a failure's message adds on the proxied route. */
function throughProxy(): string {
  return route === 'direct'
    ? ''
    : ` (through the proxy ${proxy.url}, from HTTP_PROXY; NO_PROXY lists hosts to reach directly)`
}

/** The stub's origin as this route reaches it. */
function at(stub: Stub): string {
  return route === 'proxied' ? stub.origin.replace('127.0.0.1', PROXIED_HOST) : stub.origin
}

function onRoute(name: 'direct' | 'proxied', tests: () => void): void {
  describe(name === 'direct' ? 'direct (Agent)' : 'through a proxy (ProxyAgent)', () => {
    beforeAll(() => {
      route = name
      if (name === 'proxied') process.env.HTTP_PROXY = proxy.url
    })
    afterAll(() => {
      delete process.env.HTTP_PROXY
      route = 'direct'
    })
    tests()
  })
}

async function text(answer: Answer): Promise<string> {
  return (await readCapped(answer, 10 * MiB)).bytes.toString('utf8')
}

async function get(url: string, headers: Record<string, string> = {}): Promise<Answer> {
  return send(new URL(url), { method: 'GET', headers })
}

function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { Location: location })
  res.end()
}

function settings(options: Partial<HttpSettings> = {}): HttpSettings {
  return {
    service: 'Kosli',
    timeoutMs: 10_000,
    maxRetries: 0,
    bodyCap: 10 * MiB,
    secrets: () => [],
    log: recorder().log,
    ...options
  }
}

for (const name of ['direct', 'proxied'] as const)
  onRoute(name, () => {
    describe('redirects', () => {
      it.each([
        [301, 'POST', 'GET'],
        [302, 'POST', 'GET'],
        [303, 'PUT', 'GET'],
        [303, 'POST', 'GET'],
        [301, 'PUT', 'PUT'],
        [302, 'PATCH', 'PATCH'],
        [307, 'POST', 'POST'],
        [308, 'PUT', 'PUT']
      ])('a %i after a %s is followed with a %s', async (status, method, then) => {
        const server = await serve((_req, res, n) => {
          if (n === 1) return redirect(res, status, '/next')
          res.end('arrived')
        })
        const answer = await send(new URL('/first', at(server)), {
          method,
          headers: { 'Content-Type': 'application/json' },
          body: '{"a":1}'
        })
        expect(answer.status).toBe(200)
        expect(await text(answer)).toBe('arrived')
        const [, next] = server.seen
        expect([next.method, next.url]).toEqual([then, '/next'])
        if (then === method) {
          expect(next.body).toBe('{"a":1}')
          expect(next.headers['content-type']).toBe('application/json')
        } else {
          expect(next.body).toBe('')
          expect(next.headers['content-type']).toBeUndefined()
          expect(next.headers['content-length']).toBeUndefined()
        }
      })

      it('keeps Authorization and Cookie on the same origin and drops them on another', async () => {
        const other = await serve((_req, res) => res.end('elsewhere'))
        const server = await serve((_req, res, n) => {
          if (n === 1) return redirect(res, 302, '/same')
          if (n === 2) return redirect(res, 307, `${at(other)}/away`)
          res.end()
        })
        const answer = await get(`${at(server)}/start`, {
          Authorization: 'Bearer t0ken',
          Cookie: 'session=1',
          'X-Kept': 'yes'
        })
        expect(await text(answer)).toBe('elsewhere')
        expect(server.seen[1].headers.authorization).toBe('Bearer t0ken')
        expect(server.seen[1].headers.cookie).toBe('session=1')
        const [away] = other.seen
        expect(away.url).toBe('/away')
        expect(away.headers.authorization).toBeUndefined()
        expect(away.headers.cookie).toBeUndefined()
        expect(away.headers['x-kept']).toBe('yes')
      })

      it('follows 20 redirects and fails on the 21st', async () => {
        const server = await serve((req, res) => {
          const n = Number(req.url?.slice(1))
          if (n > 0) return redirect(res, 302, `/${n - 1}`)
          res.end('end of the chain')
        })
        expect(await text(await get(`${at(server)}/20`))).toBe('end of the chain')
        const error = await failure(get(`${at(server)}/21`))
        expect(String(error)).toContain('more than 20 redirects')
      })

      it("'manual' answers the redirect itself, with its Location", async () => {
        const server = await serve((_req, res) => redirect(res, 302, '/elsewhere'))
        const answer = await send(new URL(at(server)), {
          method: 'POST',
          headers: {},
          body: '{}',
          redirect: 'manual'
        })
        expect(answer.status).toBe(302)
        expect(answer.headers.get('location')).toBe('/elsewhere')
        expect(server.seen).toHaveLength(1)
      })

      it("'error' fails on a redirect, and a 3xx without a Location is an answer", async () => {
        const server = await serve((_req, res, n) => {
          if (n === 1) return redirect(res, 301, '/elsewhere')
          res.writeHead(302)
          res.end()
        })
        const error = await failure(
          send(new URL(at(server)), { method: 'GET', headers: {}, redirect: 'error' })
        )
        expect(String(error)).toContain('unexpected redirect: 301 to /elsewhere')
        expect((await get(at(server))).status).toBe(302)
        expect(server.seen).toHaveLength(2)
      })

      it("a redirect's body is never read: an endless one is cut off and the redirect followed", async () => {
        let written: Promise<number> = Promise.resolve(0)
        const server = await serve((_req, res, n) => {
          if (n > 1) return res.end('arrived')
          res.writeHead(302, { Location: '/next' })
          written = writeEndless(res)
        })
        const answer = await request({ method: 'GET', url: new URL(at(server)) }, settings())
        expect(answer.body.toString('utf8')).toBe('arrived')
        expect(await written).toBeLessThan(64 * MiB)
      })

      it('a redirect to a scheme other than http(s) fails, through request() as a network error', async () => {
        const server = await serve((_req, res) => redirect(res, 302, 'ftp://files.test/x'))
        const error = await failure(
          request({ method: 'GET', url: new URL(at(server)) }, settings())
        )
        expect(error).toBeInstanceOf(HttpError)
        expect((error as HttpError).kind).toBe('network')
        expect((error as HttpError).detail).toBe(
          `network error: a redirect to ftp: URL, which is not http(s)${throughProxy()}`
        )
      })
    })

    describe('bodies', () => {
      const TEXT = '{"message":"decoded"}'.repeat(50)

      it.each([
        ['gzip', gzipSync(TEXT)],
        ['x-gzip', gzipSync(TEXT)],
        ['deflate', deflateSync(TEXT)],
        ['deflate', deflateRawSync(TEXT)],
        ['br', brotliCompressSync(TEXT)],
        ['deflate, gzip', gzipSync(deflateSync(TEXT))],
        ['identity', Buffer.from(TEXT)],
        ['zstd-unknown', Buffer.from(TEXT)]
      ])('Content-Encoding %s is decoded as fetch decodes it', async (encoding, bytes) => {
        const server = await serve((_req, res) => {
          res.writeHead(200, { 'Content-Encoding': encoding })
          res.end(bytes)
        })
        expect(await text(await get(at(server)))).toBe(TEXT)
      })

      it('a HEAD answer with a Content-Encoding has no body to decode', async () => {
        const server = await serve((_req, res) => {
          res.writeHead(200, { 'Content-Encoding': 'gzip', 'Content-Length': '1234' })
          res.end()
        })
        const answer = await send(new URL(at(server)), { method: 'HEAD', headers: {} })
        expect(answer.status).toBe(200)
        expect(await text(answer)).toBe('')
      })

      it('the cap counts decoded bytes and closes the connection of a gzip bomb', async () => {
        // 256 MiB of zeros in about 256 KB.
        const member = gzipSync(Buffer.alloc(16 * MiB))
        const bomb = Buffer.concat(Array.from({ length: 16 }, () => member))
        const server = await serve((_req, res) => {
          res.writeHead(200, { 'Content-Encoding': 'gzip' })
          res.end(bomb)
        })
        const answer = await get(at(server))
        const read = await readCapped(answer, MiB)
        expect(read).toEqual({ bytes: Buffer.alloc(MiB), over: true })
        const [socket] = server.sockets
        if (!socket.destroyed) await new Promise(resolve => socket.once('close', resolve))
      })

      it('past the cap, an endless body stops: the server sees the client go', async () => {
        let written: Promise<number> = Promise.resolve(0)
        const server = await serve((_req, res) => {
          res.writeHead(200)
          written = writeEndless(res)
        })
        const read = await readCapped(await get(at(server)), MiB)
        expect(read.over).toBe(true)
        expect(read.bytes.length).toBe(MiB)
        expect(await written).toBeLessThan(64 * MiB)
      })

      it('a form body is sent as multipart/form-data with its boundary', async () => {
        const server = await serve((_req, res) => res.end())
        const form = new FormData()
        form.append('data_json', '{"a":1}')
        await send(new URL(at(server)), { method: 'POST', headers: {}, body: form })
        const [seen] = server.seen
        const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(
          seen.headers['content-type'] ?? ''
        )?.[1]
        expect(boundary).toBeDefined()
        expect(seen.body).toContain(`--${boundary}\r\n`)
        expect(seen.body).toContain('name="data_json"\r\n\r\n{"a":1}\r\n')
        expect(seen.headers['content-length']).toBe(String(Buffer.byteLength(seen.body)))
      })

      it('a text body without a Content-Type is sent as text/plain, as fetch sends it', async () => {
        const server = await serve((_req, res) => res.end())
        await send(new URL(at(server)), { method: 'POST', headers: {}, body: 'hello' })
        expect(server.seen[0].headers['content-type']).toBe('text/plain;charset=UTF-8')
        expect(server.seen[0].body).toBe('hello')
      })
    })

    describe('headers', () => {
      it('an answer header reads in any case; repeated ones are joined as fetch joins them', async () => {
        const server = await serve((_req, res) => {
          res.setHeader('X-Rate', ['a', 'b'])
          res.setHeader('Retry-After', '7')
          res.end()
        })
        const { headers } = await get(at(server))
        expect(headers.get('x-rate')).toBe('a, b')
        expect(headers.get('X-RATE')).toBe('a, b')
        expect(headers.get('retry-after')).toBe('7')
        expect(headers.has('Retry-After')).toBe(true)
        expect(headers.get('missing')).toBeNull()
        expect(
          [...headers].filter(([name]) => name.startsWith('x-') || name === 'retry-after')
        ).toEqual([
          ['retry-after', '7'],
          ['x-rate', 'a, b']
        ])
      })

      it('request headers on the wire: exactly these, for a read, a write and a form', async () => {
        const server = await serve((_req, res) => res.end())
        const url = new URL('/x', at(server))
        const host = url.host
        const common = { host, connection: 'keep-alive', 'user-agent': USER_AGENT, accept: '*/*' }
        await request(
          { method: 'GET', url, headers: { Authorization: 'Bearer t0ken' } },
          settings()
        )
        await request(
          { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
          settings()
        )
        await request({ method: 'PUT', url }, settings())
        const form = new FormData()
        form.append('a', 'b')
        await request({ method: 'POST', url, body: form }, settings())
        const [read, write, empty, multipart] = server.seen.map(seen => seen.headers)
        const identity = { 'accept-encoding': 'identity' }
        expect(read).toEqual({ ...common, ...identity, authorization: 'Bearer t0ken' })
        expect(write).toEqual({
          ...common,
          ...identity,
          'content-type': 'application/json',
          'content-length': '7'
        })
        expect(empty).toEqual({ ...common, ...identity, 'content-length': '0' })
        expect(multipart).toEqual({
          ...common,
          ...identity,
          'content-type': expect.stringMatching(
            /^multipart\/form-data; boundary=-+formdata-undici-\d+$/
          ),
          'content-length': String(Buffer.byteLength(server.seen[3].body))
        })
      })

      it('request headers given in two cases are merged as fetch merges them', async () => {
        const server = await serve((_req, res) => res.end())
        await get(at(server), { 'X-Tag': 'one', 'x-tag': 'two', Accept: 'application/json' })
        expect(server.seen[0].headers['x-tag']).toBe('one, two')
        expect(server.seen[0].headers.accept).toBe('application/json')
      })
    })

    describe('timeouts and cancelling', () => {
      it('a body that stops coming is a timeout, not a network error', async () => {
        const server = await serve((_req, res) => {
          res.writeHead(200, { 'Content-Length': '100' })
          res.write('{"partial":')
        })
        const error = await failure(
          request({ method: 'GET', url: new URL(at(server)) }, settings({ timeoutMs: 100 }))
        )
        expect(error).toBeInstanceOf(HttpError)
        expect((error as HttpError).kind).toBe('timeout')
        expect((error as HttpError).detail).toBe('timed out after 0.1 s (request-timeout)')
      })

      it('a refused connection is a network error that names its code, or the proxy', async () => {
        const server = await serve(() => undefined)
        await server.close()
        const error = await failure(
          request({ method: 'GET', url: new URL(at(server)) }, settings())
        )
        expect((error as HttpError).kind).toBe('network')
        expect((error as HttpError).detail).toBe(
          route === 'direct'
            ? 'network error: connection refused (ECONNREFUSED)'
            : `network error: the proxy answered 502 to CONNECT instead of opening a tunnel${throughProxy()}`
        )
      })

      it('a server that closes the connection without answering is said to', async () => {
        const server = await serve(req => req.socket.end())
        const error = await failure(
          request({ method: 'GET', url: new URL(at(server)) }, settings())
        )
        expect((error as HttpError).detail).toBe(
          `network error: the server closed the connection without answering (UND_ERR_SOCKET)${throughProxy()}`
        )
      })

      it("the caller's cancel ends the request with the caller's reason", async () => {
        const server = await serve(() => undefined)
        const controller = new AbortController()
        const pending = request(
          { method: 'GET', url: new URL(at(server)), signal: controller.signal },
          settings()
        )
        await new Promise<void>(resolve => {
          const check = (): void => void (server.seen.length ? resolve() : setImmediate(check))
          check()
        })
        const reason = new Error('the step was cancelled')
        controller.abort(reason)
        expect(await failure(pending)).toBe(reason)
        const [socket] = server.sockets
        if (!socket.destroyed) await new Promise(resolve => socket.once('close', resolve))
      })
    })

    describe('connections', () => {
      // undici marks a connection free a tick after its answer ends, so a request that comes at
      // once may open one more: at most one per request at a time, not one per request.
      it('keeps connections alive: 1,000 requests, 200 at a time, use at most 400 connections', async () => {
        const server = await serve((_req, res) => res.end('ok'))
        for (let batch = 0; batch < 5; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 200 }, async () => text(await get(at(server))))
          )
          expect(answers.every(body => body === 'ok')).toBe(true)
        }
        expect(server.seen).toHaveLength(1000)
        expect(server.sockets.length).toBeLessThanOrEqual(400)
      })

      it('one request after another: 50 requests use at most two connections', async () => {
        const server = await serve((_req, res) => res.end('ok'))
        for (let n = 0; n < 50; n++) await text(await get(at(server)))
        expect(server.sockets.length).toBeLessThanOrEqual(2)
      })
    })
  })

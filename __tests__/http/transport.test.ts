// The HTTP layer behind a forwarding proxy: requests a proxy variable covers ride a CONNECT
// tunnel, and a failure on the way names the proxy.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { type AddressInfo, type Socket, createServer } from 'node:net'
import { HttpError, request, type HttpSettings } from '../../src/http/request.js'
import { closeConnections } from '../../src/http/transport.js'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

const VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'NO_PROXY', 'no_proxy']
const saved = Object.fromEntries(VARIABLES.map(name => [name, process.env[name]]))

const settings: HttpSettings = {
  service: 'Kosli',
  timeoutMs: 10_000,
  maxRetries: 0,
  bodyCap: 1024 * 1024,
  secrets: () => [],
  log: recorder().log
}

let proxy: ConnectProxy

beforeAll(async () => {
  proxy = await startConnectProxy({ 'kosli.test': '127.0.0.1' })
})
afterAll(async () => {
  await closeConnections()
  await proxy.close()
})
afterEach(async () => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name]
    else process.env[name] = saved[name]
  }
  proxy.tunnels.length = 0
  await stopStubs()
})

function setProxyEnv(env: Record<string, string>): void {
  for (const name of VARIABLES) delete process.env[name]
  Object.assign(process.env, env)
}

async function failure(promise: Promise<unknown>): Promise<HttpError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof HttpError) return error
    throw error
  }
  throw new Error('expected the request to fail')
}

describe('requests through a proxy', () => {
  it('HTTP_PROXY carries an http request to a name only the proxy resolves', async () => {
    const stub = await serve((_req, res) => json(res, 200, { ok: true }))
    const port = new URL(stub.origin).port
    setProxyEnv({ HTTP_PROXY: proxy.url })

    const answer = await request(
      { method: 'GET', url: new URL(`http://kosli.test:${port}/api/v2/x`) },
      settings
    )

    expect(answer.status).toBe(200)
    expect(JSON.parse(answer.body.toString('utf8'))).toEqual({ ok: true })
    expect(stub.seen.map(r => `${r.method} ${r.url} ${r.headers.host}`)).toEqual([
      `GET /api/v2/x kosli.test:${port}`
    ])
    expect(proxy.tunnelsTo(`kosli.test:${port}`)).toHaveLength(1)
  })

  it('a loopback host is reached directly even with a proxy set', async () => {
    const stub = await serve((_req, res) => json(res, 200, {}))
    setProxyEnv({ HTTP_PROXY: proxy.url })

    const answer = await request({ method: 'GET', url: new URL(`${stub.origin}/x`) }, settings)

    expect(answer.status).toBe(200)
    expect(proxy.tunnels).toEqual([])
  })

  it('a proxy that refuses the tunnel: the error names the proxy and the variable', async () => {
    setProxyEnv({ HTTPS_PROXY: proxy.url.replace('//', '//user:hunter2@') })

    const error = await failure(
      request({ method: 'GET', url: new URL('https://unknown.test/api') }, settings)
    )

    expect(error.kind).toBe('network')
    expect(error.message).toContain(`through the proxy ${proxy.url}, from HTTPS_PROXY`)
    expect(error.message).toContain('the proxy answered 502 to CONNECT')
    expect(error.message).not.toContain('hunter2')
    expect(proxy.tunnels.map(t => t.target)).toEqual(['unknown.test:443'])
  })

  it('a proxy that is down: connection refused, through that proxy', async () => {
    const stub = await serve(() => undefined)
    const closedPort = new URL(stub.origin).port
    await stopStubs()
    setProxyEnv({ https_proxy: `http://127.0.0.1:${closedPort}` })

    const error = await failure(
      request({ method: 'GET', url: new URL('https://kosli.test/api') }, settings)
    )

    expect(error.message).toMatch(/connection refused/)
    expect(error.message).toContain(`through the proxy http://127.0.0.1:${closedPort}`)
  })

  it('a proxy variable that is not an http(s) URL: said plainly, without its password', async () => {
    setProxyEnv({ HTTPS_PROXY: 'socks5://user:hunter2@proxy.corp:1080' })

    const error = await failure(
      request({ method: 'GET', url: new URL('https://kosli.test/api') }, settings)
    )

    expect(error.message).toContain(
      '"socks5://proxy.corp:1080" (from HTTPS_PROXY or HTTP_PROXY) is not an http:// or https:// URL'
    )
    expect(error.message).not.toContain('hunter2')
  })

  it('a proxy that wants credentials (407): the error says how to give them', async () => {
    const guarded = await startConnectProxy({ 'kosli.test': '127.0.0.1' }, 'Basic dTpw')
    try {
      setProxyEnv({ HTTPS_PROXY: guarded.url.replace('//', '//u:wrong@') })

      const error = await failure(
        request({ method: 'GET', url: new URL('https://kosli.test/api') }, settings)
      )

      expect(error.message).toContain(
        'the proxy answered 407 to CONNECT instead of opening a tunnel: it wants credentials, ' +
          'given in the proxy URL as http://user:password@host:port'
      )
      expect(error.message).not.toContain('wrong')
      expect(guarded.tunnels.map(t => t.authorization)).toEqual([
        `Basic ${Buffer.from('u:wrong').toString('base64')}`
      ])
    } finally {
      await guarded.close()
    }
  })
})

/** A proxy that counts the CONNECTs it is sent and does `onConnect` with each connection. */
async function brokenProxy(onConnect: (socket: Socket) => void) {
  let connects = 0
  const sockets = new Set<Socket>()
  const server = createServer(socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.once('data', () => {
      connects++
      onConnect(socket)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connects: () => connects,
    open: () => sockets.size,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

describe('a broken proxy ends its connection attempts', () => {
  it('a proxy that drops each CONNECT: one CONNECT per attempt, then a network error', async () => {
    const broken = await brokenProxy(socket => socket.destroy())
    try {
      setProxyEnv({ HTTPS_PROXY: broken.url })
      const error = await failure(
        request(
          { method: 'GET', url: new URL('https://kosli.test/api') },
          { ...settings, maxRetries: 2, retryBaseMs: 1 }
        )
      )
      expect(error.kind).toBe('network')
      expect(error.attempts).toBe(3)
      expect(error.detail).toBe(
        'network error: the proxy closed the connection without answering CONNECT ' +
          `(UND_ERR_SOCKET) (through the proxy ${broken.url}, from HTTPS_PROXY; ` +
          'NO_PROXY lists hosts to reach directly)'
      )
      expect(error.message).toContain(`through the proxy ${broken.url}, from HTTPS_PROXY`)
      // Nothing goes on after the failure.
      await new Promise(resolve => setTimeout(resolve, 200))
      expect(broken.connects()).toBe(3)
    } finally {
      await broken.close()
    }
  })

  it('a proxy that never answers the CONNECT: the attempt ends at its timeout', async () => {
    const silent = await brokenProxy(() => undefined)
    try {
      setProxyEnv({ HTTPS_PROXY: silent.url })
      const error = await failure(
        request(
          { method: 'GET', url: new URL('https://kosli.test/api') },
          { ...settings, timeoutMs: 300 }
        )
      )
      expect(error.kind).toBe('timeout')
      expect(error.detail).toBe('timed out after 0.3 s (request-timeout)')
      expect(silent.connects()).toBe(1)
      // The CONNECT itself is bounded too: undici drops the connection (its own bound is 300 s).
      const until = Date.now() + 5000
      while (silent.open() > 0 && Date.now() < until) {
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      expect(silent.open()).toBe(0)
      expect(silent.connects()).toBe(1)
    } finally {
      await silent.close()
    }
  })

  it('closeConnections ends a CONNECT still waiting for its answer', async () => {
    const silent = await brokenProxy(() => undefined)
    try {
      setProxyEnv({ HTTPS_PROXY: silent.url })
      const pending = failure(
        request({ method: 'GET', url: new URL('https://kosli.test/api') }, settings)
      )
      while (silent.connects() === 0) await new Promise(resolve => setTimeout(resolve, 20))
      await closeConnections()
      expect((await pending).kind).toBe('network')
      const until = Date.now() + 5000
      while (silent.open() > 0 && Date.now() < until) {
        await new Promise(resolve => setTimeout(resolve, 50))
      }
      expect(silent.open()).toBe(0)
    } finally {
      await silent.close()
    }
  })
})

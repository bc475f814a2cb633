// A broken forwarding proxy never keeps a step alive: each of the three bundled actions, behind a
// proxy that drops every CONNECT, an http:// proxy URL that points at a TLS port, and a proxy that
// takes the CONNECT and never answers, ends within request-timeout (per attempt) plus a few
// seconds, and the proxy sees a bounded number of CONNECTs. The proxy's password, `/` and all,
// is masked and never printed.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { type AddressInfo, type Server, type Socket, createServer } from 'node:net'
import * as tls from 'node:tls'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { type GitHubStandIn, startGitHubServer } from '../../test-support/github-server.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'
import { type ActionResult, runAction } from '../../test-support/run-action.js'
import { type TestCa, makeTestCa } from '../../test-support/test-ca.js'
import { makeWorkspace, removeWorkspace, secretLeaks } from './report-helpers.js'

const NAMES = ['kosli.test', 'github.test']
const TIMEOUT_S = 3
const MAX_RETRIES = 1
// Requests each entry makes one after another, each of which may time out: attest/ reads the
// commit from GitHub (then local git) before it posts to Kosli.
const SEQUENTIAL_REQUESTS = { main: 1, attest: 2, assert: 1 } as const
// What a run may take: every attempt's request-timeout, the backoff between them, the start.
const exitBoundMs = (entry: keyof typeof SEQUENTIAL_REQUESTS): number =>
  SEQUENTIAL_REQUESTS[entry] * (MAX_RETRIES + 1) * TIMEOUT_S * 1000 + 8000
// A run makes a handful of requests before it fails; each attempt is one CONNECT at most.
const CONNECT_BOUND = (MAX_RETRIES + 1) * 4
// Beyond the bound, the run is killed: today's bundle never ends on its own.
const KILL_AFTER_MS = 40_000

let ca: TestCa
let kosli: KosliStandIn
let github: GitHubStandIn
let workspace: string
let sha: string

beforeAll(async () => {
  ca = makeTestCa([...NAMES, '127.0.0.1'])
  const tlsOptions = { key: ca.key, cert: ca.cert }
  kosli = await startKosliServer({ tls: tlsOptions })
  github = await startGitHubServer({ tls: tlsOptions })
  github.seedRepository({ owner: 'acme', repo: 'app', id: 4242, orgOwned: true })
  sha = github.seedLinearHistory('acme', 'app', 1)[0]
  workspace = await makeWorkspace({ 'app.bin': 'the app' })
})

afterAll(async () => {
  await Promise.all([kosli?.close(), github?.close()])
  if (workspace) await removeWorkspace(workspace)
  ca?.remove()
})

type Entry = 'main' | 'attest' | 'assert'

// Inputs that make each action talk to Kosli and GitHub (only through the proxy).
const INPUTS: Record<Entry, Record<string, string>> = {
  main: { artifact: 'app.bin' },
  attest: { type: 'generic', name: 'review', compliant: 'true', 'on-kosli-unavailable': 'warn' },
  assert: { fingerprint: 'ab'.repeat(32) }
}

function run(entry: Entry, env: Record<string, string>): Promise<ActionResult> {
  return runAction({
    cwd: workspace,
    ...(entry === 'main' ? {} : { subAction: entry }),
    github: { repository: 'acme/app', sha, apiUrl: `https://github.test:${github.port}` },
    inputs: {
      'api-token': kosli.token,
      org: 'acme',
      flow: 'app',
      host: `https://kosli.test:${kosli.port}`,
      'request-timeout': String(TIMEOUT_S),
      'max-retries': String(MAX_RETRIES),
      ...INPUTS[entry]
    },
    env: { NODE_EXTRA_CA_CERTS: ca.caFile, ...env },
    timeoutMs: KILL_AFTER_MS
  })
}

/** A TCP server that counts the CONNECTs it is sent and does `onConnect` with each. */
class BrokenProxy {
  connects = 0
  private readonly sockets = new Set<Socket>()
  constructor(private readonly server: Server) {}

  static async start(
    onConnect: (socket: Socket) => void,
    make: (listener: (socket: Socket) => void) => Server = createServer
  ): Promise<BrokenProxy> {
    let proxy: BrokenProxy | undefined = undefined
    const server = make(socket => {
      proxy?.sockets.add(socket)
      socket.on('close', () => proxy?.sockets.delete(socket))
      socket.on('error', () => undefined)
      let head = ''
      socket.on('data', chunk => {
        head += chunk.toString('latin1')
        if (!head.startsWith('CONNECT ') || !head.includes('\r\n\r\n')) return
        head = ''
        if (proxy) proxy.connects++
        onConnect(socket)
      })
    })
    proxy = new BrokenProxy(server)
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    return proxy
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  /** Connections accepted and still open: a TLS port counts each attempt here. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise(resolve => this.server.close(resolve))
  }
}

/** A TLS server: an http:// proxy URL pointed at it gets a TLS alert for its CONNECT. */
async function tlsPort(): Promise<{ url: string; attempts: () => number; close(): Promise<void> }> {
  let attempts = 0
  const sockets = new Set<Socket>()
  const server = tls.createServer({ key: ca.key, cert: ca.cert })
  server.on('connection', (socket: Socket) => {
    attempts++
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  server.on('tlsClientError', () => undefined)
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    attempts: () => attempts,
    async close() {
      for (const socket of sockets) socket.destroy()
      await new Promise(resolve => server.close(resolve))
    }
  }
}

function expectEndedInTime(entry: Entry, result: ActionResult): void {
  expect(result.timedOut).toBe(false)
  expect(result.exitCode).not.toBeNull()
  expect(result.durationMs).toBeLessThan(exitBoundMs(entry))
}

describe.each<Entry>(['main', 'attest', 'assert'])('%s behind a broken proxy', entry => {
  it('a proxy that drops each CONNECT: the step ends, after a few CONNECTs', async () => {
    const proxy = await BrokenProxy.start(socket => socket.destroy())
    try {
      const result = await run(entry, { HTTPS_PROXY: proxy.url })
      expectEndedInTime(entry, result)
      expect(proxy.connects).toBeGreaterThan(0)
      expect(proxy.connects).toBeLessThanOrEqual(CONNECT_BOUND)
      expect(`${result.stdout}${result.summary}`).toContain(`through the proxy ${proxy.url}`)
    } finally {
      await proxy.close()
    }
  })

  it('an http:// proxy URL at a TLS port: the step ends, after a few attempts', async () => {
    const port = await tlsPort()
    try {
      const result = await run(entry, { HTTPS_PROXY: port.url })
      expectEndedInTime(entry, result)
      expect(port.attempts()).toBeGreaterThan(0)
      expect(port.attempts()).toBeLessThanOrEqual(CONNECT_BOUND)
    } finally {
      await port.close()
    }
  })

  it('a proxy that takes the CONNECT and never answers: each attempt ends at request-timeout', async () => {
    const proxy = await BrokenProxy.start(() => undefined)
    try {
      const result = await run(entry, { HTTPS_PROXY: proxy.url })
      expectEndedInTime(entry, result)
      expect(proxy.connects).toBeGreaterThan(0)
      expect(proxy.connects).toBeLessThanOrEqual(CONNECT_BOUND)
      expect(`${result.stdout}${result.summary}`).toContain(
        `timed out after ${TIMEOUT_S} s (request-timeout)`
      )
    } finally {
      await proxy.close()
    }
  })
})

describe('the proxy password', () => {
  // Unencoded, with a `/` and a `:` in it, as people paste it.
  const PASSWORD = 'pr0xy/s3cr:et'
  let proxy: ConnectProxy

  beforeAll(async () => {
    const credentials = Buffer.from(`builder:${PASSWORD}`).toString('base64')
    proxy = await startConnectProxy(
      Object.fromEntries(NAMES.map(name => [name, '127.0.0.1'])),
      `Basic ${credentials}`
    )
  })
  afterAll(async () => {
    await proxy?.close()
  })

  it.each<Entry>(['main', 'attest'])(
    '%s: sent to the proxy, masked, and never printed',
    async entry => {
      const result = await run(entry, {
        HTTPS_PROXY: proxy.url.replace('//', `//builder:${PASSWORD}@`)
      })
      expectEndedInTime(entry, result)
      expect(proxy.tunnels.length).toBeGreaterThan(0)
      expect(proxy.tunnels.filter(t => !t.opened)).toEqual([])
      expect(result.masks).toContain(PASSWORD)
      expect(secretLeaks(result, [PASSWORD, encodeURIComponent(PASSWORD)])).toEqual([])
    }
  )

  it('a proxy that is down: the error names it without the password', async () => {
    const closed = await BrokenProxy.start(socket => socket.destroy())
    const url = closed.url
    await closed.close()
    const result = await run('assert', { HTTPS_PROXY: url.replace('//', `//builder:${PASSWORD}@`) })
    expectEndedInTime('assert', result)
    expect(result.exitCode).toBe(1)
    expect(result.errors.join('\n')).toContain(`through the proxy ${url}`)
    expect(result.masks).toContain(PASSWORD)
    expect(secretLeaks(result, [PASSWORD, encodeURIComponent(PASSWORD)])).toEqual([])
  })
})

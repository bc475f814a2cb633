// Load: a glob matching 1,000 artifacts reports every one of them, once, with no more
// than REPORT_CONCURRENCY (4) requests in flight at Kosli. A counting proxy between the action
// and the Kosli stand-in sees each request from its arrival to the end of its answer.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  type IncomingMessage,
  type Server,
  type ServerResponse,
  createServer,
  request
} from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { type ActionResult, DEFAULT_ACTION_TOKEN } from '../../test-support/run-action.js'
import {
  type Tree,
  artifactsOutput,
  makeWorkspace,
  removeWorkspace,
  reportRequests,
  secretLeaks,
  sha256
} from './report-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const COUNT = 1000
const LIMIT = 4

const name = (i: number): string => `${String(i).padStart(4, '0')}.txt`

/** Forwards every request to `target`, counting how many are in flight at once. */
class CountingProxy {
  inFlight = 0
  maxInFlight = 0
  forwarded = 0
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private origin = ''

  constructor(private readonly target: string) {
    this.server = createServer((req, res) => this.forward(req, res))
    this.server.on('connection', socket => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
  }

  get url(): string {
    return this.origin
  }

  async listen(): Promise<this> {
    await new Promise<void>(resolve => this.server.listen(0, '127.0.0.1', resolve))
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async close(): Promise<void> {
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    await closed
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    this.forwarded += 1
    this.inFlight += 1
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    let done = false
    const finish = (): void => {
      if (done) return
      done = true
      this.inFlight -= 1
    }
    // Answered (or the client gave up): no longer in flight.
    res.on('finish', finish)
    res.on('close', finish)
    const headers = { ...req.headers }
    delete headers.host
    const upstream = request(
      `${this.target}${req.url ?? '/'}`,
      { method: req.method, headers },
      answer => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      }
    )
    upstream.on('error', error => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: `proxy: ${error.message}` }))
    })
    req.pipe(upstream)
  }
}

describe('load (e2e, bundled action)', () => {
  let s: StandIns
  let proxy: CountingProxy
  let workspace: string
  let result: ActionResult
  const fingerprints = Array.from({ length: COUNT }, (_, i) => sha256(`artifact ${i}`))

  beforeAll(async () => {
    s = await startStandIns(3)
    proxy = await new CountingProxy(s.kosli.url).listen()
    const out: Tree = {}
    for (let i = 0; i < COUNT; i++) out[name(i)] = `artifact ${i}`
    workspace = await makeWorkspace({ out })
    // Every report is held a little, so that requests overlap when the action lets them.
    s.kosli.injectFault({ delayMs: 5 }, { times: Infinity, match: { method: 'POST' } })
    result = await s.run({
      cwd: workspace,
      inputs: { artifact: 'out/*.txt', host: proxy.url, 'max-retries': '0' },
      timeoutMs: 120_000
    })
  }, 180_000)

  afterAll(async () => {
    await proxy?.close()
    await s?.close()
    await removeWorkspace(workspace)
  })

  it('succeeds without errors or leaks', () => {
    expect({ exitCode: result.exitCode, errors: result.errors }).toEqual({
      exitCode: 0,
      errors: []
    })
    expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
  })

  it('writes each of the 1,000 artifacts to Kosli exactly once', () => {
    const reports = reportRequests(s.kosli)
    expect(reports).toHaveLength(COUNT)
    expect(reports.every(r => r.status === 201)).toBe(true)
    const sent = reports.map(r => (r.body as { fingerprint: string }).fingerprint)
    expect([...sent].sort()).toEqual([...fingerprints].sort())
    for (const fingerprint of fingerprints) {
      expect(s.kosli.artifact(fingerprint)?.report_count).toBe(1)
    }
    // Every Kosli request went through the proxy, so it saw them all.
    expect(proxy.forwarded).toBe(s.kosli.requests.length)
  })

  it(`keeps at most ${LIMIT} Kosli requests in flight, and does use more than one`, () => {
    expect(proxy.maxInFlight).toBeLessThanOrEqual(LIMIT)
    expect(proxy.maxInFlight).toBeGreaterThanOrEqual(2)
    expect(proxy.inFlight).toBe(0)
  })

  it('outputs all 1,000 artifacts as reported', () => {
    const artifacts = artifactsOutput(result)
    expect(artifacts).toHaveLength(COUNT)
    expect(artifacts.map(a => a.fingerprint)).toEqual(fingerprints)
    expect(artifacts.map(a => a.path)).toEqual(fingerprints.map((_, i) => `out/${name(i)}`))
    expect(artifacts.filter(a => a.reported !== true)).toEqual([])
  })

  it('folds the long table of the summary into <details>', () => {
    const summary = result.summary
    const open = summary.indexOf(`<details><summary>${COUNT} artifacts: ${COUNT} reported`)
    const header = summary.indexOf('| Artifact | Fingerprint |')
    const first = summary.indexOf(`| out/${name(0)} |`)
    const last = summary.indexOf(`| out/${name(COUNT - 1)} |`)
    const close = summary.indexOf('</details>', last)
    expect(open).toBeGreaterThanOrEqual(0)
    expect([open < header, header < first, first < last, last < close]).toEqual([
      true,
      true,
      true,
      true
    ])
  })
})

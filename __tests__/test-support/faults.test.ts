import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import { DEFAULT_GITHUB_TOKEN, startGitHubServer } from '../../test-support/github-server.js'
import {
  DEFAULT_KOSLI_TOKEN,
  startKosliServer,
  type KosliStandIn
} from '../../test-support/kosli-server.js'

const FINGERPRINT = 'a'.repeat(64)
const ARTIFACT = {
  fingerprint: FINGERPRINT,
  filename: 'app.jar',
  build_url: 'https://github.com/acme/app/actions/runs/1',
  commit_url: 'https://github.com/acme/app/commit/1'
}
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

describe('fault injection', () => {
  let kosli: KosliStandIn

  function report(signal?: AbortSignal): Promise<Response> {
    return fetch(`${kosli.apiUrl}/artifacts/acme/app`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify(ARTIFACT),
      signal
    })
  }

  function list(): Promise<Response> {
    return fetch(`${kosli.apiUrl}/approvals/acme/app`, {
      headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` }
    })
  }

  beforeAll(async () => {
    kosli = await startKosliServer({ userAgent: false })
  })
  afterAll(async () => {
    await kosli.close()
  })
  beforeEach(() => kosli.reset())

  it('a gzip-bomb fault handles the write, then answers its status with ~1 MB of gzip', async () => {
    kosli.injectFault({ hostile: 'gzip-bomb' })
    const answer = await report()
    expect(answer.status).toBe(201)
    expect(answer.headers.get('content-encoding')).toBe('gzip')
    expect(Number(answer.headers.get('content-length'))).toBeLessThan(2 * 1024 * 1024)
    // Decoded, it goes on past what a sane answer holds.
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader()
    let decoded = 0
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      decoded += chunk.value.length
      if (decoded > 100 * 1024 * 1024) break
    }
    await reader.cancel()
    expect(decoded).toBeGreaterThan(100 * 1024 * 1024)
    expect(kosli.requests.map(r => [r.status, r.fault])).toEqual([[201, 'gzip-bomb']])
    expect(kosli.writes()).toHaveLength(1)
  })

  it('an endless fault handles the request, then streams until the client leaves', async () => {
    kosli.injectFault({ hostile: 'endless' })
    const answer = await list()
    expect(answer.status).toBe(200)
    const reader = (answer.body as ReadableStream<Uint8Array>).getReader()
    let read = 0
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      read += chunk.value.length
      if (read > 20 * 1024 * 1024) break
    }
    await reader.cancel()
    expect(read).toBeGreaterThan(20 * 1024 * 1024)
    expect(kosli.requests.map(r => [r.status, r.fault])).toEqual([[200, 'endless']])
  })

  it('answers a status fault with a {"message"} body, then handles normally', async () => {
    kosli.injectFault({ status: 503 })
    const faulted = await report()
    expect(faulted.status).toBe(503)
    expect(await faulted.json()).toEqual({ message: 'Service Unavailable' })
    expect((await report()).status).toBe(201)
    expect(kosli.requests.map(r => [r.status, r.fault])).toEqual([
      [503, 'status'],
      [201, null]
    ])
    expect(kosli.writes()).toHaveLength(1)
  })

  it('sends the headers and body given, e.g. 429 with Retry-After in seconds or as a date', async () => {
    const date = new Date(Date.now() + 2000).toUTCString()
    kosli.injectFault({ status: 429, headers: { 'Retry-After': '1' } })
    kosli.injectFault({ status: 429, headers: { 'Retry-After': date }, body: { message: 'slow' } })
    const first = await report()
    expect(first.status).toBe(429)
    expect(first.headers.get('retry-after')).toBe('1')
    const second = await report()
    expect(second.headers.get('retry-after')).toBe(date)
    expect(await second.json()).toEqual({ message: 'slow' })
  })

  it('sends a string body as it is', async () => {
    kosli.injectFault({ status: 502, body: '<html><body>502 Bad Gateway</body></html>' })
    const response = await report()
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toContain('text/plain')
    expect(await response.text()).toBe('<html><body>502 Bad Gateway</body></html>')
  })

  it("'reset' drops the connection without an answer", async () => {
    kosli.injectFault('reset')
    await expect(report()).rejects.toThrow()
    expect(kosli.requests[0]).toMatchObject({ status: null, fault: 'reset' })
    expect(kosli.artifacts()).toHaveLength(0)
    expect((await report()).status).toBe(201)
  })

  it("'hang' never answers, so the client's timeout fires", async () => {
    kosli.injectFault('hang')
    await expect(report(AbortSignal.timeout(200))).rejects.toThrow()
    expect(kosli.requests[0]).toMatchObject({ status: null, fault: 'hang' })
    expect(kosli.writes()).toHaveLength(0)
  })

  it("'bad-json' answers the success status with a body that is not JSON", async () => {
    kosli.injectFault('bad-json', { times: 2 })
    const posted = await report()
    expect(posted.status).toBe(201)
    await expect(posted.json()).rejects.toThrow()
    const listed = await list()
    expect(listed.status).toBe(200)
    expect(kosli.requests.map(r => r.fault)).toEqual(['bad-json', 'bad-json'])
    expect(kosli.artifacts()).toHaveLength(0)
  })

  it('answers a wrong-shape JSON body with { status, json }', async () => {
    kosli.injectFault({ status: 200, json: { approvals: 'not a list' } })
    kosli.injectFault({ status: 201, json: null })
    expect(await (await list()).json()).toEqual({ approvals: 'not a list' })
    const posted = await report()
    expect(posted.status).toBe(201)
    expect(await posted.text()).toBe('null')
    expect(kosli.requests.map(r => r.fault)).toEqual(['json', 'json'])
  })

  it('takes faults in order, only for matching requests, as many times as asked', async () => {
    kosli.injectFault({ status: 500 }, { times: 2, match: { method: 'POST' } })
    kosli.injectFault({ status: 504 }, { match: { path: /\/approvals\// } })
    expect(kosli.pendingFaults()).toBe(3)
    expect((await list()).status).toBe(504)
    expect((await list()).status).toBe(200)
    expect((await report()).status).toBe(500)
    expect((await report()).status).toBe(500)
    expect((await report()).status).toBe(201)
    expect(kosli.pendingFaults()).toBe(0)
  })

  it('leaves exactly one successful write per artifact after retried faults', async () => {
    kosli.injectFault({ status: 503 })
    kosli.injectFault('reset')
    kosli.injectFault('bad-json')
    await report()
    await report().catch(() => undefined)
    await report()
    await report()
    expect(kosli.requests).toHaveLength(4)
    expect(kosli.writes()).toHaveLength(1)
    expect(kosli.writes()[0].body).toMatchObject({ fingerprint: FINGERPRINT })
  })

  it('delays a normal answer, or a status fault, by delayMs', async () => {
    kosli.injectFault({ delayMs: 150 })
    kosli.injectFault({ status: 500, delayMs: 150 })
    let started = Date.now()
    expect((await report()).status).toBe(201)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect(kosli.requests[0].fault).toBe('delay')
    started = Date.now()
    expect((await report()).status).toBe(500)
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
  })

  it('clearFaults() drops queued faults and times must be positive', async () => {
    kosli.injectFault('hang', { times: Infinity })
    kosli.clearFaults()
    expect((await list()).status).toBe(200)
    expect(() => kosli.injectFault('reset', { times: 0 })).toThrow(/positive/)
  })

  it('waitForRequest() resolves with a request that arrives later', async () => {
    const waiting = kosli.waitForRequest(r => r.method === 'POST')
    await report()
    expect((await waiting).path).toBe('/api/v2/artifacts/acme/app')
    await expect(kosli.waitForRequest(r => r.method === 'PUT', 50)).rejects.toThrow(/no matching/)
  })
})

describe('close()', () => {
  it('ends a hanging Kosli request so the process can exit', async () => {
    const kosli = await startKosliServer({ userAgent: false })
    kosli.injectFault('hang')
    const pending = fetch(`${kosli.apiUrl}/approvals/acme/app`, {
      headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` }
    })
    const outcome = pending.then(
      () => 'answered',
      () => 'failed'
    )
    await kosli.waitForRequest()
    const started = Date.now()
    await kosli.close()
    expect(Date.now() - started).toBeLessThan(1000)
    expect(await outcome).toBe('failed')
    await kosli.close()
  })

  it('ends a hanging GitHub request and a pending delayed answer', async () => {
    const github = await startGitHubServer()
    github.seedRepository({ owner: 'acme', repo: 'app' })
    github.injectFault('hang')
    github.injectFault({ status: 500, delayMs: 60_000 })
    const octokit = new Octokit({ baseUrl: github.url, auth: DEFAULT_GITHUB_TOKEN, log: quiet })
    const outcomes = [1, 2].map(() =>
      octokit.rest.repos.get({ owner: 'acme', repo: 'app' }).then(
        () => 'answered',
        () => 'failed'
      )
    )
    await github.waitForRequest(r => r.seq === 2)
    await github.close()
    expect(await Promise.all(outcomes)).toEqual(['failed', 'failed'])
  })
})

describe('GitHub fault injection', () => {
  it('shares the machinery: Octokit sees the injected status and the wrong shape', async () => {
    const github = await startGitHubServer()
    try {
      github.seedRepository({ owner: 'acme', repo: 'app' })
      const octokit = new Octokit({ baseUrl: github.url, auth: DEFAULT_GITHUB_TOKEN, log: quiet })
      github.injectFault({ status: 500 }, { match: { path: '/repos/acme/app' } })
      await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({
        status: 500,
        message: expect.stringContaining('Internal Server Error')
      })
      github.injectFault({ status: 200, json: [] })
      const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
      expect(data).toEqual([])
      github.injectFault('reset')
      await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toThrow()
      expect(github.requests.map(r => r.fault)).toEqual(['status', 'json', 'reset'])
    } finally {
      await github.close()
    }
  })
})

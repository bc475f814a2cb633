import { afterEach, describe, expect, it } from '@jest/globals'
import {
  GitHubRateLimitError,
  createOctokit,
  type CreateOctokitOptions
} from '../../src/github/octokit.js'
import type { Log } from '../../src/redact.js'
import {
  type Stub,
  failure,
  json,
  recorder,
  serve,
  stopStubs
} from '../../test-support/stub-server.js'

const TOKEN = 'ghs_secretgithubtoken0123456789'

afterEach(stopStubs)

function github(stub: Stub, log: Log, options: Partial<CreateOctokitOptions> = {}) {
  return createOctokit({
    token: TOKEN,
    baseUrl: stub.origin,
    maxRetries: 3,
    timeoutMs: 5000,
    retryBaseMs: 10,
    log,
    ...options
  })
}

const repo = { owner: 'acme', repo: 'app' }
const rateLimited = (resetInS: number) => ({
  'x-ratelimit-limit': '60',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetInS)
})

describe('createOctokit', () => {
  it('retries a 502 and returns the next answer', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 502, { message: 'Server Error' })
        : json(res, 200, { full_name: 'acme/app' })
    )
    const { data } = await github(stub, recorder().log).rest.repos.get(repo)
    expect(data.full_name).toBe('acme/app')
    expect(stub.seen).toHaveLength(2)
    expect(stub.seen[1].url).toBe('/repos/acme/app')
  })

  it('gives up on 5xx after maxRetries', async () => {
    const stub = await serve((_req, res) => json(res, 503, { message: 'Unicorn' }))
    const err = await failure(github(stub, recorder().log, { maxRetries: 2 }).rest.repos.get(repo))
    expect(stub.seen).toHaveLength(3)
    expect((err as Error & { status: number }).status).toBe(503)
    expect(err.message).toBe('Unicorn')
  })

  it('sends the token, and nothing without one', async () => {
    const stub = await serve((_req, res) => json(res, 200, {}))
    await github(stub, recorder().log).rest.repos.get(repo)
    await github(stub, recorder().log, { token: undefined }).rest.repos.get(repo)
    expect(stub.seen[0].headers.authorization).toContain(TOKEN)
    expect(stub.seen[0].headers['user-agent']).toMatch(/^kosli-report-action/)
    expect(stub.seen[1].headers.authorization).toBeUndefined()
  })

  it('waits for a rate limit that resets soon, then retries', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 403, { message: 'API rate limit exceeded' }, rateLimited(1))
        : json(res, 200, { full_name: 'acme/app' })
    )
    const rec = recorder()
    const started = Date.now()
    const { data } = await github(stub, rec.log).rest.repos.get(repo)
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(data.full_name).toBe('acme/app')
    expect(stub.seen).toHaveLength(2)
    expect(rec.text()).toMatch(
      new RegExp(
        `info: GitHub GET ${stub.origin}/repos/acme/app: 403 Forbidden: API rate limit exceeded; ` +
          `retrying in [\\d.]+ s \\(as X-RateLimit-Reset: \\d+ asked\\) \\(attempt 1 of 4\\)`
      )
    )
  })

  it('fails clearly when the rate limit resets too far ahead', async () => {
    const headers = rateLimited(3600)
    const stub = await serve((_req, res) =>
      json(
        res,
        403,
        {
          message: 'API rate limit exceeded for installation.',
          documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
        },
        headers
      )
    )
    const err = await failure(github(stub, recorder().log).rest.repos.get(repo))
    expect(stub.seen).toHaveLength(1)
    expect(err).toBeInstanceOf(GitHubRateLimitError)
    const reset = new Date(Number(headers['x-ratelimit-reset']) * 1000).toISOString()
    expect(err.message).toBe(`GitHub API rate limit exceeded; resets at ${reset}`)
    expect((err as GitHubRateLimitError).status).toBe(403)
  })

  it('does not wait for a rate limit when maxRetries is 0', async () => {
    const stub = await serve((_req, res) =>
      json(res, 403, { message: 'API rate limit exceeded' }, rateLimited(1))
    )
    const err = await failure(github(stub, recorder().log, { maxRetries: 0 }).rest.repos.get(repo))
    expect(err).toBeInstanceOf(GitHubRateLimitError)
    expect(stub.seen).toHaveLength(1)
  })

  it('gives up on a secondary rate limit that asks for a long wait', async () => {
    const stub = await serve((_req, res) =>
      json(
        res,
        403,
        { message: 'You have exceeded a secondary rate limit. Please wait a few minutes.' },
        { 'retry-after': '120' }
      )
    )
    const err = await failure(github(stub, recorder().log).rest.repos.get(repo))
    expect(stub.seen).toHaveLength(1)
    expect(err.message).toBe('GitHub API secondary rate limit exceeded; retry after 120 s')
  })

  it('does not retry a 404', async () => {
    const stub = await serve((_req, res) =>
      json(res, 404, {
        message: 'Not Found',
        documentation_url: 'https://docs.github.com/rest/repos/repos#get-a-repository',
        status: '404'
      })
    )
    const err = await failure(github(stub, recorder().log).rest.repos.get(repo))
    expect(stub.seen).toHaveLength(1)
    expect((err as Error & { status: number }).status).toBe(404)
    expect(err.message).toBe(
      'Not Found - https://docs.github.com/rest/repos/repos#get-a-repository'
    )
  })

  it('times out a hanging request per attempt and retries it', async () => {
    const stub = await serve(() => undefined)
    const started = Date.now()
    const err = await failure(
      github(stub, recorder().log, { timeoutMs: 200, maxRetries: 1 }).rest.repos.get(repo)
    )
    expect(Date.now() - started).toBeLessThan(20_000)
    expect(stub.seen).toHaveLength(2)
    expect(err.message).toBe('timed out after 0.2 s (request-timeout)')
  })

  it('never logs the token', async () => {
    const stub = await serve((_req, res, n) =>
      n === 1
        ? json(res, 500, { message: `boom ${TOKEN}` }, { deprecation: 'true' })
        : json(res, 401, { message: `Bad credentials ${TOKEN}` })
    )
    const rec = recorder()
    const err = await failure(github(stub, rec.log).rest.repos.get(repo))
    expect(rec.lines.length).toBeGreaterThan(0)
    expect(rec.text()).not.toContain(TOKEN)
    expect(JSON.stringify((err as { request?: unknown }).request)).not.toContain(TOKEN)
    expect((err as Error & { status: number }).status).toBe(401)
  })
})

describe('createOctokit, failures without an answer', () => {
  it('describes a refused connection', async () => {
    const stub = await serve(() => undefined)
    await stub.close()
    const err = await failure(github(stub, recorder().log, { maxRetries: 1 }).rest.repos.get(repo))
    expect(err.message).toMatch(/^network error: connection refused \(ECONNREFUSED\)/)
  })

  it('refuses to send the token to another origin than the API', async () => {
    const other = await serve((_req, res) => json(res, 200, {}))
    const api = await serve((_req, res) => json(res, 200, {}))
    const err = await failure(
      github(api, recorder().log).request({ method: 'GET', url: `${other.origin}/repos/acme/app` })
    )
    expect(err.message).toContain(`refusing to send the github-token to ${other.origin}`)
    expect(other.seen).toHaveLength(0)
  })
})

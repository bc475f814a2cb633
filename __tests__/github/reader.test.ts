import { afterEach, describe, expect, it } from '@jest/globals'
import { GitHubApiError, apiPath, createGitHubReader } from '../../src/github/reader.js'
import { describeApiError } from '../../src/provenance/github-api.js'
import { failure, json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

const TOKEN = 'ghs_readersecret0123456789'

afterEach(stopStubs)

function reader(origin: string, token: string | null = TOKEN) {
  return createGitHubReader({
    token: token ?? undefined,
    baseUrl: `${origin}/`,
    maxRetries: 0,
    timeoutMs: 5000,
    log: recorder().log
  })
}

describe('the GitHub reader', () => {
  it('GETs the path under the API with the token, and gives the JSON and the Link header', async () => {
    const api = await serve((_req, res) =>
      json(res, 200, { sha: 'abc' }, { Link: '<https://x/next>; rel="next"' })
    )
    const read = await reader(api.origin).get('/repos/acme/app', { per_page: 100, page: 2 })
    expect(read).toEqual({ data: { sha: 'abc' }, link: '<https://x/next>; rel="next"' })
    expect(api.seen).toHaveLength(1)
    expect(api.seen[0].method).toBe('GET')
    expect(api.seen[0].url).toBe('/repos/acme/app?per_page=100&page=2')
    expect(api.seen[0].headers.authorization).toBe(`token ${TOKEN}`)
    expect(api.seen[0].headers.accept).toBe('application/vnd.github+json')
    expect(api.seen[0].headers['user-agent']).toMatch(/^kosli-report-action\/\d+\.\d+\.\d+$/)
  })

  it('sends no Authorization header without a token', async () => {
    const api = await serve((_req, res) => json(res, 200, {}))
    await reader(api.origin, null).get('/repos/acme/app')
    expect(api.seen[0].headers.authorization).toBeUndefined()
  })

  it('encodes each path segment, so a ref with a slash stays one segment', () => {
    expect(apiPath('repos', 'acme', 'app', 'compare', 'release/1.0...abc')).toBe(
      '/repos/acme/app/compare/release%2F1.0...abc'
    )
  })

  it('an error answer is a GitHubApiError with its status and GitHub’s message', async () => {
    const api = await serve((_req, res) =>
      json(res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com' })
    )
    const error = await failure<GitHubApiError>(reader(api.origin).get('/repos/acme/app'))
    expect(error).toBeInstanceOf(GitHubApiError)
    expect(error.status).toBe(404)
    expect(describeApiError(error)).toBe(
      'HTTP 404 (Not Found): not on GitHub (not pushed?) or not visible to github-token'
    )
  })

  it('a 200 that is not JSON is an error naming GITHUB_API_URL', async () => {
    const api = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' })
      res.end('<html>a login page</html>')
    })
    const error = await failure(reader(api.origin).get('/repos/acme/app'))
    expect(describeApiError(error)).toBe(
      `HTTP 200 (answered 200, but not with JSON: check that GITHUB_API_URL (${api.origin}) is the GitHub API)`
    )
  })

  it('refuses a full URL on another origin without sending anything', async () => {
    const api = await serve((_req, res) => json(res, 200, {}))
    const elsewhere = await serve((_req, res) => json(res, 200, {}))
    const error = await failure(reader(api.origin).get(`${elsewhere.origin}/repos/acme/app`))
    expect(error.message).toContain(`refusing to send the github-token to ${elsewhere.origin}`)
    expect(elsewhere.seen).toEqual([])
    expect(api.seen).toEqual([])
  })

  it('follows a full URL on the API’s own origin (a next page)', async () => {
    const api = await serve((_req, res) => json(res, 200, []))
    await reader(api.origin).get(`${api.origin}/repos/acme/app/compare/a...b?page=2`)
    expect(api.seen[0].url).toBe('/repos/acme/app/compare/a...b?page=2')
  })

  it('no answer at all is told in words, without a status', async () => {
    const gone = await serve(() => undefined)
    await gone.close()
    const error = await failure(reader(gone.origin).get('/repos/acme/app'))
    expect(error).not.toBeInstanceOf(GitHubApiError)
    expect(describeApiError(error)).toMatch(/^request failed \(network error: connection refused/)
  })

  it('a primary rate limit says when it resets', async () => {
    const api = await serve((_req, res) =>
      json(
        res,
        403,
        { message: 'API rate limit exceeded for installation ID 1.' },
        { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' }
      )
    )
    const error = await failure<GitHubApiError>(reader(api.origin).get('/repos/acme/app'))
    expect(error.status).toBe(403)
    expect(error.message).toBe('GitHub API rate limit exceeded; resets at 2030-01-01T00:00:00.000Z')
  })

  it('a secondary rate limit says how long to wait', async () => {
    const api = await serve((_req, res) =>
      json(
        res,
        403,
        { message: 'You have exceeded a secondary rate limit.' },
        { 'retry-after': '90' }
      )
    )
    const error = await failure(reader(api.origin).get('/repos/acme/app'))
    expect(error.message).toBe('GitHub API secondary rate limit exceeded; retry after 90 s')
  })

  it('a 403 that is no rate limit keeps GitHub’s words, line breaks and all', async () => {
    const api = await serve((_req, res) =>
      json(res, 403, { message: 'Resource not accessible\nby integration' })
    )
    const error = await failure(reader(api.origin).get('/repos/acme/app'))
    expect(error.message).toBe('Resource not accessible\nby integration')
  })
})

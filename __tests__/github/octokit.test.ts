import { afterEach, describe, expect, it } from '@jest/globals'
import {
  GitHubRateLimitError,
  createOctokit,
  describeGitHubError,
  safePath,
  type CreateOctokitOptions
} from '../../src/github/octokit.js'
import type { Log } from '../../src/redact.js'
import { type Stub, json, recorder, serve, stopStubs } from '../support/stub-server.js'

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

async function failure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise
  } catch (err) {
    return err as Error
  }
  throw new Error('expected the request to fail')
}

const repo = { owner: 'acme', repo: 'app' }
const record = {
  org: 'acme',
  name: 'app',
  digest: 'x',
  status: 'deployed' as const,
  logical_environment: 'prod',
  deployment_name: 'app-app'
}
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
    expect(describeGitHubError(err, 'Reading the repository')).toBe(
      'Reading the repository: GET /repos/acme/app failed: 503 Service Unavailable: Unicorn.'
    )
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
      /warning: GitHub API rate limit hit on GET \/repos\/\{owner\}\/\{repo\}; waiting \d+ s, then retrying \(retry 1 of 3\)/
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
    expect(describeGitHubError(err, 'Reading the repository')).toBe(
      'Reading the repository: GET /repos/acme/app failed: 403 Forbidden: API rate limit exceeded for installation.. ' +
        `GitHub API rate limit exceeded; resets at ${reset}. ` +
        'See https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'
    )
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
    expect(describeGitHubError(err, 'Reading the repository')).toBe(
      'Reading the repository: GET /repos/acme/app failed: 404 Not Found: Not Found. ' +
        'See https://docs.github.com/rest/repos/repos#get-a-repository'
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
    const text = describeGitHubError(err, 'Reading the repository')
    expect(text).toContain(
      'Reading the repository: GET /repos/acme/app failed: timed out after 0.2 s'
    )
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
    expect(describeGitHubError(err, 'x')).toContain('Check the github-token input')
  })
})

describe('describeGitHubError', () => {
  it('lists GitHub validation errors and the deployment-record hint', async () => {
    const stub = await serve((_req, res) =>
      json(res, 422, {
        message: 'Validation Failed',
        errors: [
          { resource: 'DeploymentRecord', field: 'digest', code: 'invalid' },
          { field: 'name', message: 'is too long' },
          'plain reason'
        ],
        documentation_url: 'https://docs.github.com/rest'
      })
    )
    const octokit = github(stub, recorder().log)
    const err = await failure(
      octokit.request('POST /orgs/{org}/artifacts/metadata/deployment-record', record)
    )
    expect(describeGitHubError(err, 'Recording the deployment of app')).toBe(
      'Recording the deployment of app: POST /orgs/acme/artifacts/metadata/deployment-record failed: ' +
        '422 Unprocessable Entity: Validation Failed ' +
        '(DeploymentRecord.digest: invalid; name: is too long; plain reason). ' +
        'See https://docs.github.com/rest'
    )
  })

  it('explains a refused deployment record', async () => {
    const stub = await serve((_req, res) =>
      json(res, 403, { message: 'Resource not accessible by integration' })
    )
    const err = await failure(
      github(stub, recorder().log).request(
        'POST /orgs/{org}/artifacts/metadata/deployment-record',
        record
      )
    )
    expect(stub.seen).toHaveLength(1)
    expect(describeGitHubError(err, 'Recording the deployment')).toBe(
      'Recording the deployment: POST /orgs/acme/artifacts/metadata/deployment-record failed: ' +
        '403 Forbidden: Resource not accessible by integration. Recording a deployment needs ' +
        '`permissions: artifact-metadata: write` in the job and a repository owned by an organization.'
    )
  })

  it('hides secret query values and handles errors that are not from Octokit', () => {
    expect(safePath('https://api.github.com/repos/a/b/commits?per_page=100&access_token=abc')).toBe(
      '/repos/a/b/commits?per_page=100&access_token=REDACTED'
    )
    expect(describeGitHubError(new Error('boom'), 'Comparing commits')).toBe(
      'Comparing commits failed: boom'
    )
    expect(describeGitHubError('odd', 'Comparing commits')).toBe('Comparing commits failed: odd')
  })

  it('describes a refused connection', async () => {
    const stub = await serve(() => undefined)
    await stub.close()
    const err = await failure(github(stub, recorder().log, { maxRetries: 1 }).rest.repos.get(repo))
    const text = describeGitHubError(err, 'Reading the repository')
    expect(text).toContain('Reading the repository: GET /repos/acme/app failed: ')
    expect(text).toContain('ECONNREFUSED')
  })
})

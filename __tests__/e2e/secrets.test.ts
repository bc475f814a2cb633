// The Kosli token and the GitHub token never leave the action except in Authorization headers:
// every captured stream and every recorded request of each scenario is searched for them.
import { describe, expect, it } from '@jest/globals'
import type { RecordedRequest } from '../../test-support/http-stand-in.js'
import {
  type ActionResult,
  type RunActionOptions,
  runAction
} from '../../test-support/run-action.js'
import {
  pushEvent,
  secretLeaks,
  sha256,
  tokenStandIns,
  withoutMaskCommands
} from './report-helpers.js'

const KOSLI_TOKEN = 'kosli-secret-XYZ123'
const GITHUB_TOKEN = 'ghs_secretABC987'
// The distinctive parts: a leak of a fragment is a leak too.
const FRAGMENTS = [KOSLI_TOKEN, 'secret-XYZ123', 'XYZ123', GITHUB_TOKEN, 'secretABC987', 'ABC987']

describe('secrets (e2e, bundled action)', () => {
  const s = tokenStandIns({ kosli: KOSLI_TOKEN, github: GITHUB_TOKEN })

  function run(options: RunActionOptions = {}): Promise<ActionResult> {
    return runAction({
      cwd: s.workspace,
      event: pushEvent(s.github, s.shas, s.shas[1]),
      ...options,
      github: { apiUrl: s.github.url, token: GITHUB_TOKEN, ...options.github },
      inputs: {
        artifact: 'app.jar',
        'api-token': KOSLI_TOKEN,
        'github-token': GITHUB_TOKEN,
        org: 'acme',
        flow: 'app',
        host: s.kosli.url,
        'max-retries': '0',
        ...options.inputs
      }
    })
  }

  /** Neither token, nor a fragment of one, in any stream; only add-mask lines may name them. */
  function expectNoSecretsIn(result: ActionResult): void {
    expect(secretLeaks(result, FRAGMENTS)).toEqual([])
  }

  /** The tokens travel only in Authorization headers, never in a path, query, header or body. */
  function expectNoSecretsSent(requests: RecordedRequest[]): void {
    for (const request of requests) {
      const { authorization: _authorization, ...headers } = request.headers
      const sent = JSON.stringify([request.path, request.query, headers, request.rawBody])
      for (const fragment of FRAGMENTS) expect(sent).not.toContain(fragment)
    }
  }

  function expectClean(result: ActionResult): void {
    expectNoSecretsIn(result)
    expectNoSecretsSent(s.kosli.requests)
    expectNoSecretsSent(s.github.requests)
  }

  /** The secrets were masked (add-mask) before any other line was printed. */
  function expectMaskedFirst(result: ActionResult, secrets: string[]): void {
    const lines = result.stdout.split('\n')
    const firstOther = lines.findIndex(line => !line.startsWith('::add-mask::'))
    const masked = lines.slice(0, firstOther).map(line => line.slice('::add-mask::'.length))
    for (const secret of secrets) expect(masked).toContain(secret)
  }

  it('a successful report: tokens only in the Authorization headers', async () => {
    const result = await run()

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(s.kosli.writes()).toHaveLength(1)
    expect(s.kosli.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${KOSLI_TOKEN}`])
    expect(s.github.requests.length).toBeGreaterThan(0)
    for (const request of s.github.requests) {
      expect(request.headers.authorization).toMatch(
        new RegExp(`^(token|bearer) ${GITHUB_TOKEN}$`, 'i')
      )
    }
    expectMaskedFirst(result, [KOSLI_TOKEN, GITHUB_TOKEN])
    expectClean(result)
  })

  it('RUNNER_DEBUG=1: debug lines print, the tokens do not', async () => {
    const result = await run({ env: { RUNNER_DEBUG: '1' } })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.stdout).toContain('::debug::')
    expect(s.kosli.writes()).toHaveLength(1)
    expectMaskedFirst(result, [KOSLI_TOKEN, GITHUB_TOKEN])
    expectClean(result)
  })

  it('tokens from KOSLI_API_TOKEN, with RUNNER_DEBUG=1', async () => {
    const result = await run({
      inputs: { 'api-token': '' },
      env: { KOSLI_API_TOKEN: KOSLI_TOKEN, RUNNER_DEBUG: '1' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(s.kosli.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${KOSLI_TOKEN}`])
    expectMaskedFirst(result, [KOSLI_TOKEN])
    expectClean(result)
  })

  it('a dry run with RUNNER_DEBUG=1: the printed payloads hold no token', async () => {
    const result = await run({ inputs: { 'dry-run': 'true' }, env: { RUNNER_DEBUG: '1' } })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(s.kosli.requests).toEqual([])
    expect(result.stdout).toContain(
      `::group::Dry run: POST ${s.kosli.url}/api/v2/artifacts/acme/app`
    )
    expectClean(result)
  })

  it('a validation error: the secrets are not shown with the other inputs', async () => {
    const result = await run({ inputs: { trail: '..bad', 'max-retries': 'eleven' } })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("'trail'")
    expect(result.errors[0]).toContain("'max-retries'")
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
    expectClean(result)
  })

  it('a 401 whose message echoes the token: the echo is hidden', async () => {
    s.kosli.injectFault(
      { status: 401, body: { message: `Invalid API token '${KOSLI_TOKEN}'` } },
      { match: { method: 'POST' } }
    )
    const result = await run({ env: { RUNNER_DEBUG: '1' } })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("401 Unauthorized: Invalid API token '***'")
    expect(result.errors[0]).toContain('api-token')
    expectClean(result)
  })

  it('retry lines whose server message echoes both tokens: the echoes are hidden', async () => {
    s.kosli.injectFault(
      { status: 503, body: { message: `busy; got ${KOSLI_TOKEN} and ${GITHUB_TOKEN}` } },
      { match: { method: 'POST' } }
    )
    const result = await run({ inputs: { 'max-retries': '1' }, env: { RUNNER_DEBUG: '1' } })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.warnings).toEqual([])
    expect(result.stdout).toContain('503 Service Unavailable: busy; got *** and ***; retrying in')
    expectClean(result)
  })

  it('a GitHub error whose message echoes the token: the echo is hidden', async () => {
    s.github.injectFault(
      { status: 401, body: { message: `Bad credentials: ${GITHUB_TOKEN}` } },
      { times: Infinity }
    )
    const result = await run({ env: { RUNNER_DEBUG: '1' } })

    // Without the API (and without a checkout) the commit cannot be read: the step fails.
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('GitHub API: HTTP 401 (Bad credentials: ***)')
    expect(result.summary).toContain('Bad credentials: \\*\\*\\*')
    expectClean(result)
  })

  it('a Kosli token with CR/LF in it: refused before it is sent, and not shown', async () => {
    const malformed = `${KOSLI_TOKEN}\r\nX-Injected: yes`
    const result = await run({ inputs: { 'api-token': malformed }, env: { RUNNER_DEBUG: '1' } })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("'api-token'")
    expect(result.errors[0]).not.toContain('X-Injected')
    expect(s.kosli.requests).toEqual([])
    expectClean(result)
  })

  it('a GitHub token with a line break in it: never sent as a header, and not shown', async () => {
    const malformed = `${GITHUB_TOKEN}\nX-Injected: yes`
    const result = await run({
      inputs: { 'github-token': malformed },
      env: { RUNNER_DEBUG: '1' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("'github-token'")
    expect(s.github.requests).toEqual([])
    expect(s.kosli.requests).toEqual([])
    expect(withoutMaskCommands(result.stdout)).not.toContain('X-Injected')
    expectClean(result)
  })

  it('host http://example.com (not loopback) is refused before any request', async () => {
    const result = await run({ inputs: { host: 'http://example.com' } })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("'host'")
    expect(result.errors[0]).toContain('"http://example.com"')
    expect(result.errors[0]).toContain('https://')
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
    expectClean(result)
  })

  it('KOSLI_HOST http://example.com is refused the same way', async () => {
    const result = await run({
      inputs: { host: '', fingerprint: sha256('x'), artifact: '' },
      env: { KOSLI_HOST: 'http://example.com:8080' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain("'host' (from KOSLI_HOST)")
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
  })
})

// The bundled action against Kosli and GitHub stand-ins that fail on purpose:
// what is retried, what is not, what the user reads, and what ends up recorded.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions,
  defaultPushEvent
} from '../../test-support/run-action.js'
import {
  EVENT_REPOSITORY,
  type GitRepo,
  artifactsOutput,
  describe as describeRequests,
  expectedReportBody,
  makeGitRepo,
  makeWorkspace,
  onlyReportBody,
  pushEvent,
  removeWorkspace,
  reportRequests,
  secretLeaks,
  sha256,
  stackTraceLines
} from './report-helpers.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const FILES = { 'a.bin': 'artifact a', 'b.bin': 'artifact b', 'c.bin': 'artifact c' }
const FP = {
  'a.bin': sha256(FILES['a.bin']),
  'b.bin': sha256(FILES['b.bin']),
  'c.bin': sha256(FILES['c.bin'])
}
const REPORT_PATH = '/api/v2/artifacts/acme/app'
const POST_REPORT = { method: 'POST', path: REPORT_PATH }
const BAD_TOKEN = 'not-a-valid-token'

/** The info lines of the step's log that announce a retry wait. */
function retryLines(result: { stdout: string }): string[] {
  return result.stdout
    .split(/\r?\n/)
    .filter(line => !line.startsWith('::') && line.includes('; retrying in '))
}

describe('faults (e2e, bundled action)', () => {
  let s: StandIns
  let workspace: string
  let results: ActionResult[] = []

  // Every run is kept, so that each test also checks that no token leaked.
  async function run(options: RunActionOptions): Promise<ActionResult> {
    const result = await s.run(options)
    results.push(result)
    return result
  }

  beforeAll(async () => {
    s = await startStandIns(5)
    workspace = await makeWorkspace(FILES)
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN, BAD_TOKEN])).toEqual([])
    }
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.requests.length = 0
  })

  /** One artifact (a.bin) from a push of the last two seeded commits. */
  function reportOne(inputs: Record<string, string> = {}): Promise<ActionResult> {
    return run({
      cwd: workspace,
      event: pushEvent(s.github, s.shas, s.shas[2]),
      inputs: { artifact: 'a.bin', 'max-retries': '2', 'request-timeout': '5', ...inputs }
    })
  }

  function expectReportedOnce(fingerprints: string[]): void {
    const writes = s.kosli.writes()
    expect(writes.map(w => (w.body as { fingerprint: string }).fingerprint).sort()).toEqual(
      [...fingerprints].sort()
    )
    for (const fingerprint of fingerprints) {
      expect(s.kosli.artifact(fingerprint)?.report_count).toBe(1)
    }
  }

  describe('Kosli: retried', () => {
    it.each([500, 502, 503, 504])(
      '%i then success: the step succeeds with exactly one write',
      async status => {
        s.kosli.injectFault({ status }, { match: POST_REPORT })
        const result = await reportOne()

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(reportRequests(s.kosli).map(r => r.status)).toEqual([status, 201])
        expectReportedOnce([FP['a.bin']])
        // A wait is one info line, not a warning annotation.
        expect(result.warnings).toEqual([])
        const waits = retryLines(result)
        expect(waits).toHaveLength(1)
        expect(waits[0]).toContain(`POST ${s.kosli.url}${REPORT_PATH}`)
        expect(waits[0]).toMatch(/; retrying in [\d.]+ s \(attempt 1 of 3\)\.$/)
      }
    )

    it('503s across three artifacts: each is written exactly once', async () => {
      s.kosli.injectFault({ status: 503 }, { times: 3, match: POST_REPORT })
      const result = await reportOne({ artifact: '*.bin' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli)).toHaveLength(6)
      expectReportedOnce(Object.values(FP))
      expect(artifactsOutput(result).map(a => a.reported)).toEqual([true, true, true])
    })

    it('429 with Retry-After in seconds: waits as asked, then succeeds', async () => {
      s.kosli.injectFault(
        {
          status: 429,
          headers: { 'retry-after': '1' },
          body: { message: 'Too many requests' }
        },
        { match: POST_REPORT }
      )
      const result = await reportOne()

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli).map(r => r.status)).toEqual([429, 201])
      expectReportedOnce([FP['a.bin']])
      expect(result.warnings).toEqual([])
      expect(retryLines(result)).toEqual([
        `Kosli POST ${s.kosli.url}${REPORT_PATH}: 429 Too Many Requests: Too many requests; ` +
          `retrying in 1 s (as Retry-After: 1 asked) (attempt 1 of 3).`
      ])
    })

    it('503 with Retry-After as an HTTP date: honoured, then succeeds', async () => {
      let date = ''
      s.kosli.injectFault(
        {
          status: 503,
          headers: () => {
            date = new Date(Date.now() + 2000).toUTCString()
            return { 'retry-after': date }
          }
        },
        { match: POST_REPORT }
      )
      const result = await reportOne()

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli).map(r => r.status)).toEqual([503, 201])
      expectReportedOnce([FP['a.bin']])
      expect(result.warnings).toEqual([])
      expect(retryLines(result)).toHaveLength(1)
      expect(retryLines(result)[0]).toContain(`(as Retry-After: ${date} asked)`)
    })

    it('a reset connection: retried, then succeeds', async () => {
      s.kosli.injectFault('reset', { match: POST_REPORT })
      const result = await reportOne()

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli).map(r => r.fault)).toEqual(['reset', null])
      expectReportedOnce([FP['a.bin']])
      expect(result.warnings).toEqual([])
      expect(retryLines(result)).toHaveLength(1)
      expect(retryLines(result)[0]).toMatch(/network error: .*(ECONNRESET|closed|socket)/i)
    })
  })

  describe('Kosli: not retried', () => {
    it('400: one request, and the server message and field reach the error', async () => {
      s.kosli.injectFault(
        {
          status: 400,
          body: {
            message: 'Input payload validation failed',
            errors: { 'git_commit_info.timestamp': "'soon' is not of type 'integer'" }
          }
        },
        { match: POST_REPORT }
      )
      const result = await reportOne()

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toHaveLength(1)
      expect(s.kosli.writes()).toEqual([])
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        `POST ${REPORT_PATH} failed: 400 Bad Request: Input payload validation failed ` +
          `(git_commit_info.timestamp: 'soon' is not of type 'integer').`
      )
      expect(result.warnings).toEqual([])
    })

    it('501: not retried', async () => {
      s.kosli.injectFault({ status: 501 }, { match: POST_REPORT })
      const result = await reportOne()

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toHaveLength(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(`POST ${REPORT_PATH} failed: 501 Not Implemented`)
    })

    it('401: a hint about the token', async () => {
      const result = await reportOne({ 'api-token': BAD_TOKEN })

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toHaveLength(1)
      expect(result.errors).toEqual([
        `POST ${REPORT_PATH} failed: 401 Unauthorized: Invalid API token. Check that the ` +
          `api-token input (or KOSLI_API_TOKEN) is a valid Kosli API token for the org 'acme', ` +
          `and that it has not expired or been revoked.`
      ])
    })

    it("403: a hint about the token's permissions", async () => {
      s.kosli.injectFault(
        {
          status: 403,
          body: { message: 'The API token does not have permission to perform this action' }
        },
        { match: POST_REPORT }
      )
      const result = await reportOne()

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toHaveLength(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        `POST ${REPORT_PATH} failed: 403 Forbidden: The API token does not have permission`
      )
      expect(result.errors[0]).toContain(
        "The Kosli API token lacks permission on the org 'acme' or the flow 'app'"
      )
    })

    it('an unknown flow: a hint naming it', async () => {
      const result = await reportOne({ flow: 'no-such-flow' })

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toHaveLength(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        "POST /api/v2/artifacts/acme/no-such-flow failed: 404 Not Found: Flow named 'no-such-flow' " +
          "does not exist for organization 'acme'."
      )
      expect(result.errors[0]).toContain(
        "Check the flow input (or KOSLI_FLOW), now 'no-such-flow': the flow must already exist"
      )
    })
  })

  describe('Kosli: unusable answers', () => {
    it('a Kosli that never answers: each attempt ends at request-timeout, the error says so and where', async () => {
      s.kosli.injectFault('hang', { times: Infinity, match: POST_REPORT })
      const result = await reportOne({ 'request-timeout': '1', 'max-retries': '1' })

      expect(result.timedOut).toBe(false)
      expect(result.exitCode).toBe(1)
      expect(reportRequests(s.kosli).map(r => r.fault)).toEqual(['hang', 'hang'])
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        `POST ${s.kosli.url}${REPORT_PATH} failed: gave up after 2 attempts: timed out after 1 s (request-timeout).`
      )
      // (1 + 1) attempts × 1 s plus at most 1 s of backoff, with ample room for a slow machine.
      expect(result.durationMs).toBeLessThan(20_000)
    })

    it.each([
      ['not JSON', 'bad-json' as const, 'the answer is not JSON'],
      [
        'the wrong shape',
        { status: 200, json: { artifacts: [{ fingerprint: 'nope' }] } },
        'the answer does not have the shape the action expects'
      ]
    ])('a 200 lookup whose body is %s: a clear error, no stack trace', async (_, fault, text) => {
      const lookup = `${REPORT_PATH}/commit_sha/${s.shas[4]}`
      s.kosli.injectFault(fault, { match: { method: 'GET', path: lookup } })
      const result = await run({
        cwd: workspace,
        event: pushEvent(s.github, s.shas, s.shas[2]),
        inputs: { 'deployment-environment': 'staging', 'dry-run': 'true' }
      })

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests.map(r => `${r.method} ${r.path}`)).toEqual([`GET ${lookup}`])
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(`GET ${lookup} answered 200 OK, but ${text}`)
      expect(stackTraceLines(result)).toEqual([])
      expect(s.github.writes()).toEqual([])
    })
  })

  describe('on-kosli-unavailable: warn', () => {
    it('Kosli down after all retries: the step passes with a warning and says nothing was recorded', async () => {
      s.kosli.injectFault({ status: 503 }, { times: Infinity })
      const result = await reportOne({ 'on-kosli-unavailable': 'warn', 'max-retries': '1' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli)).toHaveLength(2)
      expect(s.kosli.writes()).toEqual([])
      const unavailable = result.warnings.filter(w => w.startsWith('Kosli is unavailable'))
      expect(unavailable).toHaveLength(1)
      expect(unavailable[0]).toContain('on-kosli-unavailable: warn')
      expect(unavailable[0]).toContain('gave up after 2 attempts: 503 Service Unavailable')
      // Already in warn mode: no advice to set it.
      expect(unavailable[0]).toContain('Kosli is having trouble; try again later.')
      expect(unavailable[0]).not.toContain('set on-kosli-unavailable')
      expect(result.summary).toContain('Kosli was unavailable: nothing was recorded')
      expect(artifactsOutput(result)).toEqual([
        expect.objectContaining({ name: 'a.bin', fingerprint: FP['a.bin'], reported: false })
      ])
    })

    it('a 4xx still fails the step', async () => {
      const result = await reportOne({
        'on-kosli-unavailable': 'warn',
        'api-token': BAD_TOKEN
      })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('401 Unauthorized')
      expect(result.warnings.filter(w => w.startsWith('Kosli is unavailable'))).toEqual([])
    })
  })

  describe('partial failure', () => {
    it('one of three artifacts refused: the error, the outputs and the summary say which', async () => {
      s.kosli.injectFault(
        { status: 400, body: { message: 'Input payload validation failed', errors: {} } },
        { match: POST_REPORT }
      )
      const result = await reportOne({ artifact: '*.bin' })

      expect(result.exitCode).toBe(1)
      const refused = reportRequests(s.kosli).find(r => r.fault === 'status')
      const failedFp = (refused?.body as { fingerprint: string }).fingerprint
      const failedName = Object.entries(FP).find(([, fp]) => fp === failedFp)?.[0] as string
      expect(failedName).toBeDefined()
      const okNames = Object.keys(FP).filter(name => name !== failedName)
      expectReportedOnce(okNames.map(name => FP[name as keyof typeof FP]))

      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('Reported 2 of 3 artifacts; these were not reported:')
      expect(result.errors[0]).toContain(`- ${failedName}: POST ${REPORT_PATH} failed: 400`)
      for (const name of okNames) expect(result.errors[0]).not.toContain(`- ${name}:`)

      const outputs = artifactsOutput(result)
      expect(outputs.map(a => [a.name, a.reported])).toEqual(
        ['a.bin', 'b.bin', 'c.bin'].map(name => [name, name !== failedName])
      )
      expect(outputs.find(a => a.name === failedName)?.error).toContain('400 Bad Request')
      expect(result.summary).toMatch(
        new RegExp(
          `\\| ${failedName.replace('.', '\\.')} \\| [0-9a-f]{12} \\|.*\\| ❌ not reported \\|`
        )
      )
      // The error is in the alert once, not in the row as well.
      expect(result.summary.split('Input payload validation failed')).toHaveLength(2)
      expect(result.summary).toContain('❌ **Failed: reported 2 of 3 artifacts to flow [app](')
      for (const name of okNames) {
        expect(result.summary).toMatch(new RegExp(`\\| ${name.replace('.', '\\.')} \\|.*✅`))
      }
    })
  })

  describe('GitHub API', () => {
    it.each([500, 502, 503, 504, 'reset' as const])(
      '%s then success for the compare: retried, and the provenance is complete',
      async fault => {
        s.github.injectFault(fault === 'reset' ? 'reset' : { status: fault }, {
          match: { path: /\/compare\// }
        })
        const result = await reportOne({ 'max-retries': '1' })

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        const compares = s.github.requests.filter(r => r.path.includes('/compare/'))
        expect(compares.map(r => r.status)).toEqual([fault === 'reset' ? null : fault, 200])
        expect(onlyReportBody(s.kosli)).toEqual(
          expectedReportBody(s.github, {
            fingerprint: FP['a.bin'],
            filename: 'a.bin',
            gitCommit: s.shas[4],
            branch: 'main',
            commitsList: [s.shas[4], s.shas[3]]
          })
        )
      }
    )

    it('a failed call does not lengthen the backoff of the next one', async () => {
      // The compare fails for good (2 attempts), then the commit read fails once and is retried.
      s.github.injectFault({ status: 502 }, { times: 2, match: { path: /\/compare\// } })
      s.github.injectFault({ status: 502 }, { match: { path: /\/commits\// } })
      const result = await reportOne({ 'max-retries': '1' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const reads = s.github.requests.filter(r => r.path.includes('/commits/'))
      expect(reads.map(r => r.status)).toEqual([502, 200])
      // The first retry waits a first retry's backoff (up to 1 s), not one lengthened by the
      // compare's attempts; 5 s leaves room for a slow machine.
      expect(reads[1].receivedAt - reads[0].receivedAt).toBeLessThan(5000)
      expect(onlyReportBody(s.kosli).commits_list).toEqual([])
    })

    it.each([
      ['403 with x-ratelimit-remaining: 0', { status: 403 as const }, 403, 'X-RateLimit-Reset'],
      ['429 with retry-after', { status: 429 as const }, 429, 'Retry-After'],
      ['a secondary rate limit', { secondary: true }, 403, 'Retry-After']
    ])('%s that resets in 1 s is waited out', async (_, options, status, header) => {
      s.github.injectRateLimit({ resetInSeconds: 1, ...options })
      const result = await reportOne()

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(s.github.requests.map(r => r.status)).toEqual([status, 200])
      // The HTTP layer's retry line: the request, GitHub's answer, and the wait it asked for.
      expect(result.warnings).toEqual([])
      const retry = retryLines(result).filter(w =>
        w.startsWith(`GitHub GET ${s.github.url}/repos/`)
      )
      expect(retry).toHaveLength(1)
      expect(retry[0]).toContain(`: ${status} `)
      expect(retry[0]).toMatch(
        new RegExp(
          `; retrying in [\\d.]+ s \\(as ${header}: \\d+ asked\\) \\(attempt 1 of 3\\)\\.$`
        )
      )
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: FP['a.bin'],
          filename: 'a.bin',
          gitCommit: s.shas[4],
          branch: 'main',
          commitsList: [s.shas[4], s.shas[3]]
        })
      )
    })

    it('a rate limit that resets in an hour is not waited for: a clear error at once', async () => {
      s.github.injectRateLimit({ resetInSeconds: 3600, times: Infinity })
      const result = await reportOne()

      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests).toEqual([])
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        'GitHub API: HTTP 403 (GitHub API rate limit exceeded; resets at'
      )
      expect(result.errors[0]).toContain('Check out the repository with actions/checkout')
      expect(result.durationMs).toBeLessThan(20_000)
    })

    describe('unavailable: local git answers instead', () => {
      let repo: GitRepo

      beforeAll(async () => {
        repo = await makeGitRepo(3, { 'app.bin': 'built from a local checkout' })
      })
      afterAll(async () => {
        await removeWorkspace(repo?.dir)
      })

      function localPush(): ReturnType<typeof defaultPushEvent> {
        const logins = ['grace-h', 'ada-l', 'grace-h']
        return defaultPushEvent({
          ...EVENT_REPOSITORY,
          before: repo.commits[0].sha,
          commits: repo.commits.slice(1).map((c, i) => ({ ...c, login: logins[i + 1] }))
        })
      }

      function expectedLocalBody(): Record<string, unknown> {
        const head = repo.commits[2]
        const info = (c: (typeof repo.commits)[number], login: string): object => ({
          sha1: c.sha,
          message: c.message,
          author: `${c.authorName} <${c.authorEmail}>`,
          author_username: login,
          branch: 'main',
          timestamp: c.timestamp,
          url: `https://github.com/${OWNER}/${REPO}/commit/${c.sha}`,
          parents: c.parents
        })
        return {
          fingerprint: sha256('built from a local checkout'),
          filename: 'app.bin',
          build_url: `https://github.com/${OWNER}/${REPO}/actions/runs/9876543210/attempts/1`,
          commit_url: `https://github.com/${OWNER}/${REPO}/commit/${head.sha}`,
          trail_name: head.sha,
          git_commit: head.sha,
          git_commit_info: info(head, 'grace-h'),
          repo_info: {
            name: 'acme/app',
            url: 'https://github.com/acme/app',
            id: '4242',
            description: 'The app',
            provider: 'github'
          },
          commits_list: [info(head, 'grace-h'), info(repo.commits[1], 'ada-l')],
          repo_url: 'https://github.com/acme/app'
        }
      }

      it('GitHub answers 503 to everything: the provenance comes from the checkout', async () => {
        s.github.injectFault({ status: 503 }, { times: Infinity })
        const result = await run({
          cwd: repo.dir,
          event: localPush(),
          inputs: { artifact: 'app.bin', 'max-retries': '0' }
        })

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(s.github.requests.length).toBeGreaterThan(0)
        expect(s.github.requests.every(r => r.status === 503)).toBe(true)
        expect(onlyReportBody(s.kosli)).toEqual(expectedLocalBody())
        expect(result.stdout).toMatch(/commits_list \(2\): local git \(GitHub API: HTTP 503/)
      })

      it('GitHub unreachable with retries: each wait is one info line, then local git answers', async () => {
        s.github.injectFault('reset', { times: Infinity })
        const result = await run({
          cwd: repo.dir,
          event: localPush(),
          inputs: { artifact: 'app.bin', 'max-retries': '1' }
        })

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(onlyReportBody(s.kosli)).toEqual(expectedLocalBody())
        // One failed first attempt per GitHub request, each followed by one wait.
        const firstTries = s.github.requests.length / 2
        const waits = retryLines(result)
        expect(waits).toHaveLength(firstTries)
        for (const wait of waits) {
          expect(wait).toMatch(
            new RegExp(
              `^GitHub GET ${s.github.url}/\\S+: network error: .*; retrying in [\\d.]+ s \\(attempt 1 of 2\\)\\.$`
            )
          )
        }
        expect(result.warnings.filter(w => w.includes('retrying'))).toEqual([])
      })

      it('a GitHub that never answers: each call times out, and local git answers', async () => {
        s.github.injectFault('hang', { times: Infinity })
        const result = await run({
          cwd: repo.dir,
          event: localPush(),
          inputs: { artifact: 'app.bin', 'request-timeout': '1', 'max-retries': '0' }
        })

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(s.github.requests.length).toBeGreaterThan(0)
        expect(s.github.requests.every(r => r.fault === 'hang')).toBe(true)
        expect(onlyReportBody(s.kosli)).toEqual(expectedLocalBody())
        expect(result.stdout).toContain(
          'commits_list (2): local git (GitHub API: request failed (timed out after 1 s (request-timeout)))'
        )
        expect(result.durationMs).toBeLessThan(20_000)
      })

      it('no github-token: local git, and no request to GitHub at all', async () => {
        const result = await run({
          cwd: repo.dir,
          event: localPush(),
          inputs: { artifact: 'app.bin', 'github-token': '' }
        })

        expect(result.errors).toEqual([])
        expect(result.exitCode).toBe(0)
        expect(describeRequests(s.github)).toBe('')
        expect(onlyReportBody(s.kosli)).toEqual(expectedLocalBody())
      })
    })
  })
})

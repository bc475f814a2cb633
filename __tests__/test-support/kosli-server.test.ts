import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  DEFAULT_KOSLI_TOKEN,
  startKosliServer,
  type KosliStandIn
} from '../../test-support/kosli-server.js'

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version
const USER_AGENT = `kosli-report-action/${VERSION}`

const FINGERPRINT = 'a'.repeat(64)
const OTHER_FINGERPRINT = 'b'.repeat(64)
const COMMIT = '1'.repeat(40)
const PARENT = '2'.repeat(40)

function gitCommit(sha: string, parents: string[] = []): Record<string, unknown> {
  return {
    sha1: sha,
    message: 'Add the thing',
    author: 'Ada Lovelace <ada@example.com>',
    author_username: 'ada',
    branch: 'main',
    timestamp: 1_700_000_000,
    url: `https://github.com/acme/app/commit/${sha}`,
    parents
  }
}

function fullArtifact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fingerprint: FINGERPRINT,
    filename: 'app.jar',
    build_url: 'https://github.com/acme/app/actions/runs/1/attempts/1',
    commit_url: `https://github.com/acme/app/commit/${COMMIT}`,
    trail_name: COMMIT,
    template_reference_name: 'backend',
    description: 'The backend',
    git_commit: COMMIT,
    git_commit_info: gitCommit(COMMIT, [PARENT]),
    repo_info: {
      name: 'acme/app',
      url: 'https://github.com/acme/app',
      id: '123456789',
      description: 'The app',
      provider: 'github'
    },
    commits_list: [gitCommit(COMMIT, [PARENT]), gitCommit(PARENT)],
    repo_url: 'https://github.com/acme/app',
    is_compliant: true,
    template: 'artifact,unit-test',
    external_urls: {
      sbom: { href: 'https://example.com/sbom', fingerprint: OTHER_FINGERPRINT },
      docs: { href: 'https://example.com/docs' }
    },
    annotations: { team: 'core' },
    user_data: { ticket: 'ACME-1' },
    ...overrides
  }
}

function repoInfo(): Record<string, unknown> {
  return {
    name: 'acme/app',
    url: 'https://github.com/acme/app',
    id: '123456789',
    description: 'The app',
    provider: 'github'
  }
}

function approvalBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    artifact_fingerprint: FINGERPRINT,
    description: 'Approved in CI run 42',
    src_commit_list: [COMMIT],
    environment: 'production',
    approvals: [
      {
        state: 'APPROVED',
        comment: 'ok',
        approved_by: 'octocat',
        approval_url: 'https://github.com/acme/app/actions/runs/1'
      }
    ],
    user_data: {},
    ...overrides
  }
}

describe('Kosli stand-in', () => {
  let kosli: KosliStandIn

  async function call(
    method: string,
    path: string,
    body?: unknown,
    token: string | null = DEFAULT_KOSLI_TOKEN,
    userAgent = USER_AGENT
  ): Promise<{ status: number; json: unknown }> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': userAgent
    }
    if (token !== null) headers.authorization = `Bearer ${token}`
    const response = await fetch(`${kosli.url}/api/v2${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    })
    return { status: response.status, json: await response.json() }
  }

  beforeAll(async () => {
    kosli = await startKosliServer({ forbiddenTokens: ['read-only-token'] })
  })
  afterAll(async () => {
    await kosli.close()
  })
  beforeEach(() => kosli.reset())

  describe('report artifact', () => {
    it('accepts a full valid body with 201 and {}, and stores the artifact', async () => {
      const { status, json: answer } = await call('POST', '/artifacts/acme/app', fullArtifact())
      expect(status).toBe(201)
      expect(answer).toEqual({})
      const { json } = await call('GET', `/artifacts/acme/app/fingerprint/${FINGERPRINT}`)
      expect(json).toMatchObject({
        fingerprint: FINGERPRINT,
        filename: 'app.jar',
        flow_name: 'app',
        trail_name: COMMIT,
        git_commit: COMMIT,
        template_reference_name: 'backend',
        state: 'COMPLIANT',
        template: ['artifact', 'unit-test'],
        html_url: `${kosli.url}/acme/flows/app/artifacts/${FINGERPRINT}`
      })
      expect(kosli.artifacts()).toHaveLength(1)
      expect(kosli.writes()).toHaveLength(1)
      expect(kosli.requests[0]).toMatchObject({
        method: 'POST',
        path: '/api/v2/artifacts/acme/app',
        status: 201,
        fault: null,
        body: fullArtifact()
      })
    })

    it('accepts the minimal body: fingerprint, filename, build_url and commit_url', async () => {
      const { fingerprint, filename, build_url, commit_url } = fullArtifact()
      const { status } = await call('POST', '/artifacts/acme/app', {
        fingerprint,
        filename,
        build_url,
        commit_url
      })
      expect(status).toBe(201)
    })

    it.each([
      ['fingerprint', { fingerprint: 'abc' }],
      ['fingerprint', { fingerprint: 'A'.repeat(64) }],
      ['fingerprint', { fingerprint: `sha256:${FINGERPRINT}` }],
      ['trail_name', { trail_name: '-starts-with-a-dash' }],
      ['trail_name', { trail_name: 'has space' }],
      ['template_reference_name', { template_reference_name: 'app.jar' }],
      ['git_commit', { git_commit: '1234567' }],
      ['git_commit_info.sha1', { git_commit_info: gitCommit('XYZ') }],
      ['git_commit_info.timestamp', { git_commit_info: { ...gitCommit(COMMIT), timestamp: 1.5 } }],
      ['git_commit_info.parents.0', { git_commit_info: gitCommit(COMMIT, ['nope']) }],
      ['repo_info.provider', { repo_info: { name: 'a/b', url: 'u', id: '1', provider: 'svn' } }],
      ['repo_info.id', { repo_info: { name: 'a/b', url: 'u', id: 1, provider: 'github' } }],
      ['commits_list.1.sha1', { commits_list: [gitCommit(COMMIT), gitCommit('short')] }],
      ['is_compliant', { is_compliant: 'yes' }],
      ['annotations.bad-key', { annotations: { 'bad-key': 'x' } }],
      ['annotations.team', { annotations: { team: 1 } }],
      [
        'external_urls.sbom.fingerprint',
        { external_urls: { sbom: { href: 'u', fingerprint: 'x' } } }
      ],
      // Each value is closed: the address is `href`, and there is no `url` key.
      ['external_urls.sbom.url', { external_urls: { sbom: { href: 'u', url: 'u' } } }],
      ['external_urls.sbom.href', { external_urls: { sbom: { fingerprint: OTHER_FINGERPRINT } } }],
      ['external_urls.sbom.href', { external_urls: { sbom: { href: 7 } } }],
      ['external_urls.sbom', { external_urls: { sbom: 'https://example.com' } }],
      ['external_urls.v1.2', { external_urls: { 'v1.2': { href: 'u' } } }],
      ['git_commit_info.timestamp', { git_commit_info: { ...gitCommit(COMMIT), timestamp: '1' } }],
      ['git_commit_info.sha1', { git_commit_info: { message: 'no sha' } }],
      ['git_commit_info.message', { git_commit_info: { ...gitCommit(COMMIT), message: 3 } }],
      ['git_commit_info.parents', { git_commit_info: { ...gitCommit(COMMIT), parents: 'x' } }],
      ['repo_info.id', { repo_info: { name: 'a/b', url: 'u', id: '', provider: 'github' } }],
      ['repo_info.name', { repo_info: { url: 'u', id: '1', provider: 'github' } }],
      ['commits_list', { commits_list: gitCommit(COMMIT) }],
      ['template', { template: 3 }],
      ['user_data', { user_data: 'a string' }],
      ['description', { description: 5 }],
      ['filename', { filename: null }]
    ])('rejects a bad %s with 400 naming the field', async (field, override) => {
      const { status, json } = await call('POST', '/artifacts/acme/app', fullArtifact(override))
      expect(status).toBe(400)
      expect(json).toMatchObject({ message: 'Input payload validation failed' })
      expect(Object.keys((json as { errors: object }).errors)).toEqual([field])
      expect(Object.values((json as { errors: object }).errors)[0]).toMatch(/ \[input: .*\]$/s)
      expect(kosli.artifacts()).toHaveLength(0)
      expect(kosli.writes()).toHaveLength(0)
    })

    it('words an error as Kosli does: why, then the input', async () => {
      const { json } = await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact({ git_commit: 'main', external_urls: { sbom: { url: 'https://x' } } })
      )
      expect(json).toEqual({
        message: 'Input payload validation failed',
        errors: {
          git_commit: "'main' does not match '^[a-f0-9]{40}$' [input: 'main']",
          'external_urls.sbom.href': "'href' is a required property [input: None]",
          'external_urls.sbom.url':
            "Additional properties are not allowed ('url' was unexpected) [input: 'https://x']"
        }
      })
    })

    it('accepts null for every nullable field and a GitCommit with only sha1', async () => {
      const { status, json } = await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact({
          trail_name: null,
          template_reference_name: null,
          description: null,
          git_commit: null,
          git_commit_info: { sha1: COMMIT },
          repo_info: null,
          commits_list: [
            { ...gitCommit(COMMIT), message: null, branch: null, url: null, parents: null }
          ],
          repo_url: null,
          is_compliant: null,
          template: null,
          external_urls: { sbom: { href: 'https://example.com/sbom', fingerprint: null } },
          user_data: null
        })
      )
      expect(json).toEqual({})
      expect(status).toBe(201)
    })

    it.each([
      ['a list of templates', { template: ['artifact', 'unit-test'] }],
      ['user_data as an array', { user_data: [1, 'two'] }],
      ['every repo_info provider', { repo_info: { ...repoInfo(), provider: 'circleci' } }],
      ['repo_info with unknown extra keys', { repo_info: { ...repoInfo(), stars: 3 } }],
      [
        "the CLI's newer commit fields",
        { git_commit_info: { ...gitCommit(COMMIT), verified: true, signature_state: 'valid' } }
      ],
      ['an external url without fingerprint', { external_urls: { docs: { href: 'https://x' } } }]
    ])('accepts %s', async (_, override) => {
      const { status } = await call('POST', '/artifacts/acme/app', fullArtifact(override))
      expect(status).toBe(201)
    })

    it.each(['fingerprint', 'filename', 'build_url', 'commit_url'])(
      'rejects a body without %s',
      async field => {
        const body = fullArtifact()
        delete body[field]
        const { status, json } = await call('POST', '/artifacts/acme/app', body)
        expect(status).toBe(400)
        expect(json).toEqual({
          message: 'Input payload validation failed',
          errors: { [field]: `'${field}' is a required property [input: None]` }
        })
      }
    )

    it('accepts unknown top-level fields: CreateArtifact is not closed', async () => {
      const { status } = await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact({ commit: COMMIT, sha256: FINGERPRINT })
      )
      expect(status).toBe(201)
    })

    it('answers 400 to a User-Agent that does not name the action and its version', async () => {
      for (const agent of ['node', 'kosli-report-action', 'kosli-report-action/0.0.0-other']) {
        const { status, json } = await call(
          'POST',
          '/artifacts/acme/app',
          fullArtifact(),
          DEFAULT_KOSLI_TOKEN,
          agent
        )
        expect(status).toBe(400)
        expect((json as { message: string }).message).toContain('User-Agent')
      }
      expect(kosli.artifacts()).toHaveLength(0)
      const named = await call(
        'GET',
        '/approvals/acme/app',
        undefined,
        DEFAULT_KOSLI_TOKEN,
        `${USER_AGENT} node`
      )
      expect(named.status).toBe(200)
    })

    it('answers 400 for a body that is not JSON', async () => {
      const { status, json } = await call('POST', '/artifacts/acme/app', '{"fingerprint": ')
      expect(status).toBe(400)
      expect(json).toHaveProperty('message')
      expect(kosli.requests[0].body).toBe('{"fingerprint": ')
    })

    it('updates the same fingerprint on a re-report, keeping its id and creation time', async () => {
      await call('POST', '/artifacts/acme/app', fullArtifact())
      const first = await call('GET', `/artifacts/acme/app/fingerprint/${FINGERPRINT}`)
      const reported = await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact({ filename: 'renamed.jar', trail_name: 'release-1' })
      )
      expect(reported.status).toBe(201)
      const second = await call('GET', `/artifacts/acme/app/fingerprint/${FINGERPRINT}`)
      expect(kosli.artifacts()).toHaveLength(1)
      const stored = kosli.artifact(FINGERPRINT)
      expect(stored).toMatchObject({ filename: 'renamed.jar', trail_name: 'release-1' })
      expect(stored?.report_count).toBe(2)
      const [a, b] = [first.json, second.json] as Array<{ id: string; created_at: string }>
      expect(b.id).toBe(a.id)
      expect(b.created_at).toBe(a.created_at)
    })

    it('keeps artifacts of different flows apart', async () => {
      kosli.addFlow('acme', 'api')
      await call('POST', '/artifacts/acme/app', fullArtifact())
      await call('POST', '/artifacts/acme/api', fullArtifact({ filename: 'api.jar' }))
      expect(kosli.artifacts()).toHaveLength(2)
      expect(kosli.artifact(FINGERPRINT, { flow: 'api' })?.filename).toBe('api.jar')
      expect(kosli.artifact(FINGERPRINT)?.filename).toBe('app.jar')
    })
  })

  describe('artifacts by commit', () => {
    it('answers every required field of kosli-get-artifacts-by-commit', async () => {
      await call('POST', '/artifacts/acme/app', fullArtifact())
      const { status, json } = await call('GET', `/artifacts/acme/app/commit_sha/${COMMIT}`)
      expect(status).toBe(200)
      const [artifact] = json as Array<Record<string, unknown>>
      for (const field of [
        'id',
        'fingerprint',
        'filename',
        'created_at',
        'last_modified_at',
        'evidence',
        'flow_name',
        'commit_lead_times',
        'build_lead_times',
        'trail_name',
        'template_reference_name',
        'git_commit',
        'git_commit_info',
        'repo_info',
        'commit_url',
        'build_url',
        'repo_url',
        'html_url',
        'api_url',
        'user_data',
        'external_urls',
        'annotations',
        'state',
        'deployments',
        'template',
        'state_info',
        'approvals',
        'running',
        'exited',
        'history'
      ]) {
        expect(artifact).toHaveProperty(field)
      }
      expect(typeof artifact.created_at).toBe('string')
      expect(artifact.git_commit_info).toEqual(gitCommit(COMMIT, [PARENT]))
    })

    it('filters by commit and by trail', async () => {
      await call('POST', '/artifacts/acme/app', fullArtifact({ trail_name: 'one' }))
      await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact({ fingerprint: OTHER_FINGERPRINT, trail_name: 'two' })
      )
      kosli.seedArtifact({ fingerprint: 'c'.repeat(64), git_commit: PARENT })
      const all = await call('GET', `/artifacts/acme/app/commit_sha/${COMMIT}`)
      expect((all.json as unknown[]).length).toBe(2)
      const two = await call('GET', `/artifacts/acme/app/commit_sha/${COMMIT}?trail=two`)
      expect((two.json as Array<{ fingerprint: string }>).map(a => a.fingerprint)).toEqual([
        OTHER_FINGERPRINT
      ])
      const none = await call('GET', `/artifacts/acme/app/commit_sha/${'9'.repeat(40)}`)
      expect(none).toEqual({ status: 200, json: [] })
    })

    it('shows a state set by the test', async () => {
      kosli.seedArtifact({ fingerprint: FINGERPRINT, git_commit: COMMIT })
      kosli.setArtifactState(FINGERPRINT, 'NON-COMPLIANT', { stateInfo: 'missing unit tests' })
      const { json } = await call('GET', `/artifacts/acme/app/commit_sha/${COMMIT}`)
      expect(json).toMatchObject([{ state: 'NON-COMPLIANT', state_info: 'missing unit tests' }])
    })

    it('reports is_compliant: false as NON-COMPLIANT', async () => {
      await call('POST', '/artifacts/acme/app', fullArtifact({ is_compliant: false }))
      const { json } = await call('GET', `/artifacts/acme/app/fingerprint/${FINGERPRINT}`)
      expect(json).toMatchObject({ state: 'NON-COMPLIANT' })
    })
  })

  describe('auth and lookup errors', () => {
    it('answers 401 without a token and with a wrong one', async () => {
      const missing = await call('POST', '/artifacts/acme/app', fullArtifact(), null)
      const wrong = await call('POST', '/artifacts/acme/app', fullArtifact(), 'not-the-token')
      for (const answer of [missing, wrong]) {
        expect(answer.status).toBe(401)
        expect(answer.json).toEqual({ message: expect.any(String) })
      }
      expect(kosli.artifacts()).toHaveLength(0)
    })

    it('answers 401 for a token sent other than as Bearer', async () => {
      const response = await fetch(`${kosli.apiUrl}/approvals/acme/app`, {
        headers: { authorization: `token ${DEFAULT_KOSLI_TOKEN}`, 'user-agent': USER_AGENT }
      })
      expect(response.status).toBe(401)
    })

    it('answers 403 for a forbidden token', async () => {
      const { status, json } = await call(
        'POST',
        '/artifacts/acme/app',
        fullArtifact(),
        'read-only-token'
      )
      expect(status).toBe(403)
      expect(json).toEqual({ message: expect.any(String) })
    })

    it('answers 404 naming an unknown organization or flow', async () => {
      const org = await call('POST', '/artifacts/umbrella/app', fullArtifact())
      expect(org).toEqual({ status: 404, json: { message: "Organization 'umbrella' not found" } })
      const flow = await call('GET', `/artifacts/acme/missing-flow/commit_sha/${COMMIT}`)
      expect(flow).toEqual({
        status: 404,
        json: { message: "Flow named 'missing-flow' does not exist for organization 'acme'" }
      })
    })

    it('answers 404 for unknown routes and 405 for a wrong method', async () => {
      expect((await call('GET', '/nothing/here')).status).toBe(404)
      expect((await call('DELETE', '/artifacts/acme/app')).status).toBe(405)
    })

    it('serves other organizations and flows given at start', async () => {
      const other = await startKosliServer({ token: 'other', orgs: { umbrella: ['web', 'api'] } })
      try {
        const response = await fetch(`${other.apiUrl}/approvals/umbrella/api`, {
          headers: { authorization: 'Bearer other', 'user-agent': USER_AGENT }
        })
        expect(response.status).toBe(200)
        expect(other.token).toBe('other')
      } finally {
        await other.close()
      }
    })
  })

  describe('approvals', () => {
    beforeEach(() => {
      kosli.seedArtifact({ fingerprint: FINGERPRINT, git_commit: COMMIT, filename: 'app.jar' })
    })

    it("answers every path under /approvals/ with a JSON 404 in today's-service mode, of either body shape, until reset", async () => {
      kosli.setApprovalsMode('removed-detail')
      for (const [method, path] of [
        ['GET', '/approvals/acme/app'],
        ['POST', '/approvals/acme/app'],
        ['GET', '/approvals/acme/no-such-flow/7'],
        ['PUT', '/approvals/acme']
      ]) {
        expect(
          await call(method, path, method === 'GET' ? undefined : approvalBody(), null)
        ).toEqual({
          status: 404,
          json: { detail: 'Not Found' }
        })
      }
      kosli.setApprovalsMode('removed-message')
      const message = await call('POST', '/approvals/acme/app', approvalBody())
      expect(message.status).toBe(404)
      expect(message.json).toEqual({ message: expect.stringContaining('not found') })
      expect(kosli.approvals()).toEqual([])
      // Other routes are served as before.
      expect((await call('GET', `/artifacts/acme/app/fingerprint/${FINGERPRINT}`)).status).toBe(200)
      kosli.reset()
      kosli.seedArtifact({ fingerprint: FINGERPRINT, git_commit: COMMIT, filename: 'app.jar' })
      expect((await call('POST', '/approvals/acme/app', approvalBody())).status).toBe(201)
    })

    it('names a missing flow as Kosli does while approvals are served', async () => {
      expect(await call('GET', '/approvals/acme/no-such-flow')).toEqual({
        status: 404,
        json: { message: "Flow named 'no-such-flow' does not exist for organization 'acme'" }
      })
    })

    it('echoes the request without a number and numbers approvals from 1', async () => {
      const body = approvalBody()
      const first = await call('POST', '/approvals/acme/app', body)
      expect(first).toEqual({ status: 201, json: { ...body, oldest_commit: null } })
      expect(first.json).not.toHaveProperty('release_number')
      await call('POST', '/approvals/acme/app', approvalBody({ approvals: [] }))
      await call('POST', '/approvals/acme/app', approvalBody({ environment: 'staging' }))
      expect(kosli.approvals().map(a => [a.release_number, a.state, a.environment])).toEqual([
        [1, 'APPROVED', 'production'],
        [2, 'PENDING', 'production'],
        [3, 'APPROVED', 'staging']
      ])
      expect(kosli.approvals()[0]).toMatchObject({
        artifact_name: 'app.jar',
        artifact_fingerprint: FINGERPRINT
      })
    })

    it('marks an approval with only UNAPPROVED entries as UNAPPROVED', async () => {
      await call(
        'POST',
        '/approvals/acme/app',
        approvalBody({ approvals: [{ state: 'UNAPPROVED', approved_by: 'octocat' }] })
      )
      expect(kosli.approvals()[0].state).toBe('UNAPPROVED')
    })

    it('lists approvals newest first, shaped as kosli-list-approvals', async () => {
      await call('POST', '/approvals/acme/app', approvalBody())
      await call('POST', '/approvals/acme/app', approvalBody({ approvals: [] }))
      const { status, json } = await call('GET', '/approvals/acme/app')
      expect(status).toBe(200)
      const list = json as Array<Record<string, unknown>>
      expect(list.map(a => a.release_number)).toEqual([2, 1])
      expect(Object.keys(list[1]).sort()).toEqual(
        [
          'release_number',
          'base_artifact',
          'artifact_name',
          'target_artifact',
          'description',
          'src_commit_list',
          'created_at',
          'last_modified_at',
          'state',
          'approvals',
          'environment',
          'user_data'
        ].sort()
      )
      expect(list[1]).toMatchObject({
        target_artifact: FINGERPRINT,
        state: 'APPROVED',
        approvals: [{ state: 'APPROVED', approved_by: 'octocat', timestamp: expect.any(Number) }]
      })
      expect(typeof list[1].created_at).toBe('number')
    })

    it('pages with page and per_page, and answers [] past the last page', async () => {
      for (let i = 0; i < 25; i++) kosli.seedApproval({ artifact_fingerprint: FINGERPRINT })
      const numbers = async (query: string): Promise<number[]> => {
        const { json } = await call('GET', `/approvals/acme/app${query}`)
        return (json as Array<{ release_number: number }>).map(a => a.release_number)
      }
      expect(await numbers('')).toHaveLength(20)
      expect((await numbers(''))[0]).toBe(25)
      expect(await numbers('?page=2')).toEqual([5, 4, 3, 2, 1])
      expect(await numbers('?page=3&per_page=4')).toEqual([17, 16, 15, 14])
      expect(await numbers('?page=3')).toEqual([])
      expect((await call('GET', '/approvals/acme/app?page=0')).status).toBe(400)
    })

    it('seeds approvals with the state asked for, after those already there', async () => {
      await call('POST', '/approvals/acme/app', approvalBody())
      const pending = kosli.seedApproval({
        artifact_fingerprint: FINGERPRINT,
        environment: 'production',
        state: 'PENDING'
      })
      expect(pending).toMatchObject({ release_number: 2, state: 'PENDING', approvals: [] })
    })

    it('finds the base artifact from the oldest commit', async () => {
      kosli.seedArtifact({ fingerprint: OTHER_FINGERPRINT, git_commit: PARENT })
      await call('POST', '/approvals/acme/app', approvalBody({ oldest_commit: PARENT }))
      const { json } = await call('GET', '/approvals/acme/app')
      expect(json).toMatchObject([{ base_artifact: OTHER_FINGERPRINT }])
    })

    it.each([
      ['artifact_fingerprint', { artifact_fingerprint: 'abc' }],
      ['src_commit_list.1', { src_commit_list: [COMMIT, 'HEAD'] }],
      ['oldest_commit', { oldest_commit: 'main' }],
      ['approvals.0.state', { approvals: [{ state: 'MAYBE', approved_by: 'octocat' }] }],
      [
        'approvals.0.timestamp',
        { approvals: [{ state: 'APPROVED', approved_by: 'o', timestamp: 1 }] }
      ],
      ['environment', { environment: 3 }],
      ['release_number', { release_number: 4 }],
      ['src_commit_list', { src_commit_list: COMMIT }],
      ['description', { description: null }],
      ['user_data', { user_data: 'a string' }],
      [
        'approvals.0.comment',
        { approvals: [{ state: 'APPROVED', approved_by: 'o', comment: null }] }
      ],
      ['approvals.0.approved_by', { approvals: [{ state: 'APPROVED' }] }],
      ['approvals.0.state', { approvals: [{ state: 'PENDING', approved_by: 'o' }] }],
      ['approvals', { approvals: {} }]
    ])('rejects a bad %s with 400', async (field, override) => {
      const { status, json } = await call('POST', '/approvals/acme/app', approvalBody(override))
      expect(status).toBe(400)
      expect(Object.keys((json as { errors: object }).errors)).toEqual([field])
      expect(kosli.approvals()).toHaveLength(0)
    })

    it.each(['artifact_fingerprint', 'description', 'src_commit_list'])(
      'requires %s',
      async field => {
        const body = approvalBody()
        delete body[field]
        const { status, json } = await call('POST', '/approvals/acme/app', body)
        expect(status).toBe(400)
        expect((json as { errors: Record<string, string> }).errors[field]).toContain('required')
      }
    )

    it('echoes only the fields sent, the others as null', async () => {
      const body = {
        artifact_fingerprint: FINGERPRINT,
        description: 'Approval requested',
        src_commit_list: [COMMIT]
      }
      const { status, json } = await call('POST', '/approvals/acme/app', body)
      expect(status).toBe(201)
      expect(json).toEqual({
        ...body,
        environment: null,
        oldest_commit: null,
        approvals: null,
        user_data: null
      })
    })

    it('lists PENDING, UNAPPROVED and APPROVED items', async () => {
      await call('POST', '/approvals/acme/app', approvalBody())
      await call('POST', '/approvals/acme/app', approvalBody({ approvals: [] }))
      await call(
        'POST',
        '/approvals/acme/app',
        approvalBody({ approvals: [{ state: 'UNAPPROVED', approved_by: 'octocat' }] })
      )
      kosli.seedApproval({ artifact_fingerprint: FINGERPRINT, state: 'UNAPPROVED' })
      const { json } = await call('GET', '/approvals/acme/app')
      expect((json as Array<{ state: string }>).map(a => a.state)).toEqual([
        'UNAPPROVED',
        'UNAPPROVED',
        'PENDING',
        'APPROVED'
      ])
    })

    it('caps a page at the server maximum, whatever per_page asks', async () => {
      for (let i = 0; i < 16; i++) kosli.seedApproval({ artifact_fingerprint: FINGERPRINT })
      kosli.setMaxPerPage(7)
      const numbers = async (query: string): Promise<number[]> => {
        const { json } = await call('GET', `/approvals/acme/app${query}`)
        return (json as Array<{ release_number: number }>).map(a => a.release_number)
      }
      expect(await numbers('?page=1&per_page=50')).toEqual([16, 15, 14, 13, 12, 11, 10])
      expect(await numbers('?page=2&per_page=50')).toEqual([9, 8, 7, 6, 5, 4, 3])
      expect(await numbers('?page=3&per_page=50')).toEqual([2, 1])
      expect(await numbers('?page=4&per_page=50')).toEqual([])
      expect(await numbers('?page=2&per_page=5')).toEqual([11, 10, 9, 8, 7])
      kosli.reset()
      for (let i = 0; i < 25; i++) kosli.seedApproval({ artifact_fingerprint: FINGERPRINT })
      expect(await numbers('?per_page=50')).toHaveLength(25)
    })

    it('takes the page maximum as a start option', async () => {
      const capped = await startKosliServer({ maxPerPage: 3 })
      try {
        capped.seedArtifact({ fingerprint: FINGERPRINT })
        for (let i = 0; i < 5; i++) capped.seedApproval({ artifact_fingerprint: FINGERPRINT })
        const response = await fetch(`${capped.apiUrl}/approvals/acme/app?per_page=20`, {
          headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}`, 'user-agent': USER_AGENT }
        })
        expect(((await response.json()) as unknown[]).length).toBe(3)
      } finally {
        await capped.close()
      }
    })

    it('accepts null environment, oldest_commit and approvals', async () => {
      const { status } = await call(
        'POST',
        '/approvals/acme/app',
        approvalBody({ environment: null, oldest_commit: null, approvals: null })
      )
      expect(status).toBe(201)
      expect(kosli.approvals()[0].state).toBe('PENDING')
    })

    it('answers 404 for an artifact the flow does not have', async () => {
      const { status, json } = await call(
        'POST',
        '/approvals/acme/app',
        approvalBody({ artifact_fingerprint: 'f'.repeat(64) })
      )
      expect(status).toBe(404)
      expect((json as { message: string }).message).toContain('f'.repeat(64))
    })
  })

  it('reset() forgets requests, state and faults but keeps the flows given at start', async () => {
    kosli.addFlow('acme', 'extra')
    kosli.seedArtifact({ fingerprint: FINGERPRINT })
    kosli.injectFault({ status: 500 })
    await call('GET', '/approvals/acme/app')
    kosli.reset()
    expect(kosli.requests).toHaveLength(0)
    expect(kosli.artifacts()).toHaveLength(0)
    expect(kosli.pendingFaults()).toBe(0)
    expect((await call('GET', '/approvals/acme/extra')).status).toBe(404)
    expect((await call('GET', '/approvals/acme/app')).status).toBe(200)
  })

  it('refuses to seed into a flow it does not have', () => {
    expect(() => kosli.seedArtifact({ fingerprint: FINGERPRINT, flow: 'nope' })).toThrow(/nope/)
    expect(() => kosli.seedArtifact({ fingerprint: 'short' })).toThrow(/fingerprint/)
  })
})

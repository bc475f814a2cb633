import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { Octokit } from '@octokit/rest'
import {
  DEFAULT_GITHUB_TOKEN,
  startGitHubServer,
  type GitHubStandIn
} from '../../test-support/github-server.js'

const DIGEST = `sha256:${'a'.repeat(64)}`
// Octokit logs every failed request; the failures here are the point of the tests.
const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }

function deploymentBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'app.jar',
    digest: DIGEST,
    version: '1.2.3',
    logical_environment: 'production',
    physical_environment: 'eu-west-1',
    cluster: 'main',
    deployment_name: 'app-app.jar',
    tags: { team: 'core' },
    runtime_risks: ['internet-exposed', 'sensitive-data'],
    status: 'deployed',
    github_repository: 'app',
    ...overrides
  }
}

/**
 * Each compare page's commits. GitHub's compare body has a top-level `url`, so Octokit does not
 * normalize it to the list (though its types claim so): the map function picks the commits.
 */
function compareCommits(response: { data: unknown }): Array<{ sha: string }> {
  return (response.data as { commits: Array<{ sha: string }> }).commits
}

describe('GitHub stand-in', () => {
  let github: GitHubStandIn
  let octokit: Octokit

  async function post(
    path: string,
    body: unknown,
    authorization: string | null = `token ${DEFAULT_GITHUB_TOKEN}`
  ): Promise<{ status: number; json: Record<string, unknown> }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' }
    if (authorization) headers.authorization = authorization
    const response = await fetch(`${github.url}${path}`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body)
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> }
  }

  beforeAll(async () => {
    github = await startGitHubServer()
    octokit = new Octokit({ baseUrl: github.url, auth: DEFAULT_GITHUB_TOKEN, log })
  })
  afterAll(async () => {
    await github.close()
  })
  beforeEach(() => {
    github.reset()
    github.seedRepository({
      owner: 'acme',
      repo: 'app',
      id: 4242,
      description: 'The app',
      defaultBranch: 'main'
    })
  })

  describe('repositories', () => {
    it('answers GET /repos/{owner}/{repo} shaped like GitHub', async () => {
      const { data } = await octokit.rest.repos.get({ owner: 'acme', repo: 'app' })
      expect(data).toMatchObject({
        id: 4242,
        name: 'app',
        full_name: 'acme/app',
        description: 'The app',
        html_url: 'https://github.com/acme/app',
        default_branch: 'main',
        private: false,
        owner: { login: 'acme', type: 'Organization' }
      })
      expect(typeof data.node_id).toBe('string')
    })

    it('shows a user-owned repository with a User owner', async () => {
      github.seedRepository({ owner: 'ada', repo: 'notes', orgOwned: false })
      const { data } = await octokit.rest.repos.get({ owner: 'ada', repo: 'notes' })
      expect(data.owner.type).toBe('User')
    })

    it('answers 404 for an unknown repository', async () => {
      await expect(octokit.rest.repos.get({ owner: 'acme', repo: 'nope' })).rejects.toMatchObject({
        status: 404
      })
    })

    it('allows public reads without a token, and refuses a wrong token with 401', async () => {
      const anonymous = new Octokit({ baseUrl: github.url, log })
      await expect(anonymous.rest.repos.get({ owner: 'acme', repo: 'app' })).resolves.toMatchObject(
        { status: 200 }
      )
      const wrong = new Octokit({ baseUrl: github.url, auth: 'ghs_wrong', log })
      await expect(wrong.rest.repos.get({ owner: 'acme', repo: 'app' })).rejects.toMatchObject({
        status: 401,
        message: expect.stringContaining('Bad credentials')
      })
    })

    it('accepts the token as Bearer too and sends rate-limit headers on normal answers', async () => {
      const response = await fetch(`${github.url}/repos/acme/app`, {
        headers: { authorization: `Bearer ${DEFAULT_GITHUB_TOKEN}` }
      })
      expect(response.status).toBe(200)
      expect(response.headers.get('x-ratelimit-limit')).toBe('5000')
      expect(Number(response.headers.get('x-ratelimit-remaining'))).toBeLessThan(5000)
      expect(Number(response.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    })
  })

  describe('commits', () => {
    it('answers a commit by sha and by branch, with its author login and parents', async () => {
      const [first, second] = github.seedCommits('acme', 'app', [
        {
          message: 'Initial commit',
          authorName: 'Ada Lovelace',
          authorEmail: 'ada@example.com',
          login: 'ada',
          timestamp: 1_700_000_000
        },
        {
          message: 'Second',
          authorName: 'Unknown',
          authorEmail: 'nobody@example.com',
          timestamp: 1_700_000_060
        }
      ])
      const { data } = await octokit.rest.repos.getCommit({
        owner: 'acme',
        repo: 'app',
        ref: second
      })
      expect(data).toMatchObject({
        sha: second,
        html_url: `https://github.com/acme/app/commit/${second}`,
        commit: {
          message: 'Second',
          author: { name: 'Unknown', email: 'nobody@example.com', date: '2023-11-14T22:14:20Z' }
        },
        author: null,
        parents: [{ sha: first }],
        files: []
      })
      const byBranch = await octokit.rest.repos.getCommit({
        owner: 'acme',
        repo: 'app',
        ref: 'main'
      })
      expect(byBranch.data.sha).toBe(second)
      const firstCommit = await octokit.rest.repos.getCommit({
        owner: 'acme',
        repo: 'app',
        ref: first.slice(0, 7)
      })
      expect(firstCommit.data.author?.login).toBe('ada')
      expect(firstCommit.data.parents).toEqual([])
    })

    it('derives stable shas from the content', async () => {
      const again = await startGitHubServer()
      try {
        again.seedRepository({ owner: 'acme', repo: 'app' })
        expect(again.seedLinearHistory('acme', 'app', 3)).toEqual(
          github.seedLinearHistory('acme', 'app', 3)
        )
      } finally {
        await again.close()
      }
    })

    it('answers 422 "No commit found for SHA" for an unknown commit', async () => {
      const sha = 'f'.repeat(40)
      await expect(
        octokit.rest.repos.getCommit({ owner: 'acme', repo: 'app', ref: sha })
      ).rejects.toMatchObject({ status: 422, message: expect.stringContaining(`SHA: ${sha}`) })
    })

    it('seeds a merge commit with two parents', async () => {
      const [base] = github.seedLinearHistory('acme', 'app', 1)
      const [feature] = github.seedCommits(
        'acme',
        'app',
        [{ message: 'Feature', authorName: 'A', authorEmail: 'a@x', timestamp: 1_700_000_100 }],
        { branch: 'feature' }
      )
      expect(github.commit('acme', 'app', feature)?.parents).toEqual([])
      github.seedBranch('acme', 'app', 'feature', base)
      const [onFeature] = github.seedCommits(
        'acme',
        'app',
        [{ message: 'Feature 2', authorName: 'A', authorEmail: 'a@x', timestamp: 1_700_000_200 }],
        { branch: 'feature' }
      )
      const [onMain] = github.seedLinearHistory('acme', 'app', 1, { startTimestamp: 1_700_000_300 })
      const [merge] = github.seedCommits('acme', 'app', [
        {
          message: 'Merge feature',
          authorName: 'A',
          authorEmail: 'a@x',
          timestamp: 1_700_000_400,
          parents: [onMain, onFeature]
        }
      ])
      const { data } = await octokit.rest.repos.getCommit({
        owner: 'acme',
        repo: 'app',
        ref: merge
      })
      expect(data.parents.map(p => p.sha)).toEqual([onMain, onFeature])
      const compare = await octokit.rest.repos.compareCommitsWithBasehead({
        owner: 'acme',
        repo: 'app',
        basehead: `${base}...${merge}`
      })
      expect(compare.data.commits.map(c => c.sha)).toEqual([onMain, onFeature, merge])
      expect(compare.data.merge_base_commit.sha).toBe(base)
    })
  })

  describe('compare', () => {
    it('follows pages with Octokit paginate over 300 commits, oldest first', async () => {
      const shas = github.seedLinearHistory('acme', 'app', 301)
      const commits = await octokit.paginate(
        octokit.rest.repos.compareCommitsWithBasehead,
        { owner: 'acme', repo: 'app', basehead: `${shas[0]}...main`, per_page: 100 },
        compareCommits
      )
      expect(commits.map(c => c.sha)).toEqual(shas.slice(1))
      const pages = github.requests.filter(r => r.path.includes('/compare/'))
      expect(pages.map(r => r.query.page ?? '1')).toEqual(['1', '2', '3'])
    })

    it('pages by 250 by default, with GitHub-formatted Link headers', async () => {
      const shas = github.seedLinearHistory('acme', 'app', 301)
      const path = `/repos/acme/app/compare/${shas[0]}...${shas[300]}`
      const first = await fetch(`${github.url}${path}`)
      const body = (await first.json()) as { commits: unknown[]; total_commits: number }
      expect(body.commits).toHaveLength(250)
      expect(body.total_commits).toBe(300)
      expect(first.headers.get('link')).toBe(
        `<${github.url}${path}?page=2>; rel="next", <${github.url}${path}?page=2>; rel="last"`
      )
      const second = await fetch(`${github.url}${path}?page=2`)
      expect(((await second.json()) as { commits: unknown[] }).commits).toHaveLength(50)
      expect(second.headers.get('link')).toBe(
        `<${github.url}${path}?page=1>; rel="prev", <${github.url}${path}?page=1>; rel="first"`
      )
      const all = await octokit.paginate(
        octokit.rest.repos.compareCommitsWithBasehead,
        { owner: 'acme', repo: 'app', basehead: `${shas[0]}...${shas[300]}` },
        compareCommits
      )
      expect(all).toHaveLength(300)
    })

    it('answers status, ahead_by, behind_by and the merge base', async () => {
      const [a, b, c] = github.seedLinearHistory('acme', 'app', 3)
      const compare = async (basehead: string): Promise<Record<string, unknown>> =>
        (
          await octokit.rest.repos.compareCommitsWithBasehead({
            owner: 'acme',
            repo: 'app',
            basehead
          })
        ).data as unknown as Record<string, unknown>
      expect(await compare(`${a}...${c}`)).toMatchObject({
        status: 'ahead',
        ahead_by: 2,
        behind_by: 0,
        total_commits: 2,
        base_commit: { sha: a },
        merge_base_commit: { sha: a }
      })
      expect(await compare(`${c}...${a}`)).toMatchObject({ status: 'behind', behind_by: 2 })
      expect(await compare(`${b}...${b}`)).toMatchObject({ status: 'identical', commits: [] })
      const [side] = github.seedCommits(
        'acme',
        'app',
        [{ message: 'Side', authorName: 'A', authorEmail: 'a@x', timestamp: 1, parents: [a] }],
        { branch: 'side' }
      )
      expect(await compare(`main...${side}`)).toMatchObject({
        status: 'diverged',
        ahead_by: 1,
        behind_by: 2,
        merge_base_commit: { sha: a }
      })
      expect(await compare(`acme:main...acme:side`)).toMatchObject({ ahead_by: 1 })
    })

    it('answers 404 for an unknown ref', async () => {
      github.seedLinearHistory('acme', 'app', 1)
      await expect(
        octokit.rest.repos.compareCommitsWithBasehead({
          owner: 'acme',
          repo: 'app',
          basehead: `${'e'.repeat(40)}...main`
        })
      ).rejects.toMatchObject({ status: 404 })
    })
  })

  describe('deployment records', () => {
    const path = '/orgs/acme/artifacts/metadata/deployment-record'

    it('creates a record, then updates it for the same deployment', async () => {
      const created = await post(path, deploymentBody())
      expect(created.status).toBe(200)
      expect(created.json).toEqual({
        total_count: 1,
        deployment_records: [
          {
            id: 1,
            digest: DIGEST,
            logical_environment: 'production',
            physical_environment: 'eu-west-1',
            cluster: 'main',
            deployment_name: 'app-app.jar',
            tags: { team: 'core' },
            runtime_risks: ['internet-exposed', 'sensitive-data'],
            created_at: expect.any(String),
            updated_at: expect.any(String),
            attestation_id: null
          }
        ]
      })
      const newDigest = `sha256:${'b'.repeat(64)}`
      const updated = await post(
        '/orgs/ACME/artifacts/metadata/deployment-record',
        deploymentBody({ digest: newDigest, version: '1.2.4' })
      )
      expect(updated.json).toMatchObject({ deployment_records: [{ id: 1, digest: newDigest }] })
      const other = await post(path, deploymentBody({ deployment_name: 'app-worker' }))
      expect(other.json).toMatchObject({ deployment_records: [{ id: 2 }] })
      const elsewhere = await post(path, deploymentBody({ physical_environment: 'us-east-1' }))
      expect(elsewhere.json).toMatchObject({ deployment_records: [{ id: 3 }] })
      expect(github.deploymentRecords('acme').map(r => [r.id, r.writes, r.version])).toEqual([
        [1, 2, '1.2.4'],
        [2, 1, '1.2.3'],
        [3, 1, '1.2.3']
      ])
      expect(github.writes()).toHaveLength(4)
    })

    it('works through Octokit', async () => {
      const { status, data } = await octokit.request(
        'POST /orgs/{org}/artifacts/metadata/deployment-record',
        {
          org: 'acme',
          name: 'app.jar',
          digest: DIGEST,
          logical_environment: 'staging',
          deployment_name: 'app-app.jar',
          status: 'deployed'
        }
      )
      expect(status).toBe(200)
      expect(data).toMatchObject({ total_count: 1, deployment_records: [{ id: 1 }] })
    })

    it.each([
      ['digest', { digest: 'a'.repeat(64) }],
      ['digest', { digest: `sha256:${'A'.repeat(64)}` }],
      ['name', { name: 'n'.repeat(257) }],
      ['version', { version: 'v'.repeat(101) }],
      ['logical_environment', { logical_environment: 'e'.repeat(129) }],
      ['physical_environment', { physical_environment: 'p'.repeat(129) }],
      ['cluster', { cluster: 'c'.repeat(129) }],
      ['deployment_name', { deployment_name: 'd'.repeat(257) }],
      ['tags', { tags: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } }],
      ['tags.a', { tags: { a: 1 } }],
      ['runtime_risks', { runtime_risks: ['internet-exposed', 'internet-exposed'] }],
      ['runtime_risks.0', { runtime_risks: ['on-fire'] }],
      [
        'runtime_risks',
        {
          runtime_risks: [
            'critical-resource',
            'internet-exposed',
            'lateral-movement',
            'sensitive-data',
            'critical-resource'
          ]
        }
      ],
      ['status', { status: 'running' }],
      ['github_repository', { github_repository: 'not-in-acme' }],
      ['github_repository', { github_repository: 42 }],
      ['return_records', { return_records: true }],
      ['environment', { environment: 'production' }]
    ])('rejects a bad %s with 422', async (field, override) => {
      const { status, json } = await post(path, deploymentBody(override))
      expect(status).toBe(422)
      expect(json).toMatchObject({
        message: 'Validation Failed',
        documentation_url: expect.any(String)
      })
      expect((json.errors as Array<{ field: string }>).map(e => e.field)).toEqual([field])
      expect(github.deploymentRecords()).toHaveLength(0)
    })

    it.each(['name', 'digest', 'logical_environment', 'deployment_name', 'status'])(
      'requires %s',
      async field => {
        const body = deploymentBody()
        delete body[field]
        const { status, json } = await post(path, body)
        expect(status).toBe(422)
        expect(json.errors).toEqual([expect.objectContaining({ field, code: 'missing_field' })])
      }
    )

    it('accepts four unique runtime risks and five tags', async () => {
      const { status } = await post(
        path,
        deploymentBody({
          tags: { a: '1', b: '2', c: '3', d: '4', e: '5' },
          runtime_risks: [
            'critical-resource',
            'internet-exposed',
            'lateral-movement',
            'sensitive-data'
          ]
        })
      )
      expect(status).toBe(200)
    })

    it('answers 400 for a body that is not JSON', async () => {
      expect((await post(path, '{nope')).status).toBe(400)
    })

    it('answers 401 without a token and "Bad credentials" with a wrong one', async () => {
      expect(await post(path, deploymentBody(), null)).toMatchObject({ status: 401 })
      expect(await post(path, deploymentBody(), 'Bearer wrong')).toMatchObject({
        status: 401,
        json: { message: 'Bad credentials' }
      })
      expect(github.deploymentRecords()).toHaveLength(0)
    })

    it('answers 404 Not Found for a user account or an unknown org', async () => {
      github.seedRepository({ owner: 'ada', repo: 'notes', orgOwned: false })
      for (const org of ['ada', 'nobody']) {
        const answer = await post(
          `/orgs/${org}/artifacts/metadata/deployment-record`,
          deploymentBody()
        )
        expect(answer).toMatchObject({ status: 404, json: { message: 'Not Found' } })
      }
    })

    it.each([
      ['missing-permission', 403, 'Resource not accessible by integration'],
      ['no-artifacts-403', 403, 'no artifacts found'],
      ['no-artifacts-404', 404, 'no artifacts found']
    ] as const)('answers a %s organization with %d', async (access, status, message) => {
      github.configureOrg('acme', { deploymentRecords: access })
      const answer = await post(path, deploymentBody())
      expect(answer).toMatchObject({ status, json: { message } })
      expect(github.writes()).toHaveLength(0)
    })

    it('knows organizations given at start', async () => {
      const other = await startGitHubServer({
        token: 'ghs_other',
        orgs: { umbrella: { deploymentRecords: 'missing-permission' }, ada: { type: 'User' } }
      })
      try {
        const client = new Octokit({ baseUrl: other.url, auth: 'ghs_other', log })
        await expect(
          client.request('POST /orgs/{org}/artifacts/metadata/deployment-record', {
            org: 'umbrella',
            name: 'x',
            digest: DIGEST,
            logical_environment: 'prod',
            deployment_name: 'x',
            status: 'deployed'
          })
        ).rejects.toMatchObject({ status: 403 })
        const org = await fetch(`${other.url}/orgs/umbrella`)
        expect(org.status).toBe(200)
        expect((await fetch(`${other.url}/orgs/ada`)).status).toBe(404)
        const user = await fetch(`${other.url}/users/ada`)
        expect(((await user.json()) as { type: string }).type).toBe('User')
      } finally {
        await other.close()
      }
    })
  })

  describe('rate limits', () => {
    it('answers 403 with x-ratelimit-remaining 0 and a reset time', async () => {
      github.injectRateLimit({ times: 1, resetInSeconds: 30 })
      const response = await fetch(`${github.url}/repos/acme/app`)
      expect(response.status).toBe(403)
      expect(response.headers.get('x-ratelimit-remaining')).toBe('0')
      const reset = Number(response.headers.get('x-ratelimit-reset'))
      expect(reset).toBeGreaterThanOrEqual(Math.floor(Date.now() / 1000) + 29)
      expect(((await response.json()) as { message: string }).message).toMatch(
        /^API rate limit exceeded for /
      )
      expect(github.requests[0].fault).toBe('status')
      expect((await fetch(`${github.url}/repos/acme/app`)).status).toBe(200)
    })

    it('has 429 and secondary variants with retry-after', async () => {
      github.injectRateLimit({ status: 429, resetInSeconds: 7 })
      github.injectRateLimit({ secondary: true, resetInSeconds: 9 })
      const primary = await fetch(`${github.url}/repos/acme/app`)
      expect(primary.status).toBe(429)
      expect(primary.headers.get('retry-after')).toBe('7')
      expect(primary.headers.get('x-ratelimit-remaining')).toBe('0')
      const secondary = await fetch(`${github.url}/repos/acme/app`)
      expect(secondary.status).toBe(403)
      expect(secondary.headers.get('retry-after')).toBe('9')
      expect(((await secondary.json()) as { message: string }).message).toContain(
        'secondary rate limit'
      )
    })
  })
})

// The GitHub stand-in's runs, run reviews, deployments and statuses, against the shapes of
// GitHub's published description (@octokit/openapi): actions/get-workflow-run,
// actions/get-reviews-for-run, repos/list-deployments, repos/list-deployment-statuses.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
/* eslint-disable @typescript-eslint/no-explicit-any -- GitHub JSON answers, checked field by field */
import {
  DEFAULT_GITHUB_TOKEN,
  startGitHubServer,
  type GitHubStandIn
} from '../../test-support/github-server.js'

let github: GitHubStandIn
const SHA = 'a'.repeat(40)

beforeAll(async () => {
  github = await startGitHubServer()
})
afterAll(async () => {
  await github.close()
})
beforeEach(() => {
  github.reset()
  github.seedRepository({ owner: 'acme', repo: 'app' })
})

async function get(path: string): Promise<{ status: number; link: string | null; body: any }> {
  const response = await fetch(`${github.url}${path}`, {
    headers: { authorization: `Bearer ${DEFAULT_GITHUB_TOKEN}` }
  })
  return {
    status: response.status,
    link: response.headers.get('link'),
    body: await response.json()
  }
}

describe('workflow runs and their review history', () => {
  it('answers a run with its attempt, times and actors', async () => {
    github.deployments.seedRun({
      owner: 'acme',
      repo: 'app',
      id: 77,
      runAttempt: 2,
      createdAt: '2024-06-01T10:00:00Z',
      actor: 'ann',
      triggeringActor: 'ben'
    })
    const { status, body } = await get('/repos/acme/app/actions/runs/77')
    expect(status).toBe(200)
    expect(body).toMatchObject({
      id: 77,
      run_attempt: 2,
      created_at: '2024-06-01T10:00:00Z',
      actor: { login: 'ann' },
      triggering_actor: { login: 'ben' }
    })
    expect((await get('/repos/acme/app/actions/runs/78')).status).toBe(404)
  })

  it('lists the reviews in one unpaged list, with environments, state, user and comment', async () => {
    github.deployments.seedRun({ owner: 'acme', repo: 'app', id: 77 })
    for (let i = 0; i < 40; i++) {
      github.deployments.seedRunReview('acme', 'app', 77, {
        environments: ['production', 'staging'],
        state: i === 0 ? 'rejected' : 'approved',
        login: i === 1 ? null : `user${i}`,
        comment: 'ok'
      })
    }
    const { body, link } = await get('/repos/acme/app/actions/runs/77/approvals')
    expect(link).toBeNull()
    expect(body).toHaveLength(40)
    expect(body[0]).toMatchObject({
      state: 'rejected',
      user: { login: 'user0' },
      comment: 'ok',
      environments: [{ name: 'production' }, { name: 'staging' }]
    })
    expect(body[1].user).toBeNull()
  })
})

describe('deployments and statuses', () => {
  it('filters by environment, pages by per_page (at most 100) with Link headers', async () => {
    for (let i = 0; i < 120; i++) {
      github.deployments.seedDeployment({
        owner: 'acme',
        repo: 'app',
        environment: i % 2 ? 'production' : 'staging',
        sha: SHA,
        createdAt: '2024-06-01T10:00:00Z'
      })
    }
    const first = await get('/repos/acme/app/deployments?environment=production&per_page=50')
    expect(first.body).toHaveLength(50)
    expect(first.body.every((d: any) => d.environment === 'production')).toBe(true)
    expect(first.link).toContain('rel="next"')
    const second = await get(
      '/repos/acme/app/deployments?environment=production&per_page=50&page=2'
    )
    expect(second.body).toHaveLength(10)
    expect((await get('/repos/acme/app/deployments?per_page=500')).body).toHaveLength(100)
    expect((await get('/repos/acme/app/deployments')).body).toHaveLength(30)
  })

  it('lists newest first by default, or oldest first: GitHub documents no order', async () => {
    const a = github.deployments.seedDeployment({
      owner: 'acme',
      repo: 'app',
      environment: 'production',
      sha: SHA,
      createdAt: '2024-06-01T10:00:00Z'
    })
    const b = github.deployments.seedDeployment({
      owner: 'acme',
      repo: 'app',
      environment: 'production',
      sha: SHA,
      createdAt: '2024-06-02T10:00:00Z'
    })
    expect((await get('/repos/acme/app/deployments')).body.map((d: any) => d.id)).toEqual([
      b.id,
      a.id
    ])
    github.deployments.order = 'oldest-first'
    expect((await get('/repos/acme/app/deployments')).body.map((d: any) => d.id)).toEqual([
      a.id,
      b.id
    ])
  })

  it('lists statuses of a deployment, newest first; 404 for an unknown one', async () => {
    const d = github.deployments.seedDeployment({
      owner: 'acme',
      repo: 'app',
      environment: 'production',
      sha: SHA,
      createdAt: '2024-06-01T10:00:00Z',
      statuses: ['in_progress', 'success']
    })
    const { body } = await get(`/repos/acme/app/deployments/${d.id}/statuses`)
    expect(body.map((s: any) => s.state)).toEqual(['success', 'in_progress'])
    expect(body[0].id).toBeGreaterThan(body[1].id)
    expect((await get('/repos/acme/app/deployments/999999/statuses')).status).toBe(404)
  })

  it('counts requests and the most in flight at once', async () => {
    github.injectFault({ delayMs: 100 }, { times: 3 })
    await Promise.all([1, 2, 3].map(() => get('/repos/acme/app/deployments')))
    expect(github.requests).toHaveLength(3)
    expect(github.maxInFlight).toBe(3)
  })
})

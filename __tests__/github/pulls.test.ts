import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { foundPullRequest } from '../../src/evidence/pull-requests.js'
import { findPullRequests, type PullsSettings } from '../../src/github/pulls.js'
import { type GitHubStandIn, startGitHubServer } from '../../test-support/github-server.js'
import { json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

let github: GitHubStandIn
let shas: string[]

beforeAll(async () => {
  github = await startGitHubServer()
  github.seedRepository({ owner: 'acme', repo: 'app', id: 1, orgOwned: true })
  shas = github.seedLinearHistory('acme', 'app', 3)
})
afterAll(() => github.close())
beforeEach(() => {
  github.pulls.reset()
  github.clearFaults()
  github.requests.length = 0
})

function settings(overrides: Partial<PullsSettings> = {}): PullsSettings & { waits: number[] } {
  const waits: number[] = []
  return {
    apiUrl: github.url,
    token: github.token,
    owner: 'acme',
    repo: 'app',
    timeoutMs: 5000,
    maxRetries: 0,
    waitSeconds: 15,
    log: recorder().log,
    sleep: async seconds => {
      waits.push(seconds)
    },
    waits,
    ...overrides
  }
}

describe('findPullRequests', () => {
  it('asks again with growing waits while none is associated, then reads reviews and commits', async () => {
    const pull = github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      state: 'merged',
      commits: [shas[2]]
    })
    github.pulls.seedReview('acme', 'app', pull.number, 'alice', 'APPROVED')
    github.pulls.notYetAssociated('acme', 'app', shas[2], 3)
    const s = settings()
    const found = await findPullRequests(shas[2], s)
    expect(found.asks).toBe(4)
    expect(s.waits).toEqual([1, 2, 4])
    expect(found.pulls).toHaveLength(1)
    const [first] = found.pulls
    const shaped = foundPullRequest(first.pull, first.reviews, first.commits)
    expect(shaped).toMatchObject({ state: 'MERGED', approvers: [{ username: 'alice' }] })
    expect(shaped.commits.map(c => c.sha1)).toEqual([shas[2]])
  })

  it('stops within pull-request-wait seconds in all', async () => {
    github.pulls.notYetAssociated('acme', 'app', shas[2], 100)
    const s = settings({ waitSeconds: 5 })
    const found = await findPullRequests(shas[2], s)
    expect(found.pulls).toEqual([])
    expect(s.waits.reduce((a, b) => a + b, 0)).toBe(5)
  })

  it('asks once with pull-request-wait 0', async () => {
    const s = settings({ waitSeconds: 0 })
    expect((await findPullRequests(shas[1], s)).asks).toBe(1)
    expect(s.waits).toEqual([])
  })

  it('follows the pages of a long review list', async () => {
    const pull = github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: [shas[1]] })
    for (let i = 0; i < 130; i++)
      github.pulls.seedReview('acme', 'app', pull.number, `r${i}`, 'APPROVED')
    const found = await findPullRequests(shas[1], settings())
    expect(found.pulls[0].reviews).toHaveLength(130)
    expect(github.requests.filter(r => r.path.endsWith('/reviews'))).toHaveLength(2)
  })

  it('names the permissions a refusal needs', async () => {
    github.injectFault({ status: 403, json: { message: 'Resource not accessible by integration' } })
    const error = await findPullRequests(shas[1], settings()).catch(e => e as Error)
    expect((error as Error).message).toMatch(
      /403.*Resource not accessible.*pull-requests: read and contents: read/
    )
  })

  it('sends the token to the API only, with the same Authorization as every GitHub request (token X, as Octokit sends it)', async () => {
    await findPullRequests(shas[1], settings({ waitSeconds: 0 }))
    expect(github.requests[0].headers.authorization).toBe(`token ${github.token}`)
  })
})

describe('findPullRequests on GitHub Enterprise Server', () => {
  afterEach(stopStubs)

  it('keeps the path of GITHUB_API_URL (…/api/v3) for every request, pages included', async () => {
    const pull = {
      number: 7,
      html_url: 'https://ghes.example/acme/app/pull/7',
      state: 'open',
      title: 'T',
      user: { login: 'dev' },
      created_at: '2024-05-01T10:00:00Z',
      merged_at: null,
      merge_commit_sha: null,
      head: { ref: 'f' },
      base: { ref: 'main' }
    }
    const stub = await serve((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x')
      if (url.pathname === `/api/v3/repos/acme/app/commits/${'d'.repeat(40)}/pulls`)
        return json(res, 200, [pull])
      if (url.pathname === '/api/v3/repos/acme/app/pulls/7/reviews') {
        if (url.searchParams.get('page') === '2') return json(res, 200, [])
        const next = `${stub.origin}/api/v3/repos/acme/app/pulls/7/reviews?page=2`
        return json(res, 200, [], { Link: `<${next}>; rel="next"` })
      }
      if (url.pathname === '/api/v3/repos/acme/app/pulls/7/commits') return json(res, 200, [])
      json(res, 404, { message: 'Not Found' })
    })
    const found = await findPullRequests('d'.repeat(40), {
      ...settings({ waitSeconds: 0 }),
      apiUrl: `${stub.origin}/api/v3`
    })
    expect(found.pulls).toHaveLength(1)
    // Reviews and commits are asked at once, so only the set of paths is fixed.
    expect(stub.seen.map(r => new URL(r.url, 'http://x').pathname).sort()).toEqual(
      [
        `/api/v3/repos/acme/app/commits/${'d'.repeat(40)}/pulls`,
        '/api/v3/repos/acme/app/pulls/7/commits',
        '/api/v3/repos/acme/app/pulls/7/reviews',
        '/api/v3/repos/acme/app/pulls/7/reviews'
      ].sort()
    )
  })
})

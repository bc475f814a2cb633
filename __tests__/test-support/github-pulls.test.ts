import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DEFAULT_GITHUB_TOKEN,
  startGitHubServer,
  type GitHubStandIn
} from '../../test-support/github-server.js'

let github: GitHubStandIn
let shas: string[]

beforeAll(async () => {
  github = await startGitHubServer()
})
afterAll(async () => {
  await github.close()
})
beforeEach(() => {
  github.reset()
  github.seedRepository({ owner: 'acme', repo: 'app' })
  shas = github.seedCommits('acme', 'app', [
    {
      message: 'One\n\nbody',
      authorName: 'Ada',
      authorEmail: 'ada@example.com',
      login: 'ada',
      timestamp: 1_700_000_000
    },
    { message: 'Two', authorName: 'Bob', authorEmail: 'bob@example.com', timestamp: 1_700_000_060 }
  ])
})

async function get(
  path: string,
  token: string | null = DEFAULT_GITHUB_TOKEN
): Promise<{ status: number; link: string | null; body: unknown }> {
  const response = await fetch(`${github.url}${path}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {}
  })
  return {
    status: response.status,
    link: response.headers.get('link'),
    body: await response.json()
  }
}

type Json = ReturnType<typeof JSON.parse>

describe('pull requests for a commit', () => {
  it('lists the pull requests holding the commit or merging it', async () => {
    const open = github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      commits: [shas[0]],
      title: 'Open one'
    })
    const merged = github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      commits: [shas[1]],
      state: 'merged',
      author: 'mona'
    })
    const forFirst = await get(`/repos/acme/app/commits/${shas[0]}/pulls`)
    expect(forFirst.status).toBe(200)
    expect((forFirst.body as Json[]).map(p => [p.number, p.state, p.merged_at, p.title])).toEqual([
      [open.number, 'open', null, 'Open one']
    ])
    // An open pull request still carries GitHub's test merge commit.
    expect((forFirst.body as Json[])[0].merge_commit_sha).toMatch(/^[a-f0-9]{40}$/)
    // A merge commit seeded on main is associated with the pull request it merged.
    const [mergeSha] = github.seedCommits('acme', 'app', [
      {
        message: 'Merge',
        authorName: 'Mona',
        authorEmail: 'mona@example.com',
        timestamp: 1_700_000_120
      }
    ])
    const mergedVia = github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      commits: [shas[0]],
      state: 'merged',
      mergeCommitSha: mergeSha
    })
    const byMerge = (await get(`/repos/acme/app/commits/${mergeSha}/pulls`)).body as Json[]
    expect(byMerge.map(p => p.number)).toEqual([mergedVia.number])
    const forSecond = (await get(`/repos/acme/app/commits/${shas[1]}/pulls`)).body as Json[]
    expect(forSecond[0]).toMatchObject({
      number: merged.number,
      state: 'closed',
      merged_at: '2024-05-02T10:00:00Z',
      merge_commit_sha: merged.mergeCommitSha,
      user: { login: 'mona' },
      head: { ref: merged.headRef },
      base: { ref: 'main' },
      html_url: `https://github.com/acme/app/pull/${merged.number}`
    })
  })

  it('answers [] for the first calls while the commit is not associated yet', async () => {
    github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      commits: [shas[0]],
      state: 'merged'
    })
    github.pulls.notYetAssociated('acme', 'app', shas[0], 2)
    const path = `/repos/acme/app/commits/${shas[0]}/pulls`
    expect((await get(path)).body).toEqual([])
    expect((await get(path)).body).toEqual([])
    expect((await get(path)).body).toHaveLength(1)
  })

  it('answers 404 for an unknown or private repository without a token, 422 for an unknown commit', async () => {
    expect((await get(`/repos/acme/nope/commits/${shas[0]}/pulls`)).status).toBe(404)
    github.seedRepository({ owner: 'acme', repo: 'secret', private: true })
    expect((await get(`/repos/acme/secret/commits/${shas[0]}/pulls`, null)).status).toBe(404)
    expect((await get(`/repos/acme/app/commits/${'9'.repeat(40)}/pulls`)).status).toBe(422)
    expect((await get(`/repos/acme/app/commits/${shas[0]}/pulls`, 'wrong')).status).toBe(401)
  })
})

describe('reviews and commits of a pull request', () => {
  it('lists reviews with their state and time; a pending review has no submitted_at', async () => {
    const pr = github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: shas })
    github.pulls.seedReview('acme', 'app', pr.number, 'hubot', 'APPROVED', '2024-05-01T12:00:00Z')
    github.pulls.seedReview('acme', 'app', pr.number, 'eve', 'PENDING')
    const reviews = (await get(`/repos/acme/app/pulls/${pr.number}/reviews`)).body as Json[]
    expect(reviews.map(r => [r.user.login, r.state, r.submitted_at])).toEqual([
      ['hubot', 'APPROVED', '2024-05-01T12:00:00Z'],
      ['eve', 'PENDING', undefined]
    ])
    expect((await get('/repos/acme/app/pulls/999/reviews')).status).toBe(404)
  })

  it('lists commits with the author login (null when the email maps to no account)', async () => {
    const pr = github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: shas })
    const commits = (await get(`/repos/acme/app/pulls/${pr.number}/commits`)).body as Json[]
    expect(
      commits.map(c => [c.sha, c.author?.login ?? null, c.commit.message, c.commit.author.date])
    ).toEqual([
      [shas[0], 'ada', 'One\n\nbody', '2023-11-14T22:13:20Z'],
      [shas[1], null, 'Two', '2023-11-14T22:14:20Z']
    ])
  })

  it('pages with Link headers, per_page honoured up to 100', async () => {
    const many = github.seedLinearHistory('acme', 'app', 120)
    const pr = github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: many })
    const path = `/repos/acme/app/pulls/${pr.number}/commits`
    const first = await get(`${path}?per_page=100`)
    expect(first.body).toHaveLength(100)
    expect(first.link).toBe(
      `<${github.url}${path}?per_page=100&page=2>; rel="next", <${github.url}${path}?per_page=100&page=2>; rel="last"`
    )
    const second = await get(`${path}?per_page=100&page=2`)
    expect((second.body as Json[]).map(c => c.sha)).toEqual(many.slice(100))
    expect(second.link).toContain('rel="prev"')
    expect(second.link).not.toContain('rel="next"')
    expect((await get(`${path}?per_page=500`)).body).toHaveLength(100)
    expect((await get(path)).body).toHaveLength(30)
    expect((await get(`${path}?per_page=50&page=3`)).body).toHaveLength(20)
  })

  it('refuses to seed a pull request with a commit the repository does not have', () => {
    expect(() =>
      github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: ['f'.repeat(40)] })
    ).toThrow(/seedCommits\(\) first/)
  })
})

describe("commits' signature check and deleted accounts", () => {
  it("serves commit.verification as seeded: unsigned by default, GitHub's fields when signed, none when null", async () => {
    const [signed, bare] = github.seedCommits('acme', 'app', [
      {
        message: 'Signed',
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        timestamp: 1_700_000_120,
        verification: { verified: true, reason: 'valid', signature: '-----BEGIN PGP' }
      },
      {
        message: 'Old server',
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        timestamp: 1_700_000_180,
        verification: null
      }
    ])
    const pull = github.pulls.seedPullRequest({
      owner: 'acme',
      repo: 'app',
      commits: [shas[0], signed, bare]
    })
    const { body } = await get(`/repos/acme/app/pulls/${pull.number}/commits`)
    const [first, second, third] = body as Json[]
    expect(first.commit.verification).toEqual({
      verified: false,
      reason: 'unsigned',
      signature: null,
      payload: null,
      verified_at: null
    })
    expect(second.commit.verification).toMatchObject({
      verified: true,
      reason: 'valid',
      signature: '-----BEGIN PGP'
    })
    expect(third.commit).not.toHaveProperty('verification')
  })

  it('serves a deleted author as user: null', async () => {
    github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: [shas[0]], author: null })
    const { body } = await get(`/repos/acme/app/commits/${shas[0]}/pulls`)
    expect((body as Json[])[0].user).toBeNull()
  })
})

// deployment-approval and code-review facts, read in-process from the GitHub stand-in through the
// one GitHub client: the base, the range, the pull requests, the request budget and its limits.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createGitHubReader } from '../../src/github/reader.js'
import { ReleaseFacts } from '../../src/github/release-facts.js'
import { InputError } from '../../src/inputs/problems.js'
import type { Log } from '../../src/redact.js'
import {
  type ApprovalEvidenceSettings,
  gatherApprovalEvidence
} from '../../src/stages/approval-evidence.js'
import type { CodeReviewRecord } from '../../src/evidence/approval-records.js'
import {
  DEFAULT_GITHUB_TOKEN,
  type GitHubStandIn,
  startGitHubServer
} from '../../test-support/github-server.js'
import { fortyMergedPullRequests, seedReleaseHistory } from '../../test-support/release-history.js'

let github: GitHubStandIn
let warnings: string[]
const log: Log = {
  info: () => {},
  warning: (line: string) => warnings.push(line),
  debug: () => {},
  error: () => {}
} as unknown as Log

beforeAll(async () => {
  github = await startGitHubServer()
})
afterAll(async () => {
  await github.close()
})
beforeEach(() => {
  github.reset()
  warnings = []
  github.seedRepository({ owner: 'acme', repo: 'app' })
  github.seedLinearHistory('acme', 'app', 2)
  github.deployments.seedRun({
    owner: 'acme',
    repo: 'app',
    id: 77,
    createdAt: '2024-06-01T10:00:00Z'
  })
})

function facts(): ReleaseFacts {
  return new ReleaseFacts(
    createGitHubReader({
      token: DEFAULT_GITHUB_TOKEN,
      baseUrl: github.url,
      maxRetries: 0,
      timeoutMs: 10_000,
      log
    }),
    { owner: 'acme', repo: 'app' },
    log
  )
}

function settings(over: Partial<ApprovalEvidenceSettings>): ApprovalEvidenceSettings {
  return {
    evidence: 'code-review',
    requiredApprovals: 1,
    allowSelfApproval: false,
    maxCommits: 250,
    head: '',
    runId: '77',
    runAttempt: 1,
    actor: 'dev',
    triggeringActor: 'dev',
    runUrl: 'https://github.com/acme/app/actions/runs/77/attempts/1',
    ...over
  }
}

describe('code-review', () => {
  it('reviews 300 commits of 40 merge-committed pull requests within the budget, 4 in flight at most', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', fortyMergedPullRequests())
    github.requests.length = 0
    github.maxInFlight = 0
    // A little latency on every answer, so that requests overlap and the in-flight limit shows.
    github.injectFault({ delayMs: 20 }, { times: Infinity })
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base, maxCommits: 300 }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(evidence.compliant).toBe(true)
    expect(record.commits).toBe(300)
    expect(record.reviewed).toBe(300)
    expect(record.pull_requests).toHaveLength(40)
    const lookups = github.requests.filter(r => r.path.endsWith('/pulls')).length
    const compares = github.requests.filter(r => r.path.includes('/compare/')).length
    // The contract's budget: 1 + 3 compare pages + 40 + 3 lookups + 80 pull-request reads = 127.
    expect({ total: github.requests.length, compares, lookups }).toEqual({
      total: expect.any(Number),
      compares: 3,
      lookups: expect.any(Number)
    })
    process.stdout.write(
      `300-commit fixture: ${github.requests.length} GitHub requests (${compares} compare pages, ${lookups} lookups)\n`
    )
    expect(github.requests.length).toBeLessThanOrEqual(127)
    expect(lookups).toBeLessThanOrEqual(43)
    expect(github.maxInFlight).toBeLessThanOrEqual(4)
    expect(github.maxInFlight).toBe(4)
    github.clearFaults()
  })

  it('judges squash, merge and rebase merges, a direct push, an open pull request, an author who approved, a superseded approval', async () => {
    const { base, head, changes } = seedReleaseHistory(github, 'acme', 'app', [
      { kind: 'squash', commits: 3 },
      { kind: 'merge', commits: 2 },
      { kind: 'rebase', commits: 2 },
      { kind: 'direct' },
      { kind: 'open' },
      { kind: 'merge', author: 'ann', reviews: [['ann', 'APPROVED']] },
      {
        kind: 'merge',
        reviews: [
          ['rev', 'APPROVED'],
          ['rev', 'CHANGES_REQUESTED']
        ]
      }
    ])
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(evidence.compliant).toBe(false)
    // squash 1 + merge 3 + rebase 2 + direct 1 + open 1 + merge 2 + merge 2
    expect(record.commits).toBe(12)
    const reasons = Object.fromEntries(record.unreviewed.map(u => [u.sha, u.reason]))
    expect(reasons[changes[3].onMain[0]]).toBe('pushed directly: no pull request contains it')
    expect(reasons[changes[4].onMain[0]]).toContain('not merged')
    for (const sha of changes[5].onMain)
      expect(reasons[sha]).toContain('ann approved but authored it')
    for (const sha of changes[6].onMain) expect(reasons[sha]).toContain('0 of 1')
    expect(record.unreviewed).toHaveLength(6)
    expect(evidence.unreviewed).toHaveLength(6)
    expect(evidence.summary).toMatch(/^❌ \*\*Non-compliant\*\*: 6 of 12 commits/)
  })

  it('takes the base from the newest successful deployment created before this run, sorting by id itself', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [
      { kind: 'merge' },
      { kind: 'merge' }
    ])
    const older = github.repository('acme', 'app')?.commits.keys().next().value as string
    const d = (
      sha: string,
      createdAt: string,
      statuses: Array<'success' | 'failure' | 'inactive'>,
      environment = 'production'
    ) =>
      github.deployments.seedDeployment({
        owner: 'acme',
        repo: 'app',
        environment,
        sha,
        createdAt,
        statuses
      })
    d(older, '2024-05-01T10:00:00Z', ['success'])
    const previous = d(base, '2024-05-20T10:00:00Z', ['success', 'inactive', 'success'])
    d(head, '2024-05-25T10:00:00Z', ['failure'])
    d(head, '2024-06-01T10:05:00Z', ['success']) // this run's own deployment
    d(head, '2024-05-30T10:00:00Z', ['success'], 'staging')
    github.deployments.order = 'oldest-first'
    const evidence = await gatherApprovalEvidence(
      settings({ head, githubEnvironment: 'production' }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(record.base).toBe(base)
    expect(record.base_source).toEqual({
      kind: 'github-deployment',
      deployment_id: previous.id,
      created_at: Date.parse('2024-05-20T10:00:00Z') / 1000
    })
    expect(record.commits).toBe(4)
    expect(evidence.compliant).toBe(true)
  })

  it('reviews the head alone on a first deployment, and warns with the environments deployments name', async () => {
    const { head } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'merge' }])
    github.deployments.seedDeployment({
      owner: 'acme',
      repo: 'app',
      environment: 'prod',
      sha: head,
      createdAt: '2024-05-01T10:00:00Z',
      statuses: ['success']
    })
    const evidence = await gatherApprovalEvidence(
      settings({ head, githubEnvironment: 'production' }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(record).toMatchObject({ base: null, base_source: null, commits: 1, reviewed: 1 })
    expect(record.notes[0]).toContain('first deployment')
    expect(warnings.join('\n')).toContain("Recent deployments name: 'prod'")
  })

  it('a rollback (behind) and an identical head review nothing and are compliant', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'direct' }])
    const behind = await gatherApprovalEvidence(
      settings({ head: base, commitsBase: head }),
      facts(),
      log
    )
    expect(behind.compliant).toBe(true)
    expect((behind.record as CodeReviewRecord).notes[0]).toContain('rollback')
    const same = await gatherApprovalEvidence(settings({ head, commitsBase: head }), facts(), log)
    expect(same.compliant).toBe(true)
    expect((same.record as CodeReviewRecord).commits).toBe(0)
    expect(warnings.join('\n')).toContain('nothing new is deployed')
  })

  it('a diverged base reviews the commits since the merge base', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'merge' }])
    const [side] = github.seedCommits(
      'acme',
      'app',
      [{ message: 'Hotfix', authorName: 'A', authorEmail: 'a@x', timestamp: 5, parents: [base] }],
      { branch: 'hotfix' }
    )
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: side }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(record.commits).toBe(2)
    expect(record.notes[0]).toContain('diverged')
  })

  it('a range over max-commits is an input error before any lookup', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [
      { kind: 'direct', commits: 5 }
    ])
    github.requests.length = 0
    const error = await gatherApprovalEvidence(
      settings({ head, commitsBase: base, maxCommits: 4 }),
      facts(),
      log
    ).catch(e => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).problems[0]).toContain(
      'holds 5 commits, more than max-commits (4)'
    )
    expect(github.requests.filter(r => r.path.endsWith('/pulls'))).toEqual([])
  })

  it('fails before the lookups when the estimate is over what the rate limit has left', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [
      { kind: 'squash' },
      { kind: 'squash' },
      { kind: 'direct' }
    ])
    github.setRateLimitRemaining(8)
    github.requests.length = 0
    const error = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    ).catch(e => e)
    expect(String(error)).toContain('needs about 9 GitHub requests')
    expect(String(error)).toContain('has 7 left')
    expect(String(error)).toMatch(/resets at \d{4}-/)
    expect(github.requests.map(r => r.path)).toEqual([`/repos/acme/app/compare/${base}...${head}`])
  })

  it('pages every list: reviews and commits of a pull request past 100', async () => {
    const { base, head, changes } = seedReleaseHistory(github, 'acme', 'app', [
      {
        kind: 'merge',
        commits: 120,
        reviews: [
          ...Array.from({ length: 130 }, (_, i): [string, 'COMMENTED'] => [`r${i}`, 'COMMENTED']),
          ['rev', 'APPROVED']
        ]
      }
    ])
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    )
    expect(evidence.compliant).toBe(true)
    const pages = (leaf: string) =>
      github.requests
        .filter(r => r.path === `/repos/acme/app/pulls/${changes[0].number}/${leaf}`)
        .map(r => r.query.page ?? '1')
    expect(pages('commits')).toEqual(['1', '2'])
    expect(pages('reviews')).toEqual(['1', '2'])
    expect(
      github.requests.filter(r => r.path.includes('/compare/')).map(r => r.query.page)
    ).toEqual(['1', '2'])
  })
})

describe('a compare whose next page is refused', () => {
  it('reviews what GitHub listed, with a note and a warning', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [
      { kind: 'direct', commits: 150 }
    ])
    const firstPage = await (
      await fetch(`${github.url}/repos/acme/app/compare/${base}...${head}?per_page=100&page=1`, {
        headers: { authorization: `Bearer ${DEFAULT_GITHUB_TOKEN}` }
      })
    ).json()
    github.requests.length = 0
    github.injectFault(
      {
        status: 200,
        json: firstPage,
        headers: { link: '<https://elsewhere.example/next?page=2>; rel="next"' }
      },
      { match: { path: /\/compare\// } }
    )
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    )
    const record = evidence.record as CodeReviewRecord
    expect(record.commits).toBe(100)
    expect(record.notes.join(' ')).toContain('listed 100 of the 150 commits')
    expect(warnings.join('\n')).toContain('not to the GitHub API')
  })
})

describe("paging of a commit's pull requests", () => {
  it('follows the Link pages of GET …/commits/{sha}/pulls past 100', async () => {
    const { base, head, changes } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'direct' }])
    for (let i = 0; i < 120; i++) {
      github.pulls.seedPullRequest({ owner: 'acme', repo: 'app', commits: changes[0].onMain })
    }
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    )
    expect((evidence.record as CodeReviewRecord).pull_requests).toHaveLength(120)
    expect(
      github.requests
        .filter(r => r.path.endsWith(`/commits/${head}/pulls`))
        .map(r => r.query.page ?? '1')
    ).toEqual(['1', '2'])
    expect(evidence.unreviewed).toEqual([head])
  })
})

describe('GitHub cannot give the facts', () => {
  it('names what it could not read and the permission', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'merge' }])
    github.injectFault(
      { status: 403, body: { message: 'Resource not accessible by integration' } },
      { match: { path: /\/pulls$/ } }
    )
    const error = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      facts(),
      log
    ).catch(e => e)
    expect(String(error)).toContain('Could not read the pull requests of commit')
    expect(String(error)).toContain('HTTP 403')
    expect(String(error)).toContain('pull-requests: read')
  })

  it("deployment-approval: the run's reviews need actions: read", async () => {
    github.injectFault({ status: 404 }, { match: { path: /approvals$/ } })
    const error = await gatherApprovalEvidence(
      settings({ evidence: 'deployment-approval', githubEnvironment: 'production' }),
      facts(),
      log
    ).catch(e => e)
    expect(String(error)).toContain('Could not read the review history of run 77')
    expect(String(error)).toContain('actions: read')
  })
})

describe('the one GitHub client', () => {
  it('waits out a rate limit and goes on (the reader retries after x-ratelimit-reset)', async () => {
    const { base, head } = seedReleaseHistory(github, 'acme', 'app', [{ kind: 'merge' }])
    github.injectRateLimit({ times: 1, resetInSeconds: 1, match: { path: /\/pulls$/ } })
    const patient = new ReleaseFacts(
      createGitHubReader({
        token: DEFAULT_GITHUB_TOKEN,
        baseUrl: github.url,
        maxRetries: 1,
        timeoutMs: 10_000,
        retryBaseMs: 10,
        log
      }),
      { owner: 'acme', repo: 'app' },
      log
    )
    const evidence = await gatherApprovalEvidence(
      settings({ head, commitsBase: base }),
      patient,
      log
    )
    expect(evidence.compliant).toBe(true)
    expect(github.requests.filter(r => r.path.endsWith('/pulls')).map(r => r.status)).toEqual([
      403, 200
    ])
  })

  it('reads GitHub Enterprise Server under GITHUB_API_URL (/api/v3), paging through its own links', async () => {
    const ghes = await startGitHubServer({ apiPrefix: '/api/v3', enterpriseVersion: '3.17.0' })
    try {
      ghes.seedRepository({ owner: 'acme', repo: 'app' })
      ghes.seedLinearHistory('acme', 'app', 1)
      const { base, head } = seedReleaseHistory(ghes, 'acme', 'app', [
        { kind: 'merge', commits: 150 }
      ])
      const onGhes = new ReleaseFacts(
        createGitHubReader({
          token: DEFAULT_GITHUB_TOKEN,
          baseUrl: `${ghes.url}/api/v3`,
          maxRetries: 0,
          timeoutMs: 10_000,
          log
        }),
        { owner: 'acme', repo: 'app' },
        log
      )
      const evidence = await gatherApprovalEvidence(
        settings({ head, commitsBase: base }),
        onGhes,
        log
      )
      expect(evidence.compliant).toBe(true)
      expect((evidence.record as CodeReviewRecord).commits).toBe(151)
      expect(ghes.requests.every(r => r.path.startsWith('/api/v3/'))).toBe(true)
      expect(ghes.requests.filter(r => r.path.includes('/compare/'))).toHaveLength(2)
    } finally {
      await ghes.close()
    }
  })
})

describe('deployment-approval', () => {
  it("reads the run's review history and says what did not count", async () => {
    github.deployments.seedRunReview('acme', 'app', 77, {
      environments: ['production'],
      state: 'approved',
      login: 'dev'
    })
    github.deployments.seedRunReview('acme', 'app', 77, {
      environments: ['production'],
      state: 'pending',
      login: 'bob'
    })
    const evidence = await gatherApprovalEvidence(
      settings({ evidence: 'deployment-approval', githubEnvironment: 'production' }),
      facts(),
      log
    )
    expect(evidence.compliant).toBe(false)
    expect(evidence.summary).toMatch(/^❌ \*\*Non-compliant\*\*: 0 of 1 required approvals/)
    expect(evidence.summary).toContain('self-approval')
    expect(evidence.summary).toContain('pending')
    expect(github.requests).toHaveLength(1)
  })
})

import { describe, expect, it } from '@jest/globals'
import {
  approvers,
  foundPullRequest,
  foundPullRequestSchema,
  pullRequestState,
  signatureOf
} from '../../src/evidence/pull-requests.js'
import { pullRequestWaits } from '../../src/github/pulls.js'
import {
  type GitHubPull,
  type GitHubPullCommit,
  type GitHubReview,
  githubPullCommitSchema,
  githubPullSchema,
  githubReviewSchema
} from '../../src/github/schemas.js'

const MERGE = 'a1'.repeat(20)
const HEAD = 'b2'.repeat(20)

function pull(overrides: Partial<GitHubPull> = {}): GitHubPull {
  return {
    number: 7,
    html_url: 'https://github.com/acme/app/pull/7',
    state: 'closed',
    title: 'Add login',
    user: { login: 'octocat' },
    created_at: '2024-05-01T10:00:00Z',
    merged_at: '2024-05-02T10:00:00Z',
    merge_commit_sha: MERGE,
    head: { ref: 'feature/login' },
    base: { ref: 'main' },
    ...overrides
  }
}

function review(login: string, state: string, at: string): GitHubReview {
  return { user: { login }, state, submitted_at: at }
}

const COMMIT: GitHubPullCommit = {
  sha: HEAD,
  html_url: `https://github.com/acme/app/commit/${HEAD}`,
  author: { login: 'mona' },
  commit: {
    message: 'Add login form\n\nWith validation.',
    author: { name: 'Mona Lisa', email: 'mona@example.com', date: '2024-05-01T09:00:00Z' },
    committer: { date: '2024-05-01T09:30:00Z' }
  }
}

describe('foundPullRequest', () => {
  it('shapes a merged pull request with its merge commit, approvers and commits', () => {
    const entry = foundPullRequest(
      pull(),
      [review('hubot', 'APPROVED', '2024-05-01T12:00:00Z')],
      [COMMIT]
    )
    expect(foundPullRequestSchema.parse(entry)).toEqual(entry)
    expect(entry).toEqual({
      url: 'https://github.com/acme/app/pull/7',
      state: 'MERGED',
      author: 'octocat',
      title: 'Add login',
      created_at: 1714557600,
      merged_at: 1714644000,
      head_ref: 'feature/login',
      base_ref: 'main',
      merge_commit: MERGE,
      approvers: [{ username: 'hubot', state: 'APPROVED', timestamp: 1714564800 }],
      commits: [
        {
          sha1: HEAD,
          message: 'Add login form',
          author: 'Mona Lisa <mona@example.com>',
          author_username: 'mona',
          timestamp: 1714554000,
          branch: 'feature/login',
          url: `https://github.com/acme/app/commit/${HEAD}`
        }
      ]
    })
  })

  it('sends merge_commit null (never "") for an open pull request, even with a test merge sha', () => {
    const entry = foundPullRequest(pull({ state: 'open', merged_at: null }), [], [])
    expect(entry.state).toBe('OPEN')
    expect(entry.merge_commit).toBeNull()
    expect(entry).not.toHaveProperty('merged_at')
    expect(entry.approvers).toEqual([])
    expect(entry.commits).toEqual([])
  })

  it('leaves out what GitHub does not know rather than sending empty values', () => {
    const commit: GitHubPullCommit = {
      sha: HEAD,
      author: null,
      commit: { message: 'x', author: null, committer: null }
    }
    expect(foundPullRequest(pull(), [], [commit]).commits).toEqual([
      { sha1: HEAD, message: 'x', branch: 'feature/login' }
    ])
  })

  it('records a deleted account (GitHub sends user: null) as "", as the CLI does, never ghost', () => {
    const entry = foundPullRequest(pull({ user: null }), [], [])
    expect(entry.author).toBe('')
    expect(foundPullRequestSchema.parse(entry)).toEqual(entry)
  })

  it('records a deleted account GitHub\'s REST API answers as its ghost user as "", never ghost', () => {
    // REST gives a deleted author as the placeholder account github.com/ghost, GraphQL as null.
    const ghost = { login: 'ghost', id: 10137, type: 'User' }
    const restPull = githubPullSchema.parse({ ...pull(), user: ghost })
    const restCommit = githubPullCommitSchema.parse({ ...COMMIT, author: ghost })
    const restReview = githubReviewSchema.parse({
      user: ghost,
      state: 'APPROVED',
      submitted_at: '2024-05-01T12:00:00Z'
    })
    const entry = foundPullRequest(restPull, [restReview], [restCommit])
    expect(entry.author).toBe('')
    expect(JSON.stringify(entry)).not.toContain('ghost')
    expect(entry.commits[0]).not.toHaveProperty('author_username')
  })

  it("carries each commit's signature check from GitHub's verification object", () => {
    const signed = (
      verification: GitHubPullCommit['commit']['verification']
    ): GitHubPullCommit => ({
      ...COMMIT,
      commit: { ...COMMIT.commit, verification }
    })
    const [good, unsigned, bad, none] = foundPullRequest(
      pull(),
      [],
      [
        signed({ verified: true, reason: 'valid' }),
        signed({ verified: false, reason: 'unsigned' }),
        signed({ verified: false, reason: 'malformed_signature' }),
        signed(undefined)
      ]
    ).commits
    expect(good).toMatchObject({ verified: true, signature_state: 'VALID' })
    expect(bad).toMatchObject({ verified: false, signature_state: 'MALFORMED_SIG' })
    for (const entry of [unsigned, none]) {
      expect(entry).not.toHaveProperty('verified')
      expect(entry).not.toHaveProperty('signature_state')
    }
  })
})

describe('signatureOf', () => {
  it.each([
    [
      { verified: true, reason: 'valid' },
      { verified: true, signature_state: 'VALID' }
    ],
    [{ verified: false, reason: 'unsigned' }, {}],
    [
      { verified: false, reason: 'bad_email' },
      { verified: false, signature_state: 'BAD_EMAIL' }
    ],
    [
      { verified: false, reason: 'unknown_key' },
      { verified: false, signature_state: 'UNKNOWN_KEY' }
    ],
    [
      { verified: false, reason: 'malformed_signature' },
      { verified: false, signature_state: 'MALFORMED_SIG' }
    ],
    [
      { verified: false, reason: 'unknown_signature_type' },
      { verified: false, signature_state: 'UNKNOWN_SIG_TYPE' }
    ],
    [
      { verified: false, reason: 'gpgverify_unavailable' },
      { verified: false, signature_state: 'GPGVERIFY_UNAVAILABLE' }
    ],
    [null, {}],
    [undefined, {}]
  ])('maps %j to %j', (given, expected) => {
    expect(signatureOf(given)).toEqual(expected)
  })
})

describe('pullRequestState', () => {
  it('is MERGED for a closed pull request with a merge, else CLOSED or OPEN', () => {
    expect(pullRequestState({ state: 'closed', merged_at: '2024-05-02T10:00:00Z' })).toBe('MERGED')
    expect(pullRequestState({ state: 'closed', merged_at: null })).toBe('CLOSED')
    expect(pullRequestState({ state: 'open' })).toBe('OPEN')
  })
})

describe('approvers', () => {
  it("counts each reviewer's latest deciding review; comments change nothing", () => {
    const reviews = [
      review('ada', 'APPROVED', '2024-05-01T10:00:00Z'),
      review('ada', 'COMMENTED', '2024-05-01T11:00:00Z'),
      review('bob', 'APPROVED', '2024-05-01T10:30:00Z'),
      review('bob', 'CHANGES_REQUESTED', '2024-05-01T12:00:00Z'),
      review('cy', 'CHANGES_REQUESTED', '2024-05-01T09:00:00Z'),
      review('cy', 'APPROVED', '2024-05-01T09:45:00Z'),
      review('dee', 'APPROVED', '2024-05-01T08:00:00Z'),
      review('dee', 'DISMISSED', '2024-05-01T08:30:00Z'),
      { user: { login: 'eve' }, state: 'PENDING', submitted_at: null },
      { user: null, state: 'APPROVED', submitted_at: '2024-05-01T08:00:00Z' }
    ]
    expect(approvers(reviews)).toEqual([
      { username: 'cy', state: 'APPROVED', timestamp: Date.parse('2024-05-01T09:45:00Z') / 1000 },
      { username: 'ada', state: 'APPROVED', timestamp: Date.parse('2024-05-01T10:00:00Z') / 1000 }
    ])
  })
})

describe('pullRequestWaits', () => {
  it('grows and adds up to the wait given', () => {
    expect(pullRequestWaits(15)).toEqual([1, 2, 4, 8])
    expect(pullRequestWaits(20)).toEqual([1, 2, 4, 8, 5])
    expect(pullRequestWaits(0)).toEqual([])
    expect(pullRequestWaits(1)).toEqual([1])
    const long = pullRequestWaits(300)
    expect(long.reduce((a, b) => a + b, 0)).toBe(300)
    expect(Math.max(...long)).toBe(60)
  })
})

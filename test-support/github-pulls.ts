import { createHash } from 'node:crypto'
import type { Answer, StandInRequest } from './http-stand-in.js'

// Pull requests, their reviews and their commits, as GitHub's REST API serves them
// (docs.github.com/rest/pulls and /rest/commits/commits#list-pull-requests-associated-with-a-commit).

const DOCS = 'https://docs.github.com/rest'

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING'

export interface SeedPullRequestInput {
  owner: string
  repo: string
  /** Default: the next number in the repository. */
  number?: number
  title?: string
  /** The author's login (default 'octocat'); null: a deleted account (GitHub sends user: null). */
  author?: string | null
  /** Default 'open'; 'merged' is a closed pull request with merged_at and a merge commit. */
  state?: 'open' | 'closed' | 'merged'
  headRef?: string
  baseRef?: string
  /** The pull request's commits, oldest first: shas of commits seeded in the repository. */
  commits: string[]
  /** For a merged pull request (default: a sha derived from the number). */
  mergeCommitSha?: string
  /** ISO times; defaults are fixed. */
  createdAt?: string
  mergedAt?: string
  /** Commits GitHub also associates with it, as it does with the commits a rebase merge wrote. */
  alsoAssociated?: string[]
}

export interface SeededPullRequest {
  owner: string
  repo: string
  number: number
  title: string
  author: string | null
  state: 'open' | 'closed'
  merged: boolean
  headRef: string
  baseRef: string
  commits: string[]
  mergeCommitSha: string | null
  createdAt: string
  mergedAt: string | null
  alsoAssociated: string[]
  reviews: SeededReview[]
}

export interface SeededReview {
  id: number
  login: string
  state: ReviewState
  /** Absent for a PENDING review, as on GitHub. */
  submittedAt: string | null
}

/** What the GitHub stand-in shares with these routes. */
export interface PullsHost {
  readonly url: string
  readonly serverUrl: string
  repository(
    owner: string,
    repo: string
  ): { owner: string; repo: string; private: boolean } | undefined
  /** Whether the repository holds the commit: a pull request lists seeded commits only. */
  commit(owner: string, repo: string, sha: string): object | undefined
  commitObject(owner: string, repo: string, sha: string): Record<string, unknown> | undefined
}

export class GitHubPulls {
  private pulls = new Map<string, SeededPullRequest[]>()
  private notAssociated = new Map<string, number>()
  private nextReviewId = 1

  constructor(private readonly host: PullsHost) {}

  reset(): void {
    this.pulls = new Map()
    this.notAssociated = new Map()
    this.nextReviewId = 1
  }

  seedPullRequest(input: SeedPullRequestInput): SeededPullRequest {
    const list = this.pullsOf(input.owner, input.repo)
    for (const sha of input.commits) {
      if (!this.host.commit(input.owner, input.repo, sha)) {
        throw new Error(
          `seedPullRequest: no commit ${sha} in ${input.owner}/${input.repo}: seedCommits() first`
        )
      }
    }
    const number = input.number ?? list.reduce((max, p) => Math.max(max, p.number), 0) + 1
    const merged = input.state === 'merged'
    const pull: SeededPullRequest = {
      owner: input.owner,
      repo: input.repo,
      number,
      title: input.title ?? `Pull request ${number}`,
      author: input.author === undefined ? 'octocat' : input.author,
      state: input.state === 'open' || input.state === undefined ? 'open' : 'closed',
      merged,
      headRef: input.headRef ?? `feature-${number}`,
      baseRef: input.baseRef ?? 'main',
      commits: [...input.commits],
      mergeCommitSha: merged
        ? (input.mergeCommitSha ?? createHash('sha1').update(`merge ${number}`).digest('hex'))
        : null,
      createdAt: input.createdAt ?? '2024-05-01T10:00:00Z',
      mergedAt: merged ? (input.mergedAt ?? '2024-05-02T10:00:00Z') : null,
      alsoAssociated: [...(input.alsoAssociated ?? [])],
      reviews: []
    }
    list.push(pull)
    return pull
  }

  seedReview(
    owner: string,
    repo: string,
    number: number,
    login: string,
    state: ReviewState,
    submittedAt?: string
  ): SeededReview {
    const pull = this.pullsOf(owner, repo).find(p => p.number === number)
    if (!pull) throw new Error(`seedReview: no pull request #${number} in ${owner}/${repo}`)
    const review: SeededReview = {
      id: this.nextReviewId++,
      login,
      state,
      submittedAt: state === 'PENDING' ? null : (submittedAt ?? '2024-05-01T12:00:00Z')
    }
    pull.reviews.push(review)
    return review
  }

  /** The next `calls` lists of pull requests for the commit answer `[]`, as while GitHub links them. */
  notYetAssociated(owner: string, repo: string, sha: string, calls: number): void {
    this.notAssociated.set(key(owner, repo, sha), calls)
  }

  pullRequests(owner: string, repo: string): SeededPullRequest[] {
    return this.pullsOf(owner, repo)
  }

  /** The routes of this module; undefined for any other request. */
  handle(req: StandInRequest, auth: 'none' | 'ok'): Answer | undefined {
    const s = req.segments
    if (s[0] !== 'repos' || s.length !== 6) return undefined
    const [, owner, repo, resource, id, leaf] = s
    const route =
      resource === 'commits' && leaf === 'pulls'
        ? 'pulls-for-commit'
        : resource === 'pulls' && (leaf === 'reviews' || leaf === 'commits')
          ? leaf
          : undefined
    if (!route) return undefined
    if (req.method !== 'GET') return ghError(404, 'Not Found', DOCS)
    const repository = this.host.repository(owner, repo)
    if (!repository || (repository.private && auth === 'none')) {
      return ghError(404, 'Not Found', `${DOCS}/repos/repos#get-a-repository`)
    }
    const paging = pagingOf(req)
    if (route === 'pulls-for-commit') {
      const waiting = this.notAssociated.get(key(owner, repo, id)) ?? 0
      if (waiting > 0) {
        this.notAssociated.set(key(owner, repo, id), waiting - 1)
        return { status: 200, body: [] }
      }
      if (!this.host.commit(owner, repo, id)) {
        return ghError(422, `No commit found for SHA: ${id}`, `${DOCS}/commits/commits`)
      }
      const found = this.pullsOf(owner, repo).filter(
        p => p.commits.includes(id) || p.mergeCommitSha === id || p.alsoAssociated.includes(id)
      )
      return this.page(
        req,
        paging,
        found.map(p => this.pullJson(p))
      )
    }
    const pull = /^[0-9]+$/.test(id)
      ? this.pullsOf(owner, repo).find(p => p.number === Number(id))
      : undefined
    if (!pull) return ghError(404, 'Not Found', `${DOCS}/pulls/pulls`)
    if (route === 'reviews')
      return this.page(
        req,
        paging,
        pull.reviews.map(r => this.reviewJson(pull, r))
      )
    // GitHub lists at most 250 commits of a pull request.
    return this.page(
      req,
      paging,
      pull.commits.slice(0, 250).map(sha => this.host.commitObject(pull.owner, pull.repo, sha))
    )
  }

  private pullsOf(owner: string, repo: string): SeededPullRequest[] {
    const k = key(owner, repo)
    const list = this.pulls.get(k) ?? []
    this.pulls.set(k, list)
    return list
  }

  private page(req: StandInRequest, paging: Paging, items: unknown[]): Answer {
    const { page, perPage } = paging
    const lastPage = Math.max(Math.ceil(items.length / perPage), 1)
    const headers: Record<string, string> = {}
    if (lastPage > 1) {
      const at = (n: number): string => {
        const query = new URLSearchParams(req.query)
        query.set('page', String(n))
        return `<${this.host.url}${req.path}?${query.toString()}>`
      }
      const links: string[] = []
      if (page > 1) links.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`)
      if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`)
      if (page > 1) links.push(`${at(1)}; rel="first"`)
      headers.link = links.join(', ')
    }
    return { status: 200, headers, body: items.slice((page - 1) * perPage, page * perPage) }
  }

  private user(login: string): Record<string, unknown> {
    const id = stableNumber(login)
    return {
      login,
      id,
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      url: `${this.host.url}/users/${login}`,
      html_url: `${this.host.serverUrl}/${login}`,
      type: 'User',
      site_admin: false
    }
  }

  private pullJson(p: SeededPullRequest): Record<string, unknown> {
    const api = `${this.host.url}/repos/${p.owner}/${p.repo}`
    const web = `${this.host.serverUrl}/${p.owner}/${p.repo}`
    const head = p.commits[p.commits.length - 1] ?? null
    const closedAt = p.state === 'closed' ? (p.mergedAt ?? '2024-05-02T10:00:00Z') : null
    return {
      url: `${api}/pulls/${p.number}`,
      id: stableNumber(`${p.owner}/${p.repo}#${p.number}`),
      html_url: `${web}/pull/${p.number}`,
      number: p.number,
      state: p.state,
      locked: false,
      title: p.title,
      user: p.author === null ? null : this.user(p.author),
      body: null,
      created_at: p.createdAt,
      updated_at: p.mergedAt ?? p.createdAt,
      closed_at: closedAt,
      merged_at: p.mergedAt,
      // GitHub fills this for open pull requests too (the test merge commit).
      merge_commit_sha:
        p.mergeCommitSha ?? createHash('sha1').update(`test-merge ${p.number}`).digest('hex'),
      draft: false,
      head: { label: `${p.owner}:${p.headRef}`, ref: p.headRef, sha: head },
      base: { label: `${p.owner}:${p.baseRef}`, ref: p.baseRef, sha: null },
      author_association: 'MEMBER'
    }
  }

  private reviewJson(p: SeededPullRequest, r: SeededReview): Record<string, unknown> {
    const web = `${this.host.serverUrl}/${p.owner}/${p.repo}/pull/${p.number}`
    return {
      id: r.id,
      user: this.user(r.login),
      body: '',
      state: r.state,
      html_url: `${web}#pullrequestreview-${r.id}`,
      pull_request_url: `${this.host.url}/repos/${p.owner}/${p.repo}/pulls/${p.number}`,
      ...(r.submittedAt ? { submitted_at: r.submittedAt } : {}),
      commit_id: p.commits[p.commits.length - 1] ?? null,
      author_association: 'MEMBER'
    }
  }
}

interface Paging {
  page: number
  perPage: number
}

/** per_page defaults to 30 and is capped at 100; page defaults to 1, as on GitHub. */
function pagingOf(req: StandInRequest): Paging {
  const page = req.query.get('page')
  const perPage = req.query.get('per_page')
  const number = (v: string | null, fallback: number): number =>
    v !== null && /^[0-9]+$/.test(v) && Number(v) > 0 ? Number(v) : fallback
  return { page: number(page, 1), perPage: Math.min(number(perPage, 30), 100) }
}

function ghError(status: number, message: string, documentationUrl: string): Answer {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } }
}

function key(...parts: string[]): string {
  return parts.join('/').toLowerCase()
}

function stableNumber(text: string): number {
  return (createHash('sha256').update(text).digest().readUInt32BE(0) % 900_000_000) + 100_000_000
}

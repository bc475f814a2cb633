import { z } from 'zod'
import {
  type GitHubPull,
  type GitHubPullCommit,
  type GitHubReview,
  githubPullCommitSchema,
  githubPullSchema,
  githubReviewSchema,
  githubUserSchema
} from './schemas.js'
import { HttpError } from '../http/request.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import { MAX_PAGES, nextPage } from './paging.js'
import { type GitHubClient, type GitHubRead, GitHubApiError, apiPath } from './reader.js'

// The GitHub facts behind the deployment-approval and code-review evidence: the run's reviews,
// the environment's deployments, the release's commits and their pull requests. Every read goes
// through the one GitHub client, at most IN_FLIGHT at a time.

/** The most GitHub requests this step keeps in flight. */
export const IN_FLIGHT = 4
/** GitHub lists at most 250 commits of a pull request. */
export const PULL_COMMITS_LISTED = 250
const DEPLOYMENT_PAGES = 5

/** GitHub could not give a fact: what could not be read, and the permission that would let it. */
export class GitHubFactsError extends Error {
  constructor(
    message: string,
    /** The answer was over the body cap. */
    readonly tooLarge = false
  ) {
    super(message)
    this.name = 'GitHubFactsError'
  }
}

/** The reads, limited to IN_FLIGHT at once, and the rate limit the last answer reported. */
export class ReleaseFacts {
  private active = 0
  private readonly waiting: Array<() => void> = []
  /** The lowest x-ratelimit-remaining seen, with its reset. */
  rateLimit: { remaining: number; reset: number } | undefined
  /** Requests sent, for the log. */
  requests = 0

  constructor(
    private readonly client: GitHubClient,
    private readonly repo: { owner: string; repo: string },
    private readonly log: Log
  ) {}

  /** GET one path (or a next-page URL) within the in-flight limit; errors name what and why. */
  async get(
    path: string,
    what: string,
    permission: string,
    query?: Record<string, string | number>
  ): Promise<GitHubRead> {
    // A finished request hands its slot to the next waiting one, so no newcomer can slip in.
    if (this.active >= IN_FLIGHT) await new Promise<void>(resolve => this.waiting.push(resolve))
    else this.active++
    this.requests++
    try {
      const read = await this.client.get(path, query)
      if (
        read.rateLimit &&
        (!this.rateLimit || read.rateLimit.remaining <= this.rateLimit.remaining)
      )
        this.rateLimit = read.rateLimit
      return read
    } catch (error) {
      throw cannotRead(what, permission, error)
    } finally {
      const next = this.waiting.shift()
      if (next) next()
      else this.active--
    }
  }

  /** Every page of a list (per_page 100), through same-origin Link headers, at most `maxPages`. */
  async list<T>(
    path: string,
    schema: z.ZodType<T>,
    what: string,
    permission: string,
    options: { query?: Record<string, string | number>; maxPages?: number } = {}
  ): Promise<{ items: T[]; complete: boolean }> {
    const items: T[] = []
    const maxPages = options.maxPages ?? MAX_PAGES
    let read = await this.get(path, what, permission, { ...options.query, per_page: 100 })
    for (let page = 1; ; page++) {
      items.push(...parsed(z.array(schema), read.data, what))
      const next = nextPage(read.link, this.client)
      if (!next) return { items, complete: true }
      if ('refused' in next) {
        this.log.warning(`GitHub ${what}: ${next.refused}; using the first ${page} pages.`)
        return { items, complete: false }
      }
      if (page >= maxPages) return { items, complete: false }
      read = await this.get(next.url, what, permission)
    }
  }

  private path(...rest: Array<string | number>): string {
    return apiPath('repos', this.repo.owner, this.repo.repo, ...rest.map(String))
  }

  /** The run's review history: one unpaged list. */
  async runReviews(runId: string): Promise<RunReview[]> {
    const what = `the review history of run ${runId} (GET …/actions/runs/${runId}/approvals)`
    const read = await this.get(
      this.path('actions', 'runs', runId, 'approvals'),
      what,
      'actions: read'
    )
    return parsed(z.array(runReviewSchema), read.data, what).map(entry => ({
      environments: entry.environments.flatMap(e => (e.name === undefined ? [] : [e.name])),
      state: entry.state,
      reviewer: entry.user?.login ?? '',
      comment: entry.comment ?? ''
    }))
  }

  /** When this run was created: deployments before it belong to earlier runs. */
  async workflowRun(runId: string): Promise<{ createdAt: string }> {
    const what = `workflow run ${runId} (GET …/actions/runs/${runId})`
    const read = await this.get(this.path('actions', 'runs', runId), what, 'actions: read', {
      exclude_pull_requests: 'true'
    })
    const run = parsed(z.object({ created_at: z.string() }), read.data, what)
    return { createdAt: run.created_at }
  }

  /**
   * The newest deployment to `environment` created before `before` whose status with the highest
   * id is `success`; ordered by id here, as GitHub documents no order.
   */
  async lastSuccessfulDeployment(
    environment: string,
    before: string
  ): Promise<{ deployment?: Deployment; listed: number; truncated: boolean }> {
    const what = `the deployments to environment '${inert(environment)}' (GET …/deployments)`
    const { items, complete } = await this.list(
      this.path('deployments'),
      deploymentSchema,
      what,
      'deployments: read',
      { query: { environment }, maxPages: DEPLOYMENT_PAGES }
    )
    const cutoff = Date.parse(before)
    const candidates = items
      .filter(d => Date.parse(d.created_at) < cutoff)
      .sort((a, b) => b.id - a.id)
    for (const candidate of candidates) {
      const statusWhat = `the statuses of deployment ${candidate.id} (GET …/deployments/${candidate.id}/statuses)`
      const read = await this.get(
        this.path('deployments', candidate.id, 'statuses'),
        statusWhat,
        'deployments: read',
        { per_page: 100 }
      )
      const statuses = parsed(z.array(deploymentStatusSchema), read.data, statusWhat)
      const latest = statuses.reduce<(typeof statuses)[number] | undefined>(
        (best, s) => (!best || s.id > best.id ? s : best),
        undefined
      )
      if (latest?.state === 'success') {
        return {
          deployment: {
            id: candidate.id,
            sha: candidate.sha,
            createdAt: candidate.created_at,
            environment: candidate.environment
          },
          listed: items.length,
          truncated: !complete
        }
      }
    }
    return { listed: items.length, truncated: !complete }
  }

  /** The environments the most recent deployments name (one page), for a misspelt name. */
  async recentEnvironments(): Promise<string[]> {
    const what = 'the recent deployments (GET …/deployments)'
    const read = await this.get(this.path('deployments'), what, 'deployments: read', {
      per_page: 100
    })
    const names = parsed(z.array(deploymentSchema), read.data, what).map(d => d.environment)
    return [...new Set(names)].sort()
  }

  /** The compare of base...head, every page of 100 commits; `checkTotal` sees the count first. */
  async compare(
    base: string,
    head: string,
    checkTotal: (total: number) => void = () => {}
  ): Promise<Comparison> {
    const range = `${base}...${head}`
    const what = `the commits of ${range} (GET …/compare/${range})`
    const path = this.path('compare', range)
    let read: GitHubRead
    try {
      read = await this.get(path, what, 'contents: read', { per_page: 100, page: 1 })
    } catch (error) {
      throw tooLarge(error, range) ?? error
    }
    const first = parsed(compareSchema, read.data, what)
    checkTotal(first.total_commits)
    const commits = [...first.commits]
    for (let page = 1; commits.length < first.total_commits; page++) {
      const next = nextPage(read.link, this.client)
      if (!next) break
      if ('refused' in next) {
        this.log.warning(`GitHub ${what}: ${next.refused}.`)
        break
      }
      if (page >= MAX_PAGES) break
      try {
        read = await this.get(next.url, what, 'contents: read')
      } catch (error) {
        throw tooLarge(error, range) ?? error
      }
      const more = parsed(compareSchema, read.data, what).commits
      if (more.length === 0) break
      commits.push(...more)
    }
    return {
      status: first.status,
      totalCommits: first.total_commits,
      commits: commits.map(rangeCommit)
    }
  }

  /** One commit, for a first deployment's head. */
  async commit(sha: string): Promise<RangeCommit> {
    const what = `commit ${sha} (GET …/commits/${sha})`
    const read = await this.get(this.path('commits', sha), what, 'contents: read')
    return rangeCommit(parsed(compareCommitSchema, read.data, what))
  }

  /** The pull requests GitHub associates with a commit. */
  async pullsOfCommit(sha: string): Promise<GitHubPull[]> {
    return (
      await this.list(
        this.path('commits', sha, 'pulls'),
        githubPullSchema,
        `the pull requests of commit ${sha} (GET …/commits/${sha}/pulls)`,
        'pull-requests: read and contents: read'
      )
    ).items
  }

  async pullReviews(pull: number): Promise<GitHubReview[]> {
    return (
      await this.list(
        this.path('pulls', pull, 'reviews'),
        githubReviewSchema,
        `the reviews of pull request #${pull} (GET …/pulls/${pull}/reviews)`,
        'pull-requests: read'
      )
    ).items
  }

  async pullCommits(pull: number): Promise<GitHubPullCommit[]> {
    return (
      await this.list(
        this.path('pulls', pull, 'commits'),
        githubPullCommitSchema,
        `the commits of pull request #${pull} (GET …/pulls/${pull}/commits)`,
        'pull-requests: read',
        { maxPages: Math.ceil(PULL_COMMITS_LISTED / 100) }
      )
    ).items
  }
}

export interface RunReview {
  environments: string[]
  state: 'approved' | 'rejected' | 'pending'
  /** The login; "" for a deleted account. */
  reviewer: string
  comment: string
}

export interface Deployment {
  id: number
  sha: string
  /** ISO time, as GitHub gives it. */
  createdAt: string
  environment: string
}

/** A commit of the release's range, as the record names it. */
export interface RangeCommit {
  sha: string
  headline: string
  /** `Name <email>`. */
  author: string
  /** The GitHub login, "" when none. */
  authorUsername: string
  url?: string
  parents: string[]
}

export interface Comparison {
  status: 'ahead' | 'behind' | 'identical' | 'diverged'
  totalCommits: number
  /** Oldest first, as GitHub lists them. */
  commits: RangeCommit[]
}

const userSchema = githubUserSchema.optional()

const runReviewSchema = z.object({
  environments: z.array(z.object({ name: z.string().optional() })),
  state: z.enum(['approved', 'rejected', 'pending']),
  user: userSchema,
  comment: z.string().nullable().optional()
})

const deploymentSchema = z.object({
  id: z.number().int(),
  sha: z.string(),
  environment: z.string(),
  created_at: z.string()
})

const deploymentStatusSchema = z.object({ id: z.number().int(), state: z.string() })

const compareCommitSchema = z.object({
  sha: z.string(),
  html_url: z.string().optional(),
  author: userSchema,
  parents: z.array(z.object({ sha: z.string() })).optional(),
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string().optional(), email: z.string().optional() }).nullable()
  })
})

const compareSchema = z.object({
  status: z.enum(['ahead', 'behind', 'identical', 'diverged']),
  total_commits: z.number().int(),
  commits: z.array(compareCommitSchema)
})

function rangeCommit(c: z.infer<typeof compareCommitSchema>): RangeCommit {
  const name = c.commit.author?.name ?? ''
  const email = c.commit.author?.email ?? ''
  return {
    sha: c.sha,
    headline: c.commit.message.split(/\r?\n/, 1)[0],
    author: `${name} <${email}>`,
    authorUsername: c.author?.login ?? '',
    ...(c.html_url ? { url: c.html_url } : {}),
    parents: (c.parents ?? []).map(p => p.sha)
  }
}

function parsed<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  throw new GitHubFactsError(
    `GitHub answered ${what} with something the action cannot read (${issue.path.join('.')}: ${issue.message}).`
  )
}

function cannotRead(what: string, permission: string, error: unknown): Error {
  if (error instanceof GitHubFactsError) return error
  const message = error instanceof Error ? error.message : String(error)
  const status = error instanceof GitHubApiError ? ` (HTTP ${error.status})` : ''
  const hint =
    error instanceof GitHubApiError && error.status === 401
      ? 'Check github-token.'
      : error instanceof GitHubApiError && (error.status === 403 || error.status === 404)
        ? `The job needs permissions: ${permission}, and github-token must reach this repository.`
        : `It needs permissions: ${permission}; try again later if GitHub is unavailable.`
  const cause = error instanceof Error ? error.cause : undefined
  return new GitHubFactsError(
    `Could not read ${what} from GitHub${status}: ${message}. ${hint}`,
    cause instanceof HttpError && cause.kind === 'too-large'
  )
}

function tooLarge(error: unknown, range: string): Error | undefined {
  if (!(error instanceof GitHubFactsError) || !error.tooLarge) return undefined
  return new GitHubFactsError(
    `${error.message} The compare of ${range} is too large to read; give commits-base to review a shorter range.`
  )
}

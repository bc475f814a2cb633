import { z } from 'zod'
import { excerpt, serverMessage } from '../http/answer.js'
import { request, type HttpAnswer, type HttpSettings } from '../http/request.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import { MAX_PAGES, nextPageOn } from './paging.js'
import { githubHeaders, githubHttpSettings, rateLimitMessage, refuseOtherOrigin } from './reader.js'
import {
  type GitHubPull,
  type GitHubPullCommit,
  type GitHubReview,
  githubPullCommitSchema,
  githubPullSchema,
  githubReviewSchema
} from './schemas.js'

// The pull requests of a commit through GitHub's REST API only (GraphQL lags behind a fresh
// merge): docs.github.com/rest/commits/commits#list-pull-requests-associated-with-a-commit

export interface PullsSettings {
  /** GITHUB_API_URL: https://api.github.com, or a GitHub Enterprise Server's /api/v3. */
  apiUrl: string
  token: string
  owner: string
  repo: string
  timeoutMs: number
  maxRetries: number
  /** The pull-request-wait input: seconds to keep asking while none is associated yet. */
  waitSeconds: number
  log: Log
  /** Waits between asks; tests pass one that returns at once. */
  sleep?: (seconds: number) => Promise<void>
}

/** A pull request as GitHub answered it, with its reviews and its commits. */
export interface PullWithDetails {
  pull: GitHubPull
  reviews: GitHubReview[]
  commits: GitHubPullCommit[]
}

export interface FoundPulls {
  pulls: PullWithDetails[]
  /** How many times the list for the commit was asked. */
  asks: number
}

/** A GitHub answer the action cannot use, with what to do. */
export class GitHubPullsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GitHubPullsError'
  }
}

const sleepSeconds = (seconds: number): Promise<void> =>
  new Promise(resolve => setTimeout(resolve, seconds * 1000))

/**
 * The pull requests associated with `sha`, each with its reviews and commits (all pages). While
 * GitHub associates none yet, the list is asked again with growing waits, within waitSeconds.
 */
export async function findPullRequests(sha: string, settings: PullsSettings): Promise<FoundPulls> {
  const http = githubHttpSettings({
    token: settings.token,
    baseUrl: settings.apiUrl,
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    log: settings.log
  })
  const base = settings.apiUrl.replace(/\/+$/, '')
  const repoPath = `/repos/${encodeURIComponent(settings.owner)}/${encodeURIComponent(settings.repo)}`
  const list = <T>(path: string, schema: z.ZodType<T>): Promise<T[]> =>
    listAll(`${base}${repoPath}${path}`, schema, base, settings, http)

  const waits = pullRequestWaits(settings.waitSeconds)
  const sleep = settings.sleep ?? sleepSeconds
  let asks = 0
  let pulls: GitHubPull[] = []
  for (;;) {
    asks++
    pulls = await list(`/commits/${encodeURIComponent(sha)}/pulls`, githubPullSchema)
    const wait = waits[asks - 1]
    if (pulls.length > 0 || wait === undefined) break
    settings.log.info(
      `GitHub associates no pull request with ${sha} yet; asking again in ${wait} s (pull-request-wait).`
    )
    await sleep(wait)
  }
  const found: PullWithDetails[] = []
  for (const pull of pulls) {
    const [reviews, commits] = await Promise.all([
      list(`/pulls/${pull.number}/reviews`, githubReviewSchema),
      list(`/pulls/${pull.number}/commits`, githubPullCommitSchema)
    ])
    found.push({ pull, reviews, commits })
  }
  return { pulls: found, asks }
}

async function listAll<T>(
  first: string,
  schema: z.ZodType<T>,
  apiBase: string,
  settings: PullsSettings,
  http: HttpSettings
): Promise<T[]> {
  const items: T[] = []
  let url: string | undefined = withPerPage(first)
  const origin = new URL(apiBase).origin
  for (let page = 1; url !== undefined; page++) {
    const target = new URL(url)
    refuseOtherOrigin(target, origin)
    // The token goes to the API only; a redirect elsewhere is reported, not followed.
    const headers = githubHeaders(settings.token)
    const answer = await request({ method: 'GET', url: target, headers, redirect: 'manual' }, http)
    const where = `GET ${target.pathname}`
    if (answer.status < 200 || answer.status >= 300) {
      throw new GitHubPullsError(failure(where, answer, [settings.token]))
    }
    let json: unknown
    try {
      json = JSON.parse(answer.body.toString('utf8'))
    } catch {
      throw new GitHubPullsError(
        `GitHub ${where} answered ${answer.status}, but not with JSON; check that GITHUB_API_URL (${inert(apiBase)}) is the GitHub API.`
      )
    }
    const parsed = z.array(schema).safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new GitHubPullsError(
        `GitHub ${where} answered a list the action cannot read (${issue.path.join('.')}: ${issue.message}).`
      )
    }
    items.push(...parsed.data)
    const next = nextPageOn(answer.headers.get('link') ?? undefined, apiBase)
    if (next && 'refused' in next) {
      settings.log.warning(`GitHub ${where}: ${next.refused}; using the first ${page} pages.`)
      break
    }
    if (next && page >= MAX_PAGES) {
      settings.log.warning(
        `GitHub ${where}: stopped after ${MAX_PAGES} pages; using what they hold.`
      )
      break
    }
    url = next?.url
  }
  return items
}

function withPerPage(url: string): string {
  const u = new URL(url)
  u.searchParams.set('per_page', '100')
  return u.href
}

function failure(where: string, answer: HttpAnswer, secrets: readonly string[]): string {
  const { status, statusText } = answer
  const message = serverMessage(answer.body.toString('utf8'), secrets)
  const limited = rateLimitMessage(status, answer.headers, message)
  if (limited) return `GitHub ${where}: ${limited}. Try again later.`
  const said = message ? `: ${inert(excerpt(message, 300, secrets))}` : ''
  const hint =
    status === 401
      ? 'Check github-token.'
      : status === 403 || status === 404
        ? 'The job needs permissions: pull-requests: read and contents: read, and github-token must reach this repository.'
        : status === 422
          ? 'Check git-commit: GitHub does not know this commit in the repository.'
          : 'Try again later.'
  return `GitHub ${where} failed with ${status} ${statusText}${said}. ${hint}`
}

/**
 * Waits in seconds between asks while GitHub associates no pull request with the commit yet:
 * 1, 2, 4, … with the last one cut so that all of them add up to `totalSeconds`.
 */
export function pullRequestWaits(totalSeconds: number): number[] {
  const waits: number[] = []
  let left = Math.max(0, Math.floor(totalSeconds))
  let next = 1
  while (left > 0) {
    const wait = Math.min(next, left)
    waits.push(wait)
    left -= wait
    next = Math.min(next * 2, 60)
  }
  return waits
}

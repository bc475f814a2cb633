import { z } from 'zod'
import { excerpt, serverMessage } from '../http/answer.js'
import { API_BODY_CAP, USER_AGENT, request, type HttpSettings } from '../http/request.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import {
  type FoundPullRequest,
  type GitHubPull,
  foundPullRequest,
  githubPullCommitSchema,
  githubPullSchema,
  githubReviewSchema,
  pullRequestWaits
} from '../evidence/pull-requests.js'
import { MAX_PAGES, nextPageOn } from './paging.js'

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

export interface FoundPulls {
  pulls: FoundPullRequest[]
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
  const http: HttpSettings = {
    service: 'GitHub',
    timeoutMs: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    bodyCap: API_BODY_CAP,
    secrets: () => [settings.token],
    log: settings.log
  }
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
  const found: FoundPullRequest[] = []
  for (const pull of pulls) {
    const [reviews, commits] = await Promise.all([
      list(`/pulls/${pull.number}/reviews`, githubReviewSchema),
      list(`/pulls/${pull.number}/commits`, githubPullCommitSchema)
    ])
    found.push(foundPullRequest(pull, reviews, commits))
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
  for (let page = 1; url !== undefined; page++) {
    const answer = await request(
      {
        method: 'GET',
        url: new URL(url),
        headers: {
          Accept: 'application/vnd.github+json',
          Authorization: `Bearer ${settings.token}`,
          'X-GitHub-Api-Version': '2022-11-28',
          'User-Agent': USER_AGENT
        },
        // The token goes to the API only; a redirect elsewhere is reported, not followed.
        redirect: 'manual'
      },
      http
    )
    const where = `GET ${new URL(url).pathname}`
    if (answer.status < 200 || answer.status >= 300) {
      throw new GitHubPullsError(
        failure(where, answer.status, answer.statusText, answer.body, [settings.token])
      )
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

function failure(
  where: string,
  status: number,
  statusText: string,
  body: Buffer,
  secrets: readonly string[]
): string {
  const message = serverMessage(body.toString('utf8'), secrets)
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

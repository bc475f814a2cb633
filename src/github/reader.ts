import { isObject, serverMessage } from '../http/answer.js'
import {
  HttpError,
  USER_AGENT,
  apiHttpSettings,
  request,
  type HttpSettings
} from '../http/request.js'
import { coreLog, redactedCut, redactingLog, type Log } from '../redact.js'

/**
 * The GitHub REST reads provenance makes (a commit, a compare, the repository): GET and JSON only.
 * Octokit is loaded only by the stages that write to GitHub, so a report starts without it.
 */
export interface GitHubClient {
  /** The API's base URL (GITHUB_API_URL), without a trailing slash. */
  readonly baseUrl: string
  /**
   * GETs `path` under the API (`/repos/acme/app/commits/…`), or a full URL on the API's own
   * origin (a `Link: rel="next"` page). Throws GitHubApiError on an error answer.
   */
  get(path: string, query?: Record<string, string | number>): Promise<GitHubRead>
}

export interface GitHubRead {
  data: unknown
  /** The Link header, for paging. */
  link?: string
  /** GitHub's x-ratelimit-remaining and x-ratelimit-reset (Unix seconds), when it sent them. */
  rateLimit?: { remaining: number; reset: number }
}

/** GitHub answered with an error status, or with a body that is not JSON. */
export class GitHubApiError extends Error {
  constructor(
    message: string,
    /** The answer's status; set whenever GitHub answered. */
    readonly status: number
  ) {
    super(message)
    this.name = 'GitHubApiError'
  }
}

/** How the action talks to the GitHub API, whether through the reader or Octokit. */
export interface GitHubOptions {
  /** Without a token the API is used unauthenticated. */
  token?: string
  /** e.g. https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server. */
  baseUrl: string
  /** Retries, as the HTTP layer's retry policy says (rate limits included). */
  maxRetries: number
  /** Per attempt. */
  timeoutMs: number
  /** Default: the step's log. Every line passes through redactSecrets first. */
  log?: Log
  /** Backoff unit, default 1000 ms; tests pass ~10. */
  retryBaseMs?: number
  /** The longest rate-limit wait worth sitting out, default 60 000 ms. */
  maxWaitMs?: number
}

/** How every request to the GitHub API is sent: retries, cap, and the token kept out of lines. */
export function githubHttpSettings(options: GitHubOptions): HttpSettings & { log: Log } {
  const secrets = options.token ? [options.token] : []
  // Octokit logs through it too, outside request(): redacted here.
  const log = redactingLog(options.log ?? coreLog, () => secrets)
  return { ...apiHttpSettings('GitHub', options, secrets), log }
}

/** The headers of every REST request the action makes itself (Octokit sets its own alike). */
export function githubHeaders(token: string | undefined): Record<string, string> {
  return {
    Accept: 'application/vnd.github+json',
    'X-GitHub-Api-Version': '2022-11-28',
    'User-Agent': USER_AGENT,
    ...(token ? { Authorization: `token ${token}` } : {})
  }
}

/** The token goes to the API's own origin only: a request anywhere else is refused unsent. */
export function refuseOtherOrigin(url: URL, apiOrigin: string): void {
  if (url.origin !== apiOrigin) {
    throw new Error(
      `refusing to send the github-token to ${url.origin}, which is not the GitHub API (${apiOrigin})`
    )
  }
}

/** No answer: the words say what happened (a timeout, a network error); there is no status. */
export function noAnswerError(error: HttpError): Error {
  return new Error(error.kind === 'too-large' ? error.message : error.detail, { cause: error })
}

export function createGitHubReader(options: GitHubOptions): GitHubClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const origin = new URL(baseUrl).origin
  const http = githubHttpSettings(options)
  const headers = githubHeaders(options.token)
  return {
    baseUrl,
    async get(path, query) {
      const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(baseUrl + path)
      refuseOtherOrigin(url, origin)
      for (const [name, value] of Object.entries(query ?? {}))
        url.searchParams.set(name, String(value))
      let answer
      try {
        answer = await request({ method: 'GET', url, headers }, http)
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        throw noAnswerError(error)
      }
      const text = answer.body.toString('utf8')
      if (answer.status < 200 || answer.status >= 300) {
        const message = githubMessage(text, [...http.secrets()]) || answer.statusText
        throw new GitHubApiError(
          rateLimitMessage(answer.status, answer.headers, message) ?? message,
          answer.status
        )
      }
      let data: unknown
      try {
        data = JSON.parse(text)
      } catch {
        throw new GitHubApiError(
          `answered ${answer.status}, but not with JSON: check that GITHUB_API_URL (${baseUrl}) is the GitHub API`,
          answer.status
        )
      }
      const remaining = Number(answer.headers.get('x-ratelimit-remaining') ?? NaN)
      const reset = Number(answer.headers.get('x-ratelimit-reset') ?? NaN)
      return {
        data,
        link: answer.headers.get('link') ?? undefined,
        ...(Number.isFinite(remaining) ? { rateLimit: { remaining, reset } } : {})
      }
    }
  }
}

/** GitHub's `message`, as it wrote it (the printer makes it inert), else the server's words. */
function githubMessage(text: string, secrets: readonly string[]): string {
  try {
    const json: unknown = JSON.parse(text)
    if (isObject(json) && typeof json.message === 'string' && json.message.trim()) {
      return redactedCut(json.message, 1000, secrets)
    }
  } catch {
    // Not JSON: serverMessage reads a page's title or the start of the text.
  }
  return serverMessage(text, secrets)
}

/**
 * A rate limit in words, when a 403 or 429 is one: the secondary limit with its Retry-After, or
 * the primary limit with the time it resets (x-ratelimit-reset).
 */
export function rateLimitMessage(
  status: number,
  headers: { get(name: string): string | null },
  message: string
): string | undefined {
  if (status !== 403 && status !== 429) return undefined
  const retryAfter = headers.get('retry-after')
  if (/\bsecondary rate\b/i.test(message) || (status === 429 && retryAfter)) {
    const after = Number(retryAfter)
    const when = Number.isFinite(after) && after > 0 ? `; retry after ${after} s` : ''
    return `GitHub API secondary rate limit exceeded${when}`
  }
  if (headers.get('x-ratelimit-remaining') === '0') {
    const reset = Number(headers.get('x-ratelimit-reset'))
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined
    return `GitHub API rate limit exceeded; resets at ${resetAt ? resetAt.toISOString() : 'an unknown time'}`
  }
  return undefined
}

/** `/repos/acme/app/commits/<sha>`: each part encoded as one path segment. */
export function apiPath(...segments: string[]): string {
  return segments.map(s => `/${encodeURIComponent(s)}`).join('')
}

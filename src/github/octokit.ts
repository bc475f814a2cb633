import { Octokit } from '@octokit/rest'
import { excerpt, isObject } from '../http/answer.js'
import { HttpError, USER_AGENT, request, type HttpSettings } from '../http/request.js'
import {
  type GitHubOptions,
  githubHttpSettings,
  noAnswerError,
  rateLimitMessage,
  refuseOtherOrigin
} from './reader.js'

/** The same settings as the provenance reader's: one way to talk to the GitHub API. */
export type CreateOctokitOptions = GitHubOptions

interface RequestLike {
  method?: string
  url?: string
}

interface ResponseLike {
  status: number
  url?: string
  headers: Record<string, string | number | undefined>
  data?: unknown
}

/** A GitHub rate limit outlasted max-retries or the longest wait worth sitting out. */
export class GitHubRateLimitError extends Error {
  readonly status: number
  readonly request: RequestLike
  readonly response: ResponseLike
  /** When the primary rate limit resets, if GitHub said. */
  readonly resetAt?: Date

  constructor(
    message: string,
    source: { status: number; request: RequestLike; response: ResponseLike },
    resetAt?: Date
  ) {
    super(message, { cause: source })
    this.name = 'GitHubRateLimitError'
    this.status = source.status
    this.request = source.request
    this.response = source.response
    this.resetAt = resetAt
  }
}

/**
 * Octokit over the action's HTTP layer: its retries (rate limits included), per-attempt
 * timeout and body cap; the token goes to the API's own origin only and is never logged.
 */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const http = githubHttpSettings(options)
  const { log } = http
  const baseUrl = options.baseUrl.replace(/\/+$/, '')
  const line = (message: unknown, extra: unknown[]): string =>
    // Objects (request options, with their headers) are left out rather than printed.
    [message, ...extra]
      .filter(part => part === null || typeof part !== 'object' || part instanceof Error)
      .map(part => (part instanceof Error ? part.message : String(part)))
      .join(' ')
  // The request log reports each failed request ("GET /x - 500 with id …"); the error that
  // follows is what the step shows.
  const warnUnlessRequestLine = (text: string): void =>
    /^[A-Z]+ \S+ - \d+ with id /.test(text) ? log.debug(text) : log.warning(text)
  const octokitLog = {
    debug: (m: unknown, ...extra: unknown[]) => log.debug(line(m, extra)),
    // Octokit's info lines are one per request: debug detail, not the step's story.
    info: (m: unknown, ...extra: unknown[]) => log.debug(line(m, extra)),
    warn: (m: unknown, ...extra: unknown[]) => warnUnlessRequestLine(line(m, extra)),
    error: (m: unknown, ...extra: unknown[]) => warnUnlessRequestLine(line(m, extra))
  }

  const octokit = new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl,
    userAgent: USER_AGENT,
    log: octokitLog,
    // @octokit/request logs deprecations to `request.log`, not to the Octokit's log.
    request: { fetch: githubFetch(http, new URL(baseUrl).origin), log: octokitLog }
  })
  octokit.hook.error('request', error => {
    throw rateLimitError(error, http.secrets()) ?? error
  })
  return octokit
}

// Octokit's fetch: the HTTP layer, answering with the body it read (within the cap).
function githubFetch(http: HttpSettings, apiOrigin: string): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const headers = Object.fromEntries(new Headers(init?.headers))
    if (headers.authorization) refuseOtherOrigin(url, apiOrigin)
    try {
      const answer = await request(
        {
          method: init?.method ?? 'GET',
          url,
          headers,
          body: init?.body === null ? undefined : (init?.body as string | undefined),
          redirect: init?.redirect,
          signal: init?.signal ?? undefined
        },
        http
      )
      const noBody = [204, 205, 304].includes(answer.status)
      return new Response(noBody ? null : answer.body, {
        status: answer.status,
        statusText: answer.statusText,
        headers: [...answer.headers]
      })
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      // Octokit shows this message; a timeout or network error needs no repeat of the request.
      throw noAnswerError(error)
    }
  }
}

function rateLimitError(
  error: unknown,
  secrets: readonly string[]
): GitHubRateLimitError | undefined {
  const err = error as { status?: number; request?: RequestLike; response?: ResponseLike }
  if (!err?.response || err.status === undefined) return undefined
  const headers = err.response.headers ?? {}
  const get = (name: string): string | null =>
    headers[name] === undefined ? null : String(headers[name])
  const message = rateLimitMessage(
    err.status,
    { get },
    githubMessage(err.response.data, secrets) ?? ''
  )
  if (!message) return undefined
  const source = { status: err.status, request: err.request ?? {}, response: err.response }
  const reset = Number(headers['x-ratelimit-reset'])
  const primary = !message.includes('secondary')
  const resetAt =
    primary && Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined
  return new GitHubRateLimitError(message, source, resetAt)
}

function githubMessage(data: unknown, secrets: readonly string[]): string | undefined {
  if (isObject(data) && typeof data.message === 'string') return data.message
  if (typeof data === 'string' && data.trim()) return excerpt(data, 300, secrets)
  return undefined
}

import { STATUS_CODES } from 'node:http'
import { Octokit } from '@octokit/rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { coreLog, redactingLog, type Log } from '../redact.js'
import { describeNetworkError } from '../network-error.js'

export interface CreateOctokitOptions {
  /** Without a token the API is used unauthenticated. */
  token?: string
  /** e.g. https://api.github.com, or GITHUB_API_URL on GitHub Enterprise Server. */
  baseUrl: string
  /** Retries for 5xx, 408, network errors and timeouts, and for rate limits. */
  maxRetries: number
  /** Per attempt. */
  timeoutMs: number
  /** Default: @actions/core. Every line passes through redactSecrets first. */
  log?: Log
  /** Backoff unit of the retry plugin (waits 1, 4, 9… units), default 1000 ms; tests pass ~10. */
  retryBaseMs?: number
  /** Longest rate-limit wait worth sitting out, default 60 s. */
  maxRateLimitWaitS?: number
}

const USER_AGENT = 'kosli-report-action'
const DEFAULT_MAX_RATE_LIMIT_WAIT_S = 60

// Retry 5xx (not 501), 408 and network errors; 403/429 rate limits are the throttling plugin's job.
const DO_NOT_RETRY = [
  ...Array.from({ length: 100 }, (_, i) => 400 + i).filter(status => status !== 408),
  501
]

const RetryingOctokit = Octokit.plugin(retry, throttling)

interface RequestLike {
  method?: string
  url?: string
  request?: { retryCount?: number }
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

/** Octokit with retries, rate-limit handling and a per-attempt timeout; never logs the token. */
export function createOctokit(options: CreateOctokitOptions): Octokit {
  const maxRetries = Math.max(0, Math.floor(options.maxRetries))
  const maxWaitS = options.maxRateLimitWaitS ?? DEFAULT_MAX_RATE_LIMIT_WAIT_S
  const secrets = options.token ? [options.token] : []
  const log = redactingLog(options.log ?? coreLog, () => secrets)
  const line = (message: unknown, extra: unknown[]): string =>
    // Objects (request options, with their headers) are left out rather than printed.
    [message, ...extra]
      .filter(part => part === null || typeof part !== 'object' || part instanceof Error)
      .map(part => (part instanceof Error ? part.message : String(part)))
      .join(' ')

  const rateLimitHandler =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method?: string; url?: string },
      _o: unknown,
      retryCount: number
    ) => {
      const what = `${request.method ?? 'GET'} ${request.url ?? ''}`
      if (retryCount < maxRetries && retryAfter <= maxWaitS) {
        log.warning(
          `GitHub API ${kind} hit on ${what}; waiting ${retryAfter} s, then retrying ` +
            `(retry ${retryCount + 1} of ${maxRetries}).`
        )
        return true
      }
      return false
    }

  // The request log reports each failed attempt ("GET /x - 500 with id …"); the retry that
  // follows, or the final error, is what the step should show.
  const warnUnlessAttempt = (text: string): void =>
    /^[A-Z]+ \S+ - \d+ with id /.test(text) ? log.debug(text) : log.warning(text)

  const octokitLog = {
    debug: (m: unknown, ...extra: unknown[]) => log.debug(line(m, extra)),
    // Octokit's info lines are one per request: debug detail, not the step's story.
    info: (m: unknown, ...extra: unknown[]) => log.debug(line(m, extra)),
    warn: (m: unknown, ...extra: unknown[]) => warnUnlessAttempt(line(m, extra)),
    error: (m: unknown, ...extra: unknown[]) => warnUnlessAttempt(line(m, extra))
  }

  const octokit = new RetryingOctokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: USER_AGENT,
    log: octokitLog,
    // @octokit/request logs deprecations to `request.log`, not to the Octokit's log.
    request: { fetch: timedFetch(options.timeoutMs, log), log: octokitLog },
    retry: {
      retries: maxRetries,
      doNotRetry: DO_NOT_RETRY,
      ...(options.retryBaseMs !== undefined ? { retryAfterBaseValue: options.retryBaseMs } : {})
    },
    throttle: {
      onRateLimit: rateLimitHandler('rate limit'),
      onSecondaryRateLimit: rateLimitHandler('secondary rate limit')
    }
  })

  // Registered after the plugins, so it sees only the error that is left once they gave up.
  octokit.hook.error('request', error => {
    throw rateLimitError(error) ?? error
  })
  return octokit
}

// Each attempt gets its own deadline; the retry plugin then treats a timeout like a network error.
function timedFetch(timeoutMs: number, log: Log): typeof fetch {
  return async (input, init) => {
    const deadline = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, deadline]) : deadline
    const method = init?.method ?? 'GET'
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const started = Date.now()
    try {
      const response = await fetch(input, { ...init, signal })
      log.debug(
        `GitHub ${method} ${safePath(url)} answered ${response.status} in ${Date.now() - started} ms`
      )
      return response
    } catch (err) {
      if (deadline.aborted) {
        throw new Error(`timed out after ${seconds(timeoutMs)} (request-timeout)`, { cause: err })
      }
      if (init?.signal?.aborted) throw err
      // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND…) is in the cause.
      throw new Error(`network error: ${describeNetworkError(err)}`, { cause: err })
    }
  }
}

function rateLimitError(error: unknown): GitHubRateLimitError | undefined {
  const err = error as { status?: number; request?: RequestLike; response?: ResponseLike }
  if (!err?.response || (err.status !== 403 && err.status !== 429)) return undefined
  const headers = err.response.headers ?? {}
  const message = githubMessage(err.response.data) ?? ''
  const source = { status: err.status, request: err.request ?? {}, response: err.response }
  if (/\bsecondary rate\b/i.test(message) || (err.status === 429 && headers['retry-after'])) {
    const after = Number(headers['retry-after'])
    const when = Number.isFinite(after) && after > 0 ? `; retry after ${after} s` : ''
    return new GitHubRateLimitError(`GitHub API secondary rate limit exceeded${when}`, source)
  }
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset'])
    const resetAt = Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined
    return new GitHubRateLimitError(
      `GitHub API rate limit exceeded; resets at ${resetAt ? resetAt.toISOString() : 'an unknown time'}`,
      source,
      resetAt
    )
  }
  return undefined
}

/**
 * Turns an Octokit error into one line for a person: what was being done, method, path (query
 * secrets hidden), status, GitHub's message and errors, a hint, and the documentation link.
 * `what` names the operation, e.g. 'Recording the deployment of app.jar'.
 */
export function describeGitHubError(err: unknown, what: string): string {
  const e = err as {
    status?: number
    message?: string
    request?: RequestLike
    response?: ResponseLike
  }
  // Duck-typed: an error from another realm (or bundle copy) fails instanceof.
  const message = typeof e?.message === 'string' ? e.message : String(err)
  if (typeof err !== 'object' || !e.request || typeof e.status !== 'number') {
    return `${what} failed: ${message}`
  }
  const method = e.request.method ?? 'GET'
  const path = safePath(e.request.url ?? e.response?.url ?? '')
  const prefix = `${what}: ${method} ${path} failed`
  if (!e.response) {
    // No answer: a network error or a timeout, already retried.
    const retries = e.request.request?.retryCount ?? 0
    const tries = retries > 0 ? ` (gave up after ${retries + 1} attempts)` : ''
    return finish(`${prefix}: ${message}${tries}`)
  }
  const status = e.status
  const data = e.response.data
  let text = `${prefix}: ${status} ${STATUS_CODES[status] ?? 'Unknown Status'}`
  const serverMessage = githubMessage(data)
  if (serverMessage) text += `: ${serverMessage}`
  const errors = githubErrors(data)
  if (errors) text += ` (${errors})`
  if ((err as Error).name === 'GitHubRateLimitError') text += `. ${message}`
  text = finish(text)
  const hint = githubHint(status, path, serverMessage ?? '')
  if (hint) text += ` ${hint}`
  const doc =
    isObject(data) && typeof data.documentation_url === 'string' ? data.documentation_url : ''
  if (doc) text += ` See ${doc}`
  return text
}

function githubHint(status: number, path: string, message: string): string | undefined {
  if (
    /\/artifacts\/metadata\/deployment-record/.test(path) &&
    (status === 403 || status === 404 || /no artifacts found/i.test(message))
  ) {
    return (
      'Recording a deployment needs `permissions: artifact-metadata: write` in the job and ' +
      'a repository owned by an organization.'
    )
  }
  if (status === 401) return 'Check the github-token input: the token is invalid or has expired.'
  return undefined
}

function githubMessage(data: unknown): string | undefined {
  if (isObject(data) && typeof data.message === 'string') return data.message
  if (typeof data === 'string' && data.trim()) return excerpt(data, 300)
  return undefined
}

// GitHub's `errors` is a list of strings or of { resource, field, code, message }.
function githubErrors(data: unknown): string {
  if (!isObject(data) || !Array.isArray(data.errors)) return ''
  return data.errors
    .map(item => {
      if (typeof item === 'string') return item
      if (!isObject(item)) return JSON.stringify(item)
      if (typeof item.message === 'string') {
        return item.field ? `${String(item.field)}: ${item.message}` : item.message
      }
      const where = [item.resource, item.field].filter(Boolean).join('.')
      return where ? `${where}: ${String(item.code ?? 'invalid')}` : JSON.stringify(item)
    })
    .join('; ')
}

const SECRET_PARAM = /token|secret|key|password|passwd|sig|code|auth|credential/i

/** The path and query of a URL, with the values of secret-looking query parameters hidden. */
export function safePath(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url, 'https://api.github.com')
  } catch {
    return url.replace(/\?.*$/, '')
  }
  for (const key of [...parsed.searchParams.keys()]) {
    if (SECRET_PARAM.test(key)) parsed.searchParams.set(key, 'REDACTED')
  }
  return `${parsed.pathname}${parsed.search}`
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

function finish(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`
}

import type { AnswerHeaders } from './transport.js'

/** When to try a request again, and how long to wait first: the one retry policy. */
interface RetryPolicy {
  /** Retries after the first attempt (the max-retries input). */
  maxRetries: number
  /** Backoff unit: retry n waits a random time up to baseMs * 2^n, at most 30 s. */
  baseMs: number
  /** The longest wait a server may ask for; asked for longer, the request is not retried. */
  maxWaitMs: number
}

export type Outcome =
  { kind: 'answer'; status: number; headers: AnswerHeaders } | { kind: 'timeout' | 'network' }

type Decision = { retry: true; waitMs: number; why: string } | { retry: false; why: string }

export const DEFAULT_RETRY_BASE_MS = 1000
export const DEFAULT_MAX_WAIT_MS = 60_000
const MAX_BACKOFF_MS = 30_000

/** Network errors, timeouts, 408, 409, 429 and 5xx except 501 are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501)
}

/** Decides after attempt `attempt` (1-based) whether to try again, and after how long. */
export function decide(
  attempt: number,
  outcome: Outcome,
  policy: RetryPolicy,
  now = Date.now()
): Decision {
  if (outcome.kind === 'answer' && !isRetryableStatus(outcome.status) && !isRateLimited(outcome)) {
    return { retry: false, why: '' }
  }
  if (attempt > policy.maxRetries) return { retry: false, why: '' }
  const asked = outcome.kind === 'answer' ? askedWait(outcome.headers, now) : undefined
  if (asked) {
    if (asked.ms > policy.maxWaitMs) {
      return {
        retry: false,
        why: `the server asked to wait ${seconds(asked.ms)} (${asked.header}), longer than the ${seconds(policy.maxWaitMs)} worth waiting`
      }
    }
    return { retry: true, waitMs: asked.ms, why: ` (as ${asked.header} asked)` }
  }
  // Full jitter: concurrent clients that failed together do not come back together.
  const ceiling = Math.min(MAX_BACKOFF_MS, policy.baseMs * 2 ** (attempt - 1))
  return { retry: true, waitMs: Math.floor(Math.random() * ceiling), why: '' }
}

/** A 403 that says it is a rate limit, as GitHub's are: worth waiting for like a 429. */
function isRateLimited(outcome: { status: number; headers: AnswerHeaders }): boolean {
  const { status, headers } = outcome
  return (
    (status === 403 || status === 429) &&
    (headers.has('retry-after') || headers.get('x-ratelimit-remaining') === '0')
  )
}

// Retry-After wins; a spent rate limit says when it resets instead.
function askedWait(
  headers: AnswerHeaders,
  now: number
): { ms: number; header: string } | undefined {
  const retryAfter = headers.get('retry-after')
  const ms = parseRetryAfter(retryAfter, now)
  if (ms !== undefined) return { ms, header: `Retry-After: ${retryAfter}` }
  const reset = Number(headers.get('x-ratelimit-reset'))
  if (headers.get('x-ratelimit-remaining') === '0' && Number.isFinite(reset) && reset > 0) {
    return { ms: Math.max(0, reset * 1000 - now), header: `X-RateLimit-Reset: ${reset}` }
  }
  return undefined
}

/** Retry-After as seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (!value) return undefined
  const text = value.trim()
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  const date = Date.parse(text)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

/** `0.2 s`, `1 s`, `60 s`. */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`
}

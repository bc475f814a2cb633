import type { z } from 'zod'
import { coreLog, redactingLog, redactSecrets, type Log } from '../redact.js'
import {
  KosliHttpError,
  KosliRequestRefusedError,
  KosliResponseError,
  KosliUnavailableError,
  describeAnswer,
  hintFor,
  statusText,
  type ServerAnswer,
  type UnavailableKind
} from './errors.js'
import { describeNetworkError } from '../network-error.js'

export type { Log } from '../redact.js'

export interface KosliClientOptions {
  /** Origin, e.g. https://app.kosli.com (no trailing slash); the base URL is `${host}/api/v2`. */
  host: string
  /** Bearer token; may be absent in dry-run. */
  token?: string
  /** Per attempt. */
  timeoutMs: number
  /** Retries after the first attempt. */
  maxRetries: number
  dryRun: boolean
  /** Backoff base, default 1000 ms; tests pass ~10. */
  retryBaseMs?: number
  /** Cap for Retry-After, default 60 000 ms. */
  maxRetryAfterMs?: number
  /** Default: @actions/core. Every line passes through redactSecrets first. */
  log?: Log
  /** The on-kosli-unavailable input; with 'warn' the hints do not suggest setting it. */
  onUnavailable?: 'fail' | 'warn'
}

export type Query = Record<string, string | number | undefined>

export const USER_AGENT = 'kosli-report-action/0.1.0'
const DEFAULT_RETRY_BASE_MS = 1000
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000
const MAX_BACKOFF_MS = 30_000
const MAX_DETAILS = 10

/** Builds a path under /api/v2, encoding every interpolated value: kosliPath`/artifacts/${org}/${flow}`. */
export function kosliPath(
  strings: TemplateStringsArray,
  ...values: Array<string | number>
): string {
  return strings.reduce(
    (path, part, i) =>
      path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
    ''
  )
}

type Outcome =
  | { kind: 'answer'; status: number; statusText: string; headers: Headers; text: string }
  | { kind: 'timeout'; cause: unknown }
  | { kind: 'network'; detail: string; cause: unknown }

interface Request {
  method: 'GET' | 'POST'
  url: string
  /** Path from the origin on, query included, for messages. */
  path: string
  headers: Record<string, string>
  body?: string
}

/** Talks to Kosli's v2 API: retries what is transient, explains what is not, never shows the token. */
export class KosliClient {
  private readonly origin: string
  private readonly token?: string
  private readonly timeoutMs: number
  private readonly maxRetries: number
  private readonly dryRun: boolean
  private readonly retryBaseMs: number
  private readonly maxRetryAfterMs: number
  private readonly log: Log
  private readonly onUnavailable: 'fail' | 'warn'
  private sent = 0

  constructor(options: KosliClientOptions) {
    let origin: URL
    try {
      origin = new URL(options.host)
    } catch {
      throw new Error(
        `Kosli host '${options.host}' is not a URL; expected an origin such as https://app.kosli.com.`
      )
    }
    this.origin = origin.origin
    this.token = options.token || undefined
    this.timeoutMs = options.timeoutMs
    this.maxRetries = Math.max(0, Math.floor(options.maxRetries))
    this.dryRun = options.dryRun
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS
    this.maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS
    this.log = redactingLog(options.log ?? coreLog, () => this.secrets())
    this.onUnavailable = options.onUnavailable ?? 'fail'
  }

  /** HTTP requests sent to Kosli so far, retries included; dry-run writes are not sent. */
  get requestCount(): number {
    return this.sent
  }

  /** Reads are sent even in dry-run, so that a dry run shows real errors. */
  async get<T>(path: string, schema: z.ZodType<T>, query?: Query): Promise<T> {
    const request = this.prepare('GET', path, query)
    return (await this.send(request, schema)) as T
  }

  /** In dry-run the write is printed, not sent, and the answer is undefined. */
  async post<T>(path: string, body: unknown, schema?: z.ZodType<T>): Promise<T | undefined> {
    const request = this.prepare('POST', path, undefined, body)
    if (this.dryRun) {
      this.printDryRun(request, body)
      return undefined
    }
    return (await this.send(request, schema)) as T | undefined
  }

  private secrets(): string[] {
    return this.token ? [this.token] : []
  }

  private redact(text: string): string {
    return redactSecrets(text, this.secrets())
  }

  private prepare(method: Request['method'], path: string, query?: Query, body?: unknown): Request {
    if (!path.startsWith('/')) {
      throw new Error(`Kosli API path '${path}' must start with '/' (build it with kosliPath).`)
    }
    const search = new URLSearchParams()
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) search.append(key, String(value))
    }
    const qs = search.toString()
    const relative = `/api/v2${path}${qs ? (path.includes('?') ? '&' : '?') + qs : ''}`
    const url = `${this.origin}${relative}`
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT
    }
    if (this.token) headers.Authorization = `Bearer ${this.token}`
    for (const [name, value] of Object.entries(headers)) {
      // A line break in a header value would let it smuggle headers; undici would also reject it.
      if (/[\r\n]/.test(value)) {
        const why =
          name === 'Authorization'
            ? 'the api-token input (or KOSLI_API_TOKEN) contains a line break; remove it ' +
              '(often a trailing newline from a file or a secret)'
            : `the ${name} header value contains a line break`
        throw new KosliRequestRefusedError(
          this.redact(`Refusing to send ${method} ${url}: ${why}. Nothing was sent.`),
          method,
          this.redact(url)
        )
      }
    }
    return {
      method,
      url,
      path: relative,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    }
  }

  private printDryRun(request: Request, body: unknown): void {
    this.log.startGroup(`Dry run: ${request.method} ${request.url}`)
    this.log.info(`${request.method} ${request.url}`)
    this.log.info(body === undefined ? '(no body)' : JSON.stringify(body, null, 2))
    this.log.endGroup()
  }

  private async send<T>(request: Request, schema?: z.ZodType<T>): Promise<T | undefined> {
    const total = this.maxRetries + 1
    const facts = (
      attempts: number
    ): { method: string; path: string; url: string; attempts: number } => ({
      method: request.method,
      path: this.redact(request.path),
      url: this.redact(request.url),
      attempts
    })
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(request, attempt, total)
      let failure: string
      let retryAfter: string | null = null
      let answer: ServerAnswer | undefined
      if (outcome.kind === 'answer') {
        const { status } = outcome
        if (status >= 200 && status < 300) return this.parse(request, outcome, attempt, schema)
        answer = this.serverAnswer(outcome)
        if (!isRetryable(status)) {
          throw new KosliHttpError({
            ...facts(attempt),
            ...answer,
            hint:
              status >= 300 && status < 400
                ? this.redirectHint(outcome.headers.get('location'))
                : hintFor(status, answer.serverMessage, request.path)
          })
        }
        failure = describeAnswer(answer)
        retryAfter = outcome.headers.get('retry-after')
      } else if (outcome.kind === 'timeout') {
        failure = `timed out after ${seconds(this.timeoutMs)} (request-timeout)`
      } else {
        failure = `network error: ${outcome.detail}`
      }

      if (attempt >= total) {
        const kind: UnavailableKind = outcome.kind === 'answer' ? 'http' : outcome.kind
        throw new KosliUnavailableError(
          {
            ...facts(attempt),
            ...answer,
            kind,
            lastFailure: this.redact(failure),
            hint: this.unavailableHint(kind, outcome.kind === 'network' ? outcome.detail : '')
          },
          { cause: outcome.kind === 'answer' ? undefined : outcome.cause }
        )
      }

      const { ms, why } = this.delay(attempt - 1, retryAfter)
      this.log.warning(
        `Kosli ${request.method} ${request.url}: ${failure} (attempt ${attempt} of ${total}); ` +
          `retrying in ${seconds(ms)}${why}.`
      )
      await sleep(ms)
    }
  }

  private async attempt(request: Request, attempt: number, total: number): Promise<Outcome> {
    this.log.debug(`Kosli ${request.method} ${request.url} (attempt ${attempt} of ${total})`)
    if (request.body !== undefined) this.log.debug(`Kosli request body: ${request.body}`)
    const started = Date.now()
    this.sent++
    try {
      const response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.body,
        // A redirect would move the token elsewhere or turn a POST into a GET; report it instead.
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs)
      })
      const text = await response.text()
      this.log.debug(
        `Kosli ${request.method} ${request.url} answered ${response.status} in ${Date.now() - started} ms`
      )
      return {
        kind: 'answer',
        status: response.status,
        statusText: statusText(response.status, response.statusText),
        headers: response.headers,
        text
      }
    } catch (err) {
      if (isTimeout(err)) return { kind: 'timeout', cause: err }
      return { kind: 'network', detail: describeNetworkError(err), cause: err }
    }
  }

  private parse<T>(
    request: Request,
    outcome: Extract<Outcome, { kind: 'answer' }>,
    attempts: number,
    schema?: z.ZodType<T>
  ): T | undefined {
    const base = {
      method: request.method,
      path: this.redact(request.path),
      url: this.redact(request.url),
      attempts,
      status: outcome.status,
      statusText: outcome.statusText
    }
    const notKosli =
      `Check that host (${this.origin}) is the origin of a Kosli server, ` +
      `without a path such as /api/v2.`
    const text = outcome.text
    if (text.trim() === '') {
      if (!schema) return undefined
      throw new KosliResponseError({ ...base, problem: 'the answer was empty', hint: notKosli })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      // The write succeeded and the caller asked for nothing back: an odd body is not a failure.
      if (!schema) {
        this.log.debug(`Kosli ${request.method} ${request.url}: ignoring a non-JSON answer`)
        return undefined
      }
      throw new KosliResponseError({
        ...base,
        problem: `the answer is not JSON (it starts with ${JSON.stringify(this.redact(excerpt(text, 80)))})`,
        hint: notKosli
      })
    }
    if (!schema) return json as T
    const result = schema.safeParse(json)
    if (result.success) return result.data
    const issues = result.error.issues
    const details = issues
      .slice(0, MAX_DETAILS)
      .map(issue => this.redact(`${issuePath(issue.path)}: ${issue.message}`))
    if (issues.length > MAX_DETAILS) details.push(`and ${issues.length - MAX_DETAILS} more`)
    throw new KosliResponseError({
      ...base,
      problem: 'the answer does not have the shape the action expects',
      details,
      hint:
        `Either the Kosli API changed or host (${this.origin}) is not a Kosli server; ` +
        `if host is right, please report this.`
    })
  }

  private serverAnswer(outcome: Extract<Outcome, { kind: 'answer' }>): ServerAnswer {
    const answer: ServerAnswer = { status: outcome.status, statusText: outcome.statusText }
    let json: unknown
    try {
      json = JSON.parse(outcome.text)
    } catch {
      const plain = excerpt(stripHtml(outcome.text), 300)
      if (plain) answer.serverMessage = this.redact(plain)
      return answer
    }
    if (isObject(json)) {
      const message = json.message ?? json.detail ?? json.error
      if (typeof message === 'string') answer.serverMessage = this.redact(message)
      else if (message !== undefined) answer.serverMessage = this.redact(JSON.stringify(message))
      if (isObject(json.errors)) {
        answer.serverErrors = JSON.parse(this.redact(JSON.stringify(json.errors))) as Record<
          string,
          unknown
        >
      } else if (Array.isArray(json.errors)) {
        answer.serverErrors = Object.fromEntries(
          json.errors.map((why, i) => [String(i), JSON.parse(this.redact(JSON.stringify(why)))])
        )
      }
      if (!answer.serverMessage && !answer.serverErrors) {
        answer.serverMessage = this.redact(excerpt(outcome.text, 300))
      }
    } else {
      answer.serverMessage = this.redact(excerpt(outcome.text, 300))
    }
    return answer
  }

  private redirectHint(location: string | null): string {
    return (
      `Kosli answered with a redirect${location ? ` to ${this.redact(location)}` : ''}; ` +
      `set host to the Kosli server's origin (now ${this.origin}), for example https://app.kosli.com.`
    )
  }

  private unavailableHint(kind: UnavailableKind, networkDetail: string): string {
    // Already in warn mode, suggesting it would only confuse.
    const warn =
      this.onUnavailable === 'warn'
        ? ''
        : ', or set on-kosli-unavailable: warn to let the step pass while Kosli is unavailable'
    if (kind === 'timeout') {
      return `Kosli did not answer within request-timeout (${seconds(this.timeoutMs)}); raise request-timeout or max-retries${warn}.`
    }
    if (kind === 'network') {
      if (/ENOTFOUND|EAI_AGAIN/.test(networkDetail)) {
        return `The name in host (${this.origin}) did not resolve; check the host input${warn}.`
      }
      return `Check the host input (${this.origin}) and the runner's network access${warn}.`
    }
    return `Kosli is having trouble; try again later${warn}.`
  }

  // Full jitter: a random wait up to base * 2^retry, unless the server said how long to wait.
  private delay(retry: number, retryAfter: string | null): { ms: number; why: string } {
    const asked = parseRetryAfter(retryAfter, Date.now())
    if (asked !== undefined) {
      if (asked > this.maxRetryAfterMs) {
        return {
          ms: this.maxRetryAfterMs,
          why: ` (Retry-After: ${retryAfter}, capped at ${seconds(this.maxRetryAfterMs)})`
        }
      }
      return { ms: asked, why: ` (as Retry-After: ${retryAfter} asked)` }
    }
    const ceiling = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** retry)
    return { ms: Math.floor(Math.random() * ceiling), why: '' }
  }
}

/** Network errors, timeouts, 408, 409, 429 and 5xx except 501 are worth another try. */
export function isRetryable(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || (status >= 500 && status !== 501)
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

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: string } | null)?.name
  return name === 'TimeoutError' || name === 'AbortError'
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the whole answer)'
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stripHtml(text: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
  return title ? title[1] : text.replace(/<[^>]*>/g, ' ')
}

function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max)}…` : flat
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(ms < 1000 ? 2 : 1))} s`
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}

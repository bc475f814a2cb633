import type { z } from 'zod'
import { coreLog, debugOn, redactingLog, redactSecrets, type Log } from '../redact.js'
import {
  KosliHttpError,
  KosliRequestRefusedError,
  KosliResponseError,
  KosliUnavailableError,
  describeAnswer,
  hintFor,
  type ServerAnswer,
  type UnavailableKind
} from './errors.js'
import { excerpt, isObject, serverMessage } from '../http/answer.js'
import {
  API_BODY_CAP,
  HttpError,
  request as httpRequest,
  type HttpAnswer,
  type HttpSettings
} from '../http/request.js'
import { isRetryableStatus, seconds } from '../http/retry-policy.js'
import { type MultipartRequest, describeMultipart, toFormData } from './multipart.js'

export type { Log } from '../redact.js'
export { kosliPath } from './paths.js'

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
  /** The longest Retry-After worth waiting for, default 60 000 ms; longer is not retried. */
  maxRetryAfterMs?: number
  /** Default: the step's log. Every line passes through redactSecrets first. */
  log?: Log
  /** The on-kosli-unavailable input; with 'warn' the hints do not suggest setting it. */
  onUnavailable?: 'fail' | 'warn'
}

export type Query = Record<string, string | number | undefined>

const MAX_DETAILS = 10

interface Answered {
  status: number
  statusText: string
  text: string
}

interface Request {
  method: 'GET' | 'POST' | 'PUT'
  url: string
  /** Path from the origin on, query included, for messages. */
  path: string
  headers: Record<string, string>
  body?: string | FormData
  /** What the debug log shows of a multipart body: data_json and each file by name and size. */
  described?: string
}

/** A multipart write to Kosli: `path` under /api/v2, its data_json, and at most one file. */
export interface KosliMultipart {
  method: 'PUT' | 'POST'
  path: string
  dataJson: unknown
  file?: MultipartRequest['file']
}

/** Talks to Kosli's v2 API: retries what is transient, explains what is not, never shows the token. */
export class KosliClient {
  private readonly origin: string
  private readonly token?: string
  private readonly timeoutMs: number
  private readonly dryRun: boolean
  private readonly http: HttpSettings
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
    this.dryRun = options.dryRun
    this.log = redactingLog(options.log ?? coreLog, () => this.secrets())
    this.http = {
      service: 'Kosli',
      timeoutMs: options.timeoutMs,
      maxRetries: options.maxRetries,
      retryBaseMs: options.retryBaseMs,
      maxWaitMs: options.maxRetryAfterMs,
      bodyCap: API_BODY_CAP,
      secrets: () => this.secrets(),
      log: this.log
    }
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

  /**
   * A multipart write (data_json and at most one file), through the same retries, caps and
   * redaction; in dry run it is printed (files by name and size), not sent.
   */
  async multipart<T>(write: KosliMultipart, schema?: z.ZodType<T>): Promise<T | undefined> {
    const request = this.prepare(write.method, write.path)
    // fetch writes multipart/form-data with its boundary; a Content-Type given here would lose it.
    delete request.headers['Content-Type']
    const form: MultipartRequest = {
      method: write.method,
      url: request.url,
      dataJson: write.dataJson,
      ...(write.file ? { file: write.file } : {})
    }
    request.described = describeMultipart(form)
    if (this.dryRun) {
      this.log.startGroup(`Dry run: ${request.method} ${request.url}`)
      this.log.info(request.described)
      this.log.endGroup()
      return undefined
    }
    request.body = toFormData(form)
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
      'Content-Type': 'application/json'
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
    // A body can be large and redacting it costs: only when debug lines show.
    if (debugOn(this.log)) {
      if (request.described !== undefined) this.log.debug(`Kosli request: ${request.described}`)
      else if (typeof request.body === 'string')
        this.log.debug(`Kosli request body: ${request.body}`)
    }
    const facts = (
      attempts: number
    ): { method: string; path: string; url: string; attempts: number } => ({
      method: request.method,
      path: this.redact(request.path),
      url: this.redact(request.url),
      attempts
    })
    let answer: HttpAnswer
    try {
      answer = await httpRequest(
        {
          method: request.method,
          url: new URL(request.url),
          headers: request.headers,
          body: request.body,
          // A redirect would move the token elsewhere or turn a POST into a GET; report it instead.
          redirect: 'manual'
        },
        this.http
      )
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      this.sent += error.attempts
      if (error.kind === 'too-large') throw error
      throw new KosliUnavailableError(
        {
          ...facts(error.attempts),
          kind: error.kind,
          lastFailure: error.detail,
          hint: this.unavailableHint(error.kind, error.detail)
        },
        { cause: error.cause }
      )
    }
    this.sent += answer.attempts
    const { status } = answer
    const outcome: Answered = {
      status,
      statusText: answer.statusText,
      text: answer.body.toString('utf8')
    }
    if (status >= 200 && status < 300) {
      // The write happened and the layer warned that its answer could not be read.
      if (answer.unread) return undefined
      return this.parse(request, outcome, answer.attempts, schema)
    }
    const server = this.serverAnswer(outcome)
    if (!isRetryableStatus(status)) {
      throw new KosliHttpError({
        ...facts(answer.attempts),
        ...server,
        hint:
          status >= 300 && status < 400
            ? this.redirectHint(answer.headers.get('location'))
            : hintFor(status, server.serverMessage, request.path)
      })
    }
    const why = answer.notRetried ? ` (not retried: ${answer.notRetried})` : ''
    throw new KosliUnavailableError({
      ...facts(answer.attempts),
      ...server,
      kind: 'http',
      lastFailure: this.redact(describeAnswer(server) + why),
      hint: this.unavailableHint('http', '')
    })
  }

  private parse<T>(
    request: Request,
    outcome: Answered,
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
    // The write happened: failing now would make a re-run write it twice.
    const write = request.method !== 'GET'
    const unusable = (problem: string, hint: string, details: string[] = []): undefined => {
      if (!write) throw new KosliResponseError({ ...base, problem, details, hint })
      this.log.warning(
        `Kosli ${request.method} ${request.url} answered ${outcome.status} ${outcome.statusText}, ` +
          `but ${problem}${details.length ? `: ${details.join('; ')}` : ''}; the write happened, ` +
          `so the step goes on without the answer.`
      )
      return undefined
    }
    const text = outcome.text
    if (text.trim() === '') {
      if (!schema) return undefined
      return unusable('the answer was empty', notKosli)
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      // The caller asked for nothing back: an odd body is not worth a warning.
      if (!schema) {
        if (debugOn(this.log)) {
          this.log.debug(`Kosli ${request.method} ${request.url}: ignoring a non-JSON answer`)
        }
        return undefined
      }
      return unusable(
        `the answer is not JSON (it starts with ${JSON.stringify(excerpt(text, 80, this.secrets()))})`,
        notKosli
      )
    }
    if (!schema) return json as T
    const result = schema.safeParse(json)
    if (result.success) return result.data
    const issues = result.error.issues
    const details = issues
      .slice(0, MAX_DETAILS)
      .map(issue => this.redact(`${issuePath(issue.path)}: ${issue.message}`))
    if (issues.length > MAX_DETAILS) details.push(`and ${issues.length - MAX_DETAILS} more`)
    return unusable(
      'the answer does not have the shape the action expects',
      `Either the Kosli API changed or host (${this.origin}) is not a Kosli server; ` +
        `if host is right, please report this.`,
      details
    )
  }

  private serverAnswer(outcome: Answered): ServerAnswer {
    const answer: ServerAnswer = { status: outcome.status, statusText: outcome.statusText }
    let json: unknown
    try {
      json = JSON.parse(outcome.text)
    } catch {
      const plain = serverMessage(outcome.text, this.secrets())
      if (plain) answer.serverMessage = plain
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
        answer.serverMessage = excerpt(outcome.text, 300, this.secrets())
      }
    } else {
      answer.serverMessage = excerpt(outcome.text, 300, this.secrets())
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
}

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the whole answer)'
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('')
}

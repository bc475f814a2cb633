import { coreLog, debugOn, redactSecrets, redactingLog, type Log } from '../redact.js'
import { excerpt, safeUrl, serverMessage, statusText } from './answer.js'
import { readCapped, sizeText } from './body.js'
import { describeNetworkError } from './network-error.js'
import { proxySecrets } from './proxy.js'
import {
  DEFAULT_MAX_WAIT_MS,
  DEFAULT_RETRY_BASE_MS,
  decide,
  seconds,
  type Outcome
} from './retry-policy.js'
import { type Answer, type AnswerHeaders, routeOf, send } from './transport.js'

export type { AnswerHeaders } from './transport.js'

// Names this action and its version, as Kosli asks of its clients (kept equal to package.json by a test).
export const USER_AGENT = 'kosli-report-action/1.0.0'
/** The most of an answer read from Kosli or GitHub. */
export const API_BODY_CAP = 10 * 1024 * 1024

/**
 * How a JSON API's requests are sent: the step's timeout and retries, answers capped at
 * API_BODY_CAP, and `secrets` hidden from every line and error (request() redacts its log).
 */
export function apiHttpSettings(
  service: string,
  options: Pick<HttpSettings, 'timeoutMs' | 'maxRetries' | 'retryBaseMs' | 'maxWaitMs' | 'log'>,
  secrets: readonly string[]
): HttpSettings {
  return {
    service,
    timeoutMs: options.timeoutMs,
    maxRetries: options.maxRetries,
    retryBaseMs: options.retryBaseMs,
    maxWaitMs: options.maxWaitMs,
    bodyCap: API_BODY_CAP,
    secrets: () => secrets,
    log: options.log
  }
}

/** How one service is talked to: the same for each of its requests. */
export interface HttpSettings {
  /** Names the service in lines and errors: `Kosli`, `GitHub`, `Registry`. */
  service: string
  /** Per attempt, body included (the request-timeout input). */
  timeoutMs: number
  /** Retries after the first attempt (the max-retries input). */
  maxRetries: number
  /** Backoff unit, default 1000 ms; tests pass a few ms. */
  retryBaseMs?: number
  /** The longest Retry-After (or rate-limit reset) worth waiting for, default 60 s. */
  maxWaitMs?: number
  /** The most of a decoded answer body that is read. */
  bodyCap: number
  /** Every secret these requests may carry or see echoed: hidden from each line and error. */
  secrets: () => readonly string[]
  /** Default: the step's log. */
  log?: Log
}

interface HttpRequest {
  method: string
  url: URL
  headers?: Record<string, string>
  /** Text, or a multipart form (written with its boundary in the Content-Type; sent again on each retry). */
  body?: string | FormData
  /** Default 'follow'. */
  redirect?: 'follow' | 'manual' | 'error'
  /** The caller's own cancel, on top of the per-attempt timeout. */
  signal?: AbortSignal
}

export interface HttpAnswer {
  status: number
  statusText: string
  headers: AnswerHeaders
  /** The decoded body, at most the cap (an error answer's is cut there). */
  body: Buffer
  attempts: number
  /** Set when the body of a 2xx answer to a write could not be read (it was warned about). */
  unread?: string
  /** Set when a retryable answer was not retried: why (e.g. a Retry-After past the longest wait). */
  notRetried?: string
}

/** No usable answer: a timeout or a network error on every attempt, or a body past the cap. */
export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'network' | 'too-large',
    /** What went wrong, without the request: `timed out after 30 s (request-timeout)`. */
    readonly detail: string,
    readonly attempts: number,
    options?: { cause?: unknown }
  ) {
    super(message, options)
    this.name = 'HttpError'
  }
}

const WRITES = new Set(['POST', 'PUT', 'PATCH'])

type Failed = { kind: 'timeout' | 'network'; detail: string; cause: unknown }
type Attempt = { kind: 'answer'; answer: Omit<HttpAnswer, 'attempts'> } | Failed

/**
 * Sends a request, retrying what is transient as the retry policy says, and reads the answer's
 * body up to the cap. A 2xx answer to a write whose body is over the cap or unreadable is
 * returned with `unread` and a warning: the write happened, and sending it again would repeat it.
 */
export async function request(req: HttpRequest, settings: HttpSettings): Promise<HttpAnswer> {
  // The proxy's password rides every request that goes through it: hidden like the tokens.
  const secrets = (): string[] => [...settings.secrets(), ...proxySecrets()]
  const log = redactingLog(settings.log ?? coreLog, secrets)
  const redact = (text: string): string => redactSecrets(text, secrets())
  const where = `${req.method} ${safeUrl(req.url)}`
  const policy = {
    maxRetries: Math.max(0, Math.floor(settings.maxRetries)),
    baseMs: settings.retryBaseMs ?? DEFAULT_RETRY_BASE_MS,
    maxWaitMs: settings.maxWaitMs ?? DEFAULT_MAX_WAIT_MS
  }
  const total = policy.maxRetries + 1
  // Debug lines are composed and redacted only when they show.
  const debug = debugOn(log)
  for (let attempt = 1; ; attempt++) {
    if (debug) log.debug(`${settings.service} ${where} (attempt ${attempt} of ${total})`)
    const started = Date.now()
    let result: Attempt
    try {
      result = await once(req, settings, where, redact)
    } catch (error) {
      if (!(error instanceof HttpError)) throw error
      throw new HttpError(error.message, error.kind, error.detail, attempt, { cause: error.cause })
    }
    if (result.kind === 'answer') {
      const { answer } = result
      if (debug) {
        log.debug(
          `${settings.service} ${where} answered ${answer.status} in ${Date.now() - started} ms`
        )
      }
      if (answer.unread) {
        log.warning(
          `${settings.service} ${where} answered ${answer.status} ${answer.statusText}, but ` +
            `${answer.unread}; the write happened, so the step goes on without the answer.`
        )
      }
    }
    const outcome: Outcome =
      result.kind === 'answer'
        ? { kind: 'answer', status: result.answer.status, headers: result.answer.headers }
        : { kind: result.kind }
    const decision = decide(attempt, outcome, policy)
    if (!decision.retry) {
      if (result.kind === 'answer') {
        const notRetried = decision.why ? { notRetried: redact(decision.why) } : {}
        return { ...result.answer, attempts: attempt, ...notRetried }
      }
      const tries = `${attempt} attempt${attempt === 1 ? '' : 's'}`
      throw new HttpError(
        redact(`${where} failed: gave up after ${tries}: ${result.detail}`),
        result.kind,
        redact(result.detail),
        attempt,
        { cause: result.cause }
      )
    }
    // One plain line per wait: a wait is not a problem yet, and a person sees why the step pauses.
    log.info(
      `${settings.service} ${where}: ${failureOf(result, secrets())}; ` +
        `retrying in ${seconds(decision.waitMs)}${decision.why} (attempt ${attempt} of ${total}).`
    )
    await new Promise(resolve => setTimeout(resolve, decision.waitMs))
  }
}

// `503 Service Unavailable: the server's message`, or `timed out after 30 s (request-timeout)`.
function failureOf(result: Attempt, secrets: readonly string[]): string {
  if (result.kind !== 'answer') return result.detail
  const { status, statusText, body } = result.answer
  const message = serverMessage(body.toString('utf8'), secrets)
  return excerpt(`${status} ${statusText}${message ? `: ${message}` : ''}`, 400, secrets)
}

async function once(
  req: HttpRequest,
  settings: HttpSettings,
  where: string,
  redact: (text: string) => string
): Promise<Attempt> {
  const deadline = AbortSignal.timeout(settings.timeoutMs)
  const signal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline
  const failed = (cause: unknown): Failed => {
    if (req.signal?.aborted) throw cause
    return deadline.aborted
      ? {
          kind: 'timeout',
          detail: `timed out after ${seconds(settings.timeoutMs)} (request-timeout)`,
          cause
        }
      : {
          kind: 'network',
          detail: `network error: ${describeNetworkError(cause)}${routeOf(req.url)}`,
          cause
        }
  }
  let response: Answer
  try {
    response = await send(req.url, {
      method: req.method,
      // Asked plainly; a server that compresses anyway is decoded, and the cap counts decoded bytes.
      headers: { 'User-Agent': USER_AGENT, ...req.headers, 'Accept-Encoding': 'identity' },
      body: req.body,
      redirect: req.redirect ?? 'follow',
      signal,
      timeoutMs: settings.timeoutMs
    })
  } catch (error) {
    return failed(error)
  }
  const head = {
    status: response.status,
    statusText: statusText(response.status, response.statusText),
    headers: response.headers
  }
  const ok = response.status >= 200 && response.status < 300
  const write = WRITES.has(req.method.toUpperCase())
  const cap = settings.bodyCap
  let read: { bytes: Buffer; over: boolean }
  try {
    read = await readCapped(response, cap)
  } catch (error) {
    const attempt = failed(error)
    if (ok && write) {
      return {
        kind: 'answer',
        answer: {
          ...head,
          body: Buffer.alloc(0),
          unread: `its body could not be read (${attempt.detail})`
        }
      }
    }
    // An error answer's status says enough; a success that broke off is tried again.
    return ok ? attempt : { kind: 'answer', answer: { ...head, body: Buffer.alloc(0) } }
  }
  if (read.over && ok) {
    const over = `its body is larger than ${sizeText(cap)}, the most the action reads from ${settings.service}`
    if (write) {
      return { kind: 'answer', answer: { ...head, body: Buffer.alloc(0), unread: over } }
    }
    throw new HttpError(
      redact(
        `${where} answered ${head.status} ${head.statusText}, but ${over}, so it stopped reading. ` +
          `Check that ${req.url.host} is the ${settings.service} server it should be.`
      ),
      'too-large',
      over,
      1
    )
  }
  return { kind: 'answer', answer: { ...head, body: read.bytes } }
}

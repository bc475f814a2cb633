import { EventEmitter } from 'node:events'
import {
  createServer,
  STATUS_CODES,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse
} from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo, Socket } from 'node:net'
import { gzipSync } from 'node:zlib'
import type { z } from 'zod'

/** An answer a stand-in sends instead of handling the request normally. */
export type Fault = 'reset' | 'hang' | 'bad-json' | StatusFault | DelayFault | HostileFault

/**
 * Handle the request normally (a write happens), then answer its status with a hostile body:
 * a gzip bomb (about 1 MB that decodes to 1 GiB, sent gzip-encoded whatever was asked) or an
 * endless chunked body.
 */
export interface HostileFault {
  hostile: 'gzip-bomb' | 'endless'
  status?: undefined
}

/** Answer with this status; `json` sends any value (a wrong-shape body), `body` a string as is. */
export interface StatusFault {
  status: number
  body?: unknown
  json?: unknown
  /** A function is called when the fault answers (e.g. for a rate-limit reset time). */
  headers?: Record<string, string> | (() => Record<string, string>)
  /** Answer this late, to exercise request timeouts. */
  delayMs?: number
}

/** Handle the request normally, but only after this delay. */
export interface DelayFault {
  delayMs: number
  status?: undefined
}

export interface FaultMatch {
  method?: string
  /** Matched against the path without its query (e.g. /api/v2/artifacts/acme/app). */
  path?: RegExp | string
}

export interface FaultOptions {
  /** How many matching requests this fault answers (default 1; Infinity for all). */
  times?: number
  match?: FaultMatch
}

/** A key and certificate (PEM) to serve https with instead of http. */
export interface StandInTls {
  key: string | Buffer
  cert: string | Buffer
}

/** How a recorded request was answered when a fault took it. */
export type FaultKind =
  'status' | 'json' | 'bad-json' | 'reset' | 'hang' | 'delay' | 'gzip-bomb' | 'endless'

export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number
  method: string
  /** The path without its query string, as sent (still percent-encoded). */
  path: string
  query: Record<string, string>
  headers: Record<string, string>
  /** The parsed JSON body; the raw text when it is not JSON; undefined when empty. */
  body: unknown
  rawBody: string
  /** The status answered; null while pending and for 'reset' and 'hang'. */
  status: number | null
  /** Set when an injected fault answered instead of the stand-in's normal handling. */
  fault: FaultKind | null
  receivedAt: number
}

/** A normal answer from a stand-in's handler. */
export interface Answer {
  status: number
  /** Sent as JSON unless `raw` is given. */
  body?: unknown
  raw?: string
  headers?: Record<string, string>
}

/** What a stand-in's handler sees of a request. */
export interface StandInRequest {
  method: string
  path: string
  /** Path segments, percent-decoded. */
  segments: string[]
  query: URLSearchParams
  headers: IncomingHttpHeaders
  rawBody: string
  /** The body's bytes as received (multipart file parts are binary). */
  rawBytes: Buffer
  /** False when a non-empty body is not valid JSON. */
  bodyIsJson: boolean
  body: unknown
  recorded: RecordedRequest
}

interface QueuedFault {
  fault: Fault
  remaining: number
  match?: FaultMatch
}

/** Shared server, recording and fault machinery of the Kosli and GitHub stand-ins. */
export abstract class HttpStandIn {
  /** Every request received, faulted ones included, in order of arrival. */
  readonly requests: RecordedRequest[] = []
  private server: Server
  private readonly sockets = new Set<Socket>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly events = new EventEmitter()
  private faults: QueuedFault[] = []
  /** Requests received and not yet answered (or closed), and the most there ever were at once. */
  inFlight = 0
  maxInFlight = 0
  private origin = ''
  private seq = 0

  protected constructor() {
    this.server = this.track(createServer((req, res) => void this.receive(req, res)))
  }

  /** The origin, e.g. http://127.0.0.1:40123 (https:// when started with tls). */
  get url(): string {
    return this.origin
  }

  /** The port it listens on, for an origin under another host name (e.g. https://kosli.test:PORT). */
  get port(): number {
    return Number(new URL(this.origin).port)
  }

  protected abstract handle(req: StandInRequest): Answer | Promise<Answer>

  /** Back to the state the stand-in was started with. */
  protected abstract resetState(): void

  /** The body an injected status fault sends when the test gives none. */
  protected abstract faultBody(status: number): unknown

  /** The status a 'bad-json' fault answers with: what a success would be. */
  protected successStatus(_method: string, _path: string): number {
    return 200
  }

  /** Headers every answer carries, faults included (e.g. GitHub's rate-limit headers). */
  protected commonHeaders(_req: StandInRequest): Record<string, string> {
    return { 'content-type': 'application/json' }
  }

  /** Start listening on 127.0.0.1; with `tls`, serve https with that key and certificate. */
  async listen(options: { tls?: StandInTls } = {}): Promise<this> {
    if (options.tls) {
      this.server = this.track(
        createHttpsServer(options.tls, (req, res) => void this.receive(req, res)) as Server
      )
    }
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    const { port } = this.server.address() as AddressInfo
    this.origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`
    return this
  }

  private track(server: Server): Server {
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    return server
  }

  /** Queue a fault; queued faults answer matching requests in order before normal handling. */
  injectFault(fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1
    if (!(times > 0)) throw new Error(`injectFault: times must be positive, got ${times}`)
    this.faults.push({ fault, remaining: times, match: options.match })
  }

  /** How many fault answers are still queued. */
  pendingFaults(): number {
    return this.faults.reduce((sum, f) => sum + f.remaining, 0)
  }

  clearFaults(): void {
    this.faults = []
  }

  /** The successful (2xx, not faulted) requests that change state: POST, PUT, PATCH, DELETE. */
  writes(): RecordedRequest[] {
    return this.requests.filter(
      r =>
        r.method !== 'GET' &&
        r.method !== 'HEAD' &&
        // A delayed request was still handled normally: it counts as a write.
        (r.fault === null ||
          r.fault === 'delay' ||
          r.fault === 'gzip-bomb' ||
          r.fault === 'endless') &&
        r.status !== null &&
        r.status >= 200 &&
        r.status < 300
    )
  }

  /** Forget recorded requests and queued faults, and restore the starting state. */
  reset(): void {
    this.requests.length = 0
    this.faults = []
    this.maxInFlight = this.inFlight
    this.resetState()
  }

  /** Resolves with the first request (already received or arriving later) that matches. */
  waitForRequest(
    predicate: (r: RecordedRequest) => boolean = () => true,
    timeoutMs = 5000
  ): Promise<RecordedRequest> {
    const seen = this.requests.find(predicate)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve, reject) => {
      const onRequest = (r: RecordedRequest): void => {
        if (!predicate(r)) return
        clearTimeout(timer)
        this.events.off('request', onRequest)
        resolve(r)
      }
      const timer = setTimeout(() => {
        this.events.off('request', onRequest)
        reject(new Error(`no matching request within ${timeoutMs} ms`))
      }, timeoutMs)
      this.events.on('request', onRequest)
    })
  }

  /** Stop listening; hanging and kept-alive connections are destroyed so the process can exit. */
  async close(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    if (!this.server.listening) return
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    this.server.closeAllConnections()
    await closed
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlight++
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight)
    res.once('close', () => this.inFlight--)
    let rawBytes: Buffer
    try {
      rawBytes = await readBody(req)
    } catch {
      return
    }
    const rawBody = rawBytes.toString('utf8')
    const target = new URL(req.url ?? '/', 'http://stand-in.invalid')
    const method = (req.method ?? 'GET').toUpperCase()
    let body: unknown = undefined
    let bodyIsJson = true
    if (rawBody.length > 0) {
      try {
        body = JSON.parse(rawBody)
      } catch {
        body = rawBody
        bodyIsJson = false
      }
    }
    const recorded: RecordedRequest = {
      seq: ++this.seq,
      method,
      path: target.pathname,
      query: Object.fromEntries(target.searchParams),
      headers: flattenHeaders(req.headers),
      body,
      rawBody,
      status: null,
      fault: null,
      receivedAt: Date.now()
    }
    this.requests.push(recorded)
    const request: StandInRequest = {
      method,
      path: target.pathname,
      segments: target.pathname.split('/').filter(Boolean).map(safeDecode),
      query: target.searchParams,
      headers: req.headers,
      rawBody,
      rawBytes,
      bodyIsJson,
      body,
      recorded
    }
    this.events.emit('request', recorded)

    const fault = this.takeFault(method, target.pathname)
    if (fault !== undefined) {
      this.answerFault(fault, request, res)
      return
    }
    await this.answerNormally(request, res)
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const index = this.faults.findIndex(f => matches(f.match, method, path))
    if (index < 0) return undefined
    const queued = this.faults[index]
    queued.remaining -= 1
    if (queued.remaining <= 0) this.faults.splice(index, 1)
    return queued.fault
  }

  private answerFault(fault: Fault, req: StandInRequest, res: ServerResponse): void {
    const recorded = req.recorded
    if (fault === 'reset') {
      recorded.fault = 'reset'
      // An RST rather than a FIN, so the client sees ECONNRESET as with a crashed proxy.
      const socket = res.socket
      if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy()
      else socket?.destroy()
      return
    }
    if (fault === 'hang') {
      recorded.fault = 'hang'
      return
    }
    if (fault === 'bad-json') {
      recorded.fault = 'bad-json'
      const status = this.successStatus(req.method, req.path)
      this.send(res, req, { status, raw: '{"fingerprint": "truncated', headers: {} })
      return
    }
    if ('hostile' in fault) {
      void this.answerNormally(req, res, fault.hostile)
      return
    }
    if (fault.status === undefined) {
      recorded.fault = 'delay'
      this.later(fault.delayMs, () => void this.answerNormally(req, res, 'delay'))
      return
    }
    const status = fault.status
    const headers = typeof fault.headers === 'function' ? fault.headers() : fault.headers
    const answer: Answer = { status, headers }
    if ('json' in fault) {
      recorded.fault = 'json'
      answer.raw = JSON.stringify(fault.json) ?? 'null'
    } else {
      recorded.fault = 'status'
      const body = fault.body === undefined ? this.faultBody(status) : fault.body
      if (typeof body === 'string') {
        answer.raw = body
        answer.headers = { 'content-type': 'text/plain; charset=utf-8', ...headers }
      } else {
        answer.body = body
      }
    }
    if (fault.delayMs) this.later(fault.delayMs, () => this.send(res, req, answer))
    else this.send(res, req, answer)
  }

  private async answerNormally(
    req: StandInRequest,
    res: ServerResponse,
    fault: FaultKind | null = null
  ): Promise<void> {
    let answer: Answer
    try {
      answer = await this.handle(req)
    } catch (error) {
      // A crash in a stand-in is a bug in the test support, so say so loudly in the answer.
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error)
      answer = { status: 500, body: { message: `stand-in error: ${message}` } }
    }
    req.recorded.fault = fault
    if (fault === 'gzip-bomb' || fault === 'endless') {
      this.sendHostile(res, req, answer, fault)
      return
    }
    this.send(res, req, answer)
  }

  private sendHostile(
    res: ServerResponse,
    req: StandInRequest,
    answer: Answer,
    kind: 'gzip-bomb' | 'endless'
  ): void {
    if (res.destroyed || res.writableEnded) return
    const headers = { ...this.commonHeaders(req), ...answer.headers }
    req.recorded.status = answer.status
    if (kind === 'gzip-bomb') {
      const bomb = gzipBomb()
      res.writeHead(answer.status, {
        ...headers,
        'content-encoding': 'gzip',
        'content-length': String(bomb.length)
      })
      res.end(bomb)
      return
    }
    res.writeHead(answer.status, headers)
    writeEndless(res)
  }

  private send(res: ServerResponse, req: StandInRequest, answer: Answer): void {
    if (res.destroyed || res.writableEnded) return
    const payload = answer.raw ?? (answer.body === undefined ? '' : JSON.stringify(answer.body))
    const headers: Record<string, string> = {
      ...this.commonHeaders(req),
      ...answer.headers,
      'content-length': String(Buffer.byteLength(payload))
    }
    req.recorded.status = answer.status
    res.writeHead(answer.status, headers)
    res.end(payload)
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
  }
}

let bomb: Buffer | undefined

/** About 1 MB of gzip that decodes to 1 GiB of zeros: 16 gzip members of 64 MiB each. */
export function gzipBomb(): Buffer {
  if (!bomb) {
    const member = gzipSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 })
    bomb = Buffer.concat(Array.from({ length: 16 }, () => member))
  }
  return bomb
}

/**
 * Writes JSON-looking chunks as fast as the client reads them, until it goes away (or, so that
 * a test that never stops reading still ends, after 2 GiB). Resolves with the bytes written.
 */
export function writeEndless(res: ServerResponse): Promise<number> {
  const chunk = Buffer.from(`{"fingerprint":"${'a'.repeat(64)}"},`.repeat(800))
  const limit = 2 * 1024 * 1024 * 1024
  let written = 0
  return new Promise(resolve => {
    const done = (): void => resolve(written)
    res.once('close', done)
    const more = (): void => {
      while (!res.destroyed && written < limit) {
        written += chunk.length
        if (!res.write(chunk)) return void res.once('drain', more)
      }
      if (!res.destroyed) res.end(done)
    }
    res.write('[')
    more()
  })
}

/** The JSON body of an error answer: the reason phrase of the status. */
export function statusMessage(status: number): string {
  return STATUS_CODES[status] ?? `HTTP ${status}`
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (!match) return true
  if (match.method && match.method.toUpperCase() !== method) return false
  if (match.path instanceof RegExp) return match.path.test(path)
  if (typeof match.path === 'string') return match.path === path
  return true
}

/** One validation problem: the dotted path of the field and why, worded as jsonschema does. */
export interface FieldProblem {
  field: string
  code: 'missing' | 'invalid' | 'unexpected'
  message: string
}

/** Turn zod issues (parsed with reportInput) into per-field problems with jsonschema wording. */
export function fieldProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  const problems: FieldProblem[] = []
  for (const issue of issues) {
    const field = issue.path.map(String).join('.')
    const input = (issue as { input?: unknown }).input
    const absent =
      input === undefined &&
      (issue.code === 'invalid_type' ||
        issue.code === 'invalid_value' ||
        issue.code === 'invalid_union')
    if (absent) {
      const name = issue.path.length ? String(issue.path[issue.path.length - 1]) : field
      problems.push({ field, code: 'missing', message: `'${name}' is a required property` })
      continue
    }
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys) {
          problems.push({
            field: field ? `${field}.${key}` : key,
            code: 'unexpected',
            message: `Additional properties are not allowed ('${key}' was unexpected)`
          })
        }
        break
      case 'invalid_type': {
        const expected = issue.expected === 'int' ? 'integer' : issue.expected
        problems.push({
          field,
          code: 'invalid',
          message: `${repr(input)} is not of type '${expected}'`
        })
        break
      }
      case 'invalid_format': {
        const pattern = 'pattern' in issue && issue.pattern ? regexSource(issue.pattern) : null
        problems.push({
          field,
          code: 'invalid',
          message: pattern
            ? `${repr(input)} does not match '${pattern}'`
            : `${repr(input)} is not a '${issue.format}'`
        })
        break
      }
      case 'invalid_value':
        problems.push({
          field,
          code: 'invalid',
          message: `${repr(input)} is not one of [${issue.values.map(repr).join(', ')}]`
        })
        break
      case 'too_big':
        problems.push({ field, code: 'invalid', message: `${repr(input)} is too long` })
        break
      case 'too_small':
        problems.push({ field, code: 'invalid', message: `${repr(input)} is too short` })
        break
      case 'invalid_union':
        problems.push({
          field,
          code: 'invalid',
          message: `${repr(input)} is not valid under any of the given schemas`
        })
        break
      case 'invalid_key':
        problems.push({
          field,
          code: 'invalid',
          message: `${repr(input)} is not a valid key: ${fieldProblems(issue.issues)
            .map(p => p.message)
            .join('; ')}`
        })
        break
      default:
        problems.push({ field, code: 'invalid', message: issue.message })
    }
  }
  return problems
}

function regexSource(pattern: string): string {
  const literal = /^\/(.*)\/[a-z]*$/s.exec(pattern)
  return literal ? literal[1] : pattern
}

/** Python's repr of a JSON value, as jsonschema messages show it. */
function repr(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`
  if (value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (value === undefined) return 'None'
  return JSON.stringify(value)
}

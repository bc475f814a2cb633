import { Agent, type Dispatcher, Headers, Pool, ProxyAgent, Request, request } from 'undici'
import { safeUrl } from './answer.js'
import { decoded } from './decode.js'
import { TunnelError } from './network-error.js'
import { proxyFor, proxyLabel } from './proxy.js'

/** An answer's headers: names are case-insensitive, repeated ones joined by `, `. */
export interface AnswerHeaders extends Iterable<[string, string]> {
  get(name: string): string | null
  has(name: string): boolean
}

/** What one request got back: the head, and a body to read once (decoded, as fetch decodes it). */
export interface Answer {
  status: number
  statusText: string
  headers: AnswerHeaders
  body: AsyncIterable<Uint8Array>
  /** Stops the body where it is and closes its connection: the rest never arrives. */
  cancel(): void
}

export interface SendInit {
  method: string
  headers: Record<string, string>
  /** Text, bytes, or a multipart form (written with its boundary in the Content-Type). */
  body?: string | Uint8Array | FormData
  /** Default 'follow', as fetch does. */
  redirect?: 'follow' | 'manual' | 'error'
  signal?: AbortSignal
  /**
   * The per-attempt bound (request-timeout): it also bounds what the signal cannot reach, the
   * connection attempt and a proxy's answer to CONNECT. Default: undici's own bounds.
   */
  timeoutMs?: number
}

/** One request as it goes on the wire, after the caller's headers were merged. */
export interface Hop {
  method: string
  /** Lower-case names. */
  headers: Record<string, string>
  body?: Uint8Array
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 20
// What describes a body, dropped with it when a redirect turns the request into a GET.
const BODY_HEADERS = [
  'content-type',
  'content-length',
  'content-encoding',
  'content-language',
  'content-location'
]
// What only the origin the caller chose may see.
const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie']

/**
 * Sends one HTTP request: the one place that chooses how a request reaches its host. Every hop
 * is an undici request, through an Agent or, when the proxy rules name a proxy, through a
 * ProxyAgent for it (a CONNECT tunnel). Redirects are followed here, hop by hop, as fetch
 * follows them.
 */
export async function send(url: URL, init: SendInit): Promise<Answer> {
  const headers = mergeHeaders(init.headers)
  let hop: Hop = { method: init.method, headers, body: await bytesOf(url, init, headers) }
  for (let redirects = 0; ; redirects++) {
    const answer = await hopTo(url, hop, init)
    const redirect = init.redirect ?? 'follow'
    if (!REDIRECTS.has(answer.status) || redirect === 'manual') return answer
    const location = answer.headers.get('location')
    if (redirect === 'follow' && location === null) return answer
    answer.cancel()
    if (redirect === 'error') {
      const where = location === null ? 'without a Location' : `to ${safeUrl(location)}`
      throw new Error(`unexpected redirect: ${answer.status} ${where}`)
    }
    if (redirects >= MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`)
    const next = redirectTarget(location as string, url)
    hop = redirected(hop, answer.status, url, next)
    url = next
  }
}

/** For a failure's message: ` (through the proxy http://proxy:3128, from HTTPS_PROXY)`, or ''. */
export function routeOf(url: URL): string {
  let proxy: URL | undefined
  try {
    proxy = proxyFor(url)
  } catch {
    // A proxy value that is not a URL: the failure's own message says so.
    return ''
  }
  if (!proxy) return ''
  const variable = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  return ` (through the proxy ${proxyLabel(proxy)}, from ${variable}; NO_PROXY lists hosts to reach directly)`
}

// The run's dispatchers, by route and bound: connections are kept alive across requests, and
// an idle one does not keep the process alive (undici unrefs it).
const dispatchers = new Map<string, Dispatcher>()

function dispatcherFor(url: URL, timeoutMs: number | undefined): Dispatcher {
  const proxy = proxyFor(url)
  const key = `${proxy?.href ?? 'direct'} ${timeoutMs ?? ''}`
  let dispatcher = dispatchers.get(key)
  if (!dispatcher) {
    // The connection attempt ends with the attempt, not after undici's 10 s.
    const bound = timeoutMs === undefined ? {} : { timeout: timeoutMs }
    dispatcher = proxy
      ? new ProxyAgent({
          uri: proxy.href,
          proxyTls: bound,
          requestTls: bound,
          clientFactory: (origin: URL, options: object) => tunnelOpener(origin, options, timeoutMs)
        })
      : new Agent({ connect: bound })
    dispatchers.set(key, dispatcher)
  }
  return dispatcher
}

/**
 * Ends every connection, open or being opened, and forgets the dispatchers (a later request
 * makes new ones). Called once the step's outcome is written, so the process exits.
 */
export async function closeConnections(): Promise<void> {
  const all = [...dispatchers.values()]
  dispatchers.clear()
  await Promise.all(all.map(dispatcher => dispatcher.destroy().catch(() => undefined)))
}

// The client that sends CONNECT to the proxy. undici connects again at once, for as long as a
// request waits, when a connection fails with a socket error (UND_ERR_SOCKET): a proxy that
// drops each CONNECT would see thousands a second, forever. Its error, wrapped without that
// code, fails the waiting request, and the retry policy decides. The proxy's answer to CONNECT
// is bounded by the attempt's timeout, not by undici's 300 s.
function tunnelOpener(origin: URL, options: object, timeoutMs: number | undefined): Dispatcher {
  const pool = new Pool(origin, {
    ...options,
    ...(timeoutMs === undefined ? {} : { headersTimeout: timeoutMs })
  })
  const connect = pool.connect.bind(pool) as (
    options: Dispatcher.ConnectOptions
  ) => Promise<Dispatcher.ConnectData>
  pool.connect = ((options: Dispatcher.ConnectOptions) =>
    connect(options).catch((error: unknown) => {
      throw new TunnelError(error)
    })) as typeof pool.connect
  return pool
}

async function hopTo(url: URL, hop: Hop, init: SendInit): Promise<Answer> {
  const headers = { ...hop.headers }
  // As the action has always sent them: a write without a body says so; GET and HEAD do not.
  if (!hop.body && !BODILESS.has(hop.method.toUpperCase())) headers['content-length'] = '0'
  headers.accept ??= '*/*'
  const answer = await request(url, {
    method: hop.method as Dispatcher.HttpMethod,
    headers,
    body: hop.body,
    signal: init.signal,
    dispatcher: dispatcherFor(url, init.timeoutMs)
  })
  const answerHeaders = headersOf(answer.headers)
  const raw = answer.body
  return {
    status: answer.statusCode,
    // undici's request() does not pass the reason phrase on: the standard one is used.
    statusText: '',
    headers: answerHeaders,
    body: decoded(raw, hop.method, answer.statusCode, answerHeaders.get('content-encoding')),
    cancel: () => void raw.on('error', () => undefined).destroy()
  }
}

// Methods that carry no body, and so no Content-Length.
const BODILESS = new Set(['GET', 'HEAD'])

// undici gives a repeated header as a list; fetch's Headers joins it with `, `.
function headersOf(given: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(given)) {
    for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
      headers.append(name, one)
    }
  }
  return headers
}

// Header names merged as fetch's Headers merges them: case-insensitive, values trimmed, a
// repeated name's values joined by `, `.
function mergeHeaders(given: Record<string, string>): Record<string, string> {
  const merged: Record<string, string> = {}
  for (const [name, raw] of Object.entries(given)) {
    const key = name.toLowerCase()
    const value = String(raw).trim()
    merged[key] = key in merged ? `${merged[key]}, ${value}` : value
  }
  return merged
}

// The bytes to send, and the Content-Type fetch would have given them.
async function bytesOf(
  url: URL,
  init: SendInit,
  headers: Record<string, string>
): Promise<Uint8Array | undefined> {
  const { body } = init
  if (body === undefined) return undefined
  if (typeof body === 'string') {
    headers['content-type'] ??= 'text/plain;charset=UTF-8'
    return Buffer.from(body, 'utf8')
  }
  if (body instanceof Uint8Array) return body
  // A multipart form, written once with its boundary so that a 307 or a retry sends the same bytes.
  const written = new Request(url, { method: init.method, body })
  const type = written.headers.get('content-type')
  if (type) headers['content-type'] = type
  return Buffer.from(await written.arrayBuffer())
}

function redirectTarget(location: string, from: URL): URL {
  let next: URL
  try {
    next = new URL(location, from)
  } catch {
    throw new Error(`a redirect to ${JSON.stringify(safeUrl(location))}, which is not a URL`)
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') {
    throw new Error(`a redirect to ${next.protocol} URL, which is not http(s)`)
  }
  return next
}

// The next hop as fetch makes it: 303 (and 301/302 after a POST) becomes a GET without a body;
// credentials stay behind when the redirect leaves the origin.
function redirected(hop: Hop, status: number, from: URL, to: URL): Hop {
  const method = hop.method.toUpperCase()
  const headers = { ...hop.headers }
  let next: Hop = { ...hop, headers }
  if (
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST')
  ) {
    next = { method: 'GET', headers }
    for (const name of BODY_HEADERS) delete headers[name]
  }
  if (to.origin !== from.origin) {
    for (const name of CREDENTIAL_HEADERS) delete headers[name]
  }
  return next
}

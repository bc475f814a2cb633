import { safeUrl } from './answer.js'
import { directHop } from './direct.js'
import { proxyFor, proxyLabel } from './proxy.js'

/** An answer's headers: names are case-insensitive, repeated ones joined by `, ` as fetch does. */
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
 * Sends one HTTP request: the one place that chooses how a request reaches its host. Direct
 * requests use node:http or node:https (Node's fetch would load its undici, ~30 ms at start);
 * a request that HTTPS_PROXY or HTTP_PROXY covers goes through undici's ProxyAgent (a CONNECT
 * tunnel), loaded only then. Redirects are followed per hop as fetch follows them.
 */
export async function send(url: URL, init: SendInit): Promise<Answer> {
  const headers = mergeHeaders(init.headers)
  let hop: Hop = { method: init.method, headers, body: await bytesOf(url, init, headers) }
  for (let redirects = 0; ; redirects++) {
    const answer = await hopTo(url, hop, init.signal)
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

async function hopTo(url: URL, hop: Hop, signal: AbortSignal | undefined): Promise<Answer> {
  const proxy = proxyFor(url)
  if (!proxy) return directHop(url, hop, signal)
  const { proxiedHop } = await import('./proxied.js')
  return proxiedHop(url, proxy, hop, signal)
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
  // A multipart form: fetch's Request writes it with its boundary (this loads Node's undici).
  const request = new Request(url, { method: init.method, body })
  const type = request.headers.get('content-type')
  if (type) headers['content-type'] = type
  return Buffer.from(await request.arrayBuffer())
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

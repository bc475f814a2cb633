import type * as Http from 'node:http'
import type * as Https from 'node:https'
import type { Readable, Transform } from 'node:stream'
import type * as Zlib from 'node:zlib'
import type { Answer, AnswerHeaders, Hop } from './transport.js'

// The built-ins come from the process rather than from `import`: an ESM import of node:http
// makes Node 24 load its fetch (undici) for the namespace, and tls (node:https) and zlib cost
// time that a run without https or a compressed answer does not need to spend.
const builtin = {
  http: (): typeof Http => process.getBuiltinModule('node:http'),
  https: (): typeof Https => process.getBuiltinModule('node:https'),
  stream: (): typeof import('node:stream') => process.getBuiltinModule('node:stream'),
  zlib: (): typeof Zlib => process.getBuiltinModule('node:zlib')
}

// One keep-alive agent per scheme for the run, so that many requests share a few connections.
// An idle socket does not keep the process alive (the agent unrefs it); like Node's global
// agent, one idle 5 s is closed, before a server's usual keep-alive timeout ends it.
const AGENT_OPTIONS = { keepAlive: true, scheduling: 'lifo', timeout: 5000 } as const
let httpAgent: Http.Agent | undefined
let httpsAgent: Https.Agent | undefined

function transportFor(url: URL): { request: typeof Http.request; agent: Http.Agent } {
  if (url.protocol === 'https:') {
    const https = builtin.https()
    httpsAgent ??= new https.Agent(AGENT_OPTIONS)
    return { request: https.request, agent: httpsAgent }
  }
  const http = builtin.http()
  httpAgent ??= new http.Agent(AGENT_OPTIONS)
  return { request: http.request, agent: httpAgent }
}

// Methods fetch sends without a Content-Length when they carry no body.
const BODILESS = new Set(['GET', 'HEAD'])

/**
 * One request over node:http or node:https, without following redirects. The signal destroys
 * the request (and its answer's body) with the signal's reason, as fetch rejects with it.
 */
export function directHop(url: URL, hop: Hop, signal?: AbortSignal): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const headers = { ...hop.headers }
    if (hop.body) headers['content-length'] = String(hop.body.byteLength)
    else if (!BODILESS.has(hop.method.toUpperCase())) headers['content-length'] = '0'
    headers.accept ??= '*/*'
    const { request, agent } = transportFor(url)
    let req: Http.ClientRequest
    try {
      req = request(url, { method: hop.method, headers, agent })
    } catch (error) {
      // An invalid header name or value: nothing was sent.
      reject(error)
      return
    }
    let answer: Http.IncomingMessage | undefined
    const onAbort = (): void => {
      answer?.destroy(signal?.reason)
      req.destroy(signal?.reason)
    }
    const settle = (): void => signal?.removeEventListener('abort', onAbort)
    signal?.addEventListener('abort', onAbort, { once: true })
    req.on('error', error => {
      settle()
      reject(error)
    })
    req.on('close', settle)
    req.on('response', res => {
      answer = res
      res.on('close', settle)
      const headers = new RawHeaders(res.rawHeaders)
      resolve({
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers,
        body: decoded(res, hop.method, headers.get('content-encoding')),
        cancel: () => {
          res.destroy()
          req.destroy()
        }
      })
    })
    req.end(hop.body)
  })
}

// No body to decode in these answers (fetch leaves them alone too).
const NULL_BODY = new Set([101, 204, 205, 304])

// The body as fetch gives it: each content coding undone, the last applied first. A coding
// fetch does not know is passed on as it came.
function decoded(
  res: Http.IncomingMessage,
  method: string,
  encoding: string | null
): AsyncIterable<Uint8Array> {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map(coding => coding.trim())
    .filter(Boolean)
    .reverse()
  if (
    codings.length === 0 ||
    method.toUpperCase() === 'HEAD' ||
    NULL_BODY.has(res.statusCode ?? 0)
  ) {
    return res
  }
  const decoders: Transform[] = []
  for (const coding of codings) {
    const decoder = decoderFor(coding)
    if (!decoder) return res
    decoders.push(decoder)
  }
  // A broken or cut stream destroys every stage with its error, so the reader sees it.
  const { pipeline } = builtin.stream()
  let body: Readable = res
  for (const decoder of decoders) body = pipeline(body, decoder, () => undefined)
  return body
}

function decoderFor(coding: string): Transform | undefined {
  const zlib = builtin.zlib()
  // Lenient about an answer cut short, as fetch is: what arrived is decoded.
  const flush = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(flush)
  if (coding === 'deflate') return inflate(flush)
  if (coding === 'br') {
    const brotli = zlib.constants.BROTLI_OPERATION_FLUSH
    return zlib.createBrotliDecompress({ flush: brotli, finishFlush: brotli })
  }
  return undefined
}

// `deflate` is meant as zlib-wrapped, but some servers send it raw: the first byte tells, as
// fetch tells it (a zlib header's low nibble is 8, the deflate method).
function inflate(options: Zlib.ZlibOptions): Transform {
  const zlib = builtin.zlib()
  const { Transform } = builtin.stream()
  let inner: Zlib.Inflate | Zlib.InflateRaw | undefined
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        const raw = (chunk[0] & 0x0f) !== 0x08
        inner = raw ? zlib.createInflateRaw(options) : zlib.createInflate(options)
        inner.on('data', (data: Buffer) => this.push(data))
        inner.on('error', error => this.destroy(error))
      }
      inner.write(chunk, () => done())
    },
    flush(done) {
      if (!inner) return done()
      inner.once('end', () => done())
      inner.end()
    },
    destroy(error, done) {
      inner?.destroy()
      done(error)
    }
  })
}

/** node:http's raw header lines, read as fetch's Headers reads them. */
class RawHeaders implements AnswerHeaders {
  private readonly values = new Map<string, string>()

  constructor(raw: string[]) {
    for (let i = 0; i + 1 < raw.length; i += 2) {
      const name = raw[i].toLowerCase()
      const value = raw[i + 1].trim()
      const before = this.values.get(name)
      this.values.set(name, before === undefined ? value : `${before}, ${value}`)
    }
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase())
  }

  [Symbol.iterator](): Iterator<[string, string]> {
    return [...this.values].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[Symbol.iterator]()
  }
}

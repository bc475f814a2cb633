import { randomBytes } from 'node:crypto'
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type ServerResponse
} from 'node:http'
import type { AddressInfo } from 'node:net'

export const TOKEN_SERVICE = 'test-registry'

export interface TokenProxyOptions {
  /** `host:port` of the registry the proxy forwards to (one without auth of its own). */
  upstream: string
  /** Users the token endpoint accepts with Basic credentials. */
  users?: Record<string, string>
  /** Issue tokens to anonymous callers too (a public repository). */
  anonymous?: boolean
  /** Answer the token as `access_token` instead of `token`. */
  accessTokenField?: boolean
  /** Drop Docker-Content-Digest from the registry's answers (some registries omit it). */
  omitDigestHeader?: boolean
}

/** What the stand-in saw, for assertions on the auth flow. */
export interface ProxyRecord {
  method: string
  path: string
  /** The scheme of the Authorization header sent, or 'none'. */
  auth: 'none' | 'basic' | 'bearer' | string
  /** The Basic user name at /token (never the password). */
  user?: string
  query: Record<string, string>
  status: number
}

export interface TokenProxy {
  /** `127.0.0.1:<port>` */
  host: string
  records: ProxyRecord[]
  stop(): Promise<void>
}

/**
 * A token-service stand-in in front of a real registry: 401 with a Bearer challenge unless a
 * token it issued is presented; /token checks Basic credentials; the rest is forwarded.
 */
export async function startTokenProxy(options: TokenProxyOptions): Promise<TokenProxy> {
  const tokens = new Set<string>()
  const records: ProxyRecord[] = []
  let realm = ''

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in')
    const authorization = req.headers.authorization ?? ''
    const scheme = authorization ? authorization.split(' ')[0].toLowerCase() : 'none'
    const record: ProxyRecord = {
      method: req.method ?? 'GET',
      path: url.pathname,
      auth: scheme,
      query: Object.fromEntries(url.searchParams),
      status: 0
    }
    records.push(record)
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      record.status = status
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }

    if (url.pathname === '/token') {
      let allowed = options.anonymous === true && scheme === 'none'
      if (scheme === 'basic') {
        const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
        const colon = decoded.indexOf(':')
        const user = decoded.slice(0, colon)
        record.user = user
        allowed = colon > 0 && options.users?.[user] === decoded.slice(colon + 1)
      }
      if (!allowed) {
        answer(401, { errors: [{ code: 'UNAUTHORIZED', message: 'invalid credentials' }] })
        return
      }
      const token = randomBytes(16).toString('hex')
      tokens.add(token)
      answer(
        200,
        options.accessTokenField
          ? { access_token: token, expires_in: 300 }
          : { token, expires_in: 300 }
      )
      return
    }

    const bearer = scheme === 'bearer' ? authorization.slice(7).trim() : ''
    if (!tokens.has(bearer)) {
      const repository =
        /^\/v2\/(.+)\/(?:manifests|blobs|tags)\//.exec(url.pathname)?.[1] ?? 'acme/app'
      answer(
        401,
        { errors: [{ code: 'UNAUTHORIZED', message: 'authentication required' }] },
        {
          'WWW-Authenticate': `Bearer realm="${realm}",service="${TOKEN_SERVICE}",scope="repository:${repository}:pull"`
        }
      )
      return
    }
    forward(req, res, record)
  })

  const forward = (req: IncomingMessage, res: ServerResponse, record: ProxyRecord): void => {
    const headers = { ...req.headers, host: options.upstream }
    delete headers.authorization
    const [hostname, port] = options.upstream.split(':')
    const upstream = httpRequest(
      { hostname, port: Number(port), method: req.method, path: req.url, headers },
      answer => {
        const out = { ...answer.headers }
        if (options.omitDigestHeader) delete out['docker-content-digest']
        record.status = answer.statusCode ?? 502
        res.writeHead(record.status, out)
        answer.pipe(res)
      }
    )
    upstream.on('error', error => {
      record.status = 502
      res.writeHead(502).end(String(error))
    })
    req.pipe(upstream)
  }

  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  realm = `http://${host}/token`
  return {
    host,
    records,
    stop: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}

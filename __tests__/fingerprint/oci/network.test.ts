import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { fingerprintOciImage } from '../../../src/fingerprint/oci/index.js'

// Registry behaviour a real registry will not show on demand, from a small node:http stand-in.

type Handler = (req: IncomingMessage, res: ServerResponse) => void

const NO_CONFIG = { HOME: '/nonexistent-home' }
const hex = (char: string): string => char.repeat(64)
const MANIFEST = Buffer.from(
  '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}'
)
const MANIFEST_DIGEST = createHash('sha256').update(MANIFEST).digest('hex')

let server: Server
let host: string
let handler: Handler
const seen: { method: string; url: string; accept?: string; authorization?: string }[] = []
const sockets = new Set<Socket>()

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      accept: req.headers.accept,
      authorization: req.headers.authorization
    })
    handler(req, res)
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  for (const socket of sockets) socket.destroy()
  await new Promise(resolve => server.close(resolve))
})

beforeEach(() => {
  seen.length = 0
})

const json = (res: ServerResponse, status: number, body: unknown, headers = {}): void => {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers })
  res.end(JSON.stringify(body))
}
const manifest = (req: IncomingMessage, res: ServerResponse, headers = {}): void => {
  res.writeHead(200, {
    'Content-Type': 'application/vnd.oci.image.manifest.v1+json',
    'Content-Length': String(MANIFEST.length),
    ...headers
  })
  res.end(req.method === 'HEAD' ? undefined : MANIFEST)
}

describe('fingerprintOciImage against a stand-in', () => {
  it('asks HEAD with an Accept list of OCI and Docker manifests and indexes', async () => {
    handler = (req, res) =>
      manifest(req, res, { 'Docker-Content-Digest': `sha256:${MANIFEST_DIGEST}` })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
    expect(seen).toHaveLength(1)
    expect(seen[0].method).toBe('HEAD')
    expect(seen[0].url).toBe('/v2/acme/app/manifests/1')
    const accepted = (seen[0].accept ?? '').split(',').map(type => type.trim())
    expect(accepted).toEqual(
      expect.arrayContaining([
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json'
      ])
    )
  })

  it('GETs and hashes the body when HEAD is not allowed', async () => {
    handler = (req, res) => {
      if (req.method === 'HEAD') json(res, 405, { errors: [{ code: 'UNSUPPORTED' }] })
      else manifest(req, res)
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
    expect(seen.map(request => request.method)).toEqual(['HEAD', 'GET'])
  })

  it('hashes the body when the digest header is not sha256', async () => {
    handler = (req, res) =>
      manifest(req, res, { 'Docker-Content-Digest': `sha512:${'a'.repeat(128)}` })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
  })

  it('fails when the registry serves another digest than the reference pins', async () => {
    handler = (req, res) => manifest(req, res, { 'Docker-Content-Digest': `sha256:${hex('b')}` })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app@sha256:${hex('a')}`, {
        env: NO_CONFIG,
        retryBaseMs: 5
      })
    ).rejects.toThrow(
      `Registry ${host} serves sha256:${hex('b')} for ${host}/acme/app@sha256:${hex('a')}, not the digest the reference pins`
    )
  })

  it('reads the error code of a 404 from a GET, as HEAD has no body', async () => {
    handler = (_req, res) =>
      json(res, 404, {
        errors: [{ code: 'NAME_UNKNOWN', message: 'repository name not known to registry' }]
      })
    await expect(
      fingerprintOciImage(`http://${host}/acme/gone:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(
      `Image or tag not found: ${host}/acme/gone:1 (registry ${host} answered 404 NAME_UNKNOWN ` +
        `(repository name not known to registry) to GET /v2/acme/gone/manifests/1)`
    )
  })

  it('names the status and message of other failures', async () => {
    handler = (_req, res) => json(res, 500, { errors: [{ code: 'UNKNOWN', message: 'disk full' }] })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(
      `Registry ${host} answered 500 UNKNOWN (disk full) to GET /v2/acme/app/manifests/1`
    )
  })

  it('is denied after a Basic challenge without credentials, naming anonymous', async () => {
    handler = (_req, res) => json(res, 401, {}, { 'WWW-Authenticate': 'Basic realm="r"' })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(
      /^Access denied to 127\.0\.0\.1:\d+\/acme\/app: tried anonymous; HEAD .* answered 401\. Give registry-username and registry-password, or log in with docker\/login-action/
    )
    expect(seen).toHaveLength(1)
  })

  it('is denied on 403 after Basic credentials, without showing them', async () => {
    handler = (req, res) => {
      if (!req.headers.authorization) json(res, 401, {}, { 'WWW-Authenticate': 'Basic realm="r"' })
      else
        json(res, 403, {
          errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }]
        })
    }
    const error = (await fingerprintOciImage(`http://${host}/acme/app:1`, {
      username: 'robot',
      password: 'very-secret-password',
      registry: host,
      env: NO_CONFIG
    }).catch((caught: Error) => caught)) as Error
    expect(error.message).toMatch(
      /^Access denied to .*acme\/app: tried anonymous, then registry-username; GET .* answered 403 DENIED \(requested access to the resource is denied\)\. Check that these credentials may pull/
    )
    expect(error.message).not.toContain('very-secret-password')
    expect(error.message).not.toContain(
      Buffer.from('robot:very-secret-password').toString('base64')
    )
    expect(seen[1].authorization).toBe(
      `Basic ${Buffer.from('robot:very-secret-password').toString('base64')}`
    )
  })

  it('gets an anonymous token from a Bearer realm and takes access_token', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) return json(res, 200, { access_token: 'anon-token' })
      if (req.headers.authorization !== 'Bearer anon-token') {
        return json(
          res,
          401,
          {},
          {
            'WWW-Authenticate': `Bearer realm="http://${host}/token",service="svc"`
          }
        )
      }
      manifest(req, res, { 'Docker-Content-Digest': `sha256:${MANIFEST_DIGEST}` })
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
    // Without a scope in the challenge, the pull scope of the repository is asked.
    expect(seen[1].url).toBe('/token?service=svc&scope=repository%3Aacme%2Fapp%3Apull')
    expect(seen[1].authorization).toBeUndefined()
  })

  it('refuses a token service that answers without a token', async () => {
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) return json(res, 200, { nothing: true })
      json(res, 401, {}, { 'WWW-Authenticate': `Bearer realm="http://${host}/token"` })
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(/answered without a token \(expected JSON with 'token' or 'access_token'\)/)
  })

  it('will not send credentials to a plain-http token service off loopback', async () => {
    handler = (_req, res) =>
      json(res, 401, {}, { 'WWW-Authenticate': 'Bearer realm="http://auth.example.com/token"' })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, {
        username: 'u',
        password: 'p',
        registry: host,
        env: NO_CONFIG
      })
    ).rejects.toThrow(/names the token service http:\/\/auth\.example\.com, which is not https/)
  })

  it('names an authentication scheme it does not support', async () => {
    handler = (_req, res) => json(res, 401, {}, { 'WWW-Authenticate': 'Negotiate' })
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(/asks for an authentication scheme the action does not support \(negotiate\)/)
  })

  it('says when a registry does not answer within the timeout', async () => {
    handler = () => undefined // never answers
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, {
        env: NO_CONFIG,
        timeoutMs: 200,
        retryBaseMs: 5
      })
    ).rejects.toThrow(
      `Registry ${host} unreachable: no answer within 0.2 s to HEAD http://${host}/v2/acme/app/manifests/1`
    )
  })

  it('says when https meets a plain-http registry', async () => {
    handler = (req, res) => manifest(req, res)
    await expect(
      fingerprintOciImage(`${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(new RegExp(`^Registry ${host} unreachable`))
  })
})

describe('fingerprintOciImage without a registry', () => {
  it('says a registry on a closed port is unreachable', async () => {
    const closed = createServer()
    await new Promise<void>(resolve => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise(resolve => closed.close(resolve))
    await expect(
      fingerprintOciImage(`http://127.0.0.1:${port}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(
      `Registry 127.0.0.1:${port} unreachable: connection refused (ECONNREFUSED) for HEAD http://127.0.0.1:${port}/v2/acme/app/manifests/1`
    )
  })

  it('refuses http:// for a registry that is not on loopback, before any request', async () => {
    await expect(
      fingerprintOciImage('http://registry.example.com/acme/app:1', {
        env: NO_CONFIG,
        retryBaseMs: 5
      })
    ).rejects.toThrow(/plain http, which is allowed only for a loopback registry/)
  })
})

describe('fingerprintOciImage over the HTTP layer', () => {
  it('retries a 503 and a reset connection, then resolves', async () => {
    let n = 0
    handler = (req, res) => {
      n++
      if (n === 1) return json(res, 503, { errors: [{ code: 'UNAVAILABLE' }] })
      if (n === 2) return req.socket.destroy()
      manifest(req, res, { 'Docker-Content-Digest': `sha256:${MANIFEST_DIGEST}` })
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
    expect(seen.map(request => request.method)).toEqual(['HEAD', 'HEAD', 'HEAD'])
  })

  it('retries the token service too', async () => {
    let tokenCalls = 0
    handler = (req, res) => {
      if (req.url?.startsWith('/token')) {
        tokenCalls++
        return tokenCalls === 1 ? json(res, 502, {}) : json(res, 200, { token: 't0k3n' })
      }
      if (req.headers.authorization !== 'Bearer t0k3n') {
        return json(res, 401, {}, { 'WWW-Authenticate': `Bearer realm="http://${host}/token"` })
      }
      manifest(req, res, { 'Docker-Content-Digest': `sha256:${MANIFEST_DIGEST}` })
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).resolves.toMatchObject({ fingerprint: MANIFEST_DIGEST })
    expect(tokenCalls).toBe(2)
  })

  it('stops reading a manifest past 4 MiB, naming the host and the cap', async () => {
    handler = (req, res) => {
      if (req.method === 'HEAD') return json(res, 405, {})
      res.writeHead(200, { 'Content-Type': 'application/vnd.oci.image.manifest.v1+json' })
      // 5 MiB in 64 KiB chunks: more than a manifest may be.
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      let left = 80
      const more = (): void => {
        while (left > 0) {
          left--
          if (!res.write(chunk)) return void res.once('drain', more)
        }
        res.end()
      }
      more()
    }
    await expect(
      fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG, retryBaseMs: 5 })
    ).rejects.toThrow(
      new RegExp(
        `^GET http://${host}/v2/acme/app/manifests/1 answered 200 OK, but its body is larger than 4 MiB.*Check that ${host} is`
      )
    )
  })

  it('asks for an unencoded answer', async () => {
    handler = (req, res) =>
      manifest(req, res, { 'Docker-Content-Digest': `sha256:${MANIFEST_DIGEST}` })
    const accepted: string[] = []
    const previous = handler
    handler = (req, res) => {
      accepted.push(String(req.headers['accept-encoding']))
      previous(req, res)
    }
    await fingerprintOciImage(`http://${host}/acme/app:1`, { env: NO_CONFIG })
    expect(accepted).toEqual(['identity'])
  })
})

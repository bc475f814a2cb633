// The https, GitHub Enterprise Server and proxy parts of the test harness.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { type GitHubStandIn, startGitHubServer } from '../../test-support/github-server.js'
import { type TestCa, makeTestCa } from '../../test-support/test-ca.js'

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

let ca: TestCa
let ghes: GitHubStandIn

beforeAll(async () => {
  ca = makeTestCa(['github.test', '127.0.0.1'])
  ghes = await startGitHubServer({
    tls: { key: ca.key, cert: ca.cert },
    serverUrl: 'https://ghes.example.com',
    apiPrefix: '/api/v3',
    enterpriseVersion: '3.14.2',
    deploymentRecordRoute: false
  })
  ghes.seedRepository({ owner: 'acme', repo: 'app' })
})

afterAll(async () => {
  await ghes?.close()
  ca?.remove()
})

function call(method: string, path: string, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port: ghes.port, path, method, ca: readFileSync(ca.caFile, 'utf8') },
      res => {
        let text = ''
        res.on('data', chunk => (text += String(chunk)))
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
        )
      }
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('an https stand-in acting as GitHub Enterprise Server', () => {
  it('gives an https origin on 127.0.0.1', () => {
    expect(ghes.url).toBe(`https://127.0.0.1:${ghes.port}`)
  })

  it('serves the API under its prefix, with the enterprise version header', async () => {
    const reply = await call('GET', '/api/v3/repos/acme/app')

    expect(reply.status).toBe(200)
    expect(reply.headers['x-github-enterprise-version']).toBe('3.14.2')
    expect(JSON.parse(reply.body)).toMatchObject({
      full_name: 'acme/app',
      html_url: 'https://ghes.example.com/acme/app'
    })
  })

  it('answers 404 outside the prefix', async () => {
    expect((await call('GET', '/repos/acme/app')).status).toBe(404)
  })

  it('without the deployment-record route: 404 Not Found, as for any unknown route', async () => {
    const reply = await call('POST', '/api/v3/orgs/acme/artifacts/metadata/deployment-record', '{}')

    expect(reply.status).toBe(404)
    expect(JSON.parse(reply.body)).toMatchObject({ message: 'Not Found' })
    expect(reply.headers['x-github-enterprise-version']).toBe('3.14.2')
  })
})

describe('the CONNECT proxy', () => {
  let proxy: ConnectProxy

  beforeAll(async () => {
    proxy = await startConnectProxy({ 'github.test': '127.0.0.1' })
  })
  afterAll(async () => {
    await proxy?.close()
  })

  function connect(target: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const { hostname, port } = new URL(proxy.url)
      const req = httpRequest({ host: hostname, port, method: 'CONNECT', path: target })
      req.on('connect', (res, socket) => {
        socket.destroy()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
  }

  it('tunnels to a name it resolves, and records it', async () => {
    expect(await connect(`github.test:${ghes.port}`)).toBe(200)
    expect(proxy.tunnelsTo(`github.test:${ghes.port}`)).toEqual([
      { target: `github.test:${ghes.port}`, host: 'github.test', port: ghes.port, opened: true }
    ])
  })

  it('refuses a name it does not know with 502, recording the attempt', async () => {
    expect(await connect('elsewhere.example:443')).toBe(502)
    expect(proxy.tunnels.at(-1)).toMatchObject({ target: 'elsewhere.example:443', opened: false })
    expect(proxy.tunnelsTo('elsewhere.example')).toEqual([])
  })
})

// Keep-alive never holds the process: in a Node process of its own (Node 24, the runner's, when
// there is one), one request through the transport, direct or through a proxy, and the process
// ends by itself with its connection still kept alive by the server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { NODE24, REPO_ROOT } from '../../test-support/run-action.js'
import { type TestCa, makeTestCa } from '../../test-support/test-ca.js'

const NODE = NODE24.binary ?? process.execPath
const TRANSPORT = pathToFileURL(join(REPO_ROOT, 'src/http/transport.ts')).href

// Sends one GET through the transport and reports what is still open once the body is read:
// a kept-alive socket must not hold the process, and nothing closes it but the process's end.
const SCRIPT = `
const [url, transport] = process.argv.slice(1)
const { send } = await import(transport)
const answer = await send(new URL(url), { method: 'GET', headers: {} })
let body = ''
for await (const chunk of answer.body) body += Buffer.from(chunk).toString('utf8')
await new Promise(resolve => setImmediate(resolve))
console.log(JSON.stringify({ status: answer.status, body }))
`

interface Report {
  status: number
  body: string
}

function runScript(url: string, env: NodeJS.ProcessEnv = {}): Promise<Report> {
  return new Promise((resolve, reject) => {
    const proxyless = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(https?|no)_proxy$/i.test(name))
    )
    execFile(
      NODE,
      ['--import', 'tsx', '--input-type=module', '-e', SCRIPT, url, TRANSPORT],
      // A child that does not end by itself is killed, so the test fails with a reason.
      { cwd: REPO_ROOT, env: { ...proxyless, NODE_OPTIONS: '', ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error?.killed) return reject(new Error(`the child did not exit by itself\n${stdout}`))
        if (error) return reject(new Error(`${String(error)}\n${stderr}`))
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '') as Report)
      }
    )
  })
}

// The server never closes an idle connection: only the client's own ending can end the child.
async function listen(server: http.Server): Promise<number> {
  server.keepAliveTimeout = 0
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

describe('a request in a process of its own: the process exits with its connection open', () => {
  let ca: TestCa
  let plain: http.Server
  let secure: https.Server
  let plainPort: number
  let securePort: number
  let proxy: ConnectProxy

  beforeAll(async () => {
    ca = makeTestCa(['127.0.0.1', 'stub.test'])
    plain = http.createServer((_req, res) => res.end('plain'))
    secure = https.createServer({ key: ca.key, cert: ca.cert }, (_req, res) => res.end('secure'))
    plainPort = await listen(plain)
    securePort = await listen(secure)
    proxy = await startConnectProxy({ 'stub.test': '127.0.0.1' })
  })
  afterAll(async () => {
    for (const server of [plain, secure]) {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
    await proxy.close()
    ca.remove()
  })

  it('direct, over http', async () => {
    expect(await runScript(`http://127.0.0.1:${plainPort}/`)).toEqual({
      status: 200,
      body: 'plain'
    })
  })

  it('direct, over https (a CA from NODE_EXTRA_CA_CERTS)', async () => {
    const report = await runScript(`https://127.0.0.1:${securePort}/`, {
      NODE_EXTRA_CA_CERTS: ca.caFile
    })
    expect(report).toEqual({ status: 200, body: 'secure' })
  })

  it('through a proxy, over http and over https', async () => {
    proxy.tunnels.length = 0
    const env = { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: ca.caFile }
    expect(await runScript(`http://stub.test:${plainPort}/`, env)).toEqual({
      status: 200,
      body: 'plain'
    })
    expect(await runScript(`https://stub.test:${securePort}/`, env)).toEqual({
      status: 200,
      body: 'secure'
    })
    expect(proxy.tunnels.map(t => [t.target, t.opened])).toEqual([
      [`stub.test:${plainPort}`, true],
      [`stub.test:${securePort}`, true]
    ])
  })
})

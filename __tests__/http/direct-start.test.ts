// What a direct request costs a run at start: in a Node process of its own (Node 24, the
// runner's, when there is one), one request through the transport loads neither undici (Node's
// fetch, ~30 ms) nor the npm undici, and the process ends by itself with its connection still
// kept alive by the server.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFile } from 'node:child_process'
import * as http from 'node:http'
import * as https from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { NODE24, REPO_ROOT } from '../../test-support/run-action.js'
import { type TestCa, makeTestCa } from '../../test-support/test-ca.js'

const NODE = NODE24.binary ?? process.execPath
const TRANSPORT = pathToFileURL(join(REPO_ROOT, 'src/http/transport.ts')).href

// Sends one GET through the transport and prints what the process loaded. Node lists its own
// undici in moduleLoadList once fetch (or Headers, Response…) is touched; either undici sets
// the global dispatcher when it loads. A kept-alive socket must not hold the process.
const SCRIPT = `
const [url, transport] = process.argv.slice(1)
const { send } = await import(transport)
const answer = await send(new URL(url), { method: 'GET', headers: {} })
let body = ''
for await (const chunk of answer.body) body += Buffer.from(chunk).toString('utf8')
await new Promise(resolve => setImmediate(resolve))
console.log(JSON.stringify({
  status: answer.status,
  body,
  undici: process.moduleLoadList.filter(name => /undici/i.test(name)),
  dispatcher: globalThis[Symbol.for('undici.globalDispatcher.1')] !== undefined,
  // Connections that would keep the process alive once the work is done.
  sockets: process.getActiveResourcesInfo().filter(name => /TCP|TLS/.test(name))
}))
`

interface Report {
  status: number
  body: string
  undici: string[]
  dispatcher: boolean
  sockets: string[]
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

describe('a direct request, in a process of its own', () => {
  let ca: TestCa
  let plain: http.Server
  let secure: https.Server
  let plainPort: number
  let securePort: number

  beforeAll(async () => {
    ca = makeTestCa(['127.0.0.1'])
    plain = http.createServer((_req, res) => res.end('plain'))
    secure = https.createServer({ key: ca.key, cert: ca.cert }, (_req, res) => res.end('secure'))
    plainPort = await listen(plain)
    securePort = await listen(secure)
  })
  afterAll(async () => {
    for (const server of [plain, secure]) {
      server.closeAllConnections()
      await new Promise(resolve => server.close(resolve))
    }
    ca.remove()
  })

  it('over http loads no undici, and the process exits with its connection open', async () => {
    const report = await runScript(`http://127.0.0.1:${plainPort}/`)
    expect(report).toEqual({
      status: 200,
      body: 'plain',
      undici: [],
      dispatcher: false,
      sockets: []
    })
  })

  it('over https (a CA from NODE_EXTRA_CA_CERTS) loads no undici either', async () => {
    const report = await runScript(`https://127.0.0.1:${securePort}/`, {
      NODE_EXTRA_CA_CERTS: ca.caFile
    })
    expect(report).toEqual({
      status: 200,
      body: 'secure',
      undici: [],
      dispatcher: false,
      sockets: []
    })
  })
})

// The bundled action behind a forwarding proxy, and against GitHub Enterprise Server. The
// stand-ins serve https with a CA made for the run (trusted through NODE_EXTRA_CA_CERTS), under
// test host names that only the proxy resolves, so no loopback address is in the action's URLs.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type ConnectProxy, startConnectProxy } from '../../test-support/connect-proxy.js'
import { type GitHubStandIn, startGitHubServer } from '../../test-support/github-server.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'
import {
  type ActionResult,
  type RunActionOptions,
  runAction,
  defaultWorkflowDispatchEvent
} from '../../test-support/run-action.js'
import { type TestCa, makeTestCa } from '../../test-support/test-ca.js'
import { makeWorkspace, onlyReportBody, removeWorkspace, secretLeaks } from './report-helpers.js'
import { fingerprintOf } from './deploy-helpers.js'

const OWNER = 'acme'
const REPO = 'app'
const NAMES = ['kosli.test', 'api.kosli.test', 'github.test']

let ca: TestCa
let kosli: KosliStandIn
let github: GitHubStandIn
let workspace: string
let head: string

beforeAll(async () => {
  ca = makeTestCa([...NAMES, '127.0.0.1'])
  const tls = { key: ca.key, cert: ca.cert }
  kosli = await startKosliServer({ tls })
  github = await startGitHubServer({ tls })
  workspace = await makeWorkspace({ 'build/app.jar': 'the app, compiled' })
})

afterAll(async () => {
  await Promise.all([kosli?.close(), github?.close()])
  if (workspace) await removeWorkspace(workspace)
  ca?.remove()
})

function seed(stand: GitHubStandIn): string {
  stand.reset()
  stand.seedRepository({ owner: OWNER, repo: REPO, id: 4242, orgOwned: true })
  const shas = stand.seedLinearHistory(OWNER, REPO, 3)
  return shas[shas.length - 1]
}

describe('behind a proxy (HTTPS_PROXY, NO_PROXY)', () => {
  let proxy: ConnectProxy
  const kosliAt = (name = 'kosli.test'): string => `${name}:${kosli.port}`
  const githubAt = (): string => `github.test:${github.port}`

  beforeAll(async () => {
    proxy = await startConnectProxy(Object.fromEntries(NAMES.map(n => [n, '127.0.0.1'])))
  })
  afterAll(async () => {
    await proxy?.close()
  })
  beforeEach(() => {
    kosli.reset()
    head = seed(github)
    proxy.tunnels.length = 0
  })

  function run(env: Record<string, string>, kosliName = 'kosli.test'): Promise<ActionResult> {
    const options: RunActionOptions = {
      cwd: workspace,
      github: {
        repository: `${OWNER}/${REPO}`,
        sha: head,
        apiUrl: `https://${githubAt()}`
      },
      inputs: {
        'api-token': kosli.token,
        org: 'acme',
        flow: 'app',
        host: `https://${kosliAt(kosliName)}`,
        artifact: 'build/app.jar',
        'max-retries': '0'
      },
      env: { NODE_EXTRA_CA_CERTS: ca.caFile, ...env }
    }
    return runAction(options)
  }

  it.each(['HTTPS_PROXY', 'https_proxy'])(
    '%s: every Kosli and GitHub request goes through the proxy',
    async name => {
      const result = await run({ [name]: proxy.url })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(kosli)).toMatchObject({ git_commit: head })
      expect(github.requests.length).toBeGreaterThan(0)
      // Each request rode a tunnel the proxy opened to the name the action was given.
      expect(proxy.tunnelsTo(kosliAt()).length).toBeGreaterThan(0)
      expect(proxy.tunnelsTo(githubAt()).length).toBeGreaterThan(0)
      expect(new Set(proxy.tunnels.map(t => t.target))).toEqual(new Set([kosliAt(), githubAt()]))
      expect(proxy.plainRequests).toEqual([])
    }
  )

  it('sends the proxy credentials from the proxy URL, masks the password, and never prints it', async () => {
    const withCredentials = proxy.url.replace('//', '//builder:pr0xy-s3cret@')
    const result = await run({ HTTPS_PROXY: withCredentials })

    expect(result.exitCode).toBe(0)
    const expected = `Basic ${Buffer.from('builder:pr0xy-s3cret').toString('base64')}`
    expect(proxy.tunnels.map(t => t.authorization)).toEqual(proxy.tunnels.map(() => expected))
    expect(result.masks).toContain('pr0xy-s3cret')
    expect(secretLeaks(result, ['pr0xy-s3cret'])).toEqual([])
  })

  it('without a proxy variable, connects directly (and the test names do not resolve)', async () => {
    const result = await run({ HTTP_PROXY: proxy.url })

    expect(result.exitCode).toBe(1)
    expect(proxy.tunnels).toEqual([])
    expect([...kosli.requests, ...github.requests]).toEqual([])
    expect(result.errors.join('\n')).toMatch(/GitHub API: .*host name not found/)
  })

  // A host that NO_PROXY names is connected to directly: the proxy opens no tunnel for it, and
  // the action meets the resolver, which does not know the test names (only the proxy does).
  // GitHub, which NO_PROXY does not name, is read through the proxy first.
  const bypassed: Array<[string, string, (port: number) => string]> = [
    ['the host', 'kosli.test', () => 'kosli.test'],
    ['the host, in another case', 'kosli.test', () => 'Kosli.TEST'],
    ['a parent domain', 'api.kosli.test', () => 'kosli.test'],
    ['a domain suffix with a dot', 'api.kosli.test', () => '.kosli.test'],
    ['the host and its port, in a list', 'kosli.test', port => `other.test, kosli.test:${port}`]
  ]

  it.each(bypassed)('NO_PROXY naming %s: Kosli is not proxied', async (_, name, entry) => {
    const result = await run({ HTTPS_PROXY: proxy.url, NO_PROXY: entry(kosli.port) }, name)

    expect(result.exitCode).toBe(1)
    expect(proxy.tunnelsTo(kosliAt(name))).toEqual([])
    expect(kosli.requests).toEqual([])
    expect(result.errors.join('\n')).toContain(`https://${kosliAt(name)}/`)
    expect(result.errors.join('\n')).toMatch(/host name not found/)
    expect(github.requests.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels.map(t => t.target))).toEqual(new Set([githubAt()]))
  })

  it('no_proxy (lower case) is read too', async () => {
    const result = await run({ https_proxy: proxy.url, no_proxy: 'kosli.test' })

    expect(result.exitCode).toBe(1)
    expect(proxy.tunnelsTo('kosli.test')).toEqual([])
    expect(proxy.tunnelsTo(githubAt()).length).toBeGreaterThan(0)
    expect(result.errors.join('\n')).toMatch(/kosli\.test.*host name not found/s)
  })

  it('NO_PROXY naming the host on another port still goes through the proxy', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, NO_PROXY: 'kosli.test:1' })

    expect(result.exitCode).toBe(0)
    expect(proxy.tunnelsTo(kosliAt()).length).toBeGreaterThan(0)
  })

  it('NO_PROXY=* sends nothing through the proxy', async () => {
    const result = await run({ HTTPS_PROXY: proxy.url, NO_PROXY: '*' })

    expect(result.exitCode).toBe(1)
    expect(proxy.tunnels).toEqual([])
    expect([...kosli.requests, ...github.requests]).toEqual([])
    expect(result.errors.join('\n')).toMatch(/GitHub API: .*host name not found/)
  })
})

describe('GitHub Enterprise Server (GITHUB_SERVER_URL, GITHUB_API_URL)', () => {
  const SERVER = 'https://ghes.example.com'
  const VERSION = '3.14.2'
  let ghes: GitHubStandIn
  let oldGhes: GitHubStandIn

  beforeAll(async () => {
    const tls = { key: ca.key, cert: ca.cert }
    const common = { tls, serverUrl: SERVER, apiPrefix: '/api/v3', enterpriseVersion: VERSION }
    ghes = await startGitHubServer(common)
    oldGhes = await startGitHubServer({ ...common, deploymentRecordRoute: false })
  })
  afterAll(async () => {
    await Promise.all([ghes?.close(), oldGhes?.close()])
  })
  beforeEach(() => {
    kosli.reset()
  })

  function run(stand: GitHubStandIn, inputs: Record<string, string>): Promise<ActionResult> {
    return runAction({
      cwd: workspace,
      // A GHES runner's event names the repository on that server.
      event: defaultWorkflowDispatchEvent({ serverUrl: SERVER }),
      github: {
        repository: `${OWNER}/${REPO}`,
        sha: head,
        serverUrl: SERVER,
        apiUrl: `${stand.url}/api/v3`
      },
      inputs: {
        'api-token': kosli.token,
        org: 'acme',
        flow: 'app',
        host: kosli.url,
        'max-retries': '0',
        ...inputs
      },
      env: { NODE_EXTRA_CA_CERTS: ca.caFile }
    })
  }

  it('reads the API under /api/v3 and links every URL to the GHES server', async () => {
    head = seed(ghes)
    const result = await run(ghes, { artifact: 'build/app.jar' })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(ghes.requests.length).toBeGreaterThan(0)
    expect(ghes.requests.filter(r => !r.path.startsWith('/api/v3/'))).toEqual([])
    const body = onlyReportBody(kosli)
    expect(body).toMatchObject({
      git_commit: head,
      commit_url: `${SERVER}/acme/app/commit/${head}`,
      build_url: expect.stringMatching(/^https:\/\/ghes\.example\.com\/acme\/app\/actions\/runs\//),
      repo_url: `${SERVER}/acme/app`
    })
    const links = [...JSON.stringify(body).matchAll(/https:\/\/[^/"]+/g)].map(m => m[0])
    expect(links.filter(l => l.includes('github.com'))).toEqual([])
    expect(result.summary).toContain(`${SERVER}/acme/app/commit/${head}`)
    expect(result.summary).not.toContain('https://github.com')
  })

  it('a GHES without the deployment-record endpoint: the error names its version and the way out', async () => {
    head = seed(oldGhes)
    const fingerprint = fingerprintOf('build/app.jar')
    kosli.seedArtifact({ fingerprint, filename: 'build/app.jar', git_commit: head })
    const result = await run(oldGhes, {
      'deployment-environment': 'production',
      'display-name': 'app.jar'
    })

    expect(result.exitCode).toBe(1)
    expect(oldGhes.requests.map(r => `${r.method} ${r.path} ${r.status}`)).toContain(
      'POST /api/v3/orgs/acme/artifacts/metadata/deployment-record 404'
    )
    const error = result.errors.join('\n')
    expect(error).toContain(`X-GitHub-Enterprise-Version: ${VERSION}`)
    expect(error).toMatch(/does not serve the deployment-record endpoint/)
    expect(error).toMatch(/upgrade GitHub Enterprise Server/)
    expect(error).toMatch(/leave deployment-environment unset/)
  })
})

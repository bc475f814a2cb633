import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { OciLayout, pushWithSkopeo, skopeoDigest } from '../../test-support/registry/oci-layout.js'
import {
  HTPASSWD_PASSWORD,
  HTPASSWD_USER,
  type RunningRegistry,
  registryToolsMissing,
  startRegistry
} from '../../test-support/registry/registry.js'
import { startTokenProxy } from '../../test-support/registry/token-proxy.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const missing = registryToolsMissing()
if (missing) console.warn(`SKIPPING the oci end-to-end tests: ${missing}`)
const d = missing ? describe.skip : describe

d('artifact-type oci: the bundled action asks a real registry for the digest', () => {
  let stands: StandIns
  let plain: RunningRegistry
  let basic: RunningRegistry
  let tmp: string
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-e2e-'))
    ;[stands, plain, basic] = await Promise.all([
      startStandIns(),
      startRegistry(),
      startRegistry({ htpasswd: true })
    ])
    const layout = new OciLayout(path.join(tmp, 'layout'))
    layout.addImage('single', 'the api image')
    layout.addIndex('multi', 'the web image')
    pushWithSkopeo(layout, 'single', `${plain.host}/acme/api:1.0`)
    pushWithSkopeo(layout, 'multi', `${plain.host}/acme/web:2.0`, { all: true })
    const creds = `${HTPASSWD_USER}:${HTPASSWD_PASSWORD}`
    pushWithSkopeo(layout, 'single', `${basic.host}/acme/private:1.0`, { creds })
    digests.api = skopeoDigest(`${plain.host}/acme/api:1.0`)
    digests.web = skopeoDigest(`${plain.host}/acme/web:2.0`)
    digests.private = skopeoDigest(`${basic.host}/acme/private:1.0`, creds)
  })

  afterAll(async () => {
    await Promise.all([stands?.close(), plain?.stop(), basic?.stop()])
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  // The GitHub stand-in keeps its seeded history; only Kosli's state starts afresh.
  beforeEach(() => stands.kosli.reset())

  it('reports two images by reference: a single-platform one and a multi-platform index', async () => {
    const api = `http://${plain.host}/acme/api:1.0`
    const web = `http://${plain.host}/acme/web:2.0`
    const result = await stands.run({
      inputs: { artifact: `${api}\n${web}`, 'artifact-type': 'oci' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const bodies = stands.kosli.writes().map(request => request.body as Record<string, unknown>)
    expect(bodies.map(body => [body.filename, body.fingerprint])).toEqual([
      [api, digests.api],
      [web, digests.web]
    ])
    const artifacts = JSON.parse(result.outputs.artifacts) as Array<Record<string, unknown>>
    expect(artifacts.map(artifact => [artifact.type, artifact.reference])).toEqual([
      ['oci', `${plain.host}/acme/api@sha256:${digests.api}`],
      ['oci', `${plain.host}/acme/web@sha256:${digests.web}`]
    ])
  })

  it('authenticates with registry-username and registry-password, and never prints them', async () => {
    const reference = `http://${basic.host}/acme/private:1.0`
    const result = await stands.run({
      inputs: {
        artifact: reference,
        'artifact-type': 'oci',
        'registry-username': HTPASSWD_USER,
        'registry-password': HTPASSWD_PASSWORD,
        'display-name': 'acme/private'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.outputs.fingerprint).toBe(digests.private)
    // ::add-mask:: is how the runner learns the secret; nothing else may carry it.
    const printed = `${result.stdout}${result.stderr}${result.summary}`
      .split('\n')
      .filter(line => !line.startsWith('::add-mask::'))
    expect(printed.join('\n')).not.toContain(HTPASSWD_PASSWORD)
    expect(result.masks).toContain(HTPASSWD_PASSWORD)
  })

  it("sends registry-username and registry-password to the first reference's registry only", async () => {
    // Another registry, public, behind a token service that records what it was sent.
    const other = await startTokenProxy({ upstream: plain.host, anonymous: true })
    try {
      const result = await stands.run({
        inputs: {
          artifact: `http://${basic.host}/acme/private:1.0\nhttp://${other.host}/acme/api:1.0`,
          'artifact-type': 'oci',
          'registry-username': HTPASSWD_USER,
          'registry-password': HTPASSWD_PASSWORD
        }
      })

      expect(result.errors).toEqual([])
      expect(
        JSON.parse(result.outputs.artifacts).map((a: { fingerprint: string }) => a.fingerprint)
      ).toEqual([digests.private, digests.api])
      expect(other.records.length).toBeGreaterThan(0)
      expect(other.records.filter(record => record.auth === 'basic' || record.user)).toEqual([])
    } finally {
      await other.stop()
    }
  })

  it('hides docker config credentials like the inputs, even when a server echoes them', async () => {
    const dockerConfig = path.join(tmp, 'docker-config')
    fs.mkdirSync(dockerConfig, { recursive: true })
    const auth = Buffer.from(`${HTPASSWD_USER}:${HTPASSWD_PASSWORD}`).toString('base64')
    fs.writeFileSync(
      path.join(dockerConfig, 'config.json'),
      JSON.stringify({ auths: { [basic.host]: { auth } } })
    )
    stands.kosli.injectFault(
      {
        status: 400,
        body: { message: `refused ${HTPASSWD_USER}:${HTPASSWD_PASSWORD} (${auth})` }
      },
      { match: { method: 'POST' } }
    )
    const result = await stands.run({
      inputs: { artifact: `http://${basic.host}/acme/private:1.0`, 'artifact-type': 'oci' },
      env: { DOCKER_CONFIG: dockerConfig, RUNNER_DEBUG: '1' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('refused *** (***)')
    const printed = `${result.stdout}${result.stderr}${result.summary}${JSON.stringify(result.outputs)}`
    expect(printed).not.toContain(HTPASSWD_PASSWORD)
    expect(printed).not.toContain(auth)
  })

  it('fails before reporting anything when the tag is unknown, naming the image', async () => {
    const result = await stands.run({
      inputs: { artifact: `http://${plain.host}/acme/api:9.9`, 'artifact-type': 'oci' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain('acme/api:9.9')
    expect(stands.kosli.requests).toEqual([])
  })

  it('refuses a plain-http registry that is not on loopback before any request', async () => {
    const result = await stands.run({
      inputs: { artifact: 'http://registry.example.com/acme/api:1.0', 'artifact-type': 'oci' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors[0]).toMatch(/^Invalid input: 'artifact'.*loopback/)
    expect(stands.kosli.requests).toEqual([])
  })
})

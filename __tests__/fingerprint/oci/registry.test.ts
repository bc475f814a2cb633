import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fingerprintOciImage } from '../../../src/fingerprint/oci/index.js'
import {
  OciLayout,
  pushWithSkopeo,
  skopeoDigest,
  skopeoRaw
} from '../../../test-support/registry/oci-layout.js'
import {
  HTPASSWD_PASSWORD,
  HTPASSWD_USER,
  registryToolsMissing,
  startRegistry,
  type RunningRegistry
} from '../../../test-support/registry/registry.js'
import {
  startTokenProxy,
  TOKEN_SERVICE,
  type TokenProxy
} from '../../../test-support/registry/token-proxy.js'

const missing = registryToolsMissing()
if (missing) {
  console.warn(`SKIPPING the oci tests against a real registry: ${missing}`)
}
const d = missing ? describe.skip : describe

const HTPASSWD_CREDS = `${HTPASSWD_USER}:${HTPASSWD_PASSWORD}`
const WRONG_PASSWORD = 'not-the-password-42'
const NO_CONFIG = { HOME: '/nonexistent-home' }
const MISSING_DIGEST = `sha256:${'0'.repeat(63)}1`

d('fingerprintOciImage against Debian’s docker-registry', () => {
  let plain: RunningRegistry
  let basic: RunningRegistry
  let bearer: TokenProxy
  let publicBearer: TokenProxy
  let tmp: string
  let layout: OciLayout
  const digests: Record<string, string> = {}

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-test-'))
    ;[plain, basic] = await Promise.all([startRegistry(), startRegistry({ htpasswd: true })])
    bearer = await startTokenProxy({
      upstream: plain.host,
      users: { [HTPASSWD_USER]: HTPASSWD_PASSWORD }
    })
    publicBearer = await startTokenProxy({
      upstream: plain.host,
      anonymous: true,
      accessTokenField: true,
      omitDigestHeader: true
    })

    layout = new OciLayout(path.join(tmp, 'layout'))
    layout.addImage('single', 'a single-platform image')
    layout.addIndex('multi', 'a two-platform image')
    layout.addImage('schema2', 'a docker schema 2 image')
    pushWithSkopeo(layout, 'single', `${plain.host}/acme/app:1.0`)
    pushWithSkopeo(layout, 'multi', `${plain.host}/acme/app:multi`, { all: true })
    pushWithSkopeo(layout, 'schema2', `${plain.host}/acme/app:schema2`, { format: 'v2s2' })
    pushWithSkopeo(layout, 'single', `${basic.host}/acme/private:1.0`, { creds: HTPASSWD_CREDS })

    digests.single = skopeoDigest(`${plain.host}/acme/app:1.0`)
    digests.multi = skopeoDigest(`${plain.host}/acme/app:multi`)
    digests.schema2 = skopeoDigest(`${plain.host}/acme/app:schema2`)
    digests.private = skopeoDigest(`${basic.host}/acme/private:1.0`, HTPASSWD_CREDS)
  })

  afterAll(async () => {
    await Promise.all([bearer?.stop(), publicBearer?.stop(), plain?.stop(), basic?.stop()])
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
  })

  describe('anonymous', () => {
    it('reports the manifest digest of a single-platform image, as skopeo sees it', async () => {
      const result = await fingerprintOciImage(`http://${plain.host}/acme/app:1.0`, {
        env: NO_CONFIG
      })
      expect(result).toEqual({
        fingerprint: digests.single,
        digestReference: `${plain.host}/acme/app@sha256:${digests.single}`,
        reference: `${plain.host}/acme/app:1.0`
      })
    })

    it('reports the index digest of a multi-platform image, not a platform manifest’s', async () => {
      const index = JSON.parse(skopeoRaw(`${plain.host}/acme/app:multi`)) as {
        mediaType: string
        manifests: { digest: string }[]
      }
      expect(index.mediaType).toBe('application/vnd.oci.image.index.v1+json')
      expect(index.manifests).toHaveLength(2)

      const result = await fingerprintOciImage(`http://${plain.host}/acme/app:multi`, {
        env: NO_CONFIG
      })
      expect(result.fingerprint).toBe(digests.multi)
      expect(index.manifests.map(entry => entry.digest)).not.toContain(`sha256:${digests.multi}`)
    })

    it('reports a Docker schema 2 manifest’s digest', async () => {
      expect(JSON.parse(skopeoRaw(`${plain.host}/acme/app:schema2`)).mediaType).toBe(
        'application/vnd.docker.distribution.manifest.v2+json'
      )
      const result = await fingerprintOciImage(`http://${plain.host}/acme/app:schema2`, {
        env: NO_CONFIG
      })
      expect(result.fingerprint).toBe(digests.schema2)
    })

    it('verifies a reference pinned by digest, with or without a tag', async () => {
      const pinned = `${plain.host}/acme/app@sha256:${digests.multi}`
      await expect(fingerprintOciImage(`http://${pinned}`, { env: NO_CONFIG })).resolves.toEqual({
        fingerprint: digests.multi,
        digestReference: pinned,
        reference: pinned
      })
      // The digest is what is asked; the tag (here of another image) is only shown.
      const tagged = `${plain.host}/acme/app:1.0@sha256:${digests.multi}`
      await expect(fingerprintOciImage(`http://${tagged}`, { env: NO_CONFIG })).resolves.toEqual({
        fingerprint: digests.multi,
        digestReference: pinned,
        reference: tagged
      })
    })

    it('fails for a pinned digest the repository does not hold', async () => {
      await expect(
        fingerprintOciImage(`http://${plain.host}/acme/app@${MISSING_DIGEST}`, { env: NO_CONFIG })
      ).rejects.toThrow(
        /Image or tag not found: .*acme\/app@sha256:0+1 .*404 MANIFEST_UNKNOWN.*no manifest with that digest/
      )
    })

    it('fails for an unknown tag with the registry’s MANIFEST_UNKNOWN', async () => {
      await expect(
        fingerprintOciImage(`http://${plain.host}/acme/app:no-such-tag`, { env: NO_CONFIG })
      ).rejects.toThrow(
        new RegExp(
          `Image or tag not found: ${plain.host}/acme/app:no-such-tag .*404 MANIFEST_UNKNOWN`
        )
      )
    })

    it('fails for an unknown repository (this registry answers MANIFEST_UNKNOWN there too)', async () => {
      await expect(
        fingerprintOciImage(`http://${plain.host}/acme/nothing-here:1.0`, { env: NO_CONFIG })
      ).rejects.toThrow(/Image or tag not found: .*acme\/nothing-here:1\.0 .*404 MANIFEST_UNKNOWN/)
    })
  })

  describe('Basic (htpasswd)', () => {
    const reference = (): string => `http://${basic.host}/acme/private:1.0`

    it('is denied anonymously, naming what was tried', async () => {
      await expect(fingerprintOciImage(reference(), { env: NO_CONFIG })).rejects.toThrow(
        new RegExp(
          `Access denied to ${basic.host}/acme/private: tried anonymous; .*401.*registry-username`
        )
      )
    })

    it('answers with registry-username and registry-password', async () => {
      const result = await fingerprintOciImage(reference(), {
        username: HTPASSWD_USER,
        password: HTPASSWD_PASSWORD,
        registry: basic.host,
        env: NO_CONFIG
      })
      expect(result.fingerprint).toBe(digests.private)
    })

    it('names the credential source, never the password, when denied', async () => {
      const error = await fingerprintOciImage(reference(), {
        username: HTPASSWD_USER,
        password: WRONG_PASSWORD,
        registry: basic.host,
        env: NO_CONFIG
      }).catch((caught: Error) => caught)
      expect(error).toBeInstanceOf(Error)
      const message = (error as Error).message
      expect(message).toMatch(
        /Access denied to .*acme\/private: tried anonymous, then registry-username; .*401/
      )
      expect(message).not.toContain(WRONG_PASSWORD)
      expect(message).not.toContain(
        Buffer.from(`${HTPASSWD_USER}:${WRONG_PASSWORD}`).toString('base64')
      )
    })

    it('answers with the docker config in DOCKER_CONFIG', async () => {
      const dir = writeDockerConfig(path.join(tmp, 'docker-config'), {
        [basic.host]: { auth: Buffer.from(HTPASSWD_CREDS).toString('base64') }
      })
      const result = await fingerprintOciImage(reference(), { env: { DOCKER_CONFIG: dir } })
      expect(result.fingerprint).toBe(digests.private)
    })

    it('answers with ~/.docker/config.json (HOME), its key written as a URL', async () => {
      const home = path.join(tmp, 'home')
      writeDockerConfig(path.join(home, '.docker'), {
        [`http://${basic.host}`]: { username: HTPASSWD_USER, password: HTPASSWD_PASSWORD }
      })
      const result = await fingerprintOciImage(reference(), { env: { HOME: home } })
      expect(result.fingerprint).toBe(digests.private)
    })

    it('names the docker config file, not its content, when its credentials are refused', async () => {
      const dir = writeDockerConfig(path.join(tmp, 'docker-config-wrong'), {
        [basic.host]: { auth: Buffer.from(`${HTPASSWD_USER}:${WRONG_PASSWORD}`).toString('base64') }
      })
      const error = (await fingerprintOciImage(reference(), { env: { DOCKER_CONFIG: dir } }).catch(
        (caught: Error) => caught
      )) as Error
      expect(error.message).toContain(
        `tried anonymous, then docker config ${path.join(dir, 'config.json')}`
      )
      expect(error.message).not.toContain(WRONG_PASSWORD)
    })
  })

  describe('Bearer (token service stand-in)', () => {
    it('gets a token with Basic credentials from the realm, service and scope', async () => {
      bearer.records.length = 0
      const result = await fingerprintOciImage(`http://${bearer.host}/acme/app:multi`, {
        username: HTPASSWD_USER,
        password: HTPASSWD_PASSWORD,
        registry: bearer.host,
        env: NO_CONFIG
      })
      expect(result.fingerprint).toBe(digests.multi)
      expect(
        bearer.records.map(({ method, path: p, auth, status }) => [method, p, auth, status])
      ).toEqual([
        ['HEAD', '/v2/acme/app/manifests/multi', 'none', 401],
        ['GET', '/token', 'basic', 200],
        ['HEAD', '/v2/acme/app/manifests/multi', 'bearer', 200]
      ])
      expect(bearer.records[1].user).toBe(HTPASSWD_USER)
      expect(bearer.records[1].query).toEqual({
        service: TOKEN_SERVICE,
        scope: 'repository:acme/app:pull'
      })
    })

    it('is denied when the token service refuses anonymous callers', async () => {
      await expect(
        fingerprintOciImage(`http://${bearer.host}/acme/app:1.0`, { env: NO_CONFIG })
      ).rejects.toThrow(
        /Access denied to .*acme\/app: tried anonymous; GET .*\/token answered 401 UNAUTHORIZED/
      )
    })

    it('names the credential source when the token service refuses them', async () => {
      const error = (await fingerprintOciImage(`http://${bearer.host}/acme/app:1.0`, {
        username: HTPASSWD_USER,
        password: WRONG_PASSWORD,
        registry: bearer.host,
        env: NO_CONFIG
      }).catch((caught: Error) => caught)) as Error
      expect(error.message).toMatch(
        /tried anonymous, then registry-username; GET .*\/token answered 401/
      )
      expect(error.message).not.toContain(WRONG_PASSWORD)
    })

    it('hashes the manifest body when the registry leaves out Docker-Content-Digest', async () => {
      publicBearer.records.length = 0
      for (const [tag, digest] of [
        ['1.0', digests.single],
        ['multi', digests.multi]
      ]) {
        const result = await fingerprintOciImage(`http://${publicBearer.host}/acme/app:${tag}`, {
          env: NO_CONFIG
        })
        expect(result.fingerprint).toBe(digest)
      }
      // HEAD gave no digest, so a GET fetched the body; the token came as access_token.
      expect(
        publicBearer.records.filter(r => r.path !== '/token').map(r => [r.method, r.auth, r.status])
      ).toEqual([
        ['HEAD', 'none', 401],
        ['HEAD', 'bearer', 200],
        ['GET', 'bearer', 200],
        ['HEAD', 'none', 401],
        ['HEAD', 'bearer', 200],
        ['GET', 'bearer', 200]
      ])
    })

    it('verifies a pinned digest by the manifest body too', async () => {
      await expect(
        fingerprintOciImage(`http://${publicBearer.host}/acme/app@sha256:${digests.single}`, {
          env: NO_CONFIG
        })
      ).resolves.toMatchObject({ fingerprint: digests.single })
      await expect(
        fingerprintOciImage(`http://${publicBearer.host}/acme/app@${MISSING_DIGEST}`, {
          env: NO_CONFIG
        })
      ).rejects.toThrow(/Image or tag not found: .*MANIFEST_UNKNOWN/)
    })
  })
})

function writeDockerConfig(dir: string, auths: Record<string, Record<string, string>>): string {
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths }))
  return dir
}

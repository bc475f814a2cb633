import { afterAll, beforeAll, describe, it, expect } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { fileURLToPath } from 'node:url'
import { fingerprintDockerImage } from '../../src/fingerprint/index.js'
import { chooseRepoDigest, normaliseRepository } from '../../src/fingerprint/docker.js'

const fakeDockerDir = fileURLToPath(
  new URL('../../test-support/fixtures/fake-docker', import.meta.url)
)
const hex = (char: string): string => char.repeat(64)

let originalPath: string | undefined
let emptyDir: string

beforeAll(() => {
  // A checkout may lose the executable bit; the fake must run either way.
  fs.chmodSync(path.join(fakeDockerDir, 'docker'), 0o755)
  emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-docker-'))
  originalPath = process.env.PATH
  process.env.PATH = [fakeDockerDir, path.dirname(process.execPath), originalPath].join(
    path.delimiter
  )
})

afterAll(() => {
  process.env.PATH = originalPath
  fs.rmSync(emptyDir, { recursive: true, force: true })
})

describe('fingerprintDockerImage with a fake docker', () => {
  it('takes the only repo digest', async () => {
    await expect(fingerprintDockerImage('nginx:1.27')).resolves.toEqual({
      fingerprint: hex('a'),
      digestReference: `nginx@sha256:${hex('a')}`
    })
  })

  it('picks the repo digest of the reference repository among several', async () => {
    await expect(fingerprintDockerImage('ghcr.io/acme/app:1.2.0')).resolves.toEqual({
      fingerprint: hex('c'),
      digestReference: `ghcr.io/acme/app@sha256:${hex('c')}`
    })
    await expect(fingerprintDockerImage('acme/app:1.2.0')).resolves.toEqual({
      fingerprint: hex('b'),
      digestReference: `acme/app@sha256:${hex('b')}`
    })
    await expect(fingerprintDockerImage('docker.io/library/nginx:1.27')).resolves.toEqual({
      fingerprint: hex('a'),
      digestReference: `nginx@sha256:${hex('a')}`
    })
    await expect(fingerprintDockerImage('localhost:5000/app:dev')).resolves.toEqual({
      fingerprint: hex('e'),
      digestReference: `localhost:5000/app@sha256:${hex('e')}`
    })
  })

  it('takes the digest a reference pins', async () => {
    await expect(
      fingerprintDockerImage(`ghcr.io/acme/repushed@sha256:${hex('d')}`)
    ).resolves.toEqual({
      fingerprint: hex('d'),
      digestReference: `ghcr.io/acme/repushed@sha256:${hex('d')}`
    })
  })

  it('accepts several repositories that all carry the same digest', async () => {
    await expect(fingerprintDockerImage('ghcr.io/acme/mirrored:1')).resolves.toEqual({
      fingerprint: hex('c'),
      digestReference: `ghcr.io/acme/app@sha256:${hex('c')}`
    })
  })

  it('refuses to guess between different digests of other repositories', async () => {
    await expect(fingerprintDockerImage('ghcr.io/acme/other:1')).rejects.toThrow(
      /Docker image 'ghcr.io\/acme\/other:1' has repo digests only for other repositories/
    )
  })

  it('refuses to guess between different digests of the same repository', async () => {
    await expect(fingerprintDockerImage('ghcr.io/acme/repushed:1')).rejects.toThrow(
      /has several different digests for its repository/
    )
  })

  it('explains an image that was built but never pushed', async () => {
    for (const reference of ['built-locally:latest', 'no-digests-field']) {
      const message = await fingerprintDockerImage(reference).then(
        () => 'resolved',
        (error: Error) => error.message
      )
      expect(message).toContain(
        `Docker image '${reference}' has no repo digest: it was built but never pushed`
      )
      expect(message).toContain(
        "pass docker/build-push-action's 'digest' output as the fingerprint"
      )
    }
  })

  it('says when the image is not in the local engine', async () => {
    await expect(fingerprintDockerImage('ghcr.io/acme/missing:9')).rejects.toThrow(
      "Docker image 'ghcr.io/acme/missing:9' was not found in the local Docker engine"
    )
  })

  it('says when the engine is not reachable', async () => {
    await expect(fingerprintDockerImage('daemon-down')).rejects.toThrow(
      /The Docker engine is not reachable for image 'daemon-down': Cannot connect to the Docker daemon/
    )
  })

  it('reports output it cannot read', async () => {
    await expect(fingerprintDockerImage('garbled')).rejects.toThrow(
      /printed something that is not a JSON list of repo digests: <no value>/
    )
  })

  it('says what to do when docker is not on PATH', async () => {
    const saved = process.env.PATH
    process.env.PATH = emptyDir
    try {
      await expect(fingerprintDockerImage('nginx:1.27')).rejects.toThrow(
        'docker not found: the docker artifact type needs the Docker CLI and engine on the runner; ' +
          'or use artifact-type: oci / give the fingerprint input'
      )
    } finally {
      process.env.PATH = saved
    }
  })
})

describe('normaliseRepository', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx'],
    ['nginx:1.27', 'docker.io/library/nginx'],
    ['library/nginx', 'docker.io/library/nginx'],
    ['docker.io/nginx', 'docker.io/library/nginx'],
    ['index.docker.io/library/nginx:latest', 'docker.io/library/nginx'],
    ['acme/app', 'docker.io/acme/app'],
    ['GHCR.io/acme/app:1@sha256:' + 'a'.repeat(64), 'ghcr.io/acme/app'],
    ['localhost/app', 'localhost/app'],
    ['localhost:5000/app:dev', 'localhost:5000/app'],
    ['registry.example.com:5000/a/b/c:tag', 'registry.example.com:5000/a/b/c']
  ])('%s → %s', (reference, repository) => {
    expect(normaliseRepository(reference)).toBe(repository)
  })
})

describe('chooseRepoDigest', () => {
  it('rejects a repo digest that is not sha256', () => {
    expect(() => chooseRepoDigest('app', ['app@sha512:abc'])).toThrow(
      "Docker image 'app' has a repo digest Kosli cannot use: 'app@sha512:abc'"
    )
  })

  it('takes the one digest of an image named by ID', () => {
    expect(
      chooseRepoDigest('sha256:' + 'f'.repeat(64), [`ghcr.io/acme/app@sha256:${hex('c')}`])
    ).toEqual({
      fingerprint: hex('c'),
      digestReference: `ghcr.io/acme/app@sha256:${hex('c')}`
    })
  })
})

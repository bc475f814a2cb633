import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import {
  chooseCredentials,
  dockerConfigPath,
  parseWwwAuthenticate,
  registrySecrets
} from '../../../src/fingerprint/oci/auth.js'

describe('parseWwwAuthenticate', () => {
  it('reads a Bearer challenge', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"'
      )
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/nginx:pull'
        }
      }
    ])
  })

  it('reads a Basic challenge', () => {
    expect(parseWwwAuthenticate('Basic realm="Registry Realm"')).toEqual([
      { scheme: 'basic', params: { realm: 'Registry Realm' } }
    ])
  })

  it('reads several challenges in one header', () => {
    expect(parseWwwAuthenticate('Basic realm="a", Bearer realm="b",service=c')).toEqual([
      { scheme: 'basic', params: { realm: 'a' } },
      { scheme: 'bearer', params: { realm: 'b', service: 'c' } }
    ])
  })

  it('keeps commas and escaped quotes inside quoted values', () => {
    expect(
      parseWwwAuthenticate(
        'Bearer realm="https://x/token",scope="repository:a/b:pull,push",error="say \\"no\\""'
      )
    ).toEqual([
      {
        scheme: 'bearer',
        params: {
          realm: 'https://x/token',
          scope: 'repository:a/b:pull,push',
          error: 'say "no"'
        }
      }
    ])
  })

  it('takes any case, spaces around = and unquoted values', () => {
    expect(parseWwwAuthenticate('BEARER Realm = "https://x/token" , Service=svc')).toEqual([
      { scheme: 'bearer', params: { realm: 'https://x/token', service: 'svc' } }
    ])
  })

  it('reads a scheme without parameters', () => {
    expect(parseWwwAuthenticate('Negotiate')).toEqual([{ scheme: 'negotiate', params: {} }])
  })

  it('gives nothing for no header', () => {
    expect(parseWwwAuthenticate(null)).toEqual([])
    expect(parseWwwAuthenticate('')).toEqual([])
  })
})

describe('chooseCredentials', () => {
  let tmp: string
  const noConfig = { HOME: '/nonexistent-home' }

  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-auth-'))
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))

  const config = (name: string, content: unknown): string => {
    const dir = path.join(tmp, name)
    fs.mkdirSync(dir, { recursive: true })
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      typeof content === 'string' ? content : JSON.stringify(content)
    )
    return dir
  }
  const auth = (user: string, password: string): string =>
    Buffer.from(`${user}:${password}`).toString('base64')

  it('prefers registry-username and registry-password over everything else', () => {
    const dir = config('prefers-inputs', { auths: { 'ghcr.io': { auth: auth('cfg', 'cfg-pw') } } })
    expect(
      chooseCredentials('ghcr.io', {
        username: 'me',
        password: 'pw',
        registry: 'ghcr.io',
        githubToken: 'gh-token',
        env: { DOCKER_CONFIG: dir }
      })
    ).toEqual({
      credentials: { username: 'me', password: 'pw', source: 'registry-username' },
      notes: []
    })
  })

  it('refuses one of registry-username and registry-password without the other, without values', () => {
    expect(() =>
      chooseCredentials('ghcr.io', { username: 'me', registry: 'ghcr.io', env: noConfig })
    ).toThrow(
      /'registry-username' and 'registry-password' go together: only 'registry-username' is set/
    )
    const error = (() => {
      try {
        chooseCredentials('ghcr.io', {
          password: 's3cret-value',
          registry: 'ghcr.io',
          env: noConfig
        })
      } catch (caught) {
        return caught as Error
      }
    })()
    expect(error?.message).toMatch(/only 'registry-password' is set/)
    expect(error?.message).not.toContain('s3cret-value')
  })

  it('refuses a named pipe in place of the docker config without waiting on it', () => {
    const dir = path.join(tmp, 'config-pipe')
    fs.mkdirSync(dir, { recursive: true })
    execFileSync('mkfifo', [path.join(dir, 'config.json')])
    expect(() => chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })).toThrow(
      `Could not read the docker config: registry credentials: the docker config '${path.join(dir, 'config.json')}' is a named pipe (FIFO); give a regular file.`
    )
    // The secrets to hide are gathered without waiting on it either.
    expect(registrySecrets({ password: 'pw', env: { DOCKER_CONFIG: dir } })).toEqual(['pw'])
  })

  it('reads auths[registry].auth from $DOCKER_CONFIG/config.json', () => {
    const dir = config('docker-config', {
      auths: { 'registry.example.com': { auth: auth('u', 'p:with:colons') } }
    })
    expect(chooseCredentials('registry.example.com', { env: { DOCKER_CONFIG: dir } })).toEqual({
      credentials: {
        username: 'u',
        password: 'p:with:colons',
        source: `docker config ${path.join(dir, 'config.json')}`
      },
      notes: []
    })
  })

  it('reads $HOME/.docker/config.json when DOCKER_CONFIG is not set', () => {
    const home = path.join(tmp, 'home')
    config(path.join('home', '.docker'), {
      auths: { 'registry.example.com': { username: 'u', password: 'p' } }
    })
    expect(dockerConfigPath({ HOME: home })).toBe(path.join(home, '.docker', 'config.json'))
    expect(
      chooseCredentials('registry.example.com', { env: { HOME: home } }).credentials
    ).toMatchObject({
      username: 'u',
      password: 'p'
    })
  })

  it('finds Docker Hub under https://index.docker.io/v1/', () => {
    const dir = config('hub', {
      auths: { 'https://index.docker.io/v1/': { auth: auth('hub', 'pw') } }
    })
    expect(
      chooseCredentials('registry-1.docker.io', { env: { DOCKER_CONFIG: dir } }).credentials
    ).toMatchObject({ username: 'hub', password: 'pw' })
  })

  it('matches a key written as a URL, and prefers an exact key', () => {
    const dir = config('url-keys', {
      auths: {
        'https://ghcr.io': { auth: auth('by-url', 'x') },
        'ghcr.io': { auth: auth('exact', 'y') },
        'https://quay.io/v2/': { auth: auth('quay', 'z') }
      }
    })
    expect(
      chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } }).credentials?.username
    ).toBe('exact')
    expect(
      chooseCredentials('quay.io', { env: { DOCKER_CONFIG: dir } }).credentials?.username
    ).toBe('quay')
  })

  it('uses the github-token for ghcr.io when nothing else is given', () => {
    expect(chooseCredentials('ghcr.io', { githubToken: 'gh-token', env: noConfig })).toEqual({
      credentials: { username: 'x-access-token', password: 'gh-token', source: 'github-token' },
      notes: []
    })
  })

  it('prefers the docker config over the github-token for ghcr.io', () => {
    const dir = config('ghcr', { auths: { 'ghcr.io': { auth: auth('octocat', 'pat') } } })
    expect(
      chooseCredentials('ghcr.io', { githubToken: 'gh-token', env: { DOCKER_CONFIG: dir } })
        .credentials
    ).toMatchObject({ username: 'octocat', password: 'pat' })
  })

  it('does not send the github-token to other registries', () => {
    expect(
      chooseCredentials('registry.example.com', { githubToken: 'gh-token', env: noConfig })
    ).toEqual({
      notes: []
    })
    expect(
      chooseCredentials('registry-1.docker.io', { githubToken: 'gh-token', env: noConfig })
        .credentials
    ).toBeUndefined()
  })

  it('stays anonymous when the docker config has no entry for the registry', () => {
    const dir = config('other', { auths: { 'quay.io': { auth: auth('q', 'q') } } })
    expect(chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })).toEqual({ notes: [] })
  })

  it('notes a credential helper it does not run', () => {
    const dir = config('helper', { auths: { 'ghcr.io': {} }, credsStore: 'desktop' })
    const choice = chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })
    expect(choice.credentials).toBeUndefined()
    expect(choice.notes).toEqual([
      expect.stringMatching(/names the credential helper 'desktop', which the action does not run/)
    ])
  })

  it('names a docker config that is not JSON', () => {
    const dir = config('broken', '{ "auths": ')
    expect(() => chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })).toThrow(
      new RegExp(`The docker config ${path.join(dir, 'config.json')} is not valid JSON`)
    )
  })

  it('says where a docker config stops being JSON, without quoting it', () => {
    const secret = Buffer.from('user:docker-secret').toString('base64')
    const dir = config(
      'broken-secret',
      `{\n  "auths": {\n    "ghcr.io": { "auth": ${secret} }\n  }\n}`
    )
    const choose = (): unknown => chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })
    expect(choose).toThrow(
      `The docker config ${path.join(dir, 'config.json')} is not valid JSON (line 3, column 26); ` +
        'fix or remove it'
    )
    expect(choose).not.toThrow(secret.slice(0, 8))
  })

  it('sends registry-username and registry-password to their one registry only', () => {
    const dir = config('one-registry', {
      auths: { 'quay.io': { auth: auth('quay-user', 'quay-pw') } }
    })
    const given = {
      username: 'me',
      password: 'pw',
      registry: 'registry.example.com',
      githubToken: 'gh-token',
      env: { DOCKER_CONFIG: dir }
    }
    expect(chooseCredentials('registry.example.com', given).credentials).toMatchObject({
      username: 'me',
      password: 'pw'
    })
    // Every other registry gets what it would get without them.
    expect(chooseCredentials('evil.example.net', given)).toEqual({ notes: [] })
    expect(chooseCredentials('registry-1.docker.io', given)).toEqual({ notes: [] })
    expect(chooseCredentials('quay.io', given).credentials).toMatchObject({
      username: 'quay-user',
      password: 'quay-pw'
    })
    expect(chooseCredentials('ghcr.io', given).credentials).toMatchObject({
      username: 'x-access-token',
      password: 'gh-token'
    })
    // Without a registry named, they go nowhere.
    expect(
      chooseCredentials('registry.example.com', { ...given, registry: undefined }).credentials
    ).toBeUndefined()
  })

  it.each([
    ['the host', 'registry.example.com:5000'],
    ['https://host', 'https://registry.example.com:5000'],
    ['https://host/v1/', 'https://registry.example.com:5000/v1/'],
    ['http://host', 'http://registry.example.com:5000']
  ])('finds a docker config key written as %s', (_, key) => {
    const dir = config(`key-${encodeURIComponent(key)}`, {
      auths: { [key]: { auth: auth('k', 'v') } }
    })
    expect(
      chooseCredentials('registry.example.com:5000', { env: { DOCKER_CONFIG: dir } }).credentials
    ).toMatchObject({ username: 'k', password: 'v' })
    // Another port is another registry.
    expect(
      chooseCredentials('registry.example.com', { env: { DOCKER_CONFIG: dir } }).credentials
    ).toBeUndefined()
  })

  it('names, without showing, an auth that is not user:password', () => {
    const dir = config('bad-auth', {
      auths: { 'ghcr.io': { auth: Buffer.from('no-colon-secret').toString('base64') } }
    })
    const run = (): unknown => chooseCredentials('ghcr.io', { env: { DOCKER_CONFIG: dir } })
    expect(run).toThrow(/has an 'auth' for 'ghcr.io' that is not base64 of user:password/)
    expect(run).not.toThrow(/no-colon-secret/)
  })
})

describe('registrySecrets', () => {
  let tmp: string
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-secrets-'))
  })
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }))
  const b64 = (text: string): string => Buffer.from(text).toString('base64')

  it('lists every form of the given and the docker config credentials', () => {
    fs.writeFileSync(
      path.join(tmp, 'config.json'),
      JSON.stringify({
        auths: {
          'https://index.docker.io/v1/': { auth: b64('hub-user:hub-pw-SECRET') },
          'quay.io': { username: 'q', password: 'quay-pw-SECRET' },
          'gcr.io': { identitytoken: 'identity-SECRET' },
          'broken.example': { auth: b64('no-colon') }
        }
      })
    )
    const secrets = registrySecrets({
      username: 'me',
      password: 'input-pw-SECRET',
      githubToken: 'gh-SECRET',
      env: { DOCKER_CONFIG: tmp }
    })
    expect(new Set(secrets)).toEqual(
      new Set([
        'input-pw-SECRET',
        b64('me:input-pw-SECRET'),
        b64('x-access-token:gh-SECRET'),
        b64('hub-user:hub-pw-SECRET'),
        'hub-user:hub-pw-SECRET',
        'hub-pw-SECRET',
        'quay-pw-SECRET',
        b64('q:quay-pw-SECRET'),
        'identity-SECRET',
        b64('no-colon')
      ])
    )
  })

  it('lists only the given ones when there is no docker config, or it is not JSON', () => {
    expect(registrySecrets({ password: 'pw', env: { HOME: '/nonexistent-home' } })).toEqual(['pw'])
    fs.writeFileSync(path.join(tmp, 'config.json'), '{ "auths": ')
    expect(registrySecrets({ env: { DOCKER_CONFIG: tmp } })).toEqual([])
  })
})

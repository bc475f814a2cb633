import { FILE_LIMITS, FileReadError, readRegularFile } from '../../read-file.js'
import { homedir } from 'node:os'
import * as path from 'node:path'
import { DOCKER_HUB_REGISTRY } from './reference.js'
import { jsonErrorLocation } from '../../json-error.js'

/** Where registry credentials may come from; `env` is read for DOCKER_CONFIG and HOME. */
export interface RegistryCredentials {
  username?: string
  password?: string
  /** The one registry (as ImageReference.registry names it) that username and password are for. */
  registry?: string
  githubToken?: string
  env?: NodeJS.ProcessEnv
  /** Per request, in milliseconds (default 30 000). */
  timeoutMs?: number
  /** Retries of a request that failed transiently (default 3, as max-retries). */
  maxRetries?: number
  /** Backoff unit in milliseconds (default 1000); tests pass a few. */
  retryBaseMs?: number
}

/** Credentials chosen for one registry; `source` names where they came from, never their value. */
export interface ChosenCredentials {
  username: string
  password: string
  source: string
}

/** The credentials for `registry`, or undefined to stay anonymous; also notes for error hints. */
interface CredentialChoice {
  credentials?: ChosenCredentials
  notes: string[]
}

export interface Challenge {
  /** Lower case: `basic`, `bearer`. */
  scheme: string
  /** Parameter names in lower case; values unquoted. */
  params: Record<string, string>
}

const GHCR = 'ghcr.io'
const HUB_KEYS = new Set(['docker.io', 'index.docker.io', DOCKER_HUB_REGISTRY])

/**
 * Picks the credentials for `registry`: registry-username/registry-password when it is the one
 * registry they are for, else the docker config's `auths` entry for it, else the github-token for
 * ghcr.io, else none (anonymous).
 */
export function chooseCredentials(registry: string, given: RegistryCredentials): CredentialChoice {
  // Given credentials belong to one registry: any other registry never sees them.
  const theirs = given.registry !== undefined && given.registry === registry
  const username = theirs && given.username?.trim() ? given.username : undefined
  const password = theirs && given.password ? given.password : undefined
  if (username && password) {
    return { credentials: { username, password, source: 'registry-username' }, notes: [] }
  }
  if (username || password) {
    throw new Error(
      `'registry-username' and 'registry-password' go together: only ${username ? "'registry-username'" : "'registry-password'"} ` +
        `is set. Give both, or neither to use ~/.docker/config.json${registry === GHCR ? ' or the github-token' : ''}`
    )
  }
  const notes: string[] = []
  const fromConfig = dockerConfigCredentials(registry, given.env ?? process.env, notes)
  if (fromConfig) return { credentials: fromConfig, notes }
  if (registry === GHCR && given.githubToken) {
    // ghcr.io accepts any non-empty user name with a GitHub token.
    return {
      credentials: {
        username: 'x-access-token',
        password: given.githubToken,
        source: 'github-token'
      },
      notes
    }
  }
  return { notes }
}

/**
 * Every form of every registry credential this step may send, as it could appear in output: the
 * password given, the docker config's secrets (the base64 `auth`, the user:password it decodes
 * to, the password, the identity token), and the Basic header values built from them.
 */
export function registrySecrets(given: RegistryCredentials): string[] {
  const secrets: string[] = []
  const basic = (username: string, password: string): string =>
    Buffer.from(`${username}:${password}`, 'utf8').toString('base64')
  if (given.password) {
    secrets.push(given.password)
    if (given.username) secrets.push(basic(given.username, given.password))
  }
  if (given.githubToken) secrets.push(basic('x-access-token', given.githubToken))
  let config: DockerConfigFile
  try {
    config = JSON.parse(readDockerConfig(dockerConfigPath(given.env ?? process.env)) ?? '')
  } catch {
    return secrets // no docker config, or one chooseCredentials reports when it is needed
  }
  const auths = config?.auths && typeof config.auths === 'object' ? config.auths : {}
  for (const entry of Object.values(auths)) {
    if (!entry || typeof entry !== 'object') continue
    if (typeof entry.auth === 'string' && entry.auth) {
      secrets.push(entry.auth)
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon > 0) secrets.push(decoded, decoded.slice(colon + 1))
    }
    if (typeof entry.password === 'string' && entry.password) {
      secrets.push(entry.password)
      if (typeof entry.username === 'string') secrets.push(basic(entry.username, entry.password))
    }
    if (typeof entry.identitytoken === 'string' && entry.identitytoken) {
      secrets.push(entry.identitytoken)
    }
  }
  return secrets.filter(secret => secret.length > 0)
}

/**
 * The docker config's text, or undefined when there is none. A named pipe or a device in its
 * place is refused without waiting on it (an earlier step may have put anything there).
 */
function readDockerConfig(file: string): string | undefined {
  try {
    const limit = FILE_LIMITS.dockerConfig
    return readRegularFile(file, {
      input: 'registry credentials',
      what: 'docker config',
      limit
    }).toString('utf8')
  } catch (error) {
    if (error instanceof FileReadError && error.code === 'ENOENT') return undefined
    throw new Error(`Could not read the docker config: ${(error as Error).message}`)
  }
}

/** `$DOCKER_CONFIG/config.json`, else `$HOME/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  if (env.DOCKER_CONFIG) return path.join(env.DOCKER_CONFIG, 'config.json')
  return path.join(env.HOME || homedir(), '.docker', 'config.json')
}

interface DockerConfigFile {
  auths?: Record<
    string,
    { auth?: string; username?: string; password?: string; identitytoken?: string }
  >
  credsStore?: string
  credHelpers?: Record<string, string>
}

function dockerConfigCredentials(
  registry: string,
  env: NodeJS.ProcessEnv,
  notes: string[]
): ChosenCredentials | undefined {
  const file = dockerConfigPath(env)
  const text = readDockerConfig(file)
  if (text === undefined) return undefined
  let config: DockerConfigFile
  try {
    config = JSON.parse(text) as DockerConfigFile
  } catch {
    // Never JSON.parse's message: it quotes the file, which holds credentials.
    throw new Error(
      `The docker config ${file} is not valid JSON (${jsonErrorLocation(text)}); fix or remove ` +
        `it, or give registry-username and registry-password`
    )
  }
  const source = `docker config ${file}`
  const wanted = configKey(registry)
  const auths = config?.auths && typeof config.auths === 'object' ? config.auths : {}
  // An exact key wins over one that only normalises to the same registry.
  const key =
    Object.keys(auths).find(candidate => candidate === registry) ??
    Object.keys(auths).find(candidate => configKey(candidate) === wanted)
  const helper = config?.credHelpers?.[registry] ?? config?.credsStore
  const entry = key === undefined ? undefined : auths[key]
  if (entry && typeof entry === 'object') {
    if (typeof entry.auth === 'string' && entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon <= 0) {
        throw new Error(
          `The docker config ${file} has an 'auth' for '${key}' that is not base64 of user:password; ` +
            `log in again (docker login / docker/login-action)`
        )
      }
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source }
    }
    if (
      typeof entry.username === 'string' &&
      entry.username &&
      typeof entry.password === 'string'
    ) {
      return { username: entry.username, password: entry.password, source }
    }
    if (entry.identitytoken) {
      notes.push(`${source} holds an identity token for ${key}, which the action does not use`)
    }
  }
  if (helper && typeof helper === 'string') {
    notes.push(
      `${source} names the credential helper '${helper}', which the action does not run; ` +
        `give registry-username and registry-password instead`
    )
  }
  return undefined
}

/** A docker config key reduced to its host: `https://index.docker.io/v1/` → `docker.io`. */
function configKey(key: string): string {
  const host = key
    .trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .split('/')[0]
    .toLowerCase()
  return HUB_KEYS.has(host) ? 'docker.io' : host
}

/**
 * Parses a `WWW-Authenticate` header into its challenges, e.g.
 * `Bearer realm="https://auth.example/token",service="example",scope="repository:a/b:pull"`.
 */
export function parseWwwAuthenticate(header: string | null | undefined): Challenge[] {
  const challenges: Challenge[] = []
  if (!header) return challenges
  let i = 0
  const n = header.length
  const skipSpace = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++
  }
  const readToken = (): string => {
    const start = i
    while (i < n && !/[\s,=]/.test(header[i])) i++
    return header.slice(start, i)
  }
  const readQuoted = (): string => {
    let value = ''
    i++ // the opening quote
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++
      value += header[i++]
    }
    i++ // the closing quote
    return value
  }
  let current: Challenge | undefined
  while (i < n) {
    skipSpace()
    if (header[i] === ',') {
      i++
      continue
    }
    const token = readToken()
    if (!token) {
      i++
      continue
    }
    skipSpace()
    if (header[i] === '=' && current) {
      i++
      skipSpace()
      const value = header[i] === '"' ? readQuoted() : readToken()
      current.params[token.toLowerCase()] = value
    } else {
      current = { scheme: token.toLowerCase(), params: {} }
      challenges.push(current)
    }
  }
  return challenges
}

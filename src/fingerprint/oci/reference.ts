/** An image reference split and normalised the way Docker reads it. */
export interface ImageReference {
  /** Host and optional port, lower case: `registry-1.docker.io`, `127.0.0.1:5000`, `[::1]:5000`. */
  registry: string
  /** The repository path inside the registry: `library/nginx`, `acme/app`. */
  repository: string
  tag?: string
  /** `sha256:` + 64 lowercase hex; when set, this is what the registry is asked for. */
  digest?: string
  /** True for an `http://` prefix (plain-http registry, loopback only). */
  insecure: boolean
  /** The normalised reference: `registry-1.docker.io/library/nginx:latest`, tag and digest kept. */
  display: string
}

export const DOCKER_HUB_REGISTRY = 'registry-1.docker.io'
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', DOCKER_HUB_REGISTRY])

// The grammar of github.com/distribution/reference, which Docker uses.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN_NAME =
  /^(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*$/
const IPV6_HOST = /^\[[0-9a-fA-F:.]+\]$/
const TAG = /^[\w][\w.-]{0,127}$/
const SHA256_DIGEST = /^sha256:([0-9a-fA-F]{64})$/
const ANY_DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/
const MAX_NAME_LENGTH = 255

/**
 * Splits an image reference as Docker does: `nginx` → `registry-1.docker.io/library/nginx:latest`.
 * A `http://` prefix selects plain http and is refused unless the registry is a loopback host.
 */
export function parseImageReference(ref: string): ImageReference {
  const given = ref.trim()
  if (!given) throw invalid(ref, 'it is empty')
  let rest = given
  let insecure = false
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(rest)
  if (scheme) {
    const name = scheme[1].toLowerCase()
    if (name !== 'http' && name !== 'https') {
      throw invalid(
        given,
        `'${name}://' is not a registry scheme; use no prefix (https) or http://`
      )
    }
    insecure = name === 'http'
    rest = rest.slice(scheme[0].length)
  }

  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    const rawDigest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    const sha = SHA256_DIGEST.exec(rawDigest)
    if (sha) digest = `sha256:${sha[1].toLowerCase()}`
    else if (ANY_DIGEST.test(rawDigest)) {
      throw invalid(
        given,
        `its digest '${rawDigest}' is not sha256; Kosli fingerprints are SHA-256`
      )
    } else {
      throw invalid(given, `'${rawDigest}' after '@' is not a digest (expected sha256:<64 hex>)`)
    }
  }

  let tag: string | undefined
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/') && colon > rest.lastIndexOf(']')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!TAG.test(tag)) {
      throw invalid(
        given,
        `its tag '${tag}' is not valid (letters, digits, '_', '.', '-'; 128 at most)`
      )
    }
  }

  const slash = rest.indexOf('/')
  let registry = DOCKER_HUB_REGISTRY
  let repository = rest
  if (slash !== -1) {
    const first = rest.slice(0, slash)
    // Docker's rule: the first component names a registry when it looks like a host.
    if (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase()) {
      registry = checkRegistry(given, first)
      repository = rest.slice(slash + 1)
    }
  }
  if (DOCKER_HUB_ALIASES.has(registry)) {
    registry = DOCKER_HUB_REGISTRY
    if (repository && !repository.includes('/')) repository = `library/${repository}`
  }
  checkRepository(given, repository)
  if (`${registry}/${repository}`.length > MAX_NAME_LENGTH) {
    throw invalid(given, `its name is longer than ${MAX_NAME_LENGTH} characters`)
  }
  if (insecure && !isLoopbackRegistry(registry)) {
    throw new Error(
      `Image reference '${given}' asks for plain http, which is allowed only for a loopback ` +
        `registry (localhost, 127.0.0.0/8, [::1]); '${registry}' must be asked over https: drop ` +
        `the 'http://' prefix`
    )
  }
  if (!tag && !digest) tag = 'latest'
  const display = `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
  return { registry, repository, tag, digest, insecure, display }
}

/** True for `localhost`, 127.0.0.0/8 and `[::1]`, with or without a port. */
export function isLoopbackRegistry(registry: string): boolean {
  const host = hostOf(registry).toLowerCase()
  if (host === 'localhost' || host === '[::1]') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host)
  return octets !== null && octets.slice(1).every(octet => Number(octet) <= 255)
}

/** The host of `host:port`, keeping an IPv6 literal's brackets. */
function hostOf(registry: string): string {
  if (registry.startsWith('[')) return registry.slice(0, registry.indexOf(']') + 1)
  const colon = registry.lastIndexOf(':')
  return colon === -1 ? registry : registry.slice(0, colon)
}

function checkRegistry(given: string, registry: string): string {
  let host = registry
  let port: string | undefined
  const portMatch = /^(.*):([^:\]]*)$/.exec(registry)
  if (portMatch && !(registry.startsWith('[') && !registry.includes(']:'))) {
    host = portMatch[1]
    port = portMatch[2]
  }
  if (!(DOMAIN_NAME.test(host) || IPV6_HOST.test(host))) {
    throw invalid(given, `'${registry}' is not a registry host`)
  }
  if (
    port !== undefined &&
    !(/^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)
  ) {
    throw invalid(given, `'${port}' is not a port number`)
  }
  return registry.toLowerCase()
}

function checkRepository(given: string, repository: string): void {
  if (!repository) throw invalid(given, 'it names no repository')
  for (const component of repository.split('/')) {
    if (PATH_COMPONENT.test(component)) continue
    if (PATH_COMPONENT.test(component.toLowerCase())) {
      throw invalid(given, `repository names must be lower case ('${repository}')`)
    }
    throw invalid(
      given,
      `'${component}' is not a valid repository path component (lower-case letters and digits, ` +
        `separated by '.', '_', '__' or '-')`
    )
  }
}

function invalid(given: string, why: string): Error {
  return new Error(
    `Image reference '${given}' is not valid: ${why}. Expected [registry[:port]/]repository` +
      `[:tag][@sha256:<64 hex>], e.g. ghcr.io/acme/app:1.4.2`
  )
}

import { resolveManifestDigest } from './registry.js'
import { DOCKER_HUB_REGISTRY, parseImageReference } from './reference.js'
import type { RegistryCredentials } from './auth.js'

export { registrySecrets, type RegistryCredentials } from './auth.js'
export { parseImageReference, type ImageReference } from './reference.js'

interface OciImageFingerprint {
  /** 64 lowercase hex: the digest the registry serves for the manifest, or for a multi-platform index. */
  fingerprint: string
  /** Pullable by digest, e.g. `ghcr.io/acme/app@sha256:…`; Docker Hub images as `docker.io/…`. */
  digestReference: string
  /** The normalised reference, e.g. `registry-1.docker.io/library/nginx:latest`. */
  reference: string
}

/**
 * The fingerprint of an image in its registry, without a Docker engine: the manifest (or index)
 * digest the registry serves for the reference; a pinned `@sha256:` digest is verified there.
 */
export async function fingerprintOciImage(
  reference: string,
  credentials: RegistryCredentials
): Promise<OciImageFingerprint> {
  const image = parseImageReference(reference)
  const { digest } = await resolveManifestDigest(image, credentials)
  // docker.io is the name Docker, Kubernetes and docker config files use for Docker Hub.
  const registry = image.registry === DOCKER_HUB_REGISTRY ? 'docker.io' : image.registry
  return {
    fingerprint: digest.slice('sha256:'.length),
    digestReference: `${registry}/${image.repository}@${digest}`,
    reference: image.display
  }
}

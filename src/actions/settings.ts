// The registry's auth and reference modules only: the registry client loads when an image is asked.
import { type RegistryCredentials, registrySecrets } from '../fingerprint/oci/auth.js'
import { parseImageReference } from '../fingerprint/oci/reference.js'
import { proxySecrets } from '../http/proxy.js'
import type { Config } from '../inputs/index.js'
import type { RunContext } from '../provenance/context.js'
import type { ArtifactLinks, LocalArtifactSettings } from '../stages/resolve-artifacts.js'

// Settings that the main action and the sub-actions build the same way from their inputs.

/** Where registry credentials come from; username and password go to one registry only. */
export function registryCredentials(config: Config): RegistryCredentials {
  let registry = config.registry
  try {
    registry ??=
      config.artifacts.length > 0 ? parseImageReference(config.artifacts[0]).registry : undefined
  } catch {
    // An invalid reference is refused with the inputs; it has no registry to send anything to.
  }
  return {
    username: config.registryUsername,
    password: config.registryPassword,
    registry,
    // Only ever sent to ghcr.io.
    githubToken: config.githubToken,
    env: process.env
  }
}

/** The secrets among the inputs: hidden from every line this step prints, errors included. */
export function secretsOf(config: Config, registry: RegistryCredentials): string[] {
  // Registry credentials from any source, the docker config's included, in every form they take.
  const fromRegistry = config.artifactType === 'oci' ? registrySecrets(registry) : []
  return [
    config.apiToken,
    config.githubToken,
    config.registryPassword,
    ...fromRegistry,
    // attest/'s sonar and jira types; each goes to its own service alone.
    config.sonarToken,
    config.jiraApiToken,
    config.jiraPat,
    ...proxySecrets(process.env)
  ].filter((secret): secret is string => Boolean(secret))
}

/** What the artifacts stage needs to fingerprint build output or take a given digest. */
export function localArtifactSettings(
  config: Config,
  ctx: RunContext,
  links: ArtifactLinks,
  registry: RegistryCredentials = registryCredentials(config)
): LocalArtifactSettings {
  return {
    links,
    artifacts: config.artifacts,
    artifactType: config.artifactType,
    fingerprint: config.fingerprint,
    displayName: config.displayName,
    templateReferenceName: config.templateReferenceName,
    excludes: config.excludes,
    fingerprintTimeoutSeconds: config.fingerprintTimeoutSeconds,
    registry: {
      ...registry,
      timeoutMs: config.requestTimeoutSeconds * 1000,
      maxRetries: config.maxRetries
    },
    workspace: ctx.workspace,
    fallbackName: ctx.repo
  }
}

import * as path from 'node:path'
import { mapLimit } from './concurrency.js'
import {
  fingerprintArtifact,
  fingerprintDockerImage,
  resolveArtifactPaths
} from './fingerprint/index.js'
import {
  type RegistryCredentials,
  fingerprintOciImage,
  parseImageReference
} from './fingerprint/oci/index.js'
import type { Config } from './inputs/index.js'
import type { KosliClient } from './kosli/client.js'
import { findArtifactsByCommit } from './kosli/artifacts.js'

export type ArtifactType = 'file' | 'dir' | 'docker' | 'oci' | 'digest' | 'kosli'

export interface Artifact {
  name: string
  fingerprint: string
  type: ArtifactType
  /** Relative to the workspace, when fingerprinted here. */
  path?: string
  /** `repo@sha256:…` for container images. */
  reference?: string
  templateReferenceName?: string
  complianceState?: string
  stateInfo?: string
  url: string
}

export function kosliArtifactUrl(config: Config, fingerprint: string): string {
  const segments = [config.org, 'flows', config.flow, 'artifacts', fingerprint]
  return `${config.host}/${segments.map(encodeURIComponent).join('/')}`
}

/** Fingerprints build output, or takes the given digest: the artifacts this step reports. */
export async function resolveLocalArtifacts(
  config: Config,
  workspace: string,
  fallbackName: string
): Promise<Artifact[]> {
  if (config.fingerprint) {
    const name = config.displayName ?? config.templateReferenceName ?? fallbackName
    return [artifact(config, { name, fingerprint: config.fingerprint, type: 'digest' })]
  }
  if (config.artifactType === 'docker' || config.artifactType === 'oci') {
    const type = config.artifactType
    return mapLimit(config.artifacts, 4, async reference => {
      const image =
        type === 'docker'
          ? await fingerprintDockerImage(reference)
          : await fingerprintOciImage(reference, {
              ...registryCredentials(config),
              timeoutMs: config.requestTimeoutSeconds * 1000
            })
      const name = config.artifacts.length === 1 ? (config.displayName ?? reference) : reference
      return artifact(config, {
        name,
        fingerprint: image.fingerprint,
        type,
        reference: image.digestReference
      })
    })
  }
  const paths = await resolveArtifactPaths(config.artifacts, workspace)
  const single = paths.length === 1
  // Directory digests already use every core; two at a time keeps file reads overlapping.
  return mapLimit(paths, 2, async absolute => {
    const type =
      config.artifactType === 'file' || config.artifactType === 'dir' ? config.artifactType : 'auto'
    const result = await fingerprintArtifact(absolute, type, config.excludes)
    const relative = path.relative(workspace, absolute).split(path.sep).join('/') || '.'
    const name = single ? (config.displayName ?? path.basename(absolute)) : relative
    return artifact(config, {
      name,
      fingerprint: result.fingerprint,
      type: result.type,
      path: relative
    })
  })
}

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

/** The artifacts Kosli holds for the commit, filtered by template reference name or display name. */
export async function resolveKosliArtifacts(
  config: Config,
  kosli: KosliClient,
  gitCommit: string
): Promise<Artifact[]> {
  const found = await findArtifactsByCommit(kosli, config, gitCommit)
  const wanted = found.filter(item => {
    if (config.templateReferenceName)
      return item.template_reference_name === config.templateReferenceName
    if (config.displayName) {
      return (
        item.filename === config.displayName || lastSegment(item.filename) === config.displayName
      )
    }
    return true
  })
  if (wanted.length === 0) {
    const filter = config.templateReferenceName
      ? ` with template-reference-name "${config.templateReferenceName}"`
      : config.displayName
        ? ` named "${config.displayName}"`
        : ''
    const trail = config.trail ? ` in trail "${config.trail}"` : ''
    const seen =
      found.length > 0 ? ` (it holds: ${found.map(item => item.filename).join(', ')})` : ''
    throw new Error(
      `No artifact${filter} was found in Kosli flow "${config.flow}"${trail} for commit ${gitCommit}${seen}. ` +
        'Report the artifact from the build job first, or give artifact or fingerprint.'
    )
  }
  return wanted.map(item =>
    artifact(config, {
      name: item.filename,
      fingerprint: item.fingerprint,
      type: 'kosli',
      templateReferenceName: item.template_reference_name ?? undefined,
      complianceState: item.state ?? undefined,
      stateInfo: item.state_info ?? undefined
    })
  )
}

function artifact(config: Config, fields: Omit<Artifact, 'url'>): Artifact {
  return { ...fields, url: kosliArtifactUrl(config, fields.fingerprint) }
}

function lastSegment(name: string): string {
  return name.split('/').pop() ?? name
}

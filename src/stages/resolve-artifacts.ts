// The stage convention (every file in src/stages/): a stage declares the few settings it needs as
// its own type, takes its dependencies (Kosli client, Octokit, log, pool) as parameters, returns its
// results and changes nothing it did not create. main.ts builds the settings from Config, computes
// every default once, and only sequences the stages.
import * as path from 'node:path'
import { mapLimit } from '../concurrency.js'
import type { RegistryCredentials } from '../fingerprint/oci/auth.js'
import { type FlowRef, findArtifactsByCommit } from '../kosli/artifacts.js'
import type { KosliClient } from '../kosli/client.js'

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

/** Where an artifact's page in Kosli is: host, organization, flow. */
export interface ArtifactLinks extends FlowRef {
  host: string
}

export function kosliArtifactUrl(links: ArtifactLinks, fingerprint: string): string {
  const segments = [links.org, 'flows', links.flow, 'artifacts', fingerprint]
  return `${links.host}/${segments.map(encodeURIComponent).join('/')}`
}

export interface LocalArtifactSettings {
  links: ArtifactLinks
  /** Paths, globs or image references. */
  artifacts: string[]
  artifactType: 'auto' | 'file' | 'dir' | 'docker' | 'oci'
  /** A given digest: nothing is fingerprinted. */
  fingerprint?: string
  displayName?: string
  templateReferenceName?: string
  excludes: string[]
  fingerprintTimeoutSeconds: number
  /** For oci images, with the request timeout and retries. */
  registry: RegistryCredentials
  workspace: string
  /** The name of a given digest without display-name or template-reference-name. */
  fallbackName: string
}

/** Fingerprints build output, or takes the given digest: the artifacts this step reports. */
export async function resolveLocalArtifacts(settings: LocalArtifactSettings): Promise<Artifact[]> {
  const { links, workspace } = settings
  const withUrl = (fields: Omit<Artifact, 'url'>): Artifact => ({
    ...fields,
    url: kosliArtifactUrl(links, fields.fingerprint)
  })
  if (settings.fingerprint) {
    const name = settings.displayName ?? settings.templateReferenceName ?? settings.fallbackName
    return [withUrl({ name, fingerprint: settings.fingerprint, type: 'digest' })]
  }
  if (settings.artifactType === 'docker' || settings.artifactType === 'oci') {
    const type = settings.artifactType
    // Each engine is loaded only for its own artifact type, so a run does not parse the others.
    const fingerprintImage =
      type === 'docker'
        ? (await import('../fingerprint/docker.js')).fingerprintDockerImage
        : (await import('../fingerprint/oci/index.js')).fingerprintOciImage
    return mapLimit(settings.artifacts, 4, async reference => {
      const image = await fingerprintImage(reference, settings.registry)
      const name = settings.artifacts.length === 1 ? (settings.displayName ?? reference) : reference
      return withUrl({
        name,
        fingerprint: image.fingerprint,
        type,
        reference: image.digestReference
      })
    })
  }
  const { resolveArtifactPaths, fingerprintArtifact } = await import('../fingerprint/paths.js')
  const { HashPool } = await import('../fingerprint/pool.js')
  const paths = await resolveArtifactPaths(settings.artifacts, workspace)
  const single = paths.length === 1
  // One pool of hashing threads for every artifact; the deadline covers all of them.
  const pool = new HashPool({ timeoutSeconds: settings.fingerprintTimeoutSeconds })
  try {
    // Walks run on this thread; a few at once keep the shared workers fed between directories.
    return await mapLimit(paths, 4, async absolute => {
      const type =
        settings.artifactType === 'file' || settings.artifactType === 'dir'
          ? settings.artifactType
          : 'auto'
      const result = await fingerprintArtifact(absolute, type, settings.excludes, pool)
      const relative = path.relative(workspace, absolute).split(path.sep).join('/') || '.'
      const name = single ? (settings.displayName ?? path.basename(absolute)) : relative
      return withUrl({ name, fingerprint: result.fingerprint, type: result.type, path: relative })
    })
  } finally {
    await pool.close()
  }
}

export interface KosliArtifactSettings {
  links: ArtifactLinks
  gitCommit: string
  trail?: string
  templateReferenceName?: string
  displayName?: string
}

/** The artifacts Kosli holds for the commit, filtered by template reference name or display name. */
export async function resolveKosliArtifacts(
  settings: KosliArtifactSettings,
  kosli: KosliClient
): Promise<Artifact[]> {
  const { links, gitCommit, templateReferenceName, displayName } = settings
  const found = await findArtifactsByCommit(kosli, links, gitCommit, settings.trail)
  const wanted = found.filter(item => {
    if (templateReferenceName) return item.template_reference_name === templateReferenceName
    if (displayName) {
      return item.filename === displayName || lastSegment(item.filename) === displayName
    }
    return true
  })
  if (wanted.length === 0) {
    const filter = templateReferenceName
      ? ` with template-reference-name "${templateReferenceName}"`
      : displayName
        ? ` named "${displayName}"`
        : ''
    const trail = settings.trail ? ` in trail "${settings.trail}"` : ''
    const seen =
      found.length > 0 ? ` (it holds: ${found.map(item => item.filename).join(', ')})` : ''
    throw new Error(
      `No artifact${filter} was found in Kosli flow "${links.flow}"${trail} for commit ${gitCommit}${seen}. ` +
        'Report the artifact from the build job first, or give artifact or fingerprint.'
    )
  }
  return wanted.map(item => ({
    name: item.filename,
    fingerprint: item.fingerprint,
    type: 'kosli',
    templateReferenceName: item.template_reference_name ?? undefined,
    complianceState: item.state ?? undefined,
    stateInfo: item.state_info ?? undefined,
    url: kosliArtifactUrl(links, item.fingerprint)
  }))
}

function lastSegment(name: string): string {
  return name.split('/').pop() ?? name
}

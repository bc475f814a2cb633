import type { KosliClient } from './client.js'
import { kosliPath } from './paths.js'
import { KosliHttpError } from './errors.js'
import type { KosliArtifact, ReportArtifactBody } from './schemas.js'

/** Where in Kosli: the organization and the flow every artifact and approval call names. */
export interface FlowRef {
  org: string
  flow: string
}

/** POST /artifacts/{org}/{flow}: one artifact, with its provenance. */
export async function reportArtifact(
  kosli: KosliClient,
  where: FlowRef,
  body: ReportArtifactBody
): Promise<void> {
  await kosli.post(kosliPath`/artifacts/${where.org}/${where.flow}`, body)
}

/**
 * GET /artifacts/{org}/{flow}/commit_sha/{sha}: what the build job reported for the commit, in
 * `trail` only when one is given.
 */
export async function findArtifactsByCommit(
  kosli: KosliClient,
  where: FlowRef,
  gitCommit: string,
  trail?: string
): Promise<KosliArtifact[]> {
  // The schemas (and zod) load only when an answer is to be read, not at start-up.
  const { artifactsByCommitSchema } = await import('./schemas.js')
  return kosli.get(
    kosliPath`/artifacts/${where.org}/${where.flow}/commit_sha/${gitCommit}`,
    artifactsByCommitSchema,
    { trail }
  )
}

/** GET /artifacts/{org}/{flow}/fingerprint/{fp}: an artifact built from any commit; undefined on 404. */
export async function findArtifactByFingerprint(
  kosli: KosliClient,
  where: FlowRef,
  fingerprint: string
): Promise<KosliArtifact | undefined> {
  const { artifactByCommitSchema } = await import('./schemas.js')
  try {
    return await kosli.get(
      kosliPath`/artifacts/${where.org}/${where.flow}/fingerprint/${fingerprint}`,
      artifactByCommitSchema
    )
  } catch (error) {
    if (error instanceof KosliHttpError && error.status === 404) return undefined
    throw error
  }
}

import type { Config } from '../inputs/index.js'
import { type KosliClient, kosliPath } from './client.js'
import { KosliHttpError } from './errors.js'
import {
  type KosliArtifact,
  type ReportArtifactBody,
  artifactByCommitSchema,
  artifactsByCommitSchema
} from './schemas.js'

/** POST /artifacts/{org}/{flow}: one artifact, with its provenance. */
export async function reportArtifact(
  kosli: KosliClient,
  config: Config,
  body: ReportArtifactBody
): Promise<void> {
  await kosli.post(kosliPath`/artifacts/${config.org}/${config.flow}`, body)
}

/** GET /artifacts/{org}/{flow}/commit_sha/{sha}: what the build job reported for the commit. */
export async function findArtifactsByCommit(
  kosli: KosliClient,
  config: Pick<Config, 'org' | 'flow' | 'trail'>,
  gitCommit: string
): Promise<KosliArtifact[]> {
  return kosli.get(
    kosliPath`/artifacts/${config.org}/${config.flow}/commit_sha/${gitCommit}`,
    artifactsByCommitSchema,
    { trail: config.trail }
  )
}

/** GET /artifacts/{org}/{flow}/fingerprint/{fp}: an artifact built from any commit; undefined on 404. */
export async function findArtifactByFingerprint(
  kosli: KosliClient,
  config: Config,
  fingerprint: string
): Promise<KosliArtifact | undefined> {
  try {
    return await kosli.get(
      kosliPath`/artifacts/${config.org}/${config.flow}/fingerprint/${fingerprint}`,
      artifactByCommitSchema
    )
  } catch (error) {
    if (error instanceof KosliHttpError && error.status === 404) return undefined
    throw error
  }
}

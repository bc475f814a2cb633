import type { Config } from '../inputs.js'
import { type KosliClient, kosliPath } from './client.js'
import { type KosliArtifact, type ReportArtifactBody, artifactsByCommitSchema } from './schemas.js'

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
  config: Config,
  gitCommit: string
): Promise<KosliArtifact[]> {
  return kosli.get(
    kosliPath`/artifacts/${config.org}/${config.flow}/commit_sha/${gitCommit}`,
    artifactsByCommitSchema,
    { trail: config.trail }
  )
}

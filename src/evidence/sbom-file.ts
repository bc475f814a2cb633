import { createHash } from 'node:crypto'
import { basename } from 'node:path'
import { resolveArtifactPaths } from '../fingerprint/paths.js'
import { InputError } from '../error-message.js'
import { inert } from '../print.js'
import { FILE_LIMITS, FileReadError, readRegularFile } from '../read-file.js'
import type { SbomSummary } from './more-payloads.js'
import { SbomError, readSbom } from './sbom.js'

/** The most of an SBOM sent: Kosli takes 10 MB a request, and data_json travels with the file. */
export const MAX_SBOM_BYTES = FILE_LIMITS.sbom

export interface SbomEvidence {
  filename: string
  bytes: Buffer
  sha256: string
  summary: SbomSummary
}

/**
 * The SBOM named in `results`, read once: the checksum, the summary and the upload are of the
 * same bytes. Every refusal is an input error naming the file, before any request.
 */
export async function readSbomEvidence(
  results: readonly string[],
  workspace: string
): Promise<SbomEvidence> {
  let paths: string[]
  try {
    paths = await resolveArtifactPaths([...results], workspace, { input: 'results' })
  } catch (error) {
    throw new InputError([(error as Error).message])
  }
  if (paths.length !== 1) {
    throw new InputError([
      `'results': matches ${paths.length} paths; expected one SBOM file for type sbom`
    ])
  }
  const path = paths[0]
  const refuse = (what: string): InputError =>
    new InputError([`'results': the SBOM file '${inert(path)}' ${what}`])
  const bytes = readInputFile(path, { input: 'results', what: 'SBOM file', limit: MAX_SBOM_BYTES })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  try {
    return { filename: basename(path), bytes, sha256, summary: readSbom(bytes) }
  } catch (error) {
    if (error instanceof SbomError) throw refuse(error.reason)
    throw error
  }
}

/** The shared bounded reader's refusal, as an input error: it comes before any request. */
export function readInputFile(
  path: string,
  options: Parameters<typeof readRegularFile>[1]
): Buffer {
  try {
    return readRegularFile(path, options)
  } catch (error) {
    if (error instanceof FileReadError) throw new InputError([error.message])
    throw error
  }
}

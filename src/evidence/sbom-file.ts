import { createHash } from 'node:crypto'
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { resolveArtifactPaths } from '../fingerprint/paths.js'
import { InputError } from '../inputs/problems.js'
import { inert } from '../print.js'
import type { SbomSummary } from './more-payloads.js'
import { SbomError, readSbom } from './sbom.js'

/** The most of an SBOM sent: Kosli takes 10 MB a request, and data_json travels with the file. */
export const MAX_SBOM_BYTES = 9 * 1024 * 1024

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
  const bytes = await readBoundedFile(path, MAX_SBOM_BYTES, refuse)
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  try {
    return { filename: basename(path), bytes, sha256, summary: readSbom(bytes) }
  } catch (error) {
    if (error instanceof SbomError) throw refuse(error.reason)
    throw error
  }
}

/**
 * One read of a regular file, at most `limit` bytes; a directory, a device or a FIFO is refused
 * before it is opened (opening a FIFO would block). The lead swaps this for the shared reader.
 */
async function readBoundedFile(
  path: string,
  limit: number,
  refuse: (what: string) => Error
): Promise<Buffer> {
  const info = await stat(path)
  if (info.isDirectory()) throw refuse('is a directory; give the SBOM file itself')
  if (!info.isFile()) throw refuse('is not a regular file')
  const handle = await open(path, 'r')
  try {
    // Read until the end, and never more than one byte past the limit: the limit bounds what
    // was read, not what an earlier stat said (the file may still be growing).
    const chunks: Buffer[] = []
    let read = 0
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, limit + 1 - read))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      read += bytesRead
      if (read > limit) {
        throw refuse(
          `is over ${limit.toLocaleString('en-US')} bytes (9 MiB), the most an sbom attestation sends`
        )
      }
    }
    return Buffer.concat(chunks, read)
  } finally {
    await handle.close()
  }
}

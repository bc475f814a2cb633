import { open, stat } from 'node:fs/promises'

/**
 * One read of a regular file, at most `limit` bytes; a directory, a device or a FIFO is refused
 * before it is opened (opening a FIFO would block). `refuse` words the error for its input.
 * The sbom and sonar types read their files here; the shared bounded reader replaces it.
 */
export async function readRegularFile(
  path: string,
  limit: number,
  refuse: (what: string) => Error
): Promise<Buffer> {
  const info = await stat(path)
  if (info.isDirectory()) throw refuse('is a directory; give the file itself')
  if (!info.isFile()) throw refuse('is not a regular file')
  const handle = await open(path, 'r')
  try {
    // Until the end, and never more than one byte past the limit: the limit bounds what was
    // read, not what an earlier stat said (the file may still be growing).
    const chunks: Buffer[] = []
    let read = 0
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, limit + 1 - read))
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null)
      if (bytesRead === 0) break
      chunks.push(chunk.subarray(0, bytesRead))
      read += bytesRead
      if (read > limit) throw refuse(`is over ${limit.toLocaleString('en-US')} bytes`)
    }
    return Buffer.concat(chunks, read)
  } finally {
    await handle.close()
  }
}

import * as crypto from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs'

export const READ_CHUNK_BYTES = 2 * 1024 * 1024

// O_NONBLOCK keeps open() from hanging on a FIFO that slipped in; it changes nothing for regular files.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/** The code of the error for a path that is not a regular file (a directory, FIFO, device). */
const NOT_REGULAR = 'ENOTREGULAR'

/** Lowercase hex SHA-256 of bytes held in memory. */
export const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === 'function'
    ? data => crypto.hash('sha256', data, 'hex')
    : data => crypto.createHash('sha256').update(data).digest('hex')

/**
 * Hashes one file after another through the same two buffers, so no file allocates any. The
 * first chunk is read synchronously (most files end there); past it, the next chunk is read in
 * the background while the previous one is hashed. Errors carry Node's `code` (or NOT_REGULAR)
 * and no path: the caller names the path.
 */
export class FileHasher {
  private readonly buffers = [
    Buffer.allocUnsafe(READ_CHUNK_BYTES),
    Buffer.allocUnsafe(READ_CHUNK_BYTES)
  ]

  /** SHA-256 of the file's bytes as 64 lowercase hex; a symlink is followed. */
  async hash(path: string | Buffer): Promise<string> {
    const fd = openSync(path, OPEN_FLAGS)
    try {
      const info = fstatSync(fd)
      if (!info.isFile()) {
        const error = new Error(`it is ${describeFileKind(info)}, not a regular file`)
        throw Object.assign(error, { code: NOT_REGULAR })
      }
      const first = this.buffers[0]
      let bytesRead = readSync(fd, first, 0, READ_CHUNK_BYTES, null)
      let total = bytesRead
      if (isLastRead(bytesRead, READ_CHUNK_BYTES, total, info.size)) {
        return sha256Hex(first.subarray(0, bytesRead))
      }
      const hash = crypto.createHash('sha256')
      let current = 0
      for (;;) {
        const pending = readChunk(fd, this.buffers[current ^ 1])
        // Never leave a read's rejection unobserved if update throws before the await.
        pending.catch(() => undefined)
        hash.update(this.buffers[current].subarray(0, bytesRead))
        bytesRead = await pending
        total += bytesRead
        current ^= 1
        if (isLastRead(bytesRead, READ_CHUNK_BYTES, total, info.size)) {
          return hash.update(this.buffers[current].subarray(0, bytesRead)).digest('hex')
        }
      }
    } finally {
      closeSync(fd)
    }
  }
}

function readChunk(fd: number, buffer: Buffer): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, buffer.length, null, (error, bytesRead) =>
      error ? reject(error) : resolve(bytesRead)
    )
  })
}

/**
 * The end of a file: a read that returns nothing, or a short read that reaches the size fstat
 * gave (which saves the extra read per small file). A short read short of that size (a file
 * that changed, or one like /proc's that reports no size) reads on until a read returns nothing.
 */
export function isLastRead(bytesRead: number, requested: number, total: number, size: number) {
  return bytesRead === 0 || (bytesRead < requested && total === size)
}

export function displayPath(path: string | Buffer): string {
  return typeof path === 'string' ? path : path.toString('utf8')
}

export function describeFileKind(info: {
  isDirectory(): boolean
  isFIFO(): boolean
  isSocket(): boolean
  isCharacterDevice(): boolean
  isBlockDevice(): boolean
}): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}

/** Turns a Node fs error (or a NOT_REGULAR one) into one that names the path and says what to check. */
export function describeFileError(error: unknown, path: string | Buffer): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  const shown = displayPath(path)
  switch (code) {
    case 'ENOENT':
      return new Error(`Cannot fingerprint '${shown}': no such file (or it is a broken symlink)`)
    case 'EACCES':
    case 'EPERM':
      return new Error(`Cannot fingerprint '${shown}': permission denied; make it readable`)
    case 'ELOOP':
      return new Error(`Cannot fingerprint '${shown}': it is a symlink loop`)
    case 'EISDIR':
      return new Error(`Cannot fingerprint '${shown}': it is a directory, not a file`)
    default:
      return new Error(
        `Cannot fingerprint '${shown}': ${(error as Error).message ?? String(error)}`
      )
  }
}

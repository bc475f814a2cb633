import { createHash } from 'node:crypto'
import { close, constants, fstat, open, read, type Stats } from 'node:fs'

export const READ_CHUNK_BYTES = 2 * 1024 * 1024

// O_NONBLOCK keeps open() from hanging on a FIFO that slipped in; it changes nothing for regular files.
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)

/**
 * SHA-256 of a file's bytes as 64 lowercase hex; a symlink is followed. Streamed through two
 * reusable buffers: the next chunk is read while the previous one is hashed, so a cached file
 * hashes at about the speed of the hash itself, in constant memory.
 */
export async function fingerprintFile(path: string): Promise<string> {
  let fd: number
  try {
    fd = await openFile(path)
  } catch (error) {
    throw describeFileError(error, path)
  }
  try {
    const info = await statFile(fd)
    if (!info.isFile()) {
      throw new Error(
        `Cannot fingerprint '${path}': it is ${describeFileKind(info)}, not a regular file`
      )
    }
    return await hashOpenFile(fd, path)
  } finally {
    await closeFile(fd)
  }
}

async function hashOpenFile(fd: number, path: string): Promise<string> {
  const buffers = [Buffer.allocUnsafe(READ_CHUNK_BYTES), Buffer.allocUnsafe(READ_CHUNK_BYTES)]
  const hash = createHash('sha256')
  let current = 0
  let pending = readChunk(fd, buffers[current], path)
  for (;;) {
    const bytesRead = await pending
    if (bytesRead === 0) return hash.digest('hex')
    const filled = buffers[current]
    current ^= 1
    pending = readChunk(fd, buffers[current], path)
    // Never leave a read's rejection unobserved if update throws before the next await.
    pending.catch(() => undefined)
    hash.update(filled.subarray(0, bytesRead))
  }
}

function openFile(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    open(path, OPEN_FLAGS, (error, fd) => (error ? reject(error) : resolve(fd)))
  })
}

function statFile(fd: number): Promise<Stats> {
  return new Promise((resolve, reject) => {
    fstat(fd, (error, info) => (error ? reject(error) : resolve(info)))
  })
}

function closeFile(fd: number): Promise<void> {
  return new Promise(resolve => close(fd, () => resolve()))
}

function readChunk(fd: number, buffer: Buffer, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    read(fd, buffer, 0, buffer.length, null, (error, bytesRead) =>
      error ? reject(describeFileError(error, path)) : resolve(bytesRead)
    )
  })
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

/** Turns a Node fs error into one that names the path and says what to check. */
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

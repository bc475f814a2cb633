import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs'

const MiB = 1024 * 1024

/** The most of each kind of file the action reads, in bytes (the README states them). */
export const FILE_LIMITS = {
  /** flow-template, trail-template. */
  template: MiB,
  /** attestation-data and user-data given as a .json file. */
  json: MiB,
  /** Each JUnit XML file of results. */
  junit: 50 * MiB,
  /** The SARIF file of results. */
  sarif: 50 * MiB,
  /** An SBOM: Kosli takes 10 MB a request, and data_json travels with the file. */
  sbom: 9 * MiB,
  /** The Sonar scanner's report-task.txt: a few lines. */
  sonarReport: 64 * 1024,
  /** The docker config the registry credentials may come from. */
  dockerConfig: 4 * MiB,
  /** The event payload (GITHUB_EVENT_PATH): GitHub caps a webhook payload at 25 MB. */
  eventPayload: 32 * MiB
} as const

export class FileReadError extends Error {
  constructor(
    message: string,
    /** The error code of a file that could not be opened (ENOENT for a missing one). */
    readonly code?: string
  ) {
    super(message)
    this.name = 'FileReadError'
  }
}

interface ReadOptions {
  /** The action input the path came from, named in errors. */
  input: string
  /** What the file is, in errors: `JUnit file`, `template`. */
  what: string
  /** The most bytes read; a larger file is refused before it is read. */
  limit: number
}

/** `1,048,576 bytes (1 MiB)`. */
export function bytesText(bytes: number): string {
  const mib = bytes / MiB
  const unit = mib >= 1 && Number.isInteger(mib) ? ` (${mib} MiB)` : ''
  return `${bytes.toLocaleString('en-US')} bytes${unit}`
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a named pipe (FIFO)'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  if (info.isSocket()) return 'a socket'
  return 'not a regular file'
}

/**
 * The bytes of a regular file, at most `limit` of them. A named pipe, a device or a socket is
 * refused without waiting on it, and so is a file whose content is not its size (/proc, /sys):
 * what is read is what the file system says the file holds, and never more than the limit.
 */
export function readRegularFile(path: string, options: ReadOptions): Buffer {
  const where = `${options.input}: the ${options.what} '${path}'`
  let fd: number
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new FileReadError(`${where} cannot be read (${code}).`, code)
  }
  try {
    const info = fstatSync(fd)
    if (!info.isFile()) {
      throw new FileReadError(`${where} is ${kindOf(info)}; give a regular file.`)
    }
    if (info.size > options.limit) {
      throw new FileReadError(
        `${where} is ${bytesText(info.size)}, over the ${options.what} limit of ` +
          `${bytesText(options.limit)}; give a smaller file.`
      )
    }
    // One byte more than the size: a file that holds more than it says is caught, not read on.
    const bytes = Buffer.allocUnsafe(info.size + 1)
    let read = 0
    for (;;) {
      const n = readFileChunk(fd, bytes, read, where)
      if (n === 0) break
      read += n
      if (read > info.size) break
    }
    if (read !== info.size) {
      throw new FileReadError(
        `${where} is not a regular file on disk: it said it holds ${bytesText(info.size)} but ` +
          `gave ${read > info.size ? 'more' : bytesText(read)} (a /proc or /sys file, or one ` +
          'written while it was read); give a regular file.'
      )
    }
    return bytes.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

function readFileChunk(fd: number, into: Buffer, at: number, where: string): number {
  try {
    return readSync(fd, into, at, into.length - at, null)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable'
    throw new FileReadError(`${where} cannot be read (${code}).`)
  }
}

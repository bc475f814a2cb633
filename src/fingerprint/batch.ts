import * as crypto from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync } from 'node:fs'
import { OPEN_FLAGS, READ_CHUNK_BYTES, describeFileError, describeFileKind } from './file.js'

/**
 * A run of consecutive walk entries, packed as one latin1 string (each char is one byte of a
 * name or path, so byte order and raw bytes survive): items separated by NUL, each a kind
 * character and its payload. Hashing a batch yields the digest text of those entries, in order.
 */
export interface Batch {
  id: number
  text: string
  /** Entries (D, F and T items) in the batch: what the walk counts against its memory bound. */
  entries: number
  /** Characters of digest text the batch makes: 64 for a D item, 128 for an F, a T's own. */
  length: number
}

/** Characters of one hex SHA-256. */
export const HEX_LENGTH = 64

/** Sets the directory (full path with a trailing separator) that later F items are in. */
export const ITEM_PREFIX = 'P'
/** A directory: the hash of its name. */
export const ITEM_DIRECTORY = 'D'
/** A file or a symlink to one: the hash of its name, then the hash of its contents. */
export const ITEM_FILE = 'F'
/** Digest text known already (a symlink to a directory), appended as it is. */
export const ITEM_TEXT = 'T'

/** What hashing a batch failed on, in a form that crosses from a worker. */
export interface BatchFailure {
  /** The path (latin1) of the file that could not be hashed. */
  path: string
  code?: string
  message: string
}

/** Where hashed batches go; each batch is delivered once, as text or as a failure. */
export interface BatchSink {
  resolve(id: number, text: string | Uint8Array): void
  fail(error: Error): void
}

/** Hashes batches; results go to the sink given when it was made, in any order. */
export interface BatchHashing {
  submit(batch: Batch): void
  /** True when a thread would idle without more work: the walk then sends a partial batch. */
  wantsWork(): boolean
  close(): Promise<void>
}

export const NOT_REGULAR = 'ENOTREGULAR'

/** Turns a failure of a worker or of the main thread into an error that names the path. */
export function batchError(failure: BatchFailure): Error {
  const path = Buffer.from(failure.path, 'latin1')
  if (failure.code === NOT_REGULAR) {
    return new Error(`Cannot fingerprint '${path.toString('utf8')}': ${failure.message}`)
  }
  return describeFileError(Object.assign(new Error(failure.message), { code: failure.code }), path)
}

/** Collects walk entries into batches of at most `maxEntries`. */
export class BatchBuilder {
  private text = ''
  private entries = 0
  private length = 0
  private prefix: string | undefined
  private nextId = 0

  constructor(
    private readonly maxEntries: number,
    private readonly send: (batch: Batch) => void
  ) {}

  directory(name: string): void {
    this.add(ITEM_DIRECTORY + name, HEX_LENGTH)
  }

  file(prefix: string, name: string): void {
    if (prefix !== this.prefix) {
      this.text += `${ITEM_PREFIX}${prefix}\0`
      this.prefix = prefix
    }
    this.add(ITEM_FILE + name, 2 * HEX_LENGTH)
  }

  literal(hex: string): void {
    this.add(ITEM_TEXT + hex, hex.length)
  }

  flush(): void {
    if (this.entries === 0) return
    const batch = { id: this.nextId++, text: this.text, entries: this.entries, length: this.length }
    this.text = ''
    this.entries = 0
    this.length = 0
    this.prefix = undefined
    this.send(batch)
  }

  private add(item: string, length: number): void {
    this.text += `${item}\0`
    this.length += length
    if (++this.entries >= this.maxEntries) this.flush()
  }
}

// How long the main thread hashes before it lets other work (timers, I/O) run.
const MAIN_THREAD_SLICE_MS = 10

const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === 'function'
    ? data => crypto.hash('sha256', data, 'hex')
    : data => crypto.createHash('sha256').update(data).digest('hex')

interface OpenFile {
  fd: number
  size: number
  read: number
  hash: crypto.Hash | undefined
  path: string
}

interface BatchInProgress {
  id: number
  items: string[]
  next: number
  prefix: string
  parts: string[]
}

/**
 * Hashes batches on the main thread (concurrency 1) with synchronous reads, which cost a
 * fraction of async ones per small file, in slices of a few milliseconds so the event loop
 * stays responsive; a large file is read across slices.
 */
export class MainThreadHashing implements BatchHashing {
  private queue: Batch[] = []
  private head = 0
  private current: BatchInProgress | undefined
  private file: OpenFile | undefined
  private scheduled = false
  private closed = false
  private readonly buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)

  constructor(private readonly sink: BatchSink) {}

  submit(batch: Batch): void {
    this.queue.push(batch)
    this.schedule()
  }

  wantsWork(): boolean {
    return this.current === undefined && this.head === this.queue.length
  }

  async close(): Promise<void> {
    this.closed = true
    this.closeFile()
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return
    this.scheduled = true
    setImmediate(() => {
      this.scheduled = false
      this.work()
    })
  }

  private work(): void {
    const deadline = performance.now() + MAIN_THREAD_SLICE_MS
    try {
      while (!this.closed && performance.now() < deadline) {
        const batch = this.current ?? this.nextBatch()
        if (!batch) return
        if (this.file) this.readChunk(this.file, batch)
        else if (batch.next < batch.items.length) this.startItem(batch)
        else {
          this.current = undefined
          this.sink.resolve(batch.id, batch.parts.join(''))
        }
      }
    } catch (error) {
      this.closed = true
      this.closeFile()
      this.sink.fail(error as Error)
      return
    }
    this.schedule()
  }

  private nextBatch(): BatchInProgress | undefined {
    if (this.head === this.queue.length) return undefined
    const { id, text } = this.queue[this.head++]
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head)
      this.head = 0
    }
    // The text ends with a NUL, so the last item is empty.
    const items = text.split('\0')
    items.pop()
    this.current = { id, items, next: 0, prefix: '', parts: [] }
    return this.current
  }

  private startItem(batch: BatchInProgress): void {
    const item = batch.items[batch.next++]
    const payload = item.slice(1)
    switch (item[0]) {
      case ITEM_PREFIX:
        batch.prefix = payload
        return
      case ITEM_TEXT:
        batch.parts.push(payload)
        return
      case ITEM_DIRECTORY:
        batch.parts.push(sha256Hex(Buffer.from(payload, 'latin1')))
        return
      default:
        batch.parts.push(sha256Hex(Buffer.from(payload, 'latin1')))
        this.file = this.openFile(batch.prefix + payload)
    }
  }

  private openFile(path: string): OpenFile {
    let fd: number | undefined
    try {
      fd = openSync(Buffer.from(path, 'latin1'), OPEN_FLAGS)
      const info = fstatSync(fd)
      if (!info.isFile()) {
        const message = `it is ${describeFileKind(info)}, not a regular file`
        throw batchError({ path, code: NOT_REGULAR, message })
      }
      return { fd, size: info.size, read: 0, hash: undefined, path }
    } catch (error) {
      if (fd !== undefined) closeSync(fd)
      if (error instanceof Error && !('code' in error)) throw error
      throw describeFileError(error, Buffer.from(path, 'latin1'))
    }
  }

  private readChunk(file: OpenFile, batch: BatchInProgress): void {
    let bytesRead: number
    try {
      bytesRead = readSync(file.fd, this.buffer, 0, this.buffer.length, null)
    } catch (error) {
      throw describeFileError(error, Buffer.from(file.path, 'latin1'))
    }
    file.read += bytesRead
    const chunk = this.buffer.subarray(0, bytesRead)
    if (!isLastRead(bytesRead, this.buffer.length, file.read, file.size)) {
      file.hash ??= crypto.createHash('sha256')
      file.hash.update(chunk)
      return
    }
    batch.parts.push(file.hash ? file.hash.update(chunk).digest('hex') : sha256Hex(chunk))
    this.closeFile()
  }

  private closeFile(): void {
    if (this.file) closeSync(this.file.fd)
    this.file = undefined
  }
}

/**
 * The end of a file: a read that returns nothing, or a short read that reaches the size fstat
 * gave (which saves the extra read per small file). A short read short of that size (a file
 * that changed, or one like /proc's that reports no size) reads on until a read returns nothing.
 */
export function isLastRead(bytesRead: number, requested: number, total: number, size: number) {
  return bytesRead === 0 || (bytesRead < requested && total === size)
}

import * as crypto from 'node:crypto'
import { closeSync, fstatSync, openSync, readSync, type Dirent, type Stats } from 'node:fs'
import { readFile, readdir, readlink, stat } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { join, sep } from 'node:path'
import {
  compileExcludePattern,
  matchesExcludePattern,
  parseIgnoreFile,
  type ExcludePattern
} from './excludes.js'
import {
  OPEN_FLAGS,
  READ_CHUNK_BYTES,
  describeFileError,
  describeFileKind,
  displayPath
} from './file.js'
import { WorkerPoolHashing, type ContentHashing, type ContentSink } from './pool.js'

export interface DirectoryFingerprintOptions {
  /** Patterns relative to the root (see fingerprint.md); added to those in a root `.kosli_ignore`. */
  excludes?: string[]
  /** Threads hashing file contents; 1 hashes on the main thread. Never changes the digest. */
  concurrency?: number
}

export const IGNORE_FILE = '.kosli_ignore'

// Hashes waiting to enter the digest before the walk pauses: bounds memory on huge trees.
const MAX_PENDING_SLOTS = 16384

const SEPARATOR = Buffer.from(sep)

const sha256Hex: (data: Buffer) => string =
  typeof crypto.hash === 'function'
    ? data => crypto.hash('sha256', data, 'hex')
    : data => crypto.createHash('sha256').update(data).digest('hex')

/**
 * The Kosli directory digest of `root`: names and contents of every entry not excluded, hashed
 * in walk order (pre-order, names in byte order). File contents are hashed in parallel; the
 * digest is assembled strictly in walk order, so it never depends on timing.
 */
export async function fingerprintDirectory(
  root: string,
  options: DirectoryFingerprintOptions = {}
): Promise<string> {
  const concurrency = options.concurrency ?? availableParallelism()
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(
      `Directory fingerprint concurrency must be a whole number of 1 or more, got ${concurrency}`
    )
  }
  const optionPatterns = (options.excludes ?? []).map((pattern, index) =>
    compileExcludePattern(pattern, `the exclude input (pattern ${index + 1})`)
  )
  await assertDirectory(root)
  const ignorePatterns = (await readIgnoreFile(root)).map(({ pattern, line }) =>
    compileExcludePattern(pattern, `'${join(root, IGNORE_FILE)}' line ${line}`)
  )

  const digest = new OrderedDigest()
  const hashing: ContentHashing =
    concurrency === 1
      ? new MainThreadHashing()
      : new WorkerPoolHashing(concurrency, error => digest.fail(error))
  const walk = new DirectoryWalk(root, digest, hashing, optionPatterns, ignorePatterns)
  try {
    await walk.run()
    hashing.flush()
    await digest.waitUntilPending(0)
  } catch (error) {
    digest.fail(error as Error)
    throw error
  } finally {
    await hashing.close()
  }
  if (digest.contributions === 0) throw nothingToFingerprint(root, walk.excludedEntries)
  return digest.hex()
}

async function assertDirectory(root: string): Promise<void> {
  let info: Stats
  try {
    info = await stat(root)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') {
      throw new Error(
        `Cannot fingerprint directory '${root}': it does not exist (or is a broken symlink)`
      )
    }
    throw describeFileError(error, root)
  }
  if (!info.isDirectory()) {
    throw new Error(
      `Cannot fingerprint directory '${root}': it is ${info.isFile() ? 'a file' : describeFileKind(info)}, not a directory`
    )
  }
}

async function readIgnoreFile(root: string): Promise<{ pattern: string; line: number }[]> {
  const path = join(root, IGNORE_FILE)
  try {
    // A missing, dangling or non-file .kosli_ignore holds no patterns; the walk reports what is wrong.
    if (!(await stat(path)).isFile()) return []
  } catch {
    return []
  }
  try {
    return parseIgnoreFile(await readFile(path, 'utf8'))
  } catch (error) {
    throw describeFileError(error, path)
  }
}

function nothingToFingerprint(root: string, excludedEntries: number): Error {
  if (excludedEntries > 0) {
    return new Error(
      `Nothing to fingerprint in directory '${root}': every entry in it is excluded. ` +
        `Check the exclude input and ${IGNORE_FILE}`
    )
  }
  return new Error(
    `Nothing to fingerprint in directory '${root}': it is empty. ` +
      `Check that the build wrote its output there before this step`
  )
}

class DirectoryWalk {
  excludedEntries = 0

  constructor(
    private readonly root: string,
    private readonly digest: OrderedDigest,
    private readonly hashing: ContentHashing,
    private readonly optionPatterns: ExcludePattern[],
    private readonly ignorePatterns: ExcludePattern[]
  ) {}

  run(): Promise<void> {
    const endsWithSeparator = this.root.endsWith(sep) || this.root.endsWith('/')
    const prefix = endsWithSeparator ? this.root : `${this.root}${sep}`
    return this.walkDirectory(Buffer.from(prefix), [])
  }

  private async walkDirectory(prefix: Buffer, parentSegments: string[]): Promise<void> {
    const entries = await this.readEntries(prefix)
    for (const entry of entries) {
      this.digest.throwIfFailed()
      const segments = [...parentSegments, entry.name.toString('utf8')]
      if (this.isExcluded(segments)) {
        if (parentSegments.length === 0) this.excludedEntries++
        continue
      }
      if (this.digest.pending > MAX_PENDING_SLOTS) {
        this.hashing.flush()
        await this.digest.waitUntilPending(MAX_PENDING_SLOTS / 2)
      }
      const path = Buffer.concat([prefix, entry.name])
      if (entry.isDirectory()) {
        this.digest.append(sha256Hex(entry.name))
        await this.walkDirectory(Buffer.concat([path, SEPARATOR]), segments)
      } else if (entry.isFile()) {
        this.digest.append(sha256Hex(entry.name))
        this.hashing.submit(path, this.digest.reserve())
      } else if (entry.isSymbolicLink()) {
        await this.visitSymlink(entry.name, path)
      } else {
        throw unsupportedEntry(this.root, path, describeFileKind(entry))
      }
    }
  }

  private async visitSymlink(name: Buffer, path: Buffer): Promise<void> {
    let target: Stats
    try {
      this.flushIfIdle()
      target = await stat(path)
    } catch (error) {
      throw await brokenSymlink(this.root, path, error)
    }
    if (target.isDirectory()) {
      // A link to a directory counts as its target text; the target is not walked.
      let linkText: Buffer
      try {
        linkText = await readlink(path, { encoding: 'buffer' })
      } catch (error) {
        throw describeFileError(error, path)
      }
      this.digest.append(sha256Hex(name))
      this.digest.append(sha256Hex(linkText))
    } else if (target.isFile()) {
      this.digest.append(sha256Hex(name))
      this.hashing.submit(path, this.digest.reserve())
    } else {
      throw unsupportedEntry(this.root, path, `a symlink to ${describeFileKind(target)}`)
    }
  }

  private async readEntries(prefix: Buffer): Promise<Dirent<Buffer>[]> {
    this.flushIfIdle()
    let entries: Dirent<Buffer>[]
    try {
      entries = await readdir(prefix, { withFileTypes: true, encoding: 'buffer' })
    } catch (error) {
      const shown = displayPath(prefix.subarray(0, -1))
      const reason = (error as Error).message
      throw new Error(
        `Cannot fingerprint directory '${this.root}': cannot list '${shown}': ${reason}`
      )
    }
    this.digest.throwIfFailed()
    return entries.sort((a, b) => Buffer.compare(a.name, b.name))
  }

  private isExcluded(segments: string[]): boolean {
    for (const pattern of this.optionPatterns) {
      if (matchesExcludePattern(pattern, segments)) return true
    }
    // The ignore file's own patterns never exclude the ignore file itself.
    if (segments.length === 1 && segments[0] === IGNORE_FILE) return false
    for (const pattern of this.ignorePatterns) {
      if (matchesExcludePattern(pattern, segments)) return true
    }
    return false
  }

  private flushIfIdle(): void {
    if (this.hashing instanceof WorkerPoolHashing) this.hashing.flushIfIdle()
  }
}

function unsupportedEntry(root: string, path: Buffer, kind: string): Error {
  return new Error(
    `Cannot fingerprint directory '${root}': '${displayPath(path)}' is ${kind}; only files, ` +
      `directories and symlinks to them can be fingerprinted. Remove it or exclude it`
  )
}

async function brokenSymlink(root: string, path: Buffer, error: unknown): Promise<Error> {
  const code = (error as NodeJS.ErrnoException).code
  const shown = displayPath(path)
  if (code === 'ELOOP') {
    return new Error(
      `Cannot fingerprint directory '${root}': '${shown}' is a symlink loop. Fix the link or exclude it`
    )
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    const target = await readlink(path, 'utf8').catch(() => undefined)
    const pointsTo = target === undefined ? '' : ` -> '${target}'`
    return new Error(
      `Cannot fingerprint directory '${root}': '${shown}'${pointsTo} is a broken symlink ` +
        `(its target does not exist). Fix the link or exclude it`
    )
  }
  return describeFileError(error, path)
}

/**
 * The running digest text, fed strictly in walk order. Content hashes that are not known yet
 * hold their place; everything after them waits in `slots` until they arrive.
 */
class OrderedDigest {
  contributions = 0
  private readonly hash = crypto.createHash('sha256')
  private slots: (string | undefined)[] = []
  private head = 0
  private offset = 0
  private error: Error | undefined
  private waiter: { limit: number; resolve: () => void; reject: (error: Error) => void } | undefined

  get pending(): number {
    return this.slots.length - this.head
  }

  append(hex: string): void {
    this.contributions++
    if (this.pending === 0) this.hash.update(hex)
    else this.slots.push(hex)
  }

  reserve(): ContentSink {
    const index = this.offset + this.slots.length
    this.slots.push(undefined)
    return {
      resolve: hex => this.fill(index, hex),
      reject: error => this.fail(error)
    }
  }

  fail(error: Error): void {
    if (this.error) return
    this.error = error
    const waiter = this.waiter
    this.waiter = undefined
    waiter?.reject(error)
  }

  throwIfFailed(): void {
    if (this.error) throw this.error
  }

  waitUntilPending(limit: number): Promise<void> {
    if (this.error) return Promise.reject(this.error)
    if (this.pending <= limit) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiter = { limit, resolve, reject }
    })
  }

  hex(): string {
    return this.hash.digest('hex')
  }

  private fill(index: number, hex: string): void {
    this.slots[index - this.offset] = hex
    this.drain()
  }

  private drain(): void {
    while (this.head < this.slots.length) {
      const hex = this.slots[this.head]
      if (hex === undefined) break
      this.hash.update(hex)
      this.head++
    }
    if (this.head > 4096 && this.head * 2 > this.slots.length) {
      this.slots = this.slots.slice(this.head)
      this.offset += this.head
      this.head = 0
    }
    if (this.waiter && this.pending <= this.waiter.limit) {
      const waiter = this.waiter
      this.waiter = undefined
      waiter.resolve()
    }
  }
}

// How long the main thread hashes before it lets other work (timers, I/O) run.
const MAIN_THREAD_SLICE_MS = 10

interface OpenFile {
  fd: number
  hash: crypto.Hash
  path: Buffer
  sink: ContentSink
}

/**
 * Hashes on the main thread (concurrency 1) with synchronous reads, which cost a fraction of
 * async ones per small file, in slices of a few milliseconds so the event loop stays responsive.
 */
class MainThreadHashing implements ContentHashing {
  private queue: { path: Buffer; sink: ContentSink }[] = []
  private head = 0
  private current: OpenFile | undefined
  private scheduled = false
  private closed = false
  private readonly buffer = Buffer.allocUnsafe(READ_CHUNK_BYTES)

  submit(path: Buffer, sink: ContentSink): void {
    this.queue.push({ path, sink })
    this.schedule()
  }

  flush(): void {}

  async close(): Promise<void> {
    this.closed = true
    if (this.current) closeSync(this.current.fd)
    this.current = undefined
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
    while (!this.closed && performance.now() < deadline) {
      const file = this.current ?? this.openNext()
      if (!file) return
      let bytesRead: number
      try {
        bytesRead = readSync(file.fd, this.buffer, 0, this.buffer.length, null)
      } catch (error) {
        this.finish(file)
        file.sink.reject(describeFileError(error, file.path))
        continue
      }
      if (bytesRead === 0) {
        this.finish(file)
        file.sink.resolve(file.hash.digest('hex'))
      } else {
        file.hash.update(this.buffer.subarray(0, bytesRead))
      }
    }
    this.schedule()
  }

  private openNext(): OpenFile | undefined {
    while (this.head < this.queue.length) {
      const { path, sink } = this.queue[this.head++]
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head)
        this.head = 0
      }
      let fd: number | undefined
      try {
        fd = openSync(path, OPEN_FLAGS)
        const info = fstatSync(fd)
        if (!info.isFile()) {
          throw new Error(
            `Cannot fingerprint '${displayPath(path)}': it is ${describeFileKind(info)}, not a regular file`
          )
        }
        this.current = { fd, hash: crypto.createHash('sha256'), path, sink }
        return this.current
      } catch (error) {
        if (fd !== undefined) closeSync(fd)
        sink.reject(
          error instanceof Error && !('code' in error) ? error : describeFileError(error, path)
        )
      }
    }
    return undefined
  }

  private finish(file: OpenFile): void {
    closeSync(file.fd)
    this.current = undefined
  }
}

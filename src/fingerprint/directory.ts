import * as crypto from 'node:crypto'
import { readdirSync, readlinkSync, statSync, type Dirent, type Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { BatchBuilder, type Batch } from './batch.js'
import {
  compileExcludePattern,
  compileIgnoreFileLine,
  matchesExcludePattern,
  parseIgnoreFile,
  type ExcludePattern,
  type IgnoreFileLine
} from './excludes.js'
import { describeFileError, describeFileKind, displayPath, sha256Hex } from './file.js'
import { HashPool, type HashJob } from './pool.js'

export interface DirectoryFingerprintOptions {
  /** Glob patterns relative to the root; added to those in a root `.kosli_ignore`. */
  excludes?: string[]
  /** Threads hashing file contents when no pool is given. Never changes the digest. */
  concurrency?: number
  /** The run's hashing pool (its threads and deadline); without it, one is started for this call. */
  pool?: HashPool
}

const IGNORE_FILE = '.kosli_ignore'

// Entries walked but not yet in the digest before the walk pauses: 8 batches keep every worker
// fed, and what a walk holds beyond that is memory and nothing more.
const MAX_PENDING_ENTRIES = 4096
// Entries per batch: enough that messaging costs little, few enough that threads end together.
const BATCH_ENTRIES = 512
// How long the walk runs before it lets worker replies in (and sends a partial batch if idle).
const WALK_SLICE_MS = 2

/** A latin1 string (one char per byte, as the walk keeps names and paths) back to its bytes. */
const bytes = (latin1: string): Buffer => Buffer.from(latin1, 'latin1')

/**
 * The Kosli directory digest of `root`: names and contents of every entry not excluded, hashed
 * in walk order (pre-order, names in byte order). The main thread walks and packs entries into
 * batches that threads hash in parallel; the digest takes each batch's text strictly in walk
 * order, so it never depends on timing.
 */
export async function fingerprintDirectory(
  root: string,
  options: DirectoryFingerprintOptions = {}
): Promise<string> {
  // A pool for this call alone unless the run's is given; its size is checked before anything.
  const own = options.pool ? undefined : new HashPool({ size: options.concurrency })
  const pool = options.pool ?? (own as HashPool)
  const digest = new OrderedDigest()
  let job: HashJob | undefined
  try {
    const optionPatterns = (options.excludes ?? []).map((pattern, index) =>
      compileExcludePattern(pattern, `the exclude input (pattern ${index + 1})`)
    )
    await assertDirectory(root)
    // Started before the ignore file is read, so the workers boot while the walk begins.
    job = pool.job(error => digest.fail(error))
    const ignorePatterns = (await readIgnoreFile(root)).map(entry =>
      compileIgnoreFileLine(entry, join(root, IGNORE_FILE))
    )
    const walk = new DirectoryWalk(root, digest, pool, job, optionPatterns, ignorePatterns)
    await walk.run()
    await digest.waitUntilPending(0)
    if (walk.entries === 0) throw nothingToFingerprint(root, walk.excludedEntries)
    return digest.hex()
  } catch (error) {
    digest.fail(error as Error)
    throw error
  } finally {
    job?.end()
    await own?.close()
  }
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

async function readIgnoreFile(root: string): Promise<IgnoreFileLine[]> {
  const path = join(root, IGNORE_FILE)
  try {
    // A missing, dangling or non-file .kosli_ignore holds no patterns; the walk reports what is wrong.
    if (!(await stat(path)).isFile()) return []
  } catch {
    return []
  }
  let text: string
  try {
    text = await readBounded(path, MAX_IGNORE_FILE_BYTES)
  } catch (error) {
    throw describeFileError(error, path)
  }
  return parseIgnoreFile(text)
}

// Far more patterns than any build needs; it stops a link to an endless file (/proc) early.
const MAX_IGNORE_FILE_BYTES = 1024 * 1024

/** A file's text (UTF-8), refused once it passes `limit` bytes. */
async function readBounded(path: string, limit: number): Promise<string> {
  // Whole pieces of a power of two: some /proc files refuse reads of other sizes.
  const piece = 64 * 1024
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(limit + piece)
    let length = 0
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, piece, null)
      if (bytesRead === 0) return buffer.toString('utf8', 0, length)
      length += bytesRead
      if (length > limit) {
        throw new Error(
          `it is larger than ${limit / (1024 * 1024)} MiB, too large for a list of exclude patterns`
        )
      }
    }
  } finally {
    await handle.close()
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
  entries = 0
  excludedEntries = 0
  private readonly batches: BatchBuilder
  private readonly hasPatterns: boolean
  private yieldAt = 0

  constructor(
    private readonly root: string,
    private readonly digest: OrderedDigest,
    private readonly pool: HashPool,
    private readonly job: HashJob,
    private readonly optionPatterns: ExcludePattern[],
    private readonly ignorePatterns: ExcludePattern[]
  ) {
    this.batches = new BatchBuilder(BATCH_ENTRIES, batch => this.send(batch))
    this.hasPatterns = optionPatterns.length + ignorePatterns.length > 0
  }

  async run(): Promise<void> {
    const endsWithSeparator = this.root.endsWith(sep) || this.root.endsWith('/')
    const prefix = endsWithSeparator ? this.root : `${this.root}${sep}`
    await this.walkDirectory(Buffer.from(prefix).toString('latin1'), [])
    this.batches.flush()
    this.job.listing(undefined)
  }

  /**
   * `prefix` is the directory's path with a trailing separator, as latin1 like every name. The
   * walk uses synchronous calls, a fraction of the cost of async ones per directory and symlink,
   * and yields every few milliseconds so that replies from the workers are taken in.
   */
  private async walkDirectory(prefix: string, parentSegments: string[]): Promise<void> {
    this.job.listing(prefix)
    const { names, kinds, others } = this.readEntries(prefix)
    for (let i = 0; i < names.length; i++) {
      this.digest.throwIfFailed()
      const name = names[i]
      // Segments (UTF-8 text) are only needed to match patterns; most walks have none.
      let segments = parentSegments
      if (this.hasPatterns) {
        segments = [...parentSegments, bytes(name).toString('utf8')]
        if (this.isExcluded(segments)) {
          if (parentSegments.length === 0) this.excludedEntries++
          continue
        }
      }
      if (this.digest.pending > MAX_PENDING_ENTRIES) {
        this.batches.flush()
        await this.digest.waitUntilPending(MAX_PENDING_ENTRIES / 2)
      } else if (performance.now() >= this.yieldAt) {
        await this.yield()
      }
      this.entries++
      const kind = kinds[i]
      if (kind === KIND_DIRECTORY) {
        this.batches.directory(name)
        await this.walkDirectory(`${prefix}${name}${sep}`, segments)
        this.job.listing(prefix)
      } else if (kind === KIND_FILE) {
        this.batches.file(prefix, name)
      } else if (kind === KIND_SYMLINK) {
        this.visitSymlink(prefix, name)
      } else {
        const entry = others.get(i) as Dirent
        throw unsupportedEntry(this.root, bytes(prefix + name), describeFileKind(entry))
      }
    }
  }

  private visitSymlink(prefix: string, name: string): void {
    const path = bytes(prefix + name)
    let target: Stats
    try {
      target = statSync(path)
    } catch (error) {
      throw brokenSymlink(this.root, path, error)
    }
    if (target.isDirectory()) {
      // A link to a directory counts as its target text; the target is not walked.
      let linkText: Buffer
      try {
        linkText = readlinkSync(path, { encoding: 'buffer' })
      } catch (error) {
        throw describeFileError(error, path)
      }
      this.batches.literal(sha256Hex(bytes(name)) + sha256Hex(linkText))
    } else if (target.isFile()) {
      this.batches.file(prefix, name)
    } else {
      throw unsupportedEntry(this.root, path, `a symlink to ${describeFileKind(target)}`)
    }
  }

  /** The directory's entries in byte order of their names (latin1 strings compare as bytes). */
  private readEntries(prefix: string): DirectoryEntries {
    let entries: Dirent<string>[]
    try {
      entries = listDirectory(bytes(prefix))
    } catch (error) {
      const shown = displayPath(bytes(prefix).subarray(0, -1))
      const reason = (error as Error).message
      throw new Error(
        `Cannot fingerprint directory '${this.root}': cannot list '${shown}': ${reason}`
      )
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    return compactEntries(entries)
  }

  /** Lets worker replies in; sends a partial batch first if a worker would otherwise idle. */
  private async yield(): Promise<void> {
    if (this.pool.wantsWork()) this.batches.flush()
    await new Promise(resolve => setImmediate(resolve))
    this.digest.throwIfFailed()
    this.yieldAt = performance.now() + WALK_SLICE_MS
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

  private send(batch: Batch): void {
    this.digest.expect(batch)
    this.job.submit(batch.text, batch.length, text => this.digest.resolve(batch.id, text))
  }
}

// 0: another kind (kept in `others`).
const KIND_DIRECTORY = 1
const KIND_FILE = 2
const KIND_SYMLINK = 3

/**
 * A directory's entries as names and a byte of kind each: the walk holds them while it visits
 * the directory, often across young collections, and a Dirent object per entry costs several
 * times its name. Entries of other kinds (rare, and an error) keep their Dirent to describe them.
 */
interface DirectoryEntries {
  names: string[]
  kinds: Uint8Array
  others: Map<number, Dirent>
}

function compactEntries(entries: Dirent<string>[]): DirectoryEntries {
  const names = new Array<string>(entries.length)
  const kinds = new Uint8Array(entries.length)
  const others = new Map<number, Dirent>()
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]
    names[i] = entry.name
    if (entry.isDirectory()) kinds[i] = KIND_DIRECTORY
    else if (entry.isFile()) kinds[i] = KIND_FILE
    else if (entry.isSymbolicLink()) kinds[i] = KIND_SYMLINK
    else others.set(i, entry)
  }
  return { names, kinds, others }
}

type ListDirectory = (
  path: Buffer,
  options: { withFileTypes: true; encoding: 'latin1' | 'buffer' }
) => Dirent<string>[] | Dirent<Buffer>[]

/**
 * A directory's entries with names as latin1 strings: one char per byte, so the raw bytes of any
 * name survive, and strings compare in byte order.
 */
export function listDirectory(
  path: Buffer,
  list: ListDirectory = readdirSync as ListDirectory
): Dirent<string>[] {
  try {
    return list(path, { withFileTypes: true, encoding: 'latin1' }) as Dirent<string>[]
  } catch (error) {
    // Where the file system gives no entry types, Node lstats each entry at path + name, which it
    // cannot join for a Buffer path and a string name; listing by bytes works there.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_INVALID_ARG_TYPE') throw error
    const entries = list(path, { withFileTypes: true, encoding: 'buffer' }) as Dirent<Buffer>[]
    return entries.map(
      entry =>
        Object.assign(entry, { name: entry.name.toString('latin1') }) as unknown as Dirent<string>
    )
  }
}

function unsupportedEntry(root: string, path: Buffer, kind: string): Error {
  return new Error(
    `Cannot fingerprint directory '${root}': '${displayPath(path)}' is ${kind}; only files, ` +
      `directories and symlinks to them can be fingerprinted. Remove it or exclude it`
  )
}

function brokenSymlink(root: string, path: Buffer, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException).code
  const shown = displayPath(path)
  if (code === 'ELOOP') {
    return new Error(
      `Cannot fingerprint directory '${root}': '${shown}' is a symlink loop. Fix the link or exclude it`
    )
  }
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    let target: string | undefined
    try {
      target = readlinkSync(path, 'utf8')
    } catch {
      target = undefined
    }
    const pointsTo = target === undefined ? '' : ` -> '${target}'`
    return new Error(
      `Cannot fingerprint directory '${root}': '${shown}'${pointsTo} is a broken symlink ` +
        `(its target does not exist). Fix the link or exclude it`
    )
  }
  return describeFileError(error, path)
}

/**
 * The running digest text, fed strictly in walk order: each batch's text enters once every
 * batch before it has; later ones wait in `texts` until then.
 */
class OrderedDigest {
  private readonly hash = crypto.createHash('sha256')
  private readonly texts = new Map<number, string | Uint8Array>()
  private readonly entries = new Map<number, number>()
  private next = 0
  private pendingEntries = 0
  private error: Error | undefined
  private waiter: { limit: number; resolve: () => void; reject: (error: Error) => void } | undefined

  /** Entries sent for hashing whose text is not in the digest yet. */
  get pending(): number {
    return this.pendingEntries
  }

  expect(batch: Batch): void {
    this.entries.set(batch.id, batch.entries)
    this.pendingEntries += batch.entries
  }

  /** A batch's text; an array is read before this returns (the pool reuses it), or copied. */
  resolve(id: number, text: string | Uint8Array): void {
    if (this.error) return
    this.texts.set(id, id === this.next || typeof text === 'string' ? text : text.slice())
    for (let ready = this.texts.get(this.next); ready !== undefined;) {
      this.hash.update(ready)
      this.texts.delete(this.next)
      this.pendingEntries -= this.entries.get(this.next) as number
      this.entries.delete(this.next)
      ready = this.texts.get(++this.next)
    }
    if (this.waiter && this.pendingEntries <= this.waiter.limit) {
      const waiter = this.waiter
      this.waiter = undefined
      waiter.resolve()
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
    if (this.pendingEntries <= limit) return Promise.resolve()
    return new Promise((resolve, reject) => {
      this.waiter = { limit, resolve, reject }
    })
  }

  hex(): string {
    return this.hash.digest('hex')
  }
}

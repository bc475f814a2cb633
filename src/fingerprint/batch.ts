import { describeFileError } from './file.js'

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
const ITEM_PREFIX = 'P'
/** A directory: the hash of its name. */
export const ITEM_DIRECTORY = 'D'
/** A file or a symlink to one: the hash of its name, then the hash of its contents. */
const ITEM_FILE = 'F'
/** Digest text known already (a symlink to a directory), appended as it is. */
export const ITEM_TEXT = 'T'
/** A file by its full path: the hash of its contents only (a file artifact). */
export const ITEM_CONTENT = 'C'

/** Characters of digest text an item of this kind makes (T items: their own length). */
function itemLength(kind: string, payloadLength: number): number {
  if (kind === ITEM_TEXT) return payloadLength
  return kind === ITEM_FILE ? 2 * HEX_LENGTH : HEX_LENGTH
}

/** One hashable entry of a batch's text: its kind, payload and the directory it is in. */
interface BatchEntry {
  kind: string
  payload: string
  prefix: string
  /** Where its text starts in the batch's text. */
  offset: number
}

/** The entries of a batch's text (every item but P), in order. */
export function parseBatch(text: string): BatchEntry[] {
  const entries: BatchEntry[] = []
  let prefix = ''
  let offset = 0
  let start = 0
  // The text ends with a NUL, so every item is followed by one.
  for (let end = text.indexOf('\0'); end !== -1; end = text.indexOf('\0', start)) {
    const kind = text[start]
    const payload = text.slice(start + 1, end)
    start = end + 1
    if (kind === ITEM_PREFIX) {
      prefix = payload
      continue
    }
    entries.push({ kind, payload, prefix, offset })
    offset += itemLength(kind, payload.length)
  }
  return entries
}

/** The path (latin1) an F or C entry reads. */
export function entryPath(entry: BatchEntry): string {
  return entry.kind === ITEM_CONTENT ? entry.payload : entry.prefix + entry.payload
}

/** What hashing a batch failed on, in a form that crosses from a worker. */
export interface BatchFailure {
  /** The path (latin1) of the file that could not be hashed. */
  path: string
  code?: string
  message: string
}

/** Turns a failure reported by a worker into an error that names the path. */
export function batchError(failure: BatchFailure): Error {
  const path = Buffer.from(failure.path, 'latin1')
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

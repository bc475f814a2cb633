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
  const reader = new BatchReader(text)
  const entries: BatchEntry[] = []
  for (let entry = reader.entry(0); entry; entry = reader.entry(entries.length)) {
    entries.push(entry)
  }
  return entries
}

/**
 * Reads a batch's entries by index, each index above the one before, scanning the text once:
 * a worker claims rising indices, and builds nothing for the entries other workers claim.
 */
export class BatchReader {
  private start = 0
  private prefix = ''
  private offset = 0
  private index = 0

  constructor(private readonly text: string) {}

  /** The entry at `index` (above any index asked for before), or undefined past the last. */
  entry(index: number): BatchEntry | undefined {
    const text = this.text
    // The text ends with a NUL, so every item is followed by one.
    for (
      let end = text.indexOf('\0', this.start);
      end !== -1;
      end = text.indexOf('\0', this.start)
    ) {
      const itemStart = this.start
      const kind = text[itemStart]
      this.start = end + 1
      if (kind === ITEM_PREFIX) {
        this.prefix = text.slice(itemStart + 1, end)
        continue
      }
      const offset = this.offset
      this.offset += itemLength(kind, end - itemStart - 1)
      if (this.index++ === index) {
        return { kind, payload: text.slice(itemStart + 1, end), prefix: this.prefix, offset }
      }
    }
    return undefined
  }
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

// The builder's starting room: a batch of 512 files with names of a hundred bytes.
const BUILDER_BYTES = 64 * 1024

/**
 * Collects walk entries into batches of at most `maxEntries`. The text is written as bytes into
 * one buffer and made a string once per batch: a string grown entry by entry leaves a chain of
 * pieces per batch for the collector.
 */
export class BatchBuilder {
  private buffer = Buffer.allocUnsafe(BUILDER_BYTES)
  private used = 0
  private entries = 0
  private length = 0
  private prefix: string | undefined
  private nextId = 0

  constructor(
    private readonly maxEntries: number,
    private readonly send: (batch: Batch) => void
  ) {}

  directory(name: string): void {
    this.add(ITEM_DIRECTORY, name, HEX_LENGTH)
  }

  file(prefix: string, name: string): void {
    if (prefix !== this.prefix) {
      this.write(ITEM_PREFIX, prefix)
      this.prefix = prefix
    }
    this.add(ITEM_FILE, name, 2 * HEX_LENGTH)
  }

  literal(hex: string): void {
    this.add(ITEM_TEXT, hex, hex.length)
  }

  flush(): void {
    if (this.entries === 0) return
    const text = this.buffer.toString('latin1', 0, this.used)
    const batch = { id: this.nextId++, text, entries: this.entries, length: this.length }
    this.used = 0
    this.entries = 0
    this.length = 0
    this.prefix = undefined
    // Room grown for very long paths is given back.
    if (this.buffer.length > 16 * BUILDER_BYTES) this.buffer = Buffer.allocUnsafe(BUILDER_BYTES)
    this.send(batch)
  }

  private add(kind: string, payload: string, length: number): void {
    this.write(kind, payload)
    this.length += length
    if (++this.entries >= this.maxEntries) this.flush()
  }

  /** One item: its kind, its payload (latin1: one byte per character) and a NUL. */
  private write(kind: string, payload: string): void {
    const end = this.used + payload.length + 2
    if (end > this.buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(end, 2 * this.buffer.length))
      this.buffer.copy(grown, 0, 0, this.used)
      this.buffer = grown
    }
    this.buffer.write(kind, this.used, 'latin1')
    this.buffer.write(payload, this.used + 1, 'latin1')
    this.buffer[end - 1] = 0
    this.used = end
  }
}

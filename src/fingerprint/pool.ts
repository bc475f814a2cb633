import { Worker } from 'node:worker_threads'
import {
  HEX_LENGTH,
  ITEM_DIRECTORY,
  ITEM_PREFIX,
  ITEM_TEXT,
  NOT_REGULAR,
  batchError,
  type Batch,
  type BatchFailure,
  type BatchHashing,
  type BatchSink
} from './batch.js'
import { READ_CHUNK_BYTES } from './file.js'

// Inline source so the bundled action needs no separate worker file; it loads built-ins in a way
// that works whether Node runs it as CommonJS or as a module. Synchronous reads are right here:
// the worker does nothing else, and each worker holds at most one open file. It mirrors
// MainThreadHashing and isLastRead (batch.ts); the tests hold both to the same digest texts.
const WORKER_SOURCE = `
const load = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule : require
const { parentPort } = load('node:worker_threads')
const fs = load('node:fs')
const crypto = load('node:crypto')
const { Buffer } = load('node:buffer')
const CHUNK = ${READ_CHUNK_BYTES}
const HEX = ${HEX_LENGTH}
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0)
const buffer = Buffer.allocUnsafe(CHUNK)
const sha256Hex = typeof crypto.hash === 'function'
  ? data => crypto.hash('sha256', data, 'hex')
  : data => crypto.createHash('sha256').update(data).digest('hex')
function kindOf(info) {
  if (info.isDirectory()) return 'a directory'
  if (info.isFIFO()) return 'a FIFO (named pipe)'
  if (info.isSocket()) return 'a socket'
  if (info.isCharacterDevice()) return 'a character device'
  if (info.isBlockDevice()) return 'a block device'
  return 'not a regular file'
}
function hashFile(path) {
  const fd = fs.openSync(Buffer.from(path, 'latin1'), FLAGS)
  try {
    const info = fs.fstatSync(fd)
    if (!info.isFile()) {
      const error = new Error('it is ' + kindOf(info) + ', not a regular file')
      error.code = '${NOT_REGULAR}'
      throw error
    }
    let hash
    let total = 0
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, 0, CHUNK, null)
      total += bytesRead
      const chunk = bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead)
      // A short read that reaches fstat's size is the end: it saves a read per small file.
      if (bytesRead === 0 || (bytesRead < CHUNK && total === info.size)) {
        return hash ? hash.update(chunk).digest('hex') : sha256Hex(chunk)
      }
      if (!hash) hash = crypto.createHash('sha256')
      hash.update(chunk)
    }
  } finally {
    fs.closeSync(fd)
  }
}
parentPort.on('message', ({ id, text, shared }) => {
  const items = text.split('\\0')
  items.pop()
  // The batch's entries (every item but P), each with its directory and the place of its text.
  const entries = []
  const prefixes = []
  const offsets = []
  let prefix = ''
  let offset = 0
  for (const item of items) {
    const kind = item[0]
    if (kind === '${ITEM_PREFIX}') {
      prefix = item.slice(1)
      continue
    }
    entries.push(item)
    prefixes.push(prefix)
    offsets.push(offset)
    offset += kind === '${ITEM_TEXT}' ? item.length - 1 : kind === '${ITEM_DIRECTORY}' ? HEX : 2 * HEX
  }
  const cursor = new Int32Array(shared, 0, 1)
  const output = Buffer.from(shared, 4)
  let path = ''
  try {
    // Every worker gets every batch and claims its entries one at a time through the shared
    // cursor, so none waits for another; each writes its texts in place for the main thread.
    for (let i = Atomics.add(cursor, 0, 1); i < entries.length; i = Atomics.add(cursor, 0, 1)) {
      const kind = entries[i][0]
      const payload = entries[i].slice(1)
      if (kind === '${ITEM_TEXT}') {
        output.write(payload, offsets[i], 'latin1')
        continue
      }
      output.write(sha256Hex(Buffer.from(payload, 'latin1')), offsets[i], 'latin1')
      if (kind !== '${ITEM_DIRECTORY}') {
        path = prefixes[i] + payload
        output.write(hashFile(path), offsets[i] + HEX, 'latin1')
      }
    }
  } catch (error) {
    parentPort.postMessage({ id, failure: { path, code: error.code, message: error.message } })
    return
  }
  parentPort.postMessage({ id })
})
`

// Batches sent ahead of their claims, so a worker finds the next one queued when it runs dry.
const UNCLAIMED_BATCHES = 16

/** A batch sent to the workers: done when every worker it went to has replied. */
interface SentBatch {
  /** The batch's digest text, written in place by whichever workers claimed its entries. */
  text: Uint8Array
  recipients: number
  replies: number
}

type WorkerReply = { id: number; failure?: BatchFailure }

/**
 * A small pool of worker threads. Each batch goes to every worker, and the workers claim its
 * entries one by one through a shared counter, so a worker held up by a large file (or by the
 * scheduler) never holds up work the others could do. The first worker starts at once, so it
 * boots while the walk lists the first directories; more start while batches wait, up to `size`.
 */
export class WorkerPoolHashing implements BatchHashing {
  private readonly workers: Worker[] = []
  private readonly sent = new Map<number, SentBatch>()
  private ready: Batch[] = []
  private readyHead = 0
  // Batches sent that no worker has finished claiming yet.
  private unclaimed = 0
  private closed = false

  constructor(
    private readonly size: number,
    private readonly sink: BatchSink
  ) {
    this.startWorker()
  }

  submit(batch: Batch): void {
    this.ready.push(batch)
    this.pump()
  }

  wantsWork(): boolean {
    return (
      this.readyHead === this.ready.length &&
      (this.unclaimed === 0 || this.workers.length < this.size)
    )
  }

  async close(): Promise<void> {
    this.closed = true
    const workers = this.workers.splice(0)
    await Promise.all(workers.map(worker => worker.terminate()))
  }

  private pump(): void {
    while (!this.closed && this.readyHead < this.ready.length) {
      if (this.unclaimed >= UNCLAIMED_BATCHES) return
      // Work is waiting while the workers have some: another worker would take it.
      if (this.unclaimed > 0 && this.workers.length < this.size) this.startWorker()
      const { id, text, length } = this.ready[this.readyHead++]
      // A claim cursor, then the batch's text.
      const shared = new SharedArrayBuffer(4 + length)
      const batch = { text: new Uint8Array(shared, 4), recipients: this.workers.length, replies: 0 }
      this.sent.set(id, batch)
      this.unclaimed++
      for (const worker of this.workers) worker.postMessage({ id, text, shared })
    }
    if (this.readyHead > 1024 && this.readyHead === this.ready.length) {
      this.ready = []
      this.readyHead = 0
    }
  }

  private receive(reply: WorkerReply): void {
    if (reply.failure) {
      this.fail(batchError(reply.failure))
      return
    }
    const batch = this.sent.get(reply.id) as SentBatch
    // The first reply means every entry is claimed: the batch no longer feeds any worker.
    if (batch.replies++ === 0) this.unclaimed--
    if (batch.replies === batch.recipients) {
      this.sent.delete(reply.id)
      this.sink.resolve(reply.id, batch.text)
    }
    this.pump()
  }

  private startWorker(): void {
    // No inherited flags: a loader such as tsx or --input-type would only slow or break the worker.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] })
    worker.on('message', (reply: WorkerReply) => {
      if (!this.closed) this.receive(reply)
    })
    worker.on('error', error => {
      this.fail(new Error(`A file hashing worker failed: ${error.message}`))
    })
    worker.on('exit', code => {
      this.fail(new Error(`A file hashing worker stopped unexpectedly (exit code ${code})`))
    })
    this.workers.push(worker)
  }

  private fail(error: Error): void {
    if (this.closed) return
    this.sink.fail(error)
  }
}

import { Worker } from 'node:worker_threads'
import { READ_CHUNK_BYTES, describeFileError, displayPath } from './file.js'

/** Where a file's content hash goes once known; errors are surfaced by the owner of the slot. */
export interface ContentSink {
  resolve(hex: string): void
  reject(error: Error): void
}

/** Hashes file contents off the main thread; results are delivered to each file's sink. */
export interface ContentHashing {
  submit(path: Buffer, sink: ContentSink): void
  /** Sends a partly filled batch now; called when the walk is about to wait on I/O or on room. */
  flush(): void
  close(): Promise<void>
}

// Inline source so the bundled action needs no separate worker file; it loads built-ins in a way
// that works whether Node runs it as CommonJS or as a module. Synchronous reads are right here:
// the worker does nothing else, and each worker holds at most one open file.
const WORKER_SOURCE = `
const load = typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule : require
const { parentPort } = load('node:worker_threads')
const fs = load('node:fs')
const crypto = load('node:crypto')
const { Buffer } = load('node:buffer')
const CHUNK = ${READ_CHUNK_BYTES}
const FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK || 0)
const buffer = Buffer.allocUnsafe(CHUNK)
function hashFile(path) {
  const fd = fs.openSync(path, FLAGS)
  try {
    if (!fs.fstatSync(fd).isFile()) {
      const error = new Error('not a regular file')
      error.code = 'ENOTREGULAR'
      throw error
    }
    const hash = crypto.createHash('sha256')
    for (;;) {
      const bytesRead = fs.readSync(fd, buffer, 0, CHUNK, null)
      if (bytesRead === 0) return hash.digest('hex')
      hash.update(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead))
    }
  } finally {
    fs.closeSync(fd)
  }
}
parentPort.on('message', ({ id, paths }) => {
  const packed = Buffer.from(paths.buffer, paths.byteOffset, paths.byteLength)
  const results = []
  for (let start = 0; start < packed.length; ) {
    let end = packed.indexOf(0, start)
    if (end === -1) end = packed.length
    try {
      results.push(hashFile(packed.subarray(start, end)))
    } catch (error) {
      results.push({ code: error.code, message: error.message })
      break
    }
    start = end + 1
  }
  parentPort.postMessage({ id, results })
})
`

// Enough files per message that messaging costs little, few enough that workers stay balanced.
const BATCH_FILES = 64
// Two batches per worker: one being hashed, one waiting, so a worker never idles on a reply.
const BATCHES_IN_FLIGHT = 2
const NUL = Buffer.from([0])

interface Batch {
  id: number
  paths: Buffer[]
  sinks: ContentSink[]
}

interface PoolWorker {
  worker: Worker
  inFlight: number
}

type WorkerResult = string | { code?: string; message: string }

/** A small pool of worker threads, started on demand up to `size`, fed batches of file paths. */
export class WorkerPoolHashing implements ContentHashing {
  private readonly workers: PoolWorker[] = []
  private readonly ready: Batch[] = []
  private readonly inFlight = new Map<number, Batch>()
  private current: Batch
  private nextId = 0
  private closed = false

  constructor(
    private readonly size: number,
    private readonly onFailure: (error: Error) => void
  ) {
    this.current = this.newBatch()
  }

  submit(path: Buffer, sink: ContentSink): void {
    this.current.paths.push(path)
    this.current.sinks.push(sink)
    if (this.current.paths.length >= BATCH_FILES) {
      this.ready.push(this.current)
      this.current = this.newBatch()
    }
    this.pump()
  }

  flush(): void {
    if (this.current.paths.length > 0) {
      this.ready.push(this.current)
      this.current = this.newBatch()
    }
    this.pump()
  }

  /** Sends a partial batch only when a worker would otherwise sit idle. */
  flushIfIdle(): void {
    if (this.ready.length === 0 && this.current.paths.length > 0 && this.hasIdleCapacity()) {
      this.flush()
    }
  }

  async close(): Promise<void> {
    this.closed = true
    const workers = this.workers.splice(0)
    await Promise.all(workers.map(({ worker }) => worker.terminate()))
  }

  private hasIdleCapacity(): boolean {
    return this.workers.length < this.size || this.workers.some(({ inFlight }) => inFlight === 0)
  }

  private newBatch(): Batch {
    return { id: this.nextId++, paths: [], sinks: [] }
  }

  private pump(): void {
    while (!this.closed && this.ready.length > 0) {
      const target = this.pickWorker()
      if (!target) return
      const batch = this.ready.shift() as Batch
      this.inFlight.set(batch.id, batch)
      target.inFlight++
      const packed = Buffer.concat(
        batch.paths.flatMap((path, i) => (i === 0 ? [path] : [NUL, path]))
      )
      target.worker.postMessage({ id: batch.id, paths: packed })
    }
  }

  private pickWorker(): PoolWorker | undefined {
    let best: PoolWorker | undefined
    for (const candidate of this.workers) {
      if (candidate.inFlight < BATCHES_IN_FLIGHT && (!best || candidate.inFlight < best.inFlight)) {
        best = candidate
      }
    }
    if (best && best.inFlight === 0) return best
    if (this.workers.length < this.size) return this.startWorker()
    return best
  }

  private startWorker(): PoolWorker {
    // No inherited flags: a loader such as tsx or --input-type would only slow or break the worker.
    const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] })
    const entry: PoolWorker = { worker, inFlight: 0 }
    worker.on('message', (message: { id: number; results: WorkerResult[] }) => {
      entry.inFlight--
      this.deliver(message.id, message.results)
      this.pump()
    })
    worker.on('error', error => {
      this.onFailure(new Error(`A file hashing worker failed: ${error.message}`))
    })
    worker.on('exit', code => {
      if (!this.closed) {
        this.onFailure(new Error(`A file hashing worker stopped unexpectedly (exit code ${code})`))
      }
    })
    this.workers.push(entry)
    return entry
  }

  private deliver(id: number, results: WorkerResult[]): void {
    const batch = this.inFlight.get(id)
    if (!batch) return
    this.inFlight.delete(id)
    results.forEach((result, i) => {
      if (typeof result === 'string') {
        batch.sinks[i].resolve(result)
      } else {
        batch.sinks[i].reject(workerError(result, batch.paths[i]))
      }
    })
  }
}

function workerError(result: { code?: string; message: string }, path: Buffer): Error {
  if (result.code === 'ENOTREGULAR') {
    return new Error(
      `Cannot fingerprint '${displayPath(path)}': it is not a regular file (a FIFO, socket or device?)`
    )
  }
  return describeFileError(Object.assign(new Error(result.message), { code: result.code }), path)
}

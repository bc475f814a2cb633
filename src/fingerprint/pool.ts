import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { ITEM_CONTENT, HEX_LENGTH, batchError, entryPath, parseBatch } from './batch.js'
import { displayPath } from './file.js'
import type { HashReply, HashRequest, HashWorkerData } from './hash-worker.js'

/** The input that sets the pool's deadline, named in the error when it passes. */
const TIMEOUT_INPUT = 'fingerprint-timeout'

export interface HashPoolOptions {
  /** Worker threads; one per core by default. */
  size?: number
  /** Seconds all hashing through the pool may take, counted from its creation; none by default. */
  timeoutSeconds?: number
}

/** One artifact's hashing: its batches, and where failures of any of them go. */
export interface HashJob {
  /**
   * Hashes a batch's text (see batch.ts) of `length` characters of digest text; `deliver` gets it
   * in memory the pool reuses once `deliver` returns: keep a copy, never the array itself.
   */
  submit(text: string, length: number, deliver: (text: Uint8Array) => void): void
  /** The directory the job is listing now, named if the deadline passes meanwhile (latin1). */
  listing(path: string | undefined): void
  /** The job sends nothing more; the pool forgets it. */
  end(): void
}

interface JobState {
  fail(error: Error): void
  failed: boolean
  listing: string | undefined
}

interface PoolBatch {
  id: number
  text: string
  length: number
  job: JobState
  deliver: (text: Uint8Array) => void
}

interface SentBatch extends PoolBatch {
  shared: SharedArrayBuffer
  output: Uint8Array
  recipients: number
  replies: number
}

interface PoolWorker {
  worker: Worker
  /** The batch id and entry index the worker is reading, the index -1 when none. */
  progress: Int32Array
  /** Batches sent to it and not replied to: it keeps the process alive only while it has some. */
  outstanding: number
}

// Batches sent ahead of their claims, so a worker finds the next one queued when it runs dry.
const UNCLAIMED_BATCHES = 16
// Room for a claim cursor and the digest text of 512 files (a full directory batch): nearly every
// batch fits, so the few buffers in flight serve the whole run.
const SHARED_BYTES = 4 + 512 * 2 * HEX_LENGTH
// Spare buffers kept: more than are ever in flight at once (UNCLAIMED_BATCHES and those finishing).
const MAX_SPARE_BUFFERS = 2 * UNCLAIMED_BATCHES
// A worker's young generation: its garbage is per entry and short-lived, so a small one collects it
// as well as V8's default of tens of MB, which every worker would otherwise grow to on a big tree.
const WORKER_YOUNG_GENERATION_MB = 4
// The longest delay a Node timer holds.
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The threads that hash file contents, shared by every artifact of a run: one engine for a file
 * artifact and for directories, whatever the concurrency. Workers start on the first job, all at
 * once, and every batch goes to every worker, which claim its entries one by one through a shared
 * cursor: a directory of two files is hashed on two cores, and a worker held up by a large file
 * never holds up work the others could do. With `timeoutSeconds`, every job fails once that
 * deadline passes, naming what was being read.
 */
export class HashPool {
  readonly size: number
  private workers: PoolWorker[] = []
  private readonly jobs = new Set<JobState>()
  private readonly sent = new Map<number, SentBatch>()
  // Output memory of finished batches, reused: shared memory is freed only once every thread has
  // collected its handle to it, which on a long walk lags far behind, holding tens of MB.
  private spare: SharedArrayBuffer[] = []
  private ready: PoolBatch[] = []
  private readyHead = 0
  // Batches sent that no worker has finished claiming yet.
  private unclaimed = 0
  private nextId = 0
  private stopped: Error | undefined
  private readonly timer: NodeJS.Timeout | undefined

  constructor(options: HashPoolOptions = {}) {
    this.size = options.size ?? availableParallelism()
    if (!Number.isInteger(this.size) || this.size < 1) {
      throw new Error(
        `Directory fingerprint concurrency must be a whole number of 1 or more, got ${this.size}`
      )
    }
    const seconds = options.timeoutSeconds
    if (seconds !== undefined) {
      this.timer = setTimeout(() => this.expire(seconds), Math.min(seconds * 1000, MAX_TIMER_MS))
      // Outstanding work keeps the process alive; the deadline alone does not.
      this.timer.unref()
    }
  }

  /** Starts a job; a failure of any of its batches, or of the pool, goes to `fail` once. */
  job(fail: (error: Error) => void): HashJob {
    if (this.stopped) throw this.stopped
    const state: JobState = { fail, failed: false, listing: undefined }
    this.jobs.add(state)
    this.startWorkers()
    return {
      submit: (text, length, deliver) => {
        if (state.failed || this.stopped) return
        this.ready.push({ id: this.nextId++, text, length, job: state, deliver })
        this.pump()
      },
      listing: path => {
        state.listing = path
      },
      end: () => {
        this.jobs.delete(state)
      }
    }
  }

  /** True when a worker would idle without more work: a walk then sends a partial batch. */
  wantsWork(): boolean {
    return this.readyHead === this.ready.length && this.unclaimed === 0
  }

  /**
   * Stops the workers and the deadline; jobs still running fail. It does not wait for the threads
   * to end: one stuck in a read that never returns (a stalled mount) ends only when the read does.
   */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.stopped ??= new Error('Fingerprinting was stopped: the hashing pool is closed')
    this.reset(this.stopped)
  }

  private startWorkers(): void {
    if (this.workers.length > 0) return
    for (let i = 0; i < this.size; i++) this.workers.push(this.startWorker())
  }

  private startWorker(): PoolWorker {
    const progress = new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)
    const pooled: PoolWorker = {
      worker: spawnHashWorker({ progress }),
      progress: new Int32Array(progress).fill(-1),
      outstanding: 0
    }
    const { worker } = pooled
    worker.unref()
    worker.on('message', (reply: HashReply) => {
      if (this.workers.includes(pooled)) this.receive(pooled, reply)
    })
    worker.on('error', error => {
      this.crash(pooled, new Error(`A file hashing worker failed: ${error.message}`))
    })
    worker.on('exit', code => {
      this.crash(
        pooled,
        new Error(`A file hashing worker stopped unexpectedly (exit code ${code})`)
      )
    })
    return pooled
  }

  private pump(): void {
    while (this.readyHead < this.ready.length && this.unclaimed < UNCLAIMED_BATCHES) {
      const batch = this.ready[this.readyHead++]
      if (batch.job.failed) continue
      // A claim cursor, then the batch's text.
      const shared = this.takeShared(4 + batch.length)
      const output = new Uint8Array(shared, 4, batch.length)
      this.sent.set(batch.id, {
        ...batch,
        shared,
        output,
        recipients: this.workers.length,
        replies: 0
      })
      this.unclaimed++
      const request: HashRequest = { id: batch.id, text: batch.text, shared }
      for (const pooled of this.workers) {
        if (pooled.outstanding++ === 0) pooled.worker.ref()
        pooled.worker.postMessage(request)
      }
    }
    if (this.readyHead > 1024 && this.readyHead === this.ready.length) {
      this.ready = []
      this.readyHead = 0
    }
  }

  private receive(pooled: PoolWorker, reply: HashReply): void {
    if (--pooled.outstanding === 0) pooled.worker.unref()
    const batch = this.sent.get(reply.id)
    if (!batch) return
    if (reply.failure) failJob(batch.job, batchError(reply.failure))
    // The first reply means every entry is claimed: the batch no longer feeds any worker.
    if (batch.replies++ === 0) this.unclaimed--
    if (batch.replies === batch.recipients) {
      this.sent.delete(reply.id)
      try {
        if (!batch.job.failed) batch.deliver(batch.output)
      } finally {
        // Every worker is done with it and `deliver` has returned: nothing reads it any more.
        if (this.spare.length < MAX_SPARE_BUFFERS) this.spare.push(batch.shared)
      }
    }
    this.pump()
  }

  /** Memory for a batch of `bytes` (cursor and text), its cursor at 0: a spare one if it fits. */
  private takeShared(bytes: number): SharedArrayBuffer {
    const index = this.spare.findIndex(shared => shared.byteLength >= bytes)
    if (index === -1) return new SharedArrayBuffer(Math.max(bytes, SHARED_BYTES))
    const [shared] = this.spare.splice(index, 1)
    Atomics.store(new Int32Array(shared, 0, 1), 0, 0)
    return shared
  }

  private crash(pooled: PoolWorker, error: Error): void {
    // A worker the pool stopped on purpose, or one whose failure was handled already.
    if (!this.workers.includes(pooled)) return
    this.reset(error)
  }

  /** Fails every job and stops the workers; a later job (unless stopped) starts fresh ones. */
  private reset(error: Error): void {
    const workers = this.workers
    this.workers = []
    // Unfinished batches' memory is dropped, not reused: a stopping worker may still write to it.
    this.sent.clear()
    this.ready = []
    this.readyHead = 0
    this.unclaimed = 0
    for (const job of this.jobs) failJob(job, error)
    this.jobs.clear()
    for (const { worker } of workers) {
      // Stopped workers never keep the process alive, even one that cannot stop yet.
      worker.unref()
      void worker.terminate()
    }
  }

  private expire(seconds: number): void {
    if (this.stopped) return
    this.stopped = new Error(
      `Fingerprinting did not finish within ${TIMEOUT_INPUT} (${seconds} s)${this.reading()}. ` +
        'If that path should not be fingerprinted (a file in /proc or on a stalled mount can ' +
        `read without end), exclude it; if the build output is just large, raise ${TIMEOUT_INPUT}`
    )
    this.reset(this.stopped)
  }

  /** What the workers are reading now, or else the directories the walks are listing. */
  private reading(): string {
    const files: string[] = []
    for (const { progress } of this.workers) {
      const index = Atomics.load(progress, 1)
      const batch = index < 0 ? undefined : this.sent.get(Atomics.load(progress, 0))
      const entry = batch && parseBatch(batch.text)[index]
      if (entry) files.push(entryPath(entry))
    }
    const paths = files.length > 0 ? files : [...this.jobs].flatMap(job => job.listing ?? [])
    if (paths.length === 0) return ''
    const shown = [...new Set(paths)].map(path => `'${displayPath(Buffer.from(path, 'latin1'))}'`)
    return `: it was still reading ${shown.join(' and ')}`
  }
}

function failJob(job: JobState, error: Error): void {
  if (job.failed) return
  job.failed = true
  job.fail(error)
}

/** A batch text that hashes one file's contents (a C item): 64 characters of digest text. */
export function contentBatch(path: string): { text: string; length: number } {
  return { text: `${ITEM_CONTENT}${Buffer.from(path).toString('latin1')}\0`, length: HEX_LENGTH }
}

/**
 * SHA-256 of a file's bytes as 64 lowercase hex; a symlink is followed. Hashed in `pool`, or in a
 * pool of one worker started for it.
 */
export async function fingerprintFile(path: string, pool?: HashPool): Promise<string> {
  const own = pool ? undefined : new HashPool({ size: 1 })
  let job: HashJob | undefined
  try {
    return await new Promise<string>((resolve, reject) => {
      job = (pool ?? (own as HashPool)).job(reject)
      const { text, length } = contentBatch(path)
      job.submit(text, length, output => resolve(Buffer.from(output).toString('latin1')))
    })
  } finally {
    job?.end()
    await own?.close()
  }
}

/**
 * Starts a hash worker. The bundle carries it as its own file next to index.js. From source
 * (tests, tsx), the TypeScript worker is compiled once per process with esbuild, the compiler tsx
 * runs on: compiling it in every new thread would cost more than the thread itself.
 */
function spawnHashWorker(workerData: HashWorkerData): Worker {
  const here = import.meta.url
  // No inherited flags: a loader or --input-type would only slow or break the worker.
  const options = {
    execArgv: [],
    workerData,
    resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB }
  }
  // A loader may add a query to the module's URL (local-action's does): look at the path alone.
  if (!new URL(here).pathname.endsWith('.ts')) {
    return new Worker(new URL(BUNDLED_WORKER, here), options)
  }
  workerSource ??= compileWorker(here)
  return new Worker(workerSource, { ...options, eval: true })
}

/** The bundled worker's file, relative to the bundle's index.js (see the bundle script). */
const BUNDLED_WORKER = './hash-worker/index.js'

let workerSource: string | undefined

interface Esbuild {
  buildSync(options: Record<string, unknown>): { outputFiles: { text: string }[] }
}

/** hash-worker.ts and what it imports, as one script in a function scope (an eval'd worker's form). */
function compileWorker(here: string): string {
  // Resolved at run time: only the source tree has esbuild (through tsx), never the bundle.
  const esbuild = createRequire(here)('esbuild') as Esbuild
  const result = esbuild.buildSync({
    entryPoints: [fileURLToPath(new URL('hash-worker.ts', here))],
    bundle: true,
    platform: 'node',
    format: 'iife',
    target: 'node20',
    write: false,
    logLevel: 'silent'
  })
  return result.outputFiles[0].text
}

// A file hashing thread of the pool (pool.ts). Each batch arrives at every worker; the workers
// claim its entries one at a time through a shared cursor and write their digest text in place.
import { parentPort, workerData } from 'node:worker_threads'
import {
  HEX_LENGTH,
  ITEM_CONTENT,
  ITEM_DIRECTORY,
  ITEM_TEXT,
  BatchReader,
  entryPath,
  type BatchFailure
} from './batch.js'
import { FileHasher, sha256Hex } from './file.js'

/** What the pool sends: a batch's text and its memory (a claim cursor, then the text). */
export interface HashRequest {
  id: number
  text: string
  shared: SharedArrayBuffer
}

/** The reply once this worker has no more entries of the batch to claim. */
export interface HashReply {
  id: number
  failure?: BatchFailure
}

/** Given at start: where this worker shows the batch and entry it is reading (-1 when none). */
export interface HashWorkerData {
  progress: SharedArrayBuffer
}

const port = parentPort
if (!port) throw new Error('hash-worker runs as a worker thread only')
const progress = new Int32Array((workerData as HashWorkerData).progress)
const hasher = new FileHasher()
const queue: HashRequest[] = []
let draining = false

port.on('message', (request: HashRequest) => {
  queue.push(request)
  if (!draining) void drain()
})

// One batch at a time: the hasher's buffers serve one file at a time.
async function drain(): Promise<void> {
  draining = true
  for (let request = queue.shift(); request; request = queue.shift()) {
    port?.postMessage(await hashBatch(request))
  }
  draining = false
}

// Past any batch's last entry: a failed worker claims everything left at once.
const ALL_CLAIMED = 2 ** 30

// Names and paths are turned into bytes here, one at a time: a Buffer per file would take
// memory outside the heap, which is given back only as the collector gets to it.
let scratch = Buffer.allocUnsafe(4096)

/** The bytes of a latin1 string (one byte per character), valid until the next call. */
function latin1Bytes(text: string): Buffer {
  if (text.length > scratch.length) scratch = Buffer.allocUnsafe(2 * text.length)
  return scratch.subarray(0, scratch.write(text, 0, 'latin1'))
}

async function hashBatch({ id, text, shared }: HashRequest): Promise<HashReply> {
  const reader = new BatchReader(text)
  const cursor = new Int32Array(shared, 0, 1)
  const output = Buffer.from(shared, 4)
  let path = ''
  try {
    for (let i = Atomics.add(cursor, 0, 1); ; i = Atomics.add(cursor, 0, 1)) {
      const entry = reader.entry(i)
      if (!entry) break
      const { kind, payload, offset } = entry
      if (kind === ITEM_TEXT) {
        output.write(payload, offset, 'latin1')
        continue
      }
      if (kind === ITEM_DIRECTORY) {
        output.write(sha256Hex(latin1Bytes(payload)), offset, 'latin1')
        continue
      }
      path = entryPath(entry)
      Atomics.store(progress, 0, id)
      Atomics.store(progress, 1, i)
      const contents = await hasher.hash(latin1Bytes(path))
      Atomics.store(progress, 1, -1)
      if (kind === ITEM_CONTENT) {
        output.write(contents, offset, 'latin1')
      } else {
        output.write(sha256Hex(latin1Bytes(payload)), offset, 'latin1')
        output.write(contents, offset + HEX_LENGTH, 'latin1')
      }
    }
  } catch (error) {
    Atomics.store(progress, 1, -1)
    // The batch fails as a whole: claim what is left so the other workers stop early too.
    Atomics.store(cursor, 0, ALL_CLAIMED)
    const { code, message } = error as NodeJS.ErrnoException
    return { id, failure: { path, code, message: message ?? String(error) } }
  }
  return { id }
}

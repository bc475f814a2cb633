// Deterministic bench data: the same seed gives the same bytes on every run and machine.
import { closeSync, openSync, readSync } from 'node:fs'
import { mkdir, open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

const KiB = 1024
const MiB = 1024 * KiB

/** xorshift32: tiny, fast, and good enough for sizes and filler bytes. */
export class Prng {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9
  }

  next(): number {
    let x = this.state
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    this.state = x >>> 0
    return this.state
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + (this.next() % (max - min + 1))
  }

  bytes(length: number): Buffer {
    const words = new Uint32Array(Math.ceil(length / 4))
    for (let i = 0; i < words.length; i++) words[i] = this.next()
    return Buffer.from(words.buffer, 0, length)
  }
}

/** Runs `fn` over 0..count-1 with at most `limit` calls in flight. */
export async function forEachLimit(
  count: number,
  limit: number,
  fn: (index: number) => Promise<unknown>
): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count) await fn(next++)
  }
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker))
}

/** A file of `bytes` pseudo-random bytes, written in 16 MiB chunks that each differ. */
export async function writeBigFile(path: string, bytes: number, seed = 1): Promise<void> {
  const chunk = new Prng(seed).bytes(16 * MiB)
  const handle = await open(path, 'w')
  try {
    for (let offset = 0; offset < bytes; offset += chunk.length) {
      chunk.writeUInt32LE(offset / chunk.length, 0)
      const length = Math.min(chunk.length, bytes - offset)
      await handle.write(chunk, 0, length, offset)
    }
  } finally {
    await handle.close()
  }
}

/** Reads a file once so that the timed runs hash it from the page cache. */
export function readThrough(path: string): void {
  const fd = openSync(path, 'r')
  const buffer = Buffer.allocUnsafe(8 * MiB)
  try {
    while (readSync(fd, buffer, 0, buffer.length, null) > 0) {
      // Only the page cache matters.
    }
  } finally {
    closeSync(fd)
  }
}

export interface TreeShape {
  /** Directories per level, outermost first; files go in the innermost ones. */
  dirs: number[]
  filesPerDir: number
  minBytes: number
  maxBytes: number
}

/** 20 × 10 directories of 100 files of 1–64 KiB: 20,000 files, about 650 MB. */
export const MIXED_TREE: TreeShape = {
  dirs: [20, 10],
  filesPerDir: 100,
  minBytes: KiB,
  maxBytes: 64 * KiB
}

export function treeFileCount(shape: TreeShape): number {
  return shape.dirs.reduce((product, n) => product * n, 1) * shape.filesPerDir
}

/**
 * Builds the tree under `root` and returns its total size. Each file's size and contents come
 * from the seed: a slice of a shared pseudo-random pool at a pseudo-random offset, stamped with
 * the file's number so no two files are alike.
 */
export async function writeTree(root: string, shape: TreeShape, seed = 2): Promise<number> {
  const prng = new Prng(seed)
  const pool = prng.bytes(4 * MiB + shape.maxBytes)
  const leaves: string[] = []
  const expand = (prefix: string, level: number): void => {
    if (level === shape.dirs.length) {
      leaves.push(prefix)
      return
    }
    for (let i = 0; i < shape.dirs[level]; i++) {
      expand(join(prefix, `d${level}-${String(i).padStart(3, '0')}`), level + 1)
    }
  }
  expand(root, 0)
  await forEachLimit(leaves.length, 16, index => mkdir(leaves[index], { recursive: true }))

  const files = leaves.flatMap((dir, d) =>
    Array.from({ length: shape.filesPerDir }, (_, f) => {
      const size = prng.between(shape.minBytes, shape.maxBytes)
      const offset = prng.between(0, pool.length - size)
      return { path: join(dir, `f${String(f).padStart(4, '0')}.bin`), size, offset, n: d * 1e6 + f }
    })
  )
  let total = 0
  await forEachLimit(files.length, 64, async index => {
    const { path, size, offset, n } = files[index]
    const content = Buffer.from(pool.subarray(offset, offset + size))
    const stamp = Buffer.from(`${n}:`)
    stamp.copy(content, 0, 0, Math.min(stamp.length, size))
    total += size
    await writeFile(path, content)
  })
  return total
}

/** `count` files of a few bytes each under `root`, `perDir` to a directory. */
export async function writeTinyTree(root: string, count: number, perDir: number): Promise<void> {
  const dirs = Math.ceil(count / perDir)
  await forEachLimit(dirs, 16, index =>
    mkdir(join(root, `t${String(index).padStart(4, '0')}`), { recursive: true })
  )
  await forEachLimit(count, 64, index => {
    const dir = `t${String(Math.floor(index / perDir)).padStart(4, '0')}`
    return writeFile(
      join(root, dir, `f${String(index % perDir).padStart(5, '0')}.txt`),
      `${index}\n`
    )
  })
}

/** `count` small files named artifact-NNNNN.bin directly in `dir`, for a glob of artifacts. */
export async function writeArtifacts(dir: string, count: number): Promise<void> {
  await mkdir(dir, { recursive: true })
  const prng = new Prng(3)
  const body = prng.bytes(KiB)
  await forEachLimit(count, 64, index => {
    const content = Buffer.from(body)
    content.writeUInt32LE(index, 0)
    return writeFile(join(dir, `artifact-${String(index).padStart(5, '0')}.bin`), content)
  })
}

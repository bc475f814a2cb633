import { afterAll, describe, it, expect } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { BatchBuilder, BatchReader, parseBatch, type Batch } from '../../src/fingerprint/batch.js'
import { listDirectory } from '../../src/fingerprint/directory.js'
import { isLastRead } from '../../src/fingerprint/file.js'
import { HashPool, contentBatch, fingerprintFile } from '../../src/fingerprint/pool.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-batch-'))

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex')

/** A latin1 string of the bytes of `text` (UTF-8), as the walk holds names and paths. */
const latin1 = (text: string): string => Buffer.from(text).toString('latin1')

function batchesOf(maxEntries: number, fill: (builder: BatchBuilder) => void): Batch[] {
  const batches: Batch[] = []
  const builder = new BatchBuilder(maxEntries, batch => batches.push(batch))
  fill(builder)
  builder.flush()
  return batches
}

/** Hashes `batches` as one job of `pool` and returns each batch's text by id, or the error. */
function hashJob(pool: HashPool, batches: Batch[]): Promise<string[]> {
  return new Promise<string[]>((resolve, reject) => {
    const texts: string[] = []
    let left = batches.length
    const job = pool.job(reject)
    for (const batch of batches) {
      job.submit(batch.text, batch.length, text => {
        expect(texts[batch.id]).toBeUndefined()
        texts[batch.id] = Buffer.from(text).toString('latin1')
        if (--left === 0) {
          job.end()
          resolve(texts)
        }
      })
    }
  })
}

/** Hashes `batches` in a fresh pool of `size` workers. */
async function hashAll(size: number, batches: Batch[]): Promise<string[]> {
  const pool = new HashPool({ size })
  try {
    return await hashJob(pool, batches)
  } finally {
    await pool.close()
  }
}

const hashers: [string, number][] = [
  ['a pool of one', 1],
  ['two workers', 2],
  ['three workers', 3]
]

describe('BatchBuilder', () => {
  it('packs entries, starts every batch with the directory its files are in, and counts', () => {
    const batches = batchesOf(3, builder => {
      builder.directory('sub')
      builder.file('/r/sub/', 'a')
      builder.file('/r/sub/', 'b')
      builder.file('/r/sub/', 'c')
      builder.literal('x'.repeat(128))
      builder.file('/r/other/', 'd')
    })
    expect(batches).toEqual([
      { id: 0, text: 'Dsub\0P/r/sub/\0Fa\0Fb\0', entries: 3, length: 64 + 128 + 128 },
      {
        id: 1,
        text: `P/r/sub/\0Fc\0T${'x'.repeat(128)}\0P/r/other/\0Fd\0`,
        entries: 3,
        length: 384
      }
    ])
  })

  it('sends nothing for an empty flush', () => {
    expect(batchesOf(10, builder => builder.flush())).toEqual([])
  })

  it('keeps every byte of names and paths longer than its starting room', () => {
    const longPrefix = `/${'\u00ff'.repeat(70_000)}/`
    const longName = `${'\u0080'.repeat(100_000)}\u00e9`
    const [first, second] = batchesOf(1, builder => {
      builder.file(longPrefix, longName)
      builder.file('/r/', 'short')
    })
    expect(first.text).toBe(`P${longPrefix}\0F${longName}\0`)
    expect(second.text).toBe('P/r/\0Fshort\0')
  })
})

describe('BatchReader', () => {
  it('reads entries by rising index, skipping the others, like parseBatch', () => {
    const [batch] = batchesOf(10, builder => {
      builder.directory('d')
      builder.file('/r/d/', 'a')
      builder.literal('t'.repeat(128))
      builder.file('/r/e/', 'b')
      builder.file('/r/e/', 'c')
    })
    const all = parseBatch(batch.text)
    expect(all.map(entry => entry.offset)).toEqual([0, 64, 192, 320, 448])
    const reader = new BatchReader(batch.text)
    expect(reader.entry(1)).toEqual(all[1])
    expect(reader.entry(3)).toEqual({ kind: 'F', payload: 'b', prefix: '/r/e/', offset: 320 })
    expect(reader.entry(4)).toEqual(all[4])
    expect(reader.entry(5)).toBeUndefined()
    expect(new BatchReader(batch.text).entry(7)).toBeUndefined()
  })
})

describe('hashing batches', () => {
  const root = path.join(dir, 'tree')
  const names = ['plain.txt', 'caf\u00e9', '\u{1F600}', 'empty']
  const contents = ['plain', 'unicode', 'emoji', '']
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true })
  names.forEach((name, i) => fs.writeFileSync(path.join(root, 'sub', name), contents[i]))
  fs.symlinkSync('plain.txt', path.join(root, 'sub', 'link'))
  const prefix = latin1(`${root}/sub/`)
  const literal = sha256('dirlink') + sha256('../x')
  let fifos = 0

  it.each(hashers)(
    'gives the digest text of each batch, in entry order, on %s',
    async (_, size) => {
      const batches = batchesOf(4, builder => {
        builder.directory(latin1('sub'))
        for (const name of names) builder.file(prefix, latin1(name))
        builder.literal(literal)
        builder.file(prefix, 'link')
        builder.directory(latin1('\u{1F600}dir'))
      })
      const expected = [
        sha256('sub') +
          names
            .slice(0, 3)
            .map((name, i) => sha256(name) + sha256(contents[i]))
            .join(''),
        sha256('empty') +
          sha256('') +
          literal +
          sha256('link') +
          sha256('plain') +
          sha256('\u{1F600}dir')
      ]
      expect(batches.map(batch => batch.length)).toEqual(expected.map(text => text.length))
      await expect(hashAll(size, batches)).resolves.toEqual(expected)
    }
  )

  it.each(hashers)('hashes many batches, each delivered once, on %s', async (_, size) => {
    const batches = batchesOf(7, builder => {
      for (let i = 0; i < 200; i++) builder.file(prefix, latin1(names[i % names.length]))
    })
    const texts = await hashAll(size, batches)
    const all = Array.from(
      { length: 200 },
      (_, i) => sha256(names[i % names.length]) + sha256(contents[i % names.length])
    )
    expect(texts.join('')).toBe(all.join(''))
  })

  it.each(hashers)('names a file that vanished after the walk saw it, on %s', async (_, size) => {
    const batches = batchesOf(10, builder => {
      builder.file(prefix, 'plain.txt')
      builder.file(prefix, 'gone')
    })
    await expect(hashAll(size, batches)).rejects.toThrow(
      `Cannot fingerprint '${root}/sub/gone': no such file (or it is a broken symlink)`
    )
  })

  it.each(hashers)(
    'refuses a FIFO that took a file’s place, without blocking, on %s',
    async (_, size) => {
      const fifo = path.join(dir, `fifo-${++fifos}`)
      execFileSync('mkfifo', [fifo])
      const batches = batchesOf(10, builder => builder.file(latin1(`${dir}/`), path.basename(fifo)))
      await expect(hashAll(size, batches)).rejects.toThrow(
        `Cannot fingerprint '${fifo}': it is a FIFO (named pipe), not a regular file`
      )
    }
  )
})

describe('the shared pool', () => {
  const root = path.join(dir, 'shared')
  fs.mkdirSync(root, { recursive: true })
  fs.writeFileSync(path.join(root, 'a.txt'), 'this is non empty')
  const prefix = latin1(`${root}/`)
  const aEntry = sha256('a.txt') + sha256('this is non empty')

  it('hashes a file by its full path to the digest of its contents alone', async () => {
    const file = path.join(root, 'caf\u00e9.txt')
    fs.writeFileSync(file, 'this is non empty.')
    const batch = contentBatch(file)
    expect(parseBatch(batch.text)).toEqual([
      { kind: 'C', payload: latin1(file), prefix: '', offset: 0 }
    ])
    await expect(hashAll(1, [{ id: 0, entries: 1, ...batch }])).resolves.toEqual([
      'a50afcf37a327e0715b3148c2625bc28b3e4dcdf32b6cf78c8b8fa3ac1ebfe47'
    ])
  })

  it('fails only the job whose file failed; the other jobs and later ones go on', async () => {
    const pool = new HashPool({ size: 2 })
    try {
      const good = batchesOf(3, builder => {
        for (let i = 0; i < 10; i++) builder.file(prefix, 'a.txt')
      })
      const bad = batchesOf(3, builder => {
        builder.file(prefix, 'a.txt')
        builder.file(prefix, 'missing')
        builder.file(prefix, 'a.txt')
      })
      const [goodTexts, badResult] = await Promise.allSettled([
        hashJob(pool, good),
        hashJob(pool, bad)
      ])
      expect(goodTexts).toEqual({ status: 'fulfilled', value: expect.any(Array) })
      expect((goodTexts as PromiseFulfilledResult<string[]>).value.join('')).toBe(aEntry.repeat(10))
      expect(badResult).toEqual({
        status: 'rejected',
        reason: new Error(
          `Cannot fingerprint '${root}/missing': no such file (or it is a broken symlink)`
        )
      })
      await expect(hashJob(pool, good)).resolves.toEqual(
        good.map(batch => aEntry.repeat(batch.entries))
      )
    } finally {
      await pool.close()
    }
  })

  it('reuses the memory of finished batches for later ones', async () => {
    const pool = new HashPool({ size: 2 })
    const memory = new Set<ArrayBufferLike>()
    const texts: string[] = []
    try {
      const job = pool.job(error => {
        throw error
      })
      // Each batch is sent once the one before is delivered, as a walk that waits does.
      const next = (left: number, resolve: () => void): void => {
        if (left === 0) return resolve()
        const [batch] = batchesOf(4, builder => {
          for (let i = 0; i < 4; i++) builder.file(prefix, 'a.txt')
        })
        job.submit(batch.text, batch.length, text => {
          memory.add(text.buffer)
          texts.push(Buffer.from(text).toString('latin1'))
          next(left - 1, resolve)
        })
      }
      await new Promise<void>(resolve => next(20, resolve))
      job.end()
    } finally {
      await pool.close()
    }
    expect(texts).toEqual(Array(20).fill(aEntry.repeat(4)))
    expect(memory.size).toBeLessThanOrEqual(2)
  })

  it('refuses jobs once closed', async () => {
    const pool = new HashPool({ size: 1 })
    await pool.close()
    expect(() => pool.job(() => undefined)).toThrow(/the hashing pool is closed/)
  })
})

describe('the deadline', () => {
  // Reads as a regular file of size 0 that yields some 2 GB a second for minutes: it never ends
  // within a test, like a file on a stalled mount.
  const endless = '/proc/self/pagemap'
  const readable = (() => {
    try {
      fs.closeSync(fs.openSync(endless, 'r'))
      return true
    } catch {
      return false
    }
  })()
  const itEndless = readable ? it : it.skip

  itEndless('fails every job past it, naming each file the workers were reading', async () => {
    const root = path.join(dir, 'endless-two')
    fs.mkdirSync(root, { recursive: true })
    fs.symlinkSync(endless, path.join(root, 'one'))
    fs.symlinkSync(endless, path.join(root, 'two'))
    const prefix = latin1(`${root}/`)
    // Both entries fit in one batch: each of the two workers claims one.
    const batches = batchesOf(512, builder => {
      builder.file(prefix, 'one')
      builder.file(prefix, 'two')
    })
    const pool = new HashPool({ size: 2, timeoutSeconds: 3 })
    try {
      const error = await hashJob(pool, batches).then(
        () => new Error('no deadline'),
        (reason: Error) => reason
      )
      expect(error.message).toMatch(
        /^Fingerprinting did not finish within fingerprint-timeout \(3 s\): it was still reading '.*' and '.*'\. /
      )
      expect(error.message).toContain(`'${root}/one'`)
      expect(error.message).toContain(`'${root}/two'`)
      // A job started after the deadline fails at once, with the same error.
      expect(() => pool.job(() => undefined)).toThrow(error)
    } finally {
      await pool.close()
    }
  })

  itEndless('names a file artifact that reads without end', async () => {
    const pool = new HashPool({ size: 1, timeoutSeconds: 1 })
    try {
      await expect(fingerprintFile(endless, pool)).rejects.toThrow(
        `Fingerprinting did not finish within fingerprint-timeout (1 s): it was still reading '${endless}'`
      )
    } finally {
      await pool.close()
    }
  })
})

describe('listDirectory', () => {
  const root = path.join(dir, 'listing')
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true })
  fs.writeFileSync(path.join(root, 'caf\u00e9'), 'x')
  const expected = [
    ['caf\u00e9', false],
    ['sub', true]
  ]
  const shown = (entries: fs.Dirent<string>[]) =>
    entries
      .map(entry => [Buffer.from(entry.name, 'latin1').toString('utf8'), entry.isDirectory()])
      .sort()

  it('lists names as latin1 strings of their bytes, with their types', () => {
    expect(shown(listDirectory(Buffer.from(root)))).toEqual(expected)
  })

  it('lists by bytes where Node cannot give latin1 names (no entry types from the file system)', () => {
    const calls: string[] = []
    const list = ((target: Buffer, options: { encoding: 'latin1' | 'buffer' }) => {
      calls.push(options.encoding)
      if (options.encoding === 'latin1') {
        const error = Object.assign(new TypeError('The "path" argument must be of type string'), {
          code: 'ERR_INVALID_ARG_TYPE'
        })
        throw error
      }
      return fs.readdirSync(target, { withFileTypes: true, encoding: 'buffer' })
    }) as Parameters<typeof listDirectory>[1]
    expect(shown(listDirectory(Buffer.from(root), list))).toEqual(expected)
    expect(calls).toEqual(['latin1', 'buffer'])
  })

  it('passes other errors on', () => {
    expect(() => listDirectory(Buffer.from(path.join(root, 'missing')))).toThrow(
      expect.objectContaining({ code: 'ENOENT' })
    )
  })
})

describe('isLastRead', () => {
  it.each([
    [0, 8, 0, 0, true],
    [5, 8, 5, 5, true],
    [8, 8, 8, 8, false],
    [5, 8, 5, 0, false],
    [5, 8, 13, 20, false],
    [0, 8, 13, 20, true]
  ])('a read of %i of %i, %i in all, size %i: %s', (bytesRead, requested, total, size, last) => {
    expect(isLastRead(bytesRead, requested, total, size)).toBe(last)
  })
})

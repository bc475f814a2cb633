import { afterAll, describe, it, expect, jest } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { FileHasher, READ_CHUNK_BYTES } from '../../src/fingerprint/file.js'
import { fingerprintFile } from '../../src/fingerprint/index.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-file-'))

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name)
  fs.writeFileSync(file, content)
  return file
}

describe('fingerprintFile', () => {
  it.each([
    ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
    ['this is non empty', '1256d6510a6606ad61a4f6104243a291b18383b456d50205eba893b51e1807bc'],
    ['this is non empty.', 'a50afcf37a327e0715b3148c2625bc28b3e4dcdf32b6cf78c8b8fa3ac1ebfe47']
  ])('hashes %j to the digest Kosli computes', async (content, expected) => {
    await expect(fingerprintFile(write(`vector-${content.length}`, content))).resolves.toBe(
      expected
    )
  })

  it.each([
    ['exactly one chunk', 2 * 1024 * 1024],
    ['one byte over a chunk', 2 * 1024 * 1024 + 1],
    ['several chunks and a tail', 7 * 1024 * 1024 + 12345]
  ])('streams a file of %s', async (_name, size) => {
    const content = Buffer.alloc(size)
    for (let i = 0; i < size; i++) content[i] = (i * 7 + (i >> 13)) & 0xff
    const expected = createHash('sha256').update(content).digest('hex')
    await expect(fingerprintFile(write(`big-${size}`, content))).resolves.toBe(expected)
  })

  it('normalises nothing: line endings and a BOM count', async () => {
    const unix = await fingerprintFile(write('unix.txt', 'a\nb\n'))
    const windows = await fingerprintFile(write('windows.txt', 'a\r\nb\r\n'))
    const bom = await fingerprintFile(write('bom.txt', '\ufeffa\nb\n'))
    expect(new Set([unix, windows, bom]).size).toBe(3)
  })

  it('follows a symlink to a file', async () => {
    const target = write('target.txt', 'this is non empty')
    const link = path.join(dir, 'link.txt')
    fs.symlinkSync(target, link)
    await expect(fingerprintFile(link)).resolves.toBe(
      '1256d6510a6606ad61a4f6104243a291b18383b456d50205eba893b51e1807bc'
    )
  })

  it('names a missing file', async () => {
    const missing = path.join(dir, 'missing.bin')
    await expect(fingerprintFile(missing)).rejects.toThrow(
      `Cannot fingerprint '${missing}': no such file (or it is a broken symlink)`
    )
  })

  it('refuses a directory', async () => {
    await expect(fingerprintFile(dir)).rejects.toThrow(
      `Cannot fingerprint '${dir}': it is a directory, not a regular file`
    )
  })

  it('refuses a FIFO without blocking on it', async () => {
    const fifo = path.join(dir, 'pipe')
    execFileSync('mkfifo', [fifo])
    await expect(fingerprintFile(fifo)).rejects.toThrow(
      `Cannot fingerprint '${fifo}': it is a FIFO (named pipe), not a regular file`
    )
  })
})

describe('FileHasher', () => {
  it('hashes file after file through the same buffers, allocating none per file', async () => {
    const sizes = [0, 17, READ_CHUNK_BYTES, 3 * READ_CHUNK_BYTES + 5]
    const files = sizes.map((size, i) => {
      const content = Buffer.alloc(size)
      for (let j = 0; j < size; j++) content[j] = (j * 11 + i) & 0xff
      return {
        path: write(`reuse-${i}`, content),
        digest: createHash('sha256').update(content).digest('hex')
      }
    })
    const hasher = new FileHasher()
    const allocations = [
      jest.spyOn(Buffer, 'allocUnsafe'),
      jest.spyOn(Buffer, 'allocUnsafeSlow'),
      jest.spyOn(Buffer, 'alloc')
    ]
    try {
      for (const { path: file, digest } of [...files, ...files]) {
        await expect(hasher.hash(file)).resolves.toBe(digest)
      }
      const large = allocations.flatMap(spy => spy.mock.calls).filter(([size]) => size >= 4096)
      expect(large).toEqual([])
    } finally {
      for (const spy of allocations) spy.mockRestore()
    }
  })
})

// The one reader of the files the action is given: regular files only, never more than a limit.
// (A FIFO is tried end-to-end, in a child process with a time bound: see e2e/evidence-files.)
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FILE_LIMITS, FileReadError, bytesText, readRegularFile } from '../src/read-file.js'

describe('readRegularFile', () => {
  let dir: string
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'read-file-'))
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })
  const read = (path: string, limit = 100): Buffer =>
    readRegularFile(path, { input: 'results', what: 'JUnit file', limit })

  it('reads a regular file within the limit, exactly at it too', async () => {
    const file = join(dir, 'ok.xml')
    await writeFile(file, 'x'.repeat(100))
    expect(read(file).toString()).toBe('x'.repeat(100))
  })

  it('refuses a file over the limit before reading it, naming the input, the file and the limit', async () => {
    const file = join(dir, 'big.xml')
    await writeFile(file, 'x'.repeat(101))
    expect(() => read(file)).toThrow(
      new FileReadError(
        `results: the JUnit file '${file}' is 101 bytes, over the JUnit file limit of 100 bytes; give a smaller file.`
      )
    )
  })

  it('refuses a device, a directory and a /proc file, naming what each is', () => {
    expect(() => read('/dev/null')).toThrow(
      "results: the JUnit file '/dev/null' is a character device; give a regular file."
    )
    expect(() => read(dir)).toThrow(`results: the JUnit file '${dir}' is a directory`)
    // /proc/self/environ says it is empty and holds the environment: it is never read out.
    expect(() => read('/proc/self/environ', 1_000_000)).toThrow(
      "results: the JUnit file '/proc/self/environ' is not a regular file on disk"
    )
  })

  it('names a file that cannot be opened', () => {
    expect(() => read(join(dir, 'missing.xml'))).toThrow(/missing\.xml' cannot be read \(ENOENT\)/)
  })

  it('states the limits in bytes and MiB', () => {
    expect(bytesText(FILE_LIMITS.template)).toBe('1,048,576 bytes (1 MiB)')
    expect(bytesText(FILE_LIMITS.sarif)).toBe('52,428,800 bytes (50 MiB)')
  })
})

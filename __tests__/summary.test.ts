// The job summary every action writes: a summary that cannot be written is a warning, never a
// failed step (the evidence was recorded; the summary only tells a person about it).
import { afterAll, afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeInputSummary, writeJobSummary } from '../src/summary.js'

// @actions/core keeps the summary's path once it has read it: one path for the whole file.
const dir = mkdtempSync(join(tmpdir(), 'job-summary-'))
const file = join(dir, 'summary.md')
let written: string[]
const saved = process.env.GITHUB_STEP_SUMMARY

afterAll(() => rmSync(dir, { recursive: true, force: true }))

beforeEach(() => {
  rmSync(file, { recursive: true, force: true })
  writeFileSync(file, 'before\n')
  process.env.GITHUB_STEP_SUMMARY = file
  written = []
  jest.spyOn(process.stdout, 'write').mockImplementation(chunk => {
    written.push(String(chunk))
    return true
  })
})

afterEach(() => {
  jest.restoreAllMocks()
  if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY
  else process.env.GITHUB_STEP_SUMMARY = saved
})

/** The summary file made a directory: every append to it fails (EISDIR). */
function unwritable(): void {
  rmSync(file)
  mkdirSync(file)
}

describe('writeJobSummary', () => {
  it('appends to the job summary file', async () => {
    await writeJobSummary('**recorded**')
    expect(readFileSync(file, 'utf8')).toBe('before\n**recorded**\n')
    expect(written.join('')).toBe('')
  })

  it('does nothing without GITHUB_STEP_SUMMARY', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(writeJobSummary('**recorded**')).resolves.toBeUndefined()
    expect(written.join('')).toBe('')
  })

  it('warns, and does not throw, when the summary cannot be written', async () => {
    unwritable()
    await expect(writeJobSummary('**recorded**')).resolves.toBeUndefined()
    expect(written.join('')).toMatch(/^::warning::Could not write the job summary: .*EISDIR/m)
  })

  it('writes the input problems the same way', async () => {
    unwritable()
    await expect(writeInputSummary(["'org': given nothing"])).resolves.toBeUndefined()
    expect(written.join('')).toMatch(/^::warning::Could not write the job summary/m)
  })
})

// What each action loads before its first line runs: every module in an entry's static import
// closure is read and compiled on every run, dry runs included. The budget is 5 × `node -e 0` for a
// dry run with one GitHub read, and a library is worth its milliseconds within it; this guard
// names the packages each entry may load at start, so that a new one is a decision, not an accident.
// The rest load with `await import()` by the stages that need them (Octokit, the fingerprint
// engine, the OCI and docker clients, the YAML parser, ...).
import { describe, expect, it } from '@jest/globals'
import { packageOf, startupClosure } from '../test-support/startup-closure.js'

/** The runner protocol: @actions/core, and what it loads (its HTTP client on undici, exec). */
const RUNNER = ['@actions/core', '@actions/http-client', '@actions/exec', '@actions/io', 'tunnel']
/** Every request goes through undici (src/http/). */
const HTTP = ['undici']
/**
 * The evidence code the sub-actions import statically: zod for the answers and the evidence,
 * fast-xml-parser for JUnit, minimatch and nanotar for attachments.
 */
const EVIDENCE = [
  'zod',
  'fast-xml-parser',
  '@nodable/entities',
  'anynum',
  'is-unsafe',
  'path-expression-matcher',
  'strnum',
  'xml-naming',
  'minimatch',
  'balanced-match',
  'brace-expansion',
  'nanotar'
]

const ENTRIES: Array<[string, string, string[]]> = [
  ['src/index.ts', 'src/actions/main.ts', [...RUNNER, ...HTTP, 'zod']],
  ['src/attest-action.ts', 'src/actions/attest.ts', [...RUNNER, ...HTTP, ...EVIDENCE]],
  ['src/assert-action.ts', 'src/actions/assert.ts', [...RUNNER, ...HTTP, ...EVIDENCE]]
]

describe('the start-up closure of each entry', () => {
  it('sees a package that is imported statically', async () => {
    const closure = await startupClosure('src/kosli/schemas.ts')
    expect(closure.map(packageOf)).toContain('zod')
  })

  it('leaves out a package that is loaded with await import()', async () => {
    // src/github/octokit.ts loads @octokit/rest when a stage writes to GitHub.
    const packages = (await startupClosure('src/index.ts')).map(packageOf)
    expect(packages).not.toContain('@octokit/rest')
    expect(packages).not.toContain('@octokit/core')
  })

  it('the main action loads zod/mini for its inputs, never classic zod', async () => {
    const closure = await startupClosure('src/index.ts')
    expect(
      closure.filter(input => input.includes('node_modules/zod/v4/mini/')).length
    ).toBeGreaterThan(0)
    expect(closure.filter(input => input.includes('node_modules/zod/v4/classic/'))).toEqual([])
  })

  it.each(ENTRIES)(
    '%s loads its own code, @actions/core, and no package outside its list',
    async (entry, own, allowed) => {
      const closure = await startupClosure(entry)
      expect(closure).toContain(own)
      expect(closure).toContain('src/print.ts')
      const packages = [...new Set(closure.map(packageOf).filter(name => name !== undefined))]
      expect(packages).toContain('@actions/core')
      expect(packages.filter(name => !allowed.includes(name))).toEqual([])
    }
  )
})

// The main action's start-up file must stay small: every module in its static import closure is
// read and compiled on every run, dry runs included. Large libraries load with `await import()`
// by the stages that need them.
import { describe, expect, it } from '@jest/globals'
import { packageOf, startupClosure } from '../test-support/startup-closure.js'

describe("the main action's start-up closure", () => {
  it('sees a package that is imported statically', async () => {
    const closure = await startupClosure('src/kosli/schemas.ts')
    expect(closure.map(packageOf)).toContain('zod')
  })

  it('holds no zod: inputs parse by hand, and Kosli answer schemas load when an answer is read', async () => {
    const closure = await startupClosure()
    expect(closure).toContain('src/main.ts')
    expect(closure.filter(input => packageOf(input) === 'zod')).toEqual([])
  })

  it('holds no Octokit: provenance reads GitHub through src/github/reader.ts', async () => {
    const closure = await startupClosure()
    expect(closure.filter(input => packageOf(input)?.startsWith('@octokit/'))).toEqual([])
  })
})

// The main action's start-up file must stay small: every module in its static import closure is
// read and compiled on every run, dry runs included. Libraries load with `await import()` by the
// stages that need them: zod when a Kosli answer is read, Octokit when a stage writes to GitHub,
// undici behind a proxy. Requests use node:http, the inputs parse with zod/mini (its small build,
// not classic zod), and the runner's commands are written by src/workflow-commands.ts.
import { describe, expect, it } from '@jest/globals'
import { packageOf, startupClosure } from '../test-support/startup-closure.js'

describe("the main action's start-up closure", () => {
  it('sees a package that is imported statically', async () => {
    const closure = await startupClosure('src/kosli/schemas.ts')
    expect(closure.map(packageOf)).toContain('zod')
  })

  it('holds the action’s own code and no npm package but zod/mini', async () => {
    const closure = await startupClosure()
    expect(closure).toContain('src/main.ts')
    expect(closure).toContain('src/http/direct.ts')
    const packages = new Set(closure.map(packageOf).filter(name => name !== undefined))
    expect([...packages]).toEqual(['zod'])
    expect(
      closure.filter(input => input.includes('node_modules/zod/v4/mini/')).length
    ).toBeGreaterThan(0)
    expect(closure.filter(input => input.includes('node_modules/zod/v4/classic/'))).toEqual([])
  })
})

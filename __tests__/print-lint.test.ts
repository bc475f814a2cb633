import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { REPO_ROOT } from '../test-support/run-action.js'

// The lint rules keep every log line on its way through src/print.ts: @actions/core's printing
// functions are called there only, and @actions/github not at all.
async function problems(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT })
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) })
  return result.messages.map(message => message.ruleId ?? message.message)
}

describe('printing around the printer', () => {
  it.each([
    ['an imported info', "import { info } from '@actions/core'\ninfo('x')\n", 'src/stage.ts'],
    [
      'setFailed, from a folder below',
      "import { setFailed } from '@actions/core'\nsetFailed('x')\n",
      'src/stages/stage.ts'
    ],
    [
      'startGroup, through the namespace',
      "import * as core from '@actions/core'\ncore.startGroup('x')\n",
      'src/stage.ts'
    ],
    ['a re-exported warning', "export { warning } from '@actions/core'\n", 'src/stage.ts'],
    ['group, renamed', "import { group as g } from '@actions/core'\n", 'src/stage.ts']
  ])('is refused in src/ from @actions/core: %s', async (_, code, file) => {
    expect(await problems(code, file)).toContain('no-restricted-imports')
  })

  it.each([
    ['process.stdout', "process.stdout.write('x')\n", 'no-restricted-properties'],
    ['console.log', "console.log('x')\n", 'no-console']
  ])('is refused in src/: %s', async (_, code, rule) => {
    expect(await problems(code, 'src/stage.ts')).toContain(rule)
  })

  it('is allowed in src/print.ts, and printing through print anywhere', async () => {
    expect(
      await problems(
        "import * as commands from '@actions/core'\ncommands.info('x')\n",
        'src/print.ts'
      )
    ).toEqual([])
    expect(
      await problems("import { print } from './print.js'\nprint.info('x')\n", 'src/stage.ts')
    ).toEqual([])
  })

  it('allows the commands that do not print: inputs, outputs, masks, the summary', async () => {
    const code =
      "import { getInput, setOutput, setSecret, summary } from '@actions/core'\n" +
      "setSecret(getInput('x'))\nsetOutput('y', 'z')\nawait summary.addRaw('w').write()\n"
    expect(await problems(code, 'src/stage.ts')).toEqual([])
  })
})

describe('@actions/core and @actions/github', () => {
  it.each([
    ["await import('@actions/core')\n", 'src/stage.ts', 'no-restricted-syntax'],
    ["import { context } from '@actions/github'\n", 'src/stage.ts', 'no-restricted-imports'],
    ["import * as github from '@actions/github'\n", 'src/print.ts', 'no-restricted-imports'],
    ["await import('@actions/github')\n", 'src/provenance/context.ts', 'no-restricted-syntax']
  ])('is refused in src/: %j in %s', async (code, file, rule) => {
    expect(await problems(code, file)).toContain(rule)
  })
})

import { describe, expect, it } from '@jest/globals'
import { ESLint } from 'eslint'
import { join } from 'node:path'
import { REPO_ROOT } from '../test-support/run-action.js'

// The lint rules keep every log line on its way through src/print.ts.
async function problems(code: string, file: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: REPO_ROOT })
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) })
  return result.messages.map(message => message.ruleId ?? message.message)
}

describe('printing around the printer', () => {
  it.each([
    [
      'core.info',
      "import * as core from '@actions/core'\ncore.info('x')\n",
      'no-restricted-properties'
    ],
    [
      'core.setFailed',
      "import * as core from '@actions/core'\ncore.setFailed('x')\n",
      'no-restricted-properties'
    ],
    [
      'core.startGroup',
      "import * as core from '@actions/core'\ncore.startGroup('x')\n",
      'no-restricted-properties'
    ],
    [
      'an imported warning',
      "import { warning } from '@actions/core'\nwarning('x')\n",
      'no-restricted-syntax'
    ],
    ['process.stdout', "process.stdout.write('x')\n", 'no-restricted-properties'],
    ['console.log', "console.log('x')\n", 'no-console']
  ])('is refused in src/: %s', async (_, code, rule) => {
    expect(await problems(code, 'src/stage.ts')).toContain(rule)
  })

  it('is allowed in src/print.ts, and printing through print anywhere', async () => {
    expect(
      await problems("import * as core from '@actions/core'\ncore.info('x')\n", 'src/print.ts')
    ).toEqual([])
    expect(
      await problems("import { print } from './print.js'\nprint.info('x')\n", 'src/stage.ts')
    ).toEqual([])
  })
})

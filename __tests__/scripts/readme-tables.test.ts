import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { renderTables, updateReadme } from '../../scripts/readme-tables.js'

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
const actionYml = readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')

describe('README tables', () => {
  it('match action.yml (run npm run docs after changing action.yml)', () => {
    expect(updateReadme(readme, actionYml)).toBe(readme)
  })

  it('list every input and output of action.yml', () => {
    const tables = renderTables(actionYml)
    for (const name of ['api-token', 'artifact', 'deployment-environment', 'request-timeout']) {
      expect(tables.inputs).toContain(`| \`${name}\` |`)
    }
    expect(tables.outputs).toContain('| `deployment-record-ids` |')
  })
})

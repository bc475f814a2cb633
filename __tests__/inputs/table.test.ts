import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import {
  INPUTS,
  envFallback,
  type InputName,
  SECRET_INPUTS,
  inputsOf
} from '../../src/inputs/index.js'

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
}

function actionYml(path: string): ActionYaml {
  return parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8')) as ActionYaml
}

// Each action.yml and the part of the inputs table that belongs to it.
const ACTIONS = [
  { file: 'action.yml', action: 'main' as const },
  { file: 'attest/action.yml', action: 'attest' as const },
  { file: 'assert/action.yml', action: 'assert' as const }
]

describe.each(ACTIONS)('$file and the inputs table', ({ file, action }) => {
  const declared = Object.keys(actionYml(file).inputs)
  const table = inputsOf(action)

  it('declare the same inputs in the same order', () => {
    expect(declared).toStrictEqual(table)
  })

  it('give no default to an input with a KOSLI_* fallback, and name the variable', () => {
    const yml = actionYml(file).inputs
    for (const name of table) {
      const variable = envFallback(name, action)
      if (!variable) continue
      // A default would always fill the input, so the variable would never apply.
      expect({ name, default: yml[name].default }).toStrictEqual({ name, default: undefined })
      expect(yml[name].description).toContain(variable)
    }
  })

  it('say that secrets are masked', () => {
    const yml = actionYml(file).inputs
    for (const name of table.filter(name => SECRET_INPUTS.has(name))) {
      if (name === 'github-token') continue // defaults to github.token, which the runner masks
      expect(yml[name].description).toMatch(/masked/i)
    }
  })

  it('mark no input required: a missing one is reported with all other problems', () => {
    const yml = actionYml(file).inputs
    expect(table.filter(name => yml[name].required === true)).toStrictEqual([])
  })
})

describe('the inputs table', () => {
  it('maps each input to its own Config field', () => {
    const fields = Object.values(INPUTS).map(spec => spec.field)
    expect(new Set(fields).size).toBe(fields.length)
  })

  it('parses an unset input to its default without a problem', () => {
    for (const [name, spec] of Object.entries(INPUTS) as Array<
      [InputName, (typeof INPUTS)[InputName]]
    >) {
      expect({ name, ok: spec.schema.safeParse(undefined).success }).toStrictEqual({
        name,
        ok: true
      })
    }
  })

  it('gives each parse its own default list or record, so no two configs share one', () => {
    for (const spec of Object.values(INPUTS)) {
      const first = spec.schema.safeParse(undefined)
      const second = spec.schema.safeParse(undefined)
      if (first.success && typeof first.data === 'object' && first.data !== null) {
        expect(second.success && second.data).not.toBe(first.data)
      }
    }
  })
})

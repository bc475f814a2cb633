import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { ATTESTATION_TYPES } from '../../src/attestations/table.js'
import type { AttestationTypeModule } from '../../src/attestations/type.js'
import { attestInputChecks } from '../../src/attestations/inputs.js'
import { crossChecks } from '../../src/inputs/rules.js'
import {
  INPUTS,
  INPUT_NAMES,
  type InputName,
  type ParsedInputs,
  type RawInputs
} from '../../src/inputs/table.js'

// Each type's rules on the attest/ inputs live in its module (`inputs`); rules.ts applies them
// from the table. These tests hold both halves: the rule every type shares, and each type's own.

const BASE: RawInputs = { 'api-token': 'secret-token', org: 'acme', flow: 'app', name: 'n' }

/**
 * The problems of attest/ for these raw inputs, each parsed by its own field; a `failed` input
 * is left at its value when unset, as parseInputs leaves an input that failed its own check.
 */
function problems(
  values: RawInputs,
  types: readonly AttestationTypeModule[] = ATTESTATION_TYPES,
  failed: readonly InputName[] = []
): string[] {
  const all = { ...BASE, ...values }
  const parsed = Object.fromEntries(
    INPUT_NAMES.map(name => {
      const { field, schema } = INPUTS[name]
      return [field, schema.parse(failed.includes(name) ? undefined : all[name])]
    })
  ) as ParsedInputs
  return crossChecks(parsed, all, new Set(failed), 'attest', attestInputChecks(types))
}

/** The inputs only some types take, with a value each parses, and the types that take it. */
const OWNED: Record<string, { value: string; takers: string }> = {
  results: { value: 'r.xml', takers: 'junit, snyk, sbom or sonar' },
  'attestation-data': { value: '{}', takers: 'custom:<type-name>' },
  compliant: { value: 'true', takers: 'generic or decision' },
  control: { value: 'RCTL-1', takers: 'decision' },
  'sonar-url': { value: 'https://sonar.example', takers: 'sonar' },
  'sonar-token': { value: 't', takers: 'sonar' },
  'sonar-project-key': { value: 'k', takers: 'sonar' },
  'sonar-branch': { value: 'b', takers: 'sonar' },
  'sonar-pull-request': { value: '1', takers: 'sonar' },
  'jira-url': { value: 'https://jira.example', takers: 'jira' },
  'jira-username': { value: 'u', takers: 'jira' },
  'jira-api-token': { value: 't', takers: 'jira' },
  'jira-pat': { value: 'p', takers: 'jira' },
  'jira-project-keys': { value: 'WEB', takers: 'jira' },
  'jira-secondary-source': { value: 'branch', takers: 'jira' }
}

/** The `type` input of each module (a custom type's name filled in). */
const TYPE_INPUTS = ATTESTATION_TYPES.map(type =>
  type.input === 'custom:<type-name>' ? 'custom:cov' : type.input
)

/** What a refusal says was given: the value, quoted, or that a secret one is hidden. */
function givenText(name: string): string {
  return 'secret' in INPUTS[name as InputName]
    ? 'a value (hidden)'
    : JSON.stringify(OWNED[name].value)
}

function takes(typeInput: string, name: string): boolean {
  const takers = OWNED[name].takers.split(/, | or /)
  return takers.includes(typeInput.startsWith('custom:') ? 'custom:<type-name>' : typeInput)
}

describe("the rule every type shares: an input only some types take, given with another's", () => {
  it('owns exactly these inputs, none of them with a default in attest/action.yml', () => {
    const owned = new Set(ATTESTATION_TYPES.flatMap(type => type.inputs?.takes ?? []))
    expect([...owned].sort()).toEqual(Object.keys(OWNED).sort())
    // An input with a default is always given: owning it would refuse it with every other type.
    const yml = parse(readFileSync('attest/action.yml', 'utf8')) as {
      inputs: Record<string, { default?: string }>
    }
    const defaulted = Object.entries(yml.inputs).filter(([, spec]) => spec.default !== undefined)
    expect(defaulted.length).toBeGreaterThan(5)
    for (const [name] of defaulted) expect(owned).not.toContain(name)
  })

  const pairs = Object.keys(OWNED).flatMap(name =>
    TYPE_INPUTS.map(typeInput => [name, typeInput] as const)
  )
  it.each(pairs)("'%s' with type %s: refused unless the type takes it", (name, typeInput) => {
    const found = problems({ type: typeInput, [name]: OWNED[name].value })
    const refusal = `'${name}': given ${givenText(name)} with type ${typeInput}; expected it only with type ${OWNED[name].takers}`
    if (takes(typeInput, name)) {
      expect(
        found.filter(p => p.startsWith(`'${name}': given ${givenText(name)} with type`))
      ).toEqual([])
    } else {
      expect(found.filter(p => p.startsWith(refusal))).toHaveLength(1)
    }
  })

  it.each([
    ['junit', 'compliant', 'Kosli decides the compliance of junit evidence'],
    ['pull-request', 'compliant', 'Kosli decides the compliance of pull-request evidence'],
    ['custom:cov', 'compliant', 'Kosli decides the compliance of custom:<type-name> evidence'],
    ['jira', 'compliant', 'the Jira issues decide the compliance of jira evidence'],
    ['code-review', 'compliant', "the action computes the verdict from GitHub's record"],
    [
      'deployment-approval',
      'attestation-data',
      'record-as: custom:<type-name> sends the deployment-approval record as the attestation data'
    ]
  ])('type %s gives its own reason for refusing %s', (typeInput, name, reason) => {
    expect(problems({ type: typeInput, [name]: OWNED[name].value })).toContainEqual(
      `'${name}': given ${givenText(name)} with type ${typeInput}; expected it only with type ${OWNED[name].takers} (${reason})`
    )
  })

  it('leaves a blank value, and one that failed its own check, alone', () => {
    expect(problems({ type: 'generic', compliant: 'true', control: '  ' })).toEqual([])
    // 'maybe' already has its problem from the compliant field; the rule adds none.
    expect(
      problems({ type: 'junit', results: 'r.xml', compliant: 'maybe' }, ATTESTATION_TYPES, [
        'compliant'
      ])
    ).toEqual([])
    expect(problems({ type: 'junit', results: 'r.xml', compliant: 'true' })).toHaveLength(1)
  })
})

describe("each type's own rules, from its module", () => {
  // What each type needs, given only its type (github-token blank: action.yml's default unset).
  const NEEDS: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['generic', ['compliant']],
    ['decision', ['compliant', 'control']],
    ['junit', ['results']],
    ['snyk', ['results']],
    ['sbom', ['results']],
    ['custom:cov', ['attestation-data']],
    ['pull-request', ['github-token']],
    ['sonar', ['sonar-token']],
    ['jira', ['jira-url', 'jira-api-token']],
    ['deployment-approval', ['github-environment', 'github-token']],
    ['code-review', ['github-token']]
  ]
  it.each(NEEDS)('type %s needs %j', (typeInput, needed) => {
    const found = problems({ type: typeInput })
    expect(found.map(problem => /^'([^']+)': given nothing/.exec(problem)?.[1])).toEqual(needed)
  })

  it('lists each type of the table above (a new type adds what it needs)', () => {
    expect(NEEDS.map(([typeInput]) => typeInput).sort()).toEqual([...TYPE_INPUTS].sort())
  })
})

describe('a type added to the table brings its rules with it', () => {
  const lint: AttestationTypeModule = {
    input: 'lint',
    kind: 'generic',
    doc: 'a type that exists only in this test',
    read: () => Promise.reject(new Error('not read in this test')),
    inputs: {
      takes: ['control', 'sonar-url'],
      refuses: { compliant: 'the linter decides' },
      check: (inputs, _values, ok, typeInput) =>
        !inputs.control && ok('control')
          ? [`'control': given nothing; expected the lint rule set for type ${typeInput}`]
          : []
    }
  }
  const types = [...ATTESTATION_TYPES, lint]

  it('is refused by the real table, which does not list it', () => {
    expect(problems({ type: 'lint' })[0]).toMatch(/^'type': given "lint"; expected /)
  })

  it('applies its check and takes its inputs', () => {
    expect(problems({ type: 'lint' }, types)).toEqual([
      "'control': given nothing; expected the lint rule set for type lint"
    ])
    expect(
      problems({ type: 'lint', control: 'strict', 'sonar-url': 'https://s.example' }, types)
    ).toEqual([])
  })

  it('refuses the inputs of the other types, with its own reasons', () => {
    expect(problems({ type: 'lint', control: 'strict', compliant: 'true' }, types)).toEqual([
      '\'compliant\': given "true" with type lint; expected it only with type generic or decision (the linter decides)'
    ])
  })

  it('makes the other types refuse its inputs, naming it among the takers', () => {
    expect(problems({ type: 'generic', compliant: 'true', control: 'strict' }, types)).toEqual([
      '\'control\': given "strict" with type generic; expected it only with type decision or lint'
    ])
    expect(
      problems({ type: 'junit', results: 'r.xml', 'sonar-url': 'https://s.example' }, types)
    ).toEqual([
      '\'sonar-url\': given "https://s.example" with type junit; expected it only with type sonar or lint'
    ])
  })
})

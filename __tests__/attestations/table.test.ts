import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  ATTESTATION_TYPES,
  TEMPLATE_TYPES,
  TYPE_NAMES,
  attestationTypeOf
} from '../../src/attestations/table.js'
import { PayloadError } from '../../src/shapes/patterns.js'
import { renderTypes } from '../../scripts/readme-tables.js'

describe('the attestation types table', () => {
  it('maps the type input to its module and the path segment', () => {
    expect(attestationTypeOf('pull-request').type).toEqual({ kind: 'pull_request' })
    expect(attestationTypeOf('junit').type).toEqual({ kind: 'junit' })
    expect(attestationTypeOf(' generic ').module.kind).toBe('generic')
    expect(attestationTypeOf('custom:risk-v1').type).toEqual({
      kind: 'custom',
      typeName: 'risk-v1'
    })
    expect(() => attestationTypeOf('pull_request')).toThrow(
      `type: 'pull_request' is not an attestation type; use ${TYPE_NAMES}.`
    )
    expect(TYPE_NAMES).toMatch(/^pull-request, junit, generic, snyk, .* or custom:<type-name>$/)
    expect(() => attestationTypeOf('custom:')).toThrow(PayloadError)
    expect(() => attestationTypeOf('custom:<type-name>')).not.toThrow()
  })

  it('sends the approval types as generic, and sbom and decision under system', () => {
    expect(attestationTypeOf('code-review').type).toEqual({
      kind: 'generic',
      evidence: 'code-review'
    })
    expect(attestationTypeOf('sbom').module.segment).toBe('system')
    expect(attestationTypeOf('decision').module.segment).toBe('system')
    expect(attestationTypeOf('sonar').module.segment).toBeUndefined()
  })

  it('names each type once, by input and by kind', () => {
    const inputs = ATTESTATION_TYPES.map(type => type.input)
    expect(new Set(inputs).size).toBe(inputs.length)
    expect(TYPE_NAMES.split(/, | or /)).toEqual(inputs)
  })

  it('gives the template check every kind it records but custom, and *', () => {
    for (const type of ATTESTATION_TYPES.filter(t => t.kind !== 'custom')) {
      // The approval types travel as generic (or custom), Kosli's own types.
      expect(TEMPLATE_TYPES).toContain(type.kind)
    }
    expect(TEMPLATE_TYPES).not.toContain('custom')
    expect(TEMPLATE_TYPES.at(-1)).toBe('*')
  })

  it('is the README list of types (run npm run docs after changing the table)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')
    expect(readme).toContain(renderTypes())
    for (const type of ATTESTATION_TYPES) expect(renderTypes()).toContain(`\`${type.input}\``)
  })

  it("lists every input of the type in attest/action.yml's description", () => {
    const yml = readFileSync(new URL('../../attest/action.yml', import.meta.url), 'utf8')
    for (const type of ATTESTATION_TYPES) expect(yml).toContain(type.input)
  })
})

import { TEMPLATE_TYPES } from '../../src/attestations/table.js'
import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  expectedAttestations,
  parseTemplate,
  readTemplate,
  TemplateError
} from '../../src/evidence/template.js'

const VALID = `version: 1
trail:
  attestations:
    - name: code-review
      type: pull_request
  artifacts:
    - name: web-app
      attestations:
        - name: unit-tests
          type: junit
        - name: sast
          type: snyk
        - name: risk
          type: custom:risk-v1
`

function errorOf(text: string): string {
  try {
    parseTemplate(text, "flow-template 'kosli.yml'", TEMPLATE_TYPES)
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError)
    return (error as Error).message
  }
  throw new Error('no error')
}

describe('parseTemplate', () => {
  it('accepts the documented example and lists what it expects', () => {
    const template = parseTemplate(VALID, 'kosli.yml', TEMPLATE_TYPES)
    expect(expectedAttestations(template)).toEqual([
      { name: 'code-review', type: 'pull_request' },
      { name: 'unit-tests', type: 'junit', artifact: 'web-app' },
      { name: 'sast', type: 'snyk', artifact: 'web-app' },
      { name: 'risk', type: 'custom:risk-v1', artifact: 'web-app' }
    ])
  })

  it('accepts the smallest template', () => {
    expect(parseTemplate('version: 1\n', 'x', TEMPLATE_TYPES)).toEqual({ version: 1 })
  })

  it('rejects an unknown key at any level, naming the file, the key path and the line', () => {
    const text = VALID.replace(
      '        - name: sast\n',
      '        - name: sast\n          owner: secret-team\n'
    )
    const message = errorOf(text)
    expect(message).toContain("flow-template 'kosli.yml'")
    expect(message).toContain(
      'line 12: trail.artifacts[0].attestations[1].owner: unknown key (allowed: name, type)'
    )
    expect(message).not.toContain('secret-team')
  })

  it('rejects unknown top-level and trail keys', () => {
    expect(errorOf('version: 1\nflow: x\n')).toContain(
      'line 2: flow: unknown key (allowed: version, trail)'
    )
    expect(errorOf('version: 1\ntrail:\n  controls: []\n')).toContain(
      'line 3: trail.controls: unknown key (allowed: attestations, artifacts)'
    )
    expect(errorOf('version: 1\ntrail:\n  artifacts:\n    - name: a\n      kind: x\n')).toContain(
      'trail.artifacts[0].kind: unknown key (allowed: name, attestations)'
    )
  })

  it('rejects a wrong version, a missing key, a bad type and a dotted name without quoting values', () => {
    expect(errorOf('version: 2\n')).toContain('line 1: version: must be 1')
    expect(errorOf('trail: null\n')).toContain('version: required key is missing')
    const badType = errorOf(
      'version: 1\ntrail:\n  attestations:\n    - name: a\n      type: not-supported\n'
    )
    expect(badType).toContain(
      'line 5: trail.attestations[0].type: must be one of pull_request, junit, generic'
    )
    expect(badType).not.toContain('not-supported')
    const dotted = errorOf(
      'version: 1\ntrail:\n  attestations:\n    - name: a.b\n      type: generic\n'
    )
    expect(dotted).toContain('line 4: trail.attestations[0].name: attestation names may hold')
    expect(errorOf('version: 1\ntrail:\n  attestations:\n    - type: generic\n')).toContain(
      'line 4: trail.attestations[0].name: required key is missing'
    )
    expect(errorOf('version: 1\ntrail:\n  attestations:\n    name: a\n')).toContain(
      'line 4: trail.attestations: must be a list'
    )
  })

  it('reports YAML syntax errors with line and column, not the text', () => {
    const message = errorOf('version: 1\ntrail:\n  attestations: [\n    "hidden-value\n')
    expect(message).toMatch(/is not valid YAML: line \d+, column \d+/)
    expect(message).not.toContain('hidden-value')
    expect(errorOf('version: 1\nversion: 1\n')).toContain('duplicate key')
  })

  it('refuses explicit YAML tags, naming the source and the line of each', () => {
    const text = [
      'version: 1',
      'trail:',
      '  attestations: !!omap',
      '    - name: a',
      '      type: !!str generic',
      '  artifacts: !!set {web}',
      'note: !!timestamp 2001-12-14',
      'other: !local x'
    ].join('\n')
    expect(() => parseTemplate(text, "flow-template 'f.yml'", TEMPLATE_TYPES)).toThrow(
      'flow-template \'f.yml\' has YAML tags (line 3, column 17: "!!omap"; ' +
        'line 5, column 13: "!!str"; line 6, column 14: "!!set"; line 7, column 7: ' +
        '"!!timestamp"; line 8, column 8: "!local"); a template is plain mappings, lists and ' +
        'strings, so remove the tags.'
    )
    // A tag-like text inside a string or a comment is no tag.
    expect(() =>
      parseTemplate(
        'version: 1 # !!omap\ntrail:\n  attestations:\n    - {name: a, type: "custom:!!x"}',
        'f',
        TEMPLATE_TYPES
      )
    ).not.toThrow()
  })

  it('rejects an empty file', () => {
    expect(errorOf('')).toContain("is empty; the smallest valid template is 'version: 1'")
  })

  it('reads a file and keeps its bytes for sending', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'template-'))
    await writeFile(join(dir, 'kosli.yml'), VALID)
    const file = await readTemplate(join(dir, 'kosli.yml'), 'flow-template', TEMPLATE_TYPES)
    expect(file.filename).toBe('kosli.yml')
    expect(file.bytes.toString()).toBe(VALID)
    await expect(
      readTemplate(join(dir, 'nope.yml'), 'trail-template', TEMPLATE_TYPES)
    ).rejects.toThrow(/trail-template: the template .*nope\.yml' cannot be read \(ENOENT\)/)
  })
})

describe('the types of Kosli’s template schema', () => {
  it('accepts every one of them, sbom and decision included', () => {
    const types = [
      'generic',
      'junit',
      'snyk',
      'pull_request',
      'jira',
      'sonar',
      'decision',
      'sbom',
      '*',
      'custom:risk'
    ]
    const text = `version: 1\ntrail:\n  attestations:\n${types.map((t, i) => `    - name: a${i}\n      type: "${t}"\n`).join('')}`
    expect(
      expectedAttestations(parseTemplate(text, 'kosli.yml', TEMPLATE_TYPES)).map(a => a.type)
    ).toEqual(types)
  })
})

import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attestInputChecks } from '../../src/attestations/inputs.js'
import {
  type ActionName,
  type Config,
  ENV_FALLBACKS,
  InputError,
  type RawInputs,
  envFallback,
  envFallbacksOf,
  inputsOf,
  parseInputs
} from '../../src/inputs/index.js'
import { stepOutcome } from '../../src/inputs/fields.js'

const WORKSPACE = mkdtempSync(join(tmpdir(), 'sub-action-inputs-'))
writeFileSync(join(WORKSPACE, 'data.json'), JSON.stringify({ coverage: 91 }))
writeFileSync(join(WORKSPACE, 'list.json'), '[1, 2]')
const BASE: RawInputs = { 'api-token': 'secret-token', org: 'acme', flow: 'app' }

function parse(action: ActionName, extra: RawInputs, env: NodeJS.ProcessEnv = {}): Config {
  // attest/ brings its types' rules, as its entry does.
  const checks = action === 'attest' ? attestInputChecks() : undefined
  return parseInputs({ ...BASE, ...extra }, env, WORKSPACE, action, checks)
}

function problems(action: ActionName, extra: RawInputs, env: NodeJS.ProcessEnv = {}): string[] {
  try {
    parse(action, extra, env)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

describe('stepOutcome', () => {
  it.each([
    ['true', true],
    ['False', false],
    ['success', true],
    ['failure', false],
    ['cancelled', false],
    ['skipped', false],
    ['', undefined],
    [undefined, undefined]
  ])('reads %j as %j', (given, expected) => {
    expect(stepOutcome().parse(given)).toBe(expected)
  })

  it.each(['yes', '1', 'constructor', 'toString', 'neutral'])('refuses %j', given => {
    expect(stepOutcome().safeParse(given).success).toBe(false)
  })
})

describe('inputs per action', () => {
  it('gives the sub-actions the shared inputs, and each its own', () => {
    const attest = inputsOf('attest')
    const assert = inputsOf('assert')
    for (const shared of [
      'api-token',
      'org',
      'flow',
      'host',
      'trail',
      'github-token',
      'git-commit',
      'dry-run',
      'on-kosli-unavailable',
      'max-retries',
      'request-timeout',
      'artifact',
      'artifact-type',
      'exclude',
      'registry',
      'registry-username',
      'registry-password',
      'fingerprint-timeout',
      'fingerprint'
    ] as const) {
      expect({ shared, attest: attest.includes(shared), assert: assert.includes(shared) }).toEqual({
        shared,
        attest: true,
        assert: true
      })
    }
    expect(attest).toEqual(
      expect.arrayContaining([
        'type',
        'name',
        'results',
        'attestation-data',
        'compliant',
        'attachments',
        'attach-results',
        'pull-request-wait',
        'fail-on-non-compliant'
      ])
    )
    expect(assert).toEqual(expect.arrayContaining(['environment', 'policy']))
    expect(assert).not.toContain('type')
    expect(inputsOf('main')).not.toContain('type')
    expect(inputsOf('main')).not.toContain('environment')
  })

  it('falls back to KOSLI_FINGERPRINT in the main action only', () => {
    expect(envFallback('fingerprint', 'main')).toBe('KOSLI_FINGERPRINT')
    expect(envFallback('fingerprint', 'attest')).toBeUndefined()
    expect(envFallback('fingerprint', 'assert')).toBeUndefined()
    expect(envFallback('org', 'attest')).toBe('KOSLI_ORG')
    expect(envFallbacksOf('assert').fingerprint).toBeUndefined()
    expect(ENV_FALLBACKS.fingerprint).toBe('KOSLI_FINGERPRINT')
    const fp = 'a'.repeat(64)
    expect(parse('main', {}, { KOSLI_FINGERPRINT: fp }).fingerprint).toBe(fp)
    expect(
      parse('attest', { type: 'generic', name: 'g', compliant: 'true' }, { KOSLI_FINGERPRINT: fp })
        .fingerprint
    ).toBeUndefined()
  })

  it("leaves another action's inputs at their defaults", () => {
    const config = parse('main', { type: 'junit', compliant: 'bogus', policy: 'p' })
    expect(config.attestationType).toBeUndefined()
    expect(config.compliant).toBeUndefined()
    expect(config.policies).toEqual([])
  })
})

describe('attest rules', () => {
  it('needs type and name', () => {
    expect(problems('attest', {})).toEqual([
      expect.stringContaining("'type': given nothing"),
      expect.stringContaining("'name': given nothing")
    ])
  })

  it('needs compliant for generic, and refuses it for every other type', () => {
    expect(problems('attest', { type: 'generic', name: 'g' })).toEqual([
      expect.stringContaining("'compliant': given nothing")
    ])
    expect(
      problems('attest', {
        type: 'custom:x',
        name: 'g',
        compliant: 'true',
        'attestation-data': '{}'
      })
    ).toEqual([
      '\'compliant\': given "true" with type custom:x; expected it only with type generic or decision (Kosli decides the compliance of custom:<type-name> evidence)'
    ])
  })

  it('needs results for junit and snyk (one file for snyk), and refuses them elsewhere', () => {
    expect(problems('attest', { type: 'junit', name: 'u' })[0]).toContain(
      "'results': given nothing"
    )
    expect(problems('attest', { type: 'snyk', name: 's', results: 'a\nb' })[0]).toContain(
      'one SARIF file'
    )
    expect(
      problems('attest', { type: 'generic', name: 'g', compliant: 'true', results: 'r.xml' })[0]
    ).toContain(
      '\'results\': given "r.xml" with type generic; expected it only with type junit, snyk, sbom or sonar'
    )
  })

  it('reads attestation-data inline or from a .json file, and refuses what is not an object', () => {
    expect(
      parse('attest', { type: 'custom:cov', name: 'c', 'attestation-data': '{"a": 1}' })
        .attestationData
    ).toEqual({ a: 1 })
    expect(
      parse('attest', { type: 'custom:cov', name: 'c', 'attestation-data': 'data.json' })
        .attestationData
    ).toEqual({ coverage: 91 })
    expect(
      problems('attest', { type: 'custom:cov', name: 'c', 'attestation-data': 'list.json' })[0]
    ).toContain('\'attestation-data\': given "list.json"; expected a JSON object')
    expect(
      problems('attest', { type: 'custom:cov', name: 'c', 'attestation-data': 'plain' })[0]
    ).toContain("'attestation-data'")
    expect(
      problems('attest', {
        type: 'generic',
        name: 'g',
        compliant: 'true',
        'attestation-data': '{}'
      })[0]
    ).toContain(
      '\'attestation-data\': given "{}" with type generic; expected it only with type custom:<type-name>'
    )
  })

  it('refuses a name Kosli would refuse, naming the rule', () => {
    expect(problems('attest', { type: 'generic', name: 'a b', compliant: 'true' })[0]).toContain(
      '\'name\': given "a b"'
    )
    expect(
      parse('attest', { type: 'generic', name: 'web.unit-tests', compliant: 'true' })
        .attestationName
    ).toBe('web.unit-tests')
  })

  it('needs a token in dry run only when not dry', () => {
    expect(
      problems('attest', { 'api-token': '', type: 'generic', name: 'g', compliant: 'true' })[0]
    ).toContain("'api-token'")
    expect(
      parse('attest', {
        'api-token': '',
        'dry-run': 'true',
        type: 'generic',
        name: 'g',
        compliant: 'true'
      }).dryRun
    ).toBe(true)
  })
})

describe('assert rules', () => {
  it('refuses environment with policy', () => {
    expect(problems('assert', { environment: 'prod', policy: 'p1' })).toEqual([
      expect.stringContaining("'policy'")
    ])
  })

  it('needs a token even in dry run: the assert is a read', () => {
    expect(problems('assert', { 'api-token': '', 'dry-run': 'true' })[0]).toContain(
      'even in dry run'
    )
  })

  it('reads policies one per line', () => {
    expect(parse('assert', { policy: 'p1\n\n p2 ' }).policies).toEqual(['p1', 'p2'])
  })
})

describe('deployment-approval and code-review rules', () => {
  const token = { 'github-token': 'ghs_x' }
  it('reads their inputs with defaults: 1 approval, no self-approval, 250 commits, generic', () => {
    const config = parse('attest', {
      type: 'code-review',
      name: 'code-review',
      ...token,
      'commits-base': 'A'.repeat(40)
    })
    expect(config).toMatchObject({
      requiredApprovals: 1,
      allowSelfApproval: false,
      maxCommits: 250,
      recordAs: undefined,
      commitsBase: 'a'.repeat(40)
    })
  })

  it('needs github-environment for deployment-approval, and a github-token for both', () => {
    expect(problems('attest', { type: 'deployment-approval', name: 'a', ...token })).toEqual([
      expect.stringContaining("'github-environment': given nothing")
    ])
    expect(problems('attest', { type: 'code-review', name: 'c' })).toEqual([
      expect.stringContaining("'github-token': given nothing; code-review reads GitHub's record")
    ])
  })

  it('refuses compliant, user-data, attestation-data and results: the action computes the record', () => {
    const found = problems('attest', {
      type: 'deployment-approval',
      name: 'a',
      ...token,
      'github-environment': 'production',
      compliant: 'true',
      'user-data': '{"a": 1}',
      'attestation-data': '{"b": 2}',
      results: 'x.xml'
    })
    expect(found).toEqual([
      '\'results\': given "x.xml" with type deployment-approval; expected it only with type junit, snyk, sbom or sonar',
      `'attestation-data': given "{\\"b\\": 2}" with type deployment-approval; expected it only with type custom:<type-name> (record-as: custom:<type-name> sends the deployment-approval record as the attestation data)`,
      "'compliant': given \"true\" with type deployment-approval; expected it only with type generic or decision (the action computes the verdict from GitHub's record)",
      "'user-data': given with type deployment-approval; expected nothing (the deployment-approval record is the user data)"
    ])
  })

  it.each([
    ['record-as', 'custom:', "'record-as'"],
    ['record-as', 'kosli', "'record-as'"],
    ['required-approvals', '0', "'required-approvals'"],
    ['max-commits', 'many', "'max-commits'"],
    ['allow-self-approval', 'yes', "'allow-self-approval'"]
  ])('refuses %s: %j', (input, value, expected) => {
    expect(
      problems('attest', { type: 'code-review', name: 'c', ...token, [input]: value }).join('\n')
    ).toContain(expected)
  })

  it('takes record-as custom:<type-name>', () => {
    expect(
      parse('attest', { type: 'code-review', name: 'c', ...token, 'record-as': 'custom:cr-v1' })
        .recordAs
    ).toBe('custom:cr-v1')
  })
})

import { describe, expect, it } from '@jest/globals'
import { assertScope, assertVerdict, noPolicyWarning } from '../../src/evidence/assert.js'

const FP = 'f'.repeat(64)

function answer(overrides: Record<string, unknown>): Record<string, unknown> {
  return {
    compliant: true,
    scope: 'flow',
    fingerprint: FP,
    flow: 'app',
    trail: 't',
    html_url: 'https://app.kosli.com/acme/flows/app/trails/t',
    compliance_status: { status: 'COMPLIANT', is_compliant: true, attestations_statuses: [] },
    ...overrides
  }
}

describe('assertVerdict', () => {
  it('passes a compliant artifact, named by its filename', () => {
    expect(assertVerdict(answer({}), 'app.jar')).toEqual({
      fingerprint: FP,
      name: 'app.jar',
      compliant: true,
      missing: [],
      non_compliant: [],
      reasons: [],
      noPolicyEvaluated: false,
      url: 'https://app.kosli.com/acme/flows/app/trails/t',
      flow: 'app',
      trail: 't'
    })
  })

  it('names missing and non-compliant attestations under flow scope, from every flow', () => {
    const verdict = assertVerdict(
      answer({
        compliant: false,
        compliance_status: {
          status: 'NON-COMPLIANT',
          is_compliant: false,
          attestations_statuses: [
            { attestation_name: 'unit-tests', status: 'COMPLETE', is_compliant: false },
            { attestation_name: 'code-review', status: 'MISSING', is_compliant: null }
          ]
        },
        flows: [
          {
            flow: 'other',
            trail: 't2',
            compliant: false,
            compliance_status: {
              attestations_statuses: [{ attestation_name: 'sast', status: 'MISSING' }]
            }
          }
        ]
      })
    )
    expect(verdict.name).toBe(FP)
    expect(verdict.compliant).toBe(false)
    expect(verdict.missing).toEqual(['code-review', 'sast'])
    expect(verdict.non_compliant).toEqual(['unit-tests'])
    expect(verdict.reasons).toEqual([
      "missing the required 'code-review' attestation in its trail",
      "missing the required 'sast' attestation in its trail",
      "the 'unit-tests' attestation is non-compliant"
    ])
  })

  it('reads policy evaluations: missing, non-compliant, controls and provenance', () => {
    const verdict = assertVerdict(
      answer({
        compliant: false,
        scope: 'policy',
        policy_evaluations: [
          {
            policy_name: 'prod-ready',
            status: 'NON-COMPLIANT',
            rule_evaluations: [
              {
                rule: {
                  type: 'attestation',
                  definition: { name: 'code-review', type: 'pull_request' }
                },
                satisfied: false,
                ignored: false,
                resolutions: [{ type: 'missing_attestation', context: { trail_name: 't' } }]
              },
              {
                rule: { type: 'attestation', definition: { name: 'sast', type: 'snyk' } },
                satisfied: false,
                ignored: false,
                resolutions: [{ type: 'non_compliant_attestation', context: {} }]
              },
              {
                rule: { type: 'attestation', definition: { name: 'x' } },
                satisfied: false,
                ignored: true,
                resolutions: [{ type: 'missing_attestation' }]
              },
              {
                rule: { type: 'provenance', definition: {} },
                satisfied: false,
                ignored: false,
                resolutions: [{ type: 'no_provenance' }]
              }
            ]
          },
          { policy_name: 'other', status: 'NON-COMPLIANT', rule_evaluations: [] }
        ]
      })
    )
    expect(verdict.missing).toEqual(['code-review'])
    expect(verdict.non_compliant).toEqual(['sast'])
    expect(verdict.reasons).toEqual([
      "policy 'prod-ready': missing the required 'code-review' (pull_request) attestation in trail 't'",
      "policy 'prod-ready': the 'sast' attestation is non-compliant",
      "policy 'prod-ready': the artifact has no provenance in Kosli: report it to a flow first",
      "policy 'other' is not satisfied"
    ])
  })

  it('names only the policies that failed, and no rule Kosli found satisfied or not applicable', () => {
    const notApplicable = (name: string) => ({
      rule: { type: 'attestation', definition: { name, type: 'junit' } },
      satisfied: null,
      ignored: false,
      resolutions: [{ type: 'rule_not_applicable' }, { type: 'rule_satisfied' }]
    })
    const verdict = assertVerdict(
      answer({
        compliant: false,
        scope: 'policy',
        policy_evaluations: [
          {
            policy_name: 'prod-ready',
            status: 'NON-COMPLIANT',
            rule_evaluations: [
              notApplicable('unit-tests'),
              {
                rule: { type: 'attestation', definition: { name: 'sast', type: 'snyk' } },
                satisfied: false,
                ignored: false,
                resolutions: [{ type: 'missing_attestation' }]
              }
            ]
          },
          {
            policy_name: 'baseline',
            status: 'COMPLIANT',
            rule_evaluations: [notApplicable('lint')]
          }
        ]
      })
    )
    expect(verdict.compliant).toBe(false)
    expect(verdict.missing).toEqual(['sast'])
    expect(verdict.reasons).toEqual([
      "policy 'prod-ready': missing the required 'sast' (snyk) attestation"
    ])
  })

  it("keeps Kosli's false for an environment with no policy evaluated, reading reasons as for flow scope", () => {
    const verdict = assertVerdict(
      answer({
        compliant: false,
        scope: 'environment',
        environment: 'prod',
        policy_evaluations: [],
        compliance_status: {
          status: 'INCOMPLETE',
          is_compliant: false,
          attestations_statuses: [
            { attestation_name: 'unit-tests', status: 'MISSING', is_compliant: null }
          ]
        }
      }),
      undefined,
      { fingerprint: FP, scope: 'environment' }
    )
    expect(verdict.compliant).toBe(false)
    expect(verdict.noPolicyEvaluated).toBe(true)
    expect(verdict.missing).toEqual(['unit-tests'])
    expect(verdict.reasons).toEqual(["missing the required 'unit-tests' attestation in its trail"])
  })

  it("keeps Kosli's true for an environment with no policy evaluated (null evaluations too), flagged for the warning", () => {
    const verdict = assertVerdict(
      answer({ scope: 'environment', environment: 'prod', policy_evaluations: null })
    )
    expect(verdict.compliant).toBe(true)
    expect(verdict.noPolicyEvaluated).toBe(true)
    expect(verdict.reasons).toEqual([])
    expect(noPolicyWarning('prod')).toBe(
      "no policy is attached to environment prod; the verdict is Kosli's"
    )
  })

  it('refuses an answer in another scope than asked, naming both', () => {
    expect(() =>
      assertVerdict(answer({ scope: 'flow' }), undefined, { fingerprint: FP, scope: 'environment' })
    ).toThrow(
      `Kosli answered the assert of ${FP} (scope environment) with a verdict for fingerprint "${FP}" (scope flow)`
    )
  })

  it('refuses an answer for another fingerprint, naming both', () => {
    const other = 'e'.repeat(64)
    expect(() =>
      assertVerdict(answer({ fingerprint: other }), undefined, { fingerprint: FP, scope: 'flow' })
    ).toThrow(
      `Kosli answered the assert of ${FP} (scope flow) with a verdict for fingerprint "${other}" (scope flow)`
    )
    // The same fingerprint in upper case is the same question.
    expect(
      assertVerdict(answer({ fingerprint: FP.toUpperCase() }), undefined, {
        fingerprint: FP,
        scope: 'flow'
      }).compliant
    ).toBe(true)
  })

  it('takes the flow and trail from flows[] when the answer has none at the top', () => {
    const verdict = assertVerdict(
      answer({ flow: null, trail: null, flows: [{ flow: 'build', trail: 'abc' }] })
    )
    expect(verdict).toMatchObject({ flow: 'build', trail: 'abc' })
  })

  it('maps the query to the scope Kosli answers in', () => {
    expect(assertScope(undefined, [])).toBe('flow')
    expect(assertScope('prod', [])).toBe('environment')
    expect(assertScope(undefined, ['p'])).toBe('policy')
  })

  it('gives a reason even when Kosli names none', () => {
    expect(assertVerdict(answer({ compliant: false, compliance_status: null })).reasons).toEqual([
      'Kosli reports the artifact as not compliant without naming a missing or failed attestation'
    ])
  })

  it('accepts flows as an object (the published schema) as well as a list', () => {
    expect(assertVerdict(answer({ flows: { flow: 'app' } })).compliant).toBe(true)
  })

  it('refuses an answer it cannot read', () => {
    expect(() => assertVerdict({ ok: true })).toThrow(/cannot read/)
  })
})

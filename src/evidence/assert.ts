import { z } from 'zod'
import { inert } from '../print.js'

/** One attestation's status in Kosli's assert and trail answers. */
export const attestationStatusSchema = z.object({
  attestation_name: z.string(),
  attestation_type: z.string().nullish(),
  status: z.string().nullish(),
  is_compliant: z.boolean().nullish(),
  unexpected: z.boolean().nullish()
})

const complianceStatusSchema = z
  .object({
    status: z.string().nullish(),
    is_compliant: z.boolean().nullish(),
    attestations_statuses: z.array(attestationStatusSchema).nullish()
  })
  .nullish()

const resolutionSchema = z.object({
  type: z.string(),
  context: z
    .object({
      flow_name: z.string().nullish(),
      trail_name: z.string().nullish(),
      for_control: z.string().nullish()
    })
    .nullish()
})

const ruleEvaluationSchema = z.object({
  rule: z
    .object({
      type: z.string().nullish(),
      definition: z.object({ name: z.string().nullish(), type: z.string().nullish() }).nullish()
    })
    .nullish(),
  satisfied: z.boolean().nullish(),
  ignored: z.boolean().nullish(),
  resolutions: z.array(resolutionSchema).nullish()
})

/** The fields of Kosli's assert answer the verdict is made from; other fields are ignored. */
export const assertAnswerSchema = z.object({
  compliant: z.boolean(),
  scope: z.enum(['flow', 'environment', 'policy']),
  fingerprint: z.string(),
  flow: z.string().nullish(),
  trail: z.string().nullish(),
  html_url: z.string().nullish(),
  compliance_status: complianceStatusSchema,
  // Kosli's published schema says an object; servers answer a list. Both are read.
  flows: z
    .union([
      z.array(
        z.object({
          flow: z.string().nullish(),
          trail: z.string().nullish(),
          compliant: z.boolean().nullish(),
          compliance_status: complianceStatusSchema
        })
      ),
      z.object({}).passthrough()
    ])
    .nullish(),
  environment: z.string().nullish(),
  policy_evaluations: z
    .array(
      z.object({
        policy_name: z.string(),
        status: z.string().nullish(),
        rule_evaluations: z.array(ruleEvaluationSchema).nullish()
      })
    )
    .nullish()
})

/** One artifact's verdict, as in the `result` output. */
export interface ArtifactVerdict {
  fingerprint: string
  name: string
  compliant: boolean
  missing: string[]
  non_compliant: string[]
  /** Sentences a person can act on, e.g. "missing required 'unit-tests' (junit) attestation". */
  reasons: string[]
  /** Environment scope with no policy evaluated: the verdict is Kosli's, and the caller warns. */
  noPolicyEvaluated: boolean
  url?: string
  /** The flow and trail Kosli answered for (the first of its flows). */
  flow?: string
  trail?: string
}

/** What the assert asked: the answer must be about this fingerprint, in this scope. */
export interface AssertQuestion {
  fingerprint: string
  scope: 'flow' | 'environment' | 'policy'
}

/** The scope Kosli answers in for these query parameters (kosli-evidence.md §4). */
export function assertScope(
  environment: string | undefined,
  policies: readonly string[]
): AssertQuestion['scope'] {
  return environment ? 'environment' : policies.length > 0 ? 'policy' : 'flow'
}

/** "no policy is attached to environment E; the verdict is Kosli's" */
export function noPolicyWarning(environment: string): string {
  return `no policy is attached to environment ${environment}; the verdict is Kosli's`
}

/**
 * Shape Kosli's assert answer into the action's verdict: Kosli's `compliant`, always, with the
 * reasons in words. `name` is the artifact's filename in Kosli when known (else the fingerprint
 * is used). An answer to another question (scope or fingerprint) is an error naming both.
 */
export function assertVerdict(
  answer: unknown,
  name?: string,
  asked?: AssertQuestion
): ArtifactVerdict {
  const parsed = assertAnswerSchema.safeParse(answer)
  if (!parsed.success) {
    throw new Error(
      'Kosli answered the assert with a body the action cannot read (no compliant/scope/fingerprint).'
    )
  }
  const a = parsed.data
  if (asked) checkQuestion(a, asked)
  const missing = new Set<string>()
  const nonCompliant = new Set<string>()
  const reasons: string[] = []
  const evaluations = a.policy_evaluations ?? []
  // An environment with no policy: Kosli judged the artifact as for flow scope, so read it so.
  const noPolicyEvaluated = a.scope === 'environment' && evaluations.length === 0

  if (a.scope === 'flow' || noPolicyEvaluated) {
    const statuses = [
      ...(a.compliance_status?.attestations_statuses ?? []),
      ...(Array.isArray(a.flows)
        ? a.flows.flatMap(f => f.compliance_status?.attestations_statuses ?? [])
        : [])
    ]
    for (const s of statuses) {
      if (s.status === 'MISSING') missing.add(s.attestation_name)
      else if (s.is_compliant === false) nonCompliant.add(s.attestation_name)
    }
    for (const n of missing) reasons.push(`missing the required '${n}' attestation in its trail`)
    for (const n of nonCompliant) reasons.push(`the '${n}' attestation is non-compliant`)
  } else {
    for (const policy of evaluations) {
      // A policy Kosli found compliant failed nothing, whatever its rules list (as the CLI reads it).
      if (policy.status === 'COMPLIANT') continue
      for (const rule of policy.rule_evaluations ?? []) {
        if (rule.ignored || rule.satisfied === true) continue
        for (const r of rule.resolutions ?? []) {
          if (r.type === 'rule_satisfied' || r.type === 'rule_not_applicable') continue
          reasons.push(
            `policy '${policy.policy_name}': ${resolutionWords(r, rule, missing, nonCompliant)}`
          )
        }
      }
      if (
        policy.status === 'NON-COMPLIANT' &&
        !reasons.some(r => r.startsWith(`policy '${policy.policy_name}'`))
      ) {
        reasons.push(`policy '${policy.policy_name}' is not satisfied`)
      }
    }
  }

  const compliant = a.compliant
  if (!compliant && reasons.length === 0) {
    reasons.push(
      'Kosli reports the artifact as not compliant without naming a missing or failed attestation'
    )
  }
  const first = Array.isArray(a.flows) ? a.flows[0] : undefined
  const flow = a.flow ?? first?.flow ?? undefined
  const trail = a.trail ?? first?.trail ?? undefined
  return {
    fingerprint: a.fingerprint,
    name: name || a.fingerprint,
    compliant,
    missing: [...missing],
    non_compliant: [...nonCompliant],
    reasons,
    noPolicyEvaluated,
    ...(a.html_url ? { url: a.html_url } : {}),
    ...(flow ? { flow } : {}),
    ...(trail ? { trail } : {})
  }
}

/** The verdict belongs to the question asked: another scope or fingerprint is not an answer. */
function checkQuestion(a: AssertAnswer, asked: AssertQuestion): void {
  const sameFingerprint = a.fingerprint.toLowerCase() === asked.fingerprint.toLowerCase()
  if (sameFingerprint && a.scope === asked.scope) return
  const given = a.fingerprint.length > 80 ? `${a.fingerprint.slice(0, 80)}…` : a.fingerprint
  throw new Error(
    `Kosli answered the assert of ${asked.fingerprint} (scope ${asked.scope}) with a verdict ` +
      `for fingerprint ${inert(JSON.stringify(given))} (scope ${a.scope}): the answer is not about ` +
      `what was asked, so the gate cannot use it. Check that host points at Kosli itself, not a ` +
      `cache or proxy that answers for other requests.`
  )
}

type AssertAnswer = z.infer<typeof assertAnswerSchema>
type Rule = z.infer<typeof ruleEvaluationSchema>
type Resolution = z.infer<typeof resolutionSchema>

function resolutionWords(
  r: Resolution,
  rule: Rule,
  missing: Set<string>,
  nonCompliant: Set<string>
): string {
  const name = rule.rule?.definition?.name ?? undefined
  const type = rule.rule?.definition?.type ?? undefined
  const control = r.context?.for_control ?? undefined
  const label = control ?? name ?? type ?? 'an attestation'
  const where = r.context?.trail_name ? ` in trail '${r.context.trail_name}'` : ''
  switch (r.type) {
    case 'missing_attestation':
      missing.add(label)
      return control
        ? `missing the required ${type ?? 'attestation'} for control '${control}'${where}`
        : `missing the required '${label}'${type ? ` (${type})` : ''} attestation${where}`
    case 'non_compliant_attestation':
      nonCompliant.add(label)
      return control
        ? `the decision for control '${control}' is non-compliant${where}`
        : `the '${label}' attestation is non-compliant${where}`
    case 'non_compliant_in_trail':
      return `the artifact is not compliant in its trail${where}`
    case 'no_provenance':
    case 'missing_provenance':
      return 'the artifact has no provenance in Kosli: report it to a flow first'
    case 'legacy_flow':
      return 'the artifact comes from a legacy flow, which policies cannot evaluate'
    default:
      return `rule not satisfied (${r.type})`
  }
}

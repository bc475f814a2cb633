import { z } from 'zod'

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
  /** Environment scope with no policy evaluated: passed, but the caller must warn. */
  noPolicyEvaluated: boolean
  url?: string
}

/**
 * Shape Kosli's assert answer into the action's verdict. `name` is the artifact's filename in
 * Kosli when known (else the fingerprint is used).
 */
export function assertVerdict(answer: unknown, name?: string): ArtifactVerdict {
  const parsed = assertAnswerSchema.safeParse(answer)
  if (!parsed.success) {
    throw new Error(
      'Kosli answered the assert with a body the action cannot read (no compliant/scope/fingerprint).'
    )
  }
  const a = parsed.data
  const missing = new Set<string>()
  const nonCompliant = new Set<string>()
  const reasons: string[] = []
  const evaluations = a.policy_evaluations ?? []

  if (a.scope === 'flow') {
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
      for (const rule of policy.rule_evaluations ?? []) {
        if (rule.ignored || rule.satisfied === true) continue
        for (const r of rule.resolutions ?? []) {
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

  const noPolicyEvaluated = a.scope === 'environment' && evaluations.length === 0
  const compliant = noPolicyEvaluated ? true : a.compliant
  if (!compliant && reasons.length === 0) {
    reasons.push(
      'Kosli reports the artifact as not compliant without naming a missing or failed attestation'
    )
  }
  if (noPolicyEvaluated) {
    reasons.push(
      `no policy is attached to the environment '${a.environment ?? ''}', so nothing was checked`
    )
  }
  return {
    fingerprint: a.fingerprint,
    name: name || a.fingerprint,
    compliant,
    missing: [...missing],
    non_compliant: [...nonCompliant],
    reasons,
    noPolicyEvaluated,
    ...(a.html_url ? { url: a.html_url } : {})
  }
}

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

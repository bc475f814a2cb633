import type { ApprovalEvidenceType } from '../evidence/names.js'
import { PayloadError } from '../shapes/patterns.js'
import { codeReview } from './code-review.js'
import { custom } from './custom.js'
import { decision } from './decision.js'
import { deploymentApproval } from './deployment-approval.js'
import { generic } from './generic.js'
import { jira } from './jira.js'
import { junit } from './junit.js'
import { pullRequest } from './pull-request.js'
import { sbom } from './sbom.js'
import { snyk } from './snyk.js'
import { sonar } from './sonar.js'
import type { AttestationType, AttestationTypeModule } from './type.js'

// The attestation types attest/ records, one module each: adding a type is its module, a line
// here and its inputs in attest/action.yml (and src/inputs/table.ts for an input new to the
// action). The inputs' checks (a module's `inputs`), the attest stage, the template check and
// the README's list of types all read this table.

export const ATTESTATION_TYPES: readonly AttestationTypeModule[] = [
  pullRequest,
  junit,
  generic,
  snyk,
  sbom,
  sonar,
  jira,
  decision,
  deploymentApproval,
  codeReview,
  custom
]

/**
 * What a template's `type` may be besides custom:<type-name>: Kosli's own types (the approval
 * types are recorded as generic or custom), and `*`, any type.
 */
export const TEMPLATE_TYPES: readonly string[] = [
  ...new Set(ATTESTATION_TYPES.filter(type => type !== custom).map(type => type.kind)),
  '*'
]

/** `pull-request, junit, generic, snyk or custom:<type-name>`. */
export const TYPE_NAMES = wordList(ATTESTATION_TYPES.map(type => type.input))

/**
 * The attest `type` input: its module, and the type as the step runs it. `types` is this table
 * but in tests, which add a type to a copy of it.
 */
export function attestationTypeOf(
  value: string,
  types: readonly AttestationTypeModule[] = ATTESTATION_TYPES
): {
  module: AttestationTypeModule
  type: AttestationType
} {
  const v = value.trim()
  const named = types.find(type => type !== custom && type.input === v)
  if (named === deploymentApproval || named === codeReview) {
    return {
      module: named,
      type: { kind: named.kind, evidence: named.input as ApprovalEvidenceType }
    }
  }
  if (named) return { module: named, type: { kind: named.kind } }
  const customName = /^custom:(\S+)$/.exec(v)
  if (customName && types.includes(custom)) {
    return { module: custom, type: { kind: custom.kind, typeName: customName[1] } }
  }
  const names = wordList(types.map(type => type.input))
  throw new PayloadError(`type: '${v}' is not an attestation type; use ${names}.`)
}

/** `a, b or c`. */
export function wordList(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}

/** The module that runs a type: the approval types by name, the others by Kosli's kind. */
export function moduleOf(type: AttestationType): AttestationTypeModule {
  const module = type.evidence
    ? ATTESTATION_TYPES.find(t => t.input === type.evidence)
    : ATTESTATION_TYPES.find(
        t => t.kind === type.kind && t.input !== 'deployment-approval' && t.input !== 'code-review'
      )
  if (!module) throw new PayloadError(`'${type.kind}' is not an attestation type of this action.`)
  return module
}

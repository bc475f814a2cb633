// The attest step's type and name, checked with the inputs before anything is read or sent; kept
// apart from the payloads so that checking them loads no parser.

/** Attestation names as Kosli accepts them: no dot (a dot binds a name to a template artifact). */
export const ATTESTATION_NAME = /^[a-zA-Z0-9\-_,]+$/

/** Each attestation type the attest step records. */
export type AttestationKind =
  'generic' | 'junit' | 'pull_request' | 'snyk' | 'custom' | 'sbom' | 'sonar' | 'jira' | 'decision'

/** Types Kosli files under its `system` family: the path says `system`, `type_name` says which. */
const SYSTEM_KINDS: ReadonlySet<AttestationKind> = new Set(['sbom', 'decision'])

/** The path segment of POST /attestations/{org}/{flow}/trail/{trail}/{segment}. */
export function attestationSlug(kind: AttestationKind): string {
  return SYSTEM_KINDS.has(kind) ? 'system' : kind
}

/** The attest `type` input's values, for messages. */
export const ATTESTATION_TYPES_TEXT =
  'pull-request, junit, generic, snyk, sbom, sonar, jira, decision, deployment-approval, code-review or custom:<type-name>'

/** Evidence the action computes from GitHub's record and sends as generic or custom:<type>. */
export type ApprovalEvidenceType = 'deployment-approval' | 'code-review'

export interface AttestationType {
  kind: AttestationKind
  /** For custom: the custom attestation type's name, without `custom:`. */
  typeName?: string
  /** deployment-approval or code-review: sent as generic (the default) or custom:<type>. */
  evidence?: ApprovalEvidenceType
}

export class PayloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PayloadError'
  }
}

/** The attest `type` input (ATTESTATION_TYPES_TEXT). */
export function parseAttestationType(value: string): AttestationType {
  const v = value.trim()
  if (v === 'pull-request') return { kind: 'pull_request' }
  if (v === 'junit' || v === 'generic' || v === 'snyk') return { kind: v }
  if (v === 'deployment-approval' || v === 'code-review') return { kind: 'generic', evidence: v }
  if (v === 'sbom' || v === 'sonar' || v === 'jira' || v === 'decision') return { kind: v }
  const custom = /^custom:(\S+)$/.exec(v)
  if (custom) return { kind: 'custom', typeName: custom[1] }
  throw new PayloadError(`type: '${v}' is not an attestation type; use ${ATTESTATION_TYPES_TEXT}.`)
}

/**
 * Split `<artifact>.<attestation>` into the attestation name and its target template artifact;
 * a name without a dot is a trail-level (or fingerprint-bound) attestation.
 */
export function splitAttestationName(value: string): {
  attestation_name: string
  target_artifacts?: [string]
} {
  const parts = value.split('.')
  if (parts.length > 2 || parts.some(p => p === '')) {
    throw new PayloadError(
      `name: '${value}' is not <attestation> or <artifact>.<attestation>; use at most one dot, with a name on each side.`
    )
  }
  for (const part of parts) {
    if (!ATTESTATION_NAME.test(part)) {
      throw new PayloadError(
        `name: '${part}' may hold letters, digits, '-', '_' and ',' only, as Kosli requires.`
      )
    }
  }
  return parts.length === 2
    ? { attestation_name: parts[1], target_artifacts: [parts[0]] }
    : { attestation_name: parts[0] }
}

/**
 * The record-as input of deployment-approval and code-review: `generic`, or `custom:<type-name>`
 * to send the record as that custom type's attestation_data.
 */
export function recordAs(
  type: AttestationType,
  recordAsInput: string | undefined
): AttestationType {
  if (!type.evidence) return type
  const custom = /^custom:(\S+)$/.exec(recordAsInput?.trim() ?? '')
  return custom
    ? { kind: 'custom', typeName: custom[1], evidence: type.evidence }
    : { kind: 'generic', evidence: type.evidence }
}

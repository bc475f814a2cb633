// The attest step's type and name, checked with the inputs before anything is read or sent; kept
// apart from the payloads so that checking them loads no parser.

import { ATTESTATION_NAME, PayloadError } from '../shapes/patterns.js'

export { ATTESTATION_NAME, PayloadError }

/** The path segment of each attestation type in POST /attestations/{org}/{flow}/trail/{trail}/{type}. */
export type AttestationKind = 'generic' | 'junit' | 'pull_request' | 'snyk' | 'custom'

export interface AttestationType {
  kind: AttestationKind
  /** For custom: the custom attestation type's name, without `custom:`. */
  typeName?: string
}

/** The attest `type` input: pull-request, junit, generic, snyk or custom:<type-name>. */
export function parseAttestationType(value: string): AttestationType {
  const v = value.trim()
  if (v === 'pull-request') return { kind: 'pull_request' }
  if (v === 'junit' || v === 'generic' || v === 'snyk') return { kind: v }
  const custom = /^custom:(\S+)$/.exec(v)
  if (custom) return { kind: 'custom', typeName: custom[1] }
  throw new PayloadError(
    `type: '${v}' is not an attestation type; use pull-request, junit, generic, snyk or custom:<type-name>.`
  )
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

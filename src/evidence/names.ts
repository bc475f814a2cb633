// The attest step's name, checked with the inputs before anything is read or sent; kept
// apart from the payloads so that checking them loads no parser.

import { ATTESTATION_NAME, PayloadError } from '../shapes/patterns.js'

export { ATTESTATION_NAME, PayloadError }

/** Evidence the action computes from GitHub's record and sends as generic or custom:<type>. */
export type ApprovalEvidenceType = 'deployment-approval' | 'code-review'

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

// The patterns Kosli's API accepts, the payload error and the badge of a compliance state, defined
// once for every floor; no zod here, so that the inputs use them without loading a schema library.

export const FINGERPRINT = /^[a-f0-9]{64}$/
export const COMMIT = /^[a-f0-9]{40}$/
/** Flow and trail names. */
export const TRAIL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/
export const TEMPLATE_REFERENCE_NAME = /^[a-zA-Z0-9\-_]+$/
export const EXTERNAL_URL_LABEL = /^[^=.]+$/
/** Attestation names as Kosli accepts them: no dot (a dot binds a name to a template artifact). */
export const ATTESTATION_NAME = /^[a-zA-Z0-9\-_,]+$/

/** A data error in what the action would send: the step fails before sending it. */
export class PayloadError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'PayloadError'
  }
}

/** A compliance state with its badge; `unknownIcon` marks any other state Kosli names. */
export function stateBadge(
  state: string | undefined,
  unknownIcon: string,
  text: (state: string) => string
): string {
  if (!state) return '–'
  const icon = state === 'COMPLIANT' ? '✅' : state === 'NON-COMPLIANT' ? '❌' : unknownIcon
  return `${icon} ${text(state)}`
}

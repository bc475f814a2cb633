// The patterns Kosli's API accepts for these fields; on their own so that the inputs can use
// them without loading the schemas of Kosli's answers.
export const FINGERPRINT = /^[a-f0-9]{64}$/
export const COMMIT = /^[a-f0-9]{40}$/
export const TRAIL_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/
export const TEMPLATE_REFERENCE_NAME = /^[a-zA-Z0-9\-_]+$/
export const EXTERNAL_URL_LABEL = /^[^=.]+$/

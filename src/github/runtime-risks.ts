// On its own so that the inputs can list these, and check these limits, without building the
// deployment record's schema; the schema uses the same values.
/** The runtime risks GitHub's deployment record accepts. */
export const RUNTIME_RISKS = [
  'critical-resource',
  'internet-exposed',
  'lateral-movement',
  'sensitive-data'
] as const

/** The limits GitHub's deployment record sets on its fields. */
export const DEPLOYMENT_RECORD_LIMITS = {
  name: 256,
  version: 100,
  environment: 128,
  deploymentName: 256,
  tags: 5,
  runtimeRisks: 4
} as const

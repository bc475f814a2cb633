// On its own so that the inputs can list these without building the deployment record's schemas.
/** The runtime risks GitHub's deployment record accepts. */
export const RUNTIME_RISKS = [
  'critical-resource',
  'internet-exposed',
  'lateral-movement',
  'sensitive-data'
] as const

import { moreType } from './more-type.js'

/** decision: a decision on a Kosli control; Kosli files it under its `system` family. */
export const decision = moreType(
  'decision',
  '`control` and `compliant`: a decision on a Kosli control',
  'system'
)

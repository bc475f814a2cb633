import { moreType } from './more-type.js'

/** decision: a decision on a Kosli control; Kosli files it under its `system` family. */
export const decision = moreType(
  'decision',
  '`control` and `compliant`: a decision on a Kosli control',
  {
    takes: ['compliant', 'control'],
    check: (inputs, _values, ok) => [
      ...(inputs.compliant === undefined && ok('compliant')
        ? [
            `'compliant': given nothing; expected true, false or a step outcome for type decision (an empty value is never taken as true)`
          ]
        : []),
      ...(!inputs.control && ok('control')
        ? [
            `'control': given nothing; expected the id of the Kosli control decided on (for example RCTL-043)`
          ]
        : [])
    ]
  },
  'system'
)

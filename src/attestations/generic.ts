import type { AttestationTypeModule } from './type.js'

/** generic: the step's own verdict, given as `compliant`. */
export const generic: AttestationTypeModule = {
  input: 'generic',
  kind: 'generic',
  doc: '`compliant` (true, false or a step outcome) is the evidence; the step judges it',
  read: async settings => {
    const { genericData } = await import('../evidence/payloads.js')
    const compliant = settings.compliant === true
    return {
      results: [],
      build: async common => ({
        data: genericData(common, compliant),
        verdict: { compliant, ...(compliant ? {} : { nonCompliantBecause: `compliant is false` }) }
      })
    }
  },
  inputs: {
    takes: ['compliant'],
    check: (inputs, _values, ok) =>
      inputs.compliant === undefined && ok('compliant')
        ? [
            `'compliant': given nothing; expected true, false or a step outcome for type generic (an empty value is never taken as true)`
          ]
        : []
  }
}

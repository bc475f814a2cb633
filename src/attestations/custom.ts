import type { AttestationTypeModule } from './type.js'

/** custom:<type-name>: a JSON object Kosli checks against the custom type's schema. */
export const custom: AttestationTypeModule = {
  input: 'custom:<type-name>',
  kind: 'custom',
  doc: '`attestation-data`, a JSON object inline or in a `.json` file; Kosli judges it against the custom type',
  read: async settings => {
    const { customData } = await import('../evidence/payloads.js')
    const data = settings.attestationData ?? {}
    return {
      results: [],
      build: async common => ({
        data: customData(common, settings.type.typeName ?? '', data),
        verdict: { compliant: undefined }
      })
    }
  },
  inputs: {
    takes: ['attestation-data'],
    refuses: { compliant: 'Kosli decides the compliance of custom:<type-name> evidence' },
    check: (inputs, _values, ok, typeInput) =>
      inputs.attestationData === undefined && ok('attestation-data')
        ? [
            `'attestation-data': given nothing; expected a JSON object (inline, or the path of a .json file) for type ${typeInput}`
          ]
        : []
  }
}

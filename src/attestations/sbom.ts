import { moreType } from './more-type.js'

/** sbom: one SBOM file, sent as it is; Kosli files it under its `system` family. */
export const sbom = moreType(
  'sbom',
  '`results`: one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value), sent as its attachment',
  {
    takes: ['results'],
    refuses: { compliant: 'Kosli decides the compliance of sbom evidence' },
    check: (inputs, values, ok) => {
      const problems: string[] = []
      if (inputs.results.length !== 1 && ok('results')) {
        problems.push(
          `'results': given ${inputs.results.length === 0 ? 'nothing' : `${inputs.results.length} lines`} with type sbom; expected one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value)`
        )
      }
      if (inputs.attachments.length > 0) {
        problems.push(
          `'attachments': given with type sbom; expected none: the SBOM file is the only attachment, sent as it is (a second one would pack both into a .tgz)`
        )
      }
      // attach-results has a default in action.yml: only an explicit "false" is refused.
      const attachResults = (values['attach-results'] ?? '').trim() !== ''
      if (attachResults && !inputs.attachResults && ok('attach-results')) {
        problems.push(
          `'attach-results': given "false" with type sbom; expected it unset: the SBOM file itself is the evidence sent`
        )
      }
      for (const key of ['sbom_format', 'sbom_sha256']) {
        if (Object.hasOwn(inputs.annotations, key)) {
          problems.push(
            `'annotations': given the key ${key} with type sbom; expected other keys: the action sets ${key} from the SBOM file`
          )
        }
      }
      return problems
    }
  },
  'system'
)

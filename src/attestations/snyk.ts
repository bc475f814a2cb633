import { resultPaths } from './result-files.js'
import type { AttestationTypeModule } from './type.js'

/** snyk: one SARIF 2.1.0 file; Kosli judges the results. */
export const snyk: AttestationTypeModule = {
  input: 'snyk',
  kind: 'snyk',
  doc: '`results`: one SARIF file (`snyk test --sarif-file-output`, or any SARIF 2.1.0); Kosli judges it',
  read: async (settings, { log }) => {
    const paths = await resultPaths(settings)
    // A directory, a named pipe or a device is refused by the reader, naming what it is.
    if (paths.length !== 1) {
      throw new Error(
        `'results': matches ${paths.length} paths; expected one SARIF file (snyk test --sarif-file-output) for type snyk`
      )
    }
    const { readSnykSarif } = await import('../evidence/snyk.js')
    const { snykData } = await import('../evidence/payloads.js')
    const results = await readSnykSarif(paths[0], line => log.info(line))
    return {
      results: paths,
      build: async common => ({
        data: snykData(common, results),
        verdict: { compliant: undefined }
      })
    }
  },
  inputs: {
    takes: ['results'],
    refuses: { compliant: 'Kosli decides the compliance of snyk evidence' },
    check: (inputs, _values, ok, typeInput) => {
      if (inputs.results.length === 0 && ok('results')) {
        return [
          `'results': given nothing; expected the SARIF file Snyk wrote (snyk test --sarif-file-output) for type ${typeInput}`
        ]
      }
      return inputs.results.length > 1
        ? [
            `'results': given ${inputs.results.length} lines with type snyk; expected one SARIF file`
          ]
        : []
    }
  }
}

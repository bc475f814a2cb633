import { inert } from '../print.js'
import { xmlResultFiles } from './result-files.js'
import type { AttestationTypeModule } from './type.js'

/** junit: JUnit XML files, counted per top-level suite; the step judges failures and errors. */
export const junit: AttestationTypeModule = {
  input: 'junit',
  kind: 'junit',
  doc: '`results`: JUnit XML files (paths, globs or directories); sets `tests`, `failures`, `errors`, `skipped`',
  read: async (settings, { log }) => {
    const { junitVerdict, readJUnitFiles } = await import('../evidence/junit.js')
    const { junitData } = await import('../evidence/payloads.js')
    const files = await xmlResultFiles(settings)
    const report = await readJUnitFiles(files)
    for (const file of report.filesWithoutSuites) {
      log.warning(
        `JUnit file '${inert(file)}' holds no <testsuite>; it is left out of the results and not sent.`
      )
    }
    const withoutSuites = new Set(report.filesWithoutSuites)
    const verdict = junitVerdict(report)
    if (verdict.warning) log.warning(verdict.warning)
    const t = report.totals
    const suites = report.results.length
    log.info(
      `JUnit: ${t.tests} tests, ${t.failures} failures, ${t.errors} errors, ${t.skipped} skipped in ${suites} suite${suites === 1 ? '' : 's'}.`
    )
    return {
      results: files.filter(file => !withoutSuites.has(file)),
      build: async common => ({
        data: junitData(common, report.results),
        verdict: {
          compliant: verdict.compliant,
          totals: t,
          ...(verdict.compliant === false
            ? {
                nonCompliantBecause: `${t.failures} failures and ${t.errors} errors in the JUnit results`
              }
            : {})
        }
      })
    }
  },
  outputs: ({ totals }): Record<string, string> =>
    totals
      ? {
          tests: String(totals.tests),
          failures: String(totals.failures),
          errors: String(totals.errors),
          skipped: String(totals.skipped)
        }
      : {},
  inputs: {
    takes: ['results'],
    refuses: { compliant: 'Kosli decides the compliance of junit evidence' },
    check: (inputs, _values, ok, typeInput) =>
      inputs.results.length === 0 && ok('results')
        ? [
            `'results': given nothing; expected the JUnit XML files (paths, globs or directories) for type ${typeInput}`
          ]
        : []
  }
}

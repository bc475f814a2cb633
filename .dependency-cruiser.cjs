// The floor plan of src/ and test-support/, held by `npm run lint` (depcruise): no circles, and
// each folder imports only the floors under it. `farm-studio look` draws the same house.

/** The ground floor: files that every floor may use, and that import nothing above them. */
const GROUND = '^src/((print|redact|error-message|json-error|concurrency|workspace)[.]ts|shapes/)'

/** The entries and the steps they run: only the entry files import them. */
const ENTRY_FILES = '^src/(index|action|attest-action|assert-action)[.]ts$'

const forbidden = [
  {
    name: 'no-circular',
    comment: 'Files that import each other in a loop: split out what both need.',
    severity: 'error',
    from: {},
    to: { circular: true }
  },
  {
    name: 'ground-imports-nothing-above',
    comment: 'print.ts, redact.ts and the other ground files import only each other.',
    severity: 'error',
    from: { path: GROUND },
    to: { path: '^src/', pathNot: GROUND }
  },
  {
    name: 'only-entries-import-actions',
    comment: 'src/actions/ holds the three steps; only the entry files start them.',
    severity: 'error',
    from: { pathNot: [ENTRY_FILES, '^src/actions/'] },
    to: { path: '^src/actions/' }
  },
  {
    name: 'http-is-a-floor-of-its-own',
    comment: 'The HTTP layer knows no service: it imports only itself and the ground.',
    severity: 'error',
    from: { path: '^src/http/' },
    to: { path: '^src/', pathNot: ['^src/http/', GROUND] }
  },
  {
    name: 'services-import-no-stage',
    comment:
      'kosli/ and github/ are the homes of the outside services: no stage, no evidence work.',
    severity: 'error',
    from: { path: '^src/(kosli|github)/' },
    to: { path: '^src/(stages|evidence|actions|inputs|attestations)/|^src/[^/]+-action[.]ts$' }
  },
  {
    name: 'evidence-imports-no-client',
    comment:
      'evidence/ is pure work (JUnit, SARIF, templates, rules): it reaches no service, and reads no action input but what it is handed.',
    severity: 'error',
    from: { path: '^src/evidence/' },
    // GitHub's answers as wire shapes (types and zod schemas, no client) are data it may read.
    to: {
      path: '^src/(kosli|github|http|stages|actions|provenance|fingerprint|attestations|inputs)/',
      // Files named by inputs are resolved as artifacts are (fingerprint/paths.ts, no client).
      pathNot: ['^src/github/schemas[.]ts$', '^src/fingerprint/paths[.]ts$']
    }
  },
  {
    name: 'attestation-types-import-no-client',
    comment:
      'A type module reads its evidence and builds its payload; the attest stage sends it, and the action hands it any client as a function.',
    severity: 'error',
    from: { path: '^src/attestations/' },
    // A type checks its own inputs: the table of inputs gives their parsed types, problems.ts
    // `shown` to quote a value; nothing else there (rules.ts, which applies them, imports the types).
    to: {
      path: '^src/(github|http|stages|actions|inputs|provenance)/|^src/kosli/(client|artifacts|approvals|paths)[.]ts$',
      pathNot: '^src/inputs/(table|problems)[.]ts$'
    }
  },
  {
    name: 'fingerprint-knows-no-service',
    comment: 'Fingerprinting reads files and registries: it knows neither Kosli nor GitHub.',
    severity: 'error',
    from: { path: '^src/fingerprint/' },
    to: { path: '^src/(kosli|github|evidence|stages|actions|inputs|attestations)/' }
  },
  {
    name: 'provenance-under-the-stages',
    comment: 'Provenance is read by the stages, never the other way.',
    severity: 'error',
    from: { path: '^src/provenance/' },
    to: { path: '^src/(stages|actions|evidence|attestations)/' }
  },
  {
    name: 'inputs-under-the-stages',
    comment:
      "The inputs are parsed before any stage runs: they import no stage or client, and no attestation type (attest/ hands its types' rules to the parsing).",
    severity: 'error',
    from: { path: '^src/inputs/' },
    to: {
      path: '^src/(stages|actions|http|attestations)/|^src/kosli/(client|artifacts|approvals)[.]ts$|^src/github/(reader|octokit|pulls|paging|deployment-record)[.]ts$'
    }
  },
  {
    name: 'stages-under-the-actions',
    comment: 'A stage takes its own settings; the actions sequence the stages.',
    severity: 'error',
    from: { path: '^src/(stages|attestations)/' },
    to: { path: '^src/actions/|' + ENTRY_FILES }
  },
  {
    name: 'src-imports-no-test-support',
    comment: 'The stand-ins are written from the published schema, never the other way.',
    severity: 'error',
    from: { path: '^src/' },
    to: { path: '^(test-support|__tests__)/' }
  },
  {
    name: 'summary-helpers-import-only-the-printer',
    comment:
      "summary.ts is the markdown and output helpers every floor uses: it imports only print.ts and error-message.ts, no stage, action or service (the main action's summary is stages/run-summary.ts).",
    severity: 'error',
    from: { path: '^src/summary[.]ts$' },
    to: { path: '^src/', pathNot: '^src/(print|error-message)[.]ts$' }
  },
  {
    name: 'test-support-imports-no-script',
    comment:
      'The stand-ins and the runner of bundles sit under the scripts (demo, screenshots) that use them.',
    severity: 'error',
    from: { path: '^test-support/' },
    to: { path: '^(scripts|bench)/' }
  }
]

module.exports = {
  forbidden,
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|[.]test-bundle|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
    moduleSystems: ['es6', 'cjs']
  }
}

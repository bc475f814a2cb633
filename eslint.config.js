import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The functions of @actions/core that write to the log: src/print.ts calls them for everyone. */
const PRINTING = [
  'info',
  'debug',
  'warning',
  'error',
  'notice',
  'setFailed',
  'startGroup',
  'endGroup',
  'group',
  'setCommandEcho'
]

const PRINT_THROUGH_PRINT = 'Print through `print` (src/print.ts), which makes outside text inert.'
const CORE_PRINTS_IN_PRINT_TS = {
  name: '@actions/core',
  importNames: PRINTING,
  message: PRINT_THROUGH_PRINT
}
// @actions/github's `context` reads the event file at import, with no size cap, and prints
// outside print.ts: src/provenance/context.ts reads the run's context.
const NO_ACTIONS_GITHUB = {
  name: '@actions/github',
  message:
    'Read the run with src/provenance/context.ts; write to GitHub with src/github/octokit.ts.'
}

export default tseslint.config(
  { ignores: ['dist/', '.test-bundle/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    // The dependency-cruiser config is CommonJS, as depcruise loads it.
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly' }
    }
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      // A function a reader takes in at once: split longer ones into named steps.
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      'no-restricted-imports': ['error', { paths: [NO_ACTIONS_GITHUB] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value='@actions/github']",
          message: NO_ACTIONS_GITHUB.message
        },
        {
          selector: "ImportExpression[source.value='@actions/core']",
          message: `Import @actions/core statically; it prints only in src/print.ts. ${PRINT_THROUGH_PRINT}`
        }
      ]
    }
  },
  {
    // Every line goes through src/print.ts, which makes outside text inert for the runner.
    files: ['src/**/*.ts'],
    ignores: ['src/print.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ACTIONS_GITHUB, CORE_PRINTS_IN_PRINT_TS]
        }
      ],
      'no-restricted-properties': [
        'error',
        ...['stdout', 'stderr'].map(property => ({
          object: 'process',
          property,
          message: PRINT_THROUGH_PRINT
        }))
      ]
    }
  }
)

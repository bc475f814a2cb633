import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** The functions of src/workflow-commands.ts that write to the log. */
const PRINTING = [
  'info',
  'debug',
  'warning',
  'error',
  'notice',
  'setFailed',
  'startGroup',
  'endGroup'
]

const PRINT_THROUGH_PRINT = 'Print through `print` (src/print.ts), which makes outside text inert.'
const NO_ACTIONS_CORE = {
  name: '@actions/core',
  message:
    'Use src/workflow-commands.ts: @actions/core loads an HTTP client and more on every start.'
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
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [NO_ACTIONS_CORE] }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportExpression[source.value='@actions/core']",
          message: NO_ACTIONS_CORE.message
        }
      ]
    }
  },
  {
    // Every line goes through src/print.ts, which makes outside text inert for the runner.
    files: ['src/**/*.ts'],
    ignores: ['src/print.ts', 'src/workflow-commands.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [NO_ACTIONS_CORE],
          patterns: [
            {
              regex: '(^|/)workflow-commands(\\.js)?$',
              importNames: PRINTING,
              message: PRINT_THROUGH_PRINT
            }
          ]
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

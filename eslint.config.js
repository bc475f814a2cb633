import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** @actions/core's functions that write to the log. */
const PRINTING = [
  'info',
  'debug',
  'warning',
  'error',
  'notice',
  'setFailed',
  'startGroup',
  'endGroup',
  'group'
]

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
    // Every line goes through src/print.ts, which makes outside text inert for the runner.
    files: ['src/**/*.ts'],
    ignores: ['src/print.ts'],
    rules: {
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        ...PRINTING.map(property => ({
          object: 'core',
          property,
          message: 'Print through `print` (src/print.ts), which makes outside text inert.'
        })),
        ...['stdout', 'stderr'].map(property => ({
          object: 'process',
          property,
          message: 'Print through `print` (src/print.ts), which makes outside text inert.'
        }))
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: `ImportDeclaration[source.value='@actions/core'] > ImportSpecifier[imported.name=/^(${PRINTING.join('|')})$/]`,
          message: 'Print through `print` (src/print.ts), which makes outside text inert.'
        }
      ]
    }
  }
)

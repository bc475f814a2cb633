import { resolveNode24 } from './scripts/node24.mjs'

// The end-to-end tests run dist/index.js on Node 24 as the runner does; without one they are
// skipped, and the reason is printed, rather than failing one by one.
const node24 = resolveNode24()
const needNode24 = [
  '<rootDir>/__tests__/e2e/',
  '<rootDir>/__tests__/test-support/run-action.test.ts'
]
if (!node24.binary) console.warn(`Skipping the end-to-end tests: ${node24.reason}`)

/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', ...(node24.binary ? [] : needNode24)],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 60000,
  globalSetup: '<rootDir>/test-support/global-setup.mjs'
}

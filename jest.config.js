import { availableParallelism } from 'node:os'
import { resolveNode24 } from './test-support/node24.mjs'

// Two projects: unit tests import src/ and start at once; end-to-end tests run a bundle as a
// child process, and only their project builds one (its globalSetup runs only when one of its
// tests is selected). `npm run test:unit` never waits for ncc.
const E2E = ['<rootDir>/__tests__/e2e/', '<rootDir>/__tests__/test-support/run-action.test.ts']

// The end-to-end tests run the bundle on Node 24 as the runner does; without one they are
// skipped, and the reason is printed, rather than failing one by one.
const node24 = resolveNode24()
if (!node24.binary) console.warn(`Skipping the end-to-end tests: ${node24.reason}`)

const common = {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testTimeout: 60000
}

const projects = [
  {
    ...common,
    displayName: 'unit',
    testMatch: ['**/*.test.ts'],
    testPathIgnorePatterns: ['/node_modules/', ...E2E]
  },
  {
    ...common,
    displayName: 'e2e',
    testMatch: E2E.map(p => (p.endsWith('/') ? `${p}**/*.test.ts` : p)),
    testPathIgnorePatterns: ['/node_modules/', ...(node24.binary ? [] : E2E)],
    globalSetup: '<rootDir>/test-support/global-setup.mjs'
  }
]

// KOSLI_TEST_PROJECT=unit|e2e keeps one project (npm run test:unit / test:e2e), leaving jest's
// own arguments free for file names and options.
const only = process.env.KOSLI_TEST_PROJECT

/** @type {import('jest').Config} */
export default {
  // Read from the top level: a project's own testTimeout is not applied.
  testTimeout: 60000,
  // Two test files per core: most end-to-end time is spent waiting (child processes, request
  // timeouts, retry backoff), and jest's default (cores - 1) leaves one file running on 2 cores.
  maxWorkers: Math.min(8, 2 * availableParallelism()),
  projects: only ? projects.filter(p => p.displayName === only) : projects
}

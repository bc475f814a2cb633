// Jest's global set-up: the end-to-end tests run a bundle built from src/ now, so a broken
// source fails `npm test` whether or not dist/ was rebuilt. KOSLI_TEST_BUNDLE=dist runs them
// against the committed bundle instead (nothing is built then).
import { execFileSync } from 'node:child_process'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

export const TEST_BUNDLE = '.test-bundle'

export default function globalSetup() {
  if (process.env.KOSLI_TEST_BUNDLE) return
  const root = dirname(dirname(fileURLToPath(import.meta.url)))
  execFileSync('bash', ['scripts/bundle.sh', TEST_BUNDLE, '--quiet'], {
    cwd: root,
    stdio: 'inherit'
  })
  // Read by run-action.ts in the test workers, which start after this.
  process.env.KOSLI_TEST_BUNDLE = TEST_BUNDLE
}

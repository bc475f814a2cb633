// Jest's global set-up: the end-to-end tests run a bundle built from src/ now, so a broken
// source fails `npm test` whether or not dist/ was rebuilt. KOSLI_TEST_BUNDLE=dist runs them
// against the committed bundle instead (nothing is built then).
//
// The bundle is built again only when what it is built from changed: every file under src/,
// the lockfile, the bundling scripts and tsconfig.json, hashed into a stamp beside it. A second
// `npm run test:e2e` on the same sources starts at once; any change to src/ rebuilds.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const TEST_BUNDLE = '.test-bundle'
const STAMP = '.built-from'
const INPUTS = [
  'src',
  'package-lock.json',
  'tsconfig.json',
  'scripts/bundle.sh',
  'scripts/merge-licenses.mjs'
]

/** The sha256 of every input file's path and bytes, in a stable order. */
export function sourcesDigest(root) {
  const hash = createHash('sha256')
  const add = path => {
    hash.update(`${path}\0`)
    hash.update(readFileSync(join(root, path)))
    hash.update('\0')
  }
  for (const input of INPUTS) {
    if (input.includes('.')) {
      add(input)
      continue
    }
    const files = readdirSync(join(root, input), { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => join(entry.parentPath ?? entry.path, entry.name).slice(root.length + 1))
      .sort()
    for (const file of files) add(file)
  }
  return hash.digest('hex')
}

export default function globalSetup() {
  if (process.env.KOSLI_TEST_BUNDLE) return
  const root = dirname(dirname(fileURLToPath(import.meta.url)))
  const stamp = join(root, TEST_BUNDLE, STAMP)
  const digest = sourcesDigest(root)
  const built = existsSync(stamp) ? readFileSync(stamp, 'utf8').trim() : ''
  if (built !== digest) {
    // A build that fails half-way leaves no stamp, so the next run builds again.
    rmSync(stamp, { force: true })
    execFileSync('bash', ['scripts/bundle.sh', TEST_BUNDLE, '--quiet'], {
      cwd: root,
      stdio: 'inherit'
    })
    writeFileSync(stamp, `${digest}\n`)
  }
  // Read by run-action.ts in the test workers, which start after this.
  process.env.KOSLI_TEST_BUNDLE = TEST_BUNDLE
}

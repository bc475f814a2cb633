// ncc writes the licenses of each chunk's packages to a file of that chunk's own
// (`[name].licenses.txt`): one licenses.txt for a split bundle would hold only the last chunk's.
// This merges them into OUTDIR/licenses.txt, each package once, sorted by name, and removes them.
//
//   node scripts/merge-licenses.mjs OUTDIR
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const out = process.argv[2]
if (!out) throw new Error('usage: node scripts/merge-licenses.mjs OUTDIR')
const files = readdirSync(out).filter(name => name.endsWith('.licenses.txt'))
if (files.length === 0) throw new Error(`no *.licenses.txt in ${out}: did ncc run with --license?`)

// An entry is the package's name, its license, then the license text. A line starts an entry when
// it follows a blank line, names an installed package, and the next line is that package's license.
const licenses = new Map()
function startsEntry(lines, i) {
  if (i > 0 && lines[i - 1] !== '') return false
  const name = lines[i]
  if (!/^(@[\w.-]+\/)?[\w.-]+$/.test(name)) return false
  if (!licenses.has(name)) {
    const manifest = join('node_modules', name, 'package.json')
    licenses.set(
      name,
      existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')).license : null
    )
  }
  return licenses.get(name) != null && lines[i + 1] === licenses.get(name)
}

const entries = new Map()
for (const file of files) {
  const lines = readFileSync(join(out, file), 'utf8').split('\n')
  let start = -1
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !startsEntry(lines, i)) continue
    if (start >= 0) entries.set(lines[start], lines.slice(start, i).join('\n').trimEnd())
    start = i
  }
  rmSync(join(out, file))
}
const names = [...entries.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
writeFileSync(join(out, 'licenses.txt'), `${names.map(name => entries.get(name)).join('\n\n\n')}\n`)

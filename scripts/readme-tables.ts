// Regenerates the README's inputs and outputs tables from action.yml, and its list of attestation
// types from the table in src/attestations/ (npm run docs); __tests__/scripts/readme-tables.test.ts
// and __tests__/attestations/table.test.ts fail when the README differs.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { ATTESTATION_TYPES } from '../src/attestations/table.js'

interface ActionYaml {
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BEGIN = (what: string): string =>
  `<!-- ${what}:begin (generated from action.yml by npm run docs) -->`
const END = (what: string): string => `<!-- ${what}:end -->`

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function renderTables(actionYml: string): { inputs: string; outputs: string } {
  const action = parse(actionYml) as ActionYaml
  const inputs = [
    '| Input | Default | Description |',
    '| --- | --- | --- |',
    ...Object.entries(action.inputs).map(
      ([name, input]) =>
        `| \`${name}\` | ${input.default !== undefined ? `\`${cell(input.default)}\`` : ''} | ${cell(input.description)} |`
    )
  ].join('\n')
  const outputs = [
    '| Output | Description |',
    '| --- | --- |',
    ...Object.entries(action.outputs).map(
      ([name, output]) => `| \`${name}\` | ${cell(output.description)} |`
    )
  ].join('\n')
  return { inputs, outputs }
}

const TYPES_BEGIN =
  '<!-- attestation-types:begin (generated from src/attestations by npm run docs) -->'
const TYPES_END = '<!-- attestation-types:end -->'

/** The attest types, one line each, from the table: what `type` takes and what each reads. */
export function renderTypes(): string {
  const lines = ATTESTATION_TYPES.map(type => `- \`${type.input}\`: ${type.doc}.`)
  return `${TYPES_BEGIN}\n${lines.join('\n')}\n${TYPES_END}`
}

export function updateReadme(readme: string, actionYml: string): string {
  const tables = renderTables(actionYml)
  let text = readme
  for (const what of ['inputs', 'outputs'] as const) {
    const begin = text.indexOf(BEGIN(what))
    const end = text.indexOf(END(what))
    if (begin < 0 || end < begin) throw new Error(`README.md has no ${what} markers`)
    text = `${text.slice(0, begin)}${BEGIN(what)}\n${tables[what]}\n${text.slice(end)}`
  }
  const begin = text.indexOf(TYPES_BEGIN)
  const end = text.indexOf(TYPES_END)
  if (begin < 0 || end < begin) throw new Error('README.md has no attestation-types markers')
  return `${text.slice(0, begin)}${renderTypes()}${text.slice(end + TYPES_END.length)}`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const readmePath = `${ROOT}README.md`
  const updated = updateReadme(
    readFileSync(readmePath, 'utf8'),
    readFileSync(`${ROOT}action.yml`, 'utf8')
  )
  writeFileSync(readmePath, updated)
  console.log('README.md tables regenerated from action.yml')
}

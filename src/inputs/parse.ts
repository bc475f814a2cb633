import * as fs from 'node:fs'
import * as path from 'node:path'
import { jsonErrorLocation } from '../json-error.js'
import { FileReadError, FILE_LIMITS, readRegularFile } from '../read-file.js'
import { isInside, leavesWorkspace, realWorkspace } from '../workspace.js'
import { CONTROL, CONTROL_OR_NEWLINE, describeJsonType } from './fields.js'
import { InputError, shown } from './problems.js'
import { crossChecks } from './rules.js'
import {
  type ActionName,
  type Config,
  type InputChecks,
  INPUTS,
  INPUT_NAMES,
  type InputName,
  envFallback,
  inputsOf,
  MULTILINE_INPUTS,
  type ParsedInputs,
  type RawInputs,
  SECRET_INPUTS
} from './table.js'

const MAX_INPUT_BYTES = 1024 * 1024

/**
 * Raw values after the KOSLI_* fallback; what the parsers and the error messages see. An input
 * that is not the action's own stays unset, so it takes its default.
 */
export function withEnvFallbacks(
  raw: RawInputs,
  env: NodeJS.ProcessEnv,
  action: ActionName = 'main'
): RawInputs {
  const resolved: RawInputs = {}
  for (const name of inputsOf(action)) {
    const value = raw[name]
    const variable = envFallback(name, action)
    resolved[name] =
      value !== undefined && value.trim() !== '' ? value : variable ? env[variable] : value
  }
  return resolved
}

function checkCharacters(
  name: InputName,
  value: string,
  secrets: readonly string[]
): string | undefined {
  const bytes = Buffer.byteLength(value)
  if (bytes > MAX_INPUT_BYTES) return `'${name}': given ${bytes} bytes; expected at most 1 MiB`
  const multiline = MULTILINE_INPUTS.has(name)
  if (!(multiline ? CONTROL : CONTROL_OR_NEWLINE).test(value.trim())) return undefined
  return `'${name}': given ${shown(name, value, secrets)}; expected ${
    multiline ? 'text without control characters' : 'a single line without control characters'
  }`
}

/**
 * Parses and validates every input, then reads the files they name; throws one InputError that
 * lists every problem. An input that failed its own check is left out of the rules that
 * combine inputs, so each problem is reported once. `checks` are the action's own rules
 * (attest/'s types, from src/attestations/inputs.ts).
 */
export function parseInputs(
  raw: RawInputs,
  env: NodeJS.ProcessEnv,
  workspace: string,
  action: ActionName = 'main',
  checks?: InputChecks
): Config {
  const values = withEnvFallbacks(raw, env, action)
  // Hidden in any other value quoted in a problem, before it is cut.
  const secrets = [...SECRET_INPUTS].flatMap(name => values[name] || [])
  const own = new Set(inputsOf(action))
  const problems: string[] = []
  const failed = new Set<InputName>()
  const parsed: Record<string, unknown> = {}
  for (const name of INPUT_NAMES) {
    const spec = INPUTS[name]
    const value = values[name]
    const refused =
      value === undefined || !own.has(name) ? undefined : checkCharacters(name, value, secrets)
    const result = refused ? undefined : spec.schema.safeParse(value)
    if (result?.success) {
      parsed[spec.field] = result.data
      continue
    }
    failed.add(name)
    // The field's value when unset, so the rules below can still read every field.
    parsed[spec.field] = spec.schema.safeParse(undefined).data
    if (refused) {
      problems.push(refused)
      continue
    }
    const variable = envFallback(name, action)
    const via = variable && !raw[name]?.trim() ? ` (from ${variable})` : ''
    for (const issue of result?.error.issues ?? []) {
      problems.push(
        `'${name}'${via}: given ${shown(name, value, secrets)}; expected ${issue.message}`
      )
    }
  }
  const inputs = parsed as ParsedInputs
  problems.push(...crossChecks(inputs, values, failed, action, checks))
  const userData = failed.has('user-data')
    ? undefined
    : readJsonObject('user-data', inputs.userData, workspace, problems)
  const attestationData = failed.has('attestation-data')
    ? undefined
    : readJsonObject('attestation-data', inputs.attestationData, workspace, problems)
  if (problems.length > 0) throw new InputError(problems)
  return { ...inputs, userData, attestationData }
}

/** A JSON object input: given inline, or read from its .json file once every input has been parsed. */
function readJsonObject(
  input: 'user-data' | 'attestation-data',
  source: ParsedInputs['userData'],
  workspace: string,
  problems: string[]
): Record<string, unknown> | undefined {
  if (source === undefined) return undefined
  if (source.kind === 'inline') return source.value
  const given = shown(input, source.path)
  const problem = (expected: string): undefined => {
    problems.push(`'${input}': given ${given}; expected ${expected}`)
    return undefined
  }
  // Its contents are sent to Kosli: a relative path must not climb out of the workspace.
  if (leavesWorkspace(source.path)) {
    return problem('a .json file inside the workspace (give an absolute path if you mean it)')
  }
  let text: string
  try {
    // Its real path: a committed symlink must not lead a relative path out of the workspace.
    const real = fs.realpathSync(path.resolve(workspace, source.path))
    if (!path.isAbsolute(source.path) && !isInside(realWorkspace(workspace), real)) {
      return problem(
        `a .json file inside the workspace, but it leads out of it to ${JSON.stringify(real)} (through a symlink; give an absolute path if you mean it)`
      )
    }
    text = readRegularFile(real, { input, what: '.json file', limit: FILE_LIMITS.json }).toString(
      'utf8'
    )
  } catch (error) {
    if (error instanceof FileReadError)
      return problem(`a regular file within the limit (${error.message})`)
    return problem(`a readable .json file (${(error as NodeJS.ErrnoException).code})`)
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    // JSON.parse's message quotes the text; the place is enough, and the text may be private.
    return problem(`valid JSON in the file ${source.path} (${jsonErrorLocation(text)})`)
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return problem(`a JSON object in the file ${source.path}, not ${describeJsonType(parsed)}`)
  }
  return parsed as Record<string, unknown>
}

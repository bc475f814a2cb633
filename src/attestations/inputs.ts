import { shown } from '../inputs/problems.js'
import {
  INPUT_NAMES,
  type InputChecks,
  type InputsOk,
  type ParsedInputs,
  type RawInputs
} from '../inputs/table.js'
import { PayloadError, splitAttestationName } from '../evidence/names.js'
import { ATTESTATION_TYPES, attestationTypeOf, wordList } from './table.js'
import type { AttestationTypeModule } from './type.js'

// attest/'s rules on its inputs, which the action hands to the parsing of its inputs: a type and
// a name, the inputs only some types take (their modules' `takes`), and the chosen type's own
// `check`. A type's rules live in its module; this file applies them from the table.

/** The checks of attest/'s inputs over a table of types (a test passes a copy with one more). */
export function attestInputChecks(
  types: readonly AttestationTypeModule[] = ATTESTATION_TYPES
): InputChecks {
  return (inputs, values, ok) => attestChecks(inputs, values, ok, types)
}

/** The rules of attest/ that are no type's own: a type and a name, and each input in its type. */
function attestChecks(
  inputs: ParsedInputs,
  values: RawInputs,
  ok: InputsOk,
  types: readonly AttestationTypeModule[]
): string[] {
  const problems: string[] = []
  let module: AttestationTypeModule | undefined
  if (!inputs.attestationType && ok('type')) {
    problems.push(`'type': given nothing; expected ${wordList(types.map(type => type.input))}`)
  } else if (inputs.attestationType) {
    try {
      module = attestationTypeOf(inputs.attestationType, types).module
    } catch {
      problems.push(
        `'type': given ${shown('type', values.type)}; expected ${wordList(types.map(type => type.input))}`
      )
    }
  }
  if (!inputs.attestationName && ok('name')) {
    problems.push(
      `'name': given nothing; expected the attestation's name in the template, or <artifact>.<attestation>`
    )
  } else if (inputs.attestationName) {
    try {
      splitAttestationName(inputs.attestationName)
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error
      problems.push(
        `'name': given ${shown('name', values.name)}; expected <attestation> or <artifact>.<attestation>, each of letters, digits, '-', '_' and ',' (Kosli allows no other character, no dot in a name)`
      )
    }
  }
  if (module === undefined) return problems
  const typeInput = inputs.attestationType ?? ''
  return [
    ...problems,
    ...typeOwnedInputs(module, types, values, ok, typeInput),
    ...(module.inputs?.check?.(inputs, values, ok, typeInput) ?? [])
  ]
}

/**
 * The inputs only some types take (their modules' `takes`), given with a type that does not.
 * Inputs with a default in action.yml are always given, so no type lists them in `takes`.
 */
function typeOwnedInputs(
  chosen: AttestationTypeModule,
  types: readonly AttestationTypeModule[],
  values: RawInputs,
  ok: InputsOk,
  typeInput: string
): string[] {
  const problems: string[] = []
  for (const name of INPUT_NAMES) {
    const takers = types.filter(type => type.inputs?.takes?.includes(name))
    if (takers.length === 0 || takers.includes(chosen)) continue
    // An input that failed its own check already has its problem.
    if ((values[name] ?? '').trim() === '' || !ok(name)) continue
    const reason = chosen.inputs?.refuses?.[name]
    problems.push(
      `'${name}': given ${shown(name, values[name])} with type ${typeInput}; expected it only with type ${wordList(takers.map(type => type.input))}${reason ? ` (${reason})` : ''}`
    )
  }
  return problems
}

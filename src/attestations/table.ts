import { PayloadError } from '../shapes/patterns.js'
import { custom } from './custom.js'
import { generic } from './generic.js'
import { junit } from './junit.js'
import { pullRequest } from './pull-request.js'
import { snyk } from './snyk.js'
import type { AttestationType, AttestationTypeModule, OwnedInput } from './type.js'

// The attestation types attest/ records, one module each: adding a type is its module, a line
// here and its inputs in attest/action.yml. The inputs' checks, the attest stage, the template
// check and the README's list of types all read this table.

export const ATTESTATION_TYPES: readonly AttestationTypeModule[] = [
  pullRequest,
  junit,
  generic,
  snyk,
  custom
]

// Types Kosli knows that this action does not record yet: a template may still expect them.
const KOSLI_ONLY_TYPES = ['jira', 'sonar', 'decision']

/** What a template's `type` may be besides custom:<type-name>; `*` is any type. */
export const TEMPLATE_TYPES: readonly string[] = [
  ...ATTESTATION_TYPES.filter(type => type !== custom).map(type => type.kind),
  ...KOSLI_ONLY_TYPES.filter(kind => !ATTESTATION_TYPES.some(type => type.kind === kind)),
  '*'
]

/** `pull-request, junit, generic, snyk or custom:<type-name>`. */
export const TYPE_NAMES = wordList(ATTESTATION_TYPES.map(type => type.input))

/** The attest `type` input: its module, and the type as the step runs it. */
export function attestationTypeOf(value: string): {
  module: AttestationTypeModule
  type: AttestationType
} {
  const v = value.trim()
  const named = ATTESTATION_TYPES.find(type => type !== custom && type.input === v)
  if (named) return { module: named, type: { kind: named.kind } }
  const customName = /^custom:(\S+)$/.exec(v)
  if (customName) return { module: custom, type: { kind: custom.kind, typeName: customName[1] } }
  throw new PayloadError(`type: '${v}' is not an attestation type; use ${TYPE_NAMES}.`)
}

/** The module of a type by Kosli's name of it (the settings' `type.kind`). */
export function attestationTypeOfKind(kind: string): AttestationTypeModule {
  const module = ATTESTATION_TYPES.find(type => type.kind === kind)
  if (!module) throw new PayloadError(`'${kind}' is not an attestation type of this action.`)
  return module
}

/** The types that own an input, by their `type` values: `junit or snyk`. */
export function ownersOf(input: OwnedInput): string {
  return wordList(ATTESTATION_TYPES.filter(type => type.owns.includes(input)).map(t => t.input))
}

function wordList(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`
}

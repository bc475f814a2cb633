import { redactedCut } from '../redact.js'
import { type InputName, SECRET_INPUTS } from './table.js'

/** Every problem found in the inputs, in one error, so one run lists them all. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map(problem => `- ${problem}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

/**
 * How an input's value is quoted in an error: never a secret, never a URL's credentials. The
 * `secrets` (the values of the secret inputs) are hidden in the whole value before it is cut.
 */
export function shown(
  name: InputName,
  value: string | undefined,
  secrets: readonly string[] = []
): string {
  if (SECRET_INPUTS.has(name)) return 'a value (hidden)'
  if (value === undefined || value === '') return 'nothing'
  const safe = value.replace(/\/\/[^/@\s]*@/g, '//***@')
  const text = redactedCut(safe, 80, secrets, () => `… (${safe.length} characters)`)
  // JSON.stringify escapes every C0 control character; DEL is escaped here.
  return JSON.stringify(text).replace(/\u007f/g, '\\u007f')
}

import { redactedCut } from '../redact.js'
import { type InputName, SECRET_INPUTS } from './table.js'

// Defined on the ground floor, so that evidence/ can refuse a file the inputs name.
export { InputError } from '../error-message.js'

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

import { print } from './print.js'

/**
 * Node would print a stray error's stack to stderr as it is, and the runner reads commands there
 * too; so it fails the step through the printer instead.
 */
export function failUnexpectedly(reason: unknown): void {
  print.setFailed(`Unexpected error: ${reason instanceof Error ? reason.message : String(reason)}`)
}

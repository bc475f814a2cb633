import { print } from './print.js'

/** Where the HTTP layer writes its lines; the step's log by default, a recorder in tests. */
export interface Log {
  info(message: string): void
  debug(message: string): void
  warning(message: string): void
  startGroup(name: string): void
  endGroup(): void
  /** Whether debug lines are wanted; a log without it takes every line. */
  isDebug?(): boolean
}

/** Whether a debug line for `log` is worth composing at all. */
export function debugOn(log: Log): boolean {
  return log.isDebug ? log.isDebug() : true
}

export const REDACTED = '***'

/** The log of the step: the printer, which makes outside text inert (see print.ts). */
export const coreLog: Log = {
  info: m => print.info(m),
  debug: m => print.debug(m),
  warning: m => print.warning(m),
  startGroup: n => print.startGroup(n),
  endGroup: () => print.endGroup(),
  isDebug: () => print.isDebug()
}

/** Each form a secret takes in text: itself, URL- and JSON-encoded, and each of its lines. */
function secretForms(secrets: readonly string[]): string[] {
  const forms = new Set<string>()
  for (const secret of secrets) {
    if (!secret) continue
    forms.add(secret)
    forms.add(encodeURIComponent(secret))
    forms.add(JSON.stringify(secret).slice(1, -1))
    // A multi-line secret may be printed one line at a time.
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= 4) forms.add(line)
  }
  // Longest first, so a secret that contains another one is hidden whole.
  return [...forms].filter(f => f.length > 0).sort((a, b) => b.length - a.length)
}

/**
 * Replaces every occurrence of each secret in `text` with `***`, also in the encoded forms a
 * secret takes inside a URL or a JSON string, so a secret echoed back by a server is hidden too.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text
  for (const form of secretForms(secrets)) out = out.split(form).join(REDACTED)
  return out
}

/**
 * `text` with its secrets hidden, then cut to `max` characters; `note` says what was cut
 * (default `…`). Hiding comes first, on the whole text, so a secret across the cut is hidden
 * whole; and the part kept never ends in the start of a secret.
 */
export function redactedCut(
  text: string,
  max: number,
  secrets: readonly string[],
  note: (left: number) => string = () => '…'
): string {
  const hidden = redactSecrets(text, secrets)
  if (hidden.length <= max) return hidden
  let kept = hidden.slice(0, max)
  for (const form of secretForms(secrets)) {
    for (let n = Math.min(form.length - 1, kept.length); n > 0; n--) {
      if (kept.endsWith(form.slice(0, n))) {
        kept = kept.slice(0, -n)
        break
      }
    }
  }
  return `${kept}${note(hidden.length - kept.length)}`
}

/** Wraps a log so that every line and group name passes through redactSecrets. */
export function redactingLog(log: Log, secrets: () => string[]): Log {
  const r = (m: string): string => redactSecrets(m, secrets())
  return {
    info: m => log.info(r(m)),
    debug: m => log.debug(r(m)),
    warning: m => log.warning(r(m)),
    startGroup: n => log.startGroup(r(n)),
    endGroup: () => log.endGroup(),
    isDebug: () => debugOn(log)
  }
}

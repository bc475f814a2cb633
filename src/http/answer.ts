import { redactedCut, redactSecrets } from '../redact.js'

/** The reason phrase the server sent, else the standard one: `503 Service Unavailable`. */
export function statusText(status: number, given?: string): string {
  // Taken from the process: an ESM import of node:http makes Node 24 load its fetch (undici).
  return (
    given?.trim() || process.getBuiltinModule('node:http').STATUS_CODES[status] || 'Unknown Status'
  )
}

/**
 * The server's own words in an error answer: `message`, `detail` or `error` of a JSON body, the
 * first message of an `errors` list, the title of an HTML page, or the start of plain text.
 * `secrets` are hidden in the whole answer before anything is picked or cut from it.
 */
export function serverMessage(answer: string, secrets: readonly string[]): string {
  const text = redactSecrets(answer, secrets)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
    return excerpt(title ? title[1] : text.replace(/<[^>]*>/g, ' '), 300, secrets)
  }
  if (isObject(json)) {
    const message = json.message ?? json.detail ?? json.error
    if (typeof message === 'string') return excerpt(message, 300, secrets)
    const first: unknown = Array.isArray(json.errors) ? json.errors[0] : undefined
    if (isObject(first) && typeof first.message === 'string') {
      return excerpt(first.message, 300, secrets)
    }
  }
  return excerpt(text, 300, secrets)
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The text on one line, cut at `max` characters; `secrets` are hidden first (see redactedCut). */
export function excerpt(text: string, max: number, secrets: readonly string[]): string {
  const flat = redactSecrets(text, secrets).replace(/\s+/g, ' ').trim()
  return redactedCut(flat, max, secrets)
}

const SECRET_PARAM = /token|secret|key|password|passwd|sig|code|auth|credential/i

/** The URL for a message: the values of secret-looking query parameters hidden. */
export function safeUrl(url: URL | string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return String(url).replace(/\?.*$/, '')
  }
  const secret = [...parsed.searchParams.keys()].filter(key => SECRET_PARAM.test(key))
  if (secret.length === 0) return String(url)
  for (const key of secret) parsed.searchParams.set(key, 'REDACTED')
  return parsed.href
}

import * as z from 'zod/mini'
import { parseImageReference } from '../fingerprint/oci/reference.js'
import { DEPLOYMENT_RECORD_LIMITS } from '../github/runtime-risks.js'
import { jsonErrorLocation } from '../json-error.js'
import { EXTERNAL_URL_LABEL } from '../shapes/patterns.js'

// The zod schemas of the inputs table: each takes the raw string (or nothing) and gives the typed
// value; each issue's message is what was expected. zod/mini, as every run loads them at start.

/** An input's schema: the raw value in, the Config field's value out. */
export type Field<T> = z.ZodMiniType<T, string | undefined>

const HEX40 = /^[0-9a-fA-F]{40}$/
const DIGEST = /^(?:sha256:)?[0-9a-fA-F]{64}$/i

// Multi-line inputs keep tabs and line breaks (LF or CRLF); a lone CR is refused.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/
// eslint-disable-next-line no-control-regex
export const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/

/** The deployment-environment rules, for the value a deployment event brings instead of the input. */
export function isDeploymentEnvironment(value: string): boolean {
  return (
    value.length >= 1 &&
    value.length <= DEPLOYMENT_RECORD_LIMITS.environment &&
    !CONTROL_OR_NEWLINE.test(value)
  )
}

/** The non-empty lines of a multi-line value, trimmed. */
export function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line.length > 0)
}

export function commaList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(item => item.length > 0)
}

type Refuse = (expected: string) => never

/**
 * A schema over the trimmed value from a function of the domain's rules; `refuse` records what
 * was expected (its return is never used, as the field has failed), so a reader may go on.
 */
function reading<T>(read: (value: string, refuse: Refuse) => T): z.ZodMiniType<T, string> {
  return z.pipe(
    z.string(),
    z.transform((value: string, ctx) =>
      read(value, expected => {
        ctx.issues.push({ code: 'custom', message: expected, input: value })
        return z.NEVER as never
      })
    )
  )
}

/** Empty or blank is unset; anything else is trimmed. */
const given = z.pipe(
  z.optional(z.string()),
  z.transform((raw: string | undefined) => raw?.trim() || undefined)
)

/** An input that may be unset: unset is `undefined`; anything else goes to `value`. */
export function optional<T>(value: z.ZodMiniType<T, string>): Field<T | undefined> {
  return z.pipe(given, z.optional(value))
}

/** Unset is what `fallback` makes: a new one each time, so no two configs share a list. */
export function withDefault<T>(inner: Field<T | undefined>, fallback: () => T): Field<T> {
  return z.pipe(
    inner,
    z.transform((value: T | undefined) => value ?? fallback())
  )
}

/** Unset is `''`: the rules between inputs say that it is missing. */
export function required(inner: Field<string | undefined>): Field<string> {
  return withDefault(inner, () => '')
}

export function text(): Field<string | undefined> {
  return optional(z.string())
}

/** A comma-separated list; unset is `undefined`. */
export function commaSeparated(): Field<string[] | undefined> {
  return optional(z.pipe(z.string(), z.transform(commaList)))
}

/** One of `values`, in any case; unset is `fallback`. */
export function oneOf<const T extends readonly [string, ...string[]]>(
  values: T,
  fallback: T[number]
): Field<T[number]> {
  const one = z.pipe(
    z.string().check(z.toLowerCase()),
    z.enum(values, `one of ${values.join(', ')}`)
  ) as unknown as z.ZodMiniType<T[number], string>
  return withDefault(optional(one), () => fallback)
}

/** zod's string-to-boolean codec, over the values given; any case. */
function stringbool(
  truthy: string[],
  falsy: string[],
  error: string
): z.ZodMiniType<boolean, string> {
  return z.stringbool({ truthy, falsy, error }) as z.ZodMiniType<boolean, unknown> as z.ZodMiniType<
    boolean,
    string
  >
}

const trueOrFalse = stringbool(['true'], ['false'], 'true or false')

/** `true` or `false`; unset is `undefined` (sent only when given). */
export function optionalBoolean(): Field<boolean | undefined> {
  return optional(trueOrFalse)
}

export function boolean(fallback: boolean): Field<boolean> {
  return withDefault(optional(trueOrFalse), () => fallback)
}

/**
 * `true`/`false`, or a step or job outcome (`success` is true; `failure`, `cancelled` and
 * `skipped` are false), so `${{ steps.test.outcome }}` can be given as it is; unset is undefined.
 */
export function stepOutcome(): Field<boolean | undefined> {
  return optional(
    stringbool(
      ['true', 'success'],
      ['false', 'failure', 'cancelled', 'skipped'],
      'true, false, or a step outcome (success, failure, cancelled, skipped)'
    )
  )
}

export function pattern(regex: RegExp, what: string): Field<string | undefined> {
  return optional(z.string().check(z.regex(regex, `${what} matching ${regex.source}`)))
}

export function maxLength(limit: number): Field<string | undefined> {
  return optional(z.string().check(z.maxLength(limit, `at most ${limit} characters`)))
}

export function commitSha(): Field<string | undefined> {
  return optional(
    z.string().check(z.regex(HEX40, 'a full 40-character hex git commit sha'), z.toLowerCase())
  )
}

/** 64 hex, or `sha256:` + 64 hex; lowered, without the prefix. */
export function digest(): Field<string | undefined> {
  return optional(
    z.pipe(
      z
        .string()
        .check(
          z.regex(DIGEST, '64 hex characters, or sha256: followed by 64 hex characters'),
          z.toLowerCase()
        ),
      z.transform((value: string) => value.slice(-64))
    )
  )
}

function checkHttpUrl(value: string, refuse: Refuse): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return refuse('an absolute http(s) URL')
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? value : refuse('an http(s) URL')
}

export function httpUrl(): Field<string | undefined> {
  return optional(reading(checkHttpUrl))
}

export function integer(min: number, max: number, fallback: number): Field<number> {
  const message =
    max === Infinity ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`
  const whole = z.pipe(
    z.string().check(z.regex(/^\d+$/, message)),
    z.pipe(
      z.transform(Number),
      z.int({ error: message, abort: true }).check(z.gte(min, message), z.lte(max, message))
    )
  )
  return withDefault(optional(whole), () => fallback)
}

/** Non-empty lines, trimmed; unset is `[]`. */
export function lineList(): Field<string[]> {
  return withDefault(optional(z.pipe(z.string(), z.transform(lines))), () => [])
}

/**
 * A comma-separated subset of `allowed`, lowered; unset is `[]`. `each` names one item in the
 * messages; with `once`, a repeated item is refused rather than merged.
 */
export function subset<const T extends readonly string[]>(
  allowed: T,
  options: { each?: string; once?: boolean; limit?: number } = {}
): Field<Array<T[number]>> {
  const known = (item: string): item is T[number] => (allowed as readonly string[]).includes(item)
  const items = reading((value, refuse) => {
    const items = commaList(value.toLowerCase())
    if (!items.every(known)) return refuse(`a comma-separated list of ${allowed.join(', ')}`)
    const unique = [...new Set(items)]
    if (options.once && unique.length !== items.length) return refuse(`each ${options.each} once`)
    if (options.limit !== undefined && unique.length > options.limit) {
      return refuse(`at most ${options.limit} ${options.each}s`)
    }
    return unique
  })
  return withDefault(optional(items), () => [])
}

export function keyValueLines(
  keyPattern: RegExp,
  what: string,
  limit?: number
): Field<Record<string, string>> {
  const entries = reading((value, refuse) => {
    const entries: Record<string, string> = {}
    for (const line of lines(value)) {
      const eq = line.indexOf('=')
      const key = eq > 0 ? line.slice(0, eq).trim() : ''
      if (!keyPattern.test(key)) {
        return refuse(`${what} lines as key=value with keys matching ${keyPattern.source}`)
      }
      if (Object.hasOwn(entries, key)) return refuse(`each key once (${key} is repeated)`)
      entries[key] = line.slice(eq + 1).trim()
    }
    if (limit !== undefined && Object.keys(entries).length > limit) {
      return refuse(`at most ${limit} key=value lines`)
    }
    return entries
  })
  return withDefault(optional(entries), () => ({}))
}

// Kosli's value shape: the address is `href`; there is no `url` key.
export interface ExternalUrl {
  href: string
  fingerprint?: string
}

/** `label=url` lines, a url optionally followed by `@` and a 64-hex fingerprint. */
export function externalUrls(): Field<Record<string, ExternalUrl>> {
  const urls = reading((value, refuse) => {
    const result: Record<string, ExternalUrl> = {}
    for (const line of lines(value)) {
      const eq = line.indexOf('=')
      const label = eq > 0 ? line.slice(0, eq).trim() : ''
      if (!EXTERNAL_URL_LABEL.test(label))
        return refuse('label=url lines; a label has no "=" or "."')
      if (Object.hasOwn(result, label)) return refuse(`each label once (${label} is repeated)`)
      let url = line.slice(eq + 1).trim()
      let fingerprint: string | undefined
      const at = /@([0-9a-fA-F]{64})$/.exec(url)
      if (at) {
        fingerprint = at[1].toLowerCase()
        url = url.slice(0, at.index)
      }
      // Every line's URL is checked, so each bad one is reported.
      checkHttpUrl(url, refuse)
      result[label] = fingerprint ? { href: url, fingerprint } : { href: url }
    }
    return result
  })
  return withDefault(optional(urls), () => ({}))
}

/** Where the user data comes from; a file is read after every input has been parsed. */
type UserDataSource =
  { kind: 'inline'; value: Record<string, unknown> } | { kind: 'file'; path: string }

export function describeJsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

export function userData(): Field<UserDataSource | undefined> {
  return optional(
    reading((value, refuse): UserDataSource => {
      if (!value.startsWith('{')) {
        return value.endsWith('.json')
          ? { kind: 'file', path: value }
          : refuse('a JSON object, or the path of a .json file holding one')
      }
      let parsed: unknown
      try {
        parsed = JSON.parse(value)
      } catch {
        // JSON.parse's message quotes the text; the place is enough, and the text may be private.
        return refuse(`valid JSON in the value (${jsonErrorLocation(value)})`)
      }
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
        return refuse(`a JSON object in the value, not ${describeJsonType(parsed)}`)
      }
      return { kind: 'inline', value: parsed as Record<string, unknown> }
    })
  )
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

/** A Kosli origin; `http://` only for loopback hosts, so the token never travels in clear text. */
export function kosliHost(fallback: string): Field<string> {
  const origin = reading((value, refuse) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return refuse('an origin such as https://app.kosli.com')
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      return refuse(
        'an https:// origin (http:// only for loopback hosts), so the token is never sent in clear text'
      )
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return refuse('an https:// origin such as https://app.kosli.com')
    }
    if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
      return refuse('an origin only (scheme, host and port), such as https://app.kosli.com')
    }
    return url.origin
  })
  return withDefault(optional(origin), () => fallback)
}

/** `host[:port]` as an image reference names it; Docker Hub's aliases become its registry host. */
export function registryHost(): Field<string | undefined> {
  const expected =
    'a registry host with an optional port, such as ghcr.io or 127.0.0.1:5000 (no scheme, no path)'
  return optional(
    reading((value, refuse) => {
      // Docker's rule: a first component without '.' or ':' (other than localhost) is not a host.
      if (!/[.:]/.test(value) && value.toLowerCase() !== 'localhost') return refuse(expected)
      if (value.includes('/') || value.includes('@')) return refuse(expected)
      try {
        return parseImageReference(`${value}/x`).registry
      } catch {
        return refuse(expected)
      }
    })
  )
}

/**
 * The base URL of a service a token is sent to (Sonar, Jira): http(s), `http://` only for loopback
 * hosts, no credentials, query or fragment; a path is kept (a server under /sonar), without its
 * trailing slash.
 */
export function serviceUrl(): Field<string | undefined> {
  return optional(
    reading((value, refuse) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        return refuse('an absolute https:// URL')
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return refuse('an https:// URL')
      }
      if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return refuse(
          'an https:// URL (http:// only for loopback hosts), so the token is never sent in clear text'
        )
      }
      if (url.username || url.password || url.search || url.hash) {
        return refuse('a URL without credentials, query or fragment')
      }
      return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
    })
  )
}

// Jira's own rule for a project key, lower case allowed as Jira matches keys case-insensitively.
const JIRA_PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{1,9}$/

/** Jira project keys, comma- or newline-separated, each upper-cased. */
export function jiraProjectKeys(): Field<string[]> {
  return withDefault(
    optional(
      reading((value, refuse) => {
        const keys = value
          .split(/[,\r\n]/)
          .map(key => key.trim())
          .filter(key => key.length > 0)
        for (const key of keys) {
          if (!JIRA_PROJECT_KEY.test(key)) {
            return refuse(
              `Jira project keys (a letter, then 1 to 9 letters, digits or _), not ${JSON.stringify(key)}`
            )
          }
        }
        return keys.map(key => key.toUpperCase())
      })
    ),
    () => []
  )
}

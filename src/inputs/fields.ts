import { parseImageReference } from '../fingerprint/oci/reference.js'
import { jsonErrorLocation } from '../json-error.js'
import { EXTERNAL_URL_LABEL } from '../kosli/patterns.js'

// Value parsers for the inputs table: each takes the raw string (or nothing) and gives the
// typed value, or what was expected. Hand-written rather than zod, so that start-up stays small.

/** A field's answer: its value, or what was expected (one message per problem found). */
export type Parsed<T> = { success: true; data: T } | { success: false; expected: string[] }

export interface Field<T> {
  safeParse(raw: string | undefined): Parsed<T>
  /** The value; throws when the raw value is refused. */
  parse(raw: string | undefined): T
}

/** Collects what a value failed; a parser may go on after a problem to find the next one. */
export interface Ctx {
  readonly expected: string[]
}

function field<T>(safeParse: (raw: string | undefined) => Parsed<T>): Field<T> {
  return {
    safeParse,
    parse(raw) {
      const result = safeParse(raw)
      if (result.success) return result.data
      throw new Error(`Expected ${result.expected.join('; ')}`)
    }
  }
}

const HEX40 = /^[0-9a-fA-F]{40}$/
const DIGEST = /^(?:sha256:)?([0-9a-fA-F]{64})$/i

// Multi-line inputs keep tabs and line breaks (LF or CRLF); a lone CR is refused.
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/
// eslint-disable-next-line no-control-regex
export const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/

/** The deployment-environment rules, for the value a deployment event brings instead of the input. */
export function isDeploymentEnvironment(value: string): boolean {
  return value.length >= 1 && value.length <= 128 && !CONTROL_OR_NEWLINE.test(value)
}

/** Records a problem; the value returned is never used, as the field has failed. */
export function fail(ctx: Ctx, expected: string): never {
  ctx.expected.push(expected)
  return undefined as never
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

/** An input that may be unset: empty or blank is `undefined`; anything else goes to `parse`. */
export function optional<T>(parse: (value: string, ctx: Ctx) => T): Field<T | undefined> {
  return field(raw => {
    if (raw === undefined || raw.trim() === '') return { success: true, data: undefined }
    const ctx: Ctx = { expected: [] }
    const data = parse(raw.trim(), ctx)
    return ctx.expected.length > 0
      ? { success: false, expected: ctx.expected }
      : { success: true, data }
  })
}

/** Unset is what `fallback` makes: a new one each time, so no two configs share a list. */
export function withDefault<T>(inner: Field<T | undefined>, fallback: () => T): Field<T> {
  return field(raw => {
    const result = inner.safeParse(raw)
    return result.success ? { success: true, data: result.data ?? fallback() } : result
  })
}

/** Unset is `''`: the rules between inputs say that it is missing. */
export function required(inner: Field<string | undefined>): Field<string> {
  return withDefault(inner, () => '')
}

export function text(): Field<string | undefined> {
  return optional(value => value)
}

export function oneOf<const T extends readonly string[]>(
  values: T,
  fallback: T[number]
): Field<T[number]> {
  return withDefault(
    optional((value, ctx) => {
      const lower = value.toLowerCase()
      return (values as readonly string[]).includes(lower)
        ? (lower as T[number])
        : fail(ctx, `one of ${values.join(', ')}`)
    }),
    () => fallback
  )
}

function trueOrFalse(value: string, ctx: Ctx): boolean {
  const lower = value.toLowerCase()
  if (lower === 'true') return true
  if (lower === 'false') return false
  return fail(ctx, 'true or false')
}

/** `true` or `false`; unset is `undefined` (sent only when given). */
export function optionalBoolean(): Field<boolean | undefined> {
  return optional(trueOrFalse)
}

export function boolean(fallback: boolean): Field<boolean> {
  return withDefault(optional(trueOrFalse), () => fallback)
}

const OUTCOMES: Record<string, boolean> = {
  true: true,
  false: false,
  success: true,
  failure: false,
  cancelled: false,
  skipped: false
}

/**
 * `true`/`false`, or a step or job outcome (`success` is true; `failure`, `cancelled` and
 * `skipped` are false), so `${{ steps.test.outcome }}` can be given as it is; unset is undefined.
 */
export function stepOutcome(): Field<boolean | undefined> {
  return optional((value, ctx) => {
    const lower = value.toLowerCase()
    return Object.hasOwn(OUTCOMES, lower)
      ? OUTCOMES[lower]
      : fail(ctx, 'true, false, or a step outcome (success, failure, cancelled, skipped)')
  })
}

export function pattern(regex: RegExp, what: string): Field<string | undefined> {
  return optional((value, ctx) =>
    regex.test(value) ? value : fail(ctx, `${what} matching ${regex.source}`)
  )
}

export function maxLength(limit: number): Field<string | undefined> {
  return optional((value, ctx) =>
    value.length <= limit ? value : fail(ctx, `at most ${limit} characters`)
  )
}

export function commitSha(): Field<string | undefined> {
  return optional((value, ctx) =>
    HEX40.test(value) ? value.toLowerCase() : fail(ctx, 'a full 40-character hex git commit sha')
  )
}

/** 64 hex, or `sha256:` + 64 hex; lowered. */
export function digest(): Field<string | undefined> {
  return optional((value, ctx) => {
    const match = DIGEST.exec(value)
    return match
      ? match[1].toLowerCase()
      : fail(ctx, '64 hex characters, or sha256: followed by 64 hex characters')
  })
}

function checkHttpUrl(value: string, ctx: Ctx): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail(ctx, 'an absolute http(s) URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(ctx, 'an http(s) URL')
  }
  return value
}

export function httpUrl(): Field<string | undefined> {
  return optional(checkHttpUrl)
}

export function integer(min: number, max: number, fallback: number): Field<number> {
  const expected =
    max === Infinity ? `a whole number of ${min} or more` : `a whole number from ${min} to ${max}`
  return withDefault(
    optional((value, ctx) => {
      const n = Number(value)
      return /^\d+$/.test(value) && Number.isSafeInteger(n) && n >= min && n <= max
        ? n
        : fail(ctx, expected)
    }),
    () => fallback
  )
}

/** Non-empty lines, trimmed; unset is `[]`. */
export function lineList(): Field<string[]> {
  return withDefault(optional(lines), () => [])
}

/**
 * A comma-separated subset of `allowed`, lowered; unset is `[]`. `each` names one item in the
 * messages; with `once`, a repeated item is refused rather than merged.
 */
export function subset<const T extends readonly string[]>(
  allowed: T,
  options: { each?: string; once?: boolean; limit?: number } = {}
): Field<Array<T[number]>> {
  return withDefault(
    optional((value, ctx) => {
      const items = commaList(value).map(item => item.toLowerCase())
      const bad = items.filter(item => !(allowed as readonly string[]).includes(item))
      if (bad.length > 0) return fail(ctx, `a comma-separated list of ${allowed.join(', ')}`)
      const unique = [...new Set(items)] as Array<T[number]>
      if (options.once && unique.length !== items.length)
        return fail(ctx, `each ${options.each} once`)
      if (options.limit !== undefined && unique.length > options.limit) {
        return fail(ctx, `at most ${options.limit} ${options.each}s`)
      }
      return unique
    }),
    () => []
  )
}

export function keyValueLines(
  keyPattern: RegExp,
  what: string,
  limit?: number
): Field<Record<string, string>> {
  return withDefault(
    optional((value, ctx) => {
      const entries: Record<string, string> = {}
      for (const line of lines(value)) {
        const eq = line.indexOf('=')
        const key = eq > 0 ? line.slice(0, eq).trim() : ''
        if (!keyPattern.test(key)) {
          return fail(ctx, `${what} lines as key=value with keys matching ${keyPattern.source}`)
        }
        if (Object.hasOwn(entries, key)) return fail(ctx, `each key once (${key} is repeated)`)
        entries[key] = line.slice(eq + 1).trim()
      }
      if (limit !== undefined && Object.keys(entries).length > limit) {
        return fail(ctx, `at most ${limit} key=value lines`)
      }
      return entries
    }),
    () => ({})
  )
}

// Kosli's value shape: the address is `href`; there is no `url` key.
export interface ExternalUrl {
  href: string
  fingerprint?: string
}

/** `label=url` lines, a url optionally followed by `@` and a 64-hex fingerprint. */
export function externalUrls(): Field<Record<string, ExternalUrl>> {
  return withDefault(
    optional((value, ctx) => {
      const result: Record<string, ExternalUrl> = {}
      for (const line of lines(value)) {
        const eq = line.indexOf('=')
        const label = eq > 0 ? line.slice(0, eq).trim() : ''
        if (!EXTERNAL_URL_LABEL.test(label)) {
          return fail(ctx, 'label=url lines; a label has no "=" or "."')
        }
        if (Object.hasOwn(result, label)) return fail(ctx, `each label once (${label} is repeated)`)
        let url = line.slice(eq + 1).trim()
        let fingerprint: string | undefined
        const at = /@([0-9a-fA-F]{64})$/.exec(url)
        if (at) {
          fingerprint = at[1].toLowerCase()
          url = url.slice(0, at.index)
        }
        checkHttpUrl(url, ctx)
        result[label] = fingerprint ? { href: url, fingerprint } : { href: url }
      }
      return result
    }),
    () => ({})
  )
}

/** Where the user data comes from; a file is read after every input has been parsed. */
type UserDataSource =
  { kind: 'inline'; value: Record<string, unknown> } | { kind: 'file'; path: string }

export function describeJsonType(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value
}

export function userData(): Field<UserDataSource | undefined> {
  return optional((value, ctx): UserDataSource => {
    if (!value.startsWith('{')) {
      return value.endsWith('.json')
        ? { kind: 'file', path: value }
        : fail(ctx, 'a JSON object, or the path of a .json file holding one')
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(value)
    } catch {
      // JSON.parse's message quotes the text; the place is enough, and the text may be private.
      return fail(ctx, `valid JSON in the value (${jsonErrorLocation(value)})`)
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return fail(ctx, `a JSON object in the value, not ${describeJsonType(parsed)}`)
    }
    return { kind: 'inline', value: parsed as Record<string, unknown> }
  })
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

/** A Kosli origin; `http://` only for loopback hosts, so the token never travels in clear text. */
export function kosliHost(fallback: string): Field<string> {
  return withDefault(
    optional((value, ctx) => {
      let url: URL
      try {
        url = new URL(value)
      } catch {
        return fail(ctx, 'an origin such as https://app.kosli.com')
      }
      if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
        return fail(
          ctx,
          'an https:// origin (http:// only for loopback hosts), so the token is never sent in clear text'
        )
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return fail(ctx, 'an https:// origin such as https://app.kosli.com')
      }
      if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
        return fail(ctx, 'an origin only (scheme, host and port), such as https://app.kosli.com')
      }
      return url.origin
    }),
    () => fallback
  )
}

/** `host[:port]` as an image reference names it; Docker Hub's aliases become its registry host. */
export function registryHost(): Field<string | undefined> {
  return optional((value, ctx) => {
    const expected =
      'a registry host with an optional port, such as ghcr.io or 127.0.0.1:5000 (no scheme, no path)'
    // Docker's rule: a first component without '.' or ':' (other than localhost) is not a host.
    if (!/[.:]/.test(value) && value.toLowerCase() !== 'localhost') return fail(ctx, expected)
    if (value.includes('/') || value.includes('@')) return fail(ctx, expected)
    try {
      return parseImageReference(`${value}/x`).registry
    } catch {
      return fail(ctx, expected)
    }
  })
}

/**
 * The base URL of a service a token is sent to (Sonar, Jira): http(s), `http://` only for loopback
 * hosts, no credentials, query or fragment; a path is kept (a server under /sonar), without its
 * trailing slash.
 */
export function serviceUrl(): Field<string | undefined> {
  return optional((value, ctx) => {
    let url: URL
    try {
      url = new URL(value)
    } catch {
      return fail(ctx, 'an absolute https:// URL')
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return fail(ctx, 'an https:// URL')
    }
    if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
      return fail(
        ctx,
        'an https:// URL (http:// only for loopback hosts), so the token is never sent in clear text'
      )
    }
    if (url.username || url.password || url.search || url.hash) {
      return fail(ctx, 'a URL without credentials, query or fragment')
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
  })
}

// Jira's own rule for a project key, lower case allowed as Jira matches keys case-insensitively.
const JIRA_PROJECT_KEY = /^[A-Za-z][A-Za-z0-9_]{1,9}$/

/** Jira project keys, comma- or newline-separated, each upper-cased. */
export function jiraProjectKeys(): Field<string[]> {
  return withDefault(
    optional((value, ctx) => {
      const keys = value
        .split(/[,\r\n]/)
        .map(key => key.trim())
        .filter(key => key.length > 0)
      for (const key of keys) {
        if (!JIRA_PROJECT_KEY.test(key)) {
          fail(
            ctx,
            `Jira project keys (a letter, then 1 to 9 letters, digits or _), not ${JSON.stringify(key)}`
          )
        }
      }
      return keys.map(key => key.toUpperCase())
    }),
    () => []
  )
}

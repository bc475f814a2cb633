/** The proxy variables a runner sets, read as @actions/http-client and curl read them. */
export type ProxyEnv = Readonly<Record<string, string | undefined>>

/**
 * The proxy a request to `url` goes through, or undefined to connect directly: `https_proxy` /
 * `HTTPS_PROXY` for https URLs, `http_proxy` / `HTTP_PROXY` for http ones (lower case first),
 * unless `no_proxy` / `NO_PROXY` lists the host or the host is a loopback address.
 */
export function proxyFor(url: URL, env: ProxyEnv = process.env): URL | undefined {
  const https = url.protocol === 'https:'
  const value = https ? pick(env, 'https_proxy') : pick(env, 'http_proxy')
  if (!value) return undefined
  if (isLoopback(url.hostname) || bypassesProxy(url, pick(env, 'no_proxy') ?? '')) {
    return undefined
  }
  return proxyUrl(value)
}

/**
 * True when a NO_PROXY list names the URL's host: `*` names every host; `example.com` names
 * that host and the hosts under it, `.example.com` and `*.example.com` only the hosts under it;
 * `host:port` names the host on that port only (the scheme's port when the URL gives none).
 */
export function bypassesProxy(url: URL, noProxy: string): boolean {
  const host = bareHost(url.hostname)
  const port = url.port || (url.protocol === 'https:' ? '443' : '80')
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase()
    if (!entry) continue
    if (entry === '*') return true
    const { name, port: entryPort } = splitEntry(entry)
    if (entryPort && entryPort !== port) continue
    const domain = name.replace(/^\*?\./, '')
    if (!domain) continue
    if (host === domain && name === domain) return true
    if (host.endsWith(`.${domain}`)) return true
  }
  return false
}

/**
 * The proxy's URL; a value without a scheme (`proxy.corp:3128`) is taken as http. User name and
 * password are everything before the last `@`, encoded or not (a `/` in a password included).
 */
export function proxyUrl(value: string): URL {
  const text = value.trim()
  try {
    const url = new URL(encodedUserinfo(SCHEME.test(text) ? text : `http://${text}`))
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // Named below with the value as given.
  }
  throw new Error(
    `the proxy ${JSON.stringify(withoutCredentials(text))} (from HTTPS_PROXY or HTTP_PROXY) is not ` +
      'an http:// or https:// URL; set it like http://proxy.example.com:3128'
  )
}

/**
 * The proxy passwords the variables hold, in each form one may be printed or sent in: as given,
 * decoded, and inside the Basic credentials sent to the proxy. Secrets like the tokens.
 */
export function proxySecrets(env: ProxyEnv = process.env): string[] {
  const secrets = new Set<string>()
  for (const name of PROXY_VARIABLES) {
    const userinfo = USERINFO.exec(env[name]?.trim() ?? '')?.[2]
    const colon = userinfo?.indexOf(':') ?? -1
    if (userinfo === undefined || colon < 0) continue
    const password = userinfo.slice(colon + 1)
    if (!password) continue
    const user = decoded(userinfo.slice(0, colon))
    secrets.add(password).add(decoded(password))
    secrets.add(Buffer.from(`${user}:${decoded(password)}`).toString('base64'))
  }
  return [...secrets]
}

/** The proxy's address for a message: never its user name or password. */
export function proxyLabel(proxy: URL): string {
  return `${proxy.protocol}//${proxy.host}`
}

// Lower case first, as @actions/http-client and curl read them; an empty value counts as unset.
function pick(env: ProxyEnv, lower: string): string | undefined {
  const value = env[lower] || env[lower.toUpperCase()]
  return value?.trim() ? value : undefined
}

function isLoopback(hostname: string): boolean {
  const host = bareHost(hostname)
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(host)
  )
}

// `[::1]` → `::1`, and without the root dot of `example.com.`.
function bareHost(hostname: string): string {
  return hostname
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
}

// `example.com:8443` → name and port; `[::1]:8443` and a bare IPv6 address too.
function splitEntry(entry: string): { name: string; port?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry)
  if (bracketed) return { name: bracketed[1], port: bracketed[2] }
  const colons = entry.split(':').length - 1
  const withPort = colons === 1 ? /^(.*):(\d+)$/.exec(entry) : null
  return withPort ? { name: withPort[1], port: withPort[2] } : { name: entry }
}

const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i
// The scheme if any, and the user info: up to the last `@`, which may follow a `/` or a `:`.
const USERINFO = /^([a-z][a-z0-9+.-]*:\/\/)?([^]*)@/i

function withoutCredentials(text: string): string {
  return text.replace(USERINFO, '$1')
}

// User name and password percent-encoded where the URL parser would misread them; a `%XX`
// already there is kept, so an encoded password is not encoded twice.
function encodedUserinfo(url: string): string {
  const match = USERINFO.exec(url)
  if (!match) return url
  const encode = (part: string): string =>
    part.replace(/%(?![0-9a-f]{2})|[^\w.~!$&'()*+,;=%-]/gi, c => encodeURIComponent(c))
  const [user, ...password] = match[2].split(':')
  const userinfo = [user, password.join(':')].map(encode)
  const credentials = password.length > 0 ? userinfo.join(':') : userinfo[0]
  return `${match[1] ?? ''}${credentials}${url.slice(match[0].length - 1)}`
}

function decoded(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

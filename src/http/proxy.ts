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

/** The proxy's URL; a value without a scheme (`proxy.corp:3128`) is taken as http. */
export function proxyUrl(value: string): URL {
  const text = value.trim()
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`)
    if (url.protocol === 'http:' || url.protocol === 'https:') return url
  } catch {
    // Named below with the value as given.
  }
  throw new Error(
    `the proxy ${JSON.stringify(withoutCredentials(text))} (from HTTPS_PROXY or HTTP_PROXY) is not ` +
      'an http:// or https:// URL; set it like http://proxy.example.com:3128'
  )
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

function withoutCredentials(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//')
}

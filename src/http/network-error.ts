/**
 * Why a request got no answer, in words. The code (ECONNREFUSED, ENOTFOUND, a certificate
 * problem) may sit further down the `cause` chain, under undici's or the tunnel's own error.
 */
export function describeNetworkError(error: unknown): string {
  const code = networkErrorCode(error)
  const inner = innermostMessage(error)
  // undici's words when a proxy does not open the tunnel: `Proxy response (407) !== 200 …`.
  const tunnel = /^Proxy response \((\d+)\) !== 200 when HTTP Tunneling/.exec(inner)
  if (tunnel) {
    const credentials =
      tunnel[1] === '407'
        ? ': it wants credentials, given in the proxy URL as http://user:password@host:port'
        : ''
    return `the proxy answered ${tunnel[1]} to CONNECT instead of opening a tunnel${credentials}`
  }
  // undici's words when the server (or the proxy, asked to CONNECT) closes before it answers.
  const hungUp = code === 'UND_ERR_SOCKET' && inner === 'other side closed'
  const closedBy =
    error instanceof TunnelError
      ? 'the proxy closed the connection without answering CONNECT'
      : 'the server closed the connection without answering'
  const reason = hungUp
    ? closedBy
    : ((code && REASONS[code]) ??
      (inner === 'bad port' ? 'a port that fetch refuses to connect to (blocked port)' : inner))
  return code && !reason.includes(code) ? `${reason} (${code})` : reason
}

/** A CONNECT that failed: a plain Error, so that undici fails the request instead of trying again. */
export class TunnelError extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause })
    this.name = 'TunnelError'
  }
}

/** True when the error is about TLS: a certificate, or https spoken to a plain-http server. */
export function isTlsError(error: unknown): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|EPROTO/.test(networkErrorCode(error) ?? '')
}

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed while sending',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_SOCKET: 'the connection was closed',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate not trusted',
  CERT_HAS_EXPIRED: 'certificate expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another host',
  ERR_SSL_WRONG_VERSION_NUMBER: 'not a TLS server (plain http?)'
}

/** The first error code along `cause` (and an AggregateError's `errors`). */
function networkErrorCode(error: unknown): string | undefined {
  const seen = new Set<unknown>()
  let current: unknown = error
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current)
    const { code, errors, cause } = current as { code?: unknown; errors?: unknown; cause?: unknown }
    if (typeof code === 'string') return code
    if (Array.isArray(errors) && errors.length > 0) {
      const inner = networkErrorCode(errors[0])
      if (inner) return inner
    }
    current = cause
  }
  return undefined
}

/** The message of the last error along `cause`: undici hides the real one under 'fetch failed'. */
function innermostMessage(error: unknown): string {
  let message = String(error)
  let current: unknown = error
  for (let depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
    const e = current as { message?: unknown; errors?: Array<{ message?: unknown }> }
    if (typeof e.message === 'string' && e.message) message = e.message
    else if (typeof e.errors?.[0]?.message === 'string') message = e.errors[0].message
    current = (current as { cause?: unknown }).cause
  }
  return message
}

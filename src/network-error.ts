/**
 * Why a fetch failed, in words: undici says only "fetch failed", and the reason (ECONNREFUSED,
 * ENOTFOUND, "other side closed") is at the end of the `cause` chain.
 */
export function describeNetworkError(err: unknown): string {
  let current: unknown = err
  for (let depth = 0; depth < 5; depth++) {
    const cause = (current as { cause?: unknown } | null)?.cause
    if (cause === undefined || cause === null) break
    current = cause
  }
  const e = current as { message?: string; code?: string; errors?: Array<{ message?: string }> }
  let message = e?.message || e?.errors?.[0]?.message || String(current)
  if (e?.code && !message.includes(e.code)) message += ` (${e.code})`
  // undici's "other side closed" means the server dropped the connection mid-request.
  return e?.code === 'UND_ERR_SOCKET' ? `the connection was closed: ${message}` : message
}

import type { ProxyAgent } from 'undici'
import type { Answer, Hop } from './transport.js'

// undici is loaded by the runs that use a proxy, only: the rest never parse its 780 KB.
const agents = new Map<string, ProxyAgent>()

const EMPTY: AsyncIterable<Uint8Array> = {
  async *[Symbol.asyncIterator]() {
    // An answer without a body (a HEAD, a 204) yields nothing.
  }
}

/**
 * One request through a forwarding proxy, without following redirects: undici's fetch with a
 * ProxyAgent, which opens a CONNECT tunnel (Node's own fetch ignores HTTPS_PROXY).
 */
export async function proxiedHop(
  url: URL,
  proxy: URL,
  hop: Hop,
  signal?: AbortSignal
): Promise<Answer> {
  const undici = await import('undici')
  // One agent per proxy, kept for the run so that its connections are reused.
  let agent = agents.get(proxy.href)
  if (!agent) {
    agent = new undici.ProxyAgent({ uri: proxy.href })
    agents.set(proxy.href, agent)
  }
  const response = await undici.fetch(url, {
    method: hop.method,
    headers: hop.headers,
    body: hop.body,
    redirect: 'manual',
    signal,
    dispatcher: agent
  })
  const { body } = response
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    body: body ?? EMPTY,
    cancel: () => void body?.cancel().catch(() => undefined)
  }
}

// Imported at start on purpose: on import, undici makes its Agent the global dispatcher, which
// Node's own fetch then uses; that Agent costs about 20 ms less CPU on a run's first request than
// the one Node's fetch would set up for itself, more than parsing undici at start costs.
import { ProxyAgent, fetch as undiciFetch } from 'undici'
import { proxyFor, proxyLabel } from './proxy.js'

/**
 * Sends one HTTP request: the one place that chooses how a request reaches its host. Node's
 * fetch ignores HTTPS_PROXY and friends, so a request that a proxy variable covers goes through
 * undici's own fetch with a ProxyAgent (a CONNECT tunnel); the rest use the global fetch.
 */
export function send(url: URL, init: RequestInit): Promise<Response> {
  const dispatcher = dispatcherFor(url)
  if (!dispatcher) return fetch(url, init)
  // undici's fetch with its own dispatcher: Node's fetch may not drive another undici's agent.
  return undiciFetch(url, {
    ...(init as Parameters<typeof undiciFetch>[1]),
    dispatcher
  }) as unknown as Promise<Response>
}

/** For a failure's message: ` (through the proxy http://proxy:3128, from HTTPS_PROXY)`, or ''. */
export function routeOf(url: URL): string {
  let proxy: URL | undefined
  try {
    proxy = proxyFor(url)
  } catch {
    // A proxy value that is not a URL: the failure's own message says so.
    return ''
  }
  if (!proxy) return ''
  const variable = url.protocol === 'https:' ? 'HTTPS_PROXY' : 'HTTP_PROXY'
  return ` (through the proxy ${proxyLabel(proxy)}, from ${variable}; NO_PROXY lists hosts to reach directly)`
}

const agents = new Map<string, ProxyAgent>()

// One agent per proxy, kept for the run so that its connections are reused.
function dispatcherFor(url: URL): ProxyAgent | undefined {
  const proxy = proxyFor(url)
  if (!proxy) return undefined
  let agent = agents.get(proxy.href)
  if (!agent) {
    agent = new ProxyAgent({ uri: proxy.href })
    agents.set(proxy.href, agent)
  }
  return agent
}

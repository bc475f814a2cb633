/**
 * Sends one HTTP request with the global fetch. The one place that chooses how a request
 * reaches its host (the dispatcher), so that proxy support has a single home.
 */
export function send(url: URL, init: RequestInit): Promise<Response> {
  const dispatcher = dispatcherFor(url)
  return fetch(url, dispatcher ? ({ ...init, dispatcher } as RequestInit) : init)
}

// Node's default connection pool for every host, for now.
function dispatcherFor(_url: URL): object | undefined {
  return undefined
}

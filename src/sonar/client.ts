import { isObject, serverMessage } from '../http/answer.js'
import { HttpError, apiHttpSettings, request } from '../http/request.js'
import { inert } from '../print.js'
import { redactSecrets, redactedCut, type Log } from '../redact.js'

// SonarQube's and SonarCloud's Web API: GETs with sonar-token, to the server's origin alone.
// Bearer first; a SonarQube Server before 10.0 refuses Bearer with 401 and takes the token as the
// Basic user name, so one retry with Basic follows, and Basic is kept for the rest of the step.
// SonarCloud always takes Bearer and is never sent Basic.

export interface SonarClientOptions {
  /** The server: origin and context path, no trailing slash. */
  baseUrl: string
  token: string
  timeoutMs: number
  maxRetries: number
  retryBaseMs?: number
  log: Log
}

/** Sonar refused sonar-token (401) or its rights (403). */
export class SonarAuthError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SonarAuthError'
  }
}

/** Sonar answered 4xx (other than 401/403) or 5xx; `status` says which. */
export class SonarApiError extends Error {
  constructor(
    message: string,
    readonly status: number
  ) {
    super(message)
    this.name = 'SonarApiError'
  }
}

export interface SonarClient {
  /** GET an API path (`api/ce/task`) under the server, or a URL on its origin (a ceTaskUrl). */
  get(pathOrUrl: string, query?: Record<string, string>): Promise<Record<string, unknown>>
}

export function isSonarCloud(host: string): boolean {
  const h = host.toLowerCase()
  return h === 'sonarcloud.io' || h.endsWith('.sonarcloud.io')
}

export function createSonarClient(options: SonarClientOptions): SonarClient {
  const base = new URL(`${options.baseUrl}/`)
  const token = options.token.trim()
  const basicValue = Buffer.from(`${token}:`).toString('base64')
  const secrets = [options.token, token, basicValue].filter(s => s.length > 0)
  const http = apiHttpSettings('Sonar', options, secrets)
  const redact = (text: string): string => redactSecrets(text, secrets)
  if (/[\r\n]/.test(token)) {
    throw new SonarAuthError(
      'Refusing to ask Sonar: sonar-token contains a line break (often a trailing newline from a file or a secret); remove it.'
    )
  }
  let scheme: 'Bearer' | 'Basic' = 'Bearer'
  let schemeKnown = isSonarCloud(base.hostname)
  const send = (url: URL) =>
    request(
      {
        method: 'GET',
        url,
        headers: {
          Accept: 'application/json',
          Authorization: scheme === 'Bearer' ? `Bearer ${token}` : `Basic ${basicValue}`
        }
      },
      http
    )
  return {
    async get(pathOrUrl, query = {}) {
      const url = /^https?:\/\//i.test(pathOrUrl) ? new URL(pathOrUrl) : new URL(pathOrUrl, base)
      if (url.origin !== base.origin) {
        throw new Error(
          `refusing to send sonar-token to ${url.origin}, which is not ${base.origin}`
        )
      }
      for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
      const where = `GET ${url.origin}${url.pathname}`
      let answer
      try {
        answer = await send(url)
        if (answer.status === 401 && !schemeKnown) {
          options.log.info(
            `Sonar refused the token as Bearer (401); asking again with Basic, as SonarQube Server before 10.0 takes it.`
          )
          scheme = 'Basic'
          answer = await send(url)
          if (answer.status === 401) scheme = 'Bearer'
        }
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        throw new Error(
          redact(
            `Sonar did not answer: ${error.message}. Check sonar-url and that the server is up.`
          )
        )
      }
      const text = answer.body.toString('utf8')
      if (answer.status >= 200 && answer.status < 300) {
        schemeKnown = true
        try {
          const json: unknown = JSON.parse(text)
          if (isObject(json)) return json
        } catch {
          // Said below.
        }
        throw new SonarApiError(
          redact(
            `${where} answered ${answer.status}, but not with a JSON object: check that ${base.origin} is a SonarQube or SonarCloud server.`
          ),
          answer.status
        )
      }
      throw sonarRefusal(where, answer, base, secrets)
    }
  }
}

/** An error answer in words: the token refused (401), its rights (403), or Sonar's message. */
function sonarRefusal(
  where: string,
  answer: { status: number; statusText: string; body: Buffer },
  base: URL,
  secrets: readonly string[]
): Error {
  const redact = (text: string): string => redactSecrets(text, secrets)
  const text = answer.body.toString('utf8')
  const message = inert(sonarMessage(text, secrets))
  const said = `${where} answered ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}`
  if (answer.status === 401) {
    return new SonarAuthError(
      redact(
        `${said}. Sonar refused sonar-token${isSonarCloud(base.hostname) ? '' : ' as Bearer and as Basic'}: check that it is a valid token of ${base.origin}.`
      )
    )
  }
  if (answer.status === 403) {
    return new SonarAuthError(
      redact(`${said}. sonar-token lacks the rights: it needs Browse permission on the project.`)
    )
  }
  return new SonarApiError(redact(said), answer.status)
}

/** Sonar's own words: `errors[0].msg`, else the server's. */
function sonarMessage(answer: string, secrets: readonly string[]): string {
  // Secrets are hidden in the whole answer before it is cut.
  const text = redactSecrets(answer, secrets)
  try {
    const json = JSON.parse(text) as { errors?: Array<{ msg?: unknown }> }
    const msg = Array.isArray(json.errors) ? json.errors[0]?.msg : undefined
    if (typeof msg === 'string') return redactedCut(msg, 300, secrets)
  } catch {
    // Not JSON.
  }
  return serverMessage(text, secrets)
}

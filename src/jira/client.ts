import { serverMessage } from '../http/answer.js'
import { HttpError, apiHttpSettings, request } from '../http/request.js'
import { inert } from '../print.js'
import { redactSecrets, redactedCut, type Log } from '../redact.js'

// Jira's REST API v2 (Cloud and Data Center alike): one GET per issue key. The credentials go
// to the origin of jira-url alone.

export interface JiraClientOptions {
  /** The jira-url input: origin and context path, no trailing slash. */
  baseUrl: string
  username?: string
  apiToken?: string
  pat?: string
  timeoutMs: number
  maxRetries: number
  retryBaseMs?: number
  log: Log
}

/** Jira refused the credentials: the step stops before anything reaches Kosli. */
export class JiraAuthError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JiraAuthError'
  }
}

/** Jira did not answer (network, timeout, 5xx) after every retry. */
export class JiraUnreachableError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JiraUnreachableError'
  }
}

export interface JiraClient {
  /** true: the issue exists; false: Jira answered 404. */
  issueExists(key: string): Promise<boolean>
  /** The issue's page: {jira-url}/browse/{key}. */
  issueUrl(key: string): string
}

/** Basic (Jira Cloud) or a bearer PAT (Data Center), with every form of it a secret. */
function jiraCredentials(options: JiraClientOptions) {
  const username = options.username?.trim()
  const token = options.apiToken?.trim()
  const pat = options.pat?.trim()
  const basic =
    username && token ? Buffer.from(`${username}:${token}`).toString('base64') : undefined
  const secrets = [options.apiToken, options.pat, token, pat, basic].filter((s): s is string =>
    Boolean(s)
  )
  const credentialInputs = basic ? 'jira-username and jira-api-token' : 'jira-pat'
  for (const value of [username, token, pat]) {
    if (value && /[\r\n]/.test(value)) {
      throw new JiraAuthError(
        `Refusing to ask Jira: ${credentialInputs} contain a line break (often a trailing newline from a file or a secret); remove it.`
      )
    }
  }
  const authorization = basic ? `Basic ${basic}` : `Bearer ${pat ?? ''}`
  return { basic, secrets, credentialInputs, authorization }
}

export function createJiraClient(options: JiraClientOptions): JiraClient {
  const base = new URL(`${options.baseUrl}/`)
  const { basic, secrets, credentialInputs, authorization } = jiraCredentials(options)
  const http = apiHttpSettings('Jira', options, secrets)
  const redact = (text: string): string => redactSecrets(text, secrets)
  return {
    issueUrl: key => new URL(`browse/${encodeURIComponent(key)}`, base).href,
    async issueExists(key) {
      const url = new URL(`rest/api/2/issue/${encodeURIComponent(key)}`, base)
      // Only a field the answer needs no more of: the issue's fields are not recorded.
      url.searchParams.set('fields', 'summary')
      if (url.origin !== base.origin)
        throw new Error(`refusing to send Jira credentials to ${url.origin}`)
      let answer
      try {
        answer = await request(
          {
            method: 'GET',
            url,
            headers: { Accept: 'application/json', Authorization: authorization }
          },
          http
        )
      } catch (error) {
        if (!(error instanceof HttpError)) throw error
        throw new JiraUnreachableError(redact(error.message))
      }
      if (answer.status >= 200 && answer.status < 300) {
        // A proxy's or login page's 200 is not an issue: only Jira's answer counts as existing.
        if (!isIssue(answer.body.toString('utf8'))) {
          throw new Error(
            redact(
              `Jira answered GET ${url.origin}${url.pathname} with ${answer.status}, but not with an issue; check that jira-url (${options.baseUrl}) is your Jira's base URL.`
            )
          )
        }
        return true
      }
      if (answer.status === 404) return false
      const message = inert(jiraMessage(answer.body.toString('utf8'), secrets))
      const where = `GET ${url.origin}${url.pathname}`
      if (answer.status === 401 || answer.status === 403) {
        throw new JiraAuthError(
          redact(
            `Jira refused ${where}: ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}. ` +
              `Check ${credentialInputs}: ${
                answer.status === 401
                  ? basic
                    ? 'jira-username is the account e-mail and jira-api-token one of its API tokens (Jira Cloud)'
                    : 'jira-pat is a valid personal access token (Jira Data Center)'
                  : 'the account may not browse this project'
              }. Nothing was sent to Kosli.`
          )
        )
      }
      if (answer.status >= 500) {
        throw new JiraUnreachableError(
          redact(
            `${where} answered ${answer.status} ${answer.statusText} after ${answer.attempts} attempts`
          )
        )
      }
      throw new Error(
        redact(
          `Jira answered ${where} with ${answer.status} ${answer.statusText}${message ? `: ${message}` : ''}.`
        )
      )
    }
  }
}

function isIssue(text: string): boolean {
  try {
    const json = JSON.parse(text) as { key?: unknown; id?: unknown }
    return typeof json.key === 'string' && typeof json.id === 'string'
  } catch {
    return false
  }
}

/** Jira's own words: `errorMessages[0]`, else the server's. */
function jiraMessage(answer: string, secrets: readonly string[]): string {
  // Secrets are hidden in the whole answer before it is cut.
  const text = redactSecrets(answer, secrets)
  try {
    const json = JSON.parse(text) as { errorMessages?: unknown }
    if (Array.isArray(json.errorMessages) && typeof json.errorMessages[0] === 'string') {
      return redactedCut(json.errorMessages[0], 300, secrets)
    }
  } catch {
    // Not JSON: serverMessage reads a page's title or the start of the text.
  }
  return serverMessage(text, secrets)
}

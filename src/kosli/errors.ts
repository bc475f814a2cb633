/** The parts of a Kosli error answer that are worth showing to a person. */
export interface ServerAnswer {
  status: number
  statusText: string
  /** `message` (or `detail`) of the JSON body, else the start of the text body. */
  serverMessage?: string
  /** The `errors` object of a validation answer: field → why. */
  serverErrors?: Record<string, unknown>
}

interface RequestFacts {
  method: string
  /** The request path from the origin on, query included: `/api/v2/artifacts/acme/app`. */
  path: string
  /** The full URL, for failures where the host matters (network errors, timeouts). */
  url: string
  attempts: number
}

/** Base of every error the Kosli client throws after it tried to talk to Kosli. */
export class KosliError extends Error {
  readonly method: string
  readonly path: string
  readonly url: string
  readonly attempts: number
  /** True when Kosli could not be reached or kept failing: `on-kosli-unavailable: warn` applies. */
  readonly unavailable: boolean = false

  constructor(message: string, facts: RequestFacts, options?: { cause?: unknown }) {
    super(message, options)
    this.name = new.target.name
    this.method = facts.method
    this.path = facts.path
    this.url = facts.url
    this.attempts = facts.attempts
  }
}

/** Kosli answered with a status that retrying cannot fix (4xx, 501, a redirect). */
export class KosliHttpError extends KosliError {
  readonly status: number
  readonly statusText: string
  readonly serverMessage?: string
  readonly serverErrors?: Record<string, unknown>
  readonly hint?: string

  constructor(facts: RequestFacts & ServerAnswer & { hint?: string }) {
    super(
      finish(`${facts.method} ${facts.path} failed: ${describeAnswer(facts)}`, facts.hint),
      facts
    )
    this.status = facts.status
    this.statusText = facts.statusText
    this.serverMessage = facts.serverMessage
    this.serverErrors = facts.serverErrors
    this.hint = facts.hint
  }
}

export type UnavailableKind = 'http' | 'timeout' | 'network'

/**
 * Kosli could not be reached, timed out, or kept answering 5xx/429/408/409 until the retries
 * ran out. Keeps the last answer so the server's own words reach the user.
 */
export class KosliUnavailableError extends KosliError {
  override readonly unavailable = true
  readonly kind: UnavailableKind
  /** What went wrong on the last attempt, e.g. `timed out after 30 s` or `503 Service Unavailable: …`. */
  readonly lastFailure: string
  readonly status?: number
  readonly statusText?: string
  readonly serverMessage?: string
  readonly serverErrors?: Record<string, unknown>
  readonly hint?: string

  constructor(
    facts: RequestFacts &
      Partial<ServerAnswer> & { kind: UnavailableKind; lastFailure: string; hint?: string },
    options?: { cause?: unknown }
  ) {
    const tries = `${facts.attempts} attempt${facts.attempts === 1 ? '' : 's'}`
    super(
      finish(
        `${facts.method} ${facts.url} failed: gave up after ${tries}: ${facts.lastFailure}`,
        facts.hint
      ),
      facts,
      options
    )
    this.kind = facts.kind
    this.lastFailure = facts.lastFailure
    this.status = facts.status
    this.statusText = facts.statusText
    this.serverMessage = facts.serverMessage
    this.serverErrors = facts.serverErrors
    this.hint = facts.hint
  }
}

/** Kosli answered 2xx, but not with what the action needs (empty, not JSON, or the wrong shape). */
export class KosliResponseError extends KosliError {
  readonly status: number
  /** What was wrong, e.g. `the answer does not have the expected shape`. */
  readonly problem: string
  /** The details, e.g. zod issues: `[0].fingerprint: Invalid string: must match pattern …`. */
  readonly details: string[]

  constructor(
    facts: RequestFacts & {
      status: number
      statusText: string
      problem: string
      details?: string[]
      hint: string
    }
  ) {
    const details = facts.details ?? []
    super(
      finish(
        `${facts.method} ${facts.path} answered ${facts.status} ${facts.statusText}, but ` +
          `${facts.problem}${details.length ? `: ${details.join('; ')}` : ''}`,
        facts.hint
      ),
      facts
    )
    this.status = facts.status
    this.problem = facts.problem
    this.details = details
  }
}

/** The client refused to send a request, e.g. a header value with a line break. Nothing was sent. */
export class KosliRequestRefusedError extends Error {
  readonly method: string
  readonly url: string

  constructor(message: string, method: string, url: string) {
    super(message)
    this.name = 'KosliRequestRefusedError'
    this.method = method
    this.url = url
  }
}

/** True for errors that `on-kosli-unavailable: warn` may turn into a warning. */
export function isKosliUnavailable(err: unknown): err is KosliUnavailableError {
  return err instanceof KosliError && err.unavailable
}

/** `400 Bad Request: Input payload validation failed (fingerprint: does not match …)`. */
export function describeAnswer(answer: ServerAnswer): string {
  let text = `${answer.status} ${answer.statusText}`
  if (answer.serverMessage) text += `: ${answer.serverMessage}`
  const errors = formatServerErrors(answer.serverErrors)
  if (errors) text += ` (${errors})`
  return text
}

/** `field: why; other: why`, nested values as JSON. */
function formatServerErrors(errors: Record<string, unknown> | undefined): string {
  if (!errors) return ''
  return Object.entries(errors)
    .map(([field, why]) => `${field}: ${typeof why === 'string' ? why : JSON.stringify(why)}`)
    .join('; ')
}

/** What a person can do about a 4xx answer; undefined when there is nothing specific to say. */
export function hintFor(
  status: number,
  serverMessage: string | undefined,
  path: string
): string | undefined {
  const { org, flow } = orgAndFlow(path)
  const orgText = org ? ` '${org}'` : ''
  const flowText = flow ? ` '${flow}'` : ''
  const message = (serverMessage ?? '').toLowerCase()
  switch (status) {
    case 400:
    case 422:
      return message || status === 422
        ? 'Kosli rejected the request; check the inputs that set the fields named above.'
        : undefined
    case 401:
      return (
        `Check that the api-token input (or KOSLI_API_TOKEN) is a valid Kosli API token ` +
        `for the org${orgText}, and that it has not expired or been revoked.`
      )
    case 403:
      return (
        `The Kosli API token lacks permission on the org${orgText}` +
        `${flow ? ` or the flow${flowText}` : ''}; use a token of a user or service account ` +
        `with write access to it.`
      )
    case 404:
      if (/\bflow\b/.test(message)) {
        return (
          `Check the flow input (or KOSLI_FLOW)${flow ? `, now${flowText}` : ''}: the flow must ` +
          `already exist in Kosli; create it (for example \`kosli create flow${flowText}\`) ` +
          `or fix the name.`
        )
      }
      if (/\borg(ani[sz]ation)?\b/.test(message)) {
        return (
          `Check the org input (or KOSLI_ORG)${org ? `, now${orgText}` : ''}: it must name a ` +
          `Kosli organization that the api-token belongs to.`
        )
      }
      return undefined
    default:
      return undefined
  }
}

// Kosli's v2 paths put the org and the flow first: /artifacts/{org}/{flow}/…
function orgAndFlow(path: string): { org?: string; flow?: string } {
  const match =
    /^\/api\/v2\/(?:artifacts|approvals|flows|trails|attestations|environments)\/([^/?]+)(?:\/([^/?]+))?/.exec(
      path
    )
  if (!match) return {}
  const decode = (s: string | undefined): string | undefined => {
    if (s === undefined) return undefined
    try {
      return decodeURIComponent(s)
    } catch {
      return s
    }
  }
  const org = decode(match[1])
  // For /environments/{org}/{env} the second segment is not a flow.
  const flow = path.startsWith('/api/v2/environments/') ? undefined : decode(match[2])
  return { org, flow }
}

// Joins a sentence and a hint without doubling the final period.
function finish(text: string, hint: string | undefined): string {
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`
  return hint ? `${sentence} ${hint}` : sentence
}

/** Kosli's change that removed the approval API (kosli-evidence.md §10). */
export const APPROVALS_REMOVED_ON = '2026-07-28'

/**
 * A 404 under /approvals/ that is not Kosli's missing-flow answer: the server no longer serves
 * approvals. Kosli's service is FastAPI, so the body may be `{"detail": …}` or `{"message": …}`.
 */
export function isApprovalsGone(error: unknown): error is KosliHttpError {
  return (
    error instanceof KosliHttpError &&
    error.status === 404 &&
    /^\/api\/v2\/approvals\//.test(error.path) &&
    !/Flow named '.*' does not exist/.test(error.serverMessage ?? '')
  )
}

/** The server no longer serves approvals: one error that says so and what replaces them. */
export class KosliApprovalsRemovedError extends KosliError {
  readonly status = 404

  constructor(cause: KosliHttpError) {
    super(
      `This Kosli server no longer serves approvals: ${cause.method} ${cause.path} answered ` +
        `${describeAnswer(cause)}. Kosli removed its approval API on ${APPROVALS_REMOVED_ON} ` +
        `(the endpoints under /api/v2/approvals/ no longer exist), so approval: approve and ` +
        `approval: request work only with a Kosli server that still serves them. Record the ` +
        `approval as evidence instead, with the attest/ sub-action: type: deployment-approval ` +
        `(who approved this run's deployment, from GitHub's environment reviews), type: ` +
        `code-review (every commit since the last deployment came through an approved pull ` +
        `request), or your own record as type: generic (with compliant) or type: custom:<type>. ` +
        `The step stopped here: no deployment record was written.`,
      cause,
      { cause }
    )
  }
}

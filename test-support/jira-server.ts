import { type Answer, HttpStandIn, type StandInRequest } from './http-stand-in.js'

// Jira's REST API v2 as Atlassian publishes it (developer.atlassian.com, "The Jira platform REST
// API", GET /rest/api/2/issue/{issueIdOrKey}), for the one read the jira attestation makes.
// Written from that documentation, never from the action's source. Jira Cloud takes Basic auth
// (e-mail and API token); Jira Data Center takes a personal access token as a Bearer token.

export const JIRA_USER = 'ada@acme.example'
export const JIRA_API_TOKEN = 'jira-api-token-of-the-test'
export const JIRA_PAT = 'jira-pat-of-the-test'

export interface JiraIssue {
  summary: string
}

export class JiraStandIn extends HttpStandIn {
  private issues = new Map<string, { id: string; summary: string }>()
  private nextId = 10000

  constructor(private readonly contextPath = '') {
    super()
  }

  /** The base URL a client is configured with (with Jira's context path, if any). */
  get baseUrl(): string {
    return `${this.url}${this.contextPath}`
  }

  seedIssue(key: string, issue: JiraIssue = { summary: `Work on ${key}` }): void {
    this.issues.set(key.toUpperCase(), { id: String(this.nextId++), summary: issue.summary })
  }

  protected resetState(): void {
    this.issues.clear()
    this.nextId = 10000
  }

  protected faultBody(status: number): unknown {
    return { errorMessages: [`stand-in fault ${status}`], errors: {} }
  }

  protected handle(req: StandInRequest): Answer {
    const prefix = `${this.contextPath}/rest/api/2/issue/`
    if (req.method !== 'GET' || !req.path.startsWith(prefix)) {
      return { status: 404, raw: '<html><title>Oops, you&#39;ve found a dead link.</title></html>' }
    }
    if (!this.authorised(req.headers.authorization)) {
      // Jira answers a failed login with 401 and no usable body for the REST API.
      return {
        status: 401,
        body: {
          errorMessages: [
            'You are not authenticated. Authentication required to perform this operation.'
          ],
          errors: {}
        },
        headers: { 'www-authenticate': 'Basic realm="protected-area"' }
      }
    }
    const key = decodeURIComponent(req.path.slice(prefix.length))
    // Issue keys are matched case-insensitively by Jira; the answer gives the canonical key.
    const issue = this.issues.get(key.toUpperCase())
    if (!issue) {
      return {
        status: 404,
        body: {
          errorMessages: ['Issue does not exist or you do not have permission to see it.'],
          errors: {}
        }
      }
    }
    const wanted = (req.query.get('fields') ?? '*all').split(',')
    const fields: Record<string, unknown> = {}
    if (wanted.includes('summary') || wanted.includes('*all')) fields.summary = issue.summary
    return {
      status: 200,
      body: {
        expand: 'renderedFields,names,schema',
        id: issue.id,
        self: `${this.baseUrl}/rest/api/2/issue/${issue.id}`,
        key: key.toUpperCase(),
        fields
      }
    }
  }

  private authorised(header: string | undefined): boolean {
    if (!header) return false
    const basic = `Basic ${Buffer.from(`${JIRA_USER}:${JIRA_API_TOKEN}`).toString('base64')}`
    return header === basic || header === `Bearer ${JIRA_PAT}`
  }
}

export async function startJiraServer(contextPath = ''): Promise<JiraStandIn> {
  return new JiraStandIn(contextPath).listen()
}

import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import {
  fieldProblems,
  HttpStandIn,
  statusMessage,
  type Answer,
  type StandInRequest,
  type StandInTls
} from './http-stand-in.js'
import { KosliEvidence } from './kosli-evidence.js'

export const DEFAULT_KOSLI_TOKEN = 'test-kosli-token'
export const DEFAULT_KOSLI_ORG = 'acme'
export const DEFAULT_KOSLI_FLOW = 'app'

/** `served`: the approval API of the seeds; `removed-*`: today's service, by the 404 body shape. */
export type ApprovalsMode = 'served' | 'removed-detail' | 'removed-message'

export interface KosliServerOptions {
  /** Serve https with this key and certificate instead of http. */
  tls?: StandInTls
  /** The one valid API token (default 'test-kosli-token'). */
  token?: string
  /** Tokens that authenticate but may not act: answered with 403. */
  forbiddenTokens?: string[]
  /** Organizations and their flows (default { acme: ['app'] }). */
  orgs?: Record<string, string[]>
  /**
   * The most approvals one page of GET /approvals holds, whatever per_page asks: Kosli documents
   * no maximum, so a client must not take a short page for the last one. Default: none.
   */
  maxPerPage?: number
  /**
   * Whether the approval API is served (default) or answered as Kosli's service answers it since
   * its removal on 2026-07-28: a JSON 404 for every path under /api/v2/approvals/, with a FastAPI
   * `{"detail": "Not Found"}` body or a `{"message": …}` body.
   */
  approvals?: ApprovalsMode
  /**
   * The User-Agent every request must carry (default: this action and its package.json version,
   * `kosli-report-action/<version>`); false accepts any.
   */
  userAgent?: RegExp | false
}

// Kosli's published schemas (CreateArtifact, GitCommit, ApprovalPostInput), field by field.
// "closed" there (additionalProperties: false) is a strictObject here; everything else is loose.
const commitSha = /^[a-f0-9]{40}$/
const fingerprintPattern = /^[a-f0-9]{64}$/
const trailPattern = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/
const templateReferencePattern = /^[a-zA-Z0-9\-_]+$/
const annotationKey = /^[A-Za-z0-9_]+$/
const externalUrlLabel = /^[^=.]+$/

const ACTION_NAME = 'kosli-report-action'
const packageVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string
  }
).version
/** The User-Agent the action must send: its name and the version in package.json. */
export const EXPECTED_USER_AGENT = new RegExp(
  `^${ACTION_NAME}/${packageVersion.replace(/[.+]/g, '\\$&')}(\\s|$)`
)

const nullableString = z.string().nullable().optional()
const userDataSchema = z
  .union([z.record(z.string(), z.unknown()), z.array(z.unknown()), z.null()])
  .optional()

/** GitCommit: only sha1 is required; timestamp is the author time in whole Unix seconds. */
const gitCommitSchema = z.looseObject({
  sha1: z.string().regex(commitSha),
  message: nullableString,
  author: nullableString,
  author_username: nullableString,
  branch: nullableString,
  timestamp: z.number().int().optional(),
  url: nullableString,
  parents: z.array(z.string().regex(commitSha)).nullable().optional()
})

/** RepoInfoPostInput; a repository whose id is unknown is left out, never sent with id "". */
const repoInfoSchema = z.looseObject({
  name: z.string(),
  url: z.string(),
  id: z.string().min(1),
  description: z.string().optional(),
  provider: z.enum(['github', 'gitlab', 'bitbucket', 'azure-devops', 'circleci'])
})

/** Each external_urls value is closed: `href` and an optional fingerprint, no `url`. */
const externalUrlSchema = z.strictObject({
  href: z.string(),
  fingerprint: z.string().regex(fingerprintPattern).nullable().optional()
})

/** POST /artifacts/{org}/{flow_name}: CreateArtifact, not closed at the top level. */
export const reportArtifactSchema = z.looseObject({
  fingerprint: z.string().regex(fingerprintPattern),
  filename: z.string(),
  build_url: z.string(),
  commit_url: z.string(),
  trail_name: z.string().regex(trailPattern).nullable().optional(),
  template_reference_name: z.string().regex(templateReferencePattern).nullable().optional(),
  description: nullableString,
  git_commit: z.string().regex(commitSha).nullable().optional(),
  git_commit_info: gitCommitSchema.optional(),
  repo_info: repoInfoSchema.nullable().optional(),
  commits_list: z.array(gitCommitSchema).nullable().optional(),
  repo_url: nullableString,
  is_compliant: z.boolean().nullable().optional(),
  template: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
  external_urls: z
    .record(z.string().regex(externalUrlLabel), externalUrlSchema)
    .nullable()
    .optional(),
  annotations: z.record(z.string().regex(annotationKey), z.string()).optional(),
  user_data: userDataSchema
})

/** One review entry of ApprovalPostInput.approvals: closed. */
const approvalEntrySchema = z.strictObject({
  state: z.enum(['APPROVED', 'UNAPPROVED']),
  comment: z.string().optional(),
  approved_by: z.string(),
  approval_url: z.string().optional()
})

/** POST /approvals/{org}/{flow_name}: ApprovalPostInput, closed. */
export const createApprovalSchema = z.strictObject({
  artifact_fingerprint: z.string().regex(fingerprintPattern),
  description: z.string(),
  src_commit_list: z.array(z.string().regex(commitSha)),
  environment: nullableString,
  oldest_commit: z.string().regex(commitSha).nullable().optional(),
  approvals: z.array(approvalEntrySchema).nullable().optional(),
  user_data: userDataSchema
})

export type GitCommitInfo = z.infer<typeof gitCommitSchema>
export type RepoInfo = z.infer<typeof repoInfoSchema>
export type ReportArtifactBody = z.infer<typeof reportArtifactSchema>
export type CreateApprovalBody = z.infer<typeof createApprovalSchema>
export type ComplianceState = 'COMPLIANT' | 'NON-COMPLIANT' | 'INCOMPLETE'
export type ApprovalState = 'APPROVED' | 'UNAPPROVED' | 'PENDING'

export interface KosliArtifact {
  id: string
  org: string
  flow: string
  fingerprint: string
  filename: string
  build_url: string | null
  commit_url: string | null
  repo_url: string | null
  trail_name: string | null
  template_reference_name: string | null
  description: string | null
  git_commit: string | null
  git_commit_info: GitCommitInfo | null
  repo_info: RepoInfo | null
  commits_list: GitCommitInfo[] | null
  is_compliant: boolean | null
  template: string[] | null
  external_urls: Record<string, { href: string; fingerprint?: string | null }>
  annotations: Record<string, string>
  user_data: unknown
  state: ComplianceState
  state_info: string | null
  /** Unix seconds. */
  created_at: number
  last_modified_at: number
  /** 1 for the first report, +1 for every re-report of the same fingerprint. */
  report_count: number
}

export interface ApprovalWithTimestamp {
  state: 'APPROVED' | 'UNAPPROVED'
  comment: string | null
  approved_by: string
  approval_url: string | null
  /** Unix seconds. */
  timestamp: number
}

export interface KosliApproval {
  org: string
  flow: string
  release_number: number
  artifact_fingerprint: string
  base_artifact: string
  artifact_name: string
  description: string
  src_commit_list: string[]
  oldest_commit: string | null
  environment: string | null
  state: ApprovalState
  approvals: ApprovalWithTimestamp[]
  user_data: unknown
  /** Unix seconds. */
  created_at: number
  last_modified_at: number
}

export interface SeedArtifactInput extends Partial<ReportArtifactBody> {
  fingerprint: string
  org?: string
  flow?: string
  state?: ComplianceState
  state_info?: string | null
  /** Unix seconds. */
  created_at?: number
}

export interface SeedApprovalInput {
  artifact_fingerprint: string
  org?: string
  flow?: string
  environment?: string | null
  description?: string
  src_commit_list?: string[]
  oldest_commit?: string | null
  /** Default APPROVED; PENDING seeds `approvals: []`. */
  state?: ApprovalState
  approvals?: Array<Partial<ApprovalWithTimestamp> & { state: 'APPROVED' | 'UNAPPROVED' }>
  approved_by?: string
  artifact_name?: string
  base_artifact?: string
  user_data?: unknown
  /** Unix seconds. */
  created_at?: number
}

export interface Where {
  org?: string
  flow?: string
}

const VALIDATION_FAILED = 'Input payload validation failed'

/** An in-memory Kosli API v2 served under {url}/api/v2. */
export class KosliStandIn extends HttpStandIn {
  readonly token: string
  private readonly forbiddenTokens: ReadonlySet<string>
  private readonly initialOrgs: Record<string, string[]>
  private orgFlows = new Map<string, Set<string>>()
  private artifactStore = new Map<string, KosliArtifact>()
  private approvalStore: KosliApproval[] = []
  private releaseCounters = new Map<string, number>()
  /** Flows with templates, trails, attestations and asserts. */
  readonly evidence = new KosliEvidence(this, {
    authenticate: req => this.authenticate(req),
    orgFlows: () => this.orgFlows
  })
  private readonly initialMaxPerPage: number | undefined
  private maxPerPage: number | undefined
  private readonly userAgent: RegExp | false
  private readonly initialApprovalsMode: ApprovalsMode
  private approvalsMode: ApprovalsMode = 'served'

  constructor(options: KosliServerOptions = {}) {
    super()
    this.token = options.token ?? DEFAULT_KOSLI_TOKEN
    this.forbiddenTokens = new Set(options.forbiddenTokens ?? [])
    this.initialOrgs = options.orgs ?? { [DEFAULT_KOSLI_ORG]: [DEFAULT_KOSLI_FLOW] }
    this.initialMaxPerPage = options.maxPerPage
    this.userAgent = options.userAgent ?? EXPECTED_USER_AGENT
    this.initialApprovalsMode = options.approvals ?? 'served'
    this.resetState()
  }

  /** Cap the approvals per page below what clients ask for (undefined: no cap); reset() undoes it. */
  setMaxPerPage(max: number | undefined): void {
    if (max !== undefined && !(Number.isInteger(max) && max > 0)) {
      throw new Error(`setMaxPerPage: a positive integer, got ${max}`)
    }
    this.maxPerPage = max
  }

  /** Serve the approval API, or answer every path under it as today's service does; reset() undoes it. */
  setApprovalsMode(mode: ApprovalsMode): void {
    this.approvalsMode = mode
  }

  /** The API base the action talks to: {url}/api/v2. */
  get apiUrl(): string {
    return `${this.url}/api/v2`
  }

  /** Add an organization (when new) and a flow in it. */
  addFlow(org: string, flow: string): void {
    const flows = this.orgFlows.get(org) ?? new Set<string>()
    flows.add(flow)
    this.orgFlows.set(org, flows)
  }

  /** Stored artifacts, in order of first report. */
  artifacts(where: Where = {}): KosliArtifact[] {
    return [...this.artifactStore.values()].filter(a => inScope(a, where))
  }

  artifact(fingerprint: string, where: Where = {}): KosliArtifact | undefined {
    const { org, flow } = this.scope(where)
    return this.artifactStore.get(artifactKey(org, flow, fingerprint))
  }

  /** Set an artifact's compliance state as Kosli would after evaluating its evidence. */
  setArtifactState(
    fingerprint: string,
    state: ComplianceState,
    options: Where & { stateInfo?: string | null } = {}
  ): void {
    const artifact = this.artifact(fingerprint, options)
    if (!artifact) throw new Error(`setArtifactState: no artifact ${fingerprint}`)
    artifact.state = state
    artifact.state_info = options.stateInfo ?? artifact.state_info
  }

  /** Stored approvals, oldest first. */
  approvals(where: Where = {}): KosliApproval[] {
    return this.approvalStore.filter(a => inScope(a, where))
  }

  /** Store an artifact as if it had been reported; the body is validated like a report. */
  seedArtifact(input: SeedArtifactInput): KosliArtifact {
    const { org, flow, state, state_info, created_at, ...fields } = input
    const where = this.scope({ org, flow })
    this.requireFlow(where.org, where.flow)
    const body = {
      filename: `artifact-${input.fingerprint.slice(0, 7)}`,
      build_url: 'https://github.com/acme/app/actions/runs/1/attempts/1',
      commit_url: `https://github.com/acme/app/commit/${input.git_commit ?? ''}`,
      ...fields
    }
    const parsed = reportArtifactSchema.safeParse(body, { reportInput: true })
    if (!parsed.success) {
      throw new Error(
        `seedArtifact: invalid artifact: ${JSON.stringify(problemsOf(parsed.error, body))}`
      )
    }
    const artifact = this.storeArtifact(where.org, where.flow, parsed.data, created_at)
    if (state) artifact.state = state
    if (state_info !== undefined) artifact.state_info = state_info
    return artifact
  }

  /** Store an approval as if it had been created; it takes the flow's next release number. */
  seedApproval(input: SeedApprovalInput): KosliApproval {
    const where = this.scope(input)
    this.requireFlow(where.org, where.flow)
    const now = input.created_at ?? nowSeconds()
    const state = input.state ?? 'APPROVED'
    const approvals: ApprovalWithTimestamp[] = (
      input.approvals ??
      (state === 'PENDING' ? [] : [{ state, approved_by: input.approved_by ?? 'octocat' }])
    ).map(a => ({
      state: a.state,
      comment: a.comment ?? null,
      approved_by: a.approved_by ?? input.approved_by ?? 'octocat',
      approval_url: a.approval_url ?? null,
      timestamp: a.timestamp ?? now
    }))
    const target = this.artifact(input.artifact_fingerprint, where)
    const approval: KosliApproval = {
      org: where.org,
      flow: where.flow,
      release_number: this.nextReleaseNumber(where.org, where.flow),
      artifact_fingerprint: input.artifact_fingerprint,
      base_artifact:
        input.base_artifact ??
        this.baseArtifact(where.org, where.flow, input.oldest_commit, input.artifact_fingerprint),
      artifact_name: input.artifact_name ?? target?.filename ?? input.artifact_fingerprint,
      description: input.description ?? 'Seeded approval',
      src_commit_list: input.src_commit_list ?? [],
      oldest_commit: input.oldest_commit ?? null,
      environment: input.environment ?? null,
      state,
      approvals,
      user_data: input.user_data ?? {},
      created_at: now,
      last_modified_at: now
    }
    this.approvalStore.push(approval)
    return approval
  }

  protected override resetState(): void {
    this.orgFlows = new Map(
      Object.entries(this.initialOrgs).map(([org, flows]) => [org, new Set(flows)])
    )
    this.artifactStore = new Map()
    this.approvalStore = []
    this.releaseCounters = new Map()
    this.evidence.reset()
    this.maxPerPage = this.initialMaxPerPage
    this.approvalsMode = this.initialApprovalsMode
  }

  protected override faultBody(status: number): unknown {
    return { message: statusMessage(status) }
  }

  protected override successStatus(method: string): number {
    return method === 'POST' ? 201 : 200
  }

  protected override handle(req: StandInRequest): Answer | Promise<Answer> {
    const evidence = this.evidence.handle(req)
    if (evidence) return evidence
    const [api, version, resource, org, flow, ...rest] = req.segments
    if (api !== 'api' || version !== 'v2') return notFoundRoute()
    // Today's service has no such route: any method, any depth, before authentication.
    if (resource === 'approvals' && this.approvalsMode !== 'served') {
      return this.approvalsMode === 'removed-detail'
        ? { status: 404, body: { detail: 'Not Found' } }
        : notFoundRoute()
    }
    const route = matchRoute(req.method, resource, rest)
    if (route === 'no-route') return notFoundRoute()
    if (route === 'wrong-method') {
      return error(405, 'The method is not allowed for the requested URL.')
    }

    const denied = this.authenticate(req)
    if (denied) return denied
    const agent = req.headers['user-agent'] ?? ''
    if (this.userAgent && !this.userAgent.test(agent)) {
      return error(
        400,
        `User-Agent ${JSON.stringify(agent)} does not name the client and its version (expected ${this.userAgent.source})`
      )
    }
    if (!this.orgFlows.has(org)) return error(404, `Organization '${org}' not found`)
    if (!this.orgFlows.get(org)?.has(flow)) {
      return error(404, `Flow named '${flow}' does not exist for organization '${org}'`)
    }

    switch (route) {
      case 'report-artifact':
        return this.reportArtifact(req, org, flow)
      case 'artifacts-by-commit':
        return this.artifactsByCommit(req, org, flow, rest[1])
      case 'artifact-by-fingerprint':
        return this.artifactByFingerprint(org, flow, rest[1])
      case 'create-approval':
        return this.createApproval(req, org, flow)
      case 'list-approvals':
        return this.listApprovals(req, org, flow)
    }
  }

  private authenticate(req: StandInRequest): Answer | undefined {
    const header = req.headers.authorization
    if (!header) return error(401, 'Authorization header is missing: expected Bearer <token>')
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
    if (!match) return error(401, 'Authorization header must be of the form: Bearer <token>')
    if (this.forbiddenTokens.has(match[1])) {
      return error(403, 'The API token does not have permission to perform this action')
    }
    if (match[1] !== this.token) return error(401, 'Invalid API token')
    return undefined
  }

  private reportArtifact(req: StandInRequest, org: string, flow: string): Answer {
    const parsed = parseBody(req, reportArtifactSchema)
    if ('answer' in parsed) return parsed.answer
    this.storeArtifact(org, flow, parsed.data)
    // Kosli answers a report with an empty object.
    return { status: 201, body: {} }
  }

  private artifactsByCommit(req: StandInRequest, org: string, flow: string, sha: string): Answer {
    const trail = req.query.get('trail')
    const found = this.artifacts({ org, flow }).filter(
      a => a.git_commit === sha && (!trail || a.trail_name === trail)
    )
    return { status: 200, body: found.map(a => this.artifactJson(a)) }
  }

  private artifactByFingerprint(org: string, flow: string, fingerprint: string): Answer {
    const artifact = this.artifact(fingerprint, { org, flow })
    if (!artifact) {
      return error(
        404,
        `Artifact with fingerprint '${fingerprint}' does not exist in flow '${flow}' in organization '${org}'`
      )
    }
    return { status: 200, body: this.artifactJson(artifact) }
  }

  private createApproval(req: StandInRequest, org: string, flow: string): Answer {
    const parsed = parseBody(req, createApprovalSchema)
    if ('answer' in parsed) return parsed.answer
    const body = parsed.data
    const target = this.artifact(body.artifact_fingerprint, { org, flow })
    if (!target) {
      return error(
        404,
        `Artifact with fingerprint '${body.artifact_fingerprint}' does not exist in flow '${flow}' in organization '${org}'`
      )
    }
    const now = nowSeconds()
    const approvals = (body.approvals ?? []).map(a => ({
      state: a.state,
      comment: a.comment ?? null,
      approved_by: a.approved_by,
      approval_url: a.approval_url ?? null,
      timestamp: now
    }))
    this.approvalStore.push({
      org,
      flow,
      release_number: this.nextReleaseNumber(org, flow),
      artifact_fingerprint: body.artifact_fingerprint,
      base_artifact: this.baseArtifact(org, flow, body.oldest_commit, body.artifact_fingerprint),
      artifact_name: target.filename,
      description: body.description,
      src_commit_list: body.src_commit_list,
      oldest_commit: body.oldest_commit ?? null,
      environment: body.environment ?? null,
      state: approvalState(approvals),
      approvals,
      user_data: body.user_data ?? {},
      created_at: now,
      last_modified_at: now
    })
    // The real API echoes the request without the release number; fields not sent come back null.
    return {
      status: 201,
      body: {
        artifact_fingerprint: body.artifact_fingerprint,
        description: body.description,
        src_commit_list: body.src_commit_list,
        environment: body.environment ?? null,
        oldest_commit: body.oldest_commit ?? null,
        approvals: body.approvals ?? null,
        user_data: body.user_data ?? null
      }
    }
  }

  private listApprovals(req: StandInRequest, org: string, flow: string): Answer {
    const page = positiveInteger(req.query.get('page'), 1)
    const perPage = positiveInteger(req.query.get('per_page'), 20)
    const errors: Record<string, string> = {}
    if (page === null) errors.page = `'${req.query.get('page')}' is not a positive integer`
    if (perPage === null)
      errors.per_page = `'${req.query.get('per_page')}' is not a positive integer`
    if (page === null || perPage === null) {
      return { status: 400, body: { message: VALIDATION_FAILED, errors } }
    }
    const newestFirst = this.approvals({ org, flow }).sort(
      (a, b) => b.release_number - a.release_number
    )
    const size = Math.min(perPage, this.maxPerPage ?? perPage)
    const items = newestFirst.slice((page - 1) * size, page * size)
    return { status: 200, body: items.map(approvalJson) }
  }

  private storeArtifact(
    org: string,
    flow: string,
    body: ReportArtifactBody,
    createdAt?: number
  ): KosliArtifact {
    const key = artifactKey(org, flow, body.fingerprint)
    const existing = this.artifactStore.get(key)
    const now = createdAt ?? nowSeconds()
    const template =
      body.template === undefined || body.template === null
        ? null
        : Array.isArray(body.template)
          ? body.template
          : body.template.split(',').map(t => t.trim())
    const artifact: KosliArtifact = {
      id: existing?.id ?? randomUUID(),
      org,
      flow,
      fingerprint: body.fingerprint,
      filename: body.filename,
      build_url: body.build_url,
      commit_url: body.commit_url,
      repo_url: body.repo_url ?? null,
      trail_name: body.trail_name ?? null,
      template_reference_name: body.template_reference_name ?? null,
      description: body.description ?? null,
      git_commit: body.git_commit ?? null,
      git_commit_info: body.git_commit_info ?? null,
      repo_info: body.repo_info ?? null,
      commits_list: body.commits_list ?? null,
      is_compliant: body.is_compliant ?? null,
      template,
      external_urls: body.external_urls ?? {},
      annotations: body.annotations ?? {},
      user_data: body.user_data ?? null,
      state:
        body.is_compliant === false
          ? 'NON-COMPLIANT'
          : body.is_compliant === true
            ? 'COMPLIANT'
            : (existing?.state ?? 'COMPLIANT'),
      state_info: existing?.state_info ?? null,
      created_at: existing?.created_at ?? now,
      last_modified_at: now,
      report_count: (existing?.report_count ?? 0) + 1
    }
    this.artifactStore.set(key, artifact)
    return artifact
  }

  /** The artifact as the API returns it (kosli-get-artifacts-by-commit.txt). */
  artifactJson(a: KosliArtifact): Record<string, unknown> {
    return {
      id: a.id,
      fingerprint: a.fingerprint,
      filename: a.filename,
      created_at: isoSeconds(a.created_at),
      last_modified_at: isoSeconds(a.last_modified_at),
      evidence: {},
      flow_name: a.flow,
      commit_lead_times: {},
      build_lead_times: {},
      trail_name: a.trail_name,
      template_reference_name: a.template_reference_name,
      git_commit: a.git_commit,
      git_commit_info: a.git_commit_info,
      repo_info: a.repo_info,
      commit_url: a.commit_url,
      build_url: a.build_url,
      repo_url: a.repo_url,
      html_url: `${this.url}/${a.org}/flows/${a.flow}/artifacts/${a.fingerprint}`,
      api_url: `${this.apiUrl}/artifacts/${a.org}/${a.flow}/fingerprint/${a.fingerprint}`,
      user_data: a.user_data,
      external_urls: a.external_urls,
      annotations: a.annotations,
      state: a.state,
      deployments: [],
      template: a.template,
      state_info: a.state_info,
      approvals: this.approvals({ org: a.org, flow: a.flow })
        .filter(p => p.artifact_fingerprint === a.fingerprint)
        .map(p => p.release_number),
      running: [],
      exited: [],
      history: []
    }
  }

  /** The artifact built from the oldest commit, else the target itself. */
  private baseArtifact(
    org: string,
    flow: string,
    oldestCommit: string | null | undefined,
    target: string
  ): string {
    if (!oldestCommit) return target
    const base = this.artifacts({ org, flow }).find(a => a.git_commit === oldestCommit)
    return base?.fingerprint ?? target
  }

  private nextReleaseNumber(org: string, flow: string): number {
    const key = `${org}/${flow}`
    const next = (this.releaseCounters.get(key) ?? 0) + 1
    this.releaseCounters.set(key, next)
    return next
  }

  private scope(where: Where): { org: string; flow: string } {
    const [firstOrg, firstFlows] = Object.entries(this.initialOrgs)[0] ?? [DEFAULT_KOSLI_ORG, []]
    return { org: where.org ?? firstOrg, flow: where.flow ?? firstFlows[0] ?? DEFAULT_KOSLI_FLOW }
  }

  private requireFlow(org: string, flow: string): void {
    if (!this.orgFlows.get(org)?.has(flow)) {
      throw new Error(`no flow '${flow}' in org '${org}': start the stand-in with it or addFlow()`)
    }
  }
}

/** Start a Kosli stand-in on 127.0.0.1 at a random port. */
export async function startKosliServer(options: KosliServerOptions = {}): Promise<KosliStandIn> {
  return new KosliStandIn(options).listen({ tls: options.tls })
}

type Route =
  | 'report-artifact'
  | 'artifacts-by-commit'
  | 'artifact-by-fingerprint'
  | 'create-approval'
  | 'list-approvals'

function matchRoute(
  method: string,
  resource: string | undefined,
  rest: string[]
): Route | 'no-route' | 'wrong-method' {
  const want = (route: Route, expected: string): Route | 'wrong-method' =>
    method === expected ? route : 'wrong-method'
  if (resource === 'artifacts') {
    if (rest.length === 0) return want('report-artifact', 'POST')
    if (rest.length === 2 && rest[0] === 'commit_sha') return want('artifacts-by-commit', 'GET')
    if (rest.length === 2 && rest[0] === 'fingerprint') {
      return want('artifact-by-fingerprint', 'GET')
    }
  }
  if (resource === 'approvals' && rest.length === 0) {
    if (method === 'POST') return 'create-approval'
    return want('list-approvals', 'GET')
  }
  return 'no-route'
}

function parseBody<T>(req: StandInRequest, schema: z.ZodType<T>): { data: T } | { answer: Answer } {
  if (!req.bodyIsJson || req.body === undefined) {
    return { answer: error(400, 'Failed to decode JSON object: the request body is not JSON') }
  }
  const parsed = schema.safeParse(req.body, { reportInput: true })
  if (parsed.success) return { data: parsed.data }
  return {
    answer: {
      status: 400,
      body: { message: VALIDATION_FAILED, errors: problemsOf(parsed.error, req.body) }
    }
  }
}

/** Kosli's errors: `{"<dotted.field>": "<why> [input: <value>]"}`, one per field. */
function problemsOf(error: z.ZodError, body: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const problem of fieldProblems(error.issues)) {
    errors[problem.field] ??=
      `${problem.message} [input: ${pythonRepr(valueAt(body, problem.field))}]`
  }
  return errors
}

function valueAt(body: unknown, dotted: string): unknown {
  let value = body
  for (const key of dotted ? dotted.split('.') : []) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** How Kosli's Python server prints a JSON value. */
function pythonRepr(value: unknown): string {
  if (value === undefined || value === null) return 'None'
  if (value === true) return 'True'
  if (value === false) return 'False'
  if (typeof value === 'string') return `'${value}'`
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
    return `{${entries.map(([k, v]) => `'${k}': ${pythonRepr(v)}`).join(', ')}}`
  }
  return String(value)
}

function approvalJson(a: KosliApproval): Record<string, unknown> {
  return {
    release_number: a.release_number,
    base_artifact: a.base_artifact,
    artifact_name: a.artifact_name,
    target_artifact: a.artifact_fingerprint,
    description: a.description,
    src_commit_list: a.src_commit_list,
    created_at: a.created_at,
    last_modified_at: a.last_modified_at,
    state: a.state,
    approvals: a.approvals,
    environment: a.environment,
    user_data: a.user_data
  }
}

function approvalState(approvals: Array<{ state: string }>): ApprovalState {
  if (approvals.some(a => a.state === 'APPROVED')) return 'APPROVED'
  if (approvals.length === 0) return 'PENDING'
  return 'UNAPPROVED'
}

function error(status: number, message: string): Answer {
  return { status, body: { message } }
}

function notFoundRoute(): Answer {
  return error(
    404,
    'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'
  )
}

function inScope(item: { org: string; flow: string }, where: Where): boolean {
  return (!where.org || item.org === where.org) && (!where.flow || item.flow === where.flow)
}

function artifactKey(org: string, flow: string, fingerprint: string): string {
  return `${org}\u0000${flow}\u0000${fingerprint}`
}

function positiveInteger(value: string | null, fallback: number): number | null {
  if (value === null || value === '') return fallback
  return /^[1-9][0-9]*$/.test(value) ? Number(value) : null
}

function nowSeconds(): number {
  return Date.now() / 1000
}

function isoSeconds(seconds: number): string {
  return new Date(Math.round(seconds * 1000)).toISOString()
}

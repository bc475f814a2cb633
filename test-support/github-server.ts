import { createHash } from 'node:crypto'
import { z } from 'zod'
import {
  fieldProblems,
  HttpStandIn,
  statusMessage,
  type Answer,
  type FaultMatch,
  type StandInRequest,
  type StandInTls
} from './http-stand-in.js'
import { GitHubDeployments } from './github-deployments.js'
import { GitHubPulls } from './github-pulls.js'

export const DEFAULT_GITHUB_TOKEN = 'test-github-token'

/** How the deployment-record endpoint treats an organization. */
export type DeploymentRecordAccess =
  | 'allowed'
  /** 403 "Resource not accessible by integration": the job lacks artifact-metadata: write. */
  | 'missing-permission'
  /** 403 / 404 "no artifacts found": GitHub knows no artifact with the digest. */
  | 'no-artifacts-403'
  | 'no-artifacts-404'

export interface GitHubAccountOptions {
  /** Default 'Organization'; the deployment-record endpoint answers 404 for a 'User'. */
  type?: 'Organization' | 'User'
  deploymentRecords?: DeploymentRecordAccess
}

export interface GitHubServerOptions {
  /** The one valid token (default 'test-github-token'), sent as `token X` or `Bearer X`. */
  token?: string
  /** The web origin in html_url fields (default https://github.com). */
  serverUrl?: string
  /** Accounts known from the start, by login. */
  orgs?: Record<string, GitHubAccountOptions>
  /** Serve https with this key and certificate instead of http. */
  tls?: StandInTls
  /** The API under a path, as GitHub Enterprise Server serves it under /api/v3; other paths 404. */
  apiPrefix?: string
  /** Act as GitHub Enterprise Server: every answer carries X-GitHub-Enterprise-Version. */
  enterpriseVersion?: string
  /** False: the server has no deployment-record route (older GHES), so it answers 404 Not Found. */
  deploymentRecordRoute?: boolean
}

export interface SeedRepositoryInput {
  owner: string
  repo: string
  /** Default: a stable number derived from the full name. */
  id?: number
  description?: string | null
  /** Default 'main'. */
  defaultBranch?: string
  /** Default true: the owner is an organization, not a user account. */
  orgOwned?: boolean
  private?: boolean
}

export interface SeedCommitInput {
  /** Default: a stable 40-hex sha derived from the content and parents. */
  sha?: string
  message: string
  authorName: string
  authorEmail: string
  /** The author's GitHub login; null or absent when the email maps to no account. */
  login?: string | null
  /** Author time, Unix seconds. */
  timestamp: number
  /** Default: the previous commit in the list, or the branch head for the first one. */
  parents?: string[]
  committerName?: string
  committerEmail?: string
  committerTimestamp?: number
  /**
   * GitHub's signature check of the commit (`commit.verification`); default unsigned. null: the
   * object is left out, as older GitHub Enterprise Servers do.
   */
  verification?: CommitVerification | null
}

/** `commit.verification` as GitHub's REST API shows it. */
export interface CommitVerification {
  verified: boolean
  /** e.g. valid, unsigned, bad_email, malformed_signature, unknown_signature_type. */
  reason: string
  signature?: string | null
  payload?: string | null
  verified_at?: string | null
}

export interface SeededCommit {
  sha: string
  message: string
  authorName: string
  authorEmail: string
  login: string | null
  timestamp: number
  parents: string[]
  committerName: string
  committerEmail: string
  committerTimestamp: number
  verification: CommitVerification | null
}

export interface SeededRepository {
  owner: string
  repo: string
  id: number
  description: string | null
  defaultBranch: string
  private: boolean
  branches: Map<string, string>
  tags: Map<string, string>
  commits: Map<string, SeededCommit>
}

export interface DeploymentRecord {
  id: number
  /** The organization's login as configured (the path's org is not case sensitive). */
  org: string
  name: string
  digest: string
  version: string | null
  logical_environment: string
  physical_environment: string | null
  cluster: string | null
  deployment_name: string
  tags: Record<string, string>
  runtime_risks: string[]
  status: 'deployed' | 'decommissioned'
  github_repository: string | null
  created_at: string
  updated_at: string
  attestation_id: null
  /** How many requests created or updated this record. */
  writes: number
}

export interface RateLimitOptions {
  /** How many requests get the rate-limit answer (default 1). */
  times?: number
  /** When the limit resets, from the moment of the answer (default 1). */
  resetInSeconds?: number
  /** 403 (default) or 429; a 429 also carries retry-after. */
  status?: 403 | 429
  /** A secondary (abuse) limit: retry-after and the "secondary rate limit" message. */
  secondary?: boolean
  match?: FaultMatch
}

const RUNTIME_RISKS = [
  'critical-resource',
  'internet-exposed',
  'lateral-movement',
  'sensitive-data'
] as const

/** POST /orgs/{org}/artifacts/metadata/deployment-record, per github-deployment-record.txt. */
export const deploymentRecordSchema = z.strictObject({
  name: z.string().min(1).max(256),
  digest: z.string().regex(/^sha256:[a-f0-9]{64}$/),
  version: z.string().max(100).optional(),
  logical_environment: z.string().min(1).max(128),
  physical_environment: z.string().max(128).optional(),
  cluster: z.string().max(128).optional(),
  deployment_name: z.string().min(1).max(256),
  tags: z
    .record(z.string(), z.string())
    .refine(tags => Object.keys(tags).length <= 5, 'at most 5 tags are allowed')
    .optional(),
  runtime_risks: z
    .array(z.enum(RUNTIME_RISKS))
    .max(4)
    .refine(risks => new Set(risks).size === risks.length, 'runtime risks must be unique')
    .optional(),
  status: z.enum(['deployed', 'decommissioned']),
  github_repository: z.string().optional()
})

export type DeploymentRecordBody = z.infer<typeof deploymentRecordSchema>

const DOCS = 'https://docs.github.com/rest'
const RATE_LIMIT = 5000
const DEFAULT_AUTHOR = { authorName: 'Mona Lisa', authorEmail: 'mona@example.com', login: 'mona' }

interface Account {
  login: string
  type: 'Organization' | 'User'
  deploymentRecords: DeploymentRecordAccess
}

/** An in-memory GitHub REST API: repositories, commits, compare and deployment records. */
export class GitHubStandIn extends HttpStandIn {
  readonly token: string
  readonly serverUrl: string
  private readonly apiPrefix: string[]
  private readonly enterpriseVersion: string | undefined
  private readonly deploymentRecordRoute: boolean
  private readonly initialAccounts: Record<string, GitHubAccountOptions>
  private accounts = new Map<string, Account>()
  private repositories = new Map<string, SeededRepository>()
  private records: DeploymentRecord[] = []
  private nextRecordId = 1
  private remaining = RATE_LIMIT
  private rateLimitReset = 0
  private requestIds = 0
  /** Pull requests, their reviews and commits. */
  readonly pulls = new GitHubPulls(this)
  /** Workflow runs with their review history, deployments and their statuses. */
  readonly deployments = new GitHubDeployments(this)

  constructor(options: GitHubServerOptions = {}) {
    super()
    this.token = options.token ?? DEFAULT_GITHUB_TOKEN
    this.serverUrl = (options.serverUrl ?? 'https://github.com').replace(/\/+$/, '')
    this.initialAccounts = options.orgs ?? {}
    this.apiPrefix = (options.apiPrefix ?? '').split('/').filter(Boolean)
    this.enterpriseVersion = options.enterpriseVersion
    this.deploymentRecordRoute = options.deploymentRecordRoute ?? true
    this.resetState()
  }

  /** Add or change an account (organization or user) and how it treats deployment records. */
  configureOrg(login: string, options: GitHubAccountOptions): void {
    const existing = this.accounts.get(login.toLowerCase())
    this.accounts.set(login.toLowerCase(), {
      login: existing?.login ?? login,
      type: options.type ?? existing?.type ?? 'Organization',
      deploymentRecords: options.deploymentRecords ?? existing?.deploymentRecords ?? 'allowed'
    })
  }

  seedRepository(input: SeedRepositoryInput): SeededRepository {
    const account = this.accounts.get(input.owner.toLowerCase())
    if (!account || input.orgOwned !== undefined) {
      this.configureOrg(input.owner, {
        type: (input.orgOwned ?? true) ? 'Organization' : 'User'
      })
    }
    const repository: SeededRepository = {
      owner: input.owner,
      repo: input.repo,
      id: input.id ?? stableNumber(`${input.owner}/${input.repo}`),
      description: input.description ?? null,
      defaultBranch: input.defaultBranch ?? 'main',
      private: input.private ?? false,
      branches: new Map(),
      tags: new Map(),
      commits: new Map()
    }
    this.repositories.set(repoKey(input.owner, input.repo), repository)
    return repository
  }

  /**
   * Add commits on a branch (default: the repository's default branch), each the child of the
   * one before, and move the branch to the last. Returns their shas in the order given.
   */
  seedCommits(
    owner: string,
    repo: string,
    commits: SeedCommitInput[],
    options: { branch?: string } = {}
  ): string[] {
    const repository = this.requireRepository(owner, repo)
    const branch = options.branch ?? repository.defaultBranch
    let previous = repository.branches.get(branch)
    const shas: string[] = []
    for (const input of commits) {
      const parents = input.parents ?? (previous ? [previous] : [])
      const commit: SeededCommit = {
        sha: '',
        message: input.message,
        authorName: input.authorName,
        authorEmail: input.authorEmail,
        login: input.login ?? null,
        timestamp: input.timestamp,
        parents,
        committerName: input.committerName ?? input.authorName,
        committerEmail: input.committerEmail ?? input.authorEmail,
        committerTimestamp: input.committerTimestamp ?? input.timestamp,
        verification: input.verification === undefined ? UNSIGNED : input.verification
      }
      commit.sha = input.sha ?? commitSha(commit)
      if (!/^[a-f0-9]{40}$/.test(commit.sha)) {
        throw new Error(`seedCommits: '${commit.sha}' is not a 40-hex lower-case sha`)
      }
      repository.commits.set(commit.sha, commit)
      shas.push(commit.sha)
      previous = commit.sha
    }
    if (previous) repository.branches.set(branch, previous)
    return shas
  }

  /** n commits on the default branch (or options.branch); returns the shas oldest first. */
  seedLinearHistory(
    owner: string,
    repo: string,
    n: number,
    options: { branch?: string; startTimestamp?: number; messagePrefix?: string } = {}
  ): string[] {
    const start = options.startTimestamp ?? 1_700_000_000
    const commits = Array.from({ length: n }, (_, i) => ({
      ...DEFAULT_AUTHOR,
      message: `${options.messagePrefix ?? 'Change'} ${i + 1}`,
      timestamp: start + i * 60
    }))
    return this.seedCommits(owner, repo, commits, { branch: options.branch })
  }

  /** Point a branch at a commit. */
  seedBranch(owner: string, repo: string, branch: string, sha: string): void {
    this.requireRepository(owner, repo).branches.set(branch, sha)
  }

  seedTag(owner: string, repo: string, tag: string, sha: string): void {
    this.requireRepository(owner, repo).tags.set(tag, sha)
  }

  repository(owner: string, repo: string): SeededRepository | undefined {
    return this.repositories.get(repoKey(owner, repo))
  }

  commit(owner: string, repo: string, sha: string): SeededCommit | undefined {
    return this.repository(owner, repo)?.commits.get(sha)
  }

  /** A seeded commit as GitHub's REST API shows it (a commit list item). */
  commitObject(owner: string, repo: string, sha: string): Record<string, unknown> | undefined {
    const repository = this.repository(owner, repo)
    const commit = repository?.commits.get(sha)
    return repository && commit ? this.commitJson(repository, commit) : undefined
  }

  /** Recorded deployment records, in order of creation. */
  deploymentRecords(org?: string): DeploymentRecord[] {
    return this.records.filter(r => !org || r.org.toLowerCase() === org.toLowerCase())
  }

  /** What x-ratelimit-remaining says from now on (each answer takes one off). */
  setRateLimitRemaining(remaining: number): void {
    this.remaining = remaining
  }

  /** Answer the next requests with GitHub's rate-limit errors. */
  injectRateLimit(options: RateLimitOptions = {}): void {
    const resetIn = options.resetInSeconds ?? 1
    const status = options.status ?? 403
    const message = options.secondary
      ? 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.'
      : 'API rate limit exceeded for installation ID 4242. If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.'
    const headers = (): Record<string, string> => {
      const reset = String(Math.ceil(Date.now() / 1000) + resetIn)
      const common = { 'x-ratelimit-limit': String(RATE_LIMIT), 'x-ratelimit-resource': 'core' }
      if (options.secondary) {
        return { ...common, 'retry-after': String(resetIn) }
      }
      return {
        ...common,
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': String(RATE_LIMIT),
        'x-ratelimit-reset': reset,
        ...(status === 429 ? { 'retry-after': String(resetIn) } : {})
      }
    }
    const docs = options.secondary
      ? `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`
      : `${DOCS}/overview/rate-limits-for-the-rest-api`
    this.injectFault(
      { status, headers, body: { message, documentation_url: docs, status: String(status) } },
      { times: options.times, match: options.match }
    )
  }

  protected override resetState(): void {
    this.accounts = new Map()
    for (const [login, options] of Object.entries(this.initialAccounts)) {
      this.configureOrg(login, options)
    }
    this.repositories = new Map()
    this.records = []
    this.nextRecordId = 1
    this.remaining = RATE_LIMIT
    this.rateLimitReset = Math.ceil(Date.now() / 1000) + 3600
    this.pulls.reset()
    this.deployments.reset()
  }

  protected override faultBody(status: number): unknown {
    return { message: statusMessage(status), documentation_url: DOCS, status: String(status) }
  }

  protected override commonHeaders(_req: StandInRequest): Record<string, string> {
    this.remaining = Math.max(this.remaining - 1, 0)
    this.requestIds += 1
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': `C0DE:${this.requestIds.toString(16).toUpperCase()}:0:0:0`,
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(this.remaining),
      'x-ratelimit-reset': String(this.rateLimitReset),
      'x-ratelimit-used': String(RATE_LIMIT - this.remaining),
      'x-ratelimit-resource': 'core',
      ...(this.enterpriseVersion ? { 'x-github-enterprise-version': this.enterpriseVersion } : {})
    }
  }

  protected override handle(request: StandInRequest): Answer {
    const prefix = this.apiPrefix
    if (prefix.some((segment, i) => request.segments[i] !== segment)) {
      return ghError(404, 'Not Found', DOCS)
    }
    // Routed without the prefix; `path` keeps it, so Link headers point where the client asked.
    const req = prefix.length
      ? { ...request, segments: request.segments.slice(prefix.length) }
      : request
    const auth = this.authenticate(req)
    if (auth === 'bad') return ghError(401, 'Bad credentials', DOCS)
    const pulls = this.pulls.handle(req, auth) ?? this.deployments.handle(req, auth)
    if (pulls) return pulls
    const s = req.segments
    if (s[0] === 'repos' && s.length >= 3) {
      if (req.method !== 'GET') return ghError(404, 'Not Found', DOCS)
      const repository = this.repository(s[1], s[2])
      if (!repository || (repository.private && auth === 'none')) {
        return ghError(404, 'Not Found', `${DOCS}/repos/repos#get-a-repository`)
      }
      if (s.length === 3) return { status: 200, body: this.repositoryJson(repository) }
      if (s[3] === 'commits' && s.length >= 5) {
        return this.getCommit(repository, s.slice(4).join('/'))
      }
      if (s[3] === 'compare' && s.length >= 5) {
        return this.compare(req, repository, s.slice(4).join('/'))
      }
      return ghError(404, 'Not Found', DOCS)
    }
    if (
      s[0] === 'orgs' &&
      s.length === 5 &&
      s[2] === 'artifacts' &&
      s[3] === 'metadata' &&
      s[4] === 'deployment-record' &&
      this.deploymentRecordRoute
    ) {
      if (req.method !== 'POST') return ghError(404, 'Not Found', DOCS)
      if (auth === 'none') return ghError(401, 'Requires authentication', DOCS)
      return this.recordDeployment(req, s[1])
    }
    if ((s[0] === 'orgs' || s[0] === 'users') && s.length === 2 && req.method === 'GET') {
      const account = this.accounts.get(s[1].toLowerCase())
      if (!account || (s[0] === 'orgs' && account.type !== 'Organization')) {
        return ghError(404, 'Not Found', DOCS)
      }
      return { status: 200, body: this.accountJson(account) }
    }
    return ghError(404, 'Not Found', DOCS)
  }

  private authenticate(req: StandInRequest): 'none' | 'ok' | 'bad' {
    const header = req.headers.authorization
    if (!header) return 'none'
    const match = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(header)
    return match && match[1] === this.token ? 'ok' : 'bad'
  }

  private getCommit(repository: SeededRepository, ref: string): Answer {
    const sha = resolveRef(repository, ref)
    const commit = sha ? repository.commits.get(sha) : undefined
    if (!commit) {
      return ghError(422, `No commit found for SHA: ${ref}`, `${DOCS}/commits/commits#get-a-commit`)
    }
    return {
      status: 200,
      body: {
        ...this.commitJson(repository, commit),
        stats: { total: 0, additions: 0, deletions: 0 },
        files: []
      }
    }
  }

  private compare(req: StandInRequest, repository: SeededRepository, basehead: string): Answer {
    const docs = `${DOCS}/commits/commits#compare-two-commits`
    const separator = basehead.indexOf('...')
    if (separator < 0) return ghError(404, 'Not Found', docs)
    const baseRef = stripOwner(basehead.slice(0, separator))
    const headRef = stripOwner(basehead.slice(separator + 3))
    const baseSha = resolveRef(repository, baseRef)
    const headSha = resolveRef(repository, headRef)
    if (!baseSha || !headSha) return ghError(404, 'Not Found', docs)

    const ofBase = ancestors(repository, baseSha)
    const ofHead = ancestors(repository, headSha)
    const common = [...ofHead].filter(sha => ofBase.has(sha))
    if (common.length === 0) {
      return ghError(404, `No common ancestor between ${baseRef} and ${headRef}.`, docs)
    }
    const mergeBase = bestCommonAncestor(repository, common)
    const aheadOnly = new Set([...ofHead].filter(sha => !ofBase.has(sha)))
    const behindBy = [...ofBase].filter(sha => !ofHead.has(sha)).length
    const ordered = oldestFirst(repository, headSha, aheadOnly)
    const status =
      ordered.length === 0
        ? behindBy === 0
          ? 'identical'
          : 'behind'
        : behindBy === 0
          ? 'ahead'
          : 'diverged'

    const pageParam = req.query.get('page')
    const perPageParam = req.query.get('per_page')
    const page = Math.max(parseInt(pageParam ?? '1', 10) || 1, 1)
    const perPage = Math.min(Math.max(parseInt(perPageParam ?? '250', 10) || 250, 1), 250)
    const lastPage = Math.max(Math.ceil(ordered.length / perPage), 1)
    const slice = ordered.slice((page - 1) * perPage, page * perPage)
    const headers: Record<string, string> = {}
    const link = this.linkHeader(req, page, lastPage)
    if (link) headers.link = link

    const { owner, repo } = repository
    const api = `${this.url}/repos/${owner}/${repo}`
    const web = `${this.serverUrl}/${owner}/${repo}`
    return {
      status: 200,
      headers,
      body: {
        url: `${api}/compare/${basehead}`,
        html_url: `${web}/compare/${basehead}`,
        permalink_url: `${web}/compare/${owner}:${baseSha.slice(0, 7)}...${owner}:${headSha.slice(0, 7)}`,
        diff_url: `${web}/compare/${basehead}.diff`,
        patch_url: `${web}/compare/${basehead}.patch`,
        base_commit: this.commitJson(repository, repository.commits.get(baseSha) as SeededCommit),
        merge_base_commit: this.commitJson(
          repository,
          repository.commits.get(mergeBase) as SeededCommit
        ),
        status,
        ahead_by: ordered.length,
        behind_by: behindBy,
        total_commits: ordered.length,
        commits: slice.map(sha =>
          this.commitJson(repository, repository.commits.get(sha) as SeededCommit)
        ),
        files: []
      }
    }
  }

  /** GitHub's Link header: prev, next, last, first, each present only when it applies. */
  private linkHeader(req: StandInRequest, page: number, lastPage: number): string | undefined {
    if (lastPage <= 1) return undefined
    const at = (n: number): string => {
      const query = new URLSearchParams(req.query)
      query.set('page', String(n))
      return `<${this.url}${req.path}?${query.toString()}>`
    }
    const links: string[] = []
    if (page > 1) links.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`)
    if (page < lastPage) {
      links.push(`${at(page + 1)}; rel="next"`)
      links.push(`${at(lastPage)}; rel="last"`)
    }
    if (page > 1) links.push(`${at(1)}; rel="first"`)
    return links.join(', ')
  }

  private recordDeployment(req: StandInRequest, org: string): Answer {
    const docs = `${DOCS}/orgs/artifact-metadata#create-an-artifact-deployment-record`
    const account = this.accounts.get(org.toLowerCase())
    if (!account || account.type !== 'Organization') return ghError(404, 'Not Found', docs)
    switch (account.deploymentRecords) {
      case 'missing-permission':
        return ghError(403, 'Resource not accessible by integration', docs)
      case 'no-artifacts-403':
        return ghError(403, 'no artifacts found', docs)
      case 'no-artifacts-404':
        return ghError(404, 'no artifacts found', docs)
      case 'allowed':
        break
    }
    if (!req.bodyIsJson || req.body === undefined) {
      return ghError(400, 'Problems parsing JSON', docs)
    }
    const parsed = deploymentRecordSchema.safeParse(req.body, { reportInput: true })
    if (!parsed.success) {
      const errors = fieldProblems(parsed.error.issues).map(p => ({
        resource: 'DeploymentRecord',
        field: p.field,
        code:
          p.code === 'missing' ? 'missing_field' : p.code === 'unexpected' ? 'custom' : 'invalid',
        message: p.message
      }))
      return {
        status: 422,
        body: { message: 'Validation Failed', errors, documentation_url: docs, status: '422' }
      }
    }
    // The named repository must belong to the organization in the path.
    const repository = parsed.data.github_repository
    if (repository !== undefined && !this.repository(account.login, repository)) {
      return {
        status: 422,
        body: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'DeploymentRecord',
              field: 'github_repository',
              code: 'invalid',
              message: `repository '${repository}' does not belong to organization '${account.login}'`
            }
          ],
          documentation_url: docs,
          status: '422'
        }
      }
    }
    const record = this.upsertRecord(account.login, parsed.data)
    return {
      status: 200,
      body: {
        total_count: 1,
        deployment_records: [
          {
            id: record.id,
            digest: record.digest,
            logical_environment: record.logical_environment,
            physical_environment: record.physical_environment ?? '',
            cluster: record.cluster ?? '',
            deployment_name: record.deployment_name,
            tags: record.tags,
            runtime_risks: record.runtime_risks,
            created_at: record.created_at,
            updated_at: record.updated_at,
            attestation_id: record.attestation_id
          }
        ]
      }
    }
  }

  private upsertRecord(org: string, body: DeploymentRecordBody): DeploymentRecord {
    const now = isoSeconds(Date.now() / 1000)
    const existing = this.records.find(
      r =>
        r.org.toLowerCase() === org.toLowerCase() &&
        r.logical_environment === body.logical_environment &&
        (r.physical_environment ?? '') === (body.physical_environment ?? '') &&
        (r.cluster ?? '') === (body.cluster ?? '') &&
        r.deployment_name === body.deployment_name
    )
    const fields = {
      name: body.name,
      digest: body.digest,
      version: body.version ?? null,
      logical_environment: body.logical_environment,
      physical_environment: body.physical_environment ?? null,
      cluster: body.cluster ?? null,
      deployment_name: body.deployment_name,
      tags: body.tags ?? {},
      runtime_risks: body.runtime_risks ?? [],
      status: body.status,
      github_repository: body.github_repository ?? null
    }
    if (existing) {
      Object.assign(existing, fields, { updated_at: now, writes: existing.writes + 1 })
      return existing
    }
    const record: DeploymentRecord = {
      id: this.nextRecordId++,
      org,
      ...fields,
      created_at: now,
      updated_at: now,
      attestation_id: null,
      writes: 1
    }
    this.records.push(record)
    return record
  }

  private requireRepository(owner: string, repo: string): SeededRepository {
    const repository = this.repository(owner, repo)
    if (!repository) throw new Error(`no repository ${owner}/${repo}: seedRepository() first`)
    return repository
  }

  private accountJson(account: Account): Record<string, unknown> {
    const id = stableNumber(account.login)
    return {
      login: account.login,
      id,
      node_id: Buffer.from(`04:${account.type}${id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      url: `${this.url}/${account.type === 'Organization' ? 'orgs' : 'users'}/${account.login}`,
      html_url: `${this.serverUrl}/${account.login}`,
      type: account.type,
      site_admin: false
    }
  }

  private userJson(login: string): Record<string, unknown> {
    return this.accountJson({ login, type: 'User', deploymentRecords: 'allowed' })
  }

  private repositoryJson(r: SeededRepository): Record<string, unknown> {
    const account = this.accounts.get(r.owner.toLowerCase()) ?? {
      login: r.owner,
      type: 'Organization' as const,
      deploymentRecords: 'allowed' as const
    }
    const owner = this.accountJson(account)
    const api = `${this.url}/repos/${r.owner}/${r.repo}`
    return {
      id: r.id,
      node_id: Buffer.from(`010:Repository${r.id}`).toString('base64'),
      name: r.repo,
      full_name: `${r.owner}/${r.repo}`,
      private: r.private,
      owner,
      html_url: `${this.serverUrl}/${r.owner}/${r.repo}`,
      description: r.description,
      fork: false,
      url: api,
      commits_url: `${api}/commits{/sha}`,
      compare_url: `${api}/compare/{base}...{head}`,
      created_at: '2023-01-01T00:00:00Z',
      updated_at: '2024-01-01T00:00:00Z',
      pushed_at: '2024-01-01T00:00:00Z',
      homepage: null,
      size: 0,
      stargazers_count: 0,
      watchers_count: 0,
      language: 'TypeScript',
      forks_count: 0,
      archived: false,
      disabled: false,
      open_issues_count: 0,
      topics: [],
      visibility: r.private ? 'private' : 'public',
      default_branch: r.defaultBranch,
      ...(account.type === 'Organization' ? { organization: owner } : {})
    }
  }

  private commitJson(r: SeededRepository, c: SeededCommit): Record<string, unknown> {
    const api = `${this.url}/repos/${r.owner}/${r.repo}`
    const web = `${this.serverUrl}/${r.owner}/${r.repo}`
    const tree = createHash('sha1').update(`tree ${c.sha}`).digest('hex')
    const user = c.login ? this.userJson(c.login) : null
    return {
      sha: c.sha,
      node_id: Buffer.from(`06:Commit${r.id}:${c.sha}`).toString('base64'),
      commit: {
        author: { name: c.authorName, email: c.authorEmail, date: isoSeconds(c.timestamp) },
        committer: {
          name: c.committerName,
          email: c.committerEmail,
          date: isoSeconds(c.committerTimestamp)
        },
        message: c.message,
        tree: { sha: tree, url: `${api}/git/trees/${tree}` },
        url: `${api}/git/commits/${c.sha}`,
        comment_count: 0,
        ...(c.verification
          ? {
              verification: {
                signature: null,
                payload: null,
                verified_at: null,
                ...c.verification
              }
            }
          : {})
      },
      url: `${api}/commits/${c.sha}`,
      html_url: `${web}/commit/${c.sha}`,
      comments_url: `${api}/commits/${c.sha}/comments`,
      author: user,
      committer: user,
      parents: c.parents.map(sha => ({
        sha,
        url: `${api}/commits/${sha}`,
        html_url: `${web}/commit/${sha}`
      }))
    }
  }
}

/** Start a GitHub REST stand-in on 127.0.0.1 at a random port. */
export async function startGitHubServer(options: GitHubServerOptions = {}): Promise<GitHubStandIn> {
  return new GitHubStandIn(options).listen({ tls: options.tls })
}

function ghError(status: number, message: string, documentationUrl: string): Answer {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } }
}

const UNSIGNED: CommitVerification = { verified: false, reason: 'unsigned' }

function repoKey(owner: string, repo: string): string {
  return `${owner}/${repo}`.toLowerCase()
}

function commitSha(c: SeededCommit): string {
  // Like git, the sha covers the parents, so the same change on another parent differs.
  const content = [
    ...c.parents.map(p => `parent ${p}`),
    `author ${c.authorName} <${c.authorEmail}> ${c.timestamp}`,
    `committer ${c.committerName} <${c.committerEmail}> ${c.committerTimestamp}`,
    '',
    c.message
  ].join('\n')
  return createHash('sha1').update(`commit ${content.length}\0${content}`).digest('hex')
}

function stableNumber(text: string): number {
  return (createHash('sha256').update(text).digest().readUInt32BE(0) % 900_000_000) + 100_000_000
}

function stripOwner(ref: string): string {
  // GitHub accepts owner:ref for forks; all seeded history lives in the one repository.
  const colon = ref.indexOf(':')
  return colon >= 0 ? ref.slice(colon + 1) : ref
}

function resolveRef(r: SeededRepository, ref: string): string | undefined {
  if (r.commits.has(ref)) return ref
  const branch = ref.replace(/^(refs\/)?heads\//, '')
  if (r.branches.has(branch)) return r.branches.get(branch)
  const tag = ref.replace(/^(refs\/)?tags\//, '')
  if (r.tags.has(tag)) return r.tags.get(tag)
  if (/^[a-f0-9]{7,39}$/.test(ref)) {
    const found = [...r.commits.keys()].filter(sha => sha.startsWith(ref))
    if (found.length === 1) return found[0]
  }
  return undefined
}

function ancestors(r: SeededRepository, sha: string): Set<string> {
  const seen = new Set<string>()
  const stack = [sha]
  while (stack.length > 0) {
    const next = stack.pop() as string
    if (seen.has(next)) continue
    const commit = r.commits.get(next)
    if (!commit) continue
    seen.add(next)
    stack.push(...commit.parents)
  }
  return seen
}

/** The common ancestors that are no common commit's parent (the newest when several). */
function bestCommonAncestor(r: SeededRepository, common: string[]): string {
  // Every ancestor of a common ancestor is common, so a shadowed one is a common one's parent.
  const shadowed = new Set(common.flatMap(sha => r.commits.get(sha)?.parents ?? []))
  const best = common.filter(sha => !shadowed.has(sha))
  best.sort(
    (a, b) =>
      (r.commits.get(b)?.committerTimestamp ?? 0) - (r.commits.get(a)?.committerTimestamp ?? 0)
  )
  return best[0]
}

/** Parents before children, first parents first: chronological for a linear history. */
function oldestFirst(r: SeededRepository, head: string, include: Set<string>): string[] {
  const ordered: string[] = []
  const done = new Set<string>()
  const stack: Array<{ sha: string; expanded: boolean }> = [{ sha: head, expanded: false }]
  while (stack.length > 0) {
    const top = stack.pop() as { sha: string; expanded: boolean }
    if (done.has(top.sha) || !include.has(top.sha)) continue
    if (top.expanded) {
      done.add(top.sha)
      ordered.push(top.sha)
      continue
    }
    stack.push({ sha: top.sha, expanded: true })
    const parents = r.commits.get(top.sha)?.parents ?? []
    for (const parent of [...parents].reverse()) stack.push({ sha: parent, expanded: false })
  }
  return ordered
}

function isoSeconds(seconds: number): string {
  return new Date(Math.round(seconds) * 1000).toISOString().replace('.000Z', 'Z')
}

import { createHash } from 'node:crypto'
import type { Answer, StandInRequest } from './http-stand-in.js'

// Workflow runs, their review history, deployments and deployment statuses, as GitHub's REST API
// describes them (@octokit/openapi, api.github.com: actions/get-workflow-run,
// actions/get-reviews-for-run, repos/list-deployments, repos/list-deployment-statuses).

const DOCS = 'https://docs.github.com/rest'

export type RunReviewState = 'approved' | 'rejected' | 'pending'
export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'pending' | 'success' | 'queued' | 'in_progress'

export interface SeedRunInput {
  owner: string
  repo: string
  id: number
  /** Default 1. */
  runAttempt?: number
  /** ISO time (default 2024-06-01T10:00:00Z). */
  createdAt?: string
  actor?: string
  triggeringActor?: string
  headSha?: string
}

export interface SeedRunReviewInput {
  environments: string[]
  state: RunReviewState
  /** null: a deleted account. */
  login: string | null
  comment?: string
}

export interface SeedDeploymentInput {
  owner: string
  repo: string
  environment: string
  sha: string
  /** ISO time. */
  createdAt: string
  ref?: string
  /** Statuses in order of creation (ids grow). */
  statuses?: DeploymentState[]
}

interface Run extends Required<Omit<SeedRunInput, 'headSha'>> {
  headSha: string
  reviews: SeedRunReviewInput[]
}

export interface SeededDeployment {
  id: number
  owner: string
  repo: string
  environment: string
  sha: string
  ref: string
  createdAt: string
  statuses: Array<{ id: number; state: DeploymentState; createdAt: string }>
}

export interface DeploymentsHost {
  readonly url: string
  readonly serverUrl: string
  repository(
    owner: string,
    repo: string
  ): { owner: string; repo: string; private: boolean; id: number } | undefined
}

export class GitHubDeployments {
  private runs = new Map<string, Run>()
  private deployments: SeededDeployment[] = []
  private nextId = 1000
  private nextStatusId = 5000
  /** The order of GET /deployments: GitHub documents none; the action must sort by id. */
  order: 'newest-first' | 'oldest-first' = 'newest-first'

  constructor(private readonly host: DeploymentsHost) {}

  reset(): void {
    this.runs = new Map()
    this.deployments = []
    this.nextId = 1000
    this.nextStatusId = 5000
    this.order = 'newest-first'
  }

  seedRun(input: SeedRunInput): void {
    this.runs.set(key(input.owner, input.repo, String(input.id)), {
      owner: input.owner,
      repo: input.repo,
      id: input.id,
      runAttempt: input.runAttempt ?? 1,
      createdAt: input.createdAt ?? '2024-06-01T10:00:00Z',
      actor: input.actor ?? 'octocat',
      triggeringActor: input.triggeringActor ?? input.actor ?? 'octocat',
      headSha: input.headSha ?? '0'.repeat(40),
      reviews: []
    })
  }

  /** Add an entry to a run's review history (GitHub lists them in the order given). */
  seedRunReview(owner: string, repo: string, runId: number, review: SeedRunReviewInput): void {
    const run = this.runs.get(key(owner, repo, String(runId)))
    if (!run) throw new Error(`seedRunReview: no run ${runId} in ${owner}/${repo}: seedRun() first`)
    run.reviews.push(review)
  }

  seedDeployment(input: SeedDeploymentInput): SeededDeployment {
    const deployment: SeededDeployment = {
      id: this.nextId++,
      owner: input.owner,
      repo: input.repo,
      environment: input.environment,
      sha: input.sha,
      ref: input.ref ?? 'main',
      createdAt: input.createdAt,
      statuses: []
    }
    this.deployments.push(deployment)
    for (const state of input.statuses ?? []) this.seedDeploymentStatus(deployment.id, state)
    return deployment
  }

  seedDeploymentStatus(deploymentId: number, state: DeploymentState): void {
    const deployment = this.deployments.find(d => d.id === deploymentId)
    if (!deployment) throw new Error(`seedDeploymentStatus: no deployment ${deploymentId}`)
    deployment.statuses.push({ id: this.nextStatusId++, state, createdAt: deployment.createdAt })
  }

  /** The routes of this module; undefined for any other request. */
  handle(req: StandInRequest, auth: 'none' | 'ok'): Answer | undefined {
    const s = req.segments
    if (s[0] !== 'repos' || s.length < 4) return undefined
    const [, owner, repo, resource] = s
    const isRun =
      resource === 'actions' &&
      s[4] === 'runs' &&
      (s.length === 6 || (s.length === 7 && s[6] === 'approvals'))
    const isDeployments =
      resource === 'deployments' && (s.length === 4 || (s.length === 6 && s[5] === 'statuses'))
    if (!isRun && !isDeployments) return undefined
    if (req.method !== 'GET') return ghError(404, 'Not Found', DOCS)
    const repository = this.host.repository(owner, repo)
    if (!repository || (repository.private && auth === 'none')) {
      return ghError(404, 'Not Found', `${DOCS}/repos/repos#get-a-repository`)
    }
    if (isRun) {
      const run = this.runs.get(key(owner, repo, s[5]))
      if (!run) return ghError(404, 'Not Found', `${DOCS}/actions/workflow-runs#get-a-workflow-run`)
      return s.length === 6
        ? { status: 200, body: this.runJson(run, repository.id) }
        : { status: 200, body: run.reviews.map(r => this.reviewJson(run, r)) }
    }
    const paging = pagingOf(req)
    if (s.length === 4) {
      const filters = ['sha', 'ref', 'task', 'environment'] as const
      const listed = this.deployments
        .filter(
          d =>
            d.owner.toLowerCase() === owner.toLowerCase() &&
            d.repo.toLowerCase() === repo.toLowerCase()
        )
        .filter(d =>
          filters.every(name => {
            const wanted = req.query.get(name)
            if (wanted === null || wanted === 'none') return true
            const value = name === 'task' ? 'deploy' : d[name]
            return value === wanted
          })
        )
        .sort((a, b) => (this.order === 'newest-first' ? b.id - a.id : a.id - b.id))
      return this.page(
        req,
        paging,
        listed.map(d => this.deploymentJson(d))
      )
    }
    const deployment = /^[0-9]+$/.test(s[4])
      ? this.deployments.find(
          d => d.id === Number(s[4]) && d.owner.toLowerCase() === owner.toLowerCase()
        )
      : undefined
    if (!deployment) {
      return ghError(404, 'Not Found', `${DOCS}/deployments/statuses#list-deployment-statuses`)
    }
    const statuses = [...deployment.statuses].reverse().map(st => this.statusJson(deployment, st))
    return this.page(req, paging, statuses)
  }

  private page(req: StandInRequest, paging: Paging, items: unknown[]): Answer {
    const { page, perPage } = paging
    const lastPage = Math.max(Math.ceil(items.length / perPage), 1)
    const headers: Record<string, string> = {}
    if (lastPage > 1) {
      const at = (n: number): string => {
        const query = new URLSearchParams(req.query)
        query.set('page', String(n))
        return `<${this.host.url}${req.path}?${query.toString()}>`
      }
      const links: string[] = []
      if (page > 1) links.push(`${at(Math.min(page - 1, lastPage))}; rel="prev"`)
      if (page < lastPage) links.push(`${at(page + 1)}; rel="next"`, `${at(lastPage)}; rel="last"`)
      if (page > 1) links.push(`${at(1)}; rel="first"`)
      headers.link = links.join(', ')
    }
    return { status: 200, headers, body: items.slice((page - 1) * perPage, page * perPage) }
  }

  private user(login: string | null): Record<string, unknown> | null {
    if (login === null) return null
    const id = stableNumber(login)
    return {
      login,
      id,
      node_id: Buffer.from(`04:User${id}`).toString('base64'),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: `${this.host.url}/users/${login}`,
      html_url: `${this.host.serverUrl}/${login}`,
      type: 'User',
      site_admin: false
    }
  }

  private runJson(run: Run, repositoryId: number): Record<string, unknown> {
    const api = `${this.host.url}/repos/${run.owner}/${run.repo}`
    const web = `${this.host.serverUrl}/${run.owner}/${run.repo}`
    return {
      id: run.id,
      name: 'CI',
      node_id: Buffer.from(`WorkflowRun${run.id}`).toString('base64'),
      head_branch: 'main',
      head_sha: run.headSha,
      path: '.github/workflows/ci.yml',
      display_title: 'CI',
      run_number: run.id % 1000,
      run_attempt: run.runAttempt,
      event: 'push',
      status: 'in_progress',
      conclusion: null,
      workflow_id: 1,
      url: `${api}/actions/runs/${run.id}`,
      html_url: `${web}/actions/runs/${run.id}`,
      pull_requests: [],
      created_at: run.createdAt,
      updated_at: run.createdAt,
      run_started_at: run.createdAt,
      actor: this.user(run.actor),
      triggering_actor: this.user(run.triggeringActor),
      jobs_url: `${api}/actions/runs/${run.id}/jobs`,
      logs_url: `${api}/actions/runs/${run.id}/logs`,
      check_suite_url: `${api}/check-suites/1`,
      artifacts_url: `${api}/actions/runs/${run.id}/artifacts`,
      cancel_url: `${api}/actions/runs/${run.id}/cancel`,
      rerun_url: `${api}/actions/runs/${run.id}/rerun`,
      workflow_url: `${api}/actions/workflows/1`,
      head_commit: null,
      repository: { id: repositoryId, full_name: `${run.owner}/${run.repo}` },
      head_repository: { id: repositoryId, full_name: `${run.owner}/${run.repo}` }
    }
  }

  private reviewJson(run: Run, review: SeedRunReviewInput): Record<string, unknown> {
    const web = `${this.host.serverUrl}/${run.owner}/${run.repo}`
    return {
      environments: review.environments.map(name => {
        const id = stableNumber(`${run.owner}/${run.repo}/${name}`)
        return {
          id,
          node_id: Buffer.from(`EN_${id}`).toString('base64'),
          name,
          url: `${this.host.url}/repos/${run.owner}/${run.repo}/environments/${encodeURIComponent(name)}`,
          html_url: `${web}/deployments/activity_log?environments_filter=${encodeURIComponent(name)}`,
          created_at: '2024-01-01T00:00:00Z',
          updated_at: '2024-01-01T00:00:00Z'
        }
      }),
      state: review.state,
      user: this.user(review.login),
      comment: review.comment ?? ''
    }
  }

  private deploymentJson(d: SeededDeployment): Record<string, unknown> {
    const api = `${this.host.url}/repos/${d.owner}/${d.repo}`
    return {
      url: `${api}/deployments/${d.id}`,
      id: d.id,
      node_id: Buffer.from(`DE_${d.id}`).toString('base64'),
      sha: d.sha,
      ref: d.ref,
      task: 'deploy',
      payload: {},
      original_environment: d.environment,
      environment: d.environment,
      description: null,
      creator: this.user('github-actions[bot]'),
      created_at: d.createdAt,
      updated_at: d.createdAt,
      statuses_url: `${api}/deployments/${d.id}/statuses`,
      repository_url: api,
      transient_environment: false,
      production_environment: d.environment === 'production'
    }
  }

  private statusJson(
    d: SeededDeployment,
    st: { id: number; state: DeploymentState; createdAt: string }
  ): Record<string, unknown> {
    const api = `${this.host.url}/repos/${d.owner}/${d.repo}`
    return {
      url: `${api}/deployments/${d.id}/statuses/${st.id}`,
      id: st.id,
      node_id: Buffer.from(`DES_${st.id}`).toString('base64'),
      state: st.state,
      creator: this.user('github-actions[bot]'),
      description: '',
      environment: d.environment,
      target_url: '',
      created_at: st.createdAt,
      updated_at: st.createdAt,
      deployment_url: `${api}/deployments/${d.id}`,
      repository_url: api,
      environment_url: '',
      log_url: ''
    }
  }
}

interface Paging {
  page: number
  perPage: number
}

/** per_page defaults to 30 and is capped at 100; page defaults to 1, as on GitHub. */
function pagingOf(req: StandInRequest): Paging {
  const number = (v: string | null, fallback: number): number =>
    v !== null && /^[0-9]+$/.test(v) && Number(v) > 0 ? Number(v) : fallback
  return {
    page: number(req.query.get('page'), 1),
    perPage: Math.min(number(req.query.get('per_page'), 30), 100)
  }
}

function ghError(status: number, message: string, documentationUrl: string): Answer {
  return { status, body: { message, documentation_url: documentationUrl, status: String(status) } }
}

function key(...parts: string[]): string {
  return parts.join('/').toLowerCase()
}

function stableNumber(text: string): number {
  return (createHash('sha256').update(text).digest().readUInt32BE(0) % 900_000_000) + 100_000_000
}

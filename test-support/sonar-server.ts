import { type Answer, HttpStandIn, type StandInRequest } from './http-stand-in.js'

// SonarQube's Web API as SonarSource publishes it (the server's /web_api documentation and
// docs.sonarsource.com "Web API"): api/ce/task, api/ce/activity, api/project_analyses/search,
// api/project_pull_requests/list and api/qualitygates/project_status, with its error shape
// {"errors":[{"msg":"…"}]}. Written from that documentation, never from the action's source.
// Auth: a user token as Bearer (10.0 and later) or, with `preBearer`, as the Basic user name
// with an empty password only (SonarQube Server before 10.0 answers Bearer with 401).

export const SONAR_TOKEN = 'squ_sonar-token-of-the-test'

export interface SonarCondition {
  status: 'OK' | 'ERROR'
  metricKey: string
  comparator: 'GT' | 'LT'
  errorThreshold: string
  actualValue?: string
}

interface Analysis {
  key: string
  date: string
  revision: string
  branch: string
  gate: { status: string; conditions: SonarCondition[] }
}

interface PullRequest {
  key: string
  branch: string
  analysisDate: string
  sha: string
  gate: { status: string; conditions: SonarCondition[] }
}

interface Task {
  id: string
  componentKey: string
  componentName: string
  /** Polls answered PENDING / IN_PROGRESS before the final status; Infinity never finishes. */
  runningPolls: number
  finalStatus: 'SUCCESS' | 'FAILED' | 'CANCELED'
  analysisId?: string
  branch?: string
  branchType?: string
  pullRequest?: string
  polls: number
}

export interface SonarOptions {
  /** SonarQube Server before 10.0: Bearer is refused (401), the token as Basic user name works. */
  preBearer?: boolean
  /** The token may not read api/ce/activity (it needs Administer on the project). */
  denyActivity?: boolean
}

export class SonarStandIn extends HttpStandIn {
  private projects = new Map<string, { name: string; mainBranch: string }>()
  private analyses: Array<Analysis & { project: string }> = []
  private pulls: Array<PullRequest & { project: string }> = []
  private tasks = new Map<string, Task>()
  private counter = 0
  options: SonarOptions = {}

  constructor(private readonly contextPath = '') {
    super()
  }

  get baseUrl(): string {
    return `${this.url}${this.contextPath}`
  }

  seedProject(key: string, name = key, mainBranch = 'main'): void {
    this.projects.set(key, { name, mainBranch })
  }

  /** A finished branch analysis of `revision`; returns its analysis key. */
  seedAnalysis(
    project: string,
    input: {
      revision: string
      branch?: string
      gate?: 'OK' | 'ERROR'
      conditions?: SonarCondition[]
    }
  ): string {
    const key = `AX${++this.counter}`
    this.analyses.unshift({
      project,
      key,
      date: `2026-12-07T10:${String(this.counter).padStart(2, '0')}:00+0000`,
      revision: input.revision,
      branch: input.branch ?? this.projects.get(project)?.mainBranch ?? 'main',
      gate: { status: input.gate ?? 'OK', conditions: input.conditions ?? [] }
    })
    return key
  }

  seedPullRequest(
    project: string,
    input: { key: string; sha: string; gate?: 'OK' | 'ERROR'; conditions?: SonarCondition[] }
  ): void {
    this.pulls.push({
      project,
      key: input.key,
      branch: `feature/${input.key}`,
      analysisDate: '2026-12-07T11:00:00+0000',
      sha: input.sha,
      gate: { status: input.gate ?? 'OK', conditions: input.conditions ?? [] }
    })
  }

  /** A compute-engine task, as the scanner's report-task.txt names it. */
  seedTask(input: Omit<Task, 'polls' | 'componentName'> & { componentName?: string }): string {
    this.tasks.set(input.id, {
      ...input,
      componentName: input.componentName ?? this.projects.get(input.componentKey)?.name ?? '',
      polls: 0
    })
    return `${this.baseUrl}/api/ce/task?id=${encodeURIComponent(input.id)}`
  }

  protected resetState(): void {
    this.projects.clear()
    this.analyses = []
    this.pulls = []
    this.tasks.clear()
    this.counter = 0
    this.options = {}
  }

  protected faultBody(status: number): unknown {
    return { errors: [{ msg: `stand-in fault ${status}` }] }
  }

  protected handle(req: StandInRequest): Answer {
    if (req.method !== 'GET') return { status: 405, body: errors('Method not allowed') }
    if (!this.authorised(req.headers.authorization)) {
      // SonarQube answers an unauthenticated API call with 401 and an empty body.
      return { status: 401, raw: '' }
    }
    const path = req.path.startsWith(this.contextPath)
      ? req.path.slice(this.contextPath.length)
      : ''
    const q = req.query
    switch (path) {
      case '/api/ce/task':
        return this.task(q.get('id'))
      case '/api/ce/activity':
        return this.activity(q.get('component'))
      case '/api/project_analyses/search':
        return this.searchAnalyses(q.get('project'), q.get('branch'), Number(q.get('ps') ?? '100'))
      case '/api/project_pull_requests/list':
        return this.listPullRequests(q.get('project'))
      case '/api/qualitygates/project_status':
        return this.projectStatus(q)
      default:
        return { status: 404, body: errors(`Unknown url : ${path}`) }
    }
  }

  private authorised(header: string | undefined): boolean {
    const basic = `Basic ${Buffer.from(`${SONAR_TOKEN}:`).toString('base64')}`
    if (header === basic) return true
    return !this.options.preBearer && header === `Bearer ${SONAR_TOKEN}`
  }

  private task(id: string | null): Answer {
    const task = id ? this.tasks.get(id) : undefined
    if (!task) return { status: 404, body: errors(`No activity found for task '${id}'`) }
    task.polls++
    const running = task.polls <= task.runningPolls
    const status = running ? (task.polls === 1 ? 'PENDING' : 'IN_PROGRESS') : task.finalStatus
    return {
      status: 200,
      body: { task: this.taskJson(task, status, running) }
    }
  }

  private taskJson(task: Task, status: string, running: boolean): Record<string, unknown> {
    return {
      id: task.id,
      type: 'REPORT',
      componentKey: task.componentKey,
      componentName: task.componentName,
      componentQualifier: 'TRK',
      status,
      submittedAt: '2026-12-07T10:00:00+0000',
      ...(running || status !== 'SUCCESS' || !task.analysisId
        ? {}
        : { analysisId: task.analysisId }),
      ...(task.branch ? { branch: task.branch, branchType: task.branchType ?? 'BRANCH' } : {}),
      ...(task.pullRequest ? { pullRequest: task.pullRequest } : {})
    }
  }

  private activity(component: string | null): Answer {
    if (this.options.denyActivity) return { status: 403, body: errors('Insufficient privileges') }
    if (!component || !this.projects.has(component)) {
      return { status: 404, body: errors(`Component key '${component}' not found`) }
    }
    const finished = [...this.tasks.values()].filter(
      t => t.componentKey === component && t.polls >= t.runningPolls
    )
    return {
      status: 200,
      body: {
        tasks: finished.map(t => this.taskJson(t, t.finalStatus, false)),
        paging: { pageIndex: 1, pageSize: 100, total: finished.length }
      }
    }
  }

  private searchAnalyses(project: string | null, branch: string | null, ps: number): Answer {
    const p = project ? this.projects.get(project) : undefined
    if (!project || !p) return { status: 404, body: errors(`Component key '${project}' not found`) }
    if (!(ps >= 1 && ps <= 500))
      return { status: 400, body: errors(`'ps' value (${ps}) must be less than 500`) }
    const name = branch ?? p.mainBranch
    const found = this.analyses.filter(a => a.project === project && a.branch === name)
    if (branch && found.length === 0 && branch !== p.mainBranch) {
      return { status: 404, body: errors(`Component '${project}' on branch '${branch}' not found`) }
    }
    return {
      status: 200,
      body: {
        paging: { pageIndex: 1, pageSize: ps, total: found.length },
        analyses: found.slice(0, ps).map(a => ({
          key: a.key,
          date: a.date,
          events: [],
          projectVersion: '1.0',
          revision: a.revision
        }))
      }
    }
  }

  private listPullRequests(project: string | null): Answer {
    if (!project || !this.projects.has(project)) {
      return { status: 404, body: errors(`Project '${project}' not found`) }
    }
    return {
      status: 200,
      body: {
        pullRequests: this.pulls
          .filter(pr => pr.project === project)
          .map(pr => ({
            key: pr.key,
            title: `Pull request ${pr.key}`,
            branch: pr.branch,
            base: 'main',
            status: { qualityGateStatus: pr.gate.status },
            analysisDate: pr.analysisDate,
            target: 'main',
            commit: { sha: pr.sha }
          }))
      }
    }
  }

  private projectStatus(q: URLSearchParams): Answer {
    const analysisId = q.get('analysisId')
    const projectKey = q.get('projectKey')
    const pullRequest = q.get('pullRequest')
    let gate: { status: string; conditions: SonarCondition[] } | undefined
    if (analysisId) {
      gate = this.analyses.find(a => a.key === analysisId)?.gate
      if (!gate)
        return { status: 404, body: errors(`Analysis with id '${analysisId}' is not found`) }
    } else if (projectKey && pullRequest) {
      gate = this.pulls.find(p => p.project === projectKey && p.key === pullRequest)?.gate
      if (!gate) {
        return {
          status: 404,
          body: errors(`Pull request '${pullRequest}' in project '${projectKey}' not found`)
        }
      }
    } else {
      return {
        status: 400,
        body: errors("Either 'analysisId', 'projectId' or 'projectKey' must be provided")
      }
    }
    return {
      status: 200,
      body: {
        projectStatus: {
          status: gate.status,
          conditions: gate.conditions,
          ignoredConditions: false
        }
      }
    }
  }
}

function errors(msg: string): { errors: Array<{ msg: string }> } {
  return { errors: [{ msg }] }
}

export async function startSonarServer(contextPath = ''): Promise<SonarStandIn> {
  return new SonarStandIn(contextPath).listen()
}

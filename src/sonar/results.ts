import { z } from 'zod'
import type { SonarResults } from '../evidence/more-payloads.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import type { SonarSettings } from './settings.js'
import { type SonarClient, SonarApiError, createSonarClient } from './client.js'
import type { SonarSource } from './report.js'

// sonar_results from Sonar's Web API, the calls the Kosli CLI makes (internal/sonar/sonar.go at
// 71ac0f3): the analysis task (api/ce/task, waited for while it runs), the analysis (api/
// project_analyses/search, or api/project_pull_requests/list for a pull request) and the quality
// gate (api/qualitygates/project_status).

const text = z.string().catch('')
const task = z.looseObject({
  id: text,
  status: text,
  componentKey: text,
  componentName: text,
  analysisId: text,
  branch: text,
  branchType: text,
  pullRequest: text
})
const taskAnswer = z.looseObject({ task })
const activityAnswer = z.looseObject({ tasks: z.array(task).catch([]) })
const analysesAnswer = z.looseObject({
  analyses: z.array(z.looseObject({ key: text, date: text, revision: text })).catch([])
})
const pullRequestsAnswer = z.looseObject({
  pullRequests: z
    .array(
      z.looseObject({
        key: text,
        analysisDate: text,
        commit: z.looseObject({ sha: text }).catch({ sha: '' })
      })
    )
    .catch([])
})
const gateAnswer = z.looseObject({
  projectStatus: z.looseObject({
    status: z.string(),
    conditions: z
      .array(
        z.looseObject({
          status: text,
          metricKey: text,
          comparator: text,
          errorThreshold: text,
          actualValue: z.string().optional()
        })
      )
      .catch([])
  })
})

type Task = z.infer<typeof task>
const RUNNING = new Set(['PENDING', 'IN_PROGRESS'])

export interface SonarDependencies {
  /** Waits between polls; tests pass a fast one. */
  sleep?: (ms: number) => Promise<void>
}

export async function readSonarResults(
  source: SonarSource,
  settings: SonarSettings,
  log: Log,
  deps: SonarDependencies = {}
): Promise<SonarResults> {
  const sonar = createSonarClient({
    baseUrl: source.serverUrl,
    token: settings.token,
    timeoutMs: settings.http.timeoutMs,
    maxRetries: settings.http.maxRetries,
    retryBaseMs: settings.http.retryBaseMs,
    log
  })
  const wait = waiter(settings.waitSeconds, deps.sleep, log)
  const serverUrl =
    new URL(source.serverUrl).origin + new URL(source.serverUrl).pathname.replace(/\/+$/, '')
  const dashboard = (key: string) =>
    `${serverUrl}/dashboard?${new URLSearchParams({ id: key }).toString()}`
  if (source.kind === 'report') return fromReport(source, sonar, wait, dashboard, serverUrl)

  try {
    return await fromProjectKey(source, settings, sonar, wait, dashboard, serverUrl, log)
  } catch (error) {
    if (error instanceof SonarApiError && error.status === 404) {
      throw new SonarApiError(
        `${error.message}. Check sonar-project-key${source.branch ? ' and sonar-branch' : source.pullRequest ? ' and sonar-pull-request' : ''}, and that sonar-url is the server that analysed it.`,
        404
      )
    }
    throw error
  }
}

/** The results of the analysis a scanner's report file names: its task, then its gate. */
async function fromReport(
  source: Extract<SonarSource, { kind: 'report' }>,
  sonar: SonarClient,
  wait: ReturnType<typeof waiter>,
  dashboard: (key: string) => string,
  serverUrl: string
): Promise<SonarResults> {
  const done = await wait.until(
    async () => {
      const answer = taskAnswer.parse(await sonar.get(source.ceTaskUrl))
      return RUNNING.has(answer.task.status) ? undefined : answer.task
    },
    `Sonar's analysis task (${inert(source.ceTaskUrl)}) is still running`
  )
  if (done.status !== 'SUCCESS' || !done.analysisId) {
    throw new Error(
      `Sonar's analysis task ${inert(done.id)} of project ${inert(done.componentKey)} ended ${inert(done.status || 'without an analysis')}: there are no results to record. See ${inert(source.ceTaskUrl)}.`
    )
  }
  const project = {
    key: done.componentKey,
    ...(done.componentName ? { name: done.componentName } : {}),
    url: source.dashboardUrl ?? dashboard(done.componentKey)
  }
  const base = { serverUrl, taskId: done.id, status: done.status, project }
  if (done.pullRequest) {
    const pull = await pullRequestAnalysis(sonar, done.componentKey, done.pullRequest)
    if (!pull) {
      throw new Error(
        `Sonar lists no analysis of pull request ${inert(done.pullRequest)} of project ${inert(done.componentKey)}.`
      )
    }
    return {
      ...base,
      analysedAt: pull.analysisDate,
      revision: pull.commit.sha,
      pullRequest: done.pullRequest,
      qualityGate: await qualityGate(sonar, {
        projectKey: done.componentKey,
        pullRequest: done.pullRequest
      })
    }
  }
  const branch = done.branch
    ? { name: done.branch, ...(done.branchType ? { type: done.branchType } : {}) }
    : undefined
  const analysis = (await analyses(sonar, done.componentKey, done.branch)).find(
    a => a.key === done.analysisId
  )
  if (!analysis) {
    throw new Error(
      `Sonar lists no analysis ${inert(done.analysisId)} of project ${inert(done.componentKey)}; it may have been deleted.`
    )
  }
  return {
    ...base,
    analysedAt: analysis.date,
    revision: analysis.revision,
    ...(branch ? { branch } : {}),
    qualityGate: await qualityGate(sonar, { analysisId: done.analysisId })
  }
}

async function fromProjectKey(
  source: Extract<SonarSource, { kind: 'project' }>,
  settings: SonarSettings,
  sonar: SonarClient,
  wait: ReturnType<typeof waiter>,
  dashboard: (key: string) => string,
  serverUrl: string,
  log: Log
): Promise<SonarResults> {
  // A project key: the analysis of this commit on the branch, or of the pull request.
  const key = source.projectKey
  const project = { key, url: dashboard(key) }
  if (source.pullRequest) {
    const pullRequest = source.pullRequest
    const pull = await wait.until(
      async () => pullRequestAnalysis(sonar, key, pullRequest),
      `Sonar lists no analysis of pull request ${inert(pullRequest)} of project ${inert(key)} yet`
    )
    const found = await activityTask(sonar, key, t => t.pullRequest === pullRequest, log)
    return {
      serverUrl,
      taskId: found?.id ?? '',
      status: found?.status ?? '',
      analysedAt: pull.analysisDate,
      revision: pull.commit.sha,
      project: { ...project, ...(found?.componentName ? { name: found.componentName } : {}) },
      pullRequest,
      qualityGate: await qualityGate(sonar, { projectKey: key, pullRequest })
    }
  }
  const branchName = source.branch
  const analysis = await wait.until(
    async () =>
      (await analyses(sonar, key, branchName)).find(a => a.revision === settings.revision),
    `Sonar lists no analysis of commit ${settings.revision} on branch ${inert(branchName ?? '')} of project ${inert(key)} yet`
  )
  const found = await activityTask(sonar, key, t => t.analysisId === analysis.key, log)
  return {
    serverUrl,
    taskId: found?.id ?? '',
    status: found?.status ?? '',
    analysedAt: analysis.date,
    revision: analysis.revision,
    project: { ...project, ...(found?.componentName ? { name: found.componentName } : {}) },
    ...(branchName
      ? { branch: { name: branchName, ...(found?.branchType ? { type: found.branchType } : {}) } }
      : {}),
    qualityGate: await qualityGate(sonar, { analysisId: analysis.key })
  }
}

async function analyses(sonar: SonarClient, project: string, branch?: string) {
  // 500 is the most a page holds; the search is by revision or key among the newest.
  const query: Record<string, string> = { project, ps: '500' }
  if (branch) query.branch = branch
  return analysesAnswer.parse(await sonar.get('api/project_analyses/search', query)).analyses
}

async function pullRequestAnalysis(sonar: SonarClient, project: string, pullRequest: string) {
  const answer = pullRequestsAnswer.parse(
    await sonar.get('api/project_pull_requests/list', { project })
  )
  return answer.pullRequests.find(p => p.key === pullRequest && p.analysisDate !== '')
}

/**
 * The analysis task in the project's activity, for its id and name. Reading the activity needs
 * project administration rights; without them the task is left out, as the Kosli CLI does.
 */
async function activityTask(
  sonar: SonarClient,
  component: string,
  match: (t: Task) => boolean,
  log: Log
): Promise<Task | undefined> {
  try {
    const found = activityAnswer
      .parse(await sonar.get('api/ce/activity', { component }))
      .tasks.find(match)
    if (!found)
      log.warning(
        `Sonar's activity of project ${inert(component)} lists no task of this analysis; taskId and status are sent empty.`
      )
    return found
  } catch (error) {
    if (
      !(error instanceof Error) ||
      !(error.name === 'SonarAuthError' || error instanceof SonarApiError)
    )
      throw error
    log.warning(
      `Could not read Sonar's activity of project ${inert(component)} (${error.message}); taskId and status are sent empty. Reading it needs the Administer right on the project.`
    )
    return undefined
  }
}

async function qualityGate(
  sonar: SonarClient,
  query: Record<string, string>
): Promise<NonNullable<SonarResults['qualityGate']>> {
  const answer = gateAnswer.safeParse(await sonar.get('api/qualitygates/project_status', query))
  if (!answer.success) throw new Error(`Sonar's quality gate answer has no projectStatus.status.`)
  const status = answer.data.projectStatus
  return {
    status: status.status,
    // Sent as a list even when empty: Kosli expects one when the gate exists (as the CLI says).
    conditions: status.conditions.map(c => ({
      metric: c.metricKey,
      errorThreshold: c.errorThreshold,
      operator: c.comparator,
      ...(c.actualValue ? { value: c.actualValue } : {}),
      status: c.status
    }))
  }
}

/** Polls with growing waits (1, 2, 4 … s) until `attempt` gives a value or sonar-wait has passed. */
function waiter(waitSeconds: number, sleep: ((ms: number) => Promise<void>) | undefined, log: Log) {
  const pause = sleep ?? (ms => new Promise<void>(resolve => setTimeout(resolve, ms)))
  return {
    async until<T>(attempt: () => Promise<T | undefined>, stillWhat: string): Promise<T> {
      const deadline = Date.now() + waitSeconds * 1000
      let step = 1000
      for (;;) {
        const value = await attempt()
        if (value !== undefined) return value
        const left = deadline - Date.now()
        if (left <= 0) {
          throw new Error(
            `${stillWhat} after ${waitSeconds} s (sonar-wait). Raise sonar-wait if Sonar needs longer, or check the analysis in Sonar.`
          )
        }
        const ms = Math.min(step, left)
        log.info(
          `${stillWhat}; asking again in ${Math.ceil(ms / 1000)} s (sonar-wait: ${waitSeconds} s).`
        )
        await pause(ms)
        step *= 2
      }
    }
  }
}

import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { isAbsolute, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { platformPackage, resolveNode24 } from './node24.mjs'

/** The repository root: this file lives in test-support/. */
export const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The Node 24 for `runs.using: node24`: the node on PATH if 24+, else node-<platform>-<arch>. */
export const NODE24 = resolveNode24({ root: REPO_ROOT })
export const NODE24_BINARY =
  NODE24.binary ?? join(REPO_ROOT, 'node_modules', platformPackage(), 'bin', 'node')

export const DEFAULT_REPOSITORY = 'acme/app'
export const DEFAULT_SHA = '3b18e512dba79e4c8300dd08aeb37f8e728b8dad'
export const DEFAULT_ACTION_TOKEN = 'test-github-token'
const ZERO_SHA = '0'.repeat(40)

/** The run's context, as the runner exposes it in GITHUB_* variables and `github.*`. */
export interface ActionGitHubContext {
  repository: string
  repositoryId: string
  sha: string
  ref: string
  refName: string
  refType: 'branch' | 'tag'
  serverUrl: string
  apiUrl: string
  runId: string
  runAttempt: string
  runNumber: string
  workflow: string
  actor: string
  job: string
  workspace: string
  headRef: string
  baseRef: string
  /** `github.token`, which action.yml's github-token input defaults to. */
  token: string
}

/** An event for GITHUB_EVENT_NAME / GITHUB_EVENT_PATH, with the context it implies. */
export interface ActionEvent {
  name: string
  payload: object
  /** What the runner derives from the event (sha, ref, head/base ref); opts.github wins. */
  github?: Partial<ActionGitHubContext>
}

export interface RunActionOptions {
  /** By input name as in action.yml (e.g. 'api-token'), set as INPUT_<NAME>. */
  inputs?: Record<string, string>
  /** Added to the minimal environment last, so it can override anything. */
  env?: Record<string, string>
  /** Default: a workflow_dispatch event on the default branch. */
  event?: ActionEvent
  github?: Partial<ActionGitHubContext>
  /** The step's working directory and default GITHUB_WORKSPACE (default: an empty temp dir). */
  cwd?: string
  /** Default 60 000; the child (and its process group) is killed after it. */
  timeoutMs?: number
  /**
   * The action's entry point, relative to the repository root. Default: index.js of the bundle
   * that KOSLI_TEST_BUNDLE names (the tests' global set-up builds one from src/), else dist/.
   */
  script?: string
  /**
   * A sub-action to run instead of the main action: its entry in the same bundle (e.g.
   * attest/index.js) and, unless actionYml says otherwise, its own action.yml's defaults.
   */
  subAction?: 'attest' | 'assert'
  /** The Node binary (default NODE24_BINARY). */
  node?: string
  /** Whose input defaults to apply as the runner does; default action.yml for dist/index.js. */
  actionYml?: string | null
  /** Keep the temp dir (GITHUB_OUTPUT and friends) for inspection. */
  keepTempDir?: boolean
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice'
  message: string
  properties: Record<string, string>
}

export interface ActionResult {
  /** null when the child was killed (timeout). */
  exitCode: number | null
  signal: NodeJS.Signals | null
  timedOut: boolean
  stdout: string
  stderr: string
  /** From GITHUB_OUTPUT (heredoc and name=value formats). */
  outputs: Record<string, string>
  /** The contents of GITHUB_STEP_SUMMARY. */
  summary: string
  /** The messages of ::error:: commands, unescaped. */
  errors: string[]
  warnings: string[]
  notices: string[]
  annotations: Annotation[]
  /** Values registered with ::add-mask::. */
  masks: string[]
  /** From GITHUB_ENV and GITHUB_STATE. */
  exportedEnv: Record<string, string>
  state: Record<string, string>
  /** Lines added to GITHUB_PATH. */
  paths: string[]
  durationMs: number
  /** The run's temp dir; removed afterwards unless keepTempDir. */
  tempDir: string
}

/** Run an action's entry point as a child process with the environment the runner gives it. */
/**
 * The bundle the end-to-end tests run: the one the e2e project's set-up built from src/
 * (`.test-bundle`), or the folder KOSLI_TEST_BUNDLE names (`dist` runs the committed bundle on
 * purpose). Never the committed dist/ by default, so a stale bundle cannot pass.
 */
export function testBundleDir(): string {
  const dir = process.env.KOSLI_TEST_BUNDLE || '.test-bundle'
  return isAbsolute(dir) ? dir : join(REPO_ROOT, dir)
}

export async function runAction(opts: RunActionOptions = {}): Promise<ActionResult> {
  const nodeBinary = opts.node ?? NODE24_BINARY
  if (!existsSync(nodeBinary)) {
    const why = opts.node === undefined ? NODE24.reason : undefined
    throw new Error(`runAction: ${why ?? `no Node binary at ${nodeBinary}`}`)
  }
  const entry = opts.subAction ? join(opts.subAction, 'index.js') : 'index.js'
  const scriptOption = opts.script ?? join(testBundleDir(), entry)
  const script = isAbsolute(scriptOption) ? scriptOption : join(REPO_ROOT, scriptOption)
  const actionYml =
    opts.actionYml !== undefined
      ? opts.actionYml
      : opts.script === undefined
        ? join(REPO_ROOT, opts.subAction ?? '', 'action.yml')
        : null

  const tempDir = await mkdtemp(join(tmpdir(), 'action-run-'))
  const files = {
    output: join(tempDir, 'github_output'),
    summary: join(tempDir, 'step_summary.md'),
    env: join(tempDir, 'github_env'),
    state: join(tempDir, 'github_state'),
    path: join(tempDir, 'github_path'),
    event: join(tempDir, 'event.json')
  }
  const home = join(tempDir, 'home')
  const runnerTemp = join(tempDir, 'runner-temp')
  const workspace = opts.cwd ?? join(tempDir, 'workspace')
  await Promise.all([home, runnerTemp, join(tempDir, 'tool-cache'), workspace].map(ensureDir))
  await Promise.all(
    [files.output, files.summary, files.env, files.state, files.path].map(f => writeFile(f, ''))
  )

  const event = opts.event ?? defaultWorkflowDispatchEvent()
  await writeFile(files.event, JSON.stringify(event.payload, null, 2))
  const github = contextFor(event, opts.github, workspace)
  const [owner] = github.repository.split('/')

  const inputs: Record<string, string> = {
    ...(actionYml ? await actionDefaults(actionYml, github, event.name) : {}),
    ...opts.inputs
  }
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    // A HOME of its own, so nothing like ~/.docker/config.json leaks in from the developer.
    HOME: home,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    RUNNER_NAME: 'GitHub Actions 1',
    RUNNER_ENVIRONMENT: 'github-hosted',
    RUNNER_TEMP: runnerTemp,
    RUNNER_TOOL_CACHE: join(tempDir, 'tool-cache'),
    GITHUB_ACTION: '__run',
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_SHA: github.sha,
    GITHUB_REF: github.ref,
    GITHUB_REF_NAME: github.refName,
    GITHUB_REF_TYPE: github.refType,
    GITHUB_REF_PROTECTED: 'false',
    GITHUB_REPOSITORY: github.repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_REPOSITORY_ID: github.repositoryId,
    GITHUB_SERVER_URL: github.serverUrl,
    GITHUB_API_URL: github.apiUrl,
    GITHUB_GRAPHQL_URL: `${github.apiUrl}/graphql`,
    GITHUB_RUN_ID: github.runId,
    GITHUB_RUN_ATTEMPT: github.runAttempt,
    GITHUB_RUN_NUMBER: github.runNumber,
    GITHUB_WORKFLOW: github.workflow,
    GITHUB_WORKFLOW_REF: `${github.repository}/.github/workflows/ci.yml@${github.ref}`,
    GITHUB_WORKFLOW_SHA: github.sha,
    GITHUB_ACTOR: github.actor,
    GITHUB_TRIGGERING_ACTOR: github.actor,
    GITHUB_JOB: github.job,
    GITHUB_WORKSPACE: github.workspace,
    GITHUB_HEAD_REF: github.headRef,
    GITHUB_BASE_REF: github.baseRef,
    GITHUB_RETENTION_DAYS: '90',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_STATE: files.state,
    GITHUB_PATH: files.path
  }
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value
  Object.assign(env, opts.env)

  const started = Date.now()
  const timeoutMs = opts.timeoutMs ?? 60_000
  const child = spawn(nodeBinary, [script], {
    cwd: workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a timeout also ends whatever the action spawned (git, docker).
    detached: true
  })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child.pid)
  }, timeoutMs)
  const { exitCode, signal } = await new Promise<{
    exitCode: number | null
    signal: NodeJS.Signals | null
  }>(resolveExit => {
    child.on('error', spawnError => {
      stderr += `\nrunAction: could not start the action: ${spawnError.message}\n`
      resolveExit({ exitCode: null, signal: null })
    })
    child.on('close', (code, sig) => resolveExit({ exitCode: code, signal: sig }))
  })
  clearTimeout(timer)
  const durationMs = Date.now() - started
  if (timedOut) stderr += `\nrunAction: killed after ${timeoutMs} ms\n`

  const [outputText, summary, envText, stateText, pathText] = await Promise.all(
    [files.output, files.summary, files.env, files.state, files.path].map(f =>
      readFile(f, 'utf8').catch(() => '')
    )
  )
  const commands = parseWorkflowCommands(`${stdout}\n${stderr}`)
  if (!opts.keepTempDir) await rm(tempDir, { recursive: true, force: true })
  return {
    exitCode,
    signal,
    timedOut,
    stdout,
    stderr,
    outputs: parseFileCommand(outputText),
    summary,
    errors: commands.annotations.filter(a => a.level === 'error').map(a => a.message),
    warnings: commands.annotations.filter(a => a.level === 'warning').map(a => a.message),
    notices: commands.annotations.filter(a => a.level === 'notice').map(a => a.message),
    annotations: commands.annotations,
    masks: commands.masks,
    exportedEnv: parseFileCommand(envText),
    state: parseFileCommand(stateText),
    paths: pathText.split(/\r?\n/).filter(Boolean),
    durationMs,
    tempDir
  }
}

/** INPUT_<NAME> as the runner spells it: upper case, spaces to underscores, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parse GITHUB_OUTPUT / GITHUB_ENV / GITHUB_STATE: `name<<DELIM` heredocs and `name=value`. */
export function parseFileCommand(text: string): Record<string, string> {
  const values: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]
    if (line === '') continue
    const equals = line.indexOf('=')
    const heredoc = line.indexOf('<<')
    // As the runner decides: a heredoc when '<<' comes before any '='.
    if (heredoc > 0 && (equals < 0 || heredoc < equals)) {
      const name = line.slice(0, heredoc)
      const delimiter = line.slice(heredoc + 2)
      const body: string[] = []
      let end = i + 1
      while (end < lines.length && lines[end] !== delimiter) body.push(lines[end++])
      if (end >= lines.length) throw new Error(`unterminated heredoc for '${name}' (${delimiter})`)
      values[name] = body.join('\n')
      i = end
    } else if (equals > 0) {
      values[line.slice(0, equals)] = line.slice(equals + 1)
    }
  }
  return values
}

/** The annotations and masks among workflow commands (`::error file=a,line=1::message`). */
export function parseWorkflowCommands(text: string): {
  annotations: Annotation[]
  masks: string[]
} {
  const annotations: Annotation[] = []
  const masks: string[] = []
  let stopToken: string | null = null
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trimStart()
    if (stopToken !== null) {
      if (line === `::${stopToken}::`) stopToken = null
      continue
    }
    const command = /^::([A-Za-z-]+)(?:\s+([^:]*))?::(.*)$/.exec(line)
    if (!command) continue
    const [, name, props, data] = command
    const message = unescapeData(data)
    if (name === 'error' || name === 'warning' || name === 'notice') {
      annotations.push({ level: name, message, properties: parseProperties(props) })
    } else if (name === 'add-mask') {
      masks.push(message)
    } else if (name === 'stop-commands') {
      stopToken = data
    }
  }
  return { annotations, masks }
}

function parseProperties(text: string | undefined): Record<string, string> {
  const properties: Record<string, string> = {}
  for (const pair of (text ?? '').split(',')) {
    const equals = pair.indexOf('=')
    if (equals > 0)
      properties[pair.slice(0, equals).trim()] = unescapeProperty(pair.slice(equals + 1))
  }
  return properties
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',')
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

async function ensureDir(path: string): Promise<void> {
  await mkdir(path, { recursive: true })
}

function contextFor(
  event: ActionEvent,
  overrides: Partial<ActionGitHubContext> | undefined,
  workspace: string
): ActionGitHubContext {
  const payload = event.payload as { repository?: { id?: number; full_name?: string } }
  const merged: Partial<ActionGitHubContext> = { ...event.github, ...overrides }
  const serverUrl = merged.serverUrl ?? 'https://github.com'
  const ref = merged.ref ?? 'refs/heads/main'
  return {
    repository: merged.repository ?? payload.repository?.full_name ?? DEFAULT_REPOSITORY,
    repositoryId:
      merged.repositoryId ??
      (payload.repository?.id !== undefined ? String(payload.repository.id) : '123456789'),
    sha: merged.sha ?? DEFAULT_SHA,
    ref,
    refName: merged.refName ?? ref.replace(/^refs\/(heads|tags)\//, ''),
    refType: merged.refType ?? (ref.startsWith('refs/tags/') ? 'tag' : 'branch'),
    serverUrl,
    // GitHub.com's API host, or GitHub Enterprise Server's /api/v3; tests pass a stand-in's url.
    apiUrl:
      merged.apiUrl ??
      (serverUrl === 'https://github.com' ? 'https://api.github.com' : `${serverUrl}/api/v3`),
    runId: merged.runId ?? '9876543210',
    runAttempt: merged.runAttempt ?? '1',
    runNumber: merged.runNumber ?? '42',
    workflow: merged.workflow ?? 'CI',
    actor: merged.actor ?? 'octocat',
    job: merged.job ?? 'build',
    workspace: merged.workspace ?? workspace,
    headRef: merged.headRef ?? '',
    baseRef: merged.baseRef ?? '',
    token: merged.token ?? DEFAULT_ACTION_TOKEN
  }
}

/** The `default:` of each input in action.yml, with `${{ github.* }}` expressions evaluated. */
async function actionDefaults(
  actionYml: string,
  github: ActionGitHubContext,
  eventName: string
): Promise<Record<string, string>> {
  const manifest = parseYaml(await readFile(actionYml, 'utf8')) as {
    inputs?: Record<string, { default?: unknown } | null>
  }
  const contextValues: Record<string, string> = {
    token: github.token,
    repository: github.repository,
    repository_owner: github.repository.split('/')[0],
    repository_id: github.repositoryId,
    sha: github.sha,
    ref: github.ref,
    ref_name: github.refName,
    ref_type: github.refType,
    server_url: github.serverUrl,
    api_url: github.apiUrl,
    run_id: github.runId,
    run_attempt: github.runAttempt,
    run_number: github.runNumber,
    workflow: github.workflow,
    actor: github.actor,
    job: github.job,
    workspace: github.workspace,
    head_ref: github.headRef,
    base_ref: github.baseRef,
    event_name: eventName
  }
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(manifest.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue
    defaults[name] = String(spec.default).replace(
      /\$\{\{\s*github\.([a-z_]+)\s*\}\}/g,
      (_, key: string) => contextValues[key] ?? ''
    )
  }
  return defaults
}

/** A commit as the event builders take it; a SeededCommit from the GitHub stand-in fits. */
export interface EventCommit {
  sha: string
  message: string
  authorName: string
  authorEmail: string
  login?: string | null
  /** Author time, Unix seconds. */
  timestamp: number
  parents?: string[]
}

export interface EventRepositoryOptions {
  /** owner/name (default acme/app). */
  repository?: string
  repositoryId?: number
  description?: string | null
  defaultBranch?: string
  serverUrl?: string
  /** The login that triggered the event (default octocat). */
  sender?: string
}

export interface PushEventOptions extends EventRepositoryOptions {
  /** Default refs/heads/main. */
  ref?: string
  /** Default: the first commit's parent, else all zeros (a new branch). */
  before?: string
  /** Default: the last commit, else DEFAULT_SHA. */
  after?: string
  /** Oldest first, as GitHub lists them. */
  commits?: EventCommit[]
  forced?: boolean
}

export interface TagPushEventOptions extends EventRepositoryOptions {
  /** Default v1.0.0. */
  tag?: string
  sha?: string
  /** The tagged commit, for head_commit. */
  commit?: EventCommit
}

export interface PullRequestEventOptions extends EventRepositoryOptions {
  number?: number
  action?: string
  headSha?: string
  headRef?: string
  baseSha?: string
  baseRef?: string
  /** GITHUB_SHA of a pull_request run: the test merge commit (default: derived, not a real one). */
  mergeSha?: string
  title?: string
}

export interface WorkflowDispatchEventOptions extends EventRepositoryOptions {
  ref?: string
  sha?: string
  inputs?: Record<string, string>
}

export interface DeploymentEventOptions extends EventRepositoryOptions {
  /** Default production. */
  environment?: string
  sha?: string
  /** A branch, tag or sha (default main). */
  ref?: string
  id?: number
  task?: string
  payload?: Record<string, unknown>
  description?: string | null
}

/** A push of commits to a branch, shaped like GitHub's push event. */
export function defaultPushEvent(options: PushEventOptions = {}): ActionEvent {
  const commits = options.commits ?? []
  const last = commits[commits.length - 1]
  const after = options.after ?? last?.sha ?? DEFAULT_SHA
  const before = options.before ?? commits[0]?.parents?.[0] ?? ZERO_SHA
  const ref = options.ref ?? 'refs/heads/main'
  const repo = repositoryParts(options)
  const sender = senderJson(options.sender)
  return {
    name: 'push',
    payload: {
      ref,
      before,
      after,
      base_ref: null,
      created: before === ZERO_SHA,
      deleted: false,
      forced: options.forced ?? false,
      compare: `${repo.htmlUrl}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
      commits: commits.map(c => pushCommitJson(c, repo.htmlUrl)),
      head_commit: last ? pushCommitJson(last, repo.htmlUrl) : null,
      repository: pushRepositoryJson(options),
      pusher: { name: sender.login, email: `${sender.login}@users.noreply.github.com` },
      sender,
      ...organizationJson(options)
    },
    github: {
      repository: repo.fullName,
      repositoryId: String(repo.id),
      sha: after,
      ref,
      refType: 'branch',
      actor: sender.login
    }
  }
}

/** The push of a new tag, shaped like GitHub's push event for tags. */
export function defaultTagPushEvent(options: TagPushEventOptions = {}): ActionEvent {
  const tag = options.tag ?? 'v1.0.0'
  const sha = options.sha ?? options.commit?.sha ?? DEFAULT_SHA
  const repo = repositoryParts(options)
  const sender = senderJson(options.sender)
  const ref = `refs/tags/${tag}`
  return {
    name: 'push',
    payload: {
      ref,
      before: ZERO_SHA,
      after: sha,
      base_ref: null,
      created: true,
      deleted: false,
      forced: false,
      compare: `${repo.htmlUrl}/compare/${tag}`,
      commits: [],
      head_commit: options.commit ? pushCommitJson(options.commit, repo.htmlUrl) : null,
      repository: pushRepositoryJson(options),
      pusher: { name: sender.login, email: `${sender.login}@users.noreply.github.com` },
      sender,
      ...organizationJson(options)
    },
    github: {
      repository: repo.fullName,
      repositoryId: String(repo.id),
      sha,
      ref,
      refName: tag,
      refType: 'tag',
      actor: sender.login
    }
  }
}

/** A pull_request event; the run's GITHUB_SHA is the test merge commit, as on GitHub. */
export function defaultPullRequestEvent(options: PullRequestEventOptions = {}): ActionEvent {
  const number = options.number ?? 7
  const headSha = options.headSha ?? DEFAULT_SHA
  const baseSha = options.baseSha ?? ZERO_SHA.replace(/0/g, 'b')
  const headRef = options.headRef ?? 'feature'
  const baseRef = options.baseRef ?? options.defaultBranch ?? 'main'
  const mergeSha =
    options.mergeSha ?? createHash('sha1').update(`merge ${baseSha} ${headSha}`).digest('hex')
  const repo = repositoryParts(options)
  const repository = repositoryJson(options)
  const sender = senderJson(options.sender)
  const [owner] = repo.fullName.split('/')
  return {
    name: 'pull_request',
    payload: {
      action: options.action ?? 'synchronize',
      number,
      pull_request: {
        url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`,
        id: 1_000_000 + number,
        number,
        state: 'open',
        locked: false,
        title: options.title ?? 'Add a feature',
        user: sender,
        body: null,
        html_url: `${repo.htmlUrl}/pull/${number}`,
        merged: false,
        merge_commit_sha: mergeSha,
        draft: false,
        head: {
          label: `${owner}:${headRef}`,
          ref: headRef,
          sha: headSha,
          user: sender,
          repo: repository
        },
        base: {
          label: `${owner}:${baseRef}`,
          ref: baseRef,
          sha: baseSha,
          user: sender,
          repo: repository
        }
      },
      repository,
      sender,
      ...organizationJson(options)
    },
    github: {
      repository: repo.fullName,
      repositoryId: String(repo.id),
      sha: mergeSha,
      ref: `refs/pull/${number}/merge`,
      refName: `${number}/merge`,
      refType: 'branch',
      headRef,
      baseRef,
      actor: sender.login
    }
  }
}

/** A manual run (workflow_dispatch): no commits-base, only a ref. */
export function defaultWorkflowDispatchEvent(
  options: WorkflowDispatchEventOptions = {}
): ActionEvent {
  const ref = options.ref ?? `refs/heads/${options.defaultBranch ?? 'main'}`
  const repo = repositoryParts(options)
  const sender = senderJson(options.sender)
  return {
    name: 'workflow_dispatch',
    payload: {
      inputs: options.inputs ?? {},
      ref,
      repository: repositoryJson(options),
      sender,
      workflow: '.github/workflows/ci.yml',
      ...organizationJson(options)
    },
    github: {
      repository: repo.fullName,
      repositoryId: String(repo.id),
      ref,
      ...(options.sha ? { sha: options.sha } : {}),
      actor: sender.login
    }
  }
}

/** A deployment event: GITHUB_SHA is the deployment's sha, GITHUB_REF its branch or tag. */
export function defaultDeploymentEvent(options: DeploymentEventOptions = {}): ActionEvent {
  const environment = options.environment ?? 'production'
  const sha = options.sha ?? DEFAULT_SHA
  const ref = options.ref ?? options.defaultBranch ?? 'main'
  const id = options.id ?? 1
  const repo = repositoryParts(options)
  const sender = senderJson(options.sender)
  const api = `https://api.github.com/repos/${repo.fullName}/deployments/${id}`
  const fullRef = /^[a-f0-9]{40}$/.test(ref)
    ? ''
    : ref.startsWith('refs/')
      ? ref
      : `refs/heads/${ref}`
  return {
    name: 'deployment',
    payload: {
      deployment: {
        url: api,
        id,
        node_id: Buffer.from(`010:Deployment${id}`).toString('base64'),
        sha,
        ref,
        task: options.task ?? 'deploy',
        payload: options.payload ?? {},
        original_environment: environment,
        environment,
        description: options.description ?? null,
        creator: sender,
        created_at: '2024-01-01T00:00:00Z',
        updated_at: '2024-01-01T00:00:00Z',
        statuses_url: `${api}/statuses`,
        repository_url: `https://api.github.com/repos/${repo.fullName}`,
        transient_environment: false,
        production_environment: environment === 'production'
      },
      repository: repositoryJson(options),
      sender,
      ...organizationJson(options)
    },
    github: {
      repository: repo.fullName,
      repositoryId: String(repo.id),
      sha,
      ref: fullRef,
      refName: fullRef.replace(/^refs\/(heads|tags)\//, ''),
      refType: fullRef.startsWith('refs/tags/') ? 'tag' : 'branch',
      actor: sender.login
    }
  }
}

function repositoryParts(options: EventRepositoryOptions): {
  fullName: string
  id: number
  htmlUrl: string
} {
  const fullName = options.repository ?? DEFAULT_REPOSITORY
  const serverUrl = options.serverUrl ?? 'https://github.com'
  return { fullName, id: options.repositoryId ?? 123456789, htmlUrl: `${serverUrl}/${fullName}` }
}

function repositoryJson(options: EventRepositoryOptions): Record<string, unknown> {
  const { fullName, id, htmlUrl } = repositoryParts(options)
  const [owner, name] = fullName.split('/')
  const serverUrl = options.serverUrl ?? 'https://github.com'
  return {
    id,
    node_id: Buffer.from(`010:Repository${id}`).toString('base64'),
    name,
    full_name: fullName,
    private: false,
    owner: { login: owner, id: 9_000_001, type: 'Organization', html_url: `${serverUrl}/${owner}` },
    html_url: htmlUrl,
    description: options.description ?? null,
    fork: false,
    url: `https://api.github.com/repos/${fullName}`,
    default_branch: options.defaultBranch ?? 'main',
    visibility: 'public',
    created_at: '2023-01-01T00:00:00Z',
    pushed_at: '2024-01-01T00:00:00Z'
  }
}

function pushRepositoryJson(options: EventRepositoryOptions): Record<string, unknown> {
  const repository = repositoryJson(options)
  const owner = repository.owner as { login: string }
  // Push payloads differ: owner has a name, url is the web url and times are Unix seconds.
  return {
    ...repository,
    owner: { ...owner, name: owner.login },
    url: repository.html_url,
    created_at: 1_672_531_200,
    pushed_at: 1_704_067_200,
    master_branch: repository.default_branch
  }
}

function organizationJson(options: EventRepositoryOptions): Record<string, unknown> {
  const [owner] = (options.repository ?? DEFAULT_REPOSITORY).split('/')
  return { organization: { login: owner, id: 9_000_001 } }
}

function senderJson(login = 'octocat'): { login: string; id: number; type: string } {
  return { login, id: 583231, type: 'User' }
}

function pushCommitJson(c: EventCommit, htmlUrl: string): Record<string, unknown> {
  const person = {
    name: c.authorName,
    email: c.authorEmail,
    ...(c.login ? { username: c.login } : {})
  }
  return {
    id: c.sha,
    tree_id: createHash('sha1').update(`tree ${c.sha}`).digest('hex'),
    distinct: true,
    message: c.message,
    timestamp: new Date(c.timestamp * 1000).toISOString().replace('.000Z', 'Z'),
    url: `${htmlUrl}/commit/${c.sha}`,
    author: person,
    committer: person,
    added: [],
    removed: [],
    modified: []
  }
}

/** A line the runner would read as a workflow command. */
export interface RunnerCommand {
  stream: 'stdout' | 'stderr'
  /** The whole line as the runner split it. */
  line: string
  /** `::name props::data`, or the older `##[name props]data` read anywhere in a line. */
  form: '::' | '##['
  name: string
  /** What stands between the name and the data (`title=x`), raw. */
  properties: string
  /** What follows the command, raw (still %-escaped). */
  data: string
}

// What .NET's string.TrimStart() removes (char.IsWhiteSpace), as the runner trims a line.
const RUNNER_WHITESPACE =
  /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*/

/**
 * Every line of a child's output the runner would read as a command, found the way
 * actions/runner does (ActionCommand.TryParseV2, then TryParse): lines split on \n, \r and \r\n;
 * `::name ...::data` after leading whitespace (U+00A0 included); `##[name ...]data` anywhere in
 * a line. The command name is not checked against the runner's list, so anything command-shaped
 * counts.
 */
export function runnerCommands(output: { stdout: string; stderr: string }): RunnerCommand[] {
  const commands: RunnerCommand[] = []
  for (const stream of ['stdout', 'stderr'] as const) {
    for (const line of output[stream].split(/\r\n|\r|\n/)) {
      const trimmed = line.replace(RUNNER_WHITESPACE, '')
      if (trimmed.startsWith('::')) {
        const end = trimmed.indexOf('::', 2)
        if (end >= 0) {
          const info = trimmed.slice(2, end)
          const space = info.indexOf(' ')
          commands.push({
            stream,
            line,
            form: '::',
            name: space < 0 ? info : info.slice(0, space),
            properties: space < 0 ? '' : info.slice(space + 1),
            data: trimmed.slice(end + 2)
          })
          continue
        }
      }
      const prefix = line.indexOf('##[')
      if (prefix < 0) continue
      const bracket = line.indexOf(']', prefix)
      if (bracket < 0) continue
      const info = line.slice(prefix + 3, bracket)
      const space = info.indexOf(' ')
      commands.push({
        stream,
        line,
        form: '##[',
        name: space < 0 ? info : info.slice(0, space),
        properties: space < 0 ? '' : info.slice(space + 1),
        data: line.slice(bracket + 1)
      })
    }
  }
  return commands
}

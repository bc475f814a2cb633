import { existsSync } from 'node:fs'
import { FILE_LIMITS, readRegularFile } from '../read-file.js'
import { jsonErrorLocation } from '../json-error.js'

export interface RunContext {
  eventName: string
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads differ per event
  payload: Record<string, any>
  sha: string
  ref: string
  refName: string
  refType: 'branch' | 'tag' | ''
  headRef?: string
  baseRef?: string
  repository: string
  owner: string
  repo: string
  repositoryId?: string
  serverUrl: string
  apiUrl: string
  runId: string
  runAttempt: string
  runNumber: string
  workflow: string
  actor: string
  /** Who started this attempt (a re-run's actor); GITHUB_TRIGGERING_ACTOR. */
  triggeringActor?: string
  workspace: string
}

const ZERO_SHA = /^0+$/

export function readRunContext(env: NodeJS.ProcessEnv): RunContext {
  const ref = env.GITHUB_REF ?? ''
  const repository = env.GITHUB_REPOSITORY ?? ''
  const [owner = '', repo = ''] = repository.split('/')
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    payload: readPayload(env.GITHUB_EVENT_PATH),
    sha: (env.GITHUB_SHA ?? '').toLowerCase(),
    ref,
    refName: env.GITHUB_REF_NAME || refNameOf(ref),
    refType: refTypeOf(env.GITHUB_REF_TYPE, ref),
    headRef: env.GITHUB_HEAD_REF || undefined,
    baseRef: env.GITHUB_BASE_REF || undefined,
    repository,
    owner: env.GITHUB_REPOSITORY_OWNER || owner,
    repo,
    repositoryId: env.GITHUB_REPOSITORY_ID || undefined,
    serverUrl: trimSlash(env.GITHUB_SERVER_URL || 'https://github.com'),
    apiUrl: trimSlash(env.GITHUB_API_URL || 'https://api.github.com'),
    runId: env.GITHUB_RUN_ID ?? '',
    runAttempt: env.GITHUB_RUN_ATTEMPT || '1',
    runNumber: env.GITHUB_RUN_NUMBER ?? '',
    workflow: env.GITHUB_WORKFLOW ?? '',
    actor: env.GITHUB_ACTOR ?? '',
    triggeringActor: env.GITHUB_TRIGGERING_ACTOR || undefined,
    workspace: env.GITHUB_WORKSPACE ?? ''
  }
}

function isPullRequestEvent(ctx: RunContext): boolean {
  return ctx.eventName.startsWith('pull_request')
}

export function defaultGitCommit(ctx: RunContext): string {
  const prHead = isPullRequestEvent(ctx) ? ctx.payload.pull_request?.head?.sha : undefined
  return typeof prHead === 'string' && prHead ? prHead.toLowerCase() : ctx.sha
}

export function defaultCommitsBase(ctx: RunContext): string | undefined {
  let base: unknown
  if (ctx.eventName === 'push') base = ctx.payload.before
  else if (isPullRequestEvent(ctx)) base = ctx.payload.pull_request?.base?.sha
  if (typeof base !== 'string' || !base || isZeroSha(base)) return undefined
  return base.toLowerCase()
}

/** This run's attempt page: what build_url and an approval's URL point at by default. */
export function defaultBuildUrl(ctx: RunContext): string {
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt || '1'}`
}

export function defaultCommitUrl(ctx: RunContext, gitCommit: string): string {
  return `${ctx.serverUrl}/${ctx.repository}/commit/${gitCommit}`
}

// Tag runs keep the tag name: it is what git names the ref, and the tagged commit may sit on any branch.
export function defaultBranch(ctx: RunContext): string {
  if (isPullRequestEvent(ctx)) {
    const head = ctx.headRef ?? ctx.payload.pull_request?.head?.ref
    if (typeof head === 'string' && head) return head
  }
  return ctx.refName
}

export function isZeroSha(value: string): boolean {
  return ZERO_SHA.test(value)
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- webhook payloads differ per event
function readPayload(path: string | undefined): Record<string, any> {
  if (!path || !existsSync(path)) return {}
  // The runner writes it; read it as any outside file all the same: bounded, never a pipe.
  const limit = FILE_LIMITS.eventPayload
  const what = 'event payload'
  const text = readRegularFile(path, { input: 'GITHUB_EVENT_PATH', what, limit }).toString('utf8')
  try {
    const parsed: unknown = JSON.parse(text)
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {}
  } catch {
    throw new Error(
      `The event payload at ${path} (GITHUB_EVENT_PATH) is not valid JSON (${jsonErrorLocation(text)})`
    )
  }
}

function refNameOf(ref: string): string {
  return ref.replace(/^refs\/(heads|tags)\//, '')
}

function refTypeOf(given: string | undefined, ref: string): 'branch' | 'tag' | '' {
  if (given === 'branch' || given === 'tag') return given
  if (ref.startsWith('refs/heads/')) return 'branch'
  if (ref.startsWith('refs/tags/')) return 'tag'
  return ''
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

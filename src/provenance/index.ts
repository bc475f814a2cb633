import { redactCommit, toGitCommit } from './commit.js'
import { defaultBranch, isZeroSha, type RunContext } from './context.js'
import { loginsFromPayload } from './payload.js'
import { readCommit, readCommitRange, readRepo } from './read.js'
import type {
  GitCommit,
  GitHubClient,
  LocalGit,
  Provenance,
  ProvenanceOptions,
  RawCommit,
  RedactableField,
  TrailCommit
} from './types.js'

export {
  readRunContext,
  defaultBuildUrl,
  defaultCommitUrl,
  defaultCommitsBase,
  defaultGitCommit
} from './context.js'
export type { RunContext } from './context.js'
export { createLocalGit } from './local-git.js'
export { REDACTED } from './commit.js'
export type {
  GitCommit,
  GitHubClient,
  LocalGit,
  Provenance,
  ProvenanceOptions,
  RedactableField,
  RepoInfo,
  TrailCommit
} from './types.js'

const FULL_SHA = /^[0-9a-f]{40}$/

export async function gatherProvenance(
  ctx: RunContext,
  options: ProvenanceOptions,
  deps: { github?: GitHubClient; git: LocalGit; log?: (line: string) => void }
): Promise<Provenance> {
  const log = deps.log ?? (() => {})
  if (!ctx.owner || !ctx.repo) {
    throw new Error(
      `GITHUB_REPOSITORY is "${ctx.repository}", not owner/repo: run this action in a GitHub Actions workflow`
    )
  }
  const gitCommit = validateGitCommit(options.gitCommit)
  const base = normalizeBase(options.commitsBase)
  const branch = options.branch || defaultBranch(ctx)
  const project = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`
  const logins = loginsFromPayload(ctx)

  let range: RawCommit[] = []
  let rangeFromApi = false
  let rangeSource = noBaseReason(ctx, options)
  const warnings: string[] = []
  if (base) {
    try {
      const read = await readCommitRange(base, gitCommit, ctx, {
        ...deps,
        warn: line => warnings.push(line)
      })
      range = read.commits
      rangeFromApi = read.fromApi
      rangeSource = read.source
    } catch (error) {
      // A missing list weakens the record but must not fail the build.
      const why = (error as Error).message
      log(`commits_list is left empty: ${why}`)
      warnings.push(
        `commits_list is empty: the commits after ${base.slice(0, 7)} could not be read (${why})`
      )
      rangeSource = `unavailable, ${why}`
    }
  }

  // The compare answer already holds the head commit with parents and login: no second call.
  const fromRange = rangeFromApi ? range.find(c => c.sha === gitCommit) : undefined
  const head = fromRange
    ? { raw: fromRange, source: 'GitHub compare API' }
    : await readCommit(gitCommit, ctx, deps)
  if (head.source.startsWith('local git')) log(`read commit ${gitCommit} from ${head.source}`)
  const withLogin = (raw: RawCommit): RawCommit =>
    raw.login || !logins.has(raw.sha) ? raw : { ...raw, login: logins.get(raw.sha) }

  const repo = await readRepo(ctx, deps)
  const finish = (raw: RawCommit): GitCommit =>
    redactCommit(toGitCommit(withLogin(raw), branch, `${project}/commit`), options.redact)
  const sources = [
    `commit details: ${head.source}`,
    `author login: ${loginSource(head.source, head.raw, withLogin(head.raw))}`,
    `commits_list (${range.length}): ${rangeSource}`,
    `repository: ${repo.source}`
  ]
  const gitCommitInfo = finish(head.raw)
  return {
    gitCommit,
    gitCommitInfo,
    commitsList: range.map(finish),
    repoInfo: repo.repo,
    repoUrl: options.repoUrl || project,
    buildUrl: options.buildUrl,
    commitUrl: options.commitUrl,
    sources,
    warnings
  }
}

/** The commit in the shape trails and attestations carry it: the Kosli CLI sends no login or parents there. */
export function trailCommit(commit: GitCommit, url = commit.url): TrailCommit {
  const { sha1, message, author, timestamp, branch } = commit
  return { sha1, message, author, timestamp, branch, url }
}

export interface TrailCommitOptions {
  gitCommit: string
  redact: RedactableField[]
  /** Default: the run's branch (the pull request's head branch on pull_request events). */
  branch?: string
  /** Default: {server}/{owner}/{repo}/commit/{sha}. */
  url?: string
}

/**
 * The commit for a trail or an attestation, read as the artifact report reads it (GitHub API,
 * then local git). When neither can read it, only sha1 and url, with a warning that says why
 * and what gives the step access: the evidence is still worth recording.
 */
export async function readTrailCommit(
  ctx: RunContext,
  options: TrailCommitOptions,
  deps: { github?: GitHubClient; git: LocalGit }
): Promise<{ commit: TrailCommit; source: string; warning?: string }> {
  const sha = validateGitCommit(options.gitCommit)
  const project = `${ctx.serverUrl}/${ctx.owner}/${ctx.repo}`
  const url = options.url ?? `${project}/commit/${sha}`
  try {
    const head = await readCommit(sha, ctx, deps)
    const full = toGitCommit(head.raw, options.branch || defaultBranch(ctx), `${project}/commit`)
    return { commit: trailCommit(redactCommit(full, options.redact), url), source: head.source }
  } catch (error) {
    const why = (error as Error).message
    return {
      commit: { sha1: sha, url },
      source: 'unavailable',
      warning:
        `The commit's author, message, time and branch are left out (only sha1 and url are sent): ${why}. ` +
        'Give the job permissions: contents: read (the GitHub API), or check out the repository with actions/checkout.'
    }
  }
}

/** The commits after base up to head, newest first; just head when there is no base. */
export async function listCommitsBetween(
  base: string | undefined,
  head: string,
  ctx: RunContext,
  deps: { github?: GitHubClient; git: LocalGit; warn?: (line: string) => void }
): Promise<{ shas: string[]; source: string }> {
  const from = normalizeBase(base)
  if (!from) return { shas: [head], source: 'no earlier commit: the commit itself' }
  const read = await readCommitRange(from, head, ctx, deps)
  return { shas: read.commits.map(c => c.sha), source: read.source }
}

function validateGitCommit(value: string): string {
  const sha = value.trim().toLowerCase()
  if (!sha) throw new Error('git-commit is empty and GITHUB_SHA is not set: give git-commit')
  if (!FULL_SHA.test(sha)) {
    throw new Error(`git-commit must be a full 40-character hex commit SHA, got "${value}"`)
  }
  return sha
}

// An all-zero base is how GitHub says "nothing before": a new branch or tag.
function normalizeBase(value: string | undefined): string | undefined {
  const base = value?.trim()
  if (!base || isZeroSha(base)) return undefined
  if (base.startsWith('-') || /\s|\.\./.test(base)) {
    throw new Error(`commits-base must be a commit SHA or ref name, got "${value}"`)
  }
  return /^[0-9a-fA-F]{40}$/.test(base) ? base.toLowerCase() : base
}

function noBaseReason(ctx: RunContext, options: ProvenanceOptions): string {
  if (options.commitsBase) return 'commits-base is all zeros'
  if (ctx.eventName === 'push') return 'none, the push created the ref (no before commit)'
  return ctx.eventName
    ? `none, no commits-base on ${ctx.eventName} events`
    : 'none, no commits-base for this run'
}

function loginSource(source: string, read: RawCommit, enriched: RawCommit): string {
  if (read.login) return source
  if (enriched.login) return 'push event payload'
  if (source.startsWith('local git')) return 'unknown (local git has no GitHub logins)'
  return 'none (no GitHub account is linked to the author email)'
}

import type { RunContext } from './context.js'
import { apiCompare, apiGetCommit, apiGetRepo, describeApiError } from './github-api.js'
import { gitListCommits, gitReadCommit } from './local-git.js'
import { repoFromPayload } from './payload.js'
import type { GitHubClient, LocalGit, RawCommit, RepoInfo } from './types.js'

interface ReadDeps {
  github?: GitHubClient
  git: LocalGit
  /** Where a partial answer is told, e.g. a compare cut at the page limit. */
  warn?: (line: string) => void
}

const NO_TOKEN = 'not used (no github-token)'

// The API knows logins and needs no checkout; local git covers unpushed commits and missing tokens.
export async function readCommit(
  sha: string,
  ctx: RunContext,
  deps: ReadDeps
): Promise<{ raw: RawCommit; source: string }> {
  let apiWhy = NO_TOKEN
  if (deps.github) {
    try {
      return { raw: await apiGetCommit(deps.github, ctx, sha), source: 'GitHub API' }
    } catch (error) {
      apiWhy = describeApiError(error)
    }
  }
  try {
    return { raw: await gitReadCommit(deps.git, sha), source: `local git (GitHub API: ${apiWhy})` }
  } catch (error) {
    throw new Error(
      `could not read commit ${sha}: GitHub API: ${apiWhy}; local git: ${(error as Error).message}. ` +
        'Check out the repository with actions/checkout, or give git-commit'
    )
  }
}

/**
 * The commits after base up to head, newest first as the Kosli CLI sends them (it walks the log
 * back from head); base itself is not among them. Both sources list oldest first.
 */
export async function readCommitRange(
  base: string,
  head: string,
  ctx: RunContext,
  deps: ReadDeps
): Promise<{ commits: RawCommit[]; source: string; fromApi: boolean }> {
  if (base === head)
    return { commits: [], source: 'commits-base is the commit itself', fromApi: false }
  let apiWhy = NO_TOKEN
  if (deps.github) {
    try {
      const commits = await apiCompare(deps.github, ctx, base, head, deps.warn)
      return { commits: commits.reverse(), source: 'GitHub compare API', fromApi: true }
    } catch (error) {
      apiWhy = describeApiError(error)
    }
  }
  try {
    const commits = await gitListCommits(deps.git, base, head)
    return {
      commits: commits.reverse(),
      source: `local git (GitHub API: ${apiWhy})`,
      fromApi: false
    }
  } catch (error) {
    throw new Error(
      `could not list the commits after ${base} up to ${head}: GitHub API: ${apiWhy}; ` +
        `local git: ${(error as Error).message}`
    )
  }
}

export async function readRepo(
  ctx: RunContext,
  deps: ReadDeps
): Promise<{ repo?: RepoInfo; source: string }> {
  const fromPayload = repoFromPayload(ctx)
  if (fromPayload) return { repo: fromPayload, source: 'event payload' }
  let apiWhy = NO_TOKEN
  if (deps.github) {
    try {
      return { repo: await apiGetRepo(deps.github, ctx), source: 'GitHub API' }
    } catch (error) {
      apiWhy = describeApiError(error)
    }
  }
  // Kosli keys repositories by id: without one, repo_info is left out rather than sent with id "".
  if (!ctx.repositoryId) {
    return { source: `left out, the repository id is unknown (GitHub API: ${apiWhy})` }
  }
  // The run's variables still name the repository; only its description is lost.
  const repo: RepoInfo = {
    name: ctx.repository,
    url: `${ctx.serverUrl}/${ctx.repository}`,
    id: ctx.repositoryId,
    description: '',
    provider: 'github'
  }
  return { repo, source: `run environment, no description (GitHub API: ${apiWhy})` }
}

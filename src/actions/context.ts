import type { Octokit } from '@octokit/rest'
import { messageOf } from '../error-message.js'
import { createGitHubReader, type GitHubClient } from '../github/reader.js'
import type { Config } from '../inputs/index.js'
import { KosliClient } from '../kosli/client.js'
import { isKosliUnavailable } from '../kosli/errors.js'
import {
  type LocalGit,
  type RunContext,
  createLocalGit,
  defaultCommitUrl,
  readTrailCommit
} from '../provenance/index.js'
import { type Log, coreLog, redactSecrets, redactingLog } from '../redact.js'
import type { RepoInfo, TrailCommit } from '../shapes/commit.js'
import { registryCredentials, secretsOf } from './settings.js'

// The one context every action's stages run over, built once per step: secrets, the log, the
// Kosli and GitHub clients, the commit and its trail, the run's URLs and the outage policy.

export interface StepContext {
  config: Config
  ctx: RunContext
  /** Hidden from every line the step prints, errors included. */
  secrets: string[]
  /** Every line goes through it: a server may echo a token back. */
  log: Log
  kosli: KosliClient
  /** GitHub reads (provenance, pull requests); undefined without a token: local git answers. */
  githubReader?: GitHubClient
  /** Octokit, loaded and made when a stage first writes to GitHub, once for the step. */
  octokit: () => Promise<Octokit>
  git: LocalGit
  /** The commit the step is about: git-commit, else the run's. */
  gitCommit: string
  /** The trail named by the inputs, else the commit's. */
  trail: string
  urls: {
    /** The run, not the attempt: every attempt updates the same trail. */
    run: string
    repo: string
    commit: string
  }
  /** Left out when the repository id is unknown. */
  repoInfo?: RepoInfo
}

export function stepContext(config: Config, ctx: RunContext, gitCommit: string): StepContext {
  const secrets = secretsOf(config, registryCredentials(config))
  const log = redactingLog(coreLog, () => secrets)
  const timeoutMs = config.requestTimeoutSeconds * 1000
  const github = {
    token: config.githubToken,
    baseUrl: ctx.apiUrl,
    maxRetries: config.maxRetries,
    timeoutMs,
    log
  }
  let octokit: Promise<Octokit> | undefined
  const repo = `${ctx.serverUrl}/${ctx.repository}`
  return {
    config,
    ctx,
    secrets,
    log,
    kosli: new KosliClient({
      host: config.host,
      token: config.apiToken,
      timeoutMs,
      maxRetries: config.maxRetries,
      dryRun: config.dryRun,
      onUnavailable: config.onKosliUnavailable,
      log
    }),
    githubReader: config.githubToken ? createGitHubReader(github) : undefined,
    octokit: () =>
      (octokit ??= import('../github/octokit.js').then(({ createOctokit }) =>
        createOctokit(github)
      )),
    git: createLocalGit(ctx.workspace),
    gitCommit,
    trail: config.trail ?? gitCommit,
    urls: {
      run: `${repo}/actions/runs/${ctx.runId}`,
      repo,
      commit: config.commitUrl ?? defaultCommitUrl(ctx, gitCommit)
    },
    repoInfo: ctx.repositoryId
      ? { name: ctx.repository, url: repo, id: ctx.repositoryId, provider: 'github' }
      : undefined
  }
}

/** Says so once, at the start, when writes are printed instead of sent. */
export function announceDryRun(step: StepContext): void {
  if (step.config.dryRun)
    step.log.info('Dry run: reads are sent, writes are printed instead of sent.')
}

/**
 * The on-kosli-unavailable policy: with `warn`, an outage becomes the returned text (secrets
 * hidden) for a warning; otherwise undefined, and the caller rethrows.
 */
export function toleratedOutage(
  step: StepContext,
  error: unknown,
  unavailable: (error: unknown) => boolean = isKosliUnavailable
): string | undefined {
  if (!(unavailable(error) && step.config.onKosliUnavailable === 'warn')) return undefined
  return redactSecrets(messageOf(error), step.secrets)
}

/** The commit as trails carry it, read from the GitHub API, else local git, else sha1 and url. */
export async function readStepCommit(
  step: StepContext,
  url: string
): Promise<{ commit: TrailCommit; source: string; warning?: string }> {
  return readTrailCommit(
    step.ctx,
    { gitCommit: step.gitCommit, redact: step.config.redactCommitInfo, url },
    { github: step.githubReader, git: step.git }
  )
}

import { getInput, setOutput } from '@actions/core'
import { recordAs } from '../attestations/approval.js'
import { type MoreSettings, prepareMoreEvidence } from '../attestations/more.js'
import type { AttestationType } from '../attestations/type.js'
import { InputError } from '../inputs/problems.js'
import { setBoundedOutput, writeJobSummary } from '../summary.js'
import { attestationTypeOf } from '../attestations/table.js'
import { foundPullRequest } from '../evidence/pull-requests.js'
import { findPullRequests } from '../github/pulls.js'
import { createGitHubReader } from '../github/reader.js'
import type { Config } from '../inputs/index.js'
import { messageOf } from '../error-message.js'
import { inert } from '../print.js'
import { redactSecrets } from '../redact.js'
import {
  type RunContext,
  defaultBranch,
  defaultBuildUrl,
  defaultGitCommit
} from '../provenance/context.js'
import type { TrailCommit } from '../shapes/commit.js'
import { KosliError } from '../kosli/errors.js'
import { type AttestResult, type AttestSettings, attest } from '../stages/attest.js'
import {
  type AttestSummary,
  type TrailState,
  readTrailState,
  renderAttestSummary,
  trailUrl
} from '../stages/evidence-summary.js'
import { boundArtifacts, stepCommit } from './bound-artifact.js'
import {
  type StepContext,
  announceDryRun,
  readStepCommit,
  stepContext,
  toleratedOutage
} from './context.js'

// attest/: read and check the evidence, record one attestation on the trail, then judge it.

export async function runAttest(config: Config, ctx: RunContext): Promise<void> {
  const step = stepContext(config, ctx, stepCommit(config.gitCommit ?? defaultGitCommit(ctx)))
  announceDryRun(step)
  const typeInput = config.attestationType ?? ''
  const { module, type: named } = attestationTypeOf(typeInput)
  const type = recordAs(named, config.recordAs)
  // environment is assert/'s input; the job's environment: name goes into github-environment here.
  if (getInput('environment').trim()) {
    throw new InputError([
      `'environment': given to attest/, which has no such input; did you mean github-environment (the GitHub environment the job deploys to)?`
    ])
  }
  const url = trailUrl(config.host, config.org, config.flow, step.trail)
  const more = moreSettings(step)
  // The SBOM and Sonar's report file are read before any request, fingerprinting included.
  const prepared = await prepareMoreEvidence(type.kind, more)
  const [bound] = await boundArtifacts(step)
  const summary: AttestSummary = {
    type: typeInput,
    name: config.attestationName ?? '',
    dryRun: config.dryRun,
    recorded: false,
    compliant: undefined,
    trails: []
  }
  setOutput('attestation-url', url)
  try {
    const settings = {
      ...attestSettings(step, { type, typeInput, fingerprint: bound?.fingerprint }),
      control: more.control,
      sonar: more.sonar,
      jira: more.jira,
      prepared
    }
    const result = await attest(settings, attestDependencies(step, type, summary))
    summary.recorded = !config.dryRun
    summary.compliant = result.compliant
    summary.details = result.details
    setResultOutputs(result, module.outputs?.(result) ?? {})
    if (!config.dryRun) {
      step.log.info(
        `Recorded the ${settings.type.kind} attestation '${inert(summary.name)}' on trail '${inert(step.trail)}': ${url}`
      )
    }
    if (config.apiToken) summary.trails.push(await trailState(step))
    judge(step, settings, result)
  } catch (error) {
    const outage = toleratedOutage(step, error)
    if (outage !== undefined) {
      summary.skipped = outage
      setOutput('compliant', '')
      step.log.warning(
        `Kosli is unavailable, so the evidence was not recorded; the step ends successfully (on-kosli-unavailable: warn): ${outage}`
      )
      return
    }
    if (!summary.recorded) summary.error = redactedMessage(step, error)
    // The trail's state shows what the release still lacks, after a write Kosli refused too:
    // not after local evidence failed (nothing is sent then), nor when Kosli is down.
    const refused = error instanceof KosliError && !error.unavailable
    if (config.apiToken && refused && summary.trails.length === 0) {
      summary.trails.push(await trailState(step))
    }
    throw error
  } finally {
    await writeJobSummary(renderAttestSummary(summary))
  }
}

function attestSettings(
  step: StepContext,
  given: Pick<AttestSettings, 'type' | 'typeInput' | 'fingerprint'>
): AttestSettings {
  const { config, ctx } = step
  return {
    ...given,
    org: config.org,
    flow: config.flow,
    trail: step.trail,
    name: config.attestationName ?? '',
    gitCommit: { sha1: step.gitCommit, url: step.urls.commit },
    repoInfo: step.repoInfo,
    originUrl: step.urls.run,
    description: config.description,
    annotations: config.annotations,
    externalUrls: config.externalUrls,
    userData: config.userData,
    results: config.results,
    attestationData: config.attestationData,
    compliant: config.compliant,
    attachments: config.attachments,
    attachResults: config.attachResults,
    workspace: ctx.workspace,
    inputs: config
  }
}

function attestDependencies(step: StepContext, type: AttestationType, summary: AttestSummary) {
  const { config, ctx, log } = step
  return {
    kosli: step.kosli,
    log,
    gatherApprovalEvidence: type.evidence
      ? async () => {
          const evidence = await approvalEvidence(step, type.evidence ?? 'code-review')
          // Set before the write, so a failed write still shows what GitHub says.
          summary.approvalDetails = evidence.summary
          return evidence
        }
      : undefined,
    commitMessage: () => commitMessageOf(step),
    // Read once the local checks pass, as the artifact report reads it: the GitHub API, then git.
    readCommit: async (): Promise<TrailCommit> => {
      const read = await readStepCommit(step, step.urls.commit)
      if (read.warning) log.warning(read.warning)
      else log.info(`Commit ${step.gitCommit}: read from ${read.source}.`)
      return read.commit
    },
    findPullRequests: async () => {
      const found = await findPullRequests(step.gitCommit, {
        apiUrl: ctx.apiUrl,
        token: config.githubToken ?? '',
        owner: ctx.owner,
        repo: ctx.repo,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        maxRetries: config.maxRetries,
        waitSeconds: config.pullRequestWaitSeconds,
        log
      })
      return found.pulls.map(({ pull, reviews, commits }) =>
        foundPullRequest(pull, reviews, commits)
      )
    }
  }
}

/** The type's own outputs (junit's counts), then compliant: empty when Kosli decides. */
function setResultOutputs(result: AttestResult, own: Record<string, string>): void {
  // Within GitHub's limit of an output: code-review's unreviewed list may be long.
  for (const [name, value] of Object.entries(own)) setBoundedOutput(name, value)
  setOutput('compliant', result.compliant === undefined ? '' : String(result.compliant))
}

function trailState(step: StepContext): Promise<TrailState> {
  const { config } = step
  const where = { host: config.host, org: config.org, flow: config.flow, trail: step.trail }
  return readTrailState(step.kosli, where, step.log)
}

/** fail-on-non-compliant: the step fails on evidence it can judge itself; Kosli judges the rest. */
function judge(step: StepContext, settings: AttestSettings, result: AttestResult): void {
  if (!step.config.failOnNonCompliant) return
  if (result.compliant === false) {
    throw new Error(
      `The evidence is recorded, and it is non-compliant: ${result.nonCompliantBecause ?? 'compliant is false'} (fail-on-non-compliant: true).`
    )
  }
  if (result.compliant === undefined) {
    step.log.warning(
      `fail-on-non-compliant: the step cannot judge ${settings.type.kind} evidence itself (Kosli decides), so it does not fail here.`
    )
  }
}

function redactedMessage(step: StepContext, error: unknown): string {
  return redactSecrets(messageOf(error), step.secrets)
}

/** deployment-approval and code-review: GitHub's facts of the release, the record and its verdict. */
async function approvalEvidence(
  step: StepContext,
  evidence: 'deployment-approval' | 'code-review'
) {
  const { config, ctx, log } = step
  const { ReleaseFacts } = await import('../github/release-facts.js')
  const { gatherApprovalEvidence } = await import('../stages/approval-evidence.js')
  const reader = step.githubReader ?? createGitHubReader(githubOptions(step))
  const facts = new ReleaseFacts(reader, { owner: ctx.owner, repo: ctx.repo }, log)
  return gatherApprovalEvidence(
    {
      evidence,
      githubEnvironment: config.githubEnvironment,
      requiredApprovals: config.requiredApprovals,
      allowSelfApproval: config.allowSelfApproval,
      commitsBase: config.commitsBase,
      maxCommits: config.maxCommits,
      head: step.gitCommit,
      runId: ctx.runId,
      runAttempt: Number(ctx.runAttempt) || 1,
      actor: ctx.actor,
      triggeringActor: ctx.triggeringActor ?? ctx.actor,
      runUrl: defaultBuildUrl(ctx)
    },
    facts,
    log
  )
}

function githubOptions(step: StepContext) {
  const { config, ctx, log } = step
  return {
    token: config.githubToken,
    baseUrl: ctx.apiUrl,
    maxRetries: config.maxRetries,
    timeoutMs: config.requestTimeoutSeconds * 1000,
    log
  }
}

/** The settings of the decision, sbom, sonar and jira types, from the inputs and the run. */
function moreSettings(step: StepContext): MoreSettings {
  const { config, ctx, gitCommit } = step
  const http = { timeoutMs: config.requestTimeoutSeconds * 1000, maxRetries: config.maxRetries }
  return {
    control: config.control,
    compliant: config.compliant,
    results: config.results,
    workspace: ctx.workspace,
    ...(config.sonarToken
      ? {
          sonar: {
            url: config.sonarUrl,
            token: config.sonarToken,
            reportFile: config.results[0],
            projectKey: config.sonarProjectKey,
            branch: config.sonarBranch,
            pullRequest: config.sonarPullRequest,
            revision: gitCommit,
            waitSeconds: config.sonarWaitSeconds,
            http
          }
        }
      : {}),
    ...(config.jiraUrl
      ? {
          jira: {
            url: config.jiraUrl,
            username: config.jiraUsername,
            apiToken: config.jiraApiToken,
            pat: config.jiraPat,
            projectKeys: config.jiraProjectKeys,
            secondarySource: config.jiraSecondarySource,
            ignoreBranchMatch: config.ignoreBranchMatch,
            branch: defaultBranch(ctx) || undefined,
            http
          }
        }
      : {})
  }
}

/** The commit's message, from the GitHub API or local git, for the Jira keys it names. */
async function commitMessageOf(step: StepContext): Promise<string> {
  const { readCommit } = await import('../provenance/read.js')
  const { raw } = await readCommit(step.gitCommit, step.ctx, {
    github: step.githubReader,
    git: step.git
  })
  return raw.message
}

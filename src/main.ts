import * as core from '@actions/core'
import { createApprovals } from './approvals.js'
import {
  type Artifact,
  registryCredentials,
  resolveKosliArtifacts,
  resolveLocalArtifacts
} from './artifacts.js'
import { settleLimit } from './concurrency.js'
import { registrySecrets } from './fingerprint/oci/index.js'
import { checkCompliance, recordDeployments } from './deployments.js'
import { messageOf, withMessage } from './error-message.js'
import { createOctokit } from './github/octokit.js'
import { type Config, planRun } from './inputs/index.js'
import {
  findArtifactByFingerprint,
  findArtifactsByCommit,
  reportArtifact
} from './kosli/artifacts.js'
import { KosliClient } from './kosli/client.js'
import { isKosliUnavailable } from './kosli/errors.js'
import { buildArtifactPayload } from './kosli/payloads.js'
import {
  type Provenance,
  type RunContext,
  createLocalGit,
  defaultCommitsBase,
  gatherProvenance
} from './provenance/index.js'
import { coreLog, redactSecrets, redactingLog } from './redact.js'
import { type RunOutcome, setOutputs, writeSummary } from './summary.js'

/** Requests in flight to Kosli at once when reporting several artifacts. */
export const REPORT_CONCURRENCY = 4

function defaultBuildUrl(ctx: RunContext): string {
  return `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}/attempts/${ctx.runAttempt || '1'}`
}

/** The secrets among the inputs: hidden from every line this step prints, errors included. */
function secretsOf(config: Config): string[] {
  // Registry credentials from any source, the docker config's included, in every form they take.
  const registry = config.artifactType === 'oci' ? registrySecrets(registryCredentials(config)) : []
  return [config.apiToken, config.githubToken, config.registryPassword, ...registry].filter(
    (secret): secret is string => Boolean(secret)
  )
}

/** Runs the stages in order: provenance → artifacts → report → approvals → deployments → summary. */
export async function run(config: Config, ctx: RunContext): Promise<RunOutcome> {
  const plan = planRun(config, ctx)
  const outcome: RunOutcome = {
    dryRun: config.dryRun,
    org: config.org,
    flow: config.flow,
    host: config.host,
    gitCommit: plan.gitCommit,
    trail: plan.report ? (config.trail ?? plan.gitCommit) : config.trail,
    artifacts: [],
    approvals: [],
    deployments: []
  }
  const timeoutMs = config.requestTimeoutSeconds * 1000
  const secrets = secretsOf(config)
  // Every line this step prints goes through it: a server may echo a token back.
  const redacted = redactingLog(coreLog, () => secrets)
  const kosli = new KosliClient({
    host: config.host,
    token: config.apiToken,
    timeoutMs,
    maxRetries: config.maxRetries,
    dryRun: config.dryRun,
    onUnavailable: config.onKosliUnavailable,
    log: redacted
  })
  const octokit = createOctokit({
    token: config.githubToken,
    baseUrl: ctx.apiUrl,
    maxRetries: config.maxRetries,
    timeoutMs
  })
  // Without a token the GitHub API is not asked at all: local git answers instead.
  const githubApi = config.githubToken ? octokit : undefined
  const git = createLocalGit(ctx.workspace)
  const log = (line: string): void => redacted.info(line)
  if (config.dryRun) core.info('Dry run: reads are sent, writes are printed instead of sent.')

  try {
    let provenance: Provenance | undefined
    if (plan.report) {
      provenance = await gatherProvenance(
        ctx,
        {
          gitCommit: plan.gitCommit,
          commitsBase: config.commitsBase ?? defaultCommitsBase(ctx),
          buildUrl: config.buildUrl,
          commitUrl: config.commitUrl,
          repoUrl: config.repoUrl,
          redact: config.redactCommitInfo
        },
        { octokit: githubApi, git, log }
      )
      core.startGroup('Provenance')
      for (const source of provenance.sources) log(source)
      core.endGroup()
      for (const warning of provenance.warnings) redacted.warning(warning)
      outcome.commitUrl = provenance.commitUrl
      outcome.commitsCount = provenance.commitsList.length
    }
    outcome.commitUrl ??=
      config.commitUrl ?? `${ctx.serverUrl}/${ctx.repository}/commit/${plan.gitCommit}`
    const buildUrl = provenance?.buildUrl ?? config.buildUrl ?? defaultBuildUrl(ctx)

    const artifacts: Artifact[] = plan.fromKosli
      ? await resolveKosliArtifacts(config, kosli, plan.gitCommit)
      : await resolveLocalArtifacts(config, ctx.workspace, ctx.repo)
    outcome.artifacts = artifacts
    for (const artifact of artifacts) {
      core.info(`${artifact.name}: ${artifact.fingerprint} (${artifact.type})`)
    }

    if (plan.report && provenance) {
      await reportArtifacts(config, kosli, provenance, outcome)
    }

    if (config.approval !== 'none') {
      outcome.approvals = await createApprovals(config, ctx, artifacts, plan.gitCommit, buildUrl, {
        kosli,
        octokit: githubApi,
        git,
        log
      })
    }

    if (plan.deploymentEnvironment) {
      if (!plan.fromKosli && config.apiToken)
        await addComplianceStates(config, kosli, plan.gitCommit, artifacts)
      if (config.requireCompliant) checkCompliance(artifacts)
      outcome.deployments = await recordDeployments(
        config,
        ctx,
        plan.deploymentEnvironment,
        artifacts,
        plan.gitCommit,
        { octokit, log: redacted }
      )
    }
    return outcome
  } catch (error) {
    const text = redactSecrets(messageOf(error), secrets)
    if (unavailable(error) && config.onKosliUnavailable === 'warn') {
      outcome.kosliUnavailable = text
      core.warning(
        `Kosli is unavailable, so this step recorded nothing more and ends successfully (on-kosli-unavailable: warn): ${text}`
      )
      return outcome
    }
    outcome.error = text
    throw withMessage(error, text)
  } finally {
    setOutputs(outcome)
    await writeSummary(outcome)
  }
}

async function reportArtifacts(
  config: Config,
  kosli: KosliClient,
  provenance: Provenance,
  outcome: RunOutcome
): Promise<void> {
  const results = await settleLimit(outcome.artifacts, REPORT_CONCURRENCY, artifact =>
    reportArtifact(kosli, config, buildArtifactPayload(config, artifact, provenance))
  )
  const failures: unknown[] = []
  results.forEach((result, index) => {
    const artifact = outcome.artifacts[index]
    if (result.status === 'fulfilled') {
      outcome.artifacts[index] = { ...artifact, reported: true }
      if (!config.dryRun) core.info(`Reported ${artifact.name} to Kosli: ${artifact.url}`)
    } else {
      failures.push(result.reason)
      outcome.artifacts[index] = {
        ...artifact,
        reported: false,
        error: redactSecrets(messageOf(result.reason), secretsOf(config))
      }
    }
  })
  if (failures.length === 0) return
  const total = outcome.artifacts.length
  if (total === 1) throw failures[0]
  const failed = outcome.artifacts.filter(artifact => artifact.reported === false)
  throw new PartialReportError(
    `Reported ${total - failed.length} of ${total} artifacts; these were not reported:\n${failed
      .map(artifact => `- ${artifact.name}: ${artifact.error}`)
      .join('\n')}`,
    failures.every(isKosliUnavailable)
  )
}

/** Some artifacts of several were not reported; `unavailable` when Kosli was down for all of them. */
export class PartialReportError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean
  ) {
    super(message)
    this.name = 'PartialReportError'
  }
}

function unavailable(error: unknown): boolean {
  return isKosliUnavailable(error) || (error instanceof PartialReportError && error.unavailable)
}

async function addComplianceStates(
  config: Config,
  kosli: KosliClient,
  gitCommit: string,
  artifacts: Artifact[]
): Promise<void> {
  const known = await findArtifactsByCommit(kosli, config, gitCommit)
  for (const artifact of artifacts) {
    // A promoted build was reported for an earlier commit: ask Kosli by fingerprint.
    const match =
      known.find(item => item.fingerprint === artifact.fingerprint) ??
      (await findArtifactByFingerprint(kosli, config, artifact.fingerprint))
    if (!match) continue
    if (match.state) {
      artifact.complianceState = match.state
      artifact.stateInfo = match.state_info ?? undefined
    }
    // A bare digest has no name of its own; Kosli knows the one the build job reported.
    if (artifact.type === 'digest' && !config.displayName) {
      artifact.name = match.filename
      artifact.templateReferenceName ??= match.template_reference_name ?? undefined
    }
  }
}

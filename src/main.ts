import type { Octokit } from '@octokit/rest'
import { messageOf, withMessage } from './error-message.js'
import { type Config, type Plan, planRun } from './inputs/index.js'
import type { FlowRef } from './kosli/artifacts.js'
import { KosliClient } from './kosli/client.js'
import { isKosliUnavailable } from './kosli/errors.js'
import {
  type Provenance,
  type ProvenanceOptions,
  type RunContext,
  createLocalGit,
  defaultBuildUrl,
  defaultCommitUrl,
  defaultCommitsBase,
  gatherProvenance
} from './provenance/index.js'
import { inert } from './print.js'
import { coreLog, redactSecrets, redactingLog } from './redact.js'
import type { ApprovalOutcome, ApprovalSettings } from './stages/approve.js'
import type { ComplianceSettings, DeploymentOutcome, DeploymentSettings } from './stages/deploy.js'
import {
  PartialReportError,
  type ReportSettings,
  type ReportedArtifact,
  reportArtifacts
} from './stages/report.js'
import {
  type ArtifactLinks,
  type KosliArtifactSettings,
  resolveKosliArtifacts,
  resolveLocalArtifacts
} from './stages/resolve-artifacts.js'
import { localArtifactSettings, registryCredentials, secretsOf } from './settings.js'
import { type RunOutcome, setOutputs, writeSummary } from './summary.js'

/** Every stage's settings, built from the inputs once: every default is computed here. */
function stageSettings(config: Config, ctx: RunContext, plan: Plan) {
  const gitCommit = plan.gitCommit
  const where: FlowRef = { org: config.org, flow: config.flow }
  const links: ArtifactLinks = { ...where, host: config.host }
  const buildUrl = config.buildUrl ?? defaultBuildUrl(ctx)
  const commitUrl = config.commitUrl ?? defaultCommitUrl(ctx, gitCommit)
  const registry = registryCredentials(config)
  const provenance: ProvenanceOptions = {
    gitCommit,
    commitsBase: config.commitsBase ?? defaultCommitsBase(ctx),
    buildUrl,
    commitUrl,
    repoUrl: config.repoUrl,
    redact: config.redactCommitInfo
  }
  const localArtifacts = localArtifactSettings(config, ctx, links, registry)
  const kosliArtifacts: KosliArtifactSettings = {
    links,
    gitCommit,
    trail: config.trail,
    templateReferenceName: config.templateReferenceName,
    displayName: config.displayName
  }
  const report: ReportSettings = {
    where,
    fields: {
      trail: config.trail,
      templateReferenceName: config.templateReferenceName,
      description: config.description,
      isCompliant: config.isCompliant,
      template: config.template,
      externalUrls: config.externalUrls,
      annotations: config.annotations,
      userData: config.userData
    },
    dryRun: config.dryRun
  }
  const approval = config.approval
  const approvals: ApprovalSettings | undefined =
    approval === 'none'
      ? undefined
      : {
          where,
          approval,
          environment: config.approvalEnvironment,
          description:
            config.approvalDescription ??
            (approval === 'approve'
              ? `Approved in ${ctx.workflow} run ${ctx.runNumber}`
              : `Approval requested in ${ctx.workflow} run ${ctx.runNumber}`),
          approver: config.approver ?? ctx.actor,
          oldestCommit: config.oldestCommit,
          gitCommit,
          buildUrl,
          dryRun: config.dryRun,
          ctx
        }
  const compliance: ComplianceSettings = {
    where,
    gitCommit,
    trail: config.trail,
    keepNames: config.displayName !== undefined
  }
  const environment = plan.deploymentEnvironment
  const deployments: DeploymentSettings | undefined =
    environment === undefined
      ? undefined
      : {
          org: config.githubOrg ?? ctx.owner,
          owner: ctx.owner,
          repo: ctx.repo,
          apiUrl: ctx.apiUrl,
          environment,
          physicalEnvironment: config.physicalEnvironment,
          cluster: config.cluster,
          deploymentName: config.deploymentName,
          version:
            config.deploymentVersion ??
            (ctx.refType === 'tag' && ctx.refName ? ctx.refName : gitCommit.slice(0, 7)),
          status: config.deploymentStatus,
          tags: config.deploymentTags,
          runtimeRisks: config.runtimeRisks,
          templateReferenceName: config.templateReferenceName,
          dryRun: config.dryRun
        }
  return {
    trail: plan.report ? (config.trail ?? gitCommit) : config.trail,
    commitUrl,
    secrets: secretsOf(config, registry),
    provenance,
    localArtifacts,
    kosliArtifacts,
    report,
    approvals,
    compliance,
    deployments
  }
}

/**
 * Runs the stages in order: provenance → artifacts → report → approvals → deployments, then writes
 * the outputs and the summary from what they returned, also when one of them failed.
 */
export async function run(config: Config, ctx: RunContext): Promise<RunOutcome> {
  const plan = planRun(config, ctx)
  const settings = stageSettings(config, ctx, plan)
  const { secrets } = settings
  const timeoutMs = config.requestTimeoutSeconds * 1000

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
  // Octokit is loaded and made when a stage first needs GitHub, once for the run.
  let octokit: Promise<Octokit> | undefined
  const github = (): Promise<Octokit> =>
    (octokit ??= import('./github/octokit.js').then(({ createOctokit }) =>
      createOctokit({
        token: config.githubToken,
        baseUrl: ctx.apiUrl,
        maxRetries: config.maxRetries,
        timeoutMs,
        log: redacted
      })
    ))
  // Without a token the GitHub API is not asked at all: local git answers instead.
  const githubApi = async (): Promise<Octokit | undefined> =>
    config.githubToken ? github() : undefined
  const git = createLocalGit(ctx.workspace)
  const log = (line: string): void => redacted.info(line)
  if (config.dryRun) redacted.info('Dry run: reads are sent, writes are printed instead of sent.')

  // What the stages returned so far: the outputs and the summary are written from these.
  let provenance: Provenance | undefined
  let artifacts: ReportedArtifact[] = []
  let approvals: ApprovalOutcome[] = []
  let deployments: DeploymentOutcome[] = []
  let ending: Pick<RunOutcome, 'error' | 'kosliUnavailable'> = {}
  const outcome = (): RunOutcome => ({
    dryRun: config.dryRun,
    org: config.org,
    flow: config.flow,
    host: config.host,
    gitCommit: plan.gitCommit,
    // A report links the commit only once its provenance is read.
    commitUrl: plan.report ? provenance?.commitUrl : settings.commitUrl,
    trail: settings.trail,
    commitsCount: provenance?.commitsList.length,
    artifacts,
    approvals,
    deployments,
    reports: plan.report,
    ...ending
  })

  try {
    if (plan.report) {
      provenance = await gatherProvenance(ctx, settings.provenance, {
        octokit: await githubApi(),
        git,
        log
      })
      redacted.startGroup('Provenance')
      for (const source of provenance.sources) log(source)
      redacted.endGroup()
      for (const warning of provenance.warnings) redacted.warning(warning)
    }

    artifacts = plan.fromKosli
      ? await resolveKosliArtifacts(settings.kosliArtifacts, kosli)
      : await resolveLocalArtifacts(settings.localArtifacts)
    for (const artifact of artifacts) {
      log(`${inert(artifact.name)}: ${inert(artifact.fingerprint)} (${artifact.type})`)
    }

    if (provenance) {
      const report = await reportArtifacts(settings.report, artifacts, provenance, {
        kosli,
        log,
        secrets
      })
      artifacts = report.artifacts
      if (report.failure !== undefined) throw report.failure
    }

    if (settings.approvals) {
      const { createApprovals } = await import('./stages/approve.js')
      approvals = await createApprovals(settings.approvals, artifacts, {
        kosli,
        octokit: await githubApi(),
        git,
        log
      })
    }

    if (settings.deployments) {
      const { addComplianceStates, checkCompliance, recordDeployments } =
        await import('./stages/deploy.js')
      if (!plan.fromKosli && config.apiToken) {
        artifacts = await addComplianceStates(settings.compliance, artifacts, kosli)
      }
      if (config.requireCompliant) checkCompliance(artifacts)
      deployments = await recordDeployments(settings.deployments, artifacts, {
        octokit: await github(),
        log: redacted
      })
    }
    return outcome()
  } catch (error) {
    const text = redactSecrets(messageOf(error), secrets)
    if (unavailable(error) && config.onKosliUnavailable === 'warn') {
      ending = { kosliUnavailable: text }
      redacted.warning(
        `Kosli is unavailable, so this step recorded nothing more and ends successfully (on-kosli-unavailable: warn): ${text}`
      )
      return outcome()
    }
    ending = { error: text }
    throw withMessage(error, text)
  } finally {
    const final = outcome()
    setOutputs(final)
    await writeSummary(final)
  }
}

function unavailable(error: unknown): boolean {
  return isKosliUnavailable(error) || (error instanceof PartialReportError && error.unavailable)
}

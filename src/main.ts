import type { Octokit } from '@octokit/rest'
import { messageOf, withMessage } from './error-message.js'
import { type Config, type Plan, planRun } from './inputs/index.js'
import type { FlowRef } from './kosli/artifacts.js'
import { KosliClient } from './kosli/client.js'
import { isKosliUnavailable } from './kosli/errors.js'
import {
  type LocalGit,
  type Provenance,
  type ProvenanceOptions,
  type RunContext,
  type TrailCommit,
  createLocalGit,
  defaultBuildUrl,
  defaultCommitUrl,
  defaultCommitsBase,
  gatherProvenance,
  readTrailCommit,
  trailCommit
} from './provenance/index.js'
import { createGitHubReader, type GitHubClient } from './github/reader.js'
import { inert } from './print.js'
import { type Log, coreLog, redactSecrets, redactingLog } from './redact.js'
import type { ApprovalOutcome, ApprovalSettings } from './stages/approve.js'
import type {
  ComplianceSettings,
  DeploymentOutcome,
  DeploymentSettings,
  GateSettings
} from './stages/deploy.js'
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
import type { FlowTrailSettings } from './stages/trail.js'
import { type RunOutcome, SUMMARY_LIMIT, setOutputs, writeSummary } from './summary.js'

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
  const gate: GateSettings = {
    org: config.org,
    flow: config.flow,
    environment: config.kosliEnvironment
  }
  const beginsTrail = config.beginTrail || config.trailTemplate !== undefined
  const flowTrail: FlowTrailSettings | undefined =
    config.flowTemplate === undefined && !beginsTrail
      ? undefined
      : {
          ...where,
          workspace: ctx.workspace,
          dryRun: config.dryRun,
          flowTemplate: config.flowTemplate,
          flowDescription: config.flowDescription,
          trail: beginsTrail
            ? {
                name: config.trail ?? gitCommit,
                template: config.trailTemplate,
                description: config.trailDescription,
                // The run, not the attempt: every attempt updates the same trail.
                originUrl: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`,
                repoInfo: ctx.repositoryId
                  ? {
                      name: ctx.repository,
                      url: `${ctx.serverUrl}/${ctx.repository}`,
                      id: ctx.repositoryId,
                      provider: 'github' as const
                    }
                  : undefined
              }
            : undefined
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
    trail: plan.report || beginsTrail ? (config.trail ?? gitCommit) : config.trail,
    commitUrl,
    secrets: secretsOf(config, registry),
    provenance,
    localArtifacts,
    kosliArtifacts,
    report,
    approvals,
    compliance,
    gate,
    flowTrail,
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
  // Provenance reads go through a small GET client; without a token the GitHub API is not
  // asked at all: local git answers instead.
  const githubReader: GitHubClient | undefined = config.githubToken
    ? createGitHubReader({
        token: config.githubToken,
        baseUrl: ctx.apiUrl,
        maxRetries: config.maxRetries,
        timeoutMs,
        log: redacted
      })
    : undefined
  const git = createLocalGit(ctx.workspace)
  const log = (line: string): void => redacted.info(line)
  if (config.dryRun) redacted.info('Dry run: reads are sent, writes are printed instead of sent.')

  // What the stages returned so far: the outputs and the summary are written from these.
  let provenance: Provenance | undefined
  let artifacts: ReportedArtifact[] = []
  let approvals: ApprovalOutcome[] = []
  let deployments: DeploymentOutcome[] = []
  let gateNotChecked: string | undefined
  let trailState: string | undefined
  let flowTrailDone: { flowTemplated?: boolean; trailBegun?: string } = {}
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
    gateNotChecked,
    trailState,
    ...flowTrailDone,
    ...ending
  })

  try {
    // Templates are checked before any request (Kosli or GitHub); loaded only when asked, so a
    // plain report loads no YAML or multipart code.
    const flowTrail = settings.flowTrail && (await import('./stages/trail.js'))
    const templates =
      flowTrail && settings.flowTrail && (await flowTrail.checkTemplates(settings.flowTrail))

    // commit → flow → trail: the trail carries the commit the report reads.
    if (plan.report) {
      provenance = await gatherProvenance(ctx, settings.provenance, {
        github: githubReader,
        git,
        log
      })
      redacted.startGroup('Provenance')
      for (const source of provenance.sources) log(source)
      redacted.endGroup()
      for (const warning of provenance.warnings) redacted.warning(warning)
    }

    if (flowTrail && settings.flowTrail && templates) {
      const commit = settings.flowTrail.trail
        ? await commitOfTrail(provenance, settings, ctx, { github: githubReader, git }, redacted)
        : undefined
      const done = await flowTrail.ensureFlowAndTrail(settings.flowTrail, templates, commit, {
        kosli,
        log: redacted
      })
      flowTrailDone = { flowTemplated: done.flowDescription !== undefined, trailBegun: done.trail }
    }

    // A step may only create the flow and begin the trail: then there is no artifact.
    const local = config.artifacts.length > 0 || config.fingerprint !== undefined
    artifacts = plan.fromKosli
      ? await resolveKosliArtifacts(settings.kosliArtifacts, kosli)
      : local
        ? await resolveLocalArtifacts(settings.localArtifacts)
        : []
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
        github: githubReader,
        git,
        log
      })
    }

    if (settings.deployments) {
      const { addComplianceStates, recordDeployments, requireCompliant } =
        await import('./stages/deploy.js')
      try {
        if (!plan.fromKosli && config.apiToken) {
          artifacts = await addComplianceStates(settings.compliance, artifacts, kosli)
        }
        if (config.requireCompliant) {
          await requireCompliant(settings.gate, artifacts, { kosli, log: redacted })
        }
      } catch (error) {
        // The records say what happened and need only GitHub; a gate never passes silently.
        if (!(isKosliUnavailable(error) && config.onKosliUnavailable === 'warn')) throw error
        const text = redactSecrets(messageOf(error), secrets)
        artifacts = artifacts.map(artifact => ({
          ...artifact,
          complianceState: undefined,
          stateInfo: undefined
        }))
        if (config.requireCompliant) gateNotChecked = text
        redacted.warning(
          config.requireCompliant
            ? `Kosli is unavailable, so the require-compliant gate was skipped: nothing was checked, compliance-state is empty, and the deployment records are still written (on-kosli-unavailable: warn): ${text}`
            : `Kosli is unavailable, so the compliance states are not known; the deployment records are still written (on-kosli-unavailable: warn): ${text}`
        )
      }
      deployments = await recordDeployments(settings.deployments, artifacts, {
        octokit: await github(),
        log: redacted
      })
    }

    // The trail begun here, in the summary: one read, and a failed one is only a warning.
    const begun = settings.flowTrail?.trail
    if (begun && config.apiToken && !config.dryRun) {
      const summaries = await import('./stages/evidence-summary.js')
      const where = { host: config.host, org: config.org, flow: config.flow, trail: begun.name }
      const state = await summaries.readTrailState(kosli, where, redacted)
      trailState = summaries.renderTrail(state, SUMMARY_LIMIT / 4)
    }
    return outcome()
  } catch (error) {
    const text = redactSecrets(messageOf(error), secrets)
    if (unavailable(error) && config.onKosliUnavailable === 'warn') {
      ending = { kosliUnavailable: text }
      // A gate that never ran must not read as passed.
      const gateSkipped = config.requireCompliant && settings.deployments !== undefined
      if (gateSkipped) gateNotChecked ??= text
      redacted.warning(
        `Kosli is unavailable, so this step recorded nothing more${gateSkipped ? ' (the require-compliant gate was skipped: not checked)' : ''} and ends successfully (on-kosli-unavailable: warn): ${text}`
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

// A report has read the commit already; a step that only begins a trail reads it here, and
// without any source it begins the trail with sha1 and url and a warning.
async function commitOfTrail(
  provenance: Provenance | undefined,
  settings: ReturnType<typeof stageSettings>,
  ctx: RunContext,
  deps: { github?: GitHubClient; git: LocalGit },
  log: Log
): Promise<TrailCommit> {
  if (provenance) return trailCommit(provenance.gitCommitInfo, settings.commitUrl)
  const read = await readTrailCommit(
    ctx,
    {
      gitCommit: settings.provenance.gitCommit,
      redact: settings.provenance.redact,
      url: settings.commitUrl
    },
    deps
  )
  if (read.warning) log.warning(`begin-trail: ${read.warning}`)
  return read.commit
}

function unavailable(error: unknown): boolean {
  return isKosliUnavailable(error) || (error instanceof PartialReportError && error.unavailable)
}

import { messageOf, withMessage } from '../error-message.js'
import { type Config, type Plan, planRun } from '../inputs/index.js'
import type { FlowRef } from '../kosli/artifacts.js'
import { isKosliUnavailable } from '../kosli/errors.js'
import { inert } from '../print.js'
import {
  type Provenance,
  type RunContext,
  type TrailCommit,
  defaultBuildUrl,
  defaultCommitsBase,
  gatherProvenance,
  trailCommit
} from '../provenance/index.js'
import { redactSecrets } from '../redact.js'
import type { ApprovalOutcome, ApprovalSettings } from '../stages/approve.js'
import type { DeploymentOutcome, DeploymentSettings } from '../stages/deploy.js'
import { PartialReportError, type ReportedArtifact, reportArtifacts } from '../stages/report.js'
import {
  type ArtifactLinks,
  resolveKosliArtifacts,
  resolveLocalArtifacts
} from '../stages/resolve-artifacts.js'
import type { FlowTrailSettings } from '../stages/trail.js'
import { type RunOutcome, setOutputs, writeSummary } from '../stages/run-summary.js'
import { SUMMARY_LIMIT } from '../summary.js'
import {
  type StepContext,
  announceDryRun,
  readStepCommit,
  stepContext,
  toleratedOutage
} from './context.js'
import { localArtifactSettings, registryCredentials } from './settings.js'

// The main action: provenance → flow and trail → artifacts → report → approvals → deployments,
// then the outputs and the summary from what the stages returned, also when one of them failed.

/** Every stage's settings, built from the inputs and the step's context once. */
function stageSettings(step: StepContext, plan: Plan) {
  const { config, ctx, gitCommit } = step
  const where: FlowRef = { org: config.org, flow: config.flow }
  const links: ArtifactLinks = { ...where, host: config.host }
  const buildUrl = config.buildUrl ?? defaultBuildUrl(ctx)
  const beginsTrail = config.beginTrail || config.trailTemplate !== undefined
  return {
    where,
    buildUrl,
    beginsTrail,
    trail: plan.report || beginsTrail ? step.trail : config.trail,
    provenance: {
      gitCommit,
      commitsBase: config.commitsBase ?? defaultCommitsBase(ctx),
      buildUrl,
      commitUrl: step.urls.commit,
      repoUrl: config.repoUrl,
      redact: config.redactCommitInfo
    },
    localArtifacts: localArtifactSettings(config, ctx, links, registryCredentials(config)),
    kosliArtifacts: {
      links,
      gitCommit,
      trail: config.trail,
      templateReferenceName: config.templateReferenceName,
      displayName: config.displayName
    },
    report: {
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
    },
    approvals: approvalSettings(step, where, buildUrl),
    compliance: {
      where,
      gitCommit,
      trail: config.trail,
      keepNames: config.displayName !== undefined
    },
    gate: { org: config.org, flow: config.flow, environment: config.kosliEnvironment },
    flowTrail: flowTrailSettings(step, where, beginsTrail),
    deployments: deploymentSettings(step, plan.deploymentEnvironment)
  }
}
type Settings = ReturnType<typeof stageSettings>

function approvalSettings(
  { config, ctx, gitCommit }: StepContext,
  where: FlowRef,
  buildUrl: string
): ApprovalSettings | undefined {
  const approval = config.approval
  if (approval === 'none') return undefined
  const asked = approval === 'approve' ? 'Approved' : 'Approval requested'
  return {
    where,
    approval,
    environment: config.approvalEnvironment,
    description: config.approvalDescription ?? `${asked} in ${ctx.workflow} run ${ctx.runNumber}`,
    approver: config.approver ?? ctx.actor,
    oldestCommit: config.oldestCommit,
    gitCommit,
    buildUrl,
    dryRun: config.dryRun,
    ctx
  }
}

function flowTrailSettings(
  step: StepContext,
  where: FlowRef,
  beginsTrail: boolean
): FlowTrailSettings | undefined {
  const { config, ctx } = step
  if (config.flowTemplate === undefined && !beginsTrail) return undefined
  return {
    ...where,
    workspace: ctx.workspace,
    dryRun: config.dryRun,
    flowTemplate: config.flowTemplate,
    flowDescription: config.flowDescription,
    trail: beginsTrail
      ? {
          name: step.trail,
          template: config.trailTemplate,
          description: config.trailDescription,
          originUrl: step.urls.run,
          repoInfo: step.repoInfo
        }
      : undefined
  }
}

function deploymentSettings(
  { config, ctx, gitCommit }: StepContext,
  environment: string | undefined
): DeploymentSettings | undefined {
  if (environment === undefined) return undefined
  const tagged = ctx.refType === 'tag' && ctx.refName
  return {
    org: config.githubOrg ?? ctx.owner,
    owner: ctx.owner,
    repo: ctx.repo,
    apiUrl: ctx.apiUrl,
    environment,
    physicalEnvironment: config.physicalEnvironment,
    cluster: config.cluster,
    deploymentName: config.deploymentName,
    version: config.deploymentVersion ?? (tagged ? ctx.refName : gitCommit.slice(0, 7)),
    status: config.deploymentStatus,
    tags: config.deploymentTags,
    runtimeRisks: config.runtimeRisks,
    templateReferenceName: config.templateReferenceName,
    dryRun: config.dryRun
  }
}

/** What the stages returned so far: the outputs and the summary are written from these. */
interface Done {
  provenance?: Provenance
  artifacts: ReportedArtifact[]
  approvals: ApprovalOutcome[]
  deployments: DeploymentOutcome[]
  gateNotChecked?: string
  trailState?: string
  flowTrail: { flowTemplated?: boolean; trailBegun?: string }
  ending: Pick<RunOutcome, 'error' | 'kosliUnavailable'>
  /** The outage an earlier stage met (warn), so that later Kosli stages are skipped, not retried. */
  kosliDown?: unknown
}

function outcomeOf(step: StepContext, plan: Plan, settings: Settings, done: Done): RunOutcome {
  const { config } = step
  return {
    dryRun: config.dryRun,
    org: config.org,
    flow: config.flow,
    host: config.host,
    gitCommit: plan.gitCommit,
    // A report links the commit only once its provenance is read.
    commitUrl: plan.report ? done.provenance?.commitUrl : step.urls.commit,
    trail: settings.trail,
    commitsCount: done.provenance?.commitsList.length,
    artifacts: done.artifacts,
    approvals: done.approvals,
    deployments: done.deployments,
    reports: plan.report,
    gateNotChecked: done.gateNotChecked,
    trailState: done.trailState,
    ...done.flowTrail,
    ...done.ending
  }
}

/** The main action's step: runs the stages in order over one context, then writes the outcome. */
export async function runMain(config: Config, ctx: RunContext): Promise<RunOutcome> {
  const plan = planRun(config, ctx)
  const step = stepContext(config, ctx, plan.gitCommit)
  const settings = stageSettings(step, plan)
  announceDryRun(step)
  const done: Done = { artifacts: [], approvals: [], deployments: [], flowTrail: {}, ending: {} }
  try {
    await runStages(step, plan, settings, done)
    return outcomeOf(step, plan, settings, done)
  } catch (error) {
    const text = toleratedOutage(step, error, unavailable)
    if (text === undefined) {
      const shown = redactSecrets(messageOf(error), step.secrets)
      done.ending = { error: shown }
      throw withMessage(error, shown)
    }
    done.ending = { kosliUnavailable: text }
    // A gate that never ran must not read as passed.
    const gateSkipped = config.requireCompliant && settings.deployments !== undefined
    if (gateSkipped) done.gateNotChecked ??= text
    step.log.warning(
      `Kosli is unavailable, so this step recorded nothing more${gateSkipped ? ' (the require-compliant gate was skipped: not checked)' : ''} and ends successfully (on-kosli-unavailable: warn): ${text}`
    )
    return outcomeOf(step, plan, settings, done)
  } finally {
    const final = outcomeOf(step, plan, settings, done)
    setOutputs(final)
    await writeSummary(final)
  }
}

async function runStages(step: StepContext, plan: Plan, settings: Settings, done: Done) {
  // Templates are checked before any request (Kosli or GitHub); loaded only when asked, so a
  // plain report loads no YAML or multipart code.
  const flowTrail = settings.flowTrail && (await import('../stages/trail.js'))
  const templates =
    flowTrail && settings.flowTrail && (await flowTrail.checkTemplates(settings.flowTrail))

  // commit → flow → trail: the trail carries the commit the report reads.
  if (plan.report) done.provenance = await readProvenance(step, settings)
  if (flowTrail && settings.flowTrail && templates) {
    const flowTrailSettings = settings.flowTrail
    await kosliStage(
      step,
      plan,
      settings,
      done,
      'the flow and trail were not created',
      async () => {
        const commit = flowTrailSettings.trail
          ? await commitOfTrail(step, done.provenance)
          : undefined
        const begun = await flowTrail.ensureFlowAndTrail(flowTrailSettings, templates, commit, {
          kosli: step.kosli,
          log: step.log
        })
        done.flowTrail = {
          flowTemplated: begun.flowDescription !== undefined,
          trailBegun: begun.trail
        }
      }
    )
  }
  done.artifacts = await resolveArtifacts(step, plan, settings)
  const provenance = done.provenance
  if (provenance) {
    await kosliStage(step, plan, settings, done, 'the artifacts were not reported', async () => {
      const info = (line: string): void => step.log.info(line)
      const deps = { kosli: step.kosli, log: info, secrets: step.secrets }
      const report = await reportArtifacts(settings.report, done.artifacts, provenance, deps)
      done.artifacts = report.artifacts
      if (report.failure !== undefined) throw report.failure
    })
  }
  const approvals = settings.approvals
  if (approvals) {
    await kosliStage(step, plan, settings, done, 'no approval was created', async () => {
      const { createApprovals } = await import('../stages/approve.js')
      done.approvals = await createApprovals(approvals, done.artifacts, {
        kosli: step.kosli,
        github: step.githubReader,
        git: step.git,
        log: (line: string) => step.log.info(line)
      })
    })
  }
  if (settings.deployments) await deploy(step, plan, settings, settings.deployments, done)
  done.trailState = await begunTrailState(step, settings)
}

/**
 * A Kosli stage of a deploy job with given artifacts: with on-kosli-unavailable: warn, an outage
 * skips it (and every later Kosli stage) with a warning, and the deployment records, which need
 * only GitHub, are still written. Elsewhere an outage ends the step as before.
 */
async function kosliStage(
  step: StepContext,
  plan: Plan,
  settings: Settings,
  done: Done,
  skipped: string,
  stage: () => Promise<void>
): Promise<void> {
  const recordsGoOn = settings.deployments !== undefined && !plan.fromKosli
  if (recordsGoOn && done.kosliDown !== undefined) {
    step.log.warning(
      `Kosli is unavailable, so ${skipped} (on-kosli-unavailable: warn): ${done.ending.kosliUnavailable}`
    )
    return
  }
  try {
    await stage()
  } catch (error) {
    const text = recordsGoOn ? toleratedOutage(step, error, unavailable) : undefined
    if (text === undefined) throw error
    done.ending = { kosliUnavailable: text }
    done.kosliDown = error
    step.log.warning(
      `Kosli is unavailable, so ${skipped}; the deployment records are still written (on-kosli-unavailable: warn): ${text}`
    )
  }
}

async function readProvenance(step: StepContext, settings: Settings): Promise<Provenance> {
  const { log } = step
  const provenance = await gatherProvenance(step.ctx, settings.provenance, {
    github: step.githubReader,
    git: step.git,
    log: line => log.info(line)
  })
  log.startGroup('Provenance')
  for (const source of provenance.sources) log.info(source)
  log.endGroup()
  for (const warning of provenance.warnings) log.warning(warning)
  return provenance
}

// A report has read the commit already; a step that only begins a trail reads it here, and
// without any source it begins the trail with sha1 and url and a warning.
async function commitOfTrail(
  step: StepContext,
  provenance: Provenance | undefined
): Promise<TrailCommit> {
  if (provenance) return trailCommit(provenance.gitCommitInfo, step.urls.commit)
  const read = await readStepCommit(step, step.urls.commit)
  if (read.warning) step.log.warning(`begin-trail: ${read.warning}`)
  return read.commit
}

async function resolveArtifacts(
  step: StepContext,
  plan: Plan,
  settings: Settings
): Promise<ReportedArtifact[]> {
  const { config } = step
  // A step may only create the flow and begin the trail: then there is no artifact.
  const local = config.artifacts.length > 0 || config.fingerprint !== undefined
  const artifacts = plan.fromKosli
    ? await resolveKosliArtifacts(settings.kosliArtifacts, step.kosli)
    : local
      ? await resolveLocalArtifacts(settings.localArtifacts)
      : []
  for (const artifact of artifacts) {
    step.log.info(`${inert(artifact.name)}: ${inert(artifact.fingerprint)} (${artifact.type})`)
  }
  return artifacts
}

async function deploy(
  step: StepContext,
  plan: Plan,
  settings: Settings,
  deployments: DeploymentSettings,
  done: Done
): Promise<void> {
  const { config, kosli, log } = step
  const { addComplianceStates, recordDeployments, requireCompliant } =
    await import('../stages/deploy.js')
  try {
    // An earlier stage found Kosli unavailable (warn): the records go on without its answers.
    if (done.kosliDown !== undefined) throw done.kosliDown
    if (!plan.fromKosli && config.apiToken) {
      done.artifacts = await addComplianceStates(settings.compliance, done.artifacts, kosli)
    }
    if (config.requireCompliant) {
      await requireCompliant(settings.gate, done.artifacts, { kosli, log })
    }
  } catch (error) {
    // The records say what happened and need only GitHub; a gate never passes silently.
    const text = toleratedOutage(step, error, unavailable)
    if (text === undefined) throw error
    done.artifacts = done.artifacts.map(artifact => ({
      ...artifact,
      complianceState: undefined,
      stateInfo: undefined
    }))
    if (config.requireCompliant) done.gateNotChecked = text
    log.warning(
      config.requireCompliant
        ? `Kosli is unavailable, so the require-compliant gate was skipped: nothing was checked, compliance-state is empty, and the deployment records are still written (on-kosli-unavailable: warn): ${text}`
        : `Kosli is unavailable, so the compliance states are not known; the deployment records are still written (on-kosli-unavailable: warn): ${text}`
    )
  }
  done.deployments = await recordDeployments(deployments, done.artifacts, {
    octokit: await step.octokit(),
    log
  })
}

/** The trail begun here, in the summary: one read, and a failed one is only a warning. */
async function begunTrailState(step: StepContext, settings: Settings): Promise<string | undefined> {
  const { config } = step
  const begun = settings.flowTrail?.trail
  if (!begun || !config.apiToken || config.dryRun) return undefined
  const summaries = await import('../stages/evidence-summary.js')
  const where = { host: config.host, org: config.org, flow: config.flow, trail: begun.name }
  const state = await summaries.readTrailState(step.kosli, where, step.log)
  return summaries.renderTrail(state, SUMMARY_LIMIT / 4)
}

function unavailable(error: unknown): boolean {
  return isKosliUnavailable(error) || (error instanceof PartialReportError && error.unavailable)
}

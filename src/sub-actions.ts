import { getInput, setOutput } from '@actions/core'
import type { ArtifactVerdict } from './evidence/assert.js'
import { parseAttestationType, recordAs } from './evidence/names.js'
import type { GitCommit, RepoInfo } from './evidence/payloads.js'
import { messageOf } from './error-message.js'
import { findPullRequests } from './github/pulls.js'
import { createGitHubReader } from './github/reader.js'
import { ReleaseFacts } from './github/release-facts.js'
import type { ActionName, Config } from './inputs/index.js'
import { InputError } from './inputs/problems.js'
import { KosliClient } from './kosli/client.js'
import { isKosliUnavailable } from './kosli/errors.js'
import { inert, print } from './print.js'
import {
  type RunContext,
  defaultBranch,
  defaultBuildUrl,
  defaultGitCommit
} from './provenance/context.js'
import { createLocalGit, readTrailCommit } from './provenance/index.js'
import { coreLog, redactSecrets, redactingLog, type Log } from './redact.js'
import { localArtifactSettings, registryCredentials, secretsOf } from './settings.js'
import { runStep } from './step.js'
import { assertArtifacts } from './stages/assert.js'
import { type ApprovalEvidence, gatherApprovalEvidence } from './stages/approval-evidence.js'
import { attest } from './stages/attest.js'
import {
  type EvidenceDetails,
  type MoreSettings,
  prepareMoreEvidence
} from './stages/attest-more.js'
import {
  type TrailState,
  readTrailState,
  renderAssertSummary,
  renderAttestSummary,
  trailUrl
} from './stages/evidence-summary.js'
import { appendSummary, jsonArrayWithin, setBoundedOutput } from './summary.js'

// The shared code of the attest/ and assert/ sub-actions: each entry names its action and the
// step to run; inputs, secrets, the Kosli client and failures are handled the same way here.

interface Step {
  config: Config
  ctx: RunContext
  gitCommit: string
  kosli: KosliClient
  log: Log
  secrets: string[]
}

/** The step of attest/ or assert/: inputs, secrets and failures are handled as for the main action. */
export function runSubAction(
  action: Exclude<ActionName, 'main'>,
  env: NodeJS.ProcessEnv = process.env
): Promise<void> {
  return runStep(
    action,
    async (config, ctx) => {
      const gitCommit = config.gitCommit ?? defaultGitCommit(ctx)
      if (!/^[0-9a-f]{40}$/.test(gitCommit ?? '')) {
        throw new InputError([
          `'git-commit': given nothing, and the run's commit (GITHUB_SHA) is ${JSON.stringify(gitCommit ?? '')}; expected a 40-character hex sha`
        ])
      }
      const secrets = secretsOf(config, registryCredentials(config))
      const log = redactingLog(coreLog, () => secrets)
      const kosli = new KosliClient({
        host: config.host,
        token: config.apiToken,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        maxRetries: config.maxRetries,
        dryRun: config.dryRun,
        onUnavailable: config.onKosliUnavailable,
        log
      })
      if (config.dryRun) log.info('Dry run: reads are sent, writes are printed instead of sent.')
      const step: Step = { config, ctx, gitCommit, kosli, log, secrets }
      await (action === 'attest' ? attestStep(step) : assertStep(step))
    },
    env
  )
}

/** The fingerprint the evidence is bound to: given, or computed from the one artifact. */
async function fingerprintOf(step: Step): Promise<Array<{ fingerprint: string; name?: string }>> {
  const { config, ctx } = step
  if (config.fingerprint) return [{ fingerprint: config.fingerprint }]
  if (config.artifacts.length === 0) return []
  // Loaded only when an artifact is given: fingerprinting (and registry code) is not needed otherwise.
  const { resolveLocalArtifacts } = await import('./stages/resolve-artifacts.js')
  const links = { host: config.host, org: config.org, flow: config.flow }
  const found = await resolveLocalArtifacts(localArtifactSettings(config, ctx, links))
  if (found.length !== 1) {
    throw new InputError([
      `'artifact': matches ${found.length} artifacts (${found.map(a => inert(a.name)).join(', ')}); expected exactly one`
    ])
  }
  step.log.info(`${inert(found[0].name)}: ${found[0].fingerprint}`)
  return [{ fingerprint: found[0].fingerprint, name: found[0].name }]
}

async function attestStep(step: Step): Promise<void> {
  const { config, ctx, gitCommit, kosli, log } = step
  const typeInput = config.attestationType ?? ''
  const type = recordAs(parseAttestationType(typeInput), config.recordAs)
  // environment is assert/'s input; the job's environment: name goes into github-environment here.
  if (getInput('environment').trim()) {
    throw new InputError([
      `'environment': given to attest/, which has no such input; did you mean github-environment (the GitHub environment the job deploys to)?`
    ])
  }
  const trail = config.trail ?? gitCommit
  const url = trailUrl(config.host, config.org, config.flow, trail)
  const more = moreSettings(step)
  // The SBOM and Sonar's report file are read before any request, fingerprinting included.
  const prepared = await prepareMoreEvidence(type.kind, more)
  const [bound] = await fingerprintOf(step)
  const commit: GitCommit = {
    sha1: gitCommit,
    url: `${ctx.serverUrl}/${ctx.repository}/commit/${gitCommit}`
  }
  // Read once the local checks pass, as the artifact report reads it: the GitHub API, then git.
  const readCommit = async (): Promise<GitCommit> => {
    const github = config.githubToken
      ? createGitHubReader({
          token: config.githubToken,
          baseUrl: ctx.apiUrl,
          maxRetries: config.maxRetries,
          timeoutMs: config.requestTimeoutSeconds * 1000,
          log
        })
      : undefined
    const read = await readTrailCommit(
      ctx,
      { gitCommit, redact: config.redactCommitInfo, url: commit.url },
      { github, git: createLocalGit(ctx.workspace) }
    )
    if (read.warning) log.warning(read.warning)
    else log.info(`Commit ${gitCommit}: read from ${read.source}.`)
    return read.commit
  }
  const repoInfo: RepoInfo | undefined = ctx.repositoryId
    ? {
        name: ctx.repository,
        url: `${ctx.serverUrl}/${ctx.repository}`,
        id: ctx.repositoryId,
        provider: 'github'
      }
    : undefined
  const summary = {
    type: typeInput,
    name: config.attestationName ?? '',
    dryRun: config.dryRun,
    recorded: false,
    compliant: undefined as boolean | undefined,
    skipped: undefined as string | undefined,
    error: undefined as string | undefined,
    approvalDetails: undefined as string | undefined,
    details: undefined as EvidenceDetails | undefined,
    trails: [] as TrailState[]
  }
  setOutput('attestation-url', url)
  const gatherApproval = async (): Promise<ApprovalEvidence> => {
    const facts = new ReleaseFacts(
      createGitHubReader({
        token: config.githubToken,
        baseUrl: ctx.apiUrl,
        maxRetries: config.maxRetries,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        log
      }),
      { owner: ctx.owner, repo: ctx.repo },
      log
    )
    const evidence = await gatherApprovalEvidence(
      {
        evidence: type.evidence ?? 'code-review',
        githubEnvironment: config.githubEnvironment,
        requiredApprovals: config.requiredApprovals,
        allowSelfApproval: config.allowSelfApproval,
        commitsBase: config.commitsBase,
        maxCommits: config.maxCommits,
        head: gitCommit,
        runId: ctx.runId,
        runAttempt: Number(ctx.runAttempt) || 1,
        actor: ctx.actor,
        triggeringActor: ctx.triggeringActor ?? ctx.actor,
        runUrl: defaultBuildUrl(ctx)
      },
      facts,
      log
    )
    // Set before the write, so a failed write still shows what GitHub says.
    summary.approvalDetails = evidence.summary
    return evidence
  }
  try {
    const result = await attest(
      {
        org: config.org,
        flow: config.flow,
        trail,
        type,
        typeInput,
        name: config.attestationName ?? '',
        fingerprint: bound?.fingerprint,
        gitCommit: commit,
        repoInfo,
        originUrl: `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`,
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
        control: more.control,
        sonar: more.sonar,
        jira: more.jira,
        prepared
      },
      {
        kosli,
        log,
        readCommit,
        gatherApprovalEvidence: type.evidence ? gatherApproval : undefined,
        findPullRequests: async () =>
          (
            await findPullRequests(gitCommit, {
              apiUrl: ctx.apiUrl,
              token: config.githubToken ?? '',
              owner: ctx.owner,
              repo: ctx.repo,
              timeoutMs: config.requestTimeoutSeconds * 1000,
              maxRetries: config.maxRetries,
              waitSeconds: config.pullRequestWaitSeconds,
              log
            })
          ).pulls,
        commitMessage: () => commitMessageOf(step)
      }
    )
    summary.recorded = !config.dryRun
    summary.compliant = result.compliant
    summary.details = result.details
    if (result.totals) {
      setOutput('tests', String(result.totals.tests))
      setOutput('failures', String(result.totals.failures))
      setOutput('errors', String(result.totals.errors))
      setOutput('skipped', String(result.totals.skipped))
    }
    setOutput('compliant', result.compliant === undefined ? '' : String(result.compliant))
    if (result.approval?.commits !== undefined) {
      setOutput('commits', String(result.approval.commits))
      setBoundedOutput('unreviewed', JSON.stringify(result.approval.unreviewed ?? []))
    }
    if (!config.dryRun) {
      log.info(
        `Recorded the ${type.kind} attestation '${inert(config.attestationName ?? '')}' on trail '${inert(trail)}': ${url}`
      )
    }
    if (config.apiToken)
      summary.trails.push(
        await readTrailState(
          kosli,
          { host: config.host, org: config.org, flow: config.flow, trail },
          log
        )
      )
    if (config.failOnNonCompliant) {
      if (result.compliant === false) {
        throw new Error(
          `The evidence is recorded, and it is non-compliant: ${result.nonCompliantBecause ?? 'compliant is false'} (fail-on-non-compliant: true).`
        )
      }
      if (result.compliant === undefined) {
        log.warning(
          `fail-on-non-compliant: the step cannot judge ${type.kind} evidence itself (Kosli decides), so it does not fail here.`
        )
      }
    }
  } catch (error) {
    const text = redactSecrets(messageOf(error), step.secrets)
    if (isKosliUnavailable(error) && config.onKosliUnavailable === 'warn') {
      summary.skipped = text
      setOutput('compliant', '')
      log.warning(
        `Kosli is unavailable, so the evidence was not recorded; the step ends successfully (on-kosli-unavailable: warn): ${text}`
      )
      return
    }
    if (!summary.recorded) summary.error = text
    throw error
  } finally {
    await writeStepSummary(renderAttestSummary(summary))
  }
}

/** The settings of the decision, sbom, sonar and jira types, from the inputs and the run. */
function moreSettings(step: Step): MoreSettings {
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
async function commitMessageOf(step: Step): Promise<string> {
  const { config, ctx, gitCommit, log } = step
  const { readCommit } = await import('./provenance/read.js')
  const { createLocalGit } = await import('./provenance/local-git.js')
  const { createGitHubReader } = await import('./github/reader.js')
  const github = config.githubToken
    ? createGitHubReader({
        token: config.githubToken,
        baseUrl: ctx.apiUrl,
        maxRetries: config.maxRetries,
        timeoutMs: config.requestTimeoutSeconds * 1000,
        log
      })
    : undefined
  const { raw } = await readCommit(gitCommit, ctx, { github, git: createLocalGit(ctx.workspace) })
  return raw.message
}

async function assertStep(step: Step): Promise<void> {
  const { config, gitCommit, kosli, log } = step
  // Without a flow (a fingerprint or artifact given), Kosli asserts across every flow.
  const flow = config.flow || undefined
  const scope = config.assertEnvironment
    ? `environment ${config.assertEnvironment}`
    : config.policies.length > 0
      ? `policies ${config.policies.join(', ')}`
      : flow
        ? `flow ${flow}`
        : 'the template of every flow that holds the artifact'
  const summary = {
    scope,
    verdicts: [] as ArtifactVerdict[],
    notChecked: undefined as string | undefined,
    error: undefined as string | undefined,
    trails: [] as TrailState[]
  }
  try {
    const artifacts = await fingerprintOf(step)
    const { verdicts, trails, notChecked } = await assertArtifacts(
      {
        org: config.org,
        flow,
        environment: config.assertEnvironment,
        policies: config.policies,
        artifacts,
        gitCommit,
        trail: config.trail
      },
      { kosli, log }
    )
    summary.verdicts = verdicts
    const failed = verdicts.filter(v => !v.compliant)
    // Only a known NON-COMPLIANT verdict outweighs the outage; unknown ones are "not checked".
    if (notChecked && failed.length === 0) throw notChecked.error
    setOutput('compliant', String(failed.length === 0))
    const { json, left } = jsonArrayWithin(
      verdicts.map(v => ({
        fingerprint: v.fingerprint,
        name: v.name,
        compliant: v.compliant,
        missing: v.missing,
        non_compliant: v.non_compliant,
        reasons: v.reasons,
        ...(v.flow ? { flow: v.flow } : {}),
        ...(v.trail ? { trail: v.trail } : {}),
        ...(v.url ? { url: v.url } : {})
      }))
    )
    setBoundedOutput('result', json)
    if (left > 0) {
      log.warning(
        `The result output lists ${verdicts.length - left} of ${verdicts.length} artifacts: ${left} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`
      )
    }
    for (const trail of trails) {
      summary.trails.push({
        ...(await readTrailState(
          kosli,
          { host: config.host, org: config.org, flow: trail.flow, trail: trail.trail },
          log
        )),
        // Across flows, each trail is named with its flow.
        ...(flow ? {} : { flow: trail.flow })
      })
    }
    if (failed.length > 0) {
      const lines = failed.map(v => `- ${inert(v.name)}: ${v.reasons.map(inert).join('; ')}`)
      if (notChecked) {
        summary.notChecked = redactSecrets(
          `${notChecked.names.join(', ')}: ${notChecked.why}`,
          step.secrets
        )
        lines.push(
          `- not checked (Kosli became unavailable): ${notChecked.names.map(inert).join(', ')}`
        )
      }
      throw new Error(`Not compliant (${scope}):\n${lines.join('\n')}`)
    }
  } catch (error) {
    const text = redactSecrets(messageOf(error), step.secrets)
    if (isKosliUnavailable(error) && config.onKosliUnavailable === 'warn') {
      summary.notChecked = text
      setOutput('compliant', '')
      log.warning(
        `Kosli is unavailable, so the gate was skipped: nothing was checked, and the compliant output is empty (on-kosli-unavailable: warn): ${text}`
      )
      return
    }
    if (summary.verdicts.every(v => v.compliant)) summary.error = text
    throw error
  } finally {
    await writeStepSummary(renderAssertSummary(summary))
  }
}

async function writeStepSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await appendSummary(markdown)
  } catch (error) {
    print.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}

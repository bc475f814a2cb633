import type { Octokit } from '@octokit/rest'
import { mapLimit } from '../concurrency.js'
import {
  type DeploymentRecordInput,
  buildDeploymentRecord,
  recordDeployment
} from '../github/deployment-record.js'
import {
  type FlowRef,
  findArtifactByFingerprint,
  findArtifactsByCommit
} from '../kosli/artifacts.js'
import type { ArtifactVerdict } from '../evidence/assert.js'
import type { KosliClient } from '../kosli/client.js'
import { KosliHttpError, isKosliUnavailable } from '../kosli/errors.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import type { Artifact } from './resolve-artifacts.js'

export interface DeploymentOutcome {
  artifact: string
  fingerprint: string
  environment: string
  physicalEnvironment?: string
  cluster?: string
  deploymentName: string
  status: 'deployed' | 'decommissioned'
  complianceState?: string
  recordIds: string[]
}

export class ComplianceError extends Error {}

export interface ComplianceSettings {
  where: FlowRef
  gitCommit: string
  trail?: string
  /** A given display-name: a bare digest keeps it instead of the name Kosli knows. */
  keepNames: boolean
}

/**
 * The artifacts with their compliance state in Kosli (and, for a bare digest, the name the build
 * job reported): new objects, the given ones are left as they are.
 */
export async function addComplianceStates(
  settings: ComplianceSettings,
  artifacts: Artifact[],
  kosli: KosliClient
): Promise<Artifact[]> {
  const { where } = settings
  const known = await findArtifactsByCommit(kosli, where, settings.gitCommit, settings.trail)
  const result: Artifact[] = []
  for (const artifact of artifacts) {
    // A promoted build was reported for an earlier commit: ask Kosli by fingerprint.
    const match =
      known.find(item => item.fingerprint === artifact.fingerprint) ??
      (await findArtifactByFingerprint(kosli, where, artifact.fingerprint))
    const found = { ...artifact }
    if (match?.state) {
      found.complianceState = match.state
      found.stateInfo = match.state_info ?? undefined
    }
    // A bare digest has no name of its own; Kosli knows the one the build job reported.
    if (match && artifact.type === 'digest' && !settings.keepNames) {
      found.name = match.filename
      found.templateReferenceName ??= match.template_reference_name ?? undefined
    }
    result.push(found)
  }
  return result
}

/** What require-compliant asserts against: the flow's template, or an environment's policies. */
export interface GateSettings {
  org: string
  flow: string
  /** kosli-environment: its policies, as environment_name. */
  environment?: string
}

/**
 * require-compliant: Kosli's assert, one call per artifact (as the assert/ action makes it),
 * before anything is recorded; fails naming what each non-compliant artifact lacks.
 */
export async function requireCompliant(
  settings: GateSettings,
  artifacts: Artifact[],
  deps: { kosli: KosliClient; log: Log }
): Promise<ArtifactVerdict[]> {
  // Loaded only by a gated deploy job.
  const { assertArtifacts } = await import('./assert.js')
  const scope = settings.environment
    ? `the policies of environment '${inert(settings.environment)}'`
    : `the template of flow '${inert(settings.flow)}'`
  const verdicts: ArtifactVerdict[] = []
  let notChecked: string[] = []
  for (const [index, artifact] of artifacts.entries()) {
    try {
      const {
        verdicts: [verdict]
      } = await assertArtifacts(
        {
          org: settings.org,
          flow: settings.flow,
          environment: settings.environment,
          policies: [],
          artifacts: [{ fingerprint: artifact.fingerprint, name: artifact.name }],
          gitCommit: ''
        },
        deps
      )
      // Without a named attestation, the state Kosli gave the artifact says more.
      const unnamed = verdict.missing.length + verdict.non_compliant.length === 0
      if (!verdict.compliant && unnamed && artifact.stateInfo && verdict.reasons.length === 1) {
        verdict.reasons = [
          `Kosli reports it ${artifact.complianceState ?? 'not compliant'}: ${artifact.stateInfo}`
        ]
      }
      verdicts.push(verdict)
    } catch (error) {
      // A later outage never drops a known NON-COMPLIANT verdict: the gate fails on it.
      if (isKosliUnavailable(error) && verdicts.some(verdict => !verdict.compliant)) {
        notChecked = artifacts.slice(index).map(a => a.name)
        deps.log.info(
          `Kosli is unavailable, so ${notChecked.length} artifact(s) were not checked: ${notChecked.map(inert).join(', ')}`
        )
        break
      }
      // Kosli does not know the artifact in this flow: that is what is missing, not a fault.
      if (
        !(error instanceof KosliHttpError) ||
        error.status !== 404 ||
        !/^artifact\b/i.test(error.serverMessage ?? '')
      ) {
        throw error
      }
      const reason = `not found in flow '${settings.flow}' in Kosli: report it from the build job first`
      deps.log.info(`${inert(artifact.name)}: NON-COMPLIANT (${inert(reason)})`)
      verdicts.push({
        fingerprint: artifact.fingerprint,
        name: artifact.name,
        compliant: false,
        missing: [],
        non_compliant: [],
        reasons: [reason],
        noPolicyEvaluated: false
      })
    }
  }
  const failing = verdicts.filter(verdict => !verdict.compliant)
  if (failing.length > 0) {
    const lines = failing.map(
      verdict =>
        `- ${inert(verdict.name)} (${verdict.fingerprint.slice(0, 12)}): ${verdict.reasons.map(inert).join('; ')}`
    )
    if (notChecked.length > 0) {
      lines.push(`- not checked (Kosli became unavailable): ${notChecked.map(inert).join(', ')}`)
    }
    throw new ComplianceError(
      `require-compliant is true, and ${failing.length} of ${artifacts.length} artifact(s) do not pass Kosli's assert against ${scope}; no deployment was recorded:\n${lines.join('\n')}`
    )
  }
  return verdicts
}

export interface DeploymentDeps {
  octokit: Octokit
  log: {
    info(line: string): void
    warning(line: string): void
    startGroup(name: string): void
    endGroup(): void
  }
}

export interface DeploymentSettings {
  /** The GitHub organization whose artifact metadata holds the records. */
  org: string
  /** The repository this run belongs to. */
  owner: string
  repo: string
  apiUrl: string
  environment: string
  physicalEnvironment?: string
  cluster?: string
  deploymentName?: string
  version: string
  status: DeploymentRecordInput['status']
  tags: Record<string, string>
  runtimeRisks: DeploymentRecordInput['runtimeRisks']
  /** For an artifact without one of its own. */
  templateReferenceName?: string
  dryRun: boolean
}

/** One deployment record per artifact, created or updated in the organization's artifact metadata. */
export async function recordDeployments(
  settings: DeploymentSettings,
  artifacts: Artifact[],
  deps: DeploymentDeps
): Promise<DeploymentOutcome[]> {
  const { org, environment } = settings
  const bodies = artifacts.map(artifact =>
    buildDeploymentRecord({
      artifactName: artifact.name,
      fingerprint: artifact.fingerprint,
      templateReferenceName: artifact.templateReferenceName ?? settings.templateReferenceName,
      status: settings.status,
      logicalEnvironment: environment,
      physicalEnvironment: settings.physicalEnvironment,
      cluster: settings.cluster,
      deploymentName: settings.deploymentName,
      version: settings.version,
      tags: settings.tags,
      runtimeRisks: settings.runtimeRisks,
      repositoryName: settings.repo,
      // GitHub refuses a repository that does not belong to the organization in the path.
      githubRepository:
        org.toLowerCase() === settings.owner.toLowerCase() ? settings.repo : undefined
    })
  )
  const names = bodies.map(body => body.deployment_name)
  const repeated = names.find((name, index) => names.indexOf(name) !== index)
  if (repeated) {
    throw new Error(
      `deployment-name "${repeated}" would be used for ${artifacts.length} artifacts, so each record would overwrite the last: leave deployment-name unset to get one per artifact.`
    )
  }
  return mapLimit(bodies, 4, async (body, index) => {
    const artifact = artifacts[index]
    let recordIds: string[] = []
    if (settings.dryRun) {
      // The same shape as the Kosli client's dry run: method, full URL, then the body.
      const url = `${settings.apiUrl.replace(/\/+$/, '')}/orgs/${encodeURIComponent(org)}/artifacts/metadata/deployment-record`
      deps.log.startGroup(`Dry run: POST ${url} (${artifact.name})`)
      deps.log.info(`POST ${url}`)
      deps.log.info(JSON.stringify(body, null, 2))
      deps.log.endGroup()
    } else {
      recordIds = await recordDeployment(deps.octokit, org, body, line => deps.log.warning(line))
      const ids = recordIds.length > 0 ? ` (record ${recordIds.join(', ')})` : ''
      deps.log.info(
        `Recorded ${body.status} of ${inert(artifact.name)} to ${inert(environment)} as ${inert(body.deployment_name)}${inert(ids)}`
      )
    }
    return {
      artifact: artifact.name,
      fingerprint: artifact.fingerprint,
      environment,
      physicalEnvironment: body.physical_environment,
      cluster: body.cluster,
      deploymentName: body.deployment_name,
      status: body.status,
      complianceState: artifact.complianceState,
      recordIds
    }
  })
}

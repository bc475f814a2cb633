import type { Octokit } from '@octokit/rest'
import type { Artifact } from './artifacts.js'
import { mapLimit } from './concurrency.js'
import { buildDeploymentRecord, recordDeployment } from './github/deployment-record.js'
import type { Config } from './inputs/index.js'
import type { RunContext } from './provenance/index.js'

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

/** require-compliant: every artifact must be COMPLIANT before anything is recorded. */
export function checkCompliance(artifacts: Artifact[]): void {
  const failing = artifacts.filter(artifact => artifact.complianceState !== 'COMPLIANT')
  if (failing.length === 0) return
  const lines = failing.map(artifact => {
    const state = artifact.complianceState ?? 'not found in Kosli'
    const info = artifact.stateInfo ? `: ${artifact.stateInfo}` : ''
    return `- ${artifact.name} (${artifact.fingerprint.slice(0, 12)}): ${state}${info}`
  })
  throw new ComplianceError(
    `require-compliant is true, and ${failing.length} of ${artifacts.length} artifact(s) are not COMPLIANT in Kosli; no deployment was recorded:\n${lines.join('\n')}`
  )
}

export interface DeploymentDeps {
  octokit: Octokit
  log: { info(line: string): void; startGroup(name: string): void; endGroup(): void }
}

/** One deployment record per artifact, created or updated in the organization's artifact metadata. */
export async function recordDeployments(
  config: Config,
  ctx: RunContext,
  environment: string,
  artifacts: Artifact[],
  gitCommit: string,
  deps: DeploymentDeps
): Promise<DeploymentOutcome[]> {
  const org = config.githubOrg ?? ctx.owner
  const version =
    config.deploymentVersion ??
    (ctx.refType === 'tag' && ctx.refName ? ctx.refName : gitCommit.slice(0, 7))
  const bodies = artifacts.map(artifact =>
    buildDeploymentRecord({
      artifactName: artifact.name,
      fingerprint: artifact.fingerprint,
      templateReferenceName: artifact.templateReferenceName ?? config.templateReferenceName,
      status: config.deploymentStatus,
      logicalEnvironment: environment,
      physicalEnvironment: config.physicalEnvironment,
      cluster: config.cluster,
      deploymentName: config.deploymentName,
      version,
      tags: config.deploymentTags,
      runtimeRisks: config.runtimeRisks,
      repositoryName: ctx.repo
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
    if (config.dryRun) {
      // The same shape as the Kosli client's dry run: method, full URL, then the body.
      const url = `${ctx.apiUrl.replace(/\/+$/, '')}/orgs/${encodeURIComponent(org)}/artifacts/metadata/deployment-record`
      deps.log.startGroup(`Dry run: POST ${url} (${artifact.name})`)
      deps.log.info(`POST ${url}`)
      deps.log.info(JSON.stringify(body, null, 2))
      deps.log.endGroup()
    } else {
      recordIds = await recordDeployment(deps.octokit, org, body)
      deps.log.info(
        `Recorded ${body.status} of ${artifact.name} to ${environment} as ${body.deployment_name} (record ${recordIds.join(', ')})`
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

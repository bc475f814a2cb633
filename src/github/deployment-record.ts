import type { Octokit } from '@octokit/rest'
import { z } from 'zod'
import { DEPLOYMENT_RECORD_LIMITS as LIMITS, RUNTIME_RISKS } from './runtime-risks.js'

export { RUNTIME_RISKS }

// Limits of POST /orgs/{org}/artifacts/metadata/deployment-record.
const deploymentRecordBodySchema = z.strictObject({
  name: z.string().min(1).max(LIMITS.name),
  digest: z.string().regex(/^sha256:[a-f0-9]{64}$/),
  version: z.string().max(LIMITS.version).optional(),
  status: z.enum(['deployed', 'decommissioned']),
  logical_environment: z.string().min(1).max(LIMITS.environment),
  physical_environment: z.string().max(LIMITS.environment).optional(),
  cluster: z.string().max(LIMITS.environment).optional(),
  deployment_name: z.string().min(1).max(LIMITS.deploymentName),
  tags: z
    .record(z.string(), z.string())
    .refine(tags => Object.keys(tags).length <= LIMITS.tags, `at most ${LIMITS.tags} tags`)
    .optional(),
  runtime_risks: z
    .array(z.enum(RUNTIME_RISKS))
    .max(LIMITS.runtimeRisks)
    .refine(risks => new Set(risks).size === risks.length, 'each runtime risk once')
    .optional(),
  github_repository: z.string().min(1).optional()
})
export type DeploymentRecordBody = z.infer<typeof deploymentRecordBodySchema>

const deploymentRecordAnswerSchema = z.looseObject({
  total_count: z.number().int().optional(),
  deployment_records: z.array(z.looseObject({ id: z.union([z.number(), z.string()]) })).min(1)
})

export interface DeploymentRecordInput {
  artifactName: string
  fingerprint: string
  templateReferenceName?: string
  status: 'deployed' | 'decommissioned'
  logicalEnvironment: string
  physicalEnvironment?: string
  cluster?: string
  deploymentName?: string
  version: string
  tags: Record<string, string>
  runtimeRisks: Array<(typeof RUNTIME_RISKS)[number]>
  repositoryName: string
  /** Sent only when the repository belongs to the organization that receives the record. */
  githubRepository?: string
}

/** `{repo}-{artifact}`: the artifact by its template name, else its file or image name. */
export function defaultDeploymentName(
  repositoryName: string,
  artifactName: string,
  templateReferenceName?: string
): string {
  return `${repositoryName}-${templateReferenceName ?? artifactShortName(artifactName)}`
}

/** `build/app.jar` → `app.jar`; `ghcr.io/acme/api:1.2` → `api`; `acme/api@sha256:…` → `api`. */
export function artifactShortName(name: string): string {
  const withoutDigest = name.replace(/@sha256:[0-9a-fA-F]*$/, '')
  const last = withoutDigest.split('/').pop() ?? withoutDigest
  const colon = last.lastIndexOf(':')
  return colon > 0 ? last.slice(0, colon) : last
}

export function buildDeploymentRecord(input: DeploymentRecordInput): DeploymentRecordBody {
  const body = {
    name: input.artifactName,
    digest: `sha256:${input.fingerprint}`,
    version: input.version,
    status: input.status,
    logical_environment: input.logicalEnvironment,
    physical_environment: input.physicalEnvironment,
    cluster: input.cluster,
    deployment_name:
      input.deploymentName ??
      defaultDeploymentName(input.repositoryName, input.artifactName, input.templateReferenceName),
    tags: Object.keys(input.tags).length > 0 ? input.tags : undefined,
    runtime_risks: input.runtimeRisks.length > 0 ? input.runtimeRisks : undefined,
    github_repository: input.githubRepository
  }
  const parsed = deploymentRecordBodySchema.safeParse(
    Object.fromEntries(Object.entries(body).filter(([, value]) => value !== undefined))
  )
  if (!parsed.success) {
    const why = parsed.error.issues.map(issue => `${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`The deployment record for ${input.artifactName} is invalid: ${why.join('; ')}`)
  }
  return parsed.data
}

const DEPLOYMENT_RECORD_ROUTE = 'POST /orgs/{org}/artifacts/metadata/deployment-record'

export const PERMISSION_HINT =
  'The job needs `permissions: artifact-metadata: write`, and the repository must belong to an organization (github-org).'

/**
 * Creates or updates the record; answers the record ids. A success whose answer is not the
 * record list is a warning with no ids: the record was written, and a re-run would write again.
 */
export async function recordDeployment(
  octokit: Octokit,
  org: string,
  body: DeploymentRecordBody,
  warn: (line: string) => void
): Promise<string[]> {
  let response
  try {
    response = await octokit.request(DEPLOYMENT_RECORD_ROUTE, {
      org,
      ...body,
      headers: { 'X-GitHub-Api-Version': '2022-11-28' }
    })
  } catch (error) {
    throw new Error(describeDeploymentRecordError(error, org, body))
  }
  const answer = deploymentRecordAnswerSchema.safeParse(response.data)
  if (!answer.success) {
    warn(
      `POST /orgs/${org}/artifacts/metadata/deployment-record for ${body.name} answered ${response.status}, but not with a deployment record list (${answer.error.issues
        .map(issue => issue.path.join('.') || 'body')
        .join(', ')}); the record was written, its id is not known.`
    )
    return []
  }
  return answer.data.deployment_records.map(record => String(record.id))
}

function describeDeploymentRecordError(
  error: unknown,
  org: string,
  body: DeploymentRecordBody
): string {
  const status = (error as { status?: number }).status
  const data = (error as { response?: { data?: unknown } }).response?.data
  const serverMessage =
    data && typeof data === 'object' && 'message' in data
      ? String((data as { message: unknown }).message)
      : error instanceof Error
        ? error.message
        : String(error)
  const errors =
    data && typeof data === 'object' && 'errors' in data
      ? ` ${JSON.stringify((data as { errors: unknown }).errors)}`
      : ''
  const where = `POST /orgs/${org}/artifacts/metadata/deployment-record for ${body.name} (${body.logical_environment})`
  const enterprise = enterpriseVersion(error)
  if (status === 404 && enterprise && /^not found$/i.test(serverMessage.trim())) {
    return (
      `${where} failed: 404: ${serverMessage}. This GitHub Enterprise Server ` +
      `(X-GitHub-Enterprise-Version: ${enterprise}) does not serve the deployment-record endpoint ` +
      `(artifact metadata), or does not know the organization ${org}. Record deployments another ` +
      'way, upgrade GitHub Enterprise Server to a version with artifact metadata, or leave ' +
      'deployment-environment unset so that the step writes no deployment record.'
    )
  }
  let hint = ''
  if (status === 403 || status === 404 || /no artifacts found/i.test(serverMessage)) {
    hint = ` ${PERMISSION_HINT}`
    if (status === 404) {
      hint += ' GitHub Enterprise Server versions without artifact metadata answer 404 here too.'
    }
  } else if (status === 401) {
    hint = ' The github-token was refused: check the github-token input.'
  }
  return `${where} failed${status ? `: ${status}` : ''}: ${serverMessage}${errors}.${hint}`
}

// GitHub Enterprise Server names its version in every answer; github.com sends no such header.
function enterpriseVersion(error: unknown): string | undefined {
  const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers
  const value = headers?.['x-github-enterprise-version']
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 40) : undefined
}

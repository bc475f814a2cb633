import type * as z from 'zod/mini'
import type { Provenance } from '../provenance/index.js'
import {
  type CreateApprovalBody,
  type ReportArtifactBody,
  bodyProblems,
  createApprovalBodySchema,
  reportArtifactBodySchema
} from './bodies.js'

export interface ArtifactIdentity {
  name: string
  fingerprint: string
}

/** What the report-artifact body takes from the inputs besides the artifact and its provenance. */
export interface ArtifactReportFields {
  /** Defaults to the git commit. */
  trail?: string
  templateReferenceName?: string
  description?: string
  isCompliant?: boolean
  template?: string[]
  externalUrls: NonNullable<ReportArtifactBody['external_urls']>
  annotations: NonNullable<ReportArtifactBody['annotations']>
  userData?: Record<string, unknown>
}

/** The report-artifact body: a pure function of the fields, one artifact and the provenance. */
export function buildArtifactPayload(
  config: ArtifactReportFields,
  artifact: ArtifactIdentity,
  provenance: Provenance
): ReportArtifactBody {
  const body: ReportArtifactBody = {
    fingerprint: artifact.fingerprint,
    filename: artifact.name,
    build_url: provenance.buildUrl,
    commit_url: provenance.commitUrl,
    trail_name: config.trail ?? provenance.gitCommit,
    template_reference_name: config.templateReferenceName,
    description: config.description,
    git_commit: provenance.gitCommit,
    git_commit_info: provenance.gitCommitInfo,
    repo_info: provenance.repoInfo,
    commits_list: provenance.commitsList,
    repo_url: provenance.repoUrl,
    is_compliant: config.isCompliant,
    template: config.template,
    external_urls: nonEmpty(config.externalUrls),
    annotations: nonEmpty(config.annotations),
    user_data: config.userData
  }
  return checked('report-artifact', withoutUndefined(body), reportArtifactBodySchema)
}

export interface ApprovalRequest {
  fingerprint: string
  srcCommitList: string[]
  oldestCommit?: string
  description: string
  approver: string
  approvalUrl: string
}

/** Approve records an approval; request asks for one (an empty approvals list). */
export interface ApprovalKind {
  approval: 'approve' | 'request' | 'none'
  approvalEnvironment?: string
}

/** The create-approval body; `request` mode asks for approval with an empty approvals list. */
export function buildApprovalPayload(
  config: ApprovalKind,
  request: ApprovalRequest
): CreateApprovalBody {
  const body: CreateApprovalBody = {
    artifact_fingerprint: request.fingerprint,
    description: request.description,
    src_commit_list: request.srcCommitList,
    environment: config.approvalEnvironment,
    oldest_commit: request.oldestCommit,
    approvals:
      config.approval === 'approve'
        ? [
            {
              state: 'APPROVED',
              comment: request.description,
              approved_by: request.approver,
              approval_url: request.approvalUrl
            }
          ]
        : []
  }
  return checked('create-approval', withoutUndefined(body), createApprovalBodySchema)
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** A body Kosli would refuse is a bug here: fail before sending it, naming each field. */
function checked<T>(name: string, body: T, schema: z.ZodMiniType<T>): T {
  const found = bodyProblems(schema, body)
  if (found.length === 0) return body
  throw new Error(
    `The ${name} body is not what Kosli's API accepts, so nothing was sent (please report this): ${found.join('; ')}`
  )
}

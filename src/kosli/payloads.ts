import type { Provenance } from '../provenance/index.js'
import {
  COMMIT,
  EXTERNAL_URL_LABEL,
  FINGERPRINT,
  TEMPLATE_REFERENCE_NAME,
  TRAIL_NAME
} from '../shapes/patterns.js'
// Types only: the zod schemas stay out of start-up, and a dry run builds bodies without them.
import type { GitCommit } from '../shapes/commit.js'
import type { CreateApprovalBody, ReportArtifactBody } from './schemas.js'

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
  return checked('report-artifact', withoutUndefined(body), reportArtifactProblems)
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
  return checked('create-approval', withoutUndefined(body), createApprovalProblems)
}

function nonEmpty<T extends object>(value: T): T | undefined {
  return Object.keys(value).length > 0 ? value : undefined
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T
}

/** A body Kosli would refuse is a bug here: fail before sending it, naming each field. */
function checked<T>(name: string, body: T, problems: (body: T) => string[]): T {
  const found = problems(body)
  if (found.length === 0) return body
  throw new Error(
    `The ${name} body is not what Kosli's API accepts, so nothing was sent (please report this): ${found.join('; ')}`
  )
}

/** `field "value" does not match …`, when it does not. */
function match(problems: string[], field: string, value: string, pattern: RegExp): void {
  if (!pattern.test(value)) {
    problems.push(`${field} ${JSON.stringify(value)} does not match ${pattern.source}`)
  }
}

function commitProblems(problems: string[], field: string, commit: GitCommit): void {
  match(problems, `${field}.sha1`, commit.sha1, COMMIT)
  if (!Number.isSafeInteger(commit.timestamp)) {
    problems.push(`${field}.timestamp ${commit.timestamp} is not a whole number`)
  }
}

/**
 * What Kosli's report-artifact schema refuses beyond the TypeScript types (the zod schema
 * reportArtifactBodySchema says the same; a test holds them together).
 */
export function reportArtifactProblems(body: ReportArtifactBody): string[] {
  const problems: string[] = []
  match(problems, 'fingerprint', body.fingerprint, FINGERPRINT)
  if (body.filename.length === 0) problems.push('filename is empty')
  if (body.trail_name !== undefined) match(problems, 'trail_name', body.trail_name, TRAIL_NAME)
  if (body.template_reference_name !== undefined) {
    match(
      problems,
      'template_reference_name',
      body.template_reference_name,
      TEMPLATE_REFERENCE_NAME
    )
  }
  if (body.git_commit !== undefined) match(problems, 'git_commit', body.git_commit, COMMIT)
  if (body.git_commit_info !== undefined) {
    commitProblems(problems, 'git_commit_info', body.git_commit_info)
  }
  body.commits_list?.forEach((commit, i) => commitProblems(problems, `commits_list[${i}]`, commit))
  for (const [label, url] of Object.entries(body.external_urls ?? {})) {
    match(problems, 'external_urls label', label, EXTERNAL_URL_LABEL)
    if (url.fingerprint !== undefined) {
      match(problems, `external_urls.${label}.fingerprint`, url.fingerprint, FINGERPRINT)
    }
  }
  return problems
}

/** What Kosli's create-approval schema refuses beyond the TypeScript types. */
export function createApprovalProblems(body: CreateApprovalBody): string[] {
  const problems: string[] = []
  match(problems, 'artifact_fingerprint', body.artifact_fingerprint, FINGERPRINT)
  if (body.src_commit_list.length === 0) problems.push('src_commit_list is empty')
  body.src_commit_list.forEach((commit, i) =>
    match(problems, `src_commit_list[${i}]`, commit, COMMIT)
  )
  if (typeof body.oldest_commit === 'string') {
    match(problems, 'oldest_commit', body.oldest_commit, COMMIT)
  }
  return problems
}

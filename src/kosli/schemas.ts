import { z } from 'zod'
import { gitCommitSchema, repoInfoSchema } from '../shapes/commit.js'
import {
  COMMIT,
  EXTERNAL_URL_LABEL,
  FINGERPRINT,
  TEMPLATE_REFERENCE_NAME,
  TRAIL_NAME
} from '../shapes/patterns.js'

// Each value is closed in Kosli's schema: only `href` and `fingerprint`.
export const externalUrlSchema = z.strictObject({
  href: z.string(),
  fingerprint: z.string().regex(FINGERPRINT).optional()
})

export const reportArtifactBodySchema = z.strictObject({
  fingerprint: z.string().regex(FINGERPRINT),
  filename: z.string().min(1),
  build_url: z.string(),
  commit_url: z.string(),
  trail_name: z.string().regex(TRAIL_NAME).optional(),
  template_reference_name: z.string().regex(TEMPLATE_REFERENCE_NAME).optional(),
  description: z.string().optional(),
  git_commit: z.string().regex(COMMIT).optional(),
  git_commit_info: gitCommitSchema.optional(),
  repo_info: repoInfoSchema.optional(),
  commits_list: z.array(gitCommitSchema).optional(),
  repo_url: z.string().optional(),
  is_compliant: z.boolean().optional(),
  template: z.array(z.string()).optional(),
  external_urls: z.record(z.string().regex(EXTERNAL_URL_LABEL), externalUrlSchema).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
  user_data: z.record(z.string(), z.unknown()).optional()
})
export type ReportArtifactBody = z.infer<typeof reportArtifactBodySchema>

const complianceStates = ['COMPLIANT', 'NON-COMPLIANT', 'INCOMPLETE'] as const

// Only the fields the action reads; the rest of the documented answer passes through.
export const artifactByCommitSchema = z.looseObject({
  fingerprint: z.string().regex(FINGERPRINT),
  filename: z.string(),
  flow_name: z.string(),
  trail_name: z.string().nullish(),
  template_reference_name: z.string().nullish(),
  git_commit: z.string().nullish(),
  html_url: z.string().nullish(),
  state: z.enum(complianceStates).nullish(),
  state_info: z.string().nullish()
})
export const artifactsByCommitSchema = z.array(artifactByCommitSchema)
export type KosliArtifact = z.infer<typeof artifactByCommitSchema>

export const approvalEntrySchema = z.strictObject({
  state: z.literal('APPROVED'),
  comment: z.string(),
  approved_by: z.string(),
  approval_url: z.string()
})

export const createApprovalBodySchema = z.strictObject({
  artifact_fingerprint: z.string().regex(FINGERPRINT),
  description: z.string(),
  src_commit_list: z.array(z.string().regex(COMMIT)).min(1),
  environment: z.string().nullable().optional(),
  oldest_commit: z.string().regex(COMMIT).nullable().optional(),
  approvals: z.array(approvalEntrySchema).nullable().optional(),
  user_data: z.record(z.string(), z.unknown()).optional()
})
export type CreateApprovalBody = z.infer<typeof createApprovalBodySchema>

// Kosli answers a created approval with an echo of the request, without its number; fields not
// sent may come back null. Read leniently: the write has happened.
export const approvalEchoSchema = z.looseObject({
  artifact_fingerprint: z.string().nullish(),
  description: z.string().nullish(),
  src_commit_list: z.array(z.string()).nullish(),
  environment: z.string().nullish(),
  oldest_commit: z.string().nullish(),
  approvals: z.array(z.unknown()).nullish(),
  user_data: z.unknown()
})

const listedApprovalSchema = z.looseObject({
  release_number: z.number().int(),
  base_artifact: z.string().nullish(),
  artifact_name: z.string().nullish(),
  target_artifact: z.string(),
  description: z.string().nullish(),
  src_commit_list: z.array(z.string()),
  created_at: z.number(),
  state: z.enum(['APPROVED', 'UNAPPROVED', 'PENDING']),
  environment: z.string().nullish()
})
export const approvalListSchema = z.array(listedApprovalSchema)
export type ListedApproval = z.infer<typeof listedApprovalSchema>

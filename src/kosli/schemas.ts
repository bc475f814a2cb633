import { z } from 'zod'
import {
  COMMIT,
  EXTERNAL_URL_LABEL,
  FINGERPRINT,
  TEMPLATE_REFERENCE_NAME,
  TRAIL_NAME
} from '../shapes/patterns.js'

export { COMMIT, EXTERNAL_URL_LABEL, FINGERPRINT, TEMPLATE_REFERENCE_NAME, TRAIL_NAME }
// The bodies the action sends are defined in bodies.ts (zod/mini); Kosli's answers here.
export * from './bodies.js'

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

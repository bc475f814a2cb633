import * as z from 'zod/mini'
import {
  COMMIT,
  EXTERNAL_URL_LABEL,
  FINGERPRINT,
  TEMPLATE_REFERENCE_NAME,
  TRAIL_NAME
} from '../shapes/patterns.js'
import { gitCommitSchema, repoInfoSchema } from '../shapes/commit.js'

export { gitCommitSchema, repoInfoSchema }
export type { GitCommit, RepoInfo } from '../shapes/commit.js'

// The bodies the action sends to Kosli: each schema is the one definition of its body, its type
// inferred from it. zod/mini, as a dry run builds and checks them at start-up.

const notEmpty = z.minLength(1, 'is empty')

// Each value is closed in Kosli's schema: only `href` and `fingerprint`.
export const externalUrlSchema = z.strictObject({
  href: z.string(),
  fingerprint: z.optional(z.string().check(z.regex(FINGERPRINT)))
})

export const reportArtifactBodySchema = z.strictObject({
  fingerprint: z.string().check(z.regex(FINGERPRINT)),
  filename: z.string().check(notEmpty),
  build_url: z.string(),
  commit_url: z.string(),
  trail_name: z.optional(z.string().check(z.regex(TRAIL_NAME))),
  template_reference_name: z.optional(z.string().check(z.regex(TEMPLATE_REFERENCE_NAME))),
  description: z.optional(z.string()),
  git_commit: z.optional(z.string().check(z.regex(COMMIT))),
  git_commit_info: z.optional(gitCommitSchema),
  repo_info: z.optional(repoInfoSchema),
  commits_list: z.optional(z.array(gitCommitSchema)),
  repo_url: z.optional(z.string()),
  is_compliant: z.optional(z.boolean()),
  template: z.optional(z.array(z.string())),
  external_urls: z.optional(
    z.record(z.string().check(z.regex(EXTERNAL_URL_LABEL)), externalUrlSchema)
  ),
  annotations: z.optional(z.record(z.string(), z.string())),
  user_data: z.optional(z.record(z.string(), z.unknown()))
})
export type ReportArtifactBody = z.infer<typeof reportArtifactBodySchema>

export const approvalEntrySchema = z.strictObject({
  state: z.literal('APPROVED'),
  comment: z.string(),
  approved_by: z.string(),
  approval_url: z.string()
})

export const createApprovalBodySchema = z.strictObject({
  artifact_fingerprint: z.string().check(z.regex(FINGERPRINT)),
  description: z.string(),
  src_commit_list: z.array(z.string().check(z.regex(COMMIT))).check(notEmpty),
  environment: z.optional(z.nullable(z.string())),
  oldest_commit: z.optional(z.nullable(z.string().check(z.regex(COMMIT)))),
  approvals: z.optional(z.nullable(z.array(approvalEntrySchema))),
  user_data: z.optional(z.record(z.string(), z.unknown()))
})
export type CreateApprovalBody = z.infer<typeof createApprovalBodySchema>

/** Why a body is refused, one phrase per issue: `field "value" does not match …` for a pattern. */
export function bodyProblems<T>(schema: z.ZodMiniType<T>, body: unknown): string[] {
  const result = schema.safeParse(body, { reportInput: true })
  return result.success ? [] : result.error.issues.map(issue => describeIssue(issue))
}

/** `commits_list[0].sha1`: a path as it reads in the body. */
function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) =>
      typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`
    )
    .join('')
}

function describeIssue(issue: z.core.$ZodIssue, where = fieldName(issue.path)): string {
  if (issue.code === 'invalid_key') {
    // A record's key is named as a label of the record, not by its own path.
    const label = `${fieldName(issue.path.slice(0, -1))} label`
    return issue.issues.map(inner => describeIssue(inner, label)).join('; ')
  }
  if (issue.code === 'invalid_format' && issue.format === 'regex' && issue.pattern) {
    const source = issue.pattern.slice(1, issue.pattern.lastIndexOf('/'))
    return `${where} ${JSON.stringify(issue.input)} does not match ${source}`
  }
  return `${where} ${issue.message}`
}

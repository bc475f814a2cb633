import { z } from 'zod'
import { COMMIT } from './patterns.js'

// A commit in its two forms and the repository, as Kosli's API takes them: defined once, with
// the types inferred from them (import the types with `import type` to keep zod out of start-up).

/** A commit as an artifact report carries it (git_commit_info, commits_list). */
export const gitCommitSchema = z.object({
  sha1: z.string().regex(COMMIT),
  message: z.string(),
  author: z.string(),
  author_username: z.string().optional(),
  branch: z.string(),
  timestamp: z.number().int(),
  url: z.string(),
  parents: z.array(z.string())
})
export type GitCommit = z.infer<typeof gitCommitSchema>

/**
 * A commit as trails and attestations carry it: the Kosli CLI's shape there, never a login or
 * parents (kosli-evidence.md §2.3). Only sha1 and url when no source could read the commit.
 */
export const trailCommitSchema = z.strictObject({
  sha1: z.string().regex(COMMIT),
  message: z.string().optional(),
  author: z.string().optional(),
  branch: z.string().optional(),
  timestamp: z.number().int().optional(),
  url: z.string().optional()
})
export type TrailCommit = z.infer<typeof trailCommitSchema>

export const repoInfoSchema = z.strictObject({
  name: z.string().min(1),
  url: z.string().min(1),
  id: z.string().min(1),
  description: z.string().optional(),
  provider: z.literal('github')
})
export type RepoInfo = z.infer<typeof repoInfoSchema>

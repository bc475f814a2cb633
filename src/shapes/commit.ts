import * as z from 'zod/mini'
import { COMMIT } from './patterns.js'

// A commit in its two forms and the repository, as Kosli's API takes them: each defined once,
// its type inferred from it. zod/mini, as a dry run builds and checks the bodies at start-up.

const wholeNumber = z.int({ error: issue => `${String(issue.input)} is not a whole number` })

/** A commit as an artifact report carries it (git_commit_info, commits_list). */
export const gitCommitSchema = z.object({
  sha1: z.string().check(z.regex(COMMIT)),
  message: z.string(),
  author: z.string(),
  author_username: z.optional(z.string()),
  branch: z.string(),
  timestamp: wholeNumber,
  url: z.string(),
  parents: z.array(z.string())
})
export type GitCommit = z.infer<typeof gitCommitSchema>

/**
 * A commit as trails and attestations carry it: the Kosli CLI's shape there, never a login or
 * parents (kosli-evidence.md §2.3). Only sha1 and url when no source could read the commit.
 */
export const trailCommitSchema = z.strictObject({
  sha1: z.string().check(z.regex(COMMIT)),
  message: z.optional(z.string()),
  author: z.optional(z.string()),
  branch: z.optional(z.string()),
  timestamp: z.optional(wholeNumber),
  url: z.optional(z.string())
})
export type TrailCommit = z.infer<typeof trailCommitSchema>

/** The repository; left out where its id is not known. */
export const repoInfoSchema = z.strictObject({
  name: z.string().check(z.minLength(1)),
  url: z.string().check(z.minLength(1)),
  id: z.string().check(z.minLength(1)),
  description: z.optional(z.string()),
  provider: z.literal('github')
})
export type RepoInfo = z.infer<typeof repoInfoSchema>

import { z } from 'zod'

// The fields the action reads from GitHub's REST answers about pull requests: wire shapes only,
// so the pure evidence work can take their types without reaching a client.

/**
 * A GitHub user as REST gives it: null, or the placeholder account `ghost`, for a deleted one;
 * both read as null, so a deleted account is recorded as "" (as the Kosli CLI does), never ghost.
 */
export const githubUserSchema = z
  .object({ login: z.string() })
  .nullable()
  .transform(user => (user === null || user.login === 'ghost' ? null : { login: user.login }))

/** The fields read from GitHub's REST pull request (list for a commit, or get). */
export const githubPullSchema = z.object({
  number: z.number().int(),
  html_url: z.string(),
  state: z.enum(['open', 'closed']),
  title: z.string(),
  user: githubUserSchema,
  created_at: z.string(),
  merged_at: z.string().nullable().optional(),
  merge_commit_sha: z.string().nullable().optional(),
  head: z.object({ ref: z.string() }),
  base: z.object({ ref: z.string() })
})

/** The fields read from a pull request review. */
export const githubReviewSchema = z.object({
  user: githubUserSchema,
  state: z.string(),
  submitted_at: z.string().nullable().optional()
})

/** The fields read from a pull request's commit. */
export const githubPullCommitSchema = z.object({
  sha: z.string(),
  html_url: z.string().optional(),
  author: githubUserSchema,
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string(), email: z.string(), date: z.string() }).nullable(),
    committer: z.object({ date: z.string() }).nullable().optional(),
    // GitHub's signature check; older GitHub Enterprise Servers leave it out.
    verification: z.object({ verified: z.boolean(), reason: z.string() }).nullish()
  })
})

export type GitHubPull = z.infer<typeof githubPullSchema>
export type GitHubReview = z.infer<typeof githubReviewSchema>
export type GitHubPullCommit = z.infer<typeof githubPullCommitSchema>

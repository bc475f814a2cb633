import * as z from 'zod/mini'
import { MAX_PAGES, nextPage } from '../github/paging.js'
import { GitHubApiError, apiPath } from '../github/reader.js'
import type { RunContext } from './context.js'
import type { GitHubClient, RawCommit, RepoInfo } from './types.js'

// The parts of GitHub's commit object we read; the same shape in GET commit and in compare.
const apiCommitSchema = z.object({
  sha: z.string(),
  parents: z.optional(z.array(z.object({ sha: z.string() }))),
  author: z.nullish(z.object({ login: z.nullish(z.string()) })),
  commit: z.object({
    message: z.string(),
    author: z.nullish(
      z.object({
        name: z.nullish(z.string()),
        email: z.nullish(z.string()),
        date: z.nullish(z.string())
      })
    ),
    committer: z.nullish(z.object({ date: z.nullish(z.string()) }))
  })
})
type ApiCommit = z.infer<typeof apiCommitSchema>

const apiCompareSchema = z.object({
  total_commits: z.number(),
  commits: z.array(apiCommitSchema)
})

const apiRepoSchema = z.object({
  id: z.number(),
  full_name: z.string(),
  html_url: z.string(),
  description: z.nullish(z.string())
})

/** GitHub answered, but not with the shape it documents: the caller falls back to local git. */
export class GitHubAnswerError extends Error {
  constructor(what: string, issues: z.core.$ZodIssue[]) {
    const fields = [...new Set(issues.map(issue => issue.path.join('.') || 'body'))]
    super(`answered, but not with ${what} (${fields.slice(0, 5).join(', ')})`)
    this.name = 'GitHubAnswerError'
  }
}

function answerOf<T>(schema: z.ZodMiniType<T>, data: unknown, what: string): T {
  const result = schema.safeParse(data)
  if (!result.success) throw new GitHubAnswerError(what, result.error.issues)
  return result.data
}

const PAGE_SIZE = 100

export async function apiGetCommit(
  github: GitHubClient,
  ctx: RunContext,
  sha: string
): Promise<RawCommit> {
  const response = await github.get(apiPath('repos', ctx.owner, ctx.repo, 'commits', sha))
  return fromApiCommit(answerOf(apiCommitSchema, response.data, 'a commit'))
}

// One call covers up to 250 commits; beyond that, pages are fetched only until every commit is known.
export async function apiCompare(
  github: GitHubClient,
  ctx: RunContext,
  base: string,
  head: string,
  warn: (line: string) => void = () => {}
): Promise<RawCommit[]> {
  const path = apiPath('repos', ctx.owner, ctx.repo, 'compare', `${base}...${head}`)
  const first = answerOf(apiCompareSchema, (await github.get(path)).data, 'a comparison')
  if (first.commits.length >= first.total_commits) return first.commits.map(fromApiCommit)

  const paged: ApiCommit[] = []
  const known = new Set(first.commits.map(c => c.sha))
  let response = await github.get(path, { per_page: PAGE_SIZE, page: 1 })
  for (let pages = 1; ; pages++) {
    const page = answerOf(apiCompareSchema, response.data, 'a comparison').commits
    paged.push(...page)
    for (const c of page) known.add(c.sha)
    if (known.size >= first.total_commits || page.length === 0) break
    const next = nextPage(response.link, github)
    if (!next) break
    const partial = `commits_list holds the ${known.size} of ${first.total_commits} commits read so far`
    if ('refused' in next) {
      warn(`GitHub compare ${base}...${head}: ${next.refused}; ${partial}.`)
      break
    }
    if (pages >= MAX_PAGES) {
      warn(`GitHub compare ${base}...${head}: stopped after ${MAX_PAGES} pages; ${partial}.`)
      break
    }
    response = await github.get(next.url)
  }
  // The paged prefix is complete and ordered; the unpaged window supplies whatever newer commits it missed.
  const inPaged = new Set(paged.map(c => c.sha))
  return [...paged, ...first.commits.filter(c => !inPaged.has(c.sha))].map(fromApiCommit)
}

export async function apiGetRepo(github: GitHubClient, ctx: RunContext): Promise<RepoInfo> {
  const response = await github.get(apiPath('repos', ctx.owner, ctx.repo))
  const data = answerOf(apiRepoSchema, response.data, 'a repository')
  return {
    name: data.full_name,
    url: data.html_url,
    id: String(data.id),
    description: data.description ?? '',
    provider: 'github'
  }
}

export function describeApiError(error: unknown): string {
  const message = String((error as Error)?.message ?? error)
  // Only an answer has a status; a network error or timeout is told in its own words.
  if (error instanceof GitHubAnswerError) return message
  if (!(error instanceof GitHubApiError)) return `request failed (${message})`
  const hint = API_HINTS[error.status] ? `: ${API_HINTS[error.status]}` : ''
  return `HTTP ${error.status} (${message})${hint}`
}

const API_HINTS: Record<number, string> = {
  401: 'github-token is not valid',
  403: 'github-token lacks contents: read, or the rate limit is exhausted',
  404: 'not on GitHub (not pushed?) or not visible to github-token',
  422: 'GitHub does not know that commit'
}

function fromApiCommit(c: ApiCommit): RawCommit {
  const date = c.commit.author?.date ?? c.commit.committer?.date ?? ''
  const login = c.author?.login
  return {
    sha: c.sha,
    parents: (c.parents ?? []).map(p => p.sha),
    authorName: c.commit.author?.name ?? '',
    authorEmail: c.commit.author?.email ?? '',
    authorTime: Math.floor(Date.parse(date) / 1000) || 0,
    message: c.commit.message,
    ...(login ? { login } : {})
  }
}

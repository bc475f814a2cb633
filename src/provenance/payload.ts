import type { RunContext } from './context.js'
import type { RepoInfo } from './types.js'

// Most events carry the repository; it must be this run's repository (not, say, a fork's).
export function repoFromPayload(ctx: RunContext): RepoInfo | undefined {
  const repo = ctx.payload.repository
  if (!repo || typeof repo !== 'object') return undefined
  const { id, full_name: name, html_url: url, description } = repo as Record<string, unknown>
  if (typeof name !== 'string' || name.toLowerCase() !== ctx.repository.toLowerCase())
    return undefined
  if (typeof url !== 'string' || (typeof id !== 'number' && typeof id !== 'string'))
    return undefined
  return {
    name,
    url,
    id: String(id),
    description: typeof description === 'string' ? description : '',
    provider: 'github'
  }
}

// Push payloads name each commit author's GitHub login, which local git cannot know.
export function loginsFromPayload(ctx: RunContext): Map<string, string> {
  const logins = new Map<string, string>()
  if (ctx.eventName !== 'push') return logins
  const commits: unknown[] = Array.isArray(ctx.payload.commits) ? ctx.payload.commits : []
  for (const commit of [...commits, ctx.payload.head_commit]) {
    const { id, author } = (commit ?? {}) as { id?: unknown; author?: { username?: unknown } }
    const username = author?.username
    if (typeof id === 'string' && typeof username === 'string' && username) {
      logins.set(id.toLowerCase(), username)
    }
  }
  return logins
}

import type { GitCommit, RawCommit, RedactableField } from './types.js'

export const REDACTED = '**REDACTED**'

export function toGitCommit(raw: RawCommit, branch: string, commitUrlBase: string): GitCommit {
  return {
    sha1: raw.sha,
    message: raw.message,
    author: `${raw.authorName} <${raw.authorEmail}>`,
    ...(raw.login ? { author_username: raw.login } : {}),
    branch,
    timestamp: raw.authorTime,
    url: `${commitUrlBase}/${raw.sha}`,
    parents: raw.parents
  }
}

// The login identifies the person as much as the name does, so redacting the author drops it too.
export function redactCommit(commit: GitCommit, fields: RedactableField[]): GitCommit {
  if (fields.length === 0) return commit
  const out: GitCommit = { ...commit }
  if (fields.includes('author')) {
    out.author = REDACTED
    delete out.author_username
  }
  if (fields.includes('message')) out.message = REDACTED
  if (fields.includes('branch')) out.branch = REDACTED
  return out
}

import type { GitCommitInfo as GitCommit, RepoInfo } from '../kosli/bodies.js'

/**
 * A commit as trails and attestations carry it, in the Kosli CLI's shape there: no login, no
 * parents. Only sha1 and url when no source could read the commit.
 */
export interface TrailCommit {
  sha1: string
  message?: string
  author?: string
  timestamp?: number
  branch?: string
  url: string
}

// The commit and repository as the report-artifact body sends them: one definition, in its schema.
export type { GitCommit, RepoInfo }

export interface Provenance {
  gitCommit: string
  gitCommitInfo: GitCommit
  commitsList: GitCommit[]
  /** Left out when the repository id is unknown. */
  repoInfo?: RepoInfo
  repoUrl: string
  buildUrl: string
  commitUrl: string
  sources: string[]
  /** What is missing from the record, for a warning annotation. */
  warnings: string[]
}

export type RedactableField = 'author' | 'message' | 'branch'

/** The caller computes every default (see context.ts): these are the values used. */
export interface ProvenanceOptions {
  gitCommit: string
  /** None: commits_list is left empty. */
  commitsBase?: string
  buildUrl: string
  commitUrl: string
  repoUrl?: string
  redact: RedactableField[]
  branch?: string
}

export interface LocalGit {
  run(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }>
}

export type { GitHubClient } from '../github/reader.js'

// A commit as read from any source, before branch, url and redaction are applied.
export interface RawCommit {
  sha: string
  parents: string[]
  authorName: string
  authorEmail: string
  authorTime: number
  message: string
  login?: string
}

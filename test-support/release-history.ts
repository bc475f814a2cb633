import type { GitHubStandIn } from './github-server.js'

// A release's history on the GitHub stand-in: changes that reach main through merge commits,
// squash merges, rebase merges, direct pushes, or with an open pull request, each with its reviews.

export type ChangeKind = 'merge' | 'squash' | 'rebase' | 'direct' | 'open'

export interface Change {
  kind: ChangeKind
  /** Commits on the feature branch (default 1). */
  commits?: number
  /** Author of the pull request and of its commits (default 'dev'). */
  author?: string
  /** Reviews in order: [login, state]. Default one APPROVED by 'rev'. */
  reviews?: Array<[string, 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED']>
}

export interface SeededChange {
  kind: ChangeKind
  /** The pull request's number (none for a direct push). */
  number?: number
  /** The commits this change put on main, oldest first. */
  onMain: string[]
}

let clock = 1_710_000_000

/** Seed the changes on top of main's tip; returns the base (main's tip before), the head and each change. */
export function seedReleaseHistory(
  github: GitHubStandIn,
  owner: string,
  repo: string,
  changes: readonly Change[]
): { base: string; head: string; changes: SeededChange[] } {
  const repository = github.repository(owner, repo)
  if (!repository) throw new Error(`seedReleaseHistory: seed ${owner}/${repo} first`)
  const base = repository.branches.get(repository.defaultBranch) as string
  let tip = base
  const seeded: SeededChange[] = []
  changes.forEach((change, index) => {
    const author = change.author ?? 'dev'
    const person = { authorName: author, authorEmail: `${author}@example.com`, login: author }
    const n = change.commits ?? 1
    const feature = (from: string, label: string): string[] =>
      github.seedCommits(
        owner,
        repo,
        Array.from({ length: n }, (_, j) => ({
          ...person,
          message: `${label} ${index + 1}.${j + 1}\n\nbody`,
          timestamp: clock++,
          ...(j === 0 ? { parents: [from] } : {})
        })),
        { branch: `feature-${index + 1}` }
      )
    const onMain = (commits: Array<{ message: string; parents: string[] }>): string[] =>
      github.seedCommits(
        owner,
        repo,
        commits.map(c => ({ ...person, ...c, timestamp: clock++ })),
        { branch: repository.defaultBranch }
      )
    let main: string[]
    let pullCommits: string[] = []
    let mergeCommitSha: string | undefined
    let alsoAssociated: string[] = []
    switch (change.kind) {
      case 'merge': {
        pullCommits = feature(tip, 'Feature')
        main = [
          ...pullCommits,
          ...onMain([
            { message: `Merge pull request ${index + 1}`, parents: [tip, pullCommits[n - 1]] }
          ])
        ]
        mergeCommitSha = main[main.length - 1]
        break
      }
      case 'squash': {
        pullCommits = feature(tip, 'Squashed work')
        main = onMain([{ message: `Squash ${index + 1}`, parents: [tip] }])
        mergeCommitSha = main[0]
        break
      }
      case 'rebase': {
        pullCommits = feature(tip, 'Before rebase')
        let parent = tip
        main = []
        for (let j = 0; j < n; j++) {
          const [sha] = onMain([{ message: `Rebased ${index + 1}.${j + 1}`, parents: [parent] }])
          main.push(sha)
          parent = sha
        }
        mergeCommitSha = main[n - 1]
        alsoAssociated = main
        break
      }
      case 'direct':
      case 'open': {
        main = []
        let parent = tip
        for (let j = 0; j < n; j++) {
          const [sha] = onMain([{ message: `Direct ${index + 1}.${j + 1}`, parents: [parent] }])
          main.push(sha)
          parent = sha
        }
        pullCommits = change.kind === 'open' ? main : []
        break
      }
    }
    tip = main[main.length - 1]
    let number: number | undefined
    if (change.kind !== 'direct') {
      const pull = github.pulls.seedPullRequest({
        owner,
        repo,
        author,
        state: change.kind === 'open' ? 'open' : 'merged',
        commits: pullCommits,
        ...(mergeCommitSha ? { mergeCommitSha } : {}),
        alsoAssociated
      })
      number = pull.number
      for (const [login, state] of change.reviews ?? [['rev', 'APPROVED']]) {
        github.pulls.seedReview(owner, repo, pull.number, login, state, isoAt(clock++))
      }
    }
    seeded.push({ kind: change.kind, number, onMain: main })
  })
  return { base, head: tip, changes: seeded }
}

/** 300 commits from 40 pull requests merged with merge commits, the largest with 100 commits. */
export function fortyMergedPullRequests(): Change[] {
  // 40 merge commits + 260 feature commits: one of 100, then 39 sharing 160 (4 of 5, 35 of 4).
  return Array.from({ length: 40 }, (_, i) => ({
    kind: 'merge' as const,
    commits: i === 0 ? 100 : i <= 4 ? 5 : 4,
    author: `dev${i % 7}`
  }))
}

function isoAt(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z')
}

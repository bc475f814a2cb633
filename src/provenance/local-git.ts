import type { LocalGit, RawCommit } from './types.js'

// NUL-separated fields; with -z each record also ends in NUL, so records are read six fields at once.
const FORMAT = '--format=%H%x00%P%x00%an%x00%ae%x00%at%x00%B'
const FIELDS = 6
// A user's log.showSignature would put gpg output into the records.
const QUIET = ['-c', 'log.showSignature=false']

// An empty cwd (GITHUB_WORKSPACE unset, e.g. local runs) means the current directory.
export function createLocalGit(cwd: string): LocalGit {
  return {
    async run(args) {
      const options = { cwd: cwd || process.cwd(), silent: true, ignoreReturnCode: true }
      // Loaded when git is first asked: most runs read the GitHub API instead.
      const { getExecOutput } = await import('@actions/exec')
      const out = await getExecOutput('git', args, options)
      return { exitCode: out.exitCode, stdout: out.stdout, stderr: out.stderr }
    }
  }
}

export async function gitReadCommit(git: LocalGit, sha: string): Promise<RawCommit> {
  const args = [...QUIET, 'show', '-s', '-z', FORMAT, `${sha}^{commit}`, '--']
  const stdout = await runGit(git, args, sha)
  const [commit] = await withTrueParents(git, parseRecords(stdout))
  if (!commit) throw new Error(`git show printed nothing for ${sha}`)
  return commit
}

// Commits reachable from head but not from base, oldest first (parents before children).
export async function gitListCommits(
  git: LocalGit,
  base: string,
  head: string
): Promise<RawCommit[]> {
  const range = `${base}..${head}`
  const args = [...QUIET, 'log', '--reverse', '--topo-order', '-z', FORMAT, range, '--']
  const stdout = await runGit(git, args, range)
  return withTrueParents(git, parseRecords(stdout))
}

// A shallow clone hides its boundary commits' parents (at depth 1, the head's); the object keeps them.
async function withTrueParents(git: LocalGit, commits: RawCommit[]): Promise<RawCommit[]> {
  return Promise.all(
    commits.map(async commit => {
      if (commit.parents.length > 0) return commit
      const out = await git.run(['cat-file', 'commit', commit.sha])
      if (out.exitCode !== 0) return commit
      const header = out.stdout.split('\n\n')[0]
      const parents = [...header.matchAll(/^parent ([0-9a-f]+)$/gm)].map(m => m[1])
      return { ...commit, parents }
    })
  )
}

async function runGit(git: LocalGit, args: string[], revision: string): Promise<string> {
  let result: { exitCode: number; stdout: string; stderr: string }
  try {
    result = await git.run(args)
  } catch (error) {
    throw new Error(`git could not run (${(error as Error).message})`)
  }
  if (result.exitCode === 0) return result.stdout
  throw new Error(await explainFailure(git, result.stderr, revision))
}

async function explainFailure(git: LocalGit, stderr: string, revision: string): Promise<string> {
  const detail = firstLine(stderr) || 'git failed without a message'
  if (/not a git repository/i.test(stderr)) {
    return `the workspace is not a git repository (${detail})`
  }
  if (
    /unknown revision|bad object|bad revision|invalid revision|not a valid object/i.test(stderr)
  ) {
    const shallow = await isShallow(git)
    return shallow
      ? `unknown revision ${revision}: the clone is shallow and lacks that history (actions/checkout fetches one commit unless fetch-depth: 0)`
      : `unknown revision ${revision}: it is not in the local clone (${detail})`
  }
  return detail
}

async function isShallow(git: LocalGit): Promise<boolean> {
  try {
    const out = await git.run(['rev-parse', '--is-shallow-repository'])
    return out.exitCode === 0 && out.stdout.trim() === 'true'
  } catch {
    return false
  }
}

function parseRecords(stdout: string): RawCommit[] {
  const fields = stdout.split('\0')
  const commits: RawCommit[] = []
  for (let i = 0; i + FIELDS <= fields.length; i += FIELDS) {
    const [sha, parents, authorName, authorEmail, authorTime, body] = fields.slice(i, i + FIELDS)
    commits.push({
      sha: sha.trim(),
      parents: parents.trim() ? parents.trim().split(' ') : [],
      authorName,
      authorEmail,
      authorTime: Number.parseInt(authorTime, 10),
      message: body.replace(/\n+$/, '')
    })
  }
  return commits
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .map(line => line.trim())
      .find(line => line.length > 0) ?? ''
  )
}

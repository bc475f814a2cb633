// Helpers of the report, faults and secrets end-to-end suites: workspaces with build output,
// events built from the GitHub stand-in's seeded history, the report body the action must send,
// and an independent implementation of Kosli's fingerprints to compare with.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import {
  type GitHubStandIn,
  type SeededCommit,
  startGitHubServer
} from '../../test-support/github-server.js'
import type { RecordedRequest } from '../../test-support/http-stand-in.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'
import {
  type ActionEvent,
  type ActionResult,
  type EventCommit,
  defaultPushEvent
} from '../../test-support/run-action.js'
import { OWNER, REPO } from '../../test-support/stand-ins.js'

export const ZERO_SHA = '0'.repeat(40)
export const REPO_ID = 4242
export const REPO_DESCRIPTION = 'The app'

export function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

/** A tree of build output: a string is a file's content, an object a directory. */
export interface Tree {
  [name: string]: string | Tree
}

/** Kosli's directory digest, computed here without the action's code. */
export function directoryDigest(tree: Tree): string {
  let text = ''
  const walk = (node: Tree): void => {
    const names = Object.keys(node).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    for (const name of names) {
      text += sha256(name)
      const entry = node[name]
      if (typeof entry === 'string') text += sha256(entry)
      else walk(entry)
    }
  }
  walk(tree)
  return sha256(text)
}

/** A temporary workspace holding the tree; remove it with removeWorkspace. */
export async function makeWorkspace(tree: Tree = {}): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'e2e-workspace-'))
  await writeTree(root, tree)
  return root
}

async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [name, entry] of Object.entries(tree)) {
    const target = join(root, name)
    if (typeof entry === 'string') {
      await mkdir(dirname(target), { recursive: true })
      await writeFile(target, entry)
    } else {
      await mkdir(target, { recursive: true })
      await writeTree(target, entry)
    }
  }
}

export async function removeWorkspace(root: string | undefined): Promise<void> {
  if (root) await rm(root, { recursive: true, force: true })
}

/** The seeded commits, oldest first, in the shape the event builders take. */
export function seededCommits(github: GitHubStandIn, shas: string[]): SeededCommit[] {
  return shas.map(sha => {
    const commit = github.commit(OWNER, REPO, sha)
    if (!commit) throw new Error(`no seeded commit ${sha}`)
    return commit
  })
}

/** The repository fields of an event payload that match the seeded acme/app. */
export const EVENT_REPOSITORY = {
  repository: `${OWNER}/${REPO}`,
  repositoryId: REPO_ID,
  description: REPO_DESCRIPTION
}

/** A push to main of the seeded commits after `before`, up to the last seeded one. */
export function pushEvent(
  github: GitHubStandIn,
  shas: string[],
  before: string,
  options: { ref?: string } = {}
): ActionEvent {
  const from = before === ZERO_SHA ? 0 : shas.indexOf(before) + 1
  if (from === 0 && before !== ZERO_SHA) throw new Error(`${before} is not seeded`)
  const commits: EventCommit[] = seededCommits(github, shas.slice(from))
  return defaultPushEvent({ ...EVENT_REPOSITORY, before, commits, ref: options.ref })
}

/** git_commit_info / commits_list entry exactly as Kosli's API takes it. */
export function expectedCommitInfo(commit: SeededCommit, branch: string): Record<string, unknown> {
  return {
    sha1: commit.sha,
    message: commit.message,
    author: `${commit.authorName} <${commit.authorEmail}>`,
    ...(commit.login ? { author_username: commit.login } : {}),
    branch,
    timestamp: commit.timestamp,
    url: `https://github.com/${OWNER}/${REPO}/commit/${commit.sha}`,
    parents: commit.parents
  }
}

export const EXPECTED_REPO_INFO = {
  name: `${OWNER}/${REPO}`,
  url: `https://github.com/${OWNER}/${REPO}`,
  id: String(REPO_ID),
  description: REPO_DESCRIPTION,
  provider: 'github'
}

export const BUILD_URL = `https://github.com/${OWNER}/${REPO}/actions/runs/9876543210/attempts/1`

/** The report body with every provenance field; `extra` adds or overrides fields. */
export function expectedReportBody(
  github: GitHubStandIn,
  options: {
    fingerprint: string
    filename: string
    gitCommit: string
    branch: string
    /** Newest first, as the Kosli CLI sends commits_list. */
    commitsList: string[]
    extra?: Record<string, unknown>
  }
): Record<string, unknown> {
  const head = github.commit(OWNER, REPO, options.gitCommit)
  if (!head) throw new Error(`no seeded commit ${options.gitCommit}`)
  return {
    fingerprint: options.fingerprint,
    filename: options.filename,
    build_url: BUILD_URL,
    commit_url: `https://github.com/${OWNER}/${REPO}/commit/${options.gitCommit}`,
    trail_name: options.gitCommit,
    git_commit: options.gitCommit,
    git_commit_info: expectedCommitInfo(head, options.branch),
    repo_info: EXPECTED_REPO_INFO,
    commits_list: seededCommits(github, options.commitsList).map(c =>
      expectedCommitInfo(c, options.branch)
    ),
    repo_url: `https://github.com/${OWNER}/${REPO}`,
    ...options.extra
  }
}

/** The report-artifact requests Kosli received, faulted ones included. */
export function reportRequests(kosli: KosliStandIn): RecordedRequest[] {
  return kosli.requests.filter(r => r.method === 'POST' && r.path === '/api/v2/artifacts/acme/app')
}

/** The one report body sent, failing when there was not exactly one write. */
export function onlyReportBody(kosli: KosliStandIn): Record<string, unknown> {
  const writes = kosli.writes()
  if (writes.length !== 1) {
    throw new Error(`expected one write to Kosli, got ${writes.length}: ${describe(kosli)}`)
  }
  return writes[0].body as Record<string, unknown>
}

/** A short account of what a stand-in saw, for failure messages. */
export function describe(standIn: { requests: RecordedRequest[] }): string {
  return standIn.requests
    .map(r => `${r.method} ${r.path} → ${r.status ?? r.fault ?? 'pending'}`)
    .join(', ')
}

/** Everything a run printed or produced, for "never appears" checks. */
export function everyStream(result: ActionResult): Record<string, string> {
  return {
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: JSON.stringify(result.outputs),
    summary: result.summary
  }
}

/** The lines of a stream without the ::add-mask:: commands, which must name the secrets. */
export function withoutMaskCommands(text: string): string {
  return text
    .split('\n')
    .filter(line => !line.startsWith('::add-mask::'))
    .join('\n')
}

/** Where any of the secrets appears in what the run printed or produced: `stream: secret`. */
export function secretLeaks(result: ActionResult, secrets: string[]): string[] {
  const streams = everyStream(result)
  streams.stdout = withoutMaskCommands(streams.stdout)
  streams.stderr = withoutMaskCommands(streams.stderr)
  const leaks: string[] = []
  for (const [name, text] of Object.entries(streams)) {
    for (const secret of secrets) {
      const at = text.indexOf(secret)
      if (at >= 0) {
        leaks.push(`${name}: '${secret}' in …${text.slice(Math.max(0, at - 200), at + 200)}…`)
      }
    }
  }
  return leaks
}

/** Stack-trace lines (`    at fn (file:line:col)`) anywhere in the run's output. */
export function stackTraceLines(result: ActionResult): string[] {
  return `${result.stdout}\n${result.stderr}`
    .split(/\r?\n/)
    .filter(line => /^\s+at\s.+(:\d+:\d+\)?|<anonymous>)$/.test(line))
}

/** The `artifacts` output, parsed. */
export function artifactsOutput(result: ActionResult): Array<Record<string, unknown>> {
  const text = result.outputs.artifacts
  if (text === undefined) throw new Error('no artifacts output')
  return JSON.parse(text) as Array<Record<string, unknown>>
}

export interface GitRepo {
  dir: string
  /** Oldest first. */
  commits: Array<{
    sha: string
    message: string
    authorName: string
    authorEmail: string
    timestamp: number
    parents: string[]
  }>
}

/** A real git repository with `count` commits on main, each adding one file. */
export async function makeGitRepo(count: number, tree: Tree = {}): Promise<GitRepo> {
  const dir = await makeWorkspace(tree)
  const git = (args: string[], env: Record<string, string> = {}): string =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        ...env
      }
    }).trim()
  git(['init', '-q', '-b', 'main'])
  git(['config', 'user.name', 'Local Dev'])
  git(['config', 'user.email', 'dev@example.com'])
  git(['config', 'commit.gpgsign', 'false'])
  const commits: GitRepo['commits'] = []
  for (let i = 1; i <= count; i++) {
    await writeFile(join(dir, `change-${i}.txt`), `change ${i}\n`)
    git(['add', `change-${i}.txt`])
    const timestamp = 1_710_000_000 + i * 3600
    const message = `Local change ${i}\n\nWith a body line.`
    const authorName = i % 2 === 0 ? 'Ada Lovelace' : 'Grace Hopper'
    const authorEmail = i % 2 === 0 ? 'ada@example.com' : 'grace@example.com'
    git(['commit', '-q', '-m', message], {
      GIT_AUTHOR_NAME: authorName,
      GIT_AUTHOR_EMAIL: authorEmail,
      GIT_AUTHOR_DATE: `@${timestamp} +0000`,
      GIT_COMMITTER_NAME: 'Local Dev',
      GIT_COMMITTER_EMAIL: 'dev@example.com',
      GIT_COMMITTER_DATE: `@${timestamp + 60} +0000`
    })
    const sha = git(['rev-parse', 'HEAD'])
    commits.push({
      sha,
      message,
      authorName,
      authorEmail,
      timestamp,
      parents: commits.length > 0 ? [commits[commits.length - 1].sha] : []
    })
  }
  return { dir, commits }
}

/** The stand-ins of a suite that checks where its tokens go, as the set-up leaves them. */
export interface TokenStandIns {
  kosli: KosliStandIn
  github: GitHubStandIn
  /** acme/app's four seeded commits, oldest first. */
  shas: string[]
  /** Holds app.jar. */
  workspace: string
}

/**
 * Kosli and GitHub stand-ins that take only the given tokens, acme/app with four commits and a
 * workspace with app.jar: started before the suite's tests, reset before each, closed after.
 */
export function tokenStandIns(tokens: { kosli: string; github: string }): TokenStandIns {
  const s = {} as TokenStandIns
  beforeAll(async () => {
    s.kosli = await startKosliServer({ token: tokens.kosli })
    s.github = await startGitHubServer({ token: tokens.github })
    s.github.seedRepository({
      owner: OWNER,
      repo: REPO,
      id: EVENT_REPOSITORY.repositoryId,
      description: EVENT_REPOSITORY.description
    })
    s.shas = s.github.seedLinearHistory(OWNER, REPO, 4)
    s.workspace = await makeWorkspace({ 'app.jar': 'the app' })
  })
  afterAll(async () => {
    await Promise.all([s.kosli?.close(), s.github?.close()])
    await removeWorkspace(s.workspace)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.requests.length = 0
  })
  return s
}

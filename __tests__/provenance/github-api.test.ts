import { afterEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type GitHubClient, createGitHubReader } from '../../src/github/reader.js'
import {
  listCommitsBetween,
  readTrailCommit,
  type LocalGit,
  type RunContext
} from '../../src/provenance/index.js'
import { gatherWithDefaults } from './with-defaults.js'

// A commit in the fake repository; the array order is the order they were made (oldest first).
interface FakeCommit {
  sha: string
  message: string
  name: string
  email: string
  time: number
  login: string | null
  parents: string[]
}

interface FakeGitHub {
  github: GitHubClient
  requests: string[]
  close: () => Promise<void>
}

const OWNER = 'acme'
const REPO = 'app'
const REPO_JSON = {
  id: 987,
  full_name: 'acme/app',
  html_url: 'https://github.com/acme/app',
  description: 'The app'
}

// Serves GitHub's shapes for repository, commit and compare, with compare paged through Link headers.
async function startGitHub(
  commits: FakeCommit[],
  options: { unpagedWindow?: 'newest' | 'oldest'; commitStatus?: number } = {}
): Promise<FakeGitHub> {
  const requests: string[] = []
  const bySha = new Map(commits.map(c => [c.sha, c]))
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`)
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const notFound = () => send(404, { message: 'Not Found', documentation_url: 'https://docs' })
    const prefix = `/repos/${OWNER}/${REPO}`
    const path = decodeURIComponent(url.pathname)
    if (req.method !== 'GET' || !path.startsWith(prefix)) return notFound()
    const rest = path.slice(prefix.length)
    if (rest === '') return send(200, REPO_JSON)
    const commitMatch = rest.match(/^\/commits\/([^/]+)$/)
    if (commitMatch) {
      if (options.commitStatus) return send(options.commitStatus, { message: 'Server Error' })
      const commit = bySha.get(commitMatch[1])
      if (!commit) return send(422, { message: `No commit found for SHA: ${commitMatch[1]}` })
      return send(200, commitJson(commit))
    }
    const compareMatch = rest.match(/^\/compare\/([^/]+)\.\.\.([^/]+)$/)
    if (!compareMatch) return notFound()
    const [, base, head] = compareMatch
    if (!bySha.has(base) || !bySha.has(head)) return notFound()
    const inBase = ancestors(bySha, base)
    const inHead = ancestors(bySha, head)
    const list = commits.filter(c => inHead.has(c.sha) && !inBase.has(c.sha))
    const body = {
      url: `${url.origin}${url.pathname}`,
      html_url: `https://github.com/acme/app/compare/${base}...${head}`,
      status: list.length ? 'ahead' : 'identical',
      ahead_by: list.length,
      behind_by: 0,
      total_commits: list.length,
      files: []
    }
    if (!url.searchParams.has('per_page') && !url.searchParams.has('page')) {
      const window = options.unpagedWindow === 'oldest' ? list.slice(0, 250) : list.slice(-250)
      return send(200, { ...body, commits: window.map(commitJson) })
    }
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? 30), 100)
    const page = Number(url.searchParams.get('page') ?? 1)
    const last = Math.max(1, Math.ceil(list.length / perPage))
    const link = (p: number, rel: string) => {
      const target = new URL(url)
      target.searchParams.set('per_page', String(perPage))
      target.searchParams.set('page', String(p))
      return `<${target}>; rel="${rel}"`
    }
    const links = []
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'))
    const slice = list.slice((page - 1) * perPage, page * perPage)
    send(
      200,
      { ...body, commits: slice.map(commitJson) },
      links.length ? { link: links.join(', ') } : {}
    )
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const quiet = { debug() {}, info() {}, warning() {}, startGroup() {}, endGroup() {} }
  return {
    github: createGitHubReader({
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
      timeoutMs: 5000,
      log: quiet
    }),
    requests,
    close: () => new Promise<void>(resolve => server.close(() => resolve()))
  }
}

function ancestors(bySha: Map<string, FakeCommit>, sha: string): Set<string> {
  const seen = new Set<string>()
  const todo = [sha]
  while (todo.length) {
    const next = todo.pop() as string
    if (seen.has(next)) continue
    seen.add(next)
    todo.push(...(bySha.get(next)?.parents ?? []))
  }
  return seen
}

function commitJson(c: FakeCommit) {
  const date = new Date(c.time * 1000).toISOString().replace('.000Z', 'Z')
  const person = { name: c.name, email: c.email, date }
  return {
    sha: c.sha,
    node_id: 'C_x',
    url: `https://api.github.com/repos/acme/app/commits/${c.sha}`,
    html_url: `https://github.com/acme/app/commit/${c.sha}`,
    commit: {
      author: person,
      // A later committer date proves the author date is the one reported.
      committer: { ...person, date: new Date((c.time + 3600) * 1000).toISOString() },
      message: c.message,
      tree: { sha: 'f'.repeat(40), url: 'https://api.github.com/tree' },
      comment_count: 0
    },
    author: c.login ? { login: c.login, id: 1, type: 'User' } : null,
    committer: c.login ? { login: c.login, id: 1, type: 'User' } : null,
    parents: c.parents.map(sha => ({ sha, url: `https://api.github.com/x/${sha}` }))
  }
}

function sha(label: string): string {
  return createHash('sha1').update(label).digest('hex')
}

// A linear history of n commits: c0 <- c1 <- ... <- c(n-1).
function history(n: number, login: (i: number) => string | null = () => 'dev'): FakeCommit[] {
  const out: FakeCommit[] = []
  for (let i = 0; i < n; i++) {
    out.push({
      sha: sha(`commit ${i}`),
      message: `change ${i}\n\nbody ${i}`,
      name: `Dev ${i}`,
      email: `dev${i}@example.com`,
      time: 1_700_000_000 + i * 60,
      login: login(i),
      parents: i === 0 ? [] : [out[i - 1].sha]
    })
  }
  return out
}

function context(eventName: string, payload: Record<string, unknown>, sha: string): RunContext {
  return {
    eventName,
    payload,
    sha,
    ref: 'refs/heads/main',
    refName: 'main',
    refType: 'branch',
    repository: 'acme/app',
    owner: OWNER,
    repo: REPO,
    repositoryId: '987',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '42',
    runAttempt: '3',
    runNumber: '7',
    workflow: 'Build',
    actor: 'octocat',
    workspace: '/nowhere'
  }
}

// Local git must not be needed when the API answers.
const noGit: LocalGit = {
  run: async () => ({ exitCode: 128, stdout: '', stderr: 'fatal: not a git repository' })
}

const servers: FakeGitHub[] = []
async function github(commits: FakeCommit[], options?: Parameters<typeof startGitHub>[1]) {
  const fake = await startGitHub(commits, options)
  servers.push(fake)
  return fake
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map(s => s.close()))
})

const compare = (base: string, head: string) => `GET /repos/acme/app/compare/${base}...${head}`
const getCommit = (ref: string) => `GET /repos/acme/app/commits/${ref}`

describe('gatherProvenance through the GitHub API', () => {
  it('costs a push event one compare call: head commit, list and repository all covered', async () => {
    const commits = history(5)
    const [c0, , , , c4] = commits
    const fake = await github(commits)
    const payload = {
      before: c0.sha,
      after: c4.sha,
      repository: REPO_JSON,
      head_commit: { id: c4.sha, message: 'change 4', author: { username: 'dev' } }
    }
    const result = await gatherWithDefaults(
      context('push', payload, c4.sha),
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([compare(c0.sha, c4.sha)])
    expect(result.gitCommit).toBe(c4.sha)
    expect(result.gitCommitInfo).toEqual({
      sha1: c4.sha,
      message: 'change 4\n\nbody 4',
      author: 'Dev 4 <dev4@example.com>',
      author_username: 'dev',
      branch: 'main',
      timestamp: 1_700_000_240,
      url: `https://github.com/acme/app/commit/${c4.sha}`,
      parents: [commits[3].sha]
    })
    expect(result.commitsList.map(c => c.sha1)).toEqual(
      commits
        .slice(1)
        .map(c => c.sha)
        .reverse()
    )
    expect(result.commitsList[3].parents).toEqual([c0.sha])
    expect(result.repoInfo).toEqual({
      name: 'acme/app',
      url: 'https://github.com/acme/app',
      id: '987',
      description: 'The app',
      provider: 'github'
    })
    expect(result.repoUrl).toBe('https://github.com/acme/app')
    expect(result.buildUrl).toBe('https://github.com/acme/app/actions/runs/42/attempts/3')
    expect(result.commitUrl).toBe(`https://github.com/acme/app/commit/${c4.sha}`)
    expect(result.sources).toEqual([
      'commit details: GitHub compare API',
      'author login: GitHub compare API',
      'commits_list (4): GitHub compare API',
      'repository: event payload'
    ])
  })

  it('reads the commit once when the push created the branch (all-zero before)', async () => {
    const commits = history(3)
    const fake = await github(commits)
    const payload = { before: '0'.repeat(40), after: commits[2].sha, repository: REPO_JSON }
    const result = await gatherWithDefaults(
      context('push', payload, commits[2].sha),
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([getCommit(commits[2].sha)])
    expect(result.commitsList).toEqual([])
    expect(result.gitCommitInfo.parents).toEqual([commits[1].sha])
    expect(result.sources).toContain(
      'commits_list (0): none, the push created the ref (no before commit)'
    )
  })

  it('takes an all-zero commits-base as no base', async () => {
    const commits = history(2)
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('workflow_dispatch', { repository: REPO_JSON }, commits[1].sha),
      { redact: [], commitsBase: '0'.repeat(40) },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([getCommit(commits[1].sha)])
    expect(result.commitsList).toEqual([])
    expect(result.sources).toContain('commits_list (0): commits-base is all zeros')
  })

  it('compares the pull request base with its head and names the head branch', async () => {
    const commits = history(4)
    const fake = await github(commits)
    const payload = {
      pull_request: {
        head: { sha: commits[3].sha, ref: 'feature/login' },
        base: { sha: commits[1].sha, ref: 'main' }
      },
      repository: REPO_JSON
    }
    const ctx = { ...context('pull_request', payload, sha('merge')), headRef: 'feature/login' }
    const result = await gatherWithDefaults(
      ctx,
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([compare(commits[1].sha, commits[3].sha)])
    expect(result.gitCommit).toBe(commits[3].sha)
    expect(result.gitCommitInfo.branch).toBe('feature/login')
    expect(result.commitsList.map(c => [c.sha1, c.branch])).toEqual([
      [commits[3].sha, 'feature/login'],
      [commits[2].sha, 'feature/login']
    ])
  })

  it('asks for the repository only when the payload lacks it', async () => {
    const commits = history(1)
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('schedule', { schedule: '0 * * * *' }, commits[0].sha),
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([getCommit(commits[0].sha), 'GET /repos/acme/app'])
    expect(result.repoInfo?.description).toBe('The app')
    expect(result.gitCommitInfo.parents).toEqual([])
    expect(result.sources).toContain('repository: GitHub API')
    expect(result.sources).toContain('commits_list (0): none, no commits-base on schedule events')
  })

  it('pages through a compare of 300 commits and lists them newest first', async () => {
    const commits = history(301)
    const fake = await github(commits)
    const base = commits[0].sha
    const head = commits[300].sha
    const result = await gatherWithDefaults(
      context('push', { before: base, repository: REPO_JSON }, head),
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(result.commitsList).toHaveLength(300)
    expect(result.commitsList.map(c => c.sha1)).toEqual(
      commits
        .slice(1)
        .map(c => c.sha)
        .reverse()
    )
    expect(result.commitsList[0].parents).toEqual([commits[299].sha])
    // The unpaged call holds the newest 250; page 1 of 100 supplies the 50 oldest.
    expect(fake.requests).toEqual([
      compare(base, head),
      `${compare(base, head)}?per_page=100&page=1`
    ])
    expect(result.sources).toContain('commits_list (300): GitHub compare API')
  })

  it('follows Link pages to the end when the unpaged window is the oldest 250', async () => {
    const commits = history(301)
    const fake = await github(commits, { unpagedWindow: 'oldest' })
    const base = commits[0].sha
    const head = commits[300].sha
    const result = await listCommitsBetween(base, head, context('push', {}, head), {
      github: fake.github,
      git: noGit
    })
    expect(result.shas).toEqual(
      commits
        .slice(1)
        .map(c => c.sha)
        .reverse()
    )
    expect(fake.requests).toHaveLength(4)
    expect(fake.requests[3]).toBe(`${compare(base, head)}?per_page=100&page=3`)
  })

  it('leaves author_username out when GitHub links no account to the author', async () => {
    const commits = history(3, i => (i === 2 ? null : 'dev'))
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('push', { before: commits[0].sha, repository: REPO_JSON }, commits[2].sha),
      { redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(result.gitCommitInfo).not.toHaveProperty('author_username')
    expect(result.commitsList[1].author_username).toBe('dev')
    expect(result.commitsList[0]).not.toHaveProperty('author_username')
    expect(result.sources).toContain(
      'author login: none (no GitHub account is linked to the author email)'
    )
  })

  it('redacts author (with the login), message and branch everywhere', async () => {
    const commits = history(3)
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('push', { before: commits[0].sha, repository: REPO_JSON }, commits[2].sha),
      { redact: ['author', 'message', 'branch'] },
      { github: fake.github, git: noGit }
    )
    for (const commit of [result.gitCommitInfo, ...result.commitsList]) {
      expect(commit.author).toBe('**REDACTED**')
      expect(commit.message).toBe('**REDACTED**')
      expect(commit.branch).toBe('**REDACTED**')
      expect(commit).not.toHaveProperty('author_username')
      expect(commit.parents).toHaveLength(1)
    }
    expect(result.gitCommitInfo.timestamp).toBe(1_700_000_120)
  })

  it('redacts only what is asked', async () => {
    const commits = history(1)
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('workflow_dispatch', { repository: REPO_JSON }, commits[0].sha),
      { redact: ['message'] },
      { github: fake.github, git: noGit }
    )
    expect(result.gitCommitInfo.message).toBe('**REDACTED**')
    expect(result.gitCommitInfo.author).toBe('Dev 0 <dev0@example.com>')
    expect(result.gitCommitInfo.author_username).toBe('dev')
    expect(result.gitCommitInfo.branch).toBe('main')
  })

  it('uses the given git-commit, branch and URLs', async () => {
    const commits = history(2)
    const fake = await github(commits)
    const result = await gatherWithDefaults(
      context('push', { before: '0'.repeat(40), repository: REPO_JSON }, commits[1].sha),
      {
        redact: [],
        gitCommit: commits[0].sha.toUpperCase(),
        branch: 'release',
        buildUrl: 'https://ci.example.com/1',
        commitUrl: 'https://git.example.com/c/1',
        repoUrl: 'https://git.example.com/app'
      },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([getCommit(commits[0].sha)])
    expect(result.gitCommit).toBe(commits[0].sha)
    expect(result.gitCommitInfo.branch).toBe('release')
    expect(result.buildUrl).toBe('https://ci.example.com/1')
    expect(result.commitUrl).toBe('https://git.example.com/c/1')
    expect(result.repoUrl).toBe('https://git.example.com/app')
  })

  it('rejects a git-commit that is not a full SHA, naming the input', async () => {
    const fake = await github([])
    await expect(
      gatherWithDefaults(
        context('push', {}, 'a'.repeat(40)),
        { redact: [], gitCommit: 'abc123' },
        { github: fake.github, git: noGit }
      )
    ).rejects.toThrow('git-commit must be a full 40-character hex commit SHA, got "abc123"')
    expect(fake.requests).toEqual([])
  })

  it('reads the head commit separately when the compare does not contain it', async () => {
    const commits = history(3)
    const fake = await github(commits)
    const head = commits[1].sha
    const base = commits[2].sha
    const result = await gatherWithDefaults(
      context('workflow_dispatch', { repository: REPO_JSON }, head),
      { redact: [], commitsBase: base },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([compare(base, head), getCommit(head)])
    expect(result.commitsList).toEqual([])
    expect(result.gitCommitInfo.sha1).toBe(head)
  })

  it('asks nothing for the list when commits-base is the commit itself', async () => {
    const commits = history(2)
    const fake = await github(commits)
    const head = commits[1].sha
    const result = await gatherWithDefaults(
      context('workflow_dispatch', { repository: REPO_JSON }, head),
      { redact: [], commitsBase: head },
      { github: fake.github, git: noGit }
    )
    expect(fake.requests).toEqual([getCommit(head)])
    expect(result.sources).toContain('commits_list (0): commits-base is the commit itself')
  })
})

describe('listCommitsBetween', () => {
  it('lists every commit after base up to head from the compare API', async () => {
    const commits = history(4)
    const fake = await github(commits)
    const result = await listCommitsBetween(
      commits[0].sha,
      commits[3].sha,
      context('push', {}, commits[3].sha),
      { github: fake.github, git: noGit }
    )
    expect(result).toEqual({
      shas: [commits[3].sha, commits[2].sha, commits[1].sha],
      source: 'GitHub compare API'
    })
  })

  it('is just the head without a base, and asks nothing', async () => {
    const fake = await github([])
    const head = sha('x')
    const result = await listCommitsBetween(undefined, head, context('push', {}, head), {
      github: fake.github,
      git: noGit
    })
    expect(result.shas).toEqual([head])
    expect(fake.requests).toEqual([])
  })
})

describe('readTrailCommit', () => {
  it("reads the commit from the API in the CLI's trail shape: no login, no parents, redacted as asked", async () => {
    const commits = history(3)
    const fake = await github(commits)
    const head = commits[2]
    const ctx = context('workflow_dispatch', {}, head.sha)
    const read = await readTrailCommit(
      ctx,
      { gitCommit: head.sha, redact: [] },
      { github: fake.github, git: noGit }
    )
    expect(read.warning).toBeUndefined()
    expect(read.source).toBe('GitHub API')
    expect(read.commit).toEqual({
      sha1: head.sha,
      message: 'change 2\n\nbody 2',
      author: 'Dev 2 <dev2@example.com>',
      timestamp: 1_700_000_120,
      branch: 'main',
      url: `https://github.com/acme/app/commit/${head.sha}`
    })
    expect(fake.requests).toEqual([getCommit(head.sha)])
    const redacted = await readTrailCommit(
      ctx,
      { gitCommit: head.sha, redact: ['author', 'message', 'branch'], url: 'https://x/c' },
      { github: fake.github, git: noGit }
    )
    expect(redacted.commit).toEqual({
      sha1: head.sha,
      message: '**REDACTED**',
      author: '**REDACTED**',
      timestamp: 1_700_000_120,
      branch: '**REDACTED**',
      url: 'https://x/c'
    })
  })

  it('falls back to local git, then to sha1 and url with a warning naming contents: read and actions/checkout', async () => {
    const fake = await github([], { commitStatus: 403 })
    const head = sha('unreadable')
    const read = await readTrailCommit(
      context('push', {}, head),
      { gitCommit: head, redact: ['author'] },
      { github: fake.github, git: noGit }
    )
    expect(read.commit).toEqual({ sha1: head, url: `https://github.com/acme/app/commit/${head}` })
    expect(read.warning).toContain('only sha1 and url are sent')
    expect(read.warning).toContain('HTTP 403')
    expect(read.warning).toContain('not a git repository')
    expect(read.warning).toContain('permissions: contents: read')
    expect(read.warning).toContain('actions/checkout')
  })
})

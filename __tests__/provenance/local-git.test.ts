import { afterAll, afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createGitHubReader } from '../../src/github/reader.js'
import { createLocalGit, listCommitsBetween, type RunContext } from '../../src/provenance/index.js'
import { gatherWithDefaults } from './with-defaults.js'

const root = mkdtempSync(join(tmpdir(), 'provenance-git-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const T0 = 1_600_000_000

function git(cwd: string, args: string[], time = T0): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_AUTHOR_NAME: 'Ada Lovelace',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'CI Bot',
      GIT_COMMITTER_EMAIL: 'ci@example.com',
      GIT_AUTHOR_DATE: `@${time} +0000`,
      // Committer time differs on purpose: the timestamp must be the author's.
      GIT_COMMITTER_DATE: `@${time + 3600} +0200`
    }
  }).trim()
}

let repos = 0
function makeRepo() {
  const dir = join(root, `repo-${repos++}`)
  execFileSync('mkdir', ['-p', dir])
  git(dir, ['init', '-q', '-b', 'main'])
  const commit = (message: string, time: number) => {
    git(dir, ['commit', '-q', '--allow-empty', '-m', message], time)
    return git(dir, ['rev-parse', 'HEAD'])
  }
  return { dir, commit }
}

// main: c0 - c1 ------ m3   (m3 merges side's s2)
//              \- s2 -/
function repoWithMerge() {
  const repo = makeRepo()
  const c0 = repo.commit('initial', T0)
  const c1 = repo.commit('add feature\n\nWith a body line.', T0 + 100)
  git(repo.dir, ['checkout', '-q', '-b', 'side'])
  const s2 = repo.commit('side work', T0 + 200)
  git(repo.dir, ['checkout', '-q', 'main'])
  git(repo.dir, ['merge', '-q', '--no-ff', '-m', 'Merge side', 'side'], T0 + 300)
  const m3 = git(repo.dir, ['rev-parse', 'HEAD'])
  return { ...repo, c0, c1, s2, m3 }
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
    owner: 'acme',
    repo: 'app',
    repositoryId: '987',
    serverUrl: 'https://github.com',
    apiUrl: 'https://api.github.com',
    runId: '1',
    runAttempt: '1',
    runNumber: '1',
    workflow: 'Build',
    actor: 'octocat',
    workspace: ''
  }
}

const REPOSITORY = { id: 987, full_name: 'acme/app', html_url: 'https://github.com/acme/app' }

// A GitHub that answers every request with one status, and counts them.
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map(close => close()))
})
async function failingGitHub(
  status: number,
  body: unknown = { message: status === 404 ? 'Not Found' : 'Server Error' }
) {
  const requests: string[] = []
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  closers.push(() => new Promise<void>(resolve => server.close(() => resolve())))
  const { port } = server.address() as AddressInfo
  const quiet = { debug() {}, info() {}, warning() {}, startGroup() {}, endGroup() {} }
  return {
    github: createGitHubReader({
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
      timeoutMs: 5000,
      log: quiet
    }),
    requests
  }
}

describe('gatherProvenance from local git', () => {
  it('reads commit, parents, author time and the list without a token', async () => {
    const { dir, c0, c1, s2, m3 } = repoWithMerge()
    const payload = {
      before: c0,
      after: m3,
      repository: REPOSITORY,
      head_commit: { id: m3, author: { username: 'ada-gh' } },
      commits: [{ id: c1, author: { username: 'ada-gh' } }]
    }
    const lines: string[] = []
    const result = await gatherWithDefaults(
      context('push', payload, m3),
      { redact: [] },
      { git: createLocalGit(dir), log: line => lines.push(line) }
    )
    expect(result.gitCommitInfo).toEqual({
      sha1: m3,
      message: 'Merge side',
      author: 'Ada Lovelace <ada@example.com>',
      author_username: 'ada-gh',
      branch: 'main',
      timestamp: T0 + 300,
      url: `https://github.com/acme/app/commit/${m3}`,
      parents: [c1, s2]
    })
    const list = result.commitsList
    expect(list.map(c => c.sha1)).toHaveLength(3)
    // Newest first, as the Kosli CLI sends it: the head leads and c1 comes after it.
    expect(list[0].sha1).toBe(m3)
    expect(list.map(c => c.sha1).indexOf(c1)).toBeGreaterThan(0)
    expect(list.find(c => c.sha1 === c1)).toMatchObject({
      message: 'add feature\n\nWith a body line.',
      author_username: 'ada-gh',
      timestamp: T0 + 100,
      parents: [c0]
    })
    expect(list.find(c => c.sha1 === s2)).not.toHaveProperty('author_username')
    expect(result.sources).toEqual([
      'commit details: local git (GitHub API: not used (no github-token))',
      'author login: push event payload',
      'commits_list (3): local git (GitHub API: not used (no github-token))',
      'repository: event payload'
    ])
    expect(lines).toEqual([
      `read commit ${m3} from local git (GitHub API: not used (no github-token))`
    ])
  })

  it('falls back to git when the API answers 404, and to the run for the repository', async () => {
    const { dir, c0, c1, s2, m3 } = repoWithMerge()
    const fake = await failingGitHub(404)
    const result = await gatherWithDefaults(
      context('push', { before: c0, after: m3 }, m3),
      { redact: [] },
      { github: fake.github, git: createLocalGit(dir) }
    )
    expect(fake.requests).toHaveLength(3)
    expect(result.gitCommitInfo.parents).toEqual([c1, s2])
    expect(result.gitCommitInfo).not.toHaveProperty('author_username')
    expect(result.commitsList).toHaveLength(3)
    expect(result.repoInfo).toEqual({
      name: 'acme/app',
      url: 'https://github.com/acme/app',
      id: '987',
      description: '',
      provider: 'github'
    })
    expect(result.sources[0]).toMatch(
      /^commit details: local git \(GitHub API: HTTP 404 \(Not Found\)/
    )
    expect(result.sources[1]).toBe('author login: unknown (local git has no GitHub logins)')
    expect(result.sources[2]).toMatch(/^commits_list \(3\): local git \(GitHub API: HTTP 404/)
    expect(result.sources[3]).toMatch(
      /^repository: run environment, no description \(GitHub API: HTTP 404/
    )
  })

  it('falls back to git when the API answers 200 with something other than what it documents', async () => {
    const { dir, c0, c1, s2, m3 } = repoWithMerge()
    const fake = await failingGitHub(200, { sha: m3, commit: { message: 7 }, id: 'x' })
    const result = await gatherWithDefaults(
      context('push', { before: c0, after: m3 }, m3),
      { redact: [] },
      { github: fake.github, git: createLocalGit(dir) }
    )
    expect(fake.requests).toHaveLength(3)
    expect(result.gitCommitInfo.parents).toEqual([c1, s2])
    expect(result.gitCommitInfo.message).toBe('Merge side')
    expect(result.commitsList).toHaveLength(3)
    expect(result.sources[0]).toBe(
      'commit details: local git (GitHub API: answered, but not with a commit (commit.message))'
    )
    expect(result.sources[2]).toBe(
      'commits_list (3): local git (GitHub API: answered, but not with a comparison (total_commits, commits))'
    )
    expect(result.sources[3]).toMatch(
      /^repository: run environment, no description \(GitHub API: answered, but not with a repository \(id, full_name, html_url\)\)/
    )
  })

  it('leaves repo_info out when neither the API, the payload nor the run gives a repository id', async () => {
    const { dir, m3 } = repoWithMerge()
    const fake = await failingGitHub(404)
    const result = await gatherWithDefaults(
      { ...context('workflow_dispatch', {}, m3), repositoryId: undefined },
      { redact: [] },
      { github: fake.github, git: createLocalGit(dir) }
    )
    expect(result.repoInfo).toBeUndefined()
    expect(result.sources[3]).toMatch(/^repository: left out, the repository id is unknown/)
  })

  it('falls back to git when the API fails with 5xx', async () => {
    const { dir, c1, m3 } = repoWithMerge()
    const fake = await failingGitHub(503)
    const result = await gatherWithDefaults(
      context('workflow_dispatch', { repository: REPOSITORY }, c1),
      { redact: ['author'] },
      { github: fake.github, git: createLocalGit(dir) }
    )
    expect(m3).not.toBe(c1)
    expect(result.gitCommitInfo.sha1).toBe(c1)
    expect(result.gitCommitInfo.author).toBe('**REDACTED**')
    expect(result.sources[0]).toMatch(/HTTP 503/)
  })

  it('says the clone is shallow when the history is missing, and keeps the build going', async () => {
    const { dir, c0, c1, s2, m3 } = repoWithMerge()
    const shallow = join(root, `shallow-${repos++}`)
    git(root, ['clone', '-q', '--depth', '1', `file://${dir}`, shallow])
    const lines: string[] = []
    const result = await gatherWithDefaults(
      context('push', { before: c0, after: m3, repository: REPOSITORY }, m3),
      { redact: [] },
      { git: createLocalGit(shallow), log: line => lines.push(line) }
    )
    expect(result.gitCommitInfo.sha1).toBe(m3)
    expect(result.gitCommitInfo.parents).toEqual([c1, s2])
    expect(result.commitsList).toEqual([])
    expect(result.sources[2]).toMatch(/^commits_list \(0\): unavailable, could not list/)
    expect(result.sources[2]).toContain('the clone is shallow')
    expect(
      lines.some(l => /commits_list is left empty: .*unknown revision .*shallow/.test(l))
    ).toBe(true)
  })

  it('names both reasons when neither the API nor git knows the commit', async () => {
    const fake = await failingGitHub(404)
    const notARepo = join(root, `empty-${repos++}`)
    execFileSync('mkdir', ['-p', notARepo])
    const missing = 'e'.repeat(40)
    await expect(
      gatherWithDefaults(
        context('workflow_dispatch', { repository: REPOSITORY }, missing),
        { redact: [] },
        { github: fake.github, git: createLocalGit(notARepo) }
      )
    ).rejects.toThrow(
      new RegExp(
        `^could not read commit ${missing}: GitHub API: HTTP 404 \\(Not Found\\).*; ` +
          'local git: the workspace is not a git repository .*' +
          'Check out the repository with actions/checkout, or give git-commit$'
      )
    )
  })

  it('says the commit is not in a full clone when git lacks it', async () => {
    const { dir } = repoWithMerge()
    const missing = 'f'.repeat(40)
    await expect(
      gatherWithDefaults(
        context('workflow_dispatch', {}, missing),
        { redact: [] },
        { git: createLocalGit(dir) }
      )
    ).rejects.toThrow(
      `could not read commit ${missing}: GitHub API: not used (no github-token); ` +
        `local git: unknown revision ${missing}: it is not in the local clone`
    )
  })
})

describe('listCommitsBetween from local git', () => {
  it('lists the commits after base, newest first', async () => {
    const repo = makeRepo()
    const shas = [0, 1, 2, 3].map(i => repo.commit(`c${i}`, T0 + i))
    const result = await listCommitsBetween(shas[0], shas[3], context('push', {}, shas[3]), {
      git: createLocalGit(repo.dir)
    })
    expect(result.shas).toEqual(shas.slice(1).reverse())
    expect(result.source).toBe('local git (GitHub API: not used (no github-token))')
  })

  it('throws with both reasons when neither source can list', async () => {
    const repo = makeRepo()
    const head = repo.commit('only', T0)
    const fake = await failingGitHub(404)
    const base = '1'.repeat(40)
    await expect(
      listCommitsBetween(base, head, context('push', {}, head), {
        github: fake.github,
        git: createLocalGit(repo.dir)
      })
    ).rejects.toThrow(
      new RegExp(
        `could not list the commits after ${base} up to ${head}: GitHub API: HTTP 404.*; ` +
          `local git: unknown revision ${base}\\.\\.${head}: it is not in the local clone`
      )
    )
  })
})

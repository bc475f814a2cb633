import { afterAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultBranch } from '../../src/provenance/context.js'
import { defaultCommitsBase, defaultGitCommit, readRunContext } from '../../src/provenance/index.js'

const dir = mkdtempSync(join(tmpdir(), 'provenance-context-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const SHA = 'a'.repeat(40)
const BEFORE = 'b'.repeat(40)
const PR_HEAD = 'c'.repeat(40)
const PR_BASE = 'd'.repeat(40)
const ZERO = '0'.repeat(40)

let files = 0
function env(event: string, payload: unknown, extra: Record<string, string> = {}) {
  const path = join(dir, `event-${files++}.json`)
  writeFileSync(path, JSON.stringify(payload))
  return {
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: path,
    GITHUB_SHA: SHA,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_REF_NAME: 'main',
    GITHUB_REF_TYPE: 'branch',
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_REPOSITORY_ID: '123',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: 'https://api.github.com',
    GITHUB_RUN_ID: '42',
    GITHUB_RUN_ATTEMPT: '2',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_WORKFLOW: 'Build',
    GITHUB_ACTOR: 'octocat',
    GITHUB_WORKSPACE: '/home/runner/work/app/app',
    ...extra
  }
}

describe('readRunContext', () => {
  it('reads a push run', () => {
    const ctx = readRunContext(env('push', { before: BEFORE, after: SHA }))
    expect(ctx).toEqual({
      eventName: 'push',
      payload: { before: BEFORE, after: SHA },
      sha: SHA,
      ref: 'refs/heads/main',
      refName: 'main',
      refType: 'branch',
      headRef: undefined,
      baseRef: undefined,
      repository: 'acme/app',
      owner: 'acme',
      repo: 'app',
      repositoryId: '123',
      serverUrl: 'https://github.com',
      apiUrl: 'https://api.github.com',
      runId: '42',
      runAttempt: '2',
      runNumber: '7',
      workflow: 'Build',
      actor: 'octocat',
      workspace: '/home/runner/work/app/app'
    })
    expect(defaultGitCommit(ctx)).toBe(SHA)
    expect(defaultCommitsBase(ctx)).toBe(BEFORE)
    expect(defaultBranch(ctx)).toBe('main')
  })

  it('has no base when the push created the branch', () => {
    const ctx = readRunContext(env('push', { before: ZERO, after: SHA }))
    expect(defaultCommitsBase(ctx)).toBeUndefined()
  })

  it('reads a pull_request run: the head commit, the base commit and the head branch', () => {
    const payload = {
      pull_request: {
        head: { sha: PR_HEAD, ref: 'feature/x' },
        base: { sha: PR_BASE, ref: 'main' }
      }
    }
    const ctx = readRunContext(
      env('pull_request', payload, {
        GITHUB_REF: 'refs/pull/5/merge',
        GITHUB_REF_NAME: '5/merge',
        GITHUB_REF_TYPE: '',
        GITHUB_HEAD_REF: 'feature/x',
        GITHUB_BASE_REF: 'main'
      })
    )
    expect(ctx.headRef).toBe('feature/x')
    expect(ctx.baseRef).toBe('main')
    expect(ctx.refType).toBe('')
    expect(defaultGitCommit(ctx)).toBe(PR_HEAD)
    expect(defaultCommitsBase(ctx)).toBe(PR_BASE)
    expect(defaultBranch(ctx)).toBe('feature/x')
  })

  it('treats pull_request_target like pull_request', () => {
    const payload = { pull_request: { head: { sha: PR_HEAD, ref: 'x' }, base: { sha: PR_BASE } } }
    const ctx = readRunContext(env('pull_request_target', payload))
    expect(defaultGitCommit(ctx)).toBe(PR_HEAD)
    expect(defaultCommitsBase(ctx)).toBe(PR_BASE)
    expect(defaultBranch(ctx)).toBe('x')
  })

  it('reads a workflow_dispatch run: the run commit, no base', () => {
    const ctx = readRunContext(env('workflow_dispatch', { inputs: {}, ref: 'refs/heads/main' }))
    expect(defaultGitCommit(ctx)).toBe(SHA)
    expect(defaultCommitsBase(ctx)).toBeUndefined()
    expect(defaultBranch(ctx)).toBe('main')
  })

  it('reads a tag push: the tag name stands in for the branch', () => {
    const ctx = readRunContext(
      env(
        'push',
        { before: ZERO, after: SHA, ref: 'refs/tags/v1.2.0' },
        { GITHUB_REF: 'refs/tags/v1.2.0', GITHUB_REF_NAME: 'v1.2.0', GITHUB_REF_TYPE: 'tag' }
      )
    )
    expect(ctx.refType).toBe('tag')
    expect(ctx.refName).toBe('v1.2.0')
    expect(defaultBranch(ctx)).toBe('v1.2.0')
    expect(defaultGitCommit(ctx)).toBe(SHA)
    expect(defaultCommitsBase(ctx)).toBeUndefined()
  })

  it('reads a deployment run: the run commit, no base', () => {
    const payload = { deployment: { sha: SHA, ref: 'main', environment: 'prod' } }
    const ctx = readRunContext(env('deployment', payload))
    expect(ctx.payload.deployment.environment).toBe('prod')
    expect(defaultGitCommit(ctx)).toBe(SHA)
    expect(defaultCommitsBase(ctx)).toBeUndefined()
  })

  it('derives what the runner left out and defaults to github.com', () => {
    const ctx = readRunContext({
      GITHUB_REF: 'refs/tags/v2',
      GITHUB_REPOSITORY: 'acme/app',
      GITHUB_SHA: 'A'.repeat(40),
      GITHUB_SERVER_URL: 'https://ghe.example.com/'
    })
    expect(ctx.payload).toEqual({})
    expect(ctx.refName).toBe('v2')
    expect(ctx.refType).toBe('tag')
    expect(ctx.owner).toBe('acme')
    expect(ctx.sha).toBe(SHA)
    expect(ctx.serverUrl).toBe('https://ghe.example.com')
    expect(ctx.apiUrl).toBe('https://api.github.com')
    expect(ctx.runAttempt).toBe('1')
  })

  it('treats a missing payload file as an empty payload', () => {
    const ctx = readRunContext({ GITHUB_EVENT_PATH: join(dir, 'missing.json') })
    expect(ctx.payload).toEqual({})
  })

  it('names GITHUB_EVENT_PATH when the payload is not JSON', () => {
    const path = join(dir, 'broken.json')
    writeFileSync(path, '{ nope')
    expect(() => readRunContext({ GITHUB_EVENT_PATH: path })).toThrow(/GITHUB_EVENT_PATH/)
  })

  it('refuses a named pipe at GITHUB_EVENT_PATH without waiting on it', () => {
    const path = join(dir, 'event-pipe.json')
    execFileSync('mkfifo', [path])
    expect(() => readRunContext({ GITHUB_EVENT_PATH: path })).toThrow(
      `GITHUB_EVENT_PATH: the event payload '${path}' is a named pipe (FIFO); give a regular file.`
    )
  })

  it('refuses a payload over 32 MiB before reading it (GitHub caps one at 25 MB)', () => {
    const path = join(dir, 'event-huge.json')
    writeFileSync(path, '')
    truncateSync(path, 32 * 1024 * 1024 + 1)
    expect(() => readRunContext({ GITHUB_EVENT_PATH: path })).toThrow(
      /GITHUB_EVENT_PATH: the event payload .* is 33,554,433 bytes, over the event payload limit of 33,554,432 bytes \(32 MiB\)/
    )
  })

  it('says where the payload stops being JSON, without quoting it', () => {
    const path = join(dir, 'broken-private.json')
    writeFileSync(path, '{\n  "ref": "main",\n  "token": PRIVATE-VALUE\n}\n')
    const read = (): unknown => readRunContext({ GITHUB_EVENT_PATH: path })
    expect(read).toThrow(
      `The event payload at ${path} (GITHUB_EVENT_PATH) is not valid JSON (line 3, column 12)`
    )
    expect(read).not.toThrow(/PRIVATE|token/)
  })
})

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  DEFAULT_SHA,
  defaultDeploymentEvent,
  defaultPullRequestEvent,
  defaultPushEvent,
  defaultTagPushEvent,
  defaultWorkflowDispatchEvent,
  inputVariable,
  parseFileCommand,
  parseWorkflowCommands,
  REPO_ROOT,
  runAction
} from '../../test-support/run-action.js'

const CORE = pathToFileURL(join(REPO_ROOT, 'node_modules/@actions/core/lib/core.js')).href

// A fake action: uses @actions/core as the real one does, reads an input, writes an output
// (multi-line, so GITHUB_OUTPUT gets a heredoc), the summary and annotations, then fails.
const FAKE_ACTION = `
import * as core from '${CORE}'
let name
try {
  name = core.getInput('name', { required: true })
} catch (error) {
  core.setFailed(error.message)
  process.exit()
}
const token = core.getInput('api-token')
core.setSecret(token)
core.setOutput('greeting', 'Hello, ' + name)
core.setOutput('multi', 'line one\\nline two')
core.exportVariable('GREETED', name)
core.saveState('seen', 'yes')
core.addPath('/opt/fake/bin')
await core.summary.addHeading('Report').addRaw('Greeted ' + name).write()
core.warning('careful: 100%')
core.error('first problem', { file: 'app.jar', startLine: 3 })
core.notice('fyi')
core.setFailed('it broke\\non two lines')
`

// Prints what it was given, to check the environment the harness builds.
const ENV_ACTION = `
import { readFileSync } from 'node:fs'
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'PATH'))
const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
console.log(JSON.stringify({ env, event, version: process.version, cwd: process.cwd() }))
`

describe('runAction', () => {
  let dir: string
  let fake: string
  let envDump: string
  let sleeper: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'run-action-test-'))
    fake = join(dir, 'fake-action.mjs')
    envDump = join(dir, 'env-action.mjs')
    sleeper = join(dir, 'sleeper.mjs')
    await writeFile(fake, FAKE_ACTION)
    await writeFile(envDump, ENV_ACTION)
    await writeFile(sleeper, 'setInterval(() => {}, 1000)\n')
  })
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  async function dump(options: Parameters<typeof runAction>[0] = {}): Promise<{
    env: Record<string, string>
    event: Record<string, unknown>
    version: string
    cwd: string
  }> {
    const result = await runAction({ script: envDump, ...options })
    expect(result.exitCode).toBe(0)
    return JSON.parse(result.stdout)
  }

  it('collects outputs, summary, annotations, masks and the exit code', async () => {
    const result = await runAction({
      script: fake,
      inputs: { name: 'Kosli', 'api-token': 's3cret' }
    })
    expect(result.exitCode).toBe(1)
    expect(result.timedOut).toBe(false)
    expect(result.outputs).toEqual({ greeting: 'Hello, Kosli', multi: 'line one\nline two' })
    expect(result.summary).toContain('<h1>Report</h1>')
    expect(result.summary).toContain('Greeted Kosli')
    expect(result.errors).toEqual(['first problem', 'it broke\non two lines'])
    expect(result.warnings).toEqual(['careful: 100%'])
    expect(result.notices).toEqual(['fyi'])
    expect(result.annotations.find(a => a.level === 'error')).toEqual({
      level: 'error',
      message: 'first problem',
      properties: { file: 'app.jar', line: '3' }
    })
    expect(result.masks).toEqual(['s3cret'])
    expect(result.exportedEnv).toEqual({ GREETED: 'Kosli' })
    expect(result.state).toEqual({ seen: 'yes' })
    expect(result.paths).toEqual(['/opt/fake/bin'])
    expect(result.durationMs).toBeGreaterThan(0)
  })

  it('fails like the runner when a required input is missing', async () => {
    const result = await runAction({ script: fake })
    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual(['Input required and not supplied: name'])
  })

  it('runs on Node 24 with a minimal environment and no KOSLI_* from the test process', async () => {
    process.env.KOSLI_API_TOKEN = 'leaked-from-the-test-process'
    try {
      const { env, version } = await dump({
        inputs: { 'api-token': 'x', 'display name': 'y' },
        env: { KOSLI_ORG: 'acme' }
      })
      expect(version).toMatch(/^v24\./)
      expect(env.KOSLI_API_TOKEN).toBeUndefined()
      expect(env.NODE_OPTIONS).toBeUndefined()
      expect(env.KOSLI_ORG).toBe('acme')
      expect(env['INPUT_API-TOKEN']).toBe('x')
      expect(env['INPUT_DISPLAY_NAME']).toBe('y')
      expect(env).toMatchObject({
        GITHUB_ACTIONS: 'true',
        CI: 'true',
        RUNNER_OS: 'Linux',
        GITHUB_EVENT_NAME: 'workflow_dispatch',
        GITHUB_SHA: DEFAULT_SHA,
        GITHUB_REF: 'refs/heads/main',
        GITHUB_REF_NAME: 'main',
        GITHUB_REF_TYPE: 'branch',
        GITHUB_REPOSITORY: 'acme/app',
        GITHUB_REPOSITORY_OWNER: 'acme',
        GITHUB_SERVER_URL: 'https://github.com',
        GITHUB_API_URL: 'https://api.github.com',
        GITHUB_RUN_ATTEMPT: '1',
        GITHUB_HEAD_REF: '',
        GITHUB_BASE_REF: ''
      })
      for (const name of [
        'GITHUB_OUTPUT',
        'GITHUB_STEP_SUMMARY',
        'GITHUB_ENV',
        'GITHUB_STATE',
        'GITHUB_PATH',
        'GITHUB_EVENT_PATH',
        'RUNNER_TEMP',
        'HOME',
        'GITHUB_REPOSITORY_ID',
        'GITHUB_RUN_ID',
        'GITHUB_RUN_NUMBER',
        'GITHUB_WORKFLOW',
        'GITHUB_ACTOR',
        'GITHUB_JOB',
        'GITHUB_WORKSPACE'
      ]) {
        expect(env[name]).toBeTruthy()
      }
      const allowed = /^(HOME|CI|INPUT_.*|GITHUB_.*|RUNNER_.*|KOSLI_ORG)$/
      expect(Object.keys(env).filter(k => !allowed.test(k))).toEqual([])
    } finally {
      delete process.env.KOSLI_API_TOKEN
    }
  })

  it('applies the github overrides and runs in cwd, the default workspace', async () => {
    const { env, cwd } = await dump({
      cwd: dir,
      github: { apiUrl: 'http://127.0.0.1:1', runId: '77', actor: 'ada', workflow: 'Release' }
    })
    expect(cwd).toBe(dir)
    expect(env).toMatchObject({
      GITHUB_WORKSPACE: dir,
      GITHUB_API_URL: 'http://127.0.0.1:1',
      GITHUB_RUN_ID: '77',
      GITHUB_ACTOR: 'ada',
      GITHUB_WORKFLOW: 'Release'
    })
  })

  it("fills the inputs' defaults from action.yml as the runner does", async () => {
    const { env } = await dump({
      actionYml: join(REPO_ROOT, 'action.yml'),
      inputs: { approval: 'approve' },
      github: { token: 'ghs_from_context' }
    })
    expect(env['INPUT_GITHUB-TOKEN']).toBe('ghs_from_context')
    expect(env['INPUT_REPORT']).toBe('auto')
    expect(env['INPUT_APPROVAL']).toBe('approve')
    expect(env['INPUT_MAX-RETRIES']).toBe('3')
    // Inputs with a KOSLI_* fallback have no default, so the runner leaves them unset.
    expect(env['INPUT_API-TOKEN']).toBeUndefined()
    expect(env['INPUT_ORG']).toBeUndefined()
  })

  it('kills the child after timeoutMs and says so', async () => {
    const result = await runAction({ script: sleeper, timeoutMs: 300 })
    expect(result.timedOut).toBe(true)
    expect(result.exitCode).toBeNull()
    expect(result.signal).toBe('SIGKILL')
    expect(result.stderr).toContain('killed after 300 ms')
    expect(result.durationMs).toBeLessThan(5000)
  })

  it('writes a push event and takes the sha and ref from it', async () => {
    const commits = [
      {
        sha: '1'.repeat(40),
        message: 'One',
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        login: 'ada',
        timestamp: 1_700_000_000,
        parents: ['0'.repeat(39) + '9']
      },
      {
        sha: '2'.repeat(40),
        message: 'Two',
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        timestamp: 1_700_000_060
      }
    ]
    const { env, event } = await dump({ event: defaultPushEvent({ commits }) })
    expect(env).toMatchObject({ GITHUB_EVENT_NAME: 'push', GITHUB_SHA: '2'.repeat(40) })
    expect(event).toMatchObject({
      ref: 'refs/heads/main',
      before: '0'.repeat(39) + '9',
      after: '2'.repeat(40),
      head_commit: { id: '2'.repeat(40), message: 'Two' },
      repository: { id: 123456789, name: 'app', full_name: 'acme/app', owner: { login: 'acme' } },
      sender: { login: 'octocat' }
    })
    expect((event.commits as Array<{ author: object }>)[0].author).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      username: 'ada'
    })
  })

  it('writes pull_request, tag push, workflow_dispatch and deployment events', async () => {
    const pr = await dump({
      event: defaultPullRequestEvent({
        number: 12,
        headSha: 'c'.repeat(40),
        baseSha: 'd'.repeat(40)
      })
    })
    expect(pr.env).toMatchObject({
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REF: 'refs/pull/12/merge',
      GITHUB_HEAD_REF: 'feature',
      GITHUB_BASE_REF: 'main'
    })
    expect(pr.env.GITHUB_SHA).not.toBe('c'.repeat(40))
    expect(pr.event).toMatchObject({
      number: 12,
      pull_request: { head: { sha: 'c'.repeat(40), ref: 'feature' }, base: { sha: 'd'.repeat(40) } }
    })

    const tag = await dump({ event: defaultTagPushEvent({ tag: 'v2.0.0', sha: 'e'.repeat(40) }) })
    expect(tag.env).toMatchObject({
      GITHUB_REF: 'refs/tags/v2.0.0',
      GITHUB_REF_NAME: 'v2.0.0',
      GITHUB_REF_TYPE: 'tag',
      GITHUB_SHA: 'e'.repeat(40)
    })

    const dispatch = await dump({
      event: defaultWorkflowDispatchEvent({ inputs: { env: 'prod' }, sha: 'f'.repeat(40) })
    })
    expect(dispatch.env.GITHUB_SHA).toBe('f'.repeat(40))
    expect(dispatch.event).toMatchObject({ inputs: { env: 'prod' }, ref: 'refs/heads/main' })

    const deployment = await dump({
      event: defaultDeploymentEvent({ environment: 'staging', sha: 'a'.repeat(40) }),
      github: { repository: 'umbrella/web' }
    })
    expect(deployment.env).toMatchObject({
      GITHUB_EVENT_NAME: 'deployment',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REPOSITORY: 'umbrella/web',
      GITHUB_REPOSITORY_OWNER: 'umbrella'
    })
    expect(deployment.event).toMatchObject({
      deployment: { environment: 'staging', sha: 'a'.repeat(40), ref: 'main' }
    })
  })

  it("runs the test bundle's index.js by default", async () => {
    const result = await runAction({
      github: { apiUrl: 'http://127.0.0.1:1' },
      timeoutMs: 30_000
    })
    expect(result.timedOut).toBe(false)
    expect(typeof result.exitCode).toBe('number')
  })

  it('resolves (does not reject) when the script does not exist', async () => {
    const result = await runAction({ script: join(dir, 'missing.mjs') })
    expect(result.exitCode).toBe(1)
    expect(result.stderr).toContain('Cannot find module')
  })
})

describe('runner file and command formats', () => {
  it('names inputs as the runner does', () => {
    expect(inputVariable('api-token')).toBe('INPUT_API-TOKEN')
    expect(inputVariable('display name')).toBe('INPUT_DISPLAY_NAME')
  })

  it('parses heredoc and name=value entries', () => {
    const text = [
      'a<<ghadelimiter_1',
      'x=1',
      '',
      'y<<z',
      'ghadelimiter_1',
      'b=c<<d',
      'e<<EOF',
      'EOF',
      ''
    ].join('\n')
    expect(parseFileCommand(text)).toEqual({ a: 'x=1\n\ny<<z', b: 'c<<d', e: '' })
    expect(() => parseFileCommand('f<<END\nno end')).toThrow(/unterminated/)
  })

  it('ignores commands between stop-commands and its token', () => {
    const text = [
      '::error::one',
      '::stop-commands::pause',
      '::error::ignored',
      '::pause::',
      '  ::warning title=T%3A1::two%0Athree'
    ].join('\n')
    expect(parseWorkflowCommands(text).annotations).toEqual([
      { level: 'error', message: 'one', properties: {} },
      { level: 'warning', message: 'two\nthree', properties: { title: 'T:1' } }
    ])
  })
})

// The bundled action reports build output to the Kosli stand-in with the provenance it gathers
// from the event and the GitHub stand-in, one scenario per test.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { existsSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions,
  defaultPullRequestEvent,
  defaultTagPushEvent,
  defaultWorkflowDispatchEvent
} from '../../test-support/run-action.js'
import {
  EVENT_REPOSITORY,
  ZERO_SHA,
  artifactsOutput,
  directoryDigest,
  expectedReportBody,
  makeWorkspace,
  onlyReportBody,
  pushEvent,
  removeWorkspace,
  reportRequests,
  secretLeaks,
  seededCommits,
  sha256
} from './report-helpers.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const APP_JAR = 'the app, compiled'
const APP_JAR_FP = sha256(APP_JAR)

describe('report (e2e, bundled action)', () => {
  let s: StandIns
  let workspace: string | undefined
  let results: ActionResult[] = []

  // Every run is kept, so that each test also checks that no token leaked.
  async function run(options: RunActionOptions): Promise<ActionResult> {
    const result = await s.run(options)
    results.push(result)
    return result
  }

  beforeAll(async () => {
    s = await startStandIns(5)
  })
  afterAll(async () => {
    await s.close()
  })
  beforeEach(() => {
    s.kosli.reset()
    // reset() forgets the seeded repository too, so re-seed the same history (same shas).
    s.github.reset()
    s.github.seedRepository({
      owner: OWNER,
      repo: REPO,
      id: 4242,
      description: 'The app',
      orgOwned: true
    })
    const shas = s.github.seedLinearHistory(OWNER, REPO, 5)
    expect(shas).toEqual(s.shas)
  })
  afterEach(async () => {
    await removeWorkspace(workspace)
    workspace = undefined
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  async function appJarWorkspace(): Promise<string> {
    workspace = await makeWorkspace({ build: { 'app.jar': APP_JAR } })
    return workspace
  }

  describe('events', () => {
    it('push: reports every provenance field, the commits after before, in one Kosli and at most two GitHub requests', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[1]),
        inputs: { artifact: 'build/app.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const body = onlyReportBody(s.kosli)
      expect(body).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[4],
          branch: 'main',
          commitsList: s.shas.slice(2).reverse()
        })
      )
      // Field by field, for the parts a toEqual failure makes hard to read.
      const info = body.git_commit_info as Record<string, unknown>
      expect(info.timestamp).toBe(1_700_000_240)
      expect(Number.isInteger(info.timestamp)).toBe(true)
      expect(info.author).toBe('Mona Lisa <mona@example.com>')
      expect(info.author_username).toBe('mona')
      expect(info.parents).toEqual([s.shas[3]])
      // Newest first, as the Kosli CLI sends it; the push's before commit is not in it.
      expect((body.commits_list as Array<{ sha1: string }>).map(c => c.sha1)).toEqual([
        s.shas[4],
        s.shas[3],
        s.shas[2]
      ])
      expect(body.build_url).toBe('https://github.com/acme/app/actions/runs/9876543210/attempts/1')
      expect(body.trail_name).toBe(s.shas[4])
      // The log says where each part came from.
      expect(result.stdout).toContain('commits_list (3): GitHub compare API')
      expect(result.stdout).toContain('repository: event payload')

      // The request budget: one to Kosli, at most two to GitHub.
      expect(s.kosli.requests).toHaveLength(1)
      expect(s.kosli.requests[0].headers.authorization).toBe(`Bearer ${s.kosli.token}`)
      expect(s.kosli.requests[0].headers['content-type']).toMatch(/^application\/json/)
      expect(s.github.requests.length).toBeGreaterThanOrEqual(1)
      expect(s.github.requests.length).toBeLessThanOrEqual(2)
    })

    it('push: every optional field that is given is sent under its Kosli field name', async () => {
      const cwd = await appJarWorkspace()
      const sbom = 'AB'.repeat(32)
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[3]),
        github: { runId: '555', runAttempt: '3' },
        inputs: {
          artifact: 'build/app.jar',
          'display-name': 'backend.jar',
          'template-reference-name': 'backend',
          trail: 'release-1.2',
          description: 'The backend service',
          annotations: 'team=platform\nticket=ABC-1',
          'external-urls': `docs=https://docs.example.com/app\nsbom=https://example.com/sbom.json@${sbom}`,
          'user-data': '{"build": {"number": 42, "tags": ["a", "b"]}}',
          'is-compliant': 'false',
          template: 'artifact, unit-test'
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'backend.jar',
          gitCommit: s.shas[4],
          branch: 'main',
          commitsList: [s.shas[4]],
          extra: {
            build_url: 'https://github.com/acme/app/actions/runs/555/attempts/3',
            trail_name: 'release-1.2',
            template_reference_name: 'backend',
            description: 'The backend service',
            annotations: { team: 'platform', ticket: 'ABC-1' },
            external_urls: {
              docs: { href: 'https://docs.example.com/app' },
              sbom: { href: 'https://example.com/sbom.json', fingerprint: sbom.toLowerCase() }
            },
            user_data: { build: { number: 42, tags: ['a', 'b'] } },
            is_compliant: false,
            template: ['artifact', 'unit-test']
          }
        })
      )
    })

    it('external-urls with and without a fingerprint: Kosli takes each as href (+ fingerprint)', async () => {
      const cwd = await appJarWorkspace()
      const sbom = 'cd'.repeat(32)
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[3]),
        inputs: {
          artifact: 'build/app.jar',
          'external-urls': `docs=https://docs.example.com/app\nsbom=https://example.com/sbom.json@${sbom}`
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(reportRequests(s.kosli).map(r => r.status)).toEqual([201])
      expect(s.kosli.artifact(APP_JAR_FP)?.external_urls).toEqual({
        docs: { href: 'https://docs.example.com/app' },
        sbom: { href: 'https://example.com/sbom.json', fingerprint: sbom }
      })
    })

    it('push that creates a branch (before is all zeros): commits_list is empty', async () => {
      const cwd = await appJarWorkspace()
      s.github.seedBranch(OWNER, REPO, 'feature/x', s.shas[4])
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, ZERO_SHA, { ref: 'refs/heads/feature/x' }),
        inputs: { artifact: 'build/app.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[4],
          branch: 'feature/x',
          commitsList: []
        })
      )
      // Nothing to compare against: no compare request.
      expect(s.github.requests.filter(r => r.path.includes('/compare/'))).toEqual([])
    })

    it('pull_request: reports the head commit (not the merge commit) on the head branch', async () => {
      const cwd = await appJarWorkspace()
      const event = defaultPullRequestEvent({
        ...EVENT_REPOSITORY,
        headSha: s.shas[4],
        headRef: 'feature/login',
        baseSha: s.shas[2],
        baseRef: 'main'
      })
      const mergeSha = event.github?.sha as string
      expect(mergeSha).toMatch(/^[0-9a-f]{40}$/)
      expect(mergeSha).not.toBe(s.shas[4])

      const result = await run({ cwd, event, inputs: { artifact: 'build/app.jar' } })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[4],
          branch: 'feature/login',
          commitsList: [s.shas[4], s.shas[3]]
        })
      )
      const everything = JSON.stringify([s.kosli.requests, s.github.requests])
      expect(everything).not.toContain(mergeSha)
    })

    it('workflow_dispatch: the run commit, no commits_list, the branch of the ref', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: defaultWorkflowDispatchEvent({
          ...EVENT_REPOSITORY,
          ref: 'refs/heads/main',
          sha: s.shas[3]
        }),
        inputs: { artifact: 'build/app.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[3],
          branch: 'main',
          commitsList: []
        })
      )
      // The commit comes from the API (GET commit); the repository from the payload.
      expect(s.github.requests.map(r => r.path)).toEqual([`/repos/acme/app/commits/${s.shas[3]}`])
    })

    it('tag push: the tagged commit, named by the tag, with no commits_list', async () => {
      const cwd = await appJarWorkspace()
      s.github.seedTag(OWNER, REPO, 'v1.2.0', s.shas[2])
      const [tagged] = seededCommits(s.github, [s.shas[2]])
      const result = await run({
        cwd,
        event: defaultTagPushEvent({ ...EVENT_REPOSITORY, tag: 'v1.2.0', commit: tagged }),
        inputs: { artifact: 'build/app.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[2],
          branch: 'v1.2.0',
          commitsList: []
        })
      )
    })
  })

  describe('what is reported', () => {
    it('one file: the sha256 of its bytes, named by its basename', async () => {
      const content = 'this is non empty.'
      workspace = await makeWorkspace({ 'release.tgz': content })
      const result = await run({ cwd: workspace, inputs: { artifact: 'release.tgz' } })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const body = onlyReportBody(s.kosli)
      // The known vector and an independent digest agree.
      expect(body.fingerprint).toBe(
        'a50afcf37a327e0715b3148c2625bc28b3e4dcdf32b6cf78c8b8fa3ac1ebfe47'
      )
      expect(body.fingerprint).toBe(sha256(content))
      expect(body.filename).toBe('release.tgz')
      expect(artifactsOutput(result)).toEqual([
        {
          name: 'release.tgz',
          fingerprint: sha256(content),
          type: 'file',
          path: 'release.tgz',
          url: `${s.kosli.url}/acme/flows/app/artifacts/${sha256(content)}`,
          reported: true
        }
      ])
    })

    it('a directory: the Kosli directory digest, named by the directory', async () => {
      workspace = await makeWorkspace({ dist: { 'sample.txt': 'some content.' } })
      const result = await run({ cwd: workspace, inputs: { artifact: 'dist' } })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const body = onlyReportBody(s.kosli)
      expect(body.fingerprint).toBe(
        '388ab80164bbd9d96f132b046b8d09354f68b79a3668da7b507625cd1230dddf'
      )
      expect(body.fingerprint).toBe(directoryDigest({ 'sample.txt': 'some content.' }))
      expect(body.filename).toBe('dist')
      expect(artifactsOutput(result)[0]).toMatchObject({ type: 'dir', path: 'dist' })
    })

    it('a nested directory with an exclude: the digest of what is left', async () => {
      const tree = {
        'sample.yaml': 'some content. And some more.',
        'nested-dir': { file1: 'content1', file2: 'content2' },
        logs: { file1: 'content1' }
      }
      workspace = await makeWorkspace({ out: tree })
      const result = await run({
        cwd: workspace,
        inputs: { artifact: 'out', exclude: 'logs' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const { logs: _logs, ...kept } = tree
      const expected = directoryDigest(kept)
      expect(expected).toBe('5d3c17dae9e208bbb92ee04ff8342abf77cb0959764def4af3ccfe9a2109d4a7')
      expect(onlyReportBody(s.kosli).fingerprint).toBe(expected)
    })

    it('a glob matching several files: one artifact each, named by its workspace-relative path', async () => {
      workspace = await makeWorkspace({
        build: { libs: { 'a.jar': 'jar a', 'b.jar': 'jar b', 'notes.txt': 'not a jar' } },
        other: { 'c.jar': 'jar c' }
      })
      const result = await run({
        cwd: workspace,
        event: pushEvent(s.github, s.shas, s.shas[2]),
        inputs: { artifact: 'build/**/*.jar\nother/c.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const bodies = s.kosli.writes().map(w => w.body as Record<string, unknown>)
      const byName = Object.fromEntries(bodies.map(b => [b.filename, b.fingerprint]))
      expect(byName).toEqual({
        'build/libs/a.jar': sha256('jar a'),
        'build/libs/b.jar': sha256('jar b'),
        'other/c.jar': sha256('jar c')
      })
      // Each carries the same provenance.
      for (const body of bodies) {
        expect(body).toEqual(
          expectedReportBody(s.github, {
            fingerprint: body.fingerprint as string,
            filename: body.filename as string,
            gitCommit: s.shas[4],
            branch: 'main',
            commitsList: [s.shas[4], s.shas[3]]
          })
        )
      }
      // In the order of the patterns, matches in path order; the first is the fingerprint output.
      expect(artifactsOutput(result).map(a => a.name)).toEqual([
        'build/libs/a.jar',
        'build/libs/b.jar',
        'other/c.jar'
      ])
      expect(result.outputs.fingerprint).toBe(sha256('jar a'))
    })

    it('a given sha256: digest in upper case is reported lowered', async () => {
      const hex = 'ABCDEF0123456789'.repeat(4)
      const result = await run({
        event: pushEvent(s.github, s.shas, s.shas[3]),
        inputs: { fingerprint: `sha256:${hex}`, 'display-name': 'ghcr.io/acme/app:1.2' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toEqual(
        expectedReportBody(s.github, {
          fingerprint: hex.toLowerCase(),
          filename: 'ghcr.io/acme/app:1.2',
          gitCommit: s.shas[4],
          branch: 'main',
          commitsList: [s.shas[4]]
        })
      )
      expect(result.outputs.fingerprint).toBe(hex.toLowerCase())
      expect(artifactsOutput(result)).toEqual([
        {
          name: 'ghcr.io/acme/app:1.2',
          fingerprint: hex.toLowerCase(),
          type: 'digest',
          url: `${s.kosli.url}/acme/flows/app/artifacts/${hex.toLowerCase()}`,
          reported: true
        }
      ])
    })
    it('a pattern that matches nothing fails the step, naming it, and writes nothing', async () => {
      workspace = await makeWorkspace({ build: { 'app.jar': APP_JAR } })
      const result = await run({
        cwd: workspace,
        inputs: { artifact: 'build/app.jar\nbuild/*.war' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('build/*.war')
      expect(s.kosli.requests).toEqual([])
    })

    it('directories and files from one glob: every digest, each as its own artifact', async () => {
      const web = { 'index.html': '<html>', js: { 'main.js': 'main' } }
      const cli = { 'main.js': 'cli' }
      workspace = await makeWorkspace({
        out: { web, cli, 'notes.txt': 'notes', 'single.txt': { 'x.txt': 'x' } },
        'app.jar': APP_JAR
      })
      const result = await run({ cwd: workspace, inputs: { artifact: 'out/*\napp.jar' } })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(artifactsOutput(result).map(a => [a.name, a.type, a.fingerprint])).toEqual([
        ['out/cli', 'dir', directoryDigest(cli)],
        ['out/notes.txt', 'file', sha256('notes')],
        ['out/single.txt', 'dir', directoryDigest({ 'x.txt': 'x' })],
        ['out/web', 'dir', directoryDigest(web)],
        ['app.jar', 'file', APP_JAR_FP]
      ])
    })

    it('a file that reads without end fails the step at fingerprint-timeout, naming it', async () => {
      // A regular file of size 0 to stat that reads for minutes, as a stalled mount would.
      if (!existsSync('/proc/self/pagemap')) return
      workspace = await makeWorkspace({ dist: { 'app.js': 'app' } })
      symlinkSync('/proc/self/pagemap', join(workspace, 'dist', 'pagemap'))
      const result = await run({
        cwd: workspace,
        inputs: { artifact: 'dist', 'fingerprint-timeout': '1' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        'Fingerprinting did not finish within fingerprint-timeout (1 s): it was still reading '
      )
      expect(result.errors[0]).toContain(`dist/pagemap'`)
      expect(s.kosli.writes()).toEqual([])
    })

    it('user-data from a .json file in the workspace', async () => {
      workspace = await makeWorkspace({
        'app.jar': APP_JAR,
        meta: { 'build.json': '{"pipeline": "ci", "attempt": 2}' }
      })
      const result = await run({
        cwd: workspace,
        inputs: { artifact: 'app.jar', 'user-data': 'meta/build.json' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli).user_data).toEqual({ pipeline: 'ci', attempt: 2 })
    })
  })

  describe('environment fallbacks', () => {
    const hex = 'c0ffee'.repeat(10) + 'c0ff'

    it('KOSLI_* variables fill the inputs that are empty', async () => {
      const result = await run({
        event: pushEvent(s.github, s.shas, s.shas[3]),
        inputs: { 'api-token': '', org: '', flow: '', host: '' },
        env: {
          KOSLI_API_TOKEN: s.kosli.token,
          KOSLI_ORG: 'acme',
          KOSLI_FLOW: 'app',
          KOSLI_HOST: s.kosli.url,
          KOSLI_TRAIL: 'trail-from-env',
          KOSLI_NAME: 'name-from-env',
          KOSLI_FINGERPRINT: hex
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const body = onlyReportBody(s.kosli)
      expect(body).toMatchObject({
        fingerprint: hex,
        trail_name: 'trail-from-env',
        template_reference_name: 'name-from-env'
      })
      expect(s.kosli.writes()[0].headers.authorization).toBe(`Bearer ${s.kosli.token}`)
      expect(result.outputs['artifact-url']).toBe(`${s.kosli.url}/acme/flows/app/artifacts/${hex}`)
    })

    it('an input wins over its KOSLI_* variable', async () => {
      const given = 'beef'.repeat(16)
      const result = await run({
        event: pushEvent(s.github, s.shas, s.shas[3]),
        inputs: {
          trail: 'trail-from-input',
          'template-reference-name': 'name-from-input',
          fingerprint: given,
          'dry-run': 'false'
        },
        env: {
          // Each of these would fail the step or go elsewhere if it were used.
          KOSLI_API_TOKEN: 'not-the-token',
          KOSLI_ORG: 'other-org',
          KOSLI_FLOW: 'other-flow',
          KOSLI_HOST: 'http://127.0.0.1:9',
          KOSLI_TRAIL: 'trail-from-env',
          KOSLI_NAME: 'name-from-env',
          KOSLI_FINGERPRINT: hex,
          KOSLI_DRY_RUN: 'true'
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(onlyReportBody(s.kosli)).toMatchObject({
        fingerprint: given,
        trail_name: 'trail-from-input',
        template_reference_name: 'name-from-input'
      })
    })

    it('KOSLI_DRY_RUN=true makes a dry run', async () => {
      const result = await run({
        event: pushEvent(s.github, s.shas, s.shas[3]),
        inputs: { fingerprint: hex },
        env: { KOSLI_DRY_RUN: 'true' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(s.kosli.requests).toEqual([])
      expect(result.stdout).toContain(`POST ${s.kosli.url}/api/v2/artifacts/acme/app`)
    })
  })

  describe('dry run', () => {
    it('sends no write and prints the body it would send (no api-token needed)', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[2]),
        inputs: { artifact: 'build/app.jar', 'dry-run': 'true', 'api-token': '' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(s.kosli.writes()).toEqual([])
      expect(s.kosli.requests).toEqual([])
      expect(s.github.writes()).toEqual([])

      // The printed request: method and URL, then the pretty JSON body, in a log group.
      const url = `${s.kosli.url}/api/v2/artifacts/acme/app`
      const lines = result.stdout.split('\n')
      const group = lines.indexOf(`::group::Dry run: POST ${url}`)
      expect(group).toBeGreaterThanOrEqual(0)
      const end = lines.indexOf('::endgroup::', group)
      expect(lines[group + 1]).toBe(`POST ${url}`)
      const printed = JSON.parse(lines.slice(group + 2, end).join('\n')) as unknown
      expect(printed).toEqual(
        expectedReportBody(s.github, {
          fingerprint: APP_JAR_FP,
          filename: 'app.jar',
          gitCommit: s.shas[4],
          branch: 'main',
          commitsList: [s.shas[4], s.shas[3]]
        })
      )
      expect(result.summary).toContain(
        '**Dry run:** reads were sent to Kosli and GitHub; every write was printed in the log instead of sent.'
      )
      expect(result.summary).toContain('🧪 **Dry run: would report 1 artifact to flow app**')
      // Nothing was written, so no Kosli page is linked.
      expect(result.summary).not.toContain(`](${s.kosli.url}`)
    })
  })

  describe('outputs and summary', () => {
    it('sets fingerprint, artifacts and artifact-url, and writes the summary table', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[1]),
        inputs: { artifact: 'build/app.jar' }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const url = `${s.kosli.url}/acme/flows/app/artifacts/${APP_JAR_FP}`
      expect(result.outputs.fingerprint).toBe(APP_JAR_FP)
      expect(result.outputs['artifact-url']).toBe(url)
      expect(artifactsOutput(result)).toEqual([
        {
          name: 'app.jar',
          fingerprint: APP_JAR_FP,
          type: 'file',
          path: 'build/app.jar',
          url,
          reported: true
        }
      ])

      const head = s.shas[4]
      const summary = result.summary
      expect(summary).toContain('## Kosli')
      expect(summary).toContain(
        `✅ **Reported 1 artifact to flow [app](${s.kosli.url}/acme/flows/app)** · trail [\`${head}\`](${s.kosli.url}/acme/flows/app/trails/${head}).`
      )
      expect(summary).toContain(
        `Org **acme** · commit [${head.slice(0, 7)}](https://github.com/acme/app/commit/${head}) · 3 commit(s) since the last build`
      )
      expect(summary).toContain('| Artifact | Fingerprint | Type | Compliance | Reported |')
      expect(summary).toContain(
        `| app.jar | [${APP_JAR_FP.slice(0, 12)}](${url}) | file | – | ✅ |`
      )
      expect(summary).not.toContain('Dry run')
    })
  })

  describe('invalid input', () => {
    it('a bad trail fails before any request, with one error naming the input', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[1]),
        inputs: { artifact: 'build/app.jar', trail: '-starts-with-a-dash' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain("'trail'")
      expect(result.errors[0]).toContain('"-starts-with-a-dash"')
      expect(result.errors[0]).toContain('^[a-zA-Z0-9][a-zA-Z0-9\\-_.~]*$')
      expect(s.kosli.requests).toEqual([])
      expect(s.github.requests).toEqual([])
      expect(reportRequests(s.kosli)).toEqual([])
      // The summary names the input to fix, once, and what is wrong with it.
      expect(result.summary).toContain(
        '❌ **Failed: invalid input, so nothing was sent.** Fix this input: `trail`.'
      )
      expect(result.summary).toContain("- 'trail': ")
      expect(result.summary).toContain('-starts-with-a-dash')
    })

    it('several bad inputs: the summary lists each input to fix, and shows no token', async () => {
      const cwd = await appJarWorkspace()
      const result = await run({
        cwd,
        event: pushEvent(s.github, s.shas, s.shas[1]),
        inputs: { artifact: 'build/app.jar', 'max-retries': 'lots', 'dry-run': 'maybe' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.summary).toMatch(/Fix these inputs: `[a-z-]+`, `[a-z-]+`\./)
      expect(result.summary).toContain('`max-retries`')
      expect(result.summary).toContain('`dry-run`')
      expect(result.summary).not.toContain(s.kosli.token)
      expect(s.kosli.requests).toEqual([])
    })
  })
})

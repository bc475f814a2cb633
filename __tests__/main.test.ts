// main.run in process, against the Kosli and GitHub stand-ins over real HTTP on 127.0.0.1: every
// stage runs from src/, so a stage that breaks fails here without any bundle.
import {
  afterAll,
  afterEach,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  jest
} from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Config, parseInputs } from '../src/inputs/index.js'
import { runMain as run } from '../src/actions/main.js'
import type { RunContext } from '../src/provenance/index.js'
import type { RunOutcome } from '../src/stages/run-summary.js'
import { parseFileCommand } from '../test-support/run-action.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../test-support/stand-ins.js'

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex')

let s: StandIns
let workspace: string
let stdout: string[]
let files: { output: string; summary: string }
let runnerFiles: string
const savedEnv = { ...process.env }

// The runner's output and summary files: one pair for every test, emptied before each.
beforeAll(async () => {
  runnerFiles = await mkdtemp(join(tmpdir(), 'main-run-files-'))
  files = { output: join(runnerFiles, 'github_output'), summary: join(runnerFiles, 'summary.md') }
})
afterAll(async () => {
  await rm(runnerFiles, { recursive: true, force: true })
})

beforeEach(async () => {
  s = await startStandIns()
  workspace = await mkdtemp(join(tmpdir(), 'main-run-'))
  await writeFile(join(workspace, 'app.jar'), 'the app')
  await writeFile(join(workspace, 'lib.jar'), 'the lib')
  // Outputs and the summary go to these files, and everything else to stdout.
  await writeFile(files.output, '')
  await writeFile(files.summary, '')
  process.env.GITHUB_OUTPUT = files.output
  process.env.GITHUB_STEP_SUMMARY = files.summary
  stdout = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk))
    return true
  })
})

afterEach(async () => {
  jest.restoreAllMocks()
  process.env = { ...savedEnv }
  await s.close()
  await rm(workspace, { recursive: true, force: true })
})

function head(): string {
  return s.shas[s.shas.length - 1]
}

function context(): RunContext {
  return {
    eventName: 'workflow_dispatch',
    payload: {},
    sha: head(),
    ref: 'refs/heads/main',
    refName: 'main',
    refType: 'branch',
    repository: `${OWNER}/${REPO}`,
    owner: OWNER,
    repo: REPO,
    serverUrl: 'https://github.com',
    apiUrl: s.github.url,
    runId: '42',
    runAttempt: '1',
    runNumber: '7',
    workflow: 'Build',
    actor: 'octocat',
    workspace
  }
}

function config(inputs: Record<string, string>): Config {
  return parseInputs(
    {
      'api-token': s.kosli.token,
      'github-token': s.github.token,
      org: 'acme',
      flow: 'app',
      host: s.kosli.url,
      'max-retries': '0',
      ...inputs
    },
    {},
    workspace
  )
}

async function outputs(): Promise<Record<string, string>> {
  return parseFileCommand(await readFile(files.output, 'utf8'))
}

async function summary(): Promise<string> {
  return readFile(files.summary, 'utf8')
}

function printed(): string {
  return stdout.join('')
}

describe('run: report', () => {
  it('reports the artifact with its provenance and writes the outputs and the summary', async () => {
    const outcome = await run(config({ artifact: 'app.jar', 'commits-base': s.shas[1] }), context())

    const [reported] = s.kosli.artifacts()
    expect(reported.fingerprint).toBe(sha256('the app'))
    expect(reported.filename).toBe('app.jar')
    expect(reported.git_commit).toBe(head())
    expect(reported.commits_list?.map(commit => commit.sha1)).toEqual(s.shas.slice(2).reverse())
    expect(reported.build_url).toBe(
      `https://github.com/${OWNER}/${REPO}/actions/runs/42/attempts/1`
    )
    expect(outcome).toMatchObject({
      gitCommit: head(),
      trail: head(),
      commitsCount: 3,
      commitUrl: `https://github.com/${OWNER}/${REPO}/commit/${head()}`,
      artifacts: [{ name: 'app.jar', reported: true }]
    })
    const out = await outputs()
    expect(out.fingerprint).toBe(sha256('the app'))
    expect(JSON.parse(out.artifacts)).toEqual([
      expect.objectContaining({ name: 'app.jar', reported: true })
    ])
    expect(await summary()).toContain('app.jar')
    expect(printed()).toContain('Provenance')
  })

  it('in dry run sends no write to Kosli and prints what it would send', async () => {
    const outcome = await run(config({ artifact: 'app.jar', 'dry-run': 'true' }), context())

    expect(s.kosli.writes()).toEqual([])
    expect(s.kosli.artifacts()).toEqual([])
    expect(outcome.dryRun).toBe(true)
    expect(printed()).toMatch(/Dry run: POST \S+\/artifacts\/acme\/app/)
    expect(JSON.parse((await outputs()).artifacts)).toEqual([
      expect.objectContaining({ name: 'app.jar', reported: true })
    ])
  })

  it('with on-kosli-unavailable: warn ends successfully and says so in the outcome', async () => {
    s.kosli.injectFault({ status: 503 }, { match: { method: 'POST' } })

    const outcome = await run(
      config({ artifact: 'app.jar', 'on-kosli-unavailable': 'warn' }),
      context()
    )

    expect(outcome.kosliUnavailable).toMatch(/503/)
    expect(outcome.error).toBeUndefined()
    expect(printed()).toMatch(/::warning::Kosli is unavailable/)
    expect(await summary()).toMatch(/unavailable/i)
  })

  it('when one of two reports fails, fails and still writes which artifacts were reported', async () => {
    s.kosli.injectFault({ status: 400 }, { match: { method: 'POST' } })

    await expect(run(config({ artifact: 'app.jar\nlib.jar' }), context())).rejects.toThrow(
      /Reported 1 of 2 artifacts/
    )

    expect(s.kosli.artifacts()).toHaveLength(1)
    const listed = JSON.parse((await outputs()).artifacts) as Array<Record<string, unknown>>
    expect(listed.map(artifact => artifact.reported).sort()).toEqual([false, true])
    expect(listed.find(artifact => artifact.reported === false)?.error).toMatch(/400/)
    expect(await summary()).toMatch(/Reported 1 of 2 artifacts/)
  })
})

describe('run: approvals', () => {
  it('reports the artifact and creates an approval for it', async () => {
    const outcome = await run(
      config({ artifact: 'app.jar', approval: 'approve', 'approval-environment': 'prod' }),
      context()
    )

    const [approval] = s.kosli.approvals()
    expect(approval).toMatchObject({
      artifact_fingerprint: sha256('the app'),
      environment: 'prod',
      state: 'APPROVED'
    })
    expect(outcome.approvals).toEqual([
      expect.objectContaining({
        artifact: 'app.jar',
        state: 'APPROVED',
        releaseNumber: approval.release_number,
        reused: false
      })
    ])
    expect((await outputs())['approval-number']).toBe(String(approval.release_number))
  })
})

describe('run: deploy', () => {
  it('looks up the compliance of a given digest, checks it, and records the deployment', async () => {
    const fingerprint = sha256('built elsewhere')
    s.kosli.seedArtifact({
      fingerprint,
      filename: 'registry/app',
      git_commit: head(),
      state: 'COMPLIANT'
    })

    const outcome: RunOutcome = await run(
      config({
        fingerprint,
        'deployment-environment': 'production',
        'require-compliant': 'true'
      }),
      context()
    )

    const records = s.github.deploymentRecords(OWNER)
    expect(records).toHaveLength(1)
    expect(records[0]).toMatchObject({
      digest: `sha256:${fingerprint}`,
      logical_environment: 'production'
    })
    expect(outcome.artifacts).toEqual([
      expect.objectContaining({ name: 'registry/app', complianceState: 'COMPLIANT' })
    ])
    expect(outcome.deployments).toEqual([
      expect.objectContaining({ environment: 'production', complianceState: 'COMPLIANT' })
    ])
    const out = await outputs()
    expect(out['compliance-state']).toBe('COMPLIANT')
    expect(out['deployment-record-ids']).toBe(String(records[0].id))
  })

  it('with require-compliant refuses a non-compliant artifact and records nothing', async () => {
    const fingerprint = sha256('not ready')
    s.kosli.seedArtifact({ fingerprint, git_commit: head(), state: 'NON-COMPLIANT' })

    await expect(
      run(
        config({
          fingerprint,
          'deployment-environment': 'production',
          'require-compliant': 'true'
        }),
        context()
      )
    ).rejects.toThrow(/do not pass Kosli's assert against the template of flow 'app'/)

    // The gate is Kosli's assert, one call per artifact, scoped to the flow.
    expect(s.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))).toEqual([
      expect.objectContaining({ query: { flow_name: 'app' } })
    ])
    expect(s.github.deploymentRecords(OWNER)).toEqual([])
    // What the lookup found is in the outputs of the failed step.
    expect((await outputs())['compliance-state']).toBe('NON-COMPLIANT')
  })

  it("resolves the commit's artifacts from Kosli when none is given", async () => {
    const fingerprint = sha256('from the build job')
    s.kosli.seedArtifact({
      fingerprint,
      filename: 'web.tar',
      git_commit: head(),
      state: 'COMPLIANT'
    })

    const outcome = await run(config({ 'deployment-environment': 'staging' }), context())

    expect(outcome.artifacts).toEqual([
      expect.objectContaining({ name: 'web.tar', fingerprint, type: 'kosli' })
    ])
    expect(s.github.deploymentRecords(OWNER)).toEqual([
      expect.objectContaining({ digest: `sha256:${fingerprint}`, logical_environment: 'staging' })
    ])
    expect(s.kosli.writes()).toEqual([])
  })
})

describe('run: flow and trail', () => {
  const TEMPLATE = `version: 1
trail:
  artifacts:
    - name: app
      attestations:
        - name: unit-tests
          type: junit
`

  it('creates the flow, begins the trail, then reports onto it, and summarises the trail', async () => {
    await writeFile(join(workspace, 'kosli.yml'), TEMPLATE)

    const outcome = await run(
      config({
        artifact: 'app.jar',
        'template-reference-name': 'app',
        'flow-template': 'kosli.yml',
        'flow-description': 'The app',
        'begin-trail': 'true',
        description: 'The artifact, not the trail'
      }),
      { ...context(), repositoryId: '4242' }
    )

    const kosliCalls = s.kosli.requests.map(r => `${r.method} ${r.path}`)
    expect(kosliCalls).toEqual([
      'PUT /api/v2/flows/acme/template_file',
      'PUT /api/v2/trails/acme/app',
      expect.stringMatching(/^(GET|PUT|POST) \/api\/v2\/artifacts\//),
      ...kosliCalls.slice(3, -1),
      `GET /api/v2/trails/acme/app/${head()}`
    ])
    expect(s.kosli.evidence.trail('acme', 'app', head())).toMatchObject({
      description: null,
      gitCommitInfo: { sha1: head() },
      repoInfo: { name: 'acme/app', id: '4242' },
      originUrl: `https://github.com/${OWNER}/${REPO}/actions/runs/42`
    })
    expect(s.kosli.artifacts()[0]).toMatchObject({ trail_name: head() })
    expect(outcome.trail).toBe(head())
    const text = await summary()
    // The verdict says what the step did, the flow and the trail first.
    expect(text).toMatch(
      /✅ \*\*Created or updated flow .+ from its template, began trail `[0-9a-f]{40}` and reported 1 artifact to flow /
    )
    expect(text).toMatch(
      /#### Trail \[.+\]\(.+\/acme\/flows\/app\/trails\/[0-9a-f]{40}\) — ⏳ INCOMPLETE/
    )
    expect(text).toMatch(/\| app \| unit-tests \| junit \| ⏳ missing \|/)
  })

  it('a plain report reads no trail', async () => {
    await run(config({ artifact: 'app.jar' }), context())
    expect(s.kosli.requests.filter(r => r.path.startsWith('/api/v2/trails/'))).toEqual([])
    expect(await summary()).not.toContain('#### Trail')
  })

  it('a trail that cannot be read for the summary is a warning, not a failure', async () => {
    s.kosli.injectFault(
      { status: 400 },
      { match: { method: 'GET', path: `/api/v2/trails/acme/app/${head()}` } }
    )
    const outcome = await run(config({ 'begin-trail': 'true' }), context())
    expect(outcome.error).toBeUndefined()
    expect(printed()).toMatch(/::warning::Could not read the trail for the job summary/)
    expect(s.kosli.evidence.trail('acme', 'app', head())).toBeDefined()
  })

  it('an invalid template fails before any request, naming the file and the key', async () => {
    await writeFile(
      join(workspace, 'bad.yml'),
      'version: 1\ntrail:\n  attestations:\n    - name: x\n      kind: junit\n'
    )
    await expect(
      run(config({ artifact: 'app.jar', 'trail-template': 'bad.yml' }), context())
    ).rejects.toThrow(
      /trail-template '.*bad\.yml' is not a valid version-1 template: .*line 5: trail\.attestations\[0\]\.kind: unknown key/
    )
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
  })
})

describe('run: require-compliant with Kosli unavailable', () => {
  it('with warn skips the gate out loud, leaves compliance-state empty, and still records', async () => {
    const fingerprint = sha256('built elsewhere')
    s.kosli.injectFault({ status: 503 }, { times: Infinity })

    const outcome = await run(
      config({
        fingerprint,
        'display-name': 'registry/app',
        'deployment-environment': 'production',
        'require-compliant': 'true',
        'on-kosli-unavailable': 'warn'
      }),
      context()
    )

    expect(outcome.gateNotChecked).toMatch(/503/)
    expect(s.github.deploymentRecords(OWNER)).toHaveLength(1)
    expect(printed()).toMatch(
      /::warning::Kosli is unavailable, so the require-compliant gate was skipped/
    )
    expect((await outputs())['compliance-state']).toBeUndefined()
    const text = await summary()
    expect(text).toContain('require-compliant: not checked')
    expect(text).toContain('the deployment records were written without it')
    expect(text).toContain('⚠️ not checked')
  })
})

describe('run: require-compliant when Kosli is down before the gate', () => {
  it("says the gate was not checked when the commit's artifacts cannot be looked up", async () => {
    s.kosli.injectFault({ status: 503 }, { times: Infinity })

    const outcome = await run(
      config({
        'deployment-environment': 'production',
        'require-compliant': 'true',
        'on-kosli-unavailable': 'warn'
      }),
      context()
    )

    expect(outcome.kosliUnavailable).toMatch(/503/)
    expect(outcome.gateNotChecked).toMatch(/503/)
    expect(printed()).toMatch(/::warning::.*the require-compliant gate was skipped: not checked/)
    const text = await summary()
    expect(text).toContain('require-compliant: not checked')
    expect(text).not.toContain('deployment records were written')
    expect(s.github.deploymentRecords(OWNER)).toEqual([])
  })
})

describe('run: a deploy job that also reports, with Kosli unavailable', () => {
  // action.md, on-kosli-unavailable: "warn skips the Kosli stages that cannot run, with a warning
  // for each, and the step succeeds; stages that need only GitHub (deployment records of given
  // artifacts) still run."
  it('with warn still records the deployment of the given artifact', async () => {
    s.kosli.injectFault({ status: 503 }, { times: Infinity })

    const outcome = await run(
      config({
        artifact: 'app.jar',
        report: 'true',
        approval: 'approve',
        'deployment-environment': 'production',
        'require-compliant': 'true',
        'on-kosli-unavailable': 'warn',
        'max-retries': '0'
      }),
      context()
    )

    expect(outcome.kosliUnavailable).toMatch(/503/)
    expect(outcome.error).toBeUndefined()
    expect(outcome.gateNotChecked).toMatch(/503/)
    expect(s.github.deploymentRecords(OWNER)).toEqual([
      expect.objectContaining({ digest: `sha256:${sha256('the app')}`, name: 'app.jar' })
    ])
    // One warning for each Kosli stage skipped; the later ones are not tried again.
    expect(printed()).toMatch(/::warning::Kosli is unavailable, so the artifacts were not reported/)
    expect(printed()).toMatch(/::warning::Kosli is unavailable, so no approval was created/)
    expect(printed()).toMatch(/::warning::Kosli is unavailable, so the require-compliant gate/)
    expect(s.kosli.requests.filter(request => request.path.includes('/approvals/'))).toEqual([])
  })

  it('with fail records nothing', async () => {
    s.kosli.injectFault({ status: 503 }, { times: Infinity })

    await expect(
      run(
        config({
          artifact: 'app.jar',
          report: 'true',
          'deployment-environment': 'production',
          'max-retries': '0'
        }),
        context()
      )
    ).rejects.toThrow(/503/)
    expect(s.github.deploymentRecords(OWNER)).toEqual([])
  })
})

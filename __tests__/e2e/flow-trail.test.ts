// The main action's flow and trail inputs and its require-compliant gate, bundled, against the
// Kosli and GitHub stand-ins: templates, re-runs that wipe nothing, dry run, and Kosli down.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionResult, DEFAULT_ACTION_TOKEN } from '../../test-support/run-action.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { logGroups, resetStandIns } from './deploy-helpers.js'
import { makeWorkspace, removeWorkspace, secretLeaks, sha256 } from './report-helpers.js'

const FLOW_TEMPLATE = `version: 1
trail:
  attestations:
    - name: code-review
      type: pull_request
  artifacts:
    - name: web
      attestations:
        - name: unit-tests
          type: junit
`
const TRAIL_TEMPLATE = `version: 1
trail:
  attestations:
    - name: sign-off
      type: generic
`
// A key one level down that the version-1 schema does not have.
const TYPO_TEMPLATE = `version: 1
trail:
  artifacts:
    - name: web
      attestation:
        - name: unit-tests
          type: junit
`
const APP = 'web app binary'
const APP_FP = sha256(APP)
const RUN = 'https://github.com/acme/app/actions/runs/9876543210'

describe('main action: flow and trail (e2e, bundled)', () => {
  let s: StandIns
  let workspace: string
  let commit: string
  let results: ActionResult[] = []

  async function run(inputs: Record<string, string>): Promise<ActionResult> {
    const result = await s.run({ cwd: workspace, inputs })
    results.push(result)
    return result
  }
  const kosliCalls = () => s.kosli.requests.map(r => `${r.method} ${r.path}`)
  const received = () => s.kosli.evidence.received

  beforeAll(async () => {
    s = await startStandIns(5)
    commit = s.shas[s.shas.length - 1]
    workspace = await makeWorkspace({
      'app.bin': APP,
      'kosli.yml': FLOW_TEMPLATE,
      'trail.yml': TRAIL_TEMPLATE,
      'typo.yml': TYPO_TEMPLATE,
      'user.json': JSON.stringify({ ticket: 'OPS-1' }),
      'unit.xml': '<testsuite name="u"><testcase name="a" time="1"/></testsuite>'
    })
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
  })
  beforeEach(() => resetStandIns(s))
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  describe('flow-template', () => {
    it('creates a new flow from its template before reporting the artifact to it', async () => {
      const result = await run({
        flow: 'web',
        'flow-template': 'kosli.yml',
        artifact: 'app.bin',
        'template-reference-name': 'web'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(kosliCalls().slice(0, 2)).toEqual([
        // A new flow: nothing to keep, so it gets an empty description.
        'GET /api/v2/flows/acme/web',
        'PUT /api/v2/flows/acme/template_file'
      ])
      const [put] = received()
      expect(put.dataJson).toEqual({ name: 'web', description: '' })
      expect(put.files.map(f => [f.field, f.filename, f.contentType])).toEqual([
        ['template_file', 'kosli.yml', 'application/octet-stream']
      ])
      expect(s.kosli.evidence.flow('acme', 'web')?.templateYaml).toBe(FLOW_TEMPLATE)
      expect(s.kosli.artifacts({ flow: 'web' })).toEqual([
        expect.objectContaining({ fingerprint: APP_FP, template_reference_name: 'web' })
      ])
    })

    it('keeps the description of the flow on a re-run without flow-description', async () => {
      const first = await run({
        flow: 'web',
        'flow-template': 'kosli.yml',
        'flow-description': 'The web app',
        'begin-trail': 'true'
      })
      expect(first.exitCode).toBe(0)
      const again = await run({ flow: 'web', 'flow-template': 'kosli.yml', 'begin-trail': 'true' })
      expect(again.exitCode).toBe(0)
      const flowPuts = received().filter(r => r.path === '/api/v2/flows/acme/template_file')
      expect(flowPuts.map(r => r.dataJson)).toEqual([
        { name: 'web', description: 'The web app' },
        { name: 'web', description: 'The web app' }
      ])
      expect(s.kosli.evidence.flow('acme', 'web')?.description).toBe('The web app')
    })

    it('refuses an invalid template before any request, naming the file and the key', async () => {
      const result = await run({
        'flow-template': 'typo.yml',
        'begin-trail': 'true',
        artifact: 'app.bin'
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toMatch(
        /^flow-template '.*typo\.yml' is not a valid version-1 template: line 5: trail\.artifacts\[0\]\.attestation: unknown key \(allowed: name, attestations\)/
      )
      expect(s.kosli.requests).toEqual([])
      expect(s.github.requests).toEqual([])
    })

    it('refuses a template that is not there, before any request', async () => {
      const result = await run({ 'trail-template': 'nowhere.yml', artifact: 'app.bin' })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toMatch(
        /trail-template: the template '.*nowhere\.yml' cannot be read/
      )
      expect(s.kosli.requests).toEqual([])
      expect(s.github.requests).toEqual([])
    })
  })

  describe('begin-trail', () => {
    it('begins the trail with the commit, the repository and the run, then reports onto it', async () => {
      const result = await run({
        'begin-trail': 'true',
        'trail-description': 'Release candidate',
        artifact: 'app.bin',
        description: 'the artifact',
        annotations: 'team=web',
        'user-data': 'user.json'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const trailPut = kosliCalls().indexOf('PUT /api/v2/trails/acme/app')
      const report = kosliCalls().findIndex(c => c.startsWith('POST /api/v2/artifacts/'))
      expect(trailPut).toBeGreaterThanOrEqual(0)
      expect(report).toBeGreaterThan(trailPut)
      const [put] = received()
      // The artifact's description, annotations and user data are not the trail's.
      expect(put.dataJson).toEqual({
        name: commit,
        description: 'Release candidate',
        // The full commit, as the CLI sends it to a trail: no login, no parents.
        git_commit_info: {
          sha1: commit,
          message: 'Change 5',
          author: 'Mona Lisa <mona@example.com>',
          timestamp: 1_700_000_240,
          branch: 'main',
          url: `https://github.com/acme/app/commit/${commit}`
        },
        repo_info: {
          name: 'acme/app',
          url: 'https://github.com/acme/app',
          id: expect.any(String),
          provider: 'github'
        },
        origin_url: RUN
      })
      expect(put.files).toEqual([])
      // The trail's state in the summary: one read, after the report.
      expect(kosliCalls().at(-1)).toBe(`GET /api/v2/trails/acme/app/${commit}`)
      expect(result.summary).toContain(`](${s.kosli.url}/acme/flows/app/trails/${commit})`)
    })

    it('a re-run wipes neither the description nor the user data', async () => {
      expect((await run({ 'begin-trail': 'true', 'trail-description': 'Kept' })).exitCode).toBe(0)
      s.kosli.evidence.trail('acme', 'app', commit)!.userData = { set: 'by someone else' }
      const again = await run({ 'begin-trail': 'true', artifact: 'app.bin' })
      expect(again.exitCode).toBe(0)
      const puts = received().filter(r => r.path === '/api/v2/trails/acme/app')
      expect(puts).toHaveLength(2)
      expect(puts[1].dataJson).not.toHaveProperty('description')
      expect(puts[1].dataJson).not.toHaveProperty('user_data')
      expect(puts[1].status).toBe(200)
      expect(s.kosli.evidence.trail('acme', 'app', commit)).toMatchObject({
        description: 'Kept',
        userData: { set: 'by someone else' }
      })
    })

    it('trail-template begins the trail with its own template, and the summary lists it', async () => {
      const result = await run({ 'trail-template': 'trail.yml', trail: 'release-7' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const [put] = received()
      expect(put.path).toBe('/api/v2/trails/acme/app')
      expect(put.dataJson).toMatchObject({ name: 'release-7' })
      expect(put.files.map(f => [f.field, f.filename, f.size])).toEqual([
        ['template_file', 'trail.yml', Buffer.byteLength(TRAIL_TEMPLATE)]
      ])
      expect(s.kosli.evidence.trail('acme', 'app', 'release-7')?.template).toEqual({
        version: 1,
        trail: { attestations: [{ name: 'sign-off', type: 'generic' }] }
      })
      expect(result.summary).toMatch(/\| \(trail\) \| sign-off \| generic \| ⏳ missing \|/)
    })

    it('a plain report sends one request per artifact and reads no trail', async () => {
      const result = await run({ artifact: 'app.bin' })
      expect(result.exitCode).toBe(0)
      expect(kosliCalls().filter(c => c.includes('/trails/') || c.includes('/flows/'))).toEqual([])
      expect(result.summary).not.toContain('#### Trail')
    })

    it('dry run prints each multipart write (files by name and size) and sends only reads', async () => {
      const result = await run({
        'dry-run': 'true',
        'flow-template': 'kosli.yml',
        'trail-template': 'trail.yml',
        artifact: 'app.bin'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(s.kosli.writes()).toEqual([])
      expect(kosliCalls()).toEqual(['GET /api/v2/flows/acme/app'])
      const groups = logGroups(result.stdout)
      const flow = groups.find(
        g => g.title === `Dry run: PUT ${s.kosli.url}/api/v2/flows/acme/template_file`
      )
      const trail = groups.find(
        g => g.title === `Dry run: PUT ${s.kosli.url}/api/v2/trails/acme/app`
      )
      expect(flow?.lines.join('\n')).toContain(
        `template_file: kosli.yml (${Buffer.byteLength(FLOW_TEMPLATE)} bytes)`
      )
      expect(flow?.lines.join('\n')).toContain('"description": ""')
      const trailText = trail?.lines.join('\n') ?? ''
      expect(trailText).toContain('(multipart/form-data)')
      expect(trailText).toContain(
        `template_file: trail.yml (${Buffer.byteLength(TRAIL_TEMPLATE)} bytes)`
      )
      expect(trailText).toContain(`"origin_url": "${RUN}"`)
    })

    it('with Kosli down and warn, ends successfully saying nothing was recorded', async () => {
      s.kosli.injectFault({ status: 503 }, { times: Infinity })
      const result = await run({
        'begin-trail': 'true',
        artifact: 'app.bin',
        'max-retries': '0',
        'on-kosli-unavailable': 'warn'
      })
      expect(result.exitCode).toBe(0)
      expect(result.warnings.join('\n')).toContain('Kosli is unavailable')
      // The trail came first: nothing after it was sent.
      expect(kosliCalls()).toEqual(['PUT /api/v2/trails/acme/app'])
      expect(s.kosli.evidence.trails()).toEqual([])
    })
  })

  describe('require-compliant through assert', () => {
    const TEMPLATE = {
      version: 1 as const,
      trail: { artifacts: [{ name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }] }
    }
    function seedBuild(): void {
      s.kosli.evidence.seedTrail('acme', 'app', commit, TEMPLATE)
      s.kosli.seedArtifact({
        fingerprint: APP_FP,
        filename: 'web-app',
        git_commit: commit,
        trail_name: commit,
        template_reference_name: 'web'
      })
    }
    const deploy = { 'deployment-environment': 'production', 'require-compliant': 'true' }
    const assertCalls = () => s.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))
    const records = () => s.github.deploymentRecords('acme')

    it("against the flow's template: fails naming what is missing, and records nothing", async () => {
      seedBuild()
      const result = await run(deploy)
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        `require-compliant is true, and 1 of 1 artifact(s) do not pass Kosli's assert against the template of flow 'app'; no deployment was recorded:\n- web-app (${APP_FP.slice(0, 12)}): missing the required 'unit-tests' attestation in its trail`
      ])
      expect(assertCalls().map(r => r.query)).toEqual([{ flow_name: 'app' }])
      expect(records()).toEqual([])
      expect(s.github.writes()).toEqual([])
    })

    it('passes once the evidence is recorded, then records the deployment', async () => {
      seedBuild()
      const junit = await s.run({
        cwd: workspace,
        subAction: 'attest',
        inputs: { type: 'junit', name: 'web.unit-tests', results: 'unit.xml' }
      })
      expect(junit.exitCode).toBe(0)
      const result = await run(deploy)
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(assertCalls()).toHaveLength(1)
      expect(records()).toEqual([expect.objectContaining({ digest: `sha256:${APP_FP}` })])
    })

    it("against kosli-environment's policies", async () => {
      seedBuild()
      s.kosli.evidence.seedPolicy('acme', {
        name: 'needs-review',
        attestations: [{ name: 'code-review', type: 'pull_request' }]
      })
      s.kosli.evidence.seedEnvironment('acme', 'prod-eu', ['needs-review'])
      const result = await run({ ...deploy, 'kosli-environment': 'prod-eu' })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain("against the policies of environment 'prod-eu'")
      expect(result.errors[0]).toContain(
        "policy 'needs-review': missing the required 'code-review' (pull_request) attestation"
      )
      expect(assertCalls().map(r => r.query)).toEqual([
        { flow_name: 'app', environment_name: 'prod-eu' }
      ])
      expect(records()).toEqual([])
    })

    it('with Kosli down and warn: the gate is skipped out loud, and the records are still written', async () => {
      s.kosli.injectFault({ status: 503 }, { times: Infinity })
      const result = await run({
        ...deploy,
        fingerprint: APP_FP,
        'display-name': 'web-app',
        'max-retries': '0',
        'on-kosli-unavailable': 'warn'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.warnings.join('\n')).toContain(
        'Kosli is unavailable, so the require-compliant gate was skipped: nothing was checked'
      )
      expect(result.outputs['compliance-state']).toBeUndefined()
      expect(result.summary).toContain('require-compliant: not checked')
      expect(result.summary).toContain('⚠️ not checked')
      expect(records()).toEqual([expect.objectContaining({ digest: `sha256:${APP_FP}` })])
    })
  })
})

// The attest/ and assert/ sub-actions, bundled, against the Kosli and GitHub stand-ins: each
// attestation type, dry run, faults, bad inputs that fail before any write, re-runs, and the gate.
import { rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions
} from '../../test-support/run-action.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { makeWorkspace, removeWorkspace, secretLeaks, sha256 } from './report-helpers.js'

const JUNIT_PASS = `<?xml version="1.0"?>
<testsuites>
  <testsuite name="unit" tests="2" timestamp="2024-05-01T10:00:00.123Z">
    <testcase name="a" time="0.5"/>
    <testcase name="b" time="0.25"/>
  </testsuite>
</testsuites>`
const JUNIT_FAIL = `<?xml version="1.0"?>
<testsuite name="api" tests="99">
  <testcase name="ok" time="1"/>
  <testcase name="broken" time="1"><failure message="expected 1"/></testcase>
  <testcase name="later" time="0"><skipped/></testcase>
</testsuite>`
const JUNIT_BROKEN = `<?xml version="1.0"?>
<testsuite name="x">
  <testcase name="a">
</testsuite>`
const SARIF = JSON.stringify({
  $schema:
    'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: { driver: { name: 'Snyk Open Source', version: '1.1290.0' } },
      results: [
        {
          ruleId: 'SNYK-JS-A',
          level: 'error',
          message: { text: 'Prototype pollution' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'package.json' },
                region: { startLine: 3, endLine: 5 }
              }
            }
          ]
        }
      ]
    }
  ]
})
const APP = 'web app binary'
const APP_FP = sha256(APP)
const TEMPLATE = {
  version: 1 as const,
  trail: {
    attestations: [{ name: 'code-review', type: 'pull_request' }],
    artifacts: [{ name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }]
  }
}

describe('attest/ and assert/ (e2e, bundled sub-actions)', () => {
  let s: StandIns
  let workspace: string
  let results: ActionResult[] = []
  let commit: string

  async function attest(inputs: Record<string, string>, options: RunActionOptions = {}) {
    const result = await s.run({ cwd: workspace, subAction: 'attest', ...options, inputs })
    results.push(result)
    return result
  }
  async function assertGate(inputs: Record<string, string>, options: RunActionOptions = {}) {
    const result = await s.run({ cwd: workspace, subAction: 'assert', ...options, inputs })
    results.push(result)
    return result
  }
  const recorded = () => s.kosli.evidence.attestations()
  const writes = () => s.kosli.requests.filter(r => r.method !== 'GET')

  beforeAll(async () => {
    s = await startStandIns(5)
    commit = s.shas[s.shas.length - 1]
    workspace = await makeWorkspace({
      'app.bin': APP,
      'reports/unit.xml': JUNIT_PASS,
      'reports/api.xml': JUNIT_FAIL,
      'reports/nested/more.xml': JUNIT_PASS.replace('unit', 'more'),
      'fail/api.xml': JUNIT_FAIL,
      'broken.xml': JUNIT_BROKEN,
      'snyk.sarif': SARIF,
      'snyk.json': JSON.stringify({ vulnerabilities: [], ok: true }),
      'data.json': JSON.stringify({ coverage: 91 }),
      'notes.txt': 'reviewed by the team'
    })
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.pulls.reset()
    s.github.requests.length = 0
    s.kosli.evidence.seedTrail('acme', 'app', commit, TEMPLATE)
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  describe('generic', () => {
    it('records the verdict given as a step outcome, and summarises the trail', async () => {
      const result = await attest({
        type: 'generic',
        name: 'security-review',
        compliant: 'success'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect(one).toMatchObject({ kind: 'generic', name: 'security-review', trail: commit })
      expect(one.data).toMatchObject({
        attestation_name: 'security-review',
        is_compliant: true,
        git_commit_info: { sha1: commit },
        origin_url: expect.stringMatching(/\/acme\/app\/actions\/runs\//)
      })
      // Left out rather than sent empty.
      expect(one.data).not.toHaveProperty('user_data')
      expect(one.data).not.toHaveProperty('artifact_fingerprint')
      expect(result.outputs.compliant).toBe('true')
      expect(result.outputs['attestation-url']).toBe(
        `${s.kosli.url}/acme/flows/app/trails/${commit}`
      )
      // The trail's state: a link, and each expected attestation with its status.
      expect(result.summary).toContain(`](${s.kosli.url}/acme/flows/app/trails/${commit})`)
      expect(result.summary).toMatch(
        /\| \(trail\) \| code-review \| pull\\_request \| ⏳ missing \|/
      )
      expect(result.summary).toMatch(/\| web \| unit-tests \| junit \| ⏳ missing \|/)
      expect(s.kosli.requests.filter(r => r.method === 'GET').map(r => r.path)).toEqual([
        `/api/v2/trails/acme/app/${commit}`
      ])
    })

    it.each([
      ['failure', false],
      ['cancelled', false],
      ['skipped', false],
      ['FALSE', false],
      ['true', true]
    ])('takes compliant: %s as %s', async (given, expected) => {
      const result = await attest({ type: 'generic', name: 'deploy-check', compliant: given })
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.is_compliant).toBe(expected)
      expect(result.outputs.compliant).toBe(String(expected))
    })

    it('refuses an empty compliant before any request: never a silent true', async () => {
      const result = await attest({ type: 'generic', name: 'deploy-check', compliant: '' })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain("'compliant': given nothing")
      expect(s.kosli.requests).toEqual([])
    })

    it('with fail-on-non-compliant, records the evidence first and then fails', async () => {
      const result = await attest({
        type: 'generic',
        name: 'deploy-check',
        compliant: 'failure',
        'fail-on-non-compliant': 'true'
      })
      expect(result.exitCode).toBe(1)
      expect(recorded()).toHaveLength(1)
      expect(result.errors.join('\n')).toContain('recorded, and it is non-compliant')
      expect(result.outputs.compliant).toBe('false')
    })

    it('a re-run records again, and each run succeeds', async () => {
      const inputs = { type: 'generic', name: 'security-review', compliant: 'true' }
      expect((await attest(inputs)).exitCode).toBe(0)
      expect((await attest(inputs)).exitCode).toBe(0)
      expect(recorded()).toHaveLength(2)
    })

    it('does not take KOSLI_FINGERPRINT from the job: evidence binds only when asked', async () => {
      const result = await attest(
        { type: 'generic', name: 'security-review', compliant: 'true' },
        { env: { KOSLI_FINGERPRINT: APP_FP } }
      )
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data).not.toHaveProperty('artifact_fingerprint')
    })

    it('binds <artifact>.<attestation> to the template artifact with the commit', async () => {
      const result = await attest({ type: 'generic', name: 'web.lint', compliant: 'true' })
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data).toMatchObject({
        attestation_name: 'lint',
        target_artifacts: ['web'],
        git_commit_info: { sha1: commit }
      })
    })

    it('binds to an artifact fingerprinted from its path', async () => {
      s.kosli.seedArtifact({ fingerprint: APP_FP, trail_name: commit, git_commit: commit })
      const result = await attest({
        type: 'generic',
        name: 'signed',
        compliant: 'true',
        artifact: 'app.bin'
      })
      expect(result.errors).toEqual([])
      expect(recorded()[0].data.artifact_fingerprint).toBe(APP_FP)
    })
  })

  describe('junit', () => {
    it('counts test cases, attaches the file, and sets the outputs (after a failed test step)', async () => {
      // Under if: always() the step runs after the test step failed: nothing in it depends on that.
      const result = await attest({
        type: 'junit',
        name: 'web.unit-tests',
        results: 'fail/api.xml'
      })
      expect(result.exitCode).toBe(0)
      expect(result.outputs).toMatchObject({
        tests: '3',
        failures: '1',
        errors: '0',
        skipped: '1',
        compliant: 'false'
      })
      const [one] = recorded()
      expect(one.data.junit_results).toEqual([
        { name: 'api', failures: 1, errors: 0, skipped: 1, total: 3, duration: 2 }
      ])
      expect(one.attachment).toMatchObject({
        filename: 'api.xml',
        size: Buffer.byteLength(JUNIT_FAIL)
      })
    })

    it('searches a directory for *.xml and attaches several files as evidence.tgz', async () => {
      const result = await attest({ type: 'junit', name: 'unit-tests', results: 'reports' })
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect((one.data.junit_results as Array<{ name: string }>).map(r => r.name).sort()).toEqual([
        'api',
        'more',
        'unit'
      ])
      expect(one.attachment?.filename).toBe('evidence.tgz')
      expect(result.outputs.tests).toBe('7')
    })

    it('attach-results: false sends no file', async () => {
      const result = await attest({
        type: 'junit',
        name: 'unit-tests',
        results: 'reports/unit.xml',
        'attach-results': 'false'
      })
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].attachment).toBeNull()
      expect(result.outputs.compliant).toBe('true')
    })

    it('fails on malformed XML, naming the file and line, before any request', async () => {
      const result = await attest({ type: 'junit', name: 'unit-tests', results: 'broken.xml' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toMatch(/broken\.xml' is not well-formed XML .*line \d+/)
      expect(s.kosli.requests).toEqual([])
    })

    it('fails when results match nothing, naming the input, before any request', async () => {
      const result = await attest({ type: 'junit', name: 'unit-tests', results: 'nope/*.xml' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        "'results': the pattern 'nope/*.xml' matches nothing"
      )
      expect(s.kosli.requests).toEqual([])
    })

    it('dry run prints the multipart request readably and sends no write', async () => {
      const result = await attest({
        type: 'junit',
        name: 'unit-tests',
        results: 'reports/unit.xml',
        'dry-run': 'true'
      })
      expect(result.exitCode).toBe(0)
      expect(writes()).toEqual([])
      const path = `/api/v2/attestations/acme/app/trail/${commit}/junit`
      expect(result.stdout).toContain(`POST ${s.kosli.url}${path} (multipart/form-data)`)
      expect(result.stdout).toContain('data_json:')
      expect(result.stdout).toContain('"junit_results": [')
      const size = Buffer.byteLength(JUNIT_PASS)
      expect(result.stdout).toContain(`attachment_file: unit.xml (${size} bytes)`)
    })
  })

  it('dry run needs no token: nothing at all is sent to Kosli', async () => {
    const result = await attest({
      'api-token': '',
      type: 'generic',
      name: 'security-review',
      compliant: 'true',
      'dry-run': 'true'
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(s.kosli.requests).toEqual([])
    expect(result.stdout).toContain('"is_compliant": true')
  })

  describe('pull-request', () => {
    function seedMergedPull(): void {
      const pull = s.github.pulls.seedPullRequest({
        owner: OWNER,
        repo: REPO,
        state: 'merged',
        author: 'octocat',
        headRef: 'feature-x',
        commits: [s.shas[3], commit]
      })
      s.github.pulls.seedReview(
        OWNER,
        REPO,
        pull.number,
        'alice',
        'APPROVED',
        '2024-05-01T11:00:00Z'
      )
      s.github.pulls.seedReview(OWNER, REPO, pull.number, 'bob', 'APPROVED', '2024-05-01T11:00:00Z')
      s.github.pulls.seedReview(
        OWNER,
        REPO,
        pull.number,
        'bob',
        'CHANGES_REQUESTED',
        '2024-05-01T12:00:00Z'
      )
      s.github.pulls.seedReview(
        OWNER,
        REPO,
        pull.number,
        'carol',
        'COMMENTED',
        '2024-05-01T13:00:00Z'
      )
    }

    it('finds a pull request merged moments ago, with its approvers and commits', async () => {
      seedMergedPull()
      s.github.pulls.notYetAssociated(OWNER, REPO, commit, 1)
      const result = await attest({ type: 'pull-request', name: 'code-review' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect(one.kind).toBe('pull_request')
      expect(one.data.git_provider).toBe('github')
      const [pr] = one.data.pull_requests as Array<Record<string, unknown>>
      expect(pr).toMatchObject({
        state: 'MERGED',
        author: 'octocat',
        head_ref: 'feature-x',
        merge_commit: expect.stringMatching(/^[0-9a-f]{40}$/),
        approvers: [{ username: 'alice', state: 'APPROVED', timestamp: 1714561200 }]
      })
      expect((pr.commits as Array<{ sha1: string }>).map(c => c.sha1)).toEqual([s.shas[3], commit])
      expect(result.outputs.compliant).toBe('true')
      const asks = s.github.requests.filter(r => r.path.endsWith(`/commits/${commit}/pulls`))
      expect(asks).toHaveLength(2)
    })

    it('records pull_requests: [] with a warning when none is found', async () => {
      const result = await attest({
        type: 'pull-request',
        name: 'code-review',
        'pull-request-wait': '0'
      })
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.pull_requests).toEqual([])
      expect(result.warnings.join('\n')).toContain('No pull request is associated')
      expect(result.outputs.compliant).toBe('false')
    })

    it('records an open pull request with merge_commit null, never ""', async () => {
      s.github.pulls.seedPullRequest({ owner: OWNER, repo: REPO, commits: [commit] })
      const result = await attest({ type: 'pull-request', name: 'code-review' })
      expect(result.exitCode).toBe(0)
      const [pr] = recorded()[0].data.pull_requests as Array<Record<string, unknown>>
      expect(pr).toMatchObject({ state: 'OPEN', merge_commit: null, approvers: [] })
    })
  })

  describe('snyk and custom', () => {
    it('summarises SARIF into snyk_results and attaches it', async () => {
      const result = await attest({ type: 'snyk', name: 'sast', results: 'snyk.sarif' })
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect(one.data.snyk_results).toMatchObject({
        tool: { name: 'Snyk Open Source', version: '1.1290.0' },
        results: [{ high_count: 1, medium_count: 0, low_count: 0 }]
      })
      expect(one.attachment?.filename).toBe('snyk.sarif')
      expect(result.outputs.compliant).toBe('')
    })

    it("refuses Snyk's own JSON, naming the expected format, before any request", async () => {
      const result = await attest({ type: 'snyk', name: 'sast', results: 'snyk.json' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toMatch(/SARIF/)
      expect(s.kosli.requests).toEqual([])
    })

    it('sends custom attestation data as an object, with attachments', async () => {
      s.kosli.evidence.seedCustomType('acme', 'coverage', data => Number(data.coverage) > 80)
      const result = await attest({
        type: 'custom:coverage',
        name: 'coverage',
        'attestation-data': 'data.json',
        attachments: 'notes.txt\ndata.json'
      })
      expect(result.errors).toEqual([])
      const [one] = recorded()
      expect(one.data).toMatchObject({ type_name: 'coverage', attestation_data: { coverage: 91 } })
      expect(one.attachment?.filename).toBe('evidence.tgz')
      expect(one.isCompliant).toBe(true)
      expect(result.outputs.compliant).toBe('')
    })
  })

  describe('bad inputs fail before any request', () => {
    it.each([
      [{ type: 'sarif', name: 'x' }, '\'type\': given "sarif"'],
      [{ type: 'generic', name: 'a.b.c', compliant: 'true' }, '\'name\': given "a.b.c"'],
      [
        { type: 'junit', name: 'unit', compliant: 'true', results: 'reports' },
        '\'compliant\': given "true" with type junit'
      ],
      [{ type: 'custom:coverage', name: 'c' }, "'attestation-data': given nothing"],
      [{ type: 'generic', name: 'g', compliant: 'maybe' }, '\'compliant\': given "maybe"'],
      [
        { type: 'generic', name: 'g', compliant: 'true', attachments: '../outside.txt' },
        "attachments: '../outside.txt'"
      ],
      [
        { type: 'generic', name: 'g', compliant: 'true', artifact: 'a.bin\nb.bin' },
        "'artifact': given 2 lines; expected one artifact"
      ],
      [{ type: 'pull-request', name: 'pr', 'github-token': ' ' }, "'github-token': given nothing"],
      [{ type: 'snyk', name: 's', results: 'a.sarif\nb.sarif' }, 'expected one SARIF file']
    ])('%j', async (inputs, message) => {
      const result = await attest(inputs)
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(message)
      expect(s.kosli.requests).toEqual([])
      expect(s.github.requests).toEqual([])
    })
  })

  it('refuses an attachment that climbs out of the workspace, before any request', async () => {
    const outside = join(dirname(workspace), `outside-${basename(workspace)}.txt`)
    await writeFile(outside, 'not for Kosli')
    try {
      const result = await attest({
        type: 'generic',
        name: 'g',
        compliant: 'true',
        attachments: `../${basename(outside)}`
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('resolves outside the workspace')
      expect(s.kosli.requests).toEqual([])
    } finally {
      await rm(outside, { force: true })
    }
  })

  describe('faults', () => {
    const attestPath = () => `/api/v2/attestations/acme/app/trail/${commit}/generic`

    it('retries a 503 and records once', async () => {
      s.kosli.injectFault({ status: 503 }, { match: { method: 'POST', path: attestPath() } })
      const result = await attest({
        type: 'generic',
        name: 'security-review',
        compliant: 'true',
        'max-retries': '2'
      })
      expect(result.exitCode).toBe(0)
      expect(recorded()).toHaveLength(1)
      // Each retry wait is an info line, not a warning annotation.
      expect(result.stdout).toMatch(/503.*retrying in/)
      expect(result.warnings.join('\n')).not.toMatch(/retrying/)
    })

    it('with Kosli down and on-kosli-unavailable: warn, warns and leaves compliant empty', async () => {
      s.kosli.injectFault({ status: 503 }, { times: Infinity })
      const result = await attest({
        type: 'generic',
        name: 'security-review',
        compliant: 'true',
        'max-retries': '0',
        'on-kosli-unavailable': 'warn'
      })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('')
      expect(result.warnings.join('\n')).toContain('the evidence was not recorded')
      expect(recorded()).toEqual([])
    })

    it('says to begin the trail when Kosli does not know it', async () => {
      const result = await attest({
        type: 'generic',
        name: 'security-review',
        compliant: 'true',
        trail: 'never-begun'
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('begin-trail: true')
      // No trail, no state to show: the summary does not ask for it.
      expect(s.kosli.requests.filter(r => r.method === 'GET')).toEqual([])
    })

    it("a write Kosli refuses fails the step, and the summary still shows the trail's state", async () => {
      s.kosli.injectFault(
        { status: 400, json: { message: 'Input payload validation failed' } },
        { match: { method: 'POST', path: attestPath() } }
      )
      const result = await attest({ type: 'generic', name: 'security-review', compliant: 'true' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('Input payload validation failed')
      expect(recorded()).toEqual([])
      expect(result.summary).toContain(`](${s.kosli.url}/acme/flows/app/trails/${commit})`)
      expect(result.summary).toMatch(/\| web \| unit-tests \| junit \| ⏳ missing \|/)
      expect(s.kosli.requests.filter(r => r.method === 'GET').map(r => r.path)).toEqual([
        `/api/v2/trails/acme/app/${commit}`
      ])
    })
  })

  describe('assert', () => {
    function seedApp(): void {
      s.kosli.seedArtifact({
        fingerprint: APP_FP,
        filename: 'web-app',
        trail_name: commit,
        template_reference_name: 'web',
        git_commit: commit
      })
    }

    it("against the flow's template: fails, naming what is missing, then passes once recorded", async () => {
      seedApp()
      const before = await assertGate({ fingerprint: APP_FP })
      expect(before.exitCode).toBe(1)
      expect(before.outputs.compliant).toBe('false')
      const [verdict] = JSON.parse(before.outputs.result) as Array<Record<string, unknown>>
      expect(verdict).toMatchObject({
        fingerprint: APP_FP,
        // Given by fingerprint alone, the artifact is named as Kosli holds it.
        name: 'web-app',
        compliant: false,
        missing: expect.arrayContaining(['code-review', 'unit-tests'])
      })
      expect(before.errors.join('\n')).toContain("missing the required 'unit-tests' attestation")
      expect(before.summary).toContain('❌ non-compliant')
      expect(s.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))).toHaveLength(1)

      seedMergedPullForCommit()
      expect((await attest({ type: 'pull-request', name: 'code-review' })).exitCode).toBe(0)
      expect(
        (await attest({ type: 'junit', name: 'web.unit-tests', results: 'reports/unit.xml' }))
          .exitCode
      ).toBe(0)
      const after = await assertGate({ fingerprint: APP_FP })
      expect(after.errors).toEqual([])
      expect(after.outputs.compliant).toBe('true')
      expect(after.summary).toMatch(/\| web \| unit-tests \| junit \| ✅ complete \|/)
    })

    function seedMergedPullForCommit(): void {
      s.github.pulls.seedPullRequest({
        owner: OWNER,
        repo: REPO,
        state: 'merged',
        commits: [commit]
      })
    }

    it('takes the artifacts Kosli holds for the commit when none is given: one call each', async () => {
      seedApp()
      s.kosli.seedArtifact({ fingerprint: sha256('other'), filename: 'other', git_commit: commit })
      const result = await assertGate({})
      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))).toHaveLength(2)
      const names = (JSON.parse(result.outputs.result) as Array<{ name: string }>).map(r => r.name)
      expect(names.sort()).toEqual(['other', 'web-app'])
    })

    it("against an environment's policies", async () => {
      seedApp()
      s.kosli.evidence.seedPolicy('acme', {
        name: 'needs-tests',
        attestations: [{ name: 'unit-tests', type: 'junit' }]
      })
      s.kosli.evidence.seedEnvironment('acme', 'production', ['needs-tests'])
      const before = await assertGate({ fingerprint: APP_FP, environment: 'production' })
      expect(before.exitCode).toBe(1)
      expect(before.errors.join('\n')).toContain("policy 'needs-tests'")
      const assertCall = s.kosli.requests.find(r => r.path.startsWith('/api/v2/asserts/'))
      expect(assertCall?.query).toMatchObject({ flow_name: 'app', environment_name: 'production' })
      await attest({ type: 'junit', name: 'web.unit-tests', results: 'reports/unit.xml' })
      const after = await assertGate({ fingerprint: APP_FP, environment: 'production' })
      expect(after.exitCode).toBe(0)
      expect(after.outputs.compliant).toBe('true')
    })

    it("keeps Kosli's verdict, with a warning, when the environment has no policy", async () => {
      seedApp()
      s.kosli.evidence.seedEnvironment('acme', 'staging', [])
      const result = await assertGate({ fingerprint: APP_FP, environment: 'staging' })
      // Kosli ignores an environment without policies: the flow's template decides.
      expect(result.exitCode).toBe(1)
      expect(result.outputs.compliant).toBe('false')
      expect(result.warnings.join('\n')).toContain('no policy is attached to environment staging')
    })

    it('against named policies, each sent as policy_name', async () => {
      seedApp()
      s.kosli.evidence.seedPolicy('acme', { name: 'p1', attestations: [{ name: 'code-review' }] })
      s.kosli.evidence.seedPolicy('acme', { name: 'p2', attestations: [] })
      const result = await assertGate({ fingerprint: APP_FP, policy: 'p1\np2' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain("policy 'p1'")
      // Each name is sent: an unknown one is named in Kosli's answer.
      const unknown = await assertGate({ fingerprint: APP_FP, policy: 'p2\np3' })
      expect(unknown.exitCode).toBe(1)
      expect(unknown.errors.join('\n')).toContain("Policy named 'p3' does not exist")
    })

    it('refuses environment with policy before any request', async () => {
      const result = await assertGate({ fingerprint: APP_FP, environment: 'prod', policy: 'p1' })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain("'policy'")
      expect(s.kosli.requests).toEqual([])
    })

    it('with Kosli down and warn, skips the gate: compliant is empty, never true', async () => {
      seedApp()
      s.kosli.injectFault({ status: 503 }, { times: Infinity })
      const result = await assertGate({
        fingerprint: APP_FP,
        'max-retries': '0',
        'on-kosli-unavailable': 'warn'
      })
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('')
      expect(result.warnings.join('\n')).toContain('the gate was skipped')
      expect(result.summary).toContain('Gate not checked')
    })
  })
})

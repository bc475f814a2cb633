// The gate keeps Kosli's verdict, for the question asked, through outages: assert/ and the main
// action's require-compliant, bundled, against the Kosli and GitHub stand-ins.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions
} from '../../test-support/run-action.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { resetStandIns } from './deploy-helpers.js'
import { makeWorkspace, removeWorkspace, secretLeaks, sha256 } from './report-helpers.js'

const APP_FP = sha256('web app binary')
const API_FP = sha256('api image')
const TEMPLATE = {
  version: 1 as const,
  trail: {
    attestations: [],
    artifacts: [{ name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }]
  }
}
const NO_POLICY_WARNING = "no policy is attached to environment staging; the verdict is Kosli's"
const RECORD_PATH = '/orgs/acme/artifacts/metadata/deployment-record'

describe('the gate keeps Kosli verdict (e2e)', () => {
  let s: StandIns
  let workspace: string
  let results: ActionResult[] = []
  let commit: string

  async function run(options: RunActionOptions): Promise<ActionResult> {
    const result = await s.run({ cwd: workspace, ...options })
    results.push(result)
    return result
  }
  const assertGate = (inputs: Record<string, string>, options: RunActionOptions = {}) =>
    run({ subAction: 'assert', ...options, inputs })
  const deploy = (inputs: Record<string, string>) =>
    run({
      inputs: { 'deployment-environment': 'production', 'require-compliant': 'true', ...inputs }
    })
  const asserts = () => s.kosli.requests.filter(r => r.path.startsWith('/api/v2/asserts/'))
  const recordPosts = () =>
    s.github.requests.filter(r => r.method === 'POST' && r.path === RECORD_PATH)

  /** web-app in trail `commit` of `flow`, missing its unit tests (NON-COMPLIANT), or COMPLIANT. */
  function seedApp(options: { flow?: string; compliant?: boolean } = {}): void {
    const flow = options.flow ?? 'app'
    s.kosli.evidence.seedTrail('acme', flow, commit, options.compliant ? null : TEMPLATE)
    s.kosli.seedArtifact({
      flow,
      fingerprint: APP_FP,
      filename: 'web-app',
      trail_name: commit,
      template_reference_name: 'web',
      git_commit: commit
    })
  }
  function seedApi(): void {
    s.kosli.seedArtifact({ fingerprint: API_FP, filename: 'api', git_commit: commit })
  }

  beforeAll(async () => {
    s = await startStandIns(5)
    commit = s.shas[s.shas.length - 1]
    workspace = await makeWorkspace({ 'app.bin': 'web app binary' })
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

  describe('an environment with no policy keeps Kosli verdict', () => {
    it('fails assert/ when Kosli answers compliant: false, with the warning', async () => {
      seedApp()
      s.kosli.evidence.seedEnvironment('acme', 'staging', [])
      const result = await assertGate({ fingerprint: APP_FP, environment: 'staging' })

      expect(result.exitCode).toBe(1)
      expect(result.outputs.compliant).toBe('false')
      expect(JSON.parse(result.outputs.result)).toMatchObject([
        { fingerprint: APP_FP, name: 'web-app', compliant: false, missing: ['unit-tests'] }
      ])
      expect(result.errors.join('\n')).toContain(
        "web-app: missing the required 'unit-tests' attestation in its trail"
      )
      expect(result.warnings.join('\n')).toContain(NO_POLICY_WARNING)
      expect(result.stdout).not.toMatch(/web-app: COMPLIANT/)
      expect(asserts().map(r => r.query)).toEqual([
        { flow_name: 'app', environment_name: 'staging' }
      ])
    })

    it('passes assert/ when Kosli answers compliant: true, with the warning', async () => {
      seedApp({ compliant: true })
      s.kosli.evidence.seedEnvironment('acme', 'staging', [])
      const result = await assertGate({ fingerprint: APP_FP, environment: 'staging' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('true')
      expect(result.warnings.join('\n')).toContain(NO_POLICY_WARNING)
    })

    it('fails require-compliant with kosli-environment before any deployment record', async () => {
      seedApp()
      s.kosli.evidence.seedEnvironment('acme', 'staging', [])
      const result = await deploy({ 'kosli-environment': 'staging' })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(
        "require-compliant is true, and 1 of 1 artifact(s) do not pass Kosli's assert against the policies of environment 'staging'; no deployment was recorded"
      )
      expect(result.errors[0]).toContain("missing the required 'unit-tests' attestation")
      expect(result.warnings.join('\n')).toContain(NO_POLICY_WARNING)
      expect(recordPosts()).toEqual([])
    })

    it('passes require-compliant when Kosli answers compliant: true, and records', async () => {
      seedApp({ compliant: true })
      s.kosli.evidence.seedEnvironment('acme', 'staging', [])
      const result = await deploy({ 'kosli-environment': 'staging' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.warnings.join('\n')).toContain(NO_POLICY_WARNING)
      expect(recordPosts()).toHaveLength(1)
    })
  })

  describe('the verdict belongs to the question asked', () => {
    function answerWith(fields: Record<string, unknown>): void {
      s.kosli.injectFault(
        {
          status: 200,
          json: {
            compliant: true,
            scope: 'flow',
            fingerprint: APP_FP,
            flow: 'app',
            trail: commit,
            html_url: `${s.kosli.url}/acme/flows/app/trails/${commit}`,
            compliance_status: { status: 'COMPLIANT', is_compliant: true },
            ...fields
          }
        },
        { match: { method: 'GET', path: `/api/v2/asserts/acme/fingerprint/${APP_FP}` } }
      )
    }

    it('refuses an answer in another scope, naming both', async () => {
      seedApp({ compliant: true })
      s.kosli.evidence.seedEnvironment('acme', 'production', [])
      answerWith({ scope: 'flow' })
      const result = await assertGate({ fingerprint: APP_FP, environment: 'production' })

      expect(result.exitCode).toBe(1)
      expect(result.outputs.compliant).not.toBe('true')
      expect(result.errors.join('\n')).toContain(
        `Kosli answered the assert of ${APP_FP} (scope environment) with a verdict for fingerprint "${APP_FP}" (scope flow)`
      )
    })

    it('refuses an answer for another fingerprint, naming both, in warn mode too', async () => {
      seedApp({ compliant: true })
      answerWith({ fingerprint: API_FP })
      const result = await assertGate({ fingerprint: APP_FP, 'on-kosli-unavailable': 'warn' })

      expect(result.exitCode).toBe(1)
      expect(result.outputs.compliant).not.toBe('true')
      expect(result.errors.join('\n')).toContain(
        `Kosli answered the assert of ${APP_FP} (scope flow) with a verdict for fingerprint "${API_FP}" (scope flow)`
      )
    })

    it('refuses it in require-compliant too, and records nothing', async () => {
      seedApp({ compliant: true })
      answerWith({ fingerprint: API_FP })
      const result = await deploy({})

      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(`with a verdict for fingerprint "${API_FP}"`)
      expect(recordPosts()).toEqual([])
    })
  })

  describe('a later outage never drops a known NON-COMPLIANT verdict (on-kosli-unavailable: warn)', () => {
    const outageOnApi = () =>
      s.kosli.injectFault(
        { status: 503 },
        { times: Infinity, match: { path: `/api/v2/asserts/acme/fingerprint/${API_FP}` } }
      )

    it('assert/: artifact 1 NON-COMPLIANT and a 5xx on artifact 2 fails the step', async () => {
      seedApp()
      seedApi()
      outageOnApi()
      const result = await assertGate({ 'on-kosli-unavailable': 'warn', 'max-retries': '0' })

      expect(asserts().map(r => r.path.split('/').pop())).toEqual([APP_FP, API_FP])
      expect(result.exitCode).toBe(1)
      expect(result.outputs.compliant).toBe('false')
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain("web-app: missing the required 'unit-tests' attestation")
      expect(result.errors[0]).toContain('not checked (Kosli became unavailable): api')
      expect(result.summary).toContain('❌ non-compliant')
      expect(result.summary).toContain('not checked')
    })

    it('assert/: artifact 1 COMPLIANT and a 5xx on artifact 2 is "not checked": compliant empty, never true', async () => {
      seedApp({ compliant: true })
      seedApi()
      outageOnApi()
      const result = await assertGate({ 'on-kosli-unavailable': 'warn', 'max-retries': '0' })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('')
      expect(result.warnings.join('\n')).toContain('the gate was skipped')
      expect(result.summary).toContain('not checked')
    })

    it('require-compliant: artifact 1 NON-COMPLIANT and a 5xx on artifact 2 fails before any record', async () => {
      seedApp()
      seedApi()
      outageOnApi()
      const result = await deploy({ 'on-kosli-unavailable': 'warn', 'max-retries': '0' })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('1 of 2 artifact(s) do not pass')
      expect(result.errors[0]).toContain('not checked (Kosli became unavailable): api')
      expect(recordPosts()).toEqual([])
    })
  })

  describe('assert/ without a flow', () => {
    it('sends no flow_name, and names the artifact and its trail from the answer', async () => {
      seedApp({ flow: 'build' })
      const result = await assertGate({ flow: '', fingerprint: APP_FP })

      expect(asserts().map(r => r.query)).toEqual([{}])
      expect(result.exitCode).toBe(1)
      expect(JSON.parse(result.outputs.result)).toMatchObject([
        {
          fingerprint: APP_FP,
          name: 'web-app',
          compliant: false,
          missing: ['unit-tests'],
          flow: 'build',
          trail: commit
        }
      ])
      // The name and the trail summary are read in the flow Kosli answered for.
      expect(s.kosli.requests.map(r => r.path)).toEqual(
        expect.arrayContaining([
          `/api/v2/artifacts/acme/build/fingerprint/${APP_FP}`,
          `/api/v2/trails/acme/build/${commit}`
        ])
      )
      expect(result.stdout).toContain(`web-app (flow 'build', trail '${commit}'): NON-COMPLIANT`)
      expect(result.summary).toContain(`in flow build`)
      expect(result.summary).toContain(`/acme/flows/build/trails/${commit}`)
      expect(result.summary).toMatch(/\| web \| unit-tests \| junit \| ⏳ missing \|/)
    })

    it('passes across flows when Kosli says compliant', async () => {
      seedApp({ flow: 'build', compliant: true })
      const result = await assertGate({ flow: '', fingerprint: APP_FP })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('true')
      expect(asserts().map(r => r.query)).toEqual([{}])
    })

    it('still takes KOSLI_FLOW when it is set', async () => {
      seedApp({ flow: 'build', compliant: true })
      const result = await assertGate(
        { flow: '', fingerprint: APP_FP },
        { env: { KOSLI_FLOW: 'build' } }
      )

      expect(result.exitCode).toBe(0)
      expect(asserts().map(r => r.query)).toEqual([{ flow_name: 'build' }])
    })

    it('requires the flow without fingerprint or artifact, before any request', async () => {
      const result = await assertGate({ flow: '' })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        expect.stringContaining(
          "'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW), or fingerprint or artifact"
        )
      ])
      expect(s.kosli.requests).toEqual([])
    })
  })
})

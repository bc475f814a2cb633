import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  DEFAULT_KOSLI_TOKEN,
  startKosliServer,
  type KosliStandIn
} from '../../test-support/kosli-server.js'

// Answers are read loosely here: the stand-in's own shapes are what is under test.
type Json = ReturnType<typeof JSON.parse>
const FP = 'a'.repeat(64)
const OTHER_FP = 'b'.repeat(64)
const SHA = '1'.repeat(40)
const TEMPLATE = `version: 1
trail:
  attestations:
    - name: code-review
      type: pull_request
  artifacts:
    - name: web-app
      attestations:
        - name: unit-tests
          type: junit
`

let kosli: KosliStandIn

beforeAll(async () => {
  // These requests come from the test, not from the action, so they carry no action User-Agent.
  kosli = await startKosliServer({ userAgent: false })
})
afterAll(async () => {
  await kosli.close()
})
beforeEach(() => kosli.reset())

interface Part {
  field: string
  filename: string
  bytes: Uint8Array | string
}

async function send(
  method: string,
  path: string,
  dataJson: unknown,
  files: Part[] = [],
  extra: Record<string, string> = {}
): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData()
  if (dataJson !== undefined) form.append('data_json', JSON.stringify(dataJson))
  for (const [name, value] of Object.entries(extra)) form.append(name, value)
  for (const f of files) form.append(f.field, new Blob([f.bytes]), f.filename)
  const response = await fetch(`${kosli.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` },
    body: form
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${kosli.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` }
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

async function json(
  method: string,
  path: string,
  body: unknown
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${kosli.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return { status: response.status, body: await response.json() }
}

const template = (text = TEMPLATE): Part => ({
  field: 'template_file',
  filename: 'kosli.yml',
  bytes: text
})

async function flowWithTrail(): Promise<void> {
  expect(
    (await send('PUT', '/flows/acme/template_file', { name: 'app', description: '' }, [template()]))
      .status
  ).toBe(200)
  expect((await send('PUT', '/trails/acme/app', { name: SHA })).status).toBe(201)
}

async function reportArtifact(fingerprint = FP, trail = SHA): Promise<void> {
  const { status } = await json('POST', '/artifacts/acme/app', {
    fingerprint,
    filename: 'web-app.tgz',
    build_url: 'https://github.com/acme/app/actions/runs/1',
    commit_url: `https://github.com/acme/app/commit/${SHA}`,
    trail_name: trail,
    template_reference_name: 'web-app',
    git_commit: SHA
  })
  expect(status).toBe(201)
}

const junit = (failures: number): Record<string, unknown> => ({
  attestation_name: 'unit-tests',
  artifact_fingerprint: FP,
  junit_results: [{ name: 's', total: 3, failures, errors: 0, skipped: 0, duration: 0.5 }]
})

const pr = {
  url: 'https://github.com/acme/app/pull/1',
  state: 'MERGED',
  author: 'octocat',
  title: 'T',
  created_at: 1,
  merged_at: 2,
  head_ref: 'f',
  merge_commit: SHA,
  approvers: [{ username: 'hubot', state: 'APPROVED', timestamp: 3 }],
  commits: [
    { sha1: SHA, message: 'm', author: 'A <a@x>', author_username: 'a', branch: 'f', timestamp: 1 }
  ]
}

describe('flows with templates', () => {
  it('creates (201) and updates (200) a flow, storing its template and description', async () => {
    const created = await send(
      'PUT',
      '/flows/acme/template_file',
      { name: 'new', description: 'd' },
      [template()]
    )
    expect(created).toEqual({ status: 201, body: {} })
    expect(
      (await send('PUT', '/flows/acme/template_file', { name: 'new', description: 'e' })).status
    ).toBe(200)
    const flow = await get('/flows/acme/new')
    expect(flow.body).toMatchObject({ name: 'new', description: 'e' })
    expect(kosli.evidence.flow('acme', 'new')?.templateYaml).toBe(TEMPLATE)
    expect((await get('/flows/acme/nope')).body).toEqual({
      message: "Flow named 'nope' does not exist for organization 'acme'"
    })
  })

  it('refuses a JSON body: the endpoint is multipart only', async () => {
    const answer = await json('PUT', '/flows/acme/template_file', { name: 'app', description: '' })
    expect(answer).toEqual({
      status: 400,
      body: {
        message: 'Input payload validation failed',
        errors: { data_json: 'Field required [input: None]' }
      }
    })
  })

  it('refuses an invalid template, an unknown key, a missing description, and unknown parts', async () => {
    const bad = await send('PUT', '/flows/acme/template_file', { name: 'x', description: '' }, [
      template('version: 1\ntrail:\n  attestations:\n    - name: a\n      type: not-supported\n')
    ])
    expect(bad.status).toBe(400)
    expect(bad.body.message).toMatch(/^1 validation error for Template/)
    const unknown = await send('PUT', '/flows/acme/template_file', { name: 'x', description: '' }, [
      template('version: 1\nowner: me\n')
    ])
    expect(unknown.body.message).toMatch(/validation error for Template/)
    expect(kosli.evidence.flow('acme', 'x')).toBeUndefined()
    expect((await send('PUT', '/flows/acme/template_file', { name: 'x' })).body).toEqual({
      message: 'Input payload validation failed',
      errors: { description: "'description' is a required property" }
    })
    expect(
      (
        await send('PUT', '/flows/acme/template_file', {
          name: 'x',
          description: '',
          visibilty: 'private'
        })
      ).body.errors
    ).toEqual({ visibilty: "Additional properties are not allowed ('visibilty' was unexpected)" })
    expect(
      (
        await send('PUT', '/flows/acme/template_file', { name: 'x', description: '' }, [], {
          template: 'version: 1'
        })
      ).body.errors
    ).toEqual({
      template: 'Unexpected form field'
    })
    expect(
      (
        await send('PUT', '/flows/acme/template_file', { name: 'x', description: '' }, [
          { field: 'attachment_file', filename: 'a', bytes: 'x' }
        ])
      ).body.errors
    ).toEqual({ attachment_file: 'Unexpected file part' })
  })

  it('refuses bad flow names', async () => {
    const answer = await send('PUT', '/flows/acme/template_file', { name: '-bad', description: '' })
    expect(answer.status).toBe(400)
    expect(answer.body.errors).toHaveProperty('name')
  })
})

describe('trails', () => {
  it('begins (201) and updates (200) a trail; a re-run without description or user data keeps them', async () => {
    expect(
      (await send('PUT', '/trails/acme/app', { name: SHA, description: 'd', user_data: { a: 1 } }))
        .status
    ).toBe(201)
    expect(
      (await send('PUT', '/trails/acme/app', { name: SHA, origin_url: 'https://x' })).status
    ).toBe(200)
    const trail = kosli.evidence.trail('acme', 'app', SHA)
    expect(trail).toMatchObject({
      description: 'd',
      userData: { a: 1 },
      originUrl: 'https://x',
      writes: 2
    })
    await send('PUT', '/trails/acme/app', { name: SHA, description: '' })
    expect(kosli.evidence.trail('acme', 'app', SHA)?.description).toBe('')
  })

  it('refuses annotations, unknown flows and JSON bodies', async () => {
    expect(
      (await send('PUT', '/trails/acme/app', { name: SHA, annotations: { a: 'b' } })).body.errors
    ).toEqual({
      annotations: "Additional properties are not allowed ('annotations' was unexpected)"
    })
    expect((await send('PUT', '/trails/acme/nope', { name: SHA })).body).toEqual({
      message: "Flow named 'nope' does not exist for organization 'acme'"
    })
    expect((await json('PUT', '/trails/acme/app', { name: SHA })).status).toBe(400)
  })

  it('keeps a per-trail template, else follows the flow template', async () => {
    await flowWithTrail()
    await send('PUT', '/trails/acme/app', { name: 'other' }, [template('version: 1\n')])
    expect((await get(`/trails/acme/app/${SHA}`)).body.template).toMatchObject({
      trail: { attestations: [{ name: 'code-review' }] }
    })
    expect((await get('/trails/acme/app/other')).body.template).toEqual({ version: 1 })
    expect((await get('/trails/acme/app/nope')).body).toEqual({
      message: "Trail with name 'nope' does not exist for Organization 'acme' and Flow 'app'"
    })
  })
})

describe('attestations', () => {
  it('records each of the five types, multipart with one attachment', async () => {
    await flowWithTrail()
    await reportArtifact()
    kosli.evidence.seedCustomType('acme', 'risk', data => data.score === 1)
    const base = `/attestations/acme/app/trail/${SHA}`
    expect(
      (await send('POST', `${base}/generic`, { attestation_name: 'lint', is_compliant: false }))
        .status
    ).toBe(201)
    expect(
      (
        await send('POST', `${base}/junit`, junit(0), [
          {
            field: 'attachment_file',
            filename: 'evidence.tgz',
            bytes: new Uint8Array([0x1f, 0x8b, 0xff, 0])
          }
        ])
      ).status
    ).toBe(201)
    expect(
      (
        await send('POST', `${base}/pull_request`, {
          attestation_name: 'code-review',
          git_commit_info: { sha1: SHA },
          git_provider: 'github',
          pull_requests: [pr]
        })
      ).status
    ).toBe(201)
    expect(
      (
        await send('POST', `${base}/snyk`, {
          attestation_name: 'sast',
          snyk_results: {
            schema_version: 1,
            tool: { name: 'Snyk', version: '1' },
            results: [{ high_count: 0, medium_count: 0, low_count: 0 }]
          }
        })
      ).status
    ).toBe(201)
    expect(
      (
        await send('POST', `${base}/custom`, {
          attestation_name: 'risk',
          type_name: 'risk',
          attestation_data: { score: 2 }
        })
      ).status
    ).toBe(201)
    const recorded = kosli.evidence.attestations()
    expect(recorded.map(a => [a.type, a.name, a.isCompliant])).toEqual([
      ['generic', 'lint', false],
      ['junit', 'unit-tests', true],
      ['pull_request', 'code-review', true],
      ['snyk', 'sast', true],
      ['custom:risk', 'risk', false]
    ])
    // Binary bytes arrive unchanged.
    expect([...(recorded[1].attachment?.bytes ?? [])]).toEqual([0x1f, 0x8b, 0xff, 0])
    expect(recorded[1].attachment).toMatchObject({ filename: 'evidence.tgz', size: 4 })
  })

  it('rejects unknown keys, missing required fields, compliance where Kosli decides, dots and empty merge commits', async () => {
    await flowWithTrail()
    const base = `/attestations/acme/app/trail/${SHA}`
    const errors = async (type: string, data: unknown): Promise<unknown> =>
      (await send('POST', `${base}/${type}`, data)).body.errors
    expect(await errors('generic', { attestation_name: 'a' })).toEqual({
      is_compliant: "'is_compliant' is a required property"
    })
    expect(
      await errors('generic', { attestation_name: 'a', is_compliant: true, extra: 1 })
    ).toEqual({
      extra: "Additional properties are not allowed ('extra' was unexpected)"
    })
    expect(
      await errors('junit', { attestation_name: 'a', junit_results: [], is_compliant: true })
    ).toHaveProperty('is_compliant')
    expect(
      await errors('generic', { attestation_name: 'web.a', is_compliant: true })
    ).toHaveProperty('attestation_name')
    expect(
      await errors('pull_request', {
        attestation_name: 'a',
        git_provider: 'github',
        pull_requests: null
      })
    ).toHaveProperty('pull_requests')
    const refusedPr = async (entry: unknown): Promise<string[]> =>
      Object.keys(
        (await errors('pull_request', {
          attestation_name: 'a',
          git_provider: 'github',
          pull_requests: [entry]
        })) as Record<string, string>
      )
    expect(await refusedPr({ ...pr, merge_commit: '' })).toEqual(['pull_requests.0.merge_commit'])
    const { commits: _commits, ...withoutCommits } = pr
    expect(await refusedPr(withoutCommits)).toEqual([expect.stringMatching(/^pull_requests\.0/)])
    // Still closed: a key the CLI does not send is refused, on the entry and on its commits.
    expect(await refusedPr({ ...pr, base_branch: 'main' })).toEqual([
      expect.stringMatching(/^pull_requests\.0/)
    ])
    expect(await refusedPr({ ...pr, commits: [{ ...pr.commits[0], signed: true }] })).toEqual([
      expect.stringMatching(/^pull_requests\.0/)
    ])
    expect(await refusedPr({ ...pr, commits: [{ ...pr.commits[0], verified: 'yes' }] })).toEqual([
      expect.stringMatching(/^pull_requests\.0/)
    ])
    expect(await errors('custom', { attestation_name: 'a', type_name: 't' })).toHaveProperty(
      'attestation_data'
    )
    expect(kosli.evidence.attestations()).toEqual([])
  })

  it("accepts what the CLI sends to today's service: base_ref, each commit's verified and signature_state, any JSON as attestation_data", async () => {
    await flowWithTrail()
    const base = `/attestations/acme/app/trail/${SHA}`
    const signed = {
      ...pr,
      base_ref: 'main',
      commits: [{ ...pr.commits[0], verified: true, signature_state: 'VALID' }, pr.commits[0]]
    }
    const answer = await send('POST', `${base}/pull_request`, {
      attestation_name: 'code-review',
      git_provider: 'github',
      pull_requests: [signed]
    })
    expect(answer.status).toBe(201)
    expect(kosli.evidence.attestations()[0].data.pull_requests).toEqual([signed])
    kosli.evidence.seedCustomType('acme', 't')
    for (const data of [{ a: 1 }, [1, 2], 'text', 3, null]) {
      const custom = await send('POST', `${base}/custom`, {
        attestation_name: 'c',
        type_name: 't',
        attestation_data: data
      })
      expect(custom.status).toBe(201)
    }
  })

  it('as a server from before 2026-06-16, refuses base_ref, verified and signature_state, naming each', async () => {
    await flowWithTrail()
    kosli.evidence.beforePullRequestSignatures = true
    const base = `/attestations/acme/app/trail/${SHA}`
    const body = (entry: unknown) => ({
      attestation_name: 'code-review',
      git_provider: 'github',
      pull_requests: [entry]
    })
    const refused = await send(
      'POST',
      `${base}/pull_request`,
      body({
        ...pr,
        base_ref: 'main',
        commits: [{ ...pr.commits[0], verified: false, signature_state: 'BAD_EMAIL' }]
      })
    )
    expect(refused.status).toBe(400)
    expect(refused.body).toEqual({
      message: 'Input payload validation failed',
      errors: {
        'pull_requests.0.base_ref': 'Extra inputs are not permitted [input: "main"]',
        'pull_requests.0.commits.0.verified': 'Extra inputs are not permitted [input: false]',
        'pull_requests.0.commits.0.signature_state':
          'Extra inputs are not permitted [input: "BAD_EMAIL"]'
      }
    })
    expect(kosli.evidence.attestations()).toEqual([])
    // What that server's schema lists is still recorded.
    expect((await send('POST', `${base}/pull_request`, body(pr))).status).toBe(201)
  })

  it('refuses JSON bodies, data_json as a file, two attachments, a path as filename, and files over 10,000,000 bytes', async () => {
    await flowWithTrail()
    const path = `/attestations/acme/app/trail/${SHA}/generic`
    const data = { attestation_name: 'a', is_compliant: true }
    expect((await json('POST', path, data)).body).toEqual({
      message: 'Input payload validation failed',
      errors: { data_json: 'Field required [input: None]' }
    })
    expect(
      (
        await send('POST', path, undefined, [
          { field: 'data_json', filename: 'd.json', bytes: JSON.stringify(data) }
        ])
      ).body.errors
    ).toEqual({
      data_json: 'Must be a text field, not a file'
    })
    const file = (name: string, bytes: Uint8Array | string = 'x'): Part => ({
      field: 'attachment_file',
      filename: name,
      bytes
    })
    expect((await send('POST', path, data, [file('a'), file('b')])).body.errors).toEqual({
      attachment_file: 'Only one file may be sent'
    })
    expect((await send('POST', path, data, [file('dir/a.xml')])).body.errors).toHaveProperty(
      'attachment_file'
    )
    expect(
      (await send('POST', path, data, [file('big', new Uint8Array(10_000_001))])).body.errors
    ).toEqual({
      attachment_file: 'File is larger than the 10000000 bytes allowed [input: 10000001 bytes]'
    })
    expect((await send('POST', path, data, [file('max', new Uint8Array(10_000_000))])).status).toBe(
      201
    )
  })

  it('answers 404 for an unknown trail, fingerprint or custom type, and 400 for a target without commit', async () => {
    await flowWithTrail()
    const generic = { attestation_name: 'a', is_compliant: true }
    expect((await send('POST', '/attestations/acme/app/trail/nope/generic', generic)).body).toEqual(
      {
        message: "Trail with name 'nope' does not exist for Organization 'acme' and Flow 'app'"
      }
    )
    kosli.evidence.autoCreateTrails = true
    expect((await send('POST', '/attestations/acme/app/trail/nope/generic', generic)).status).toBe(
      201
    )
    const base = `/attestations/acme/app/trail/${SHA}`
    expect(
      (await send('POST', `${base}/generic`, { ...generic, artifact_fingerprint: OTHER_FP })).status
    ).toBe(404)
    const target = await send('POST', `${base}/generic`, {
      ...generic,
      target_artifacts: ['web-app']
    })
    expect(target.status).toBe(400)
    expect(target.body.message).toContain(
      'requires at least one of: artifact_fingerprint or git_commit_info.'
    )
    expect(
      (
        await send('POST', `${base}/custom`, {
          attestation_name: 'a',
          type_name: 'nope',
          attestation_data: {}
        })
      ).status
    ).toBe(404)
    expect((await send('POST', `${base}/sonarqube`, generic)).status).toBe(404)
  })

  it('still takes injected faults', async () => {
    await flowWithTrail()
    kosli.injectFault({ status: 503 }, { match: { path: /\/attestations\// } })
    expect(
      (
        await send('POST', `/attestations/acme/app/trail/${SHA}/generic`, {
          attestation_name: 'a',
          is_compliant: true
        })
      ).status
    ).toBe(503)
    expect(kosli.evidence.attestations()).toEqual([])
  })
})

describe('the trail and assert derived from the template and the attestations', () => {
  it('shows what the trail lacks, then what it has', async () => {
    await flowWithTrail()
    await reportArtifact()
    const before = (await get(`/trails/acme/app/${SHA}`)).body as Json
    expect(before.compliance_state).toBe('INCOMPLETE')
    expect(before.compliance_status.attestations_statuses).toEqual([
      expect.objectContaining({
        attestation_name: 'code-review',
        status: 'MISSING',
        is_compliant: null
      })
    ])
    expect(before.compliance_status.artifacts_statuses['web-app'].attestations_statuses).toEqual([
      expect.objectContaining({ attestation_name: 'unit-tests', status: 'MISSING' })
    ])
    const base = `/attestations/acme/app/trail/${SHA}`
    await send('POST', `${base}/junit`, junit(1))
    await send('POST', `${base}/pull_request`, {
      attestation_name: 'code-review',
      git_provider: 'github',
      pull_requests: [pr]
    })
    const after = (await get(`/trails/acme/app/${SHA}`)).body as Json
    expect(after.compliance_state).toBe('NON-COMPLIANT')
    expect(
      after.compliance_status.artifacts_statuses['web-app'].attestations_statuses[0]
    ).toMatchObject({
      status: 'COMPLETE',
      is_compliant: false
    })
  })

  it('asserts against the flow template: missing, then non-compliant, then compliant', async () => {
    await flowWithTrail()
    await reportArtifact()
    const assert = async (): Promise<Json> =>
      (await get(`/asserts/acme/fingerprint/${FP}?flow_name=app`)).body
    const missing = await assert()
    expect(missing).toMatchObject({
      compliant: false,
      scope: 'flow',
      fingerprint: FP,
      flow: 'app',
      trail: SHA
    })
    expect(
      missing.compliance_status.attestations_statuses.map((s: Json) => [
        s.attestation_name,
        s.status
      ])
    ).toEqual([
      ['code-review', 'MISSING'],
      ['unit-tests', 'MISSING']
    ])
    const base = `/attestations/acme/app/trail/${SHA}`
    await send('POST', `${base}/pull_request`, {
      attestation_name: 'code-review',
      git_provider: 'github',
      pull_requests: [pr]
    })
    // Bound by template name and commit, before or after the artifact is known.
    await send('POST', `${base}/junit`, {
      ...junit(1),
      artifact_fingerprint: undefined,
      target_artifacts: ['web-app'],
      git_commit_info: { sha1: SHA }
    })
    expect((await assert()).compliant).toBe(false)
    await send('POST', `${base}/junit`, junit(0))
    expect((await assert()).compliant).toBe(true)
  })

  it('asserts against policies, through an environment or by name', async () => {
    await flowWithTrail()
    await reportArtifact()
    kosli.evidence.seedPolicy('acme', {
      name: 'needs-tests',
      attestations: [{ name: 'unit-tests', type: 'junit' }]
    })
    kosli.evidence.seedEnvironment('acme', 'prod', ['needs-tests'])
    kosli.evidence.seedEnvironment('acme', 'dev')
    const env = (await get(`/asserts/acme/fingerprint/${FP}?flow_name=app&environment_name=prod`))
      .body as Json
    expect(env).toMatchObject({ compliant: false, scope: 'environment', environment: 'prod' })
    expect(env.policy_evaluations[0].rule_evaluations[0].resolutions[0].type).toBe(
      'missing_attestation'
    )
    const dev = (await get(`/asserts/acme/fingerprint/${FP}?flow_name=app&environment_name=dev`))
      .body
    // An environment with no policy is ignored: the flow's template decides (unit-tests missing).
    expect(dev).toMatchObject({ compliant: false, scope: 'environment', policy_evaluations: [] })
    await send('POST', `/attestations/acme/app/trail/${SHA}/junit`, junit(0))
    const byName = (
      await get(`/asserts/acme/fingerprint/${FP}?flow_name=app&policy_name=needs-tests`)
    ).body
    expect(byName).toMatchObject({ compliant: true, scope: 'policy' })
  })

  it('takes exactly flow_name, environment_name and repeated policy_name, not environment with policy', async () => {
    await flowWithTrail()
    await reportArtifact()
    kosli.evidence.seedPolicy('acme', { name: 'p', attestations: [] })
    kosli.evidence.seedEnvironment('acme', 'prod', ['p'])
    const both = await get(
      `/asserts/acme/fingerprint/${FP}?flow_name=app&environment_name=prod&policy_name=p`
    )
    expect(both).toEqual({
      status: 400,
      body: {
        message: 'Input payload validation failed',
        errors: { policy_name: 'Cannot be combined with environment_name' }
      }
    })
    expect((await get(`/asserts/acme/fingerprint/${FP}?flow=app`)).body.errors).toEqual({
      flow: 'Unknown query parameter [input: app]'
    })
    expect(
      (await get(`/asserts/acme/fingerprint/${FP}?flow_name=app&policy_name=p&policy_name=p`))
        .status
    ).toBe(200)
    expect(
      (await get(`/asserts/acme/fingerprint/${FP}?flow_name=app&policy_name=nope`)).status
    ).toBe(404)
    expect((await get(`/asserts/acme/fingerprint/${FP}?environment_name=nope`)).status).toBe(404)
    expect((await get(`/asserts/acme/fingerprint/${OTHER_FP}?flow_name=app`)).body).toEqual({
      message: `Artifact with fingerprint '${OTHER_FP}' does not exist in flow 'app' belonging to organization 'acme'`
    })
  })

  it('requires the API token', async () => {
    const response = await fetch(`${kosli.apiUrl}/trails/acme/app/${SHA}`)
    expect(response.status).toBe(401)
  })
})

describe('the system (sbom, decision), sonar and jira attestations, as the Kosli CLI sends them', () => {
  it('records each, and refuses an unknown type_name, a bad creation time and a missing control', async () => {
    await flowWithTrail()
    const base = `/attestations/acme/app/trail/${SHA}`
    const sbom = {
      attestation_name: 'sbom',
      type_name: 'sbom',
      attestation_data: {
        format: 'cyclonedx-1.6',
        original_fingerprint: FP,
        document: {
          created_at: '2026-01-01t00:00:00z',
          tools: null,
          subject: null,
          package_count: 0
        }
      }
    }
    expect(
      (
        await send('POST', `${base}/system`, sbom, [
          { field: 'attachment_file', filename: 'sbom.json', bytes: '{}' }
        ])
      ).status
    ).toBe(201)
    const decision = {
      attestation_name: 'd',
      type_name: 'decision',
      control: 'RCTL-1',
      attestation_data: { is_compliant: false }
    }
    expect((await send('POST', `${base}/system`, decision)).status).toBe(201)
    const sonar = {
      attestation_name: 'q',
      sonar_results: {
        serverUrl: 'https://sonarcloud.io',
        taskId: 'T',
        status: 'SUCCESS',
        analysedAt: '2026-01-01T00:00:00+0000',
        revision: SHA,
        project: { key: 'k', url: 'https://sonarcloud.io/dashboard?id=k' },
        qualityGate: { status: 'OK', conditions: [] }
      }
    }
    expect((await send('POST', `${base}/sonar`, sonar)).status).toBe(201)
    const jira = {
      attestation_name: 'j',
      jira_results: [{ issue_id: 'WEB-1', issue_url: 'https://j/browse/WEB-1', issue_exists: true }]
    }
    expect((await send('POST', `${base}/jira`, jira)).status).toBe(201)
    expect(kosli.evidence.attestations().map(a => [a.type, a.isCompliant])).toEqual([
      ['sbom', true],
      ['decision', false],
      ['sonar', true],
      ['jira', true]
    ])
    expect(
      (await send('POST', `${base}/system`, { ...decision, type_name: 'override' })).status
    ).toBe(400)
    const badTime = structuredClone(sbom)
    badTime.attestation_data.document.created_at = '2026-01-01'
    expect((await send('POST', `${base}/system`, badTime)).status).toBe(400)
    const { control: _control, ...noControl } = decision
    expect((await send('POST', `${base}/system`, noControl)).status).toBe(400)
  })
})

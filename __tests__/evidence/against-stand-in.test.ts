import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, realpath, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildAttachment } from '../../src/evidence/attachments.js'
import { parseJUnit } from '../../src/evidence/junit.js'
import { toFormData, type MultipartRequest } from '../../src/kosli/multipart.js'
import {
  beginTrailData,
  customData,
  flowTemplateData,
  genericData,
  junitData,
  pullRequestData,
  snykData
} from '../../src/evidence/payloads.js'
import { evidencePaths } from '../../src/kosli/paths.js'
import { foundPullRequest } from '../../src/evidence/pull-requests.js'
import { summariseSarif } from '../../src/evidence/snyk.js'
import { assertVerdict } from '../../src/evidence/assert.js'
import { trailSummary } from '../../src/evidence/trail-summary.js'
import {
  DEFAULT_KOSLI_TOKEN,
  startKosliServer,
  type KosliStandIn
} from '../../test-support/kosli-server.js'

// The payload builders against the Kosli stand-in, which is written from Kosli's API, not from them.

const SHA = '1'.repeat(40)
const FP = 'a'.repeat(64)
const COMMIT = {
  sha1: SHA,
  message: 'Fix',
  author: 'Ada <ada@example.com>',
  branch: 'main',
  timestamp: 1_700_000_000
}
const TEMPLATE =
  'version: 1\ntrail:\n  attestations:\n    - name: code-review\n      type: pull_request\n  artifacts:\n    - name: web-app\n      attestations:\n        - name: unit-tests\n          type: junit\n'

let kosli: KosliStandIn

beforeAll(async () => {
  // The bodies are under test here; the action's User-Agent is checked in its own tests.
  kosli = await startKosliServer({ userAgent: false })
})
afterAll(async () => {
  await kosli.close()
})
beforeEach(() => kosli.reset())

async function send(request: Omit<MultipartRequest, 'url'> & { path: string }): Promise<number> {
  const response = await fetch(`${kosli.apiUrl}${request.path}`, {
    method: request.method,
    headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` },
    body: toFormData({ ...request, url: '' })
  })
  const text = await response.text()
  if (response.status >= 300) throw new Error(`${response.status} ${text}`)
  return response.status
}

async function get(path: string): Promise<unknown> {
  const response = await fetch(`${kosli.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}` }
  })
  return response.json()
}

describe('evidence payloads against the Kosli stand-in', () => {
  it('creates the flow, begins the trail, records every type, and reads the verdict and summary', async () => {
    expect(
      await send({
        method: 'PUT',
        path: evidencePaths.flowTemplate('acme'),
        dataJson: flowTemplateData('app', ''),
        file: { field: 'template_file', filename: 'kosli.yml', bytes: Buffer.from(TEMPLATE) }
      })
    ).toBe(200)
    const trail = {
      method: 'PUT' as const,
      path: evidencePaths.trail('acme', 'app'),
      dataJson: beginTrailData({ name: SHA, description: 'Release', gitCommit: COMMIT })
    }
    expect(await send(trail)).toBe(201)
    expect(
      await send({ ...trail, dataJson: beginTrailData({ name: SHA, gitCommit: COMMIT }) })
    ).toBe(200)
    expect(kosli.evidence.trail('acme', 'app', SHA)?.description).toBe('Release')

    const report = await fetch(`${kosli.apiUrl}/artifacts/acme/app`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${DEFAULT_KOSLI_TOKEN}`,
        'content-type': 'application/json'
      },
      body: JSON.stringify({
        fingerprint: FP,
        filename: 'web-app.tgz',
        build_url: 'https://github.com/acme/app/actions/runs/1',
        commit_url: `https://github.com/acme/app/commit/${SHA}`,
        trail_name: SHA,
        template_reference_name: 'web-app',
        git_commit: SHA
      })
    })
    expect(report.status).toBe(201)

    const path = (kind: Parameters<typeof evidencePaths.attestation>[3]): string =>
      evidencePaths.attestation('acme', 'app', SHA, kind)
    const dir = await realpath(await mkdtemp(join(tmpdir(), 'evidence-')))
    const xml =
      '<testsuite name="s"><testcase name="a"/><testcase name="b"><failure/></testcase></testsuite>'
    await writeFile(join(dir, 'a.xml'), xml)
    await writeFile(join(dir, 'b.xml'), xml)
    const attachment = await buildAttachment(['a.xml', 'b.xml'], {
      workspace: dir,
      input: 'attachments'
    })
    expect(
      await send({
        method: 'POST',
        path: path('junit'),
        dataJson: junitData(
          { name: 'web-app.unit-tests', gitCommit: COMMIT },
          parseJUnit(xml, 'a.xml')
        ),
        file: {
          field: 'attachment_file',
          filename: attachment?.filename ?? '',
          bytes: attachment?.bytes ?? new Uint8Array()
        }
      })
    ).toBe(201)
    expect(
      Buffer.compare(
        kosli.evidence.attestations()[0].attachment?.bytes ?? Buffer.alloc(0),
        Buffer.from(attachment?.bytes ?? [])
      )
    ).toBe(0)

    const pull = foundPullRequest(
      {
        number: 1,
        html_url: 'https://github.com/acme/app/pull/1',
        state: 'open',
        title: 'T',
        user: { login: 'octocat' },
        created_at: '2024-05-01T10:00:00Z',
        merged_at: null,
        merge_commit_sha: 'e'.repeat(40),
        head: { ref: 'f' },
        base: { ref: 'main' }
      },
      [{ user: { login: 'hubot' }, state: 'APPROVED', submitted_at: '2024-05-01T11:00:00Z' }],
      [
        {
          sha: SHA,
          author: { login: 'ada' },
          commit: {
            message: 'Fix',
            author: { name: 'Ada', email: 'a@x', date: '2024-05-01T09:00:00Z' }
          }
        }
      ]
    )
    expect(
      await send({
        method: 'POST',
        path: path('pull_request'),
        dataJson: pullRequestData({ name: 'code-review', gitCommit: COMMIT }, [pull])
      })
    ).toBe(201)
    expect(
      await send({
        method: 'POST',
        path: path('generic'),
        dataJson: genericData({ name: 'lint', fingerprint: FP }, true)
      })
    ).toBe(201)
    const sarif = JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'Snyk' } }, results: [] }]
    })
    expect(
      await send({
        method: 'POST',
        path: path('snyk'),
        dataJson: snykData({ name: 'sast' }, summariseSarif(sarif, 's.sarif'))
      })
    ).toBe(201)
    kosli.evidence.seedCustomType('acme', 'risk')
    expect(
      await send({
        method: 'POST',
        path: path('custom'),
        dataJson: customData({ name: 'risk' }, 'risk', { score: 1 })
      })
    ).toBe(201)

    const verdict = assertVerdict(
      await get(`/asserts/acme/fingerprint/${FP}?flow_name=app`),
      'web-app.tgz'
    )
    expect(verdict).toMatchObject({ compliant: false, missing: [], non_compliant: ['unit-tests'] })
    const summary = trailSummary(await get(evidencePaths.getTrail('acme', 'app', SHA)))
    expect(summary.rows).toEqual([
      { attestation: 'code-review', type: 'pull_request', status: 'complete' },
      { artifact: 'web-app', attestation: 'unit-tests', type: 'junit', status: 'non-compliant' }
    ])
  })
})

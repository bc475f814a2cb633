import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { copyFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { KosliClient } from '../../src/kosli/client.js'
import { parseInputs } from '../../src/inputs/index.js'
import { type AttestSettings, attest } from '../../src/stages/attest.js'
import { renderAttestSummary } from '../../src/stages/evidence-summary.js'
import { startKosliServer, type KosliStandIn } from '../../test-support/kosli-server.js'
import { recorder } from '../../test-support/stub-server.js'

// The inputs of an attest/ step, as parsed: what a type reads its own inputs from.
const ATTEST_INPUTS = parseInputs(
  {
    org: 'acme',
    flow: 'app',
    type: 'generic',
    name: 'check',
    compliant: 'true',
    'dry-run': 'true'
  },
  {},
  '/nowhere',
  'attest'
)

// decision and sbom through the attest stage, against the Kosli stand-in (written from the
// Kosli CLI's structs for these types, not from src/).

const SHA = 'c'.repeat(40)
const FIXTURES = join(process.cwd(), 'test-support', 'fixtures', 'sbom')
let kosli: KosliStandIn
let workspace: string

beforeAll(async () => {
  kosli = await startKosliServer({ userAgent: false })
  workspace = await mkdtemp(join(tmpdir(), 'attest-more-'))
  await copyFile(join(FIXTURES, 'cyclonedx-1.6-syft.json'), join(workspace, 'sbom.cdx.json'))
})
afterAll(async () => {
  await kosli.close()
})
beforeEach(() => {
  kosli.reset()
  kosli.evidence.seedTrail('acme', 'app', 'release-1')
})

function settings(extra: Partial<AttestSettings>): AttestSettings {
  return {
    org: 'acme',
    flow: 'app',
    trail: 'release-1',
    type: { kind: 'generic' },
    typeInput: 'generic',
    name: 'check',
    gitCommit: { sha1: SHA },
    results: [],
    attachments: [],
    attachResults: true,
    workspace,
    inputs: ATTEST_INPUTS,
    ...extra
  }
}

function client(dryRun = false, log = recorder().log): KosliClient {
  return new KosliClient({
    host: kosli.url,
    token: kosli.token,
    timeoutMs: 5000,
    maxRetries: 0,
    dryRun,
    log
  })
}

describe('decision', () => {
  it.each([true, false])('records control and compliant %s on the system path', async compliant => {
    const log = recorder()
    const result = await attest(
      settings({
        type: { kind: 'decision' },
        typeInput: 'decision',
        name: 'release-approval',
        control: 'RCTL-043',
        compliant
      }),
      { kosli: client(), log: log.log }
    )
    expect(result.compliant).toBe(compliant)
    const [one] = kosli.evidence.attestations()
    expect(one.type).toBe('decision')
    expect(one.data).toMatchObject({
      attestation_name: 'release-approval',
      type_name: 'decision',
      control: 'RCTL-043',
      attestation_data: { is_compliant: compliant }
    })
    expect(kosli.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'POST /api/v2/attestations/acme/app/trail/release-1/system'
    ])
    const summary = renderAttestSummary({
      type: 'decision',
      name: 'release-approval',
      dryRun: false,
      recorded: true,
      compliant,
      details: result.details,
      trails: []
    })
    expect(summary).toContain(
      `Control \`RCTL-043\`: ${compliant ? '✅ compliant' : '❌ not compliant'}`
    )
  })
})

describe('sbom', () => {
  it('sends the summary and the file as it is, its SHA-256 in the data and the annotations', async () => {
    const log = recorder()
    const result = await attest(
      settings({
        type: { kind: 'sbom' },
        typeInput: 'sbom',
        name: 'web.sbom',
        results: ['sbom.cdx.json'],
        annotations: { team: 'web' }
      }),
      { kosli: client(), log: log.log }
    )
    const { readFile } = await import('node:fs/promises')
    const bytes = await readFile(join(workspace, 'sbom.cdx.json'))
    const sha = createHash('sha256').update(bytes).digest('hex')
    const [one] = kosli.evidence.attestations()
    expect(one.type).toBe('sbom')
    expect(one.targetArtifacts).toEqual(['web'])
    expect(one.data).toMatchObject({
      attestation_name: 'sbom',
      type_name: 'sbom',
      annotations: { team: 'web', sbom_format: 'cyclonedx-1.6', sbom_sha256: sha },
      attestation_data: {
        format: 'cyclonedx-1.6',
        original_fingerprint: sha,
        document: { package_count: 4, tools: ['syft 1.18.1'] }
      }
    })
    expect(one.attachment?.filename).toBe('sbom.cdx.json')
    expect(Buffer.compare(one.attachment!.bytes, bytes)).toBe(0)
    expect(result.compliant).toBeUndefined()
    const summary = renderAttestSummary({
      type: 'sbom',
      name: 'web.sbom',
      dryRun: false,
      recorded: true,
      compliant: undefined,
      details: result.details,
      trails: []
    })
    expect(summary).toContain('| sbom.cdx.json | `cyclonedx-1.6` |')
    expect(summary).toContain('syft 1.18.1')
  })

  it('in dry run prints data_json and the file part by name and size, and sends nothing', async () => {
    const log = recorder()
    await attest(
      settings({
        type: { kind: 'sbom' },
        typeInput: 'sbom',
        name: 'sbom',
        results: ['sbom.cdx.json']
      }),
      { kosli: client(true, log.log), log: log.log }
    )
    expect(kosli.requests).toEqual([])
    expect(log.text()).toMatch(/POST .*\/trail\/release-1\/system \(multipart\/form-data\)/)
    expect(log.text()).toContain('"type_name": "sbom"')
    expect(log.text()).toMatch(/attachment_file: sbom\.cdx\.json \([\d,]+ bytes\)/)
  })
})

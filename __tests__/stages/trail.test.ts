// The flow and trail stage in process against the Kosli stand-in: templates checked before any
// request, the flow's description kept, a re-run that wipes nothing, and the dry run.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { TemplateError } from '../../src/evidence/template.js'
import { KosliClient } from '../../src/kosli/client.js'
import {
  type FlowTrailSettings,
  checkTemplates,
  ensureFlowAndTrail
} from '../../src/stages/trail.js'
import { type KosliStandIn, startKosliServer } from '../../test-support/kosli-server.js'
import { recorder } from '../../test-support/stub-server.js'

const SHA = 'd'.repeat(40)
const COMMIT = { sha1: SHA, url: `https://github.com/acme/app/commit/${SHA}` }
const TEMPLATE = `version: 1
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

let kosli: KosliStandIn
let workspace: string
let outside: string

beforeAll(async () => {
  kosli = await startKosliServer()
  workspace = await mkdtemp(join(tmpdir(), 'trail-stage-'))
  outside = await mkdtemp(join(tmpdir(), 'trail-stage-outside-'))
  await writeFile(join(workspace, 'kosli.yml'), TEMPLATE)
  await writeFile(join(workspace, 'trail.yml'), 'version: 1\n')
  await writeFile(join(workspace, 'typo.yml'), 'version: 1\ntrail:\n  artefacts: []\n')
  await writeFile(join(outside, 'secret.yml'), 'version: 1\n')
  await mkdir(join(workspace, 'links'))
  await symlink(join(outside, 'secret.yml'), join(workspace, 'links', 'out.yml'))
})
afterAll(async () => {
  await kosli.close()
  await rm(workspace, { recursive: true, force: true })
  await rm(outside, { recursive: true, force: true })
})
beforeEach(() => kosli.reset())

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

function settings(extra: Partial<FlowTrailSettings> = {}): FlowTrailSettings {
  return { org: 'acme', flow: 'web', workspace, dryRun: false, ...extra }
}

const TRAIL = {
  name: 'release-1',
  originUrl: 'https://github.com/acme/app/actions/runs/42',
  repoInfo: {
    name: 'acme/app',
    url: 'https://github.com/acme/app',
    id: '4242',
    provider: 'github' as const
  }
}

async function apply(s: FlowTrailSettings, kosliClient = client()) {
  const templates = await checkTemplates(s)
  return ensureFlowAndTrail(s, templates, COMMIT, { kosli: kosliClient, log: recorder().log })
}

describe('checkTemplates', () => {
  it('names the input, the file and the key of an invalid template', async () => {
    const error = await checkTemplates(settings({ flowTemplate: 'typo.yml' })).catch(
      e => e as Error
    )
    expect(error).toBeInstanceOf(TemplateError)
    expect((error as Error).message).toContain('flow-template')
    expect((error as Error).message).toContain('typo.yml')
    expect((error as Error).message).toContain('trail.artefacts: unknown key')
  })

  it('refuses a relative path that leads out of the workspace through a symlink', async () => {
    const error = await checkTemplates(
      settings({ trail: { ...TRAIL, template: 'links/out.yml' } })
    ).catch(e => e as Error)
    expect(error).toBeInstanceOf(TemplateError)
    expect((error as Error).message).toContain("trail-template: 'links/out.yml' leads out of")
  })

  it('says which template file cannot be read', async () => {
    const error = await checkTemplates(settings({ flowTemplate: 'missing.yml' })).catch(
      e => e as Error
    )
    expect((error as Error).message).toMatch(
      /flow-template: the template '.*missing\.yml' cannot be read \(ENOENT\)/
    )
  })
})

describe('ensureFlowAndTrail', () => {
  it('creates a new flow from its template with an empty description', async () => {
    const result = await apply(settings({ flowTemplate: 'kosli.yml' }))
    expect(result).toEqual({ flowDescription: '' })
    const flow = kosli.evidence.flow('acme', 'web')
    expect(flow).toMatchObject({ description: '', templateYaml: TEMPLATE })
    const [put] = kosli.evidence.received
    expect(put).toMatchObject({
      method: 'PUT',
      path: '/api/v2/flows/acme/template_file',
      dataJson: { name: 'web', description: '' },
      status: 201
    })
    expect(put.files.map(f => [f.field, f.filename])).toEqual([['template_file', 'kosli.yml']])
    // visibility is deprecated and not sent.
    expect(put.dataJson).not.toHaveProperty('visibility')
  })

  it('keeps the description of an existing flow when none is given', async () => {
    await apply(settings({ flowTemplate: 'kosli.yml', flowDescription: 'The web app' }))
    const result = await apply(settings({ flowTemplate: 'kosli.yml' }))
    expect(result.flowDescription).toBe('The web app')
    expect(kosli.evidence.flow('acme', 'web')?.description).toBe('The web app')
    expect(kosli.requests.map(r => `${r.method} ${r.path}`)).toEqual([
      'PUT /api/v2/flows/acme/template_file',
      'GET /api/v2/flows/acme/web',
      'PUT /api/v2/flows/acme/template_file'
    ])
  })

  it('begins the trail with the commit, the repository and the run, and a re-run wipes nothing', async () => {
    await apply(settings({ flow: 'app', trail: { ...TRAIL, description: 'First release' } }))
    kosli.evidence.trail('acme', 'app', 'release-1')!.userData = { ticket: 'OPS-1' }
    await apply(settings({ flow: 'app', trail: TRAIL }))

    const [first, second] = kosli.evidence.received
    expect(first.dataJson).toEqual({
      name: 'release-1',
      description: 'First release',
      git_commit_info: COMMIT,
      repo_info: TRAIL.repoInfo,
      origin_url: TRAIL.originUrl
    })
    expect(second.dataJson).not.toHaveProperty('description')
    expect(second.dataJson).not.toHaveProperty('user_data')
    expect(second.status).toBe(200)
    expect(kosli.evidence.trail('acme', 'app', 'release-1')).toMatchObject({
      description: 'First release',
      userData: { ticket: 'OPS-1' },
      originUrl: TRAIL.originUrl
    })
  })

  it('sends the trail template as the template_file part', async () => {
    await apply(settings({ flow: 'app', trail: { ...TRAIL, template: 'kosli.yml' } }))
    const [put] = kosli.evidence.received
    expect(put.path).toBe('/api/v2/trails/acme/app')
    expect(put.files.map(f => [f.field, f.filename, f.size])).toEqual([
      ['template_file', 'kosli.yml', Buffer.byteLength(TEMPLATE)]
    ])
    expect(kosli.evidence.trail('acme', 'app', 'release-1')?.template?.trail?.artifacts).toEqual([
      { name: 'web', attestations: [{ name: 'unit-tests', type: 'junit' }] }
    ])
  })

  it('in dry run, reads the flow and prints each multipart write instead of sending it', async () => {
    const log = recorder()
    await apply(
      settings({
        flowTemplate: 'kosli.yml',
        trail: { ...TRAIL, template: 'trail.yml' },
        dryRun: true
      }),
      client(true, log.log)
    )
    expect(kosli.requests.map(r => `${r.method} ${r.path}`)).toEqual(['GET /api/v2/flows/acme/web'])
    const printed = log.lines.join('\n')
    expect(printed).toContain(
      `PUT ${kosli.url}/api/v2/flows/acme/template_file (multipart/form-data)`
    )
    expect(printed).toContain(`template_file: kosli.yml (${Buffer.byteLength(TEMPLATE)} bytes)`)
    expect(printed).toContain(`PUT ${kosli.url}/api/v2/trails/acme/web (multipart/form-data)`)
    expect(printed).toContain('template_file: trail.yml (11 bytes)')
    expect(printed).toContain('"origin_url": "https://github.com/acme/app/actions/runs/42"')
    expect(printed).not.toContain('created or updated')
    expect(printed).not.toContain('begun or updated')
  })
})

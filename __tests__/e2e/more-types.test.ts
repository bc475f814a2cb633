// attest/'s decision, sbom, jira and sonar types, bundled, against the Kosli, GitHub, Jira and
// Sonar stand-ins: happy paths, dry run, refusals before any request, each outside service's
// faults, re-runs, and the Sonar and Jira secrets kept to their own service.
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions
} from '../../test-support/run-action.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import {
  JIRA_API_TOKEN,
  JIRA_PAT,
  JIRA_USER,
  type JiraStandIn,
  startJiraServer
} from '../../test-support/jira-server.js'
import {
  SONAR_TOKEN,
  type SonarStandIn,
  startSonarServer
} from '../../test-support/sonar-server.js'
import { makeWorkspace, removeWorkspace, secretLeaks, sha256 } from './report-helpers.js'

const FIXTURES = join(process.cwd(), 'test-support', 'fixtures', 'sbom')
const SERVICE_SECRETS = [SONAR_TOKEN, JIRA_API_TOKEN, JIRA_PAT]
const BASIC_JIRA = Buffer.from(`${JIRA_USER}:${JIRA_API_TOKEN}`).toString('base64')
const BASIC_SONAR = Buffer.from(`${SONAR_TOKEN}:`).toString('base64')

describe('attest/: decision, sbom, jira, sonar (e2e, bundled)', () => {
  let s: StandIns
  let jira: JiraStandIn
  let sonar: SonarStandIn
  let workspace: string
  let commit: string
  let jiraCommit: string
  let results: ActionResult[] = []

  async function attest(inputs: Record<string, string>, options: RunActionOptions = {}) {
    const result = await s.run({ cwd: workspace, subAction: 'attest', ...options, inputs })
    results.push(result)
    return result
  }
  const recorded = () => s.kosli.evidence.attestations()
  const kosliWrites = () => s.kosli.requests.filter(r => r.method !== 'GET')

  beforeAll(async () => {
    s = await startStandIns(3)
    commit = s.shas[s.shas.length - 1]
    ;[jiraCommit] = s.github.seedCommits(OWNER, REPO, [
      {
        message: 'web-1: the sign-up form\n\nAlso see CVE-2026-41284.',
        authorName: 'Ada',
        authorEmail: 'ada@example.com',
        timestamp: 1_700_100_000
      }
    ])
    jira = await startJiraServer()
    sonar = await startSonarServer()
    workspace = await makeWorkspace({ 'notes.txt': 'evidence' })
    await mkdir(join(workspace, 'sboms'))
    await copyFile(
      join(FIXTURES, 'cyclonedx-1.6-syft.json'),
      join(workspace, 'sboms', 'web.cdx.json')
    )
    await copyFile(join(FIXTURES, 'spdx-2.3.spdx'), join(workspace, 'sboms', 'web.spdx'))
    await writeFile(
      join(workspace, 'sboms', 'web.cdx.json.gz'),
      gzipSync(await readFile(join(FIXTURES, 'cyclonedx-1.6-syft.json')))
    )
    await mkdir(join(workspace, '.scannerwork'))
  })
  afterAll(async () => {
    await Promise.all([s.close(), jira.close(), sonar.close()])
    await removeWorkspace(workspace)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.requests.length = 0
    jira.reset()
    sonar.reset()
    s.kosli.evidence.seedTrail('acme', 'app', commit, {
      version: 1,
      trail: {
        attestations: [
          { name: 'release-decision', type: 'decision' },
          { name: 'jira', type: 'jira' },
          { name: 'quality', type: 'sonar' }
        ],
        artifacts: [{ name: 'web', attestations: [{ name: 'sbom', type: 'sbom' }] }]
      }
    })
    s.kosli.evidence.seedTrail('acme', 'app', jiraCommit)
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(
        secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN, ...SERVICE_SECRETS])
      ).toEqual([])
    }
  })

  describe('decision', () => {
    it('records the control and the verdict on the system path, and summarises it', async () => {
      const result = await attest({
        type: 'decision',
        name: 'release-decision',
        control: 'RCTL-043',
        compliant: 'failure'
      })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(kosliWrites().map(r => r.path)).toEqual([
        `/api/v2/attestations/acme/app/trail/${commit}/system`
      ])
      expect(recorded()[0].data).toMatchObject({
        type_name: 'decision',
        control: 'RCTL-043',
        attestation_data: { is_compliant: false }
      })
      expect(result.outputs.compliant).toBe('false')
      expect(result.summary).toContain('Control `RCTL-043`: ❌ not compliant')
      expect(result.summary).toMatch(
        /\| \(trail\) \| release-decision \| decision \| ❌ non-compliant \|/
      )
    })

    it('refuses a decision without control or compliant before any request', async () => {
      const result = await attest({ type: 'decision', name: 'release-decision' })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain("'compliant': given nothing")
      expect(result.errors[0]).toContain("'control': given nothing")
      expect(s.kosli.requests).toEqual([])
    })

    it('dry run prints the request and sends no write; a re-run records again', async () => {
      const inputs = {
        type: 'decision',
        name: 'release-decision',
        control: 'RCTL-1',
        compliant: 'true'
      }
      const dry = await attest({ ...inputs, 'dry-run': 'true' })
      expect(dry.exitCode).toBe(0)
      expect(kosliWrites()).toEqual([])
      expect(dry.stdout).toContain(
        `POST ${s.kosli.url}/api/v2/attestations/acme/app/trail/${commit}/system (multipart/form-data)`
      )
      expect(dry.stdout).toContain('"control": "RCTL-1"')
      expect((await attest(inputs)).exitCode).toBe(0)
      expect((await attest(inputs)).exitCode).toBe(0)
      expect(recorded()).toHaveLength(2)
    })
  })

  describe('sbom', () => {
    it('sends the file as it is, with its SHA-256 and summary, bound to the template artifact', async () => {
      const bytes = await readFile(join(workspace, 'sboms', 'web.cdx.json'))
      const result = await attest({ type: 'sbom', name: 'web.sbom', results: 'sboms/web.cdx.json' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect(one).toMatchObject({ type: 'sbom', targetArtifacts: ['web'] })
      expect(one.data).toMatchObject({
        annotations: { sbom_format: 'cyclonedx-1.6', sbom_sha256: sha256(bytes) },
        attestation_data: { format: 'cyclonedx-1.6', original_fingerprint: sha256(bytes) }
      })
      expect(one.attachment?.filename).toBe('web.cdx.json')
      expect(Buffer.compare(one.attachment!.bytes, bytes)).toBe(0)
      expect(result.outputs.compliant).toBe('')
      expect(result.summary).toContain('`cyclonedx-1.6`')
      expect(result.summary).toContain('syft 1.18.1')
      // A re-run records it again, the same bytes and checksum.
      expect(
        (await attest({ type: 'sbom', name: 'web.sbom', results: 'sboms/web.cdx.json' })).exitCode
      ).toBe(0)
      expect(recorded().map(a => a.data.attestation_data)).toEqual([
        one.data.attestation_data,
        one.data.attestation_data
      ])
    })

    it('reads SPDX tag-value; dry run prints data_json and the file by name and size', async () => {
      const size = (await readFile(join(workspace, 'sboms', 'web.spdx'))).length
      const result = await attest({
        type: 'sbom',
        name: 'sbom',
        results: 'sboms/web.spdx',
        'dry-run': 'true'
      })
      expect(result.exitCode).toBe(0)
      expect(kosliWrites()).toEqual([])
      expect(result.stdout).toContain('"format": "spdx-2.3"')
      expect(result.stdout).toContain(
        `attachment_file: web.spdx (${size.toLocaleString('en-US')} bytes)`
      )
    })

    it.each([
      [{ results: 'sboms/web.cdx.json.gz' }, "the SBOM file '", 'is gzip compressed'],
      [
        { results: 'sboms/web.cdx.json', attachments: 'notes.txt' },
        "'attachments': given with type sbom",
        ''
      ],
      [{ results: 'sboms/web.cdx.json', 'attach-results': 'false' }, "'attach-results'", ''],
      [
        { results: 'sboms/web.cdx.json', annotations: 'sbom_sha256=abc' },
        'the key sbom_sha256',
        ''
      ],
      [{ results: 'sboms' }, 'is a directory', '']
    ])('refuses %j before any request', async (extra, message, more) => {
      const result = await attest({ type: 'sbom', name: 'sbom', ...extra })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain(message)
      expect(result.errors[0]).toContain(more)
      expect(s.kosli.requests).toEqual([])
    })

    it('an SBOM is read before the artifact is fingerprinted: a bad one costs no request at all', async () => {
      const result = await attest({
        type: 'sbom',
        name: 'sbom',
        results: 'sboms/web.cdx.json.gz',
        artifact: 'ghcr.io/acme/web:1.0',
        'artifact-type': 'oci'
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain('gzip')
      expect(s.kosli.requests).toEqual([])
    })
  })

  describe('jira', () => {
    const jiraInputs = () => ({
      type: 'jira',
      name: 'jira',
      'git-commit': jiraCommit,
      'jira-url': jira.baseUrl,
      'jira-username': JIRA_USER,
      'jira-api-token': JIRA_API_TOKEN
    })
    const onBranch: RunActionOptions = {
      github: { refName: 'feature/WEB-2-oauth', ref: 'refs/heads/feature/WEB-2-oauth' }
    }

    it('finds keys in the commit message and the branch, records which exist', async () => {
      jira.seedIssue('WEB-1')
      const result = await attest(jiraInputs(), onBranch)
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.jira_results).toEqual([
        { issue_id: 'WEB-1', issue_url: `${jira.baseUrl}/browse/WEB-1`, issue_exists: true },
        { issue_id: 'WEB-2', issue_url: `${jira.baseUrl}/browse/WEB-2`, issue_exists: false }
      ])
      expect(result.outputs.compliant).toBe('false')
      expect(result.summary).toMatch(/\| \[WEB-1\]\(.*\/browse\/WEB-1\) \| ✅ yes \|/)
      expect(result.summary).toMatch(/\| \[WEB-2\]\(.*\/browse\/WEB-2\) \| ❌ no \|/)
      expect(jira.requests.map(r => r.headers.authorization)).toEqual([
        `Basic ${BASIC_JIRA}`,
        `Basic ${BASIC_JIRA}`
      ])
      // A re-run after the missing issue was created records both as existing.
      jira.seedIssue('WEB-2')
      const again = await attest(jiraInputs(), onBranch)
      expect(again.outputs.compliant).toBe('true')
      expect(recorded()).toHaveLength(2)
    })

    it('jira-project-keys and ignore-branch-match narrow the keys; a PAT is sent as Bearer', async () => {
      jira.seedIssue('WEB-1')
      const { 'jira-username': _u, 'jira-api-token': _t, ...rest } = jiraInputs()
      const result = await attest(
        {
          ...rest,
          'jira-pat': JIRA_PAT,
          'jira-project-keys': 'web',
          'ignore-branch-match': 'true'
        },
        onBranch
      )
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.jira_results).toEqual([
        { issue_id: 'WEB-1', issue_url: `${jira.baseUrl}/browse/WEB-1`, issue_exists: true }
      ])
      expect(result.outputs.compliant).toBe('true')
      expect(jira.requests.map(r => r.headers.authorization)).toEqual([`Bearer ${JIRA_PAT}`])
    })

    it('a 401 fails before anything reaches Kosli, naming the credential inputs', async () => {
      const result = await attest({ ...jiraInputs(), 'jira-api-token': 'not-the-token' }, onBranch)
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toMatch(/401.*Check jira-username and jira-api-token/)
      expect(kosliWrites()).toEqual([])
    })

    it('an unreachable Jira: every key recorded as not existing, with a warning', async () => {
      jira.injectFault('reset', { times: Infinity })
      const result = await attest({ ...jiraInputs(), 'max-retries': '0' }, onBranch)
      expect(result.exitCode).toBe(0)
      expect(result.warnings.join('\n')).toContain('Jira could not be reached')
      expect(recorded()[0].data.jira_results).toEqual([
        expect.objectContaining({ issue_id: 'WEB-1', issue_exists: false }),
        expect.objectContaining({ issue_id: 'WEB-2', issue_exists: false })
      ])
      expect(result.summary).toContain('Jira could not be reached')
    })

    it('refuses missing credentials and a bare http:// Jira before any request', async () => {
      const result = await attest({
        ...jiraInputs(),
        'jira-api-token': '',
        'jira-url': 'http://jira.acme.example'
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain("'jira-url'")
      expect(result.errors[0]).toContain("'jira-api-token': given nothing")
      expect(s.kosli.requests).toEqual([])
      expect(jira.requests).toEqual([])
    })

    it('dry run asks Jira (a read) and prints the write', async () => {
      jira.seedIssue('WEB-1')
      const result = await attest({ ...jiraInputs(), 'dry-run': 'true' }, onBranch)
      expect(result.exitCode).toBe(0)
      expect(kosliWrites()).toEqual([])
      expect(result.stdout).toContain(`/trail/${jiraCommit}/jira (multipart/form-data)`)
      expect(result.stdout).toContain('"issue_id": "WEB-1"')
    })
  })

  describe('sonar', () => {
    async function report(ceTaskUrl: string): Promise<void> {
      await writeFile(
        join(workspace, '.scannerwork', 'report-task.txt'),
        `projectKey=acme_web\nserverUrl=${sonar.url}\ndashboardUrl=${sonar.url}/dashboard?id=acme_web\nceTaskId=T1\nceTaskUrl=${ceTaskUrl}\n`
      )
    }
    function seedAnalysis(runningPolls = 0, gate: 'OK' | 'ERROR' = 'ERROR'): void {
      sonar.seedProject('acme_web', 'Acme Web')
      const analysisId = sonar.seedAnalysis('acme_web', {
        revision: commit,
        gate,
        conditions: [
          {
            status: 'ERROR',
            metricKey: 'new_coverage',
            comparator: 'LT',
            errorThreshold: '80',
            actualValue: '61.5'
          }
        ]
      })
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls,
        finalStatus: 'SUCCESS',
        analysisId,
        branch: 'main',
        branchType: 'BRANCH'
      })
    }
    const sonarInputs = { type: 'sonar', name: 'quality', 'sonar-token': SONAR_TOKEN }

    it('records the analysis of the report file, its failed gate in the summary', async () => {
      seedAnalysis()
      await report(`${sonar.url}/api/ce/task?id=T1`)
      const result = await attest(sonarInputs)
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.sonar_results).toMatchObject({
        serverUrl: sonar.url,
        taskId: 'T1',
        revision: commit,
        qualityGate: { status: 'ERROR' }
      })
      expect(result.outputs.compliant).toBe('')
      expect(result.summary).toContain('quality gate ❌ failed')
      expect(result.summary).toMatch(/\| `new_coverage` \| 61\.5 \| LT \| 80 \| ERROR \|/)
    })

    it('waits for a running analysis; a re-run records again', async () => {
      seedAnalysis(1, 'OK')
      await report(`${sonar.url}/api/ce/task?id=T1`)
      const first = await attest(sonarInputs)
      expect(first.exitCode).toBe(0)
      expect(first.stdout).toContain('is still running; asking again')
      expect((await attest(sonarInputs)).exitCode).toBe(0)
      expect(recorded()).toHaveLength(2)
    })

    it('a Sonar that never finishes fails within sonar-wait, and nothing is sent to Kosli', async () => {
      seedAnalysis(Infinity)
      await report(`${sonar.url}/api/ce/task?id=T1`)
      const result = await attest({ ...sonarInputs, 'sonar-wait': '1' })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('still running after 1 s (sonar-wait)')
      expect(kosliWrites()).toEqual([])
    })

    it('a pre-10.0 SonarQube (Bearer refused, Basic accepted) works; an unknown project fails', async () => {
      sonar.options.preBearer = true
      seedAnalysis()
      const ok = await attest({
        ...sonarInputs,
        'sonar-url': sonar.url,
        'sonar-project-key': 'acme_web',
        'sonar-branch': 'main'
      })
      expect(ok.exitCode).toBe(0)
      expect(
        sonar.requests.slice(1).every(r => r.headers.authorization === `Basic ${BASIC_SONAR}`)
      ).toBe(true)
      const unknown = await attest({
        ...sonarInputs,
        'sonar-url': sonar.url,
        'sonar-project-key': 'nope',
        'sonar-branch': 'main'
      })
      expect(unknown.exitCode).toBe(1)
      expect(unknown.errors.join('\n')).toContain("Component key 'nope' not found")
    })

    it('a report naming another origin is an input error naming both, before any request', async () => {
      await report('https://sonar.elsewhere.example/api/ce/task?id=T1')
      const result = await attest(sonarInputs)
      expect(result.exitCode).toBe(1)
      expect(result.errors[0]).toContain('names ceTaskUrl https://sonar.elsewhere.example')
      expect(sonar.requests).toEqual([])
      expect(s.kosli.requests).toEqual([])
    })

    it('dry run reads Sonar and prints the write', async () => {
      seedAnalysis()
      await report(`${sonar.url}/api/ce/task?id=T1`)
      const result = await attest({ ...sonarInputs, 'dry-run': 'true' })
      expect(result.exitCode).toBe(0)
      expect(kosliWrites()).toEqual([])
      expect(result.stdout).toContain('"sonar_results": {')
    })
  })

  it('sonar-token, jira-api-token and jira-pat are masked and reach their own service alone', async () => {
    jira.seedIssue('WEB-1')
    const sonarSeeded = async () => {
      sonar.seedProject('acme_web')
      const analysisId = sonar.seedAnalysis('acme_web', { revision: commit })
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: 0,
        finalStatus: 'SUCCESS',
        analysisId
      })
      await writeFile(
        join(workspace, '.scannerwork', 'report-task.txt'),
        `serverUrl=${sonar.url}\nceTaskUrl=${sonar.url}/api/ce/task?id=T1\n`
      )
    }
    await sonarSeeded()
    const runs = [
      await attest({ type: 'sonar', name: 'quality', 'sonar-token': SONAR_TOKEN }),
      await attest({
        type: 'jira',
        name: 'jira',
        'git-commit': jiraCommit,
        'jira-url': jira.baseUrl,
        'jira-username': JIRA_USER,
        'jira-api-token': JIRA_API_TOKEN
      }),
      await attest({
        type: 'jira',
        name: 'jira',
        'git-commit': jiraCommit,
        'jira-url': jira.baseUrl,
        'jira-pat': JIRA_PAT
      }),
      // An error path: a bad Jira token is never shown either.
      await attest({
        type: 'jira',
        name: 'jira',
        'git-commit': jiraCommit,
        'jira-url': jira.baseUrl,
        'jira-pat': `${JIRA_PAT}-x`
      })
    ]
    expect(runs.map(r => r.exitCode)).toEqual([0, 0, 0, 1])
    expect(runs[0].masks).toContain(SONAR_TOKEN)
    expect(runs[1].masks).toContain(JIRA_API_TOKEN)
    expect(runs[2].masks).toContain(JIRA_PAT)
    const everything = (
      requests: Array<{
        rawBody: string
        headers: Record<string, string>
        path: string
        query: Record<string, string>
      }>
    ) =>
      requests
        .map(r => `${r.path} ${JSON.stringify(r.query)} ${JSON.stringify(r.headers)} ${r.rawBody}`)
        .join('\n')
    const forms = [...SERVICE_SECRETS, BASIC_JIRA, BASIC_SONAR]
    for (const secret of forms) {
      expect(everything(s.kosli.requests)).not.toContain(secret)
      expect(everything(s.github.requests)).not.toContain(secret)
    }
    for (const secret of [JIRA_API_TOKEN, JIRA_PAT, BASIC_JIRA])
      expect(everything(sonar.requests)).not.toContain(secret)
    for (const secret of [SONAR_TOKEN, BASIC_SONAR])
      expect(everything(jira.requests)).not.toContain(secret)
    expect(sonar.requests.length).toBeGreaterThan(0)
    expect(jira.requests.length).toBeGreaterThan(0)
  })
})

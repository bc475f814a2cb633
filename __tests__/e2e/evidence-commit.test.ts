// What Kosli's controls read from the evidence, bundled against the stand-ins: the full commit on
// trails and attestations (and redact-commit-info there), pull requests' base_ref and signatures,
// SARIF levels, junit attachments, a deleted account, and a Kosli server older than those fields.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { type ActionResult, DEFAULT_ACTION_TOKEN } from '../../test-support/run-action.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { makeWorkspace, removeWorkspace, secretLeaks } from './report-helpers.js'

const JUNIT = `<testsuite name="unit"><testcase name="a" time="1"/></testsuite>`
const NOT_JUNIT = `<?xml version="1.0"?><coverage line-rate="0.9"/>`
const sarif = (results: unknown[], rules: unknown[] = []): string =>
  JSON.stringify({
    version: '2.1.0',
    runs: [{ tool: { driver: { name: 'Snyk Open Source', version: '1', rules } }, results }]
  })
const SNYK_RULES = [
  { id: 'SNYK-HIGH', properties: { problem: { severity: 'high' } } },
  { id: 'SNYK-LOW', properties: { problem: { severity: 'low' } } },
  { id: 'DEFAULT-NOTE', defaultConfiguration: { level: 'note' } }
]
const APP = 'web app binary'

// The seeded head commit (startStandIns: 5 commits by Mona Lisa, a minute apart).
const AUTHOR = 'Mona Lisa <mona@example.com>'
const MESSAGE = 'Change 5'
const TIME = 1_700_000_000 + 4 * 60

describe('evidence Kosli controls read (e2e, bundled)', () => {
  let s: StandIns
  let workspace: string
  let commit: string
  let results: ActionResult[] = []

  async function attest(inputs: Record<string, string>): Promise<ActionResult> {
    const result = await s.run({ cwd: workspace, subAction: 'attest', inputs })
    results.push(result)
    return result
  }
  async function main(inputs: Record<string, string>): Promise<ActionResult> {
    const result = await s.run({ cwd: workspace, inputs })
    results.push(result)
    return result
  }
  const recorded = () => s.kosli.evidence.attestations()
  const fullCommit = () => ({
    sha1: commit,
    message: MESSAGE,
    author: AUTHOR,
    timestamp: TIME,
    branch: 'main',
    url: `https://github.com/${OWNER}/${REPO}/commit/${commit}`
  })
  const commitApi = () => new RegExp(`^/repos/${OWNER}/${REPO}/commits/${commit}$`)

  beforeAll(async () => {
    s = await startStandIns(5)
    commit = s.shas[s.shas.length - 1]
    workspace = await makeWorkspace({
      'app.bin': APP,
      'unit.xml': JUNIT,
      'coverage.xml': NOT_JUNIT,
      'data.json': JSON.stringify({ coverage: 91 }),
      'snyk.sarif': sarif([{ ruleId: 'SNYK-HIGH', level: 'error', message: { text: 'x' } }]),
      'levels.sarif': sarif(
        [
          { ruleId: 'NO-LEVEL', message: { text: 'no level: warning' } },
          { ruleId: 'SNYK-HIGH', message: { text: "Snyk's high" } },
          { ruleId: 'SNYK-LOW', message: { text: "Snyk's low" } },
          { ruleIndex: 2, message: { text: 'default level note' } },
          { ruleId: 'SNYK-HIGH', kind: 'pass', level: 'error', message: { text: 'passed' } },
          { ruleId: 'X', kind: 'informational', message: { text: 'info' } },
          { ruleId: 'X', level: 'none', message: { text: 'none' } }
        ],
        SNYK_RULES
      ),
      'unknown.sarif': sarif([{ ruleId: 'SNYK-ODD', level: 'severe', message: { text: 'x' } }]),
      'constructor.sarif': sarif([
        { ruleId: 'SNYK-C', level: 'constructor', message: { text: 'x' } }
      ]),
      'proto.sarif': sarif(
        [{ ruleId: '__proto__', message: { text: 'x' } }],
        [{ id: '__proto__', properties: { problem: { severity: '__proto__' } } }]
      )
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
    s.kosli.evidence.seedTrail('acme', 'app', commit)
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  function seedPull(options: { commits?: string[]; author?: string | null } = {}) {
    return s.github.pulls.seedPullRequest({
      owner: OWNER,
      repo: REPO,
      state: 'merged',
      headRef: 'feature-x',
      baseRef: 'release/2.x',
      commits: options.commits ?? [commit],
      ...(options.author === undefined ? {} : { author: options.author })
    })
  }

  describe('the full commit', () => {
    it('begin-trail sends the full commit in the CLI shape: no login, no parents', async () => {
      const result = await main({ 'begin-trail': 'true' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const trail = s.kosli.evidence.trail('acme', 'app', commit)
      expect(trail?.gitCommitInfo).toEqual(fullCommit())
      // The commit is read before the trail is begun.
      const put = s.kosli.requests.find(r => r.method === 'PUT')
      const read = s.github.requests.find(r => commitApi().test(r.path))
      expect(read && put && read.receivedAt <= put.receivedAt).toBe(true)
    })

    it('a report with begin-trail: the trail carries the commit the report sends, without login and parents', async () => {
      const result = await main({ 'begin-trail': 'true', artifact: 'app.bin' })
      expect(result.errors).toEqual([])
      const trail = s.kosli.evidence.trail('acme', 'app', commit)
      expect(trail?.gitCommitInfo).toEqual(fullCommit())
      const report = s.kosli.requests.find(r => r.path === '/api/v2/artifacts/acme/app')
      const sent = (report?.body as { git_commit_info: Record<string, unknown> }).git_commit_info
      expect(sent).toMatchObject({ ...fullCommit(), author_username: 'mona' })
      expect(sent.parents).toEqual([s.shas[3]])
    })

    it.each([
      ['generic', { type: 'generic', name: 'g', compliant: 'true' }],
      ['junit', { type: 'junit', name: 'unit-tests', results: 'unit.xml' }],
      ['snyk', { type: 'snyk', name: 'sast', results: 'snyk.sarif' }],
      ['custom', { type: 'custom:coverage', name: 'cov', 'attestation-data': 'data.json' }],
      ['pull_request', { type: 'pull-request', name: 'code-review' }]
    ])('a %s attestation carries the full commit', async (_kind, inputs) => {
      s.kosli.evidence.seedCustomType('acme', 'coverage')
      seedPull()
      const result = await attest(inputs)
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.git_commit_info).toEqual(fullCommit())
      expect(result.warnings.join('\n')).not.toContain('left out')
    })

    it('redact-commit-info redacts the trail and every attestation, not the pull requests', async () => {
      const redacted = {
        ...fullCommit(),
        author: '**REDACTED**',
        message: '**REDACTED**',
        branch: '**REDACTED**'
      }
      const redact = { 'redact-commit-info': 'author,message,branch' }
      expect((await main({ 'begin-trail': 'true', ...redact })).exitCode).toBe(0)
      expect(s.kosli.evidence.trail('acme', 'app', commit)?.gitCommitInfo).toEqual(redacted)

      seedPull()
      for (const inputs of <Array<Record<string, string>>>[
        { type: 'generic', name: 'g', compliant: 'true' },
        { type: 'junit', name: 'unit-tests', results: 'unit.xml' },
        { type: 'pull-request', name: 'code-review' }
      ]) {
        const result = await attest({ ...inputs, ...redact })
        expect(result.errors).toEqual([])
      }
      for (const one of recorded()) expect(one.data.git_commit_info).toEqual(redacted)
      const [pr] = recorded()[2].data.pull_requests as Array<{ commits: unknown[] }>
      expect(pr.commits).toEqual([
        expect.objectContaining({ author: AUTHOR, message: MESSAGE, author_username: 'mona' })
      ])
    })

    it('a step with no way to read the commit warns, naming contents: read and actions/checkout, and sends sha1 and url', async () => {
      s.github.injectFault(
        { status: 403, json: { message: 'Resource not accessible by integration' } },
        { times: Infinity, match: { path: commitApi() } }
      )
      const result = await attest({ type: 'generic', name: 'g', compliant: 'true' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(recorded()[0].data.git_commit_info).toEqual({
        sha1: commit,
        url: fullCommit().url
      })
      const warning = result.warnings.join('\n')
      expect(warning).toContain('contents: read')
      expect(warning).toContain('actions/checkout')

      const trail = await main({ 'begin-trail': 'true' })
      expect(trail.exitCode).toBe(0)
      expect(s.kosli.evidence.trail('acme', 'app', commit)?.gitCommitInfo).toEqual({
        sha1: commit,
        url: fullCommit().url
      })
      expect(trail.warnings.join('\n')).toMatch(/begin-trail: .*contents: read.*actions\/checkout/s)

      // The artifact report still needs the commit, as before.
      const report = await main({ artifact: 'app.bin' })
      expect(report.exitCode).toBe(1)
      expect(report.errors.join('\n')).toContain(`could not read commit ${commit}`)
    })
  })

  describe('pull requests', () => {
    it('carry base_ref, and each commit its signature as GitHub checked it', async () => {
      const [signed, unsigned, badly, unchecked] = s.github.seedCommits(
        OWNER,
        REPO,
        [
          {
            message: 'signed',
            authorName: 'Ada',
            authorEmail: 'ada@example.com',
            login: 'ada',
            timestamp: 1_700_001_000,
            verification: { verified: true, reason: 'valid' }
          },
          {
            message: 'unsigned',
            authorName: 'Ada',
            authorEmail: 'ada@example.com',
            timestamp: 1_700_001_060
          },
          {
            message: 'badly signed',
            authorName: 'Ada',
            authorEmail: 'ada@example.com',
            timestamp: 1_700_001_120,
            verification: { verified: false, reason: 'malformed_signature' }
          },
          {
            message: 'from an older server',
            authorName: 'Ada',
            authorEmail: 'ada@example.com',
            timestamp: 1_700_001_180,
            verification: null
          }
        ],
        { branch: 'feature-x' }
      )
      seedPull({ commits: [signed, unsigned, badly, unchecked] })
      const result = await attest({
        type: 'pull-request',
        name: 'code-review',
        'git-commit': unchecked,
        trail: commit
      })
      expect(result.errors).toEqual([])
      const [pr] = recorded()[0].data.pull_requests as Array<Record<string, unknown>>
      expect(pr.base_ref).toBe('release/2.x')
      expect(pr.head_ref).toBe('feature-x')
      const commits = pr.commits as Array<Record<string, unknown>>
      expect(commits.map(c => c.sha1)).toEqual([signed, unsigned, badly, unchecked])
      expect(commits[0]).toMatchObject({ verified: true, signature_state: 'VALID' })
      expect(commits[2]).toMatchObject({ verified: false, signature_state: 'MALFORMED_SIG' })
      for (const c of [commits[1], commits[3]]) {
        expect(c).not.toHaveProperty('verified')
        expect(c).not.toHaveProperty('signature_state')
      }
    })

    it('records a deleted account as "", not ghost', async () => {
      seedPull({ author: null })
      const result = await attest({ type: 'pull-request', name: 'code-review' })
      expect(result.errors).toEqual([])
      const [pr] = recorded()[0].data.pull_requests as Array<Record<string, unknown>>
      expect(pr.author).toBe('')
    })

    it('a Kosli server older than base_ref and signatures gives one error, asking for an upgrade, and is not asked again without them', async () => {
      s.kosli.evidence.beforePullRequestSignatures = true
      seedPull()
      const result = await attest({ type: 'pull-request', name: 'code-review' })
      expect(result.exitCode).toBe(1)
      expect(result.errors).toHaveLength(1)
      expect(result.errors[0]).toContain('base_ref')
      expect(result.errors[0]).toContain('predates')
      expect(result.errors[0]).toContain('2026-06-16')
      expect(result.errors[0]).toMatch(/[Uu]pgrade the Kosli server/)
      const posts = s.kosli.requests.filter(r => r.method === 'POST')
      expect(posts).toHaveLength(1)
      expect(recorded()).toEqual([])
    })
  })

  describe('SARIF levels', () => {
    it('counts a result without a level as warning, takes Snyk severities and default levels, and leaves out kind other than fail and none, saying how many', async () => {
      const result = await attest({ type: 'snyk', name: 'sast', results: 'levels.sarif' })
      expect(result.errors).toEqual([])
      const summary = recorded()[0].data.snyk_results as {
        results: Array<Record<string, number>>
      }
      expect(summary.results[0]).toMatchObject({ high_count: 1, medium_count: 1, low_count: 2 })
      expect(result.stdout).toContain('3 results are not counted')
    })

    it.each([
      ['unknown.sarif', "rule 'SNYK-ODD') has the level 'severe'"],
      ['constructor.sarif', "rule 'SNYK-C') has the level 'constructor'"],
      ['proto.sarif', "rule '__proto__') has the level '__proto__'"]
    ])(
      '%s: an unknown level is an input error naming the rule and the value, before any request',
      async (file, message) => {
        const result = await attest({ type: 'snyk', name: 'sast', results: file })
        expect(result.exitCode).toBe(1)
        expect(result.errors).toHaveLength(1)
        expect(result.errors[0]).toContain(message)
        expect(result.stderr).not.toContain('TypeError')
        expect(s.kosli.requests).toEqual([])
      }
    )
  })

  it('junit attaches only the files with suites; a file left out is named and not sent', async () => {
    const result = await attest({
      type: 'junit',
      name: 'unit-tests',
      results: 'unit.xml\ncoverage.xml'
    })
    expect(result.errors).toEqual([])
    expect(result.warnings.join('\n')).toMatch(/coverage\.xml' holds no <testsuite>.*not sent/)
    const [one] = recorded()
    expect(one.attachment).toMatchObject({ filename: 'unit.xml', size: Buffer.byteLength(JUNIT) })
  })
})

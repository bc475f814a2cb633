import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { findJiraIssueKeys, jiraSearchText } from '../../src/evidence/jira-keys.js'
import { findJiraIssues } from '../../src/jira/issues.js'
import type { JiraSettings } from '../../src/jira/settings.js'
import {
  JIRA_API_TOKEN,
  JIRA_PAT,
  JIRA_USER,
  type JiraStandIn,
  startJiraServer
} from '../../test-support/jira-server.js'
import { recorder } from '../../test-support/stub-server.js'

describe('findJiraIssueKeys (the CLI rules of internal/jira/jira.go)', () => {
  it.each([
    ['fixes PROJ-42 and proj-7', [], ['PROJ-42', 'PROJ-7']],
    ['see note-1 for context, fixes PROJ-42', [], ['NOTE-1', 'PROJ-42']],
    ['see note-1 for context, fixes PROJ-42', ['proj'], ['PROJ-42']],
    ['bump for CVE-2026-41284', [], []],
    ['CVE-2026-41284 and later CVE-2026 alone', [], ['CVE-2026']],
    ['PROJ-1 PROJ-1 ABC-2', ['ABC', 'PROJ'], ['ABC-2', 'PROJ-1']],
    ['XPROJ-1 is not PROJ', ['PROJ'], []],
    ['A-1 is too short a project key', [], []],
    ['ABCDEFGHIJK-1 has an 11-letter project key', [], []],
    ['feature/WEB-12-login', [], ['WEB-12']]
  ])('%s (projects %j) → %j', (text, projects, keys) => {
    expect(findJiraIssueKeys(text, projects)).toEqual(keys)
  })

  it('searches the message, the branch unless ignored, and the secondary source', () => {
    expect(
      jiraSearchText({ message: 'm', branch: 'b', ignoreBranchMatch: false, secondarySource: 's' })
    ).toBe('m\nb\ns')
    expect(jiraSearchText({ message: 'm', branch: 'b', ignoreBranchMatch: true })).toBe('m')
  })
})

describe('findJiraIssues against the Jira stand-in', () => {
  let jira: JiraStandIn
  beforeAll(async () => {
    jira = await startJiraServer('/jira')
  })
  afterAll(async () => {
    await jira.close()
  })
  beforeEach(() => {
    jira.reset()
    jira.seedIssue('WEB-1')
  })
  const settings = (extra: Partial<JiraSettings> = {}): JiraSettings => ({
    url: jira.baseUrl,
    username: JIRA_USER,
    apiToken: JIRA_API_TOKEN,
    projectKeys: [],
    ignoreBranchMatch: false,
    branch: 'feature/WEB-2-signup',
    http: { timeoutMs: 2000, maxRetries: 1, retryBaseMs: 5 },
    ...extra
  })
  const message = (text: string) => async () => text

  it('records each key: 200 exists, 404 does not; compliant only when all exist', async () => {
    const log = recorder()
    const found = await findJiraIssues(settings(), {
      log: log.log,
      commitMessage: message('WEB-1: fix the login')
    })
    expect(found.results).toEqual([
      { issue_id: 'WEB-1', issue_url: `${jira.baseUrl}/browse/WEB-1`, issue_exists: true },
      { issue_id: 'WEB-2', issue_url: `${jira.baseUrl}/browse/WEB-2`, issue_exists: false }
    ])
    expect(found.compliant).toBe(false)
    expect(found.nonCompliantBecause).toContain('WEB-2')
    expect(jira.requests.map(r => r.path)).toEqual([
      '/jira/rest/api/2/issue/WEB-1',
      '/jira/rest/api/2/issue/WEB-2'
    ])
    expect(jira.requests[0].headers.authorization).toBe(
      `Basic ${Buffer.from(`${JIRA_USER}:${JIRA_API_TOKEN}`).toString('base64')}`
    )
  })

  it('takes a PAT as a Bearer token, and ignore-branch-match leaves the branch out', async () => {
    const found = await findJiraIssues(
      settings({
        username: undefined,
        apiToken: undefined,
        pat: JIRA_PAT,
        ignoreBranchMatch: true
      }),
      { log: recorder().log, commitMessage: message('web-1 done') }
    )
    expect(found.compliant).toBe(true)
    expect(found.results.map(r => r.issue_id)).toEqual(['WEB-1'])
    expect(jira.requests[0].headers.authorization).toBe(`Bearer ${JIRA_PAT}`)
  })

  it('no key found: jira_results [] and non-compliant, with a warning, and no request', async () => {
    const log = recorder()
    const found = await findJiraIssues(settings({ ignoreBranchMatch: true }), {
      log: log.log,
      commitMessage: message('no reference here')
    })
    expect(found).toMatchObject({ results: [], compliant: false })
    expect(log.text()).toContain('warning: No Jira issue key was found')
    expect(jira.requests).toEqual([])
  })

  it('a 401 fails naming the credential inputs, never showing the token', async () => {
    const error = await findJiraIssues(settings({ apiToken: 'wrong-token-value' }), {
      log: recorder().log,
      commitMessage: message('WEB-1')
    }).catch((e: unknown) => e as Error)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(/401 .*Check jira-username and jira-api-token/)
    expect((error as Error).message).not.toContain('wrong-token-value')
  })

  it('an unreachable Jira records every key with issue_exists false, with a warning', async () => {
    jira.injectFault('reset', { times: Infinity })
    const log = recorder()
    const found = await findJiraIssues(settings(), {
      log: log.log,
      commitMessage: message('WEB-1')
    })
    expect(found.results.map(r => [r.issue_id, r.issue_exists])).toEqual([
      ['WEB-1', false],
      ['WEB-2', false]
    ])
    expect(found.compliant).toBe(false)
    expect(found.unreachable).toBeDefined()
    expect(log.text()).toMatch(/warning: Jira could not be reached/)
    // One key tried, with its retry; the others are not asked.
    expect(jira.requests).toHaveLength(2)
  })

  it('a 200 that is not an issue (a proxy or login page) fails naming jira-url, never "exists"', async () => {
    jira.injectFault(
      { status: 200, body: '<html><title>Sign in</title></html>' },
      { times: Infinity }
    )
    await expect(
      findJiraIssues(settings(), { log: recorder().log, commitMessage: message('WEB-1') })
    ).rejects.toThrow(/but not with an issue; check that jira-url/)
  })

  it('a Jira answering 503 after every retry is unreachable too', async () => {
    jira.injectFault({ status: 503 }, { times: Infinity })
    const found = await findJiraIssues(settings(), {
      log: recorder().log,
      commitMessage: message('WEB-1')
    })
    expect(found.unreachable).toMatch(/503/)
  })
})

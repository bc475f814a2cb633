import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/inputs/problems.js'
import { isSonarCloud } from '../../src/sonar/client.js'
import { sonarSource } from '../../src/sonar/report.js'
import { readSonarResults } from '../../src/sonar/results.js'
import type { SonarSettings } from '../../src/sonar/settings.js'
import {
  SONAR_TOKEN,
  type SonarStandIn,
  startSonarServer
} from '../../test-support/sonar-server.js'
import { recorder } from '../../test-support/stub-server.js'

const SHA = 'd'.repeat(40)
const FAILED = [
  {
    status: 'ERROR' as const,
    metricKey: 'new_coverage',
    comparator: 'LT' as const,
    errorThreshold: '80',
    actualValue: '61.5'
  },
  {
    status: 'OK' as const,
    metricKey: 'new_bugs',
    comparator: 'GT' as const,
    errorThreshold: '0',
    actualValue: '0'
  }
]

let sonar: SonarStandIn
let workspace: string
beforeAll(async () => {
  sonar = await startSonarServer('/sonar')
  workspace = await mkdtemp(join(tmpdir(), 'sonar-'))
  await mkdir(join(workspace, '.scannerwork'))
})
afterAll(async () => {
  await sonar.close()
})
beforeEach(() => {
  sonar.reset()
  sonar.seedProject('acme_web', 'Acme Web')
})

function settings(extra: Partial<SonarSettings> = {}): SonarSettings {
  return {
    token: SONAR_TOKEN,
    revision: SHA,
    waitSeconds: 5,
    http: { timeoutMs: 2000, maxRetries: 0 },
    ...extra
  }
}

async function report(ceTaskUrl: string, serverUrl = sonar.baseUrl): Promise<void> {
  await writeFile(
    join(workspace, '.scannerwork', 'report-task.txt'),
    `projectKey=acme_web\nserverUrl=${serverUrl}\nserverVersion=10.7.0\ndashboardUrl=${serverUrl}/dashboard?id=acme_web&branch=main\nceTaskId=T1\nceTaskUrl=${ceTaskUrl}\n`
  )
}

async function results(extra: Partial<SonarSettings> = {}, log = recorder()) {
  const s = settings(extra)
  return readSonarResults(await sonarSource(s, workspace), s, log.log, { sleep: async () => {} })
}

describe('sonar: from the scanner report', () => {
  it('reads the task, the analysis and a failed quality gate', async () => {
    const analysisId = sonar.seedAnalysis('acme_web', {
      revision: SHA,
      gate: 'ERROR',
      conditions: FAILED
    })
    await report(
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: 0,
        finalStatus: 'SUCCESS',
        analysisId,
        branch: 'main',
        branchType: 'BRANCH'
      })
    )
    expect(await results()).toEqual({
      serverUrl: sonar.baseUrl,
      taskId: 'T1',
      status: 'SUCCESS',
      analysedAt: expect.stringMatching(/^2026-12-07T10:/),
      revision: SHA,
      project: {
        key: 'acme_web',
        name: 'Acme Web',
        url: `${sonar.baseUrl}/dashboard?id=acme_web&branch=main`
      },
      branch: { name: 'main', type: 'BRANCH' },
      qualityGate: {
        status: 'ERROR',
        conditions: [
          {
            metric: 'new_coverage',
            errorThreshold: '80',
            operator: 'LT',
            value: '61.5',
            status: 'ERROR'
          },
          { metric: 'new_bugs', errorThreshold: '0', operator: 'GT', value: '0', status: 'OK' }
        ]
      }
    })
    expect(sonar.requests.every(r => r.headers.authorization === `Bearer ${SONAR_TOKEN}`)).toBe(
      true
    )
  })

  it('waits for a running analysis task, then records it', async () => {
    const analysisId = sonar.seedAnalysis('acme_web', { revision: SHA })
    await report(
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: 2,
        finalStatus: 'SUCCESS',
        analysisId
      })
    )
    const log = recorder()
    expect((await results({}, log)).qualityGate?.status).toBe('OK')
    expect(sonar.requests.filter(r => r.path === '/sonar/api/ce/task')).toHaveLength(3)
    expect(log.text()).toContain('is still running; asking again')
  })

  it('a task that never finishes fails after sonar-wait, saying so', async () => {
    await report(
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: Infinity,
        finalStatus: 'SUCCESS'
      })
    )
    const s = settings({ waitSeconds: 1 })
    const error = await readSonarResults(await sonarSource(s, workspace), s, recorder().log).catch(
      (e: unknown) => e as Error
    )
    expect((error as Error).message).toMatch(/still running after 1 s \(sonar-wait\)/)
  })

  it('a failed analysis task has no results to record', async () => {
    await report(
      sonar.seedTask({ id: 'T1', componentKey: 'acme_web', runningPolls: 0, finalStatus: 'FAILED' })
    )
    await expect(results()).rejects.toThrow(/ended FAILED: there are no results/)
  })

  it('SonarQube before 10.0: Bearer refused (401), then Basic with the token, kept for the rest', async () => {
    sonar.options.preBearer = true
    const analysisId = sonar.seedAnalysis('acme_web', { revision: SHA })
    await report(
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: 0,
        finalStatus: 'SUCCESS',
        analysisId
      })
    )
    expect((await results()).taskId).toBe('T1')
    const basic = `Basic ${Buffer.from(`${SONAR_TOKEN}:`).toString('base64')}`
    expect(sonar.requests.map(r => [r.status, r.headers.authorization])).toEqual([
      [401, `Bearer ${SONAR_TOKEN}`],
      [200, basic],
      [200, basic],
      [200, basic]
    ])
  })

  it('a bad token fails naming sonar-token, after one Basic try', async () => {
    await report(
      sonar.seedTask({
        id: 'T1',
        componentKey: 'acme_web',
        runningPolls: 0,
        finalStatus: 'SUCCESS'
      })
    )
    await expect(results({ token: 'squ_wrong' })).rejects.toThrow(
      /401.*refused sonar-token as Bearer and as Basic/
    )
    expect(sonar.requests).toHaveLength(2)
  })

  it('a report naming another origin is an input error naming both, before any request', async () => {
    await report('https://evil.example/api/ce/task?id=T1')
    const error = await sonarSource(settings(), workspace).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as InputError).message).toContain(
      `names ceTaskUrl https://evil.example, but sonar-token goes to ${sonar.url}`
    )
    await report(`${sonar.baseUrl}/api/ce/task?id=T1`)
    const other = await sonarSource(
      settings({ url: 'https://sonar.acme.example' }),
      workspace
    ).catch((e: unknown) => e)
    expect((other as InputError).message).toContain(
      `names serverUrl ${sonar.url}, but sonar-token goes to https://sonar.acme.example (sonar-url)`
    )
    expect(sonar.requests).toEqual([])
  })

  it('no report and no project key: an input error naming the Maven and Gradle places', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'sonar-empty-'))
    const error = await sonarSource(settings(), empty).catch((e: unknown) => e)
    expect((error as InputError).message).toMatch(
      /\.scannerwork\/report-task\.txt does not exist.*target\/sonar\/report-task\.txt.*build\/sonar/
    )
  })
})

describe('sonar: from a project key', () => {
  it('finds the analysis of git-commit on the branch', async () => {
    sonar.seedAnalysis('acme_web', { revision: 'e'.repeat(40), branch: 'release' })
    const analysisId = sonar.seedAnalysis('acme_web', {
      revision: SHA,
      branch: 'release',
      gate: 'ERROR',
      conditions: FAILED
    })
    sonar.seedTask({
      id: 'T9',
      componentKey: 'acme_web',
      runningPolls: 0,
      finalStatus: 'SUCCESS',
      analysisId,
      branch: 'release',
      branchType: 'BRANCH'
    })
    const r = await results({ url: sonar.baseUrl, projectKey: 'acme_web', branch: 'release' })
    expect(r).toMatchObject({
      taskId: 'T9',
      status: 'SUCCESS',
      revision: SHA,
      branch: { name: 'release', type: 'BRANCH' },
      project: { key: 'acme_web', name: 'Acme Web' }
    })
    expect(r.qualityGate?.status).toBe('ERROR')
    expect(sonar.requests[0].query).toEqual({ project: 'acme_web', ps: '500', branch: 'release' })
  })

  it('a pull request: its analysis and its quality gate', async () => {
    sonar.seedPullRequest('acme_web', { key: '42', sha: SHA })
    const r = await results({ url: sonar.baseUrl, projectKey: 'acme_web', pullRequest: '42' })
    expect(r).toMatchObject({
      pullRequest: '42',
      revision: SHA,
      qualityGate: { status: 'OK', conditions: [] }
    })
    expect(r).not.toHaveProperty('branch')
    expect(sonar.requests.at(-1)?.query).toEqual({ projectKey: 'acme_web', pullRequest: '42' })
  })

  it('without the right to read the activity: taskId and status empty, with a warning', async () => {
    sonar.options.denyActivity = true
    sonar.seedAnalysis('acme_web', { revision: SHA, branch: 'main' })
    const log = recorder()
    const r = await results({ url: sonar.baseUrl, projectKey: 'acme_web', branch: 'main' }, log)
    expect(r).toMatchObject({ taskId: '', status: '' })
    expect(log.text()).toMatch(/warning: Could not read Sonar's activity/)
  })

  it("an unknown project fails with Sonar's own message", async () => {
    await expect(
      results({ url: sonar.baseUrl, projectKey: 'nope', branch: 'main' })
    ).rejects.toThrow(
      /404 .*Component key 'nope' not found.*Check sonar-project-key and sonar-branch/
    )
  })

  it('knows SonarCloud by its host, which is never sent Basic', () => {
    expect(isSonarCloud('sonarcloud.io')).toBe(true)
    expect(isSonarCloud('api.sonarcloud.io')).toBe(true)
    expect(isSonarCloud('sonarcloud.io.evil.example')).toBe(false)
  })
})

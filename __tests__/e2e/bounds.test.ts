// The bundled action against a Kosli that answers with hostile bodies: a gzip bomb and an
// endless body. Reads fail naming the host; a write that happened is a warning; memory stays low.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { HostileFault } from '../../test-support/http-stand-in.js'
import type { ActionResult, RunActionOptions } from '../../test-support/run-action.js'
import {
  makeWorkspace,
  pushEvent,
  removeWorkspace,
  reportRequests,
  secretLeaks,
  sha256
} from './report-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const PRELOAD = fileURLToPath(new URL('../../test-support/peak-rss.mjs', import.meta.url))
// Generous: a plain report peaks near 90 MB; without the caps these answers took it past 1 GB.
const PEAK_RSS_LIMIT_MB = 400
const REPORT_PATH = '/api/v2/artifacts/acme/app'

describe('hostile answer bodies (e2e, bundled action)', () => {
  let s: StandIns
  let workspace: string
  let scratch: string
  const peaks: Record<string, number> = {}

  beforeAll(async () => {
    s = await startStandIns(5)
    workspace = await makeWorkspace({ 'a.bin': 'artifact a' })
    scratch = await mkdtemp(join(tmpdir(), 'bounds-'))
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
    await rm(scratch, { recursive: true, force: true })
    // The numbers seen, for whoever reads the test log.
    console.log(`peak RSS of the action (MB): ${JSON.stringify(peaks)}`)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
  })

  /** Runs the action and measures its peak resident memory, in MB. */
  async function run(
    name: string,
    options: RunActionOptions
  ): Promise<{ result: ActionResult; peakMb: number }> {
    const file = join(scratch, `${name}.kb`)
    const result = await s.run({
      ...options,
      env: { NODE_OPTIONS: `--import=${PRELOAD}`, PEAK_RSS_FILE: file }
    })
    const peakMb = Math.round(Number(await readFile(file, 'utf8')) / 1024)
    peaks[name] = peakMb
    expect(secretLeaks(result, [s.kosli.token])).toEqual([])
    return { result, peakMb }
  }

  it.each([
    ['a gzip bomb', { hostile: 'gzip-bomb' } as HostileFault],
    ['an endless body', { hostile: 'endless' } as HostileFault]
  ])(
    'a lookup answered with %s: the step fails naming the host and the cap',
    async (name, fault) => {
      const lookup = `${REPORT_PATH}/commit_sha/${s.shas[4]}`
      s.kosli.injectFault(fault, { match: { method: 'GET', path: lookup } })
      const { result, peakMb } = await run(fault.hostile, {
        cwd: workspace,
        event: pushEvent(s.github, s.shas, s.shas[2]),
        inputs: { 'deployment-environment': 'staging', 'dry-run': 'true' }
      })

      expect(result.timedOut).toBe(false)
      expect(result.exitCode).toBe(1)
      expect(s.kosli.requests.map(r => `${r.method} ${r.path}`)).toEqual([`GET ${lookup}`])
      expect(result.errors).toHaveLength(1)
      const host = new URL(s.kosli.url).host
      expect(result.errors[0]).toContain(
        `GET ${s.kosli.url}${lookup} answered 200 OK, but its body is larger than 10 MiB`
      )
      expect(result.errors[0]).toContain(`Check that ${host} is the Kosli server`)
      expect(peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
      expect(name).toBeTruthy()
    }
  )

  it('a report answered 201 with an endless body: the write counts, with a warning', async () => {
    s.kosli.injectFault({ hostile: 'endless' }, { match: { method: 'POST', path: REPORT_PATH } })
    const { result, peakMb } = await run('endless-write', {
      cwd: workspace,
      event: pushEvent(s.github, s.shas, s.shas[2]),
      inputs: { artifact: 'a.bin' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(reportRequests(s.kosli).map(r => [r.status, r.fault])).toEqual([[201, 'endless']])
    expect(s.kosli.artifact(sha256('artifact a'))?.report_count).toBe(1)
    expect(result.warnings).toEqual([
      `Kosli POST ${s.kosli.url}${REPORT_PATH} answered 201 Created, but its body is larger ` +
        'than 10 MiB, the most the action reads from Kosli; the write happened, so the step goes ' +
        'on without the answer.'
    ])
    expect(peakMb).toBeLessThan(PEAK_RSS_LIMIT_MB)
  })
})

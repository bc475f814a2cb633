// The job summaries of the demo, a failed report and a deploy job, rendered by headless Chromium:
// every table has the rows it should, and each page becomes a 1000×1400 PNG.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type SummaryScenario,
  findChromium,
  pngSize,
  renderPage,
  summaryPage,
  summaryScenarios,
  tableRows
} from '../../test-support/summary-screenshots.js'

const chromium = findChromium()
if (!chromium.binary) console.warn(`Skipping the summary screenshots: ${chromium.reason}`)
const withChromium = chromium.binary ? describe : describe.skip

withChromium('the job summaries, rendered by Chromium', () => {
  let scenarios: SummaryScenario[]
  let out: string

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'kosli-summary-png-'))
    scenarios = await summaryScenarios()
  }, 120_000)

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true })
  })

  it('ran the three jobs: the demo and the deploy passed, the refused report failed', () => {
    expect(scenarios.map(s => [s.name, s.exitCode])).toEqual([
      ['demo', 0],
      ['failure', 1],
      ['deploy', 0]
    ])
  })

  it.each(['demo', 'failure', 'deploy'])(
    'the %s summary: each table has its rows, and the PNG is written',
    async name => {
      const scenario = scenarios.find(s => s.name === name)!
      const png = join(out, `summary-${name}.png`)
      const { dom } = await renderPage(
        chromium.binary!,
        summaryPage(scenario.markdown, scenario.title),
        png
      )
      expect(tableRows(dom)).toEqual(scenario.expectedRows)
      expect(pngSize(await readFile(png))).toEqual({ width: 1000, height: 1400 })
    },
    120_000
  )

  it('the failure summary says the error once, and the refused row says "not reported"', () => {
    const { markdown } = scenarios.find(s => s.name === 'failure')!
    expect(markdown.split('Input payload validation failed')).toHaveLength(2)
    expect(markdown.match(/\| ❌ not reported \|/g)).toHaveLength(1)
    expect(markdown).toContain('❌ **Failed: reported 2 of 3 artifacts to flow [app](')
  })
})

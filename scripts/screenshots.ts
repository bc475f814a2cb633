// npm run screenshots: regenerates docs/summary-{demo,failure,deploy}.png, the job summaries of
// three runs of the action (bundled from src/ first) as headless Chromium renders them.
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { NODE24, REPO_ROOT } from '../test-support/run-action.js'
import {
  findChromium,
  renderPage,
  summaryPage,
  summaryScenarios,
  tableRows
} from '../test-support/summary-screenshots.js'

async function main(): Promise<void> {
  const chromium = findChromium()
  if (!chromium.binary || !NODE24.binary) {
    console.error(`npm run screenshots: not run: ${chromium.reason ?? NODE24.reason}`)
    process.exitCode = 1
    return
  }
  // The PNGs show what src/ does now, not what dist/ held when it was last built.
  const bundle = '.test-bundle'
  execFileSync('bash', ['scripts/bundle.sh', bundle, '--quiet'], {
    cwd: REPO_ROOT,
    stdio: 'inherit'
  })
  process.env.KOSLI_TEST_BUNDLE = bundle
  for (const scenario of await summaryScenarios()) {
    const png = join(REPO_ROOT, 'docs', `summary-${scenario.name}.png`)
    const { dom } = await renderPage(
      chromium.binary,
      summaryPage(scenario.markdown, scenario.title),
      png
    )
    const rows = tableRows(dom)
    const fits = JSON.stringify(rows) === JSON.stringify(scenario.expectedRows)
    console.log(`${png}: tables with ${rows.join(', ')} rows (exit code ${scenario.exitCode})`)
    if (!fits) {
      console.error(`  expected tables with ${scenario.expectedRows.join(', ')} rows`)
      process.exitCode = 1
    }
  }
}

main().catch(error => {
  console.error(error)
  process.exitCode = 1
})

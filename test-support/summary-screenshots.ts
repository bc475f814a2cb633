// Job summaries as a person sees them: three runs of the action (the demo, a failed report, a
// deploy job) against the stand-ins, their summaries rendered to HTML (GitHub-flavoured markdown,
// with marked standing in for GitHub) and then to PNG by headless Chromium.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { marked } from 'marked'
import { runDemoAction } from './demo-run.js'
import { startGitHubServer } from './github-server.js'
import { startKosliServer } from './kosli-server.js'
import { type ActionResult, defaultPushEvent } from './run-action.js'
import { startStandIns } from './stand-ins.js'

const run = promisify(execFile)

export interface SummaryScenario {
  /** The PNG's name: docs/summary-<name>.png. */
  name: 'demo' | 'failure' | 'deploy'
  title: string
  /** The job summary the step wrote (markdown). */
  markdown: string
  /** Rows of each table, header included, in the order they appear. */
  expectedRows: number[]
  exitCode: number | null
}

/** Where Debian puts Chromium, or why there is none. */
export function findChromium(): { binary?: string; reason?: string } {
  for (const binary of [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (binary && existsSync(binary)) return { binary }
  }
  return {
    reason:
      'Chromium is not installed (Debian: apt-get install chromium; .ci/install-chromium.sh does it as root)'
  }
}

function summaryOf(title: string, result: ActionResult): string {
  if (!result.summary.trim()) {
    throw new Error(
      `${title}: the step wrote no summary (exit ${result.exitCode}):\n${result.stdout}\n${result.stderr}`
    )
  }
  return result.summary
}

/** The demo: a file and a directory of this repository reported for a push of 3 commits. */
async function demo(): Promise<SummaryScenario> {
  const kosli = await startKosliServer({ orgs: { acme: ['shop'] } })
  const github = await startGitHubServer()
  try {
    const result = await runDemoAction(kosli, github)
    const title = 'npm run demo: a build job reports two artifacts'
    return {
      name: 'demo',
      title,
      markdown: summaryOf(title, result),
      expectedRows: [1 + 2],
      exitCode: result.exitCode
    }
  } finally {
    await kosli.close()
    await github.close()
  }
}

/** Three artifacts, one of which Kosli refuses: the step fails and says which. */
async function failure(): Promise<SummaryScenario> {
  const s = await startStandIns(5)
  const workspace = await mkdtemp(join(tmpdir(), 'kosli-summary-failure-'))
  try {
    for (const name of ['api.jar', 'web.tar', 'worker.jar']) {
      await writeFile(join(workspace, name), `the ${name} build`)
    }
    s.kosli.injectFault(
      {
        status: 400,
        body: { message: 'Input payload validation failed', errors: { git_commit: 'Not found' } }
      },
      { match: { method: 'POST', path: '/api/v2/artifacts/acme/app' } }
    )
    const head = s.shas[s.shas.length - 1]
    const result = await s.run({
      cwd: workspace,
      event: defaultPushEvent({ repository: 'acme/app', before: s.shas[2], after: head }),
      inputs: { artifact: '*.jar\n*.tar' }
    })
    const title = 'A build job where Kosli refuses one of three reports'
    return {
      name: 'failure',
      title,
      markdown: summaryOf(title, result),
      expectedRows: [1 + 3],
      exitCode: result.exitCode
    }
  } finally {
    await rm(workspace, { recursive: true, force: true })
    await s.close()
  }
}

/** A deploy job: the commit's two artifacts in Kosli, a deployment record for each in GitHub. */
async function deploy(): Promise<SummaryScenario> {
  const s = await startStandIns(5)
  try {
    const head = s.shas[s.shas.length - 1]
    s.kosli.seedArtifact({
      fingerprint: 'a1'.repeat(32),
      filename: 'build/app.jar',
      git_commit: head
    })
    s.kosli.seedArtifact({
      fingerprint: 'b2'.repeat(32),
      filename: 'ghcr.io/acme/api:1.2',
      git_commit: head
    })
    const result = await s.run({
      inputs: {
        'deployment-environment': 'production',
        'physical-environment': 'eu-west-1',
        cluster: 'prod-eks'
      }
    })
    const title = 'A deploy job records what Kosli holds for the commit'
    return {
      name: 'deploy',
      title,
      markdown: summaryOf(title, result),
      expectedRows: [1 + 2, 1 + 2],
      exitCode: result.exitCode
    }
  } finally {
    await s.close()
  }
}

/** The three runs, one after another. */
export async function summaryScenarios(): Promise<SummaryScenario[]> {
  return [await demo(), await failure(), await deploy()]
}

const ALERTS: Record<string, [string, string]> = {
  NOTE: ['Note', '#0969da'],
  TIP: ['Tip', '#1a7f37'],
  IMPORTANT: ['Important', '#8250df'],
  WARNING: ['Warning', '#9a6700'],
  CAUTION: ['Caution', '#d1242f']
}

/** A page that shows the summary as GitHub's job page does, near enough to judge it by eye. */
export function summaryPage(markdown: string, title: string): string {
  const body = (marked.parse(markdown, { gfm: true }) as string).replace(
    /<blockquote>\s*<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*/g,
    (_, kind: string) => {
      const [label, color] = ALERTS[kind]
      return `<blockquote class="alert" style="border-color:${color}"><p class="alert-title" style="color:${color}">${label}</p><p>`
    }
  )
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title.replace(/[<&]/g, c => (c === '<' ? '&lt;' : '&amp;'))}</title>
<style>
  body { margin: 0; background: #f6f8fa; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
  .job { margin: 16px; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; }
  .job > header { padding: 8px 16px; border-bottom: 1px solid #d1d9e0; color: #59636e; font-size: 12px; }
  .markdown { padding: 8px 24px 16px; overflow-wrap: anywhere; }
  h2 { font-size: 1.5em; border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; margin: 16px 0; }
  h3 { font-size: 1.25em; margin: 24px 0 16px; }
  a { color: #0969da; text-decoration: none; }
  code { font: 12px "DejaVu Sans Mono", monospace; background: #eff1f3; padding: .2em .4em; border-radius: 6px; }
  blockquote { margin: 0 0 16px; padding: 0 1em; border-left: .25em solid #d1d9e0; color: #59636e; }
  blockquote.alert { color: inherit; }
  .alert-title { font-weight: 600; margin-bottom: 4px; }
  table { border-collapse: collapse; margin: 0 0 16px; display: block; width: max-content; max-width: 100%; overflow: auto; }
  th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
  th { font-weight: 600; }
  tr:nth-child(2n) { background: #f6f8fa; }
</style></head>
<body><div class="job"><header>${title.replace(/[<&]/g, c => (c === '<' ? '&lt;' : '&amp;'))} · job summary</header><div class="markdown">
${body}</div></div></body></html>
`
}

/** The rows of each table in a document, in order: counted in the DOM Chromium built. */
export function tableRows(html: string): number[] {
  return [...html.matchAll(/<table[\s>][\s\S]*?<\/table>/g)].map(
    table => table[0].match(/<tr[\s>]/g)?.length ?? 0
  )
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--hide-scrollbars'
]

/**
 * Opens the page in headless Chromium: its DOM as Chromium parsed it, and a 1000×1400 screenshot
 * written to `png`. Each launch has a fresh profile, removed afterwards.
 */
export async function renderPage(
  chromium: string,
  html: string,
  png: string
): Promise<{ dom: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'kosli-summary-page-'))
  try {
    const page = join(dir, 'summary.html')
    await writeFile(page, html)
    const launch = async (extra: string[]): Promise<string> => {
      const profile = await mkdtemp(join(dir, 'profile-'))
      const { stdout } = await run(
        chromium,
        [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, ...extra, `file://${page}`],
        { timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }
      )
      return stdout
    }
    const dom = await launch(['--dump-dom'])
    await launch([`--screenshot=${png}`, '--window-size=1000,1400'])
    return { dom }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Width and height from a PNG's header, or undefined when it is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return undefined
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

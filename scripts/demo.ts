// npm run demo: the action's main job, end to end, against local Kosli and GitHub stand-ins.
// Starts both in this process, seeds a repository history, runs the bundled action on Node 24
// for a push event that reports a file and a directory of this repository, then prints what
// the stand-ins received, the step's outputs and its job summary. Then an attest/ step records
// evidence on the commit's trail, and an assert/ step gates the first artifact on it.
import { runDemoAction, seedDemoRepository } from '../test-support/demo-run.js'
import { startGitHubServer } from '../test-support/github-server.js'
import { startKosliServer } from '../test-support/kosli-server.js'
import { NODE24, REPO_ROOT, runAction } from '../test-support/run-action.js'

// The demo runs the committed bundle, dist/ (KOSLI_TEST_BUNDLE names another, e.g. .test-bundle).
process.env.KOSLI_TEST_BUNDLE ||= 'dist'

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

async function main(): Promise<void> {
  if (!NODE24.binary) {
    console.error(`npm run demo: not run: ${NODE24.reason}`)
    process.exitCode = 1
    return
  }
  const kosli = await startKosliServer({ orgs: { acme: ['shop'] } })
  const github = await startGitHubServer()
  try {
    const history = seedDemoRepository(github)
    const { head } = history

    // The flow's template asks for one piece of trail evidence; the trail is the commit's.
    kosli.evidence.seedTrail('acme', 'shop', head, {
      version: 1,
      trail: { attestations: [{ name: 'security-review', type: 'generic' }] }
    })

    console.log(bold('Running dist/index.js on Node 24 for a push of 3 commits to acme/shop…\n'))
    const result = await runDemoAction(kosli, github, history)

    console.log(bold('— The action’s log —'))
    // The runner hides debug lines and mask commands; so does the demo.
    const log = result.stdout.split('\n').filter(line => !/^::(debug|add-mask)::/.test(line))
    console.log(log.join('\n').trim())
    if (result.stderr.trim()) console.log(result.stderr.trim())
    console.log(`\nexit code ${result.exitCode} in ${result.durationMs} ms\n`)

    console.log(bold('— Requests the GitHub stand-in received —'))
    for (const request of github.requests) {
      console.log(`${request.method} ${request.path} → ${request.status}`)
    }
    console.log(bold('\n— Requests the Kosli stand-in received —'))
    for (const request of kosli.requests) {
      const body = request.body as {
        filename?: string
        fingerprint?: string
        commits_list?: unknown[]
      }
      console.log(
        `${request.method} ${request.path} → ${request.status}: ${body.filename} ${body.fingerprint} ` +
          `(${body.commits_list?.length ?? 0} commits in commits_list)`
      )
    }
    const first = kosli.requests[0]?.body
    if (first) {
      console.log(bold('\n— The first report, as Kosli received it —'))
      console.log(JSON.stringify(first, null, 2))
    }
    console.log(bold('\n— Outputs —'))
    for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}: ${value}`)
    console.log(bold('\n— Job summary (markdown) —'))
    console.log(result.summary.trim())
    if (result.exitCode !== 0) process.exitCode = 1

    const common = {
      cwd: REPO_ROOT,
      github: { repository: 'acme/shop', sha: head, apiUrl: github.url, workspace: REPO_ROOT }
    }
    const kosliInputs = { 'api-token': kosli.token, org: 'acme', flow: 'shop', host: kosli.url }
    for (const [title, subAction, inputs] of [
      [
        'attest/: generic evidence from a step outcome',
        'attest',
        { type: 'generic', name: 'security-review', compliant: 'success' }
      ],
      [
        'assert/: the first artifact against the flow template',
        'assert',
        { fingerprint: result.outputs.fingerprint ?? '' }
      ]
    ] as const) {
      console.log(bold(`\n— ${title} —`))
      const step = await runAction({ ...common, subAction, inputs: { ...kosliInputs, ...inputs } })
      const lines = step.stdout.split('\n').filter(line => !/^::(debug|add-mask)::/.test(line))
      console.log(lines.join('\n').trim())
      console.log(`exit code ${step.exitCode}; outputs ${JSON.stringify(step.outputs)}`)
      console.log(step.summary.trim())
      if (step.exitCode !== 0) process.exitCode = 1
    }
  } finally {
    await kosli.close()
    await github.close()
  }
}

main().catch(error => {
  console.error(error)
  process.exitCode = 1
})

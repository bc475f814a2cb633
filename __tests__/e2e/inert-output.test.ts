// Outside text never becomes a workflow command (e2e, bundled action): file names from the
// workspace, artifact names and compliance text from Kosli, a deployment event's environment,
// and Kosli and GitHub error text are read here as the runner reads the step's output.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  REPO_ROOT,
  defaultDeploymentEvent,
  runnerCommands,
  testBundleDir
} from '../../test-support/run-action.js'
import { fingerprintOf, resetStandIns } from './deploy-helpers.js'
import { makeWorkspace, pushEvent, removeWorkspace, sha256 } from './report-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

/** What the attacker's text says in each case; none of it may become a command. */
const ATTACKS = ['pwned', 'secret', 'stop-commands', 'x::y', 'injected']

const HOSTILE_FILES = [
  '::warning title=x::y',
  'a\n::add-mask::secret',
  'w##[stop-commands]x.bin',
  '\u00a0::set-output name=fingerprint::pwned',
  'b\r::error::injected',
  'c\r\n::notice::injected',
  'd\u001b[2K##[add-mask]secret',
  'e\u2028::add-mask::secret'
]
const HOSTILE_DIR = '::group::injected'

const HOSTILE_TEXT =
  'Bad request\n::set-output name=fingerprint::pwned\n##[add-mask]secret\r::error::injected ##[stop-commands]x::y'

const HOSTILE_ENVIRONMENT = 'prod\n::set-output name=fingerprint::pwned ##[add-mask]secret'

/** The commands the action issues itself. */
const OWN_COMMANDS = new Set([
  'warning',
  'error',
  'notice',
  'debug',
  'group',
  'endgroup',
  'add-mask'
])
const MASKED = new Set<string>()

/** Each line of the attacker's text that would be a command if printed as it is. */
const ATTACKER_COMMANDS = [...HOSTILE_FILES, HOSTILE_DIR, HOSTILE_TEXT, HOSTILE_ENVIRONMENT]
  .flatMap(text => text.split(/\r\n|\r|\n|\u2028/))
  .map(line => line.replace(/^[\s\u0085]+/, ''))
  .filter(line => line.startsWith('::'))

/**
 * Every command line the runner would act on that the attacker's text made or steered: a
 * command of the older `##[` form, one the action never issues, a mask of anything but a token,
 * a line that starts with the attacker's command, or attacker text in a command's name or
 * properties. Text in the message of the action's own annotation is a payload the runner shows,
 * not a command.
 */
function attackerCommands(result: ActionResult): string[] {
  return runnerCommands(result)
    .filter(
      command =>
        command.form !== '::' ||
        !OWN_COMMANDS.has(command.name) ||
        (command.name === 'add-mask' && !MASKED.has(command.data)) ||
        ATTACKER_COMMANDS.some(text => command.line.replace(/^[\s\u0085]+/, '').startsWith(text)) ||
        ATTACKS.some(text => command.properties.includes(text))
    )
    .map(command => `${command.stream}: ${JSON.stringify(command.line)}`)
}

let s: StandIns
let head: string

beforeAll(async () => {
  s = await startStandIns(3)
  head = s.shas[s.shas.length - 1]
  MASKED.add(s.kosli.token).add(DEFAULT_ACTION_TOKEN)
})

afterAll(async () => {
  await s?.close()
})

beforeEach(() => {
  resetStandIns(s)
  s.github.clearFaults()
})

describe('hostile file names in the workspace', () => {
  let workspace: string

  beforeAll(async () => {
    workspace = await makeWorkspace({})
    for (const name of HOSTILE_FILES) await writeFile(join(workspace, name), name)
    await mkdir(join(workspace, HOSTILE_DIR))
    await writeFile(join(workspace, HOSTILE_DIR, '::error::injected'), 'inside')
  })

  afterAll(async () => {
    await removeWorkspace(workspace)
  })

  it.each([
    ['reported from a glob of files and a directory', { artifact: '*' }],
    ['in a dry run', { artifact: '*', 'dry-run': 'true' }],
    ['one directory, by a directory glob', { artifact: '::group::*/' }],
    ['one file, by a file glob', { artifact: 'w*.bin' }]
  ])('%s: no command comes from a name', async (_, inputs) => {
    const result = await s.run({ cwd: workspace, inputs })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(attackerCommands(result)).toEqual([])
    const artifacts = JSON.parse(result.outputs.artifacts) as Array<{ name: string }>
    expect(Object.keys(result.outputs).sort()).toEqual(['artifact-url', 'artifacts', 'fingerprint'])
    expect(result.outputs.fingerprint).toMatch(/^[0-9a-f]{64}$/)
    expect(result.masks.every(mask => MASKED.has(mask))).toBe(true)
    // Each name is still printed, readable, on the line of its artifact.
    for (const { name } of artifacts) {
      const shown = JSON.stringify(name)
        .slice(1, -1)
        .replace(/\u2028/g, '\\u2028')
      expect(result.stdout.replace(/\u200b/g, '')).toContain(shown)
    }
  })

  it('names the files by their exact names in the artifacts output', async () => {
    const result = await s.run({ cwd: workspace, inputs: { artifact: '*', 'dry-run': 'true' } })
    const names = (JSON.parse(result.outputs.artifacts) as Array<{ name: string }>).map(a => a.name)
    expect(names.sort()).toEqual([...HOSTILE_FILES, HOSTILE_DIR].sort())
    const file = (
      JSON.parse(result.outputs.artifacts) as Array<{ name: string; fingerprint: string }>
    ).find(a => a.name === 'w##[stop-commands]x.bin')
    expect(file?.fingerprint).toBe(sha256('w##[stop-commands]x.bin'))
  })
})

describe('a deploy job that takes hostile names from Kosli', () => {
  function seedHostileBuild(): void {
    HOSTILE_FILES.forEach((filename, i) =>
      s.kosli.seedArtifact({
        fingerprint: fingerprintOf(`hostile-${i}`),
        filename,
        git_commit: head,
        ...(i === 0 && { state: 'NON-COMPLIANT' as const, state_info: HOSTILE_TEXT })
      })
    )
  }

  it('records the deployments, and no command comes from a name', async () => {
    seedHostileBuild()
    const result = await s.run({ inputs: { 'deployment-environment': 'production' } })

    expect(attackerCommands(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(JSON.parse(result.outputs.artifacts)).toHaveLength(HOSTILE_FILES.length)
    expect(result.outputs.fingerprint).toMatch(/^[0-9a-f]{64}$/)
  })

  it('in a dry run, with the bodies printed', async () => {
    seedHostileBuild()
    const result = await s.run({
      inputs: { 'deployment-environment': 'production', 'dry-run': 'true' }
    })

    expect(attackerCommands(result)).toEqual([])
    expect(result.exitCode).toBe(0)
  })

  it('from a deployment event whose environment is hostile', async () => {
    seedHostileBuild()
    const result = await s.run({
      event: defaultDeploymentEvent({
        environment: HOSTILE_ENVIRONMENT,
        sha: head
      })
    })

    expect(attackerCommands(result)).toEqual([])
    expect(result.outputs.fingerprint ?? '').not.toContain('pwned')
    // A control character breaks the deployment-environment rules: refused before any request,
    // and the environment is still readable, inert, in the error.
    expect(result.exitCode).toBe(1)
    expect(s.kosli.requests).toHaveLength(0)
    expect(result.stdout).toContain(
      `environment is "prod\\n::set-output name=fingerprint::pwned #\u200b#[add-mask]secret"`
    )
  })
})

describe('hostile error text from Kosli and GitHub', () => {
  let workspace: string

  beforeAll(async () => {
    workspace = await makeWorkspace({ 'app.bin': 'app' })
  })

  afterAll(async () => {
    await removeWorkspace(workspace)
  })

  it.each([
    ['Kosli answers a text body', { status: 400, body: HOSTILE_TEXT }],
    ['Kosli answers a JSON message', { status: 400, json: { message: HOSTILE_TEXT } }]
  ])('%s: the step fails with one error, and no command comes from the text', async (_, fault) => {
    s.kosli.injectFault(fault, { match: { method: 'POST' }, times: Infinity })
    const result = await s.run({ cwd: workspace, inputs: { artifact: 'app.bin' } })

    expect(attackerCommands(result)).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.outputs.fingerprint).toBe(sha256('app'))
  })

  it('GitHub answers with it while provenance is read: a warning, no command', async () => {
    s.github.injectFault(
      { status: 404, json: { message: HOSTILE_TEXT } },
      { match: { path: /\/compare\// }, times: Infinity }
    )
    const result = await s.run({
      cwd: workspace,
      inputs: { artifact: 'app.bin' },
      event: pushEvent(s.github, s.shas, s.shas[0])
    })

    expect(attackerCommands(result)).toEqual([])
    expect(result.exitCode).toBe(0)
    // The text is shown, inert, in the warning's message.
    expect(result.warnings).toEqual([expect.stringContaining(`Bad request\n:\u200b:set-output`)])
    expect(result.outputs.fingerprint).toBe(sha256('app'))
  })

  it('GitHub answers with it when a deployment is recorded', async () => {
    s.kosli.seedArtifact({
      fingerprint: fingerprintOf('app'),
      filename: 'app.jar',
      git_commit: head
    })
    s.github.injectFault(
      { status: 422, json: { message: HOSTILE_TEXT } },
      { match: { method: 'POST' }, times: Infinity }
    )
    const result = await s.run({ inputs: { 'deployment-environment': 'production' } })

    expect(attackerCommands(result)).toEqual([])
    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
  })
})

describe('a stray error', () => {
  it('fails the step through the printer, not as a stack on stderr', async () => {
    const scratch = await makeWorkspace({})
    const script = join(scratch, 'stray.mjs')
    await writeFile(
      script,
      [
        "import { pathToFileURL } from 'node:url'",
        `setTimeout(() => Promise.reject(new Error(${JSON.stringify(HOSTILE_TEXT)})), 0)`,
        `setTimeout(() => { throw new Error(${JSON.stringify(HOSTILE_FILES[1])}) }, 0)`,
        `await import(pathToFileURL(${JSON.stringify(join(testBundleDir(), 'index.js'))}).href)`,
        ''
      ].join('\n')
    )
    try {
      const result = await s.run({
        script,
        actionYml: join(REPO_ROOT, 'action.yml'),
        inputs: { artifact: '', 'dry-run': 'true', approval: 'none' }
      })
      expect(attackerCommands(result)).toEqual([])
      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^Unexpected error: Bad request\n:\u200b:set-output/),
          expect.stringMatching(/^Unexpected error: a\n:\u200b:add-mask::secret/)
        ])
      )
    } finally {
      await removeWorkspace(scratch)
    }
  })
})

// The bundle's start-up file holds what every run needs (the action's own code, and @actions/core
// for the runner with the HTTP client it loads: __tests__/startup-closure.test.ts lists the
// packages each entry may load at start); the rest (Octokit, the fingerprint engine, the OCI and
// docker clients, the approvals and deploy stages) are chunk files loaded by the runs that use
// them. A dry run with a given digest loads no chunk at all: every chunk is replaced here by one
// that fails the run if it is ever loaded.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { REPO_ROOT, testBundleDir } from '../../test-support/run-action.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const bundleDir = testBundleDir

/** Text that only the named library's code holds. */
const LIBRARIES: Record<string, string> = {
  Octokit: 'octokit-core.js/',
  minimatch: 'class Minimatch',
  'the OCI registry client': 'resolveManifestDigest',
  'the approvals stage': 'scanApprovals'
}

const isChunk = (name: string): boolean => /^\d+\.index\.js$/.test(name)

describe('start-up loads only what the run needs (e2e, bundled action)', () => {
  let s: StandIns
  let dir: string

  beforeAll(async () => {
    s = await startStandIns(5)
    dir = await mkdtemp(join(tmpdir(), 'startup-chunks-'))
    await cp(bundleDir(), dir, { recursive: true })
  })
  afterAll(async () => {
    await s.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('the start-up file holds none of the large libraries and stages a run may not use', async () => {
    const names = await readdir(dir)
    expect(names.filter(isChunk).length).toBeGreaterThan(0)
    const main = await readFile(join(dir, 'index.js'), 'utf8')
    const found = Object.entries(LIBRARIES)
      .filter(([, marker]) => main.includes(marker))
      .map(([library]) => library)
    expect(found).toEqual([])
  })

  it('licenses.txt holds the packages of the start-up file and of every chunk, once each', async () => {
    const names = await readdir(dir)
    expect(names.filter(name => name.endsWith('.licenses.txt'))).toEqual([])
    const licenses = await readFile(join(dir, 'licenses.txt'), 'utf8')
    // Some are in the start-up file (@actions/core), the others only in chunks.
    for (const name of [
      '@actions/core',
      'zod',
      'undici',
      '@octokit/rest',
      'minimatch',
      '@actions/exec'
    ]) {
      expect(licenses.split('\n').filter(line => line === name)).toEqual([name])
    }
  })

  it('a dry run with a given digest makes its one GitHub read without loading any chunk', async () => {
    const stubbed: string[] = []
    for (const name of (await readdir(dir)).filter(isChunk)) {
      await writeFile(join(dir, name), `throw new Error('chunk ${name} was loaded')\n`)
      stubbed.push(name)
    }
    expect(stubbed.length).toBeGreaterThan(0)
    const result = await s.run({
      script: join(dir, 'index.js'),
      actionYml: join(REPO_ROOT, 'action.yml'),
      inputs: { 'dry-run': 'true', fingerprint: `sha256:${'ab'.repeat(32)}` }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs.fingerprint).toBe('ab'.repeat(32))
    expect(s.github.requests.map(request => `${request.method} ${request.path}`)).toEqual([
      `GET /repos/acme/app/commits/${s.shas[4]}`
    ])
  })

  it('a dry run never loads Node’s own fetch client (a second undici): its one request goes through the bundled undici', async () => {
    const preload = join(dir, 'list-modules.cjs')
    const listed = join(dir, 'modules.txt')
    await writeFile(
      preload,
      "process.on('exit', () => require('node:fs').writeFileSync(process.env.MODULES_OUT, process.moduleLoadList.join('\\n')))\n"
    )
    const result = await s.run({
      script: join(dir, 'index.js'),
      actionYml: join(REPO_ROOT, 'action.yml'),
      inputs: { 'dry-run': 'true', fingerprint: `sha256:${'ab'.repeat(32)}` },
      env: { NODE_OPTIONS: `--require ${preload}`, MODULES_OUT: listed }
    })
    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const modules = (await readFile(listed, 'utf8')).split('\n')
    // The list is Node's own: the request was made (the bundled undici loads node:http), and
    // Node's internal copy of undici, which its fetch would load, is not in it.
    expect(modules).toContain('NativeModule http')
    expect(s.github.requests.length).toBeGreaterThan(0)
    expect(modules.filter(name => /undici/i.test(name))).toEqual([])
  })
})

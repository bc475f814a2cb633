import { afterAll, beforeAll, describe, it, expect, jest } from '@jest/globals'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'
import { leavesWorkspace } from '../../src/fingerprint/paths.js'
import { fingerprintArtifact, resolveArtifactPaths } from '../../src/fingerprint/index.js'

let base: string
let workspace: string

beforeAll(() => {
  // @actions/glob logs ::debug:: lines to stdout; they are noise here.
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true)
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'fingerprint-artifacts-'))
  // Glob characters in the workspace path itself must be taken literally.
  workspace = path.join(base, 'work [1]*')
  const files: Record<string, string> = {
    'build/app.jar': 'app',
    'build/lib.jar': 'lib',
    'build/app.jar.sha1': 'sum',
    'build/reports/index.html': 'report',
    'dist/web/index.html': 'index',
    'dist/web/main.js': 'main',
    'dist/cli/main.js': 'cli',
    'sample.txt': 'some content.'
  }
  for (const [relative, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(workspace, relative)), { recursive: true })
    fs.writeFileSync(path.join(workspace, relative), content)
  }
  fs.mkdirSync(path.join(base, 'outside'))
  fs.writeFileSync(path.join(base, 'outside', 'other.bin'), 'other')
  fs.symlinkSync(path.join(workspace, 'dist', 'web'), path.join(workspace, 'web-link'))
  // Committed links that lead out of the workspace, as a hostile pull request could add.
  fs.mkdirSync(path.join(base, 'outside', 'share', 'deep'), { recursive: true })
  fs.writeFileSync(path.join(base, 'outside', 'share', 'deep', 'runner-secret-name.txt'), 'x')
  fs.mkdirSync(path.join(workspace, 'out', 'bin'), { recursive: true })
  fs.writeFileSync(path.join(workspace, 'out', 'bin', 'tool'), 'tool')
  fs.symlinkSync(path.join(base, 'outside', 'share'), path.join(workspace, 'out', 'share'))
  fs.symlinkSync('../../outside/other.bin', path.join(workspace, 'out', 'other.bin'))
  fs.symlinkSync(path.join(base, 'outside'), path.join(workspace, 'outside-link'))
  fs.mkdirSync(path.join(workspace, 'cycle'))
  fs.writeFileSync(path.join(workspace, 'cycle', 'app.txt'), 'app')
  fs.symlinkSync('.', path.join(workspace, 'cycle', 'again'))
  fs.symlinkSync(path.join(workspace, 'out'), path.join(base, 'out-link'))
})

afterAll(() => {
  jest.restoreAllMocks()
  fs.rmSync(base, { recursive: true, force: true })
})

const inWorkspace = (...relative: string[]): string[] => relative.map(r => path.join(workspace, r))

describe('resolveArtifactPaths', () => {
  it('resolves a plain relative path', async () => {
    await expect(resolveArtifactPaths(['build/app.jar'], workspace)).resolves.toEqual(
      inWorkspace('build/app.jar')
    )
  })

  it('resolves a directory as one artifact, not its contents', async () => {
    await expect(resolveArtifactPaths(['dist/web/'], workspace)).resolves.toEqual(
      inWorkspace('dist/web')
    )
  })

  it('expands globs to every match, files and directories, sorted and de-duplicated', async () => {
    await expect(
      resolveArtifactPaths(['build/*.jar', './build/app.jar', 'dist/*'], workspace)
    ).resolves.toEqual(inWorkspace('build/app.jar', 'build/lib.jar', 'dist/cli', 'dist/web'))
    await expect(resolveArtifactPaths(['dist/**/main.js'], workspace)).resolves.toEqual(
      inWorkspace('dist/cli/main.js', 'dist/web/main.js')
    )
  })

  it('keeps the order of the patterns, so the first artifact is the first listed', async () => {
    expect(await resolveArtifactPaths(['sample.txt', 'build/*.jar'], workspace)).toEqual(
      inWorkspace('sample.txt', 'build/app.jar', 'build/lib.jar')
    )
  })

  it('skips blank lines and applies ! patterns to the others', async () => {
    await expect(
      resolveArtifactPaths(['', 'build/*', '  ', '!build/reports'], workspace)
    ).resolves.toEqual(inWorkspace('build/app.jar', 'build/app.jar.sha1', 'build/lib.jar'))
  })

  it('accepts an absolute path outside the workspace (such as $RUNNER_TEMP)', async () => {
    const outside = path.join(base, 'outside', 'other.bin')
    await expect(resolveArtifactPaths([outside], workspace)).resolves.toEqual([outside])
    await expect(
      resolveArtifactPaths([path.join(base, 'outside', '*.bin')], workspace)
    ).resolves.toEqual([outside])
  })

  it.each(['../outside/*.bin', 'build/../../outside/other.bin', './..', '**/../../x'])(
    'refuses the relative pattern %s, which climbs out of the workspace',
    async pattern => {
      await expect(resolveArtifactPaths(['build/app.jar', pattern], workspace)).rejects.toThrow(
        `'artifact': the pattern '${pattern}' is outside the workspace; give an absolute path if you mean it`
      )
    }
  )

  it('lets a ! pattern climb out: it only removes matches', async () => {
    await expect(resolveArtifactPaths(['sample.txt', '!../outside/*'], workspace)).resolves.toEqual(
      inWorkspace('sample.txt')
    )
  })

  it('follows a symlinked directory', async () => {
    await expect(resolveArtifactPaths(['web-link/*.js'], workspace)).resolves.toEqual(
      inWorkspace('web-link/main.js')
    )
  })

  it('names a pattern that matches nothing', async () => {
    await expect(resolveArtifactPaths(['build/*.jar', 'build/*.war'], workspace)).rejects.toThrow(
      `'artifact': the pattern 'build/*.war' matches nothing under '${workspace}': check the path`
    )
    await expect(resolveArtifactPaths(['missing.txt'], workspace)).rejects.toThrow(
      /^'artifact': the pattern 'missing.txt' matches nothing/
    )
  })

  describe('held to the workspace by real paths', () => {
    const collect = async (patterns: string[]) => {
      const warnings: string[] = []
      const paths = await resolveArtifactPaths(patterns, workspace, {
        warn: message => warnings.push(message)
      })
      return { paths, warnings }
    }

    it('skips glob matches that lead out through a symlink, with a warning, and reads nothing behind them', async () => {
      const { paths, warnings } = await collect(['out/**'])
      expect(paths).toEqual(inWorkspace('out', 'out/bin', 'out/bin/tool'))
      expect(warnings).toEqual([
        `'artifact': skipped 'out/other.bin' (matched by 'out/**'): it leads out of the workspace to '${fs.realpathSync(path.join(base, 'outside', 'other.bin'))}' through a symlink; give an absolute path if you mean it`,
        `'artifact': skipped 'out/share' (matched by 'out/**'): it leads out of the workspace to '${fs.realpathSync(path.join(base, 'outside', 'share'))}' through a symlink; give an absolute path if you mean it`
      ])
      expect(JSON.stringify({ paths, warnings })).not.toContain('runner-secret-name')
    })

    it('says a pattern whose every match leads out matches nothing, naming artifact', async () => {
      const warnings: string[] = []
      await expect(
        resolveArtifactPaths(['out/*.bin'], workspace, { warn: m => warnings.push(m) })
      ).rejects.toThrow(
        `'artifact': the pattern 'out/*.bin' matches nothing inside the workspace '${workspace}': the one path it reaches leads out of it through a symlink; give an absolute path if you mean it`
      )
      expect(warnings).toHaveLength(1)
    })

    it.each([
      ['a link to a file outside', 'out/other.bin', 'outside/other.bin'],
      ['a path through a link to a directory outside', 'out/share/deep', 'outside/share/deep'],
      ['a glob behind a link to a directory outside', 'outside-link/*.bin', 'outside']
    ])('refuses %s', async (_, pattern, target) => {
      const error = resolveArtifactPaths([pattern], workspace, { warn: () => undefined })
      if (pattern.includes('*')) {
        await expect(error).rejects.toThrow(`'artifact': the pattern '${pattern}' matches nothing`)
      } else {
        await expect(error).rejects.toThrow(
          `'artifact': '${pattern}' leads out of the workspace to '${fs.realpathSync(path.join(base, target))}' through a symlink; give an absolute path if you mean it`
        )
      }
    })

    it('follows links that stay inside, and does not walk a cycle twice', async () => {
      expect(await collect(['**/main.js'])).toEqual({
        paths: inWorkspace('dist/cli/main.js', 'dist/web/main.js', 'web-link/main.js'),
        warnings: []
      })
      expect(await collect(['cycle/**/*.txt'])).toEqual({
        paths: inWorkspace('cycle/app.txt'),
        warnings: []
      })
    })

    it('follows any link in an absolute pattern: the user named it', async () => {
      // base/out-link → the workspace's out/, whose other.bin leads to base/outside.
      expect(await collect([path.join(base, 'out-link', '*.bin')])).toEqual({
        paths: [path.join(base, 'out-link', 'other.bin')],
        warnings: []
      })
    })
  })

  it.each(['build/./app.jar', '!build/./app.jar'])(
    'names a pattern with . inside: %s',
    async pattern => {
      await expect(resolveArtifactPaths(['build/*.jar', pattern], workspace)).rejects.toThrow(
        `'artifact': the pattern '${pattern}' ${pattern.startsWith('!') ? 'is not valid' : 'could not be searched'}: '.' and '..' are allowed only at the start of a pattern`
      )
    }
  )

  it('refuses an empty list', async () => {
    await expect(resolveArtifactPaths(['', ' '], workspace)).rejects.toThrow(
      /^'artifact': no paths given/
    )
  })
})

describe('leavesWorkspace', () => {
  it.each([
    ['..', true],
    ['../secrets/*', true],
    ['build/../../etc/passwd', true],
    ['./../x', true],
    ['a//..//..//x', true],
    ['**/../x', true],
    ['*/../../x', true],
    ['build/..', false],
    ['build/../app.jar', false],
    ['a/b/../../c', false],
    ['*/../x', false],
    ['..foo/bar', false],
    ['build/..hidden', false],
    ['/tmp/../etc/passwd', false],
    ['~/build/app.jar', false],
    ['  ../x  ', true]
  ])('%j → %s', (pattern, expected) => {
    expect(leavesWorkspace(pattern)).toBe(expected)
  })
})

describe('fingerprintArtifact', () => {
  it('fingerprints a file by its content when auto', async () => {
    await expect(
      fingerprintArtifact(path.join(workspace, 'sample.txt'), 'auto', [])
    ).resolves.toEqual({
      fingerprint: '593cfe761544e1363f7594b403c222a4d93cc3f15246ba88d1efc3cb8e817cc5',
      type: 'file'
    })
  })

  it('fingerprints a directory with the directory digest when auto, with excludes', async () => {
    const root = path.join(base, 'dir-artifact')
    fs.mkdirSync(path.join(root, 'logs'), { recursive: true })
    fs.writeFileSync(path.join(root, 'sample.txt'), 'some content.')
    fs.writeFileSync(path.join(root, 'logs', 'a.log'), 'log')
    await expect(fingerprintArtifact(root, 'auto', ['logs'])).resolves.toEqual({
      fingerprint: '388ab80164bbd9d96f132b046b8d09354f68b79a3668da7b507625cd1230dddf',
      type: 'dir'
    })
    await expect(fingerprintArtifact(root, 'dir', ['logs'])).resolves.toEqual({
      fingerprint: '388ab80164bbd9d96f132b046b8d09354f68b79a3668da7b507625cd1230dddf',
      type: 'dir'
    })
  })

  it('ignores excludes for a file artifact', async () => {
    const file = path.join(workspace, 'sample.txt')
    const plain = await fingerprintArtifact(file, 'file', [])
    await expect(fingerprintArtifact(file, 'file', ['sample.txt', '**'])).resolves.toEqual(plain)
  })

  it('decides by what a symlink points to', async () => {
    await expect(
      fingerprintArtifact(path.join(workspace, 'web-link'), 'auto', [])
    ).resolves.toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
      type: 'dir'
    })
  })

  it('refuses artifact-type file for a directory and dir for a file', async () => {
    const dir = path.join(workspace, 'dist')
    const file = path.join(workspace, 'sample.txt')
    await expect(fingerprintArtifact(dir, 'file', [])).rejects.toThrow(
      `artifact-type is file, but '${dir}' is a directory: use artifact-type: dir or auto`
    )
    await expect(fingerprintArtifact(file, 'dir', [])).rejects.toThrow(
      `artifact-type is dir, but '${file}' is a file: use artifact-type: file or auto`
    )
  })

  it('names a path that does not exist', async () => {
    const missing = path.join(workspace, 'nope')
    await expect(fingerprintArtifact(missing, 'auto', [])).rejects.toThrow(
      `Artifact '${missing}' does not exist (or is a broken symlink)`
    )
  })
})

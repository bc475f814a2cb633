// The e2e set-up builds the test bundle again only when what it is built from changed: the stamp
// must change with every file under src/ (added, edited, renamed) and with the lockfile.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sourcesDigest as digest } from '../../test-support/global-setup.mjs'

let root: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'stamp-'))
  await mkdir(join(root, 'src', 'kosli'), { recursive: true })
  await mkdir(join(root, 'scripts'))
  const files: Record<string, string> = {
    'src/index.ts': 'run()\n',
    'src/kosli/client.ts': 'export const a = 1\n',
    'package-lock.json': '{}\n',
    'tsconfig.json': '{}\n',
    'scripts/bundle.sh': 'ncc build\n',
    'scripts/merge-licenses.mjs': '\n'
  }
  for (const [path, text] of Object.entries(files)) await writeFile(join(root, path), text)
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('the test bundle stamp', () => {
  it('is the same for the same sources', () => {
    expect(digest(root)).toMatch(/^[0-9a-f]{64}$/)
    expect(digest(root)).toBe(digest(root))
  })

  it.each([
    [
      'an edited source',
      () => writeFile(join(root, 'src/kosli/client.ts'), 'export const a = 2\n')
    ],
    ['a new source', () => writeFile(join(root, 'src/kosli/paths.ts'), '')],
    [
      'a renamed source',
      () => rename(join(root, 'src/kosli/client.ts'), join(root, 'src/kosli/clients.ts'))
    ],
    ['a removed source', () => rm(join(root, 'src/index.ts'))],
    ['a changed lockfile', () => writeFile(join(root, 'package-lock.json'), '{"v":2}\n')],
    ['a changed bundle script', () => writeFile(join(root, 'scripts/bundle.sh'), 'ncc build -m\n')]
  ])('changes with %s', async (_, change) => {
    const before = digest(root)
    await change()
    expect(digest(root)).not.toBe(before)
  })

  it('does not read a file outside its inputs', async () => {
    const before = digest(root)
    await writeFile(join(root, 'README.md'), 'docs\n')
    expect(digest(root)).toBe(before)
  })
})

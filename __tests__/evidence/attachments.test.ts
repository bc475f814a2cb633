import { beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, realpath, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { parseTar } from 'nanotar'
import {
  AttachmentError,
  buildAttachment,
  checkAttachmentSize,
  MAX_ATTACHMENT_BYTES,
  resolveAttachmentPaths
} from '../../src/evidence/attachments.js'

let workspace: string
let outside: string

beforeAll(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'ws-')))
  outside = await realpath(await mkdtemp(join(tmpdir(), 'outside-')))
  await writeFile(join(workspace, 'report.xml'), '<testsuite/>')
  await mkdir(join(workspace, 'reports', 'sub'), { recursive: true })
  await writeFile(join(workspace, 'reports', 'a.xml'), 'a')
  await writeFile(join(workspace, 'reports', 'sub', 'b.xml'), 'bb')
  await writeFile(join(outside, 'secret.txt'), 'x')
  await symlink(join(outside, 'secret.txt'), join(workspace, 'escape.txt'))
})

const options = (): { workspace: string; input: string } => ({ workspace, input: 'attachments' })

describe('buildAttachment', () => {
  it('sends one file as is, under its basename', async () => {
    const attachment = await buildAttachment(['report.xml'], options())
    expect(attachment?.filename).toBe('report.xml')
    expect(Buffer.from(attachment?.bytes ?? []).toString()).toBe('<testsuite/>')
    expect(attachment?.sources).toEqual([join(workspace, 'report.xml')])
  })

  it('packs several files and directories into evidence.tgz', async () => {
    const attachment = await buildAttachment(['report.xml', 'reports'], options())
    expect(attachment?.filename).toBe('evidence.tgz')
    // A copy: nanotar's parseTar reads the whole ArrayBuffer behind a Buffer's view.
    const entries = parseTar(new Uint8Array(gunzipSync(attachment?.bytes ?? new Uint8Array())))
    expect(entries.map(e => [e.name, e.text])).toEqual([
      ['report.xml', '<testsuite/>'],
      ['reports/a.xml', 'a'],
      ['reports/sub/b.xml', 'bb']
    ])
  })

  it('packs a single directory too', async () => {
    const attachment = await buildAttachment(['reports'], options())
    expect(attachment?.filename).toBe('evidence.tgz')
  })

  it('gives nothing for no paths', async () => {
    expect(await buildAttachment([], options())).toBeUndefined()
  })

  it('refuses two entries with the same name in the archive', async () => {
    await expect(
      buildAttachment(['reports/a.xml', join(workspace, 'reports', 'a.xml')], options())
    ).rejects.toThrow(/would both be 'a\.xml' in evidence\.tgz/)
  })

  it('refuses a file over the cap before reading it, naming the size and the file', async () => {
    const big = join(workspace, 'big.bin')
    await writeFile(big, Buffer.alloc(MAX_ATTACHMENT_BYTES + 1))
    await expect(buildAttachment(['big.bin'], options())).rejects.toThrow(
      `The attachment big.bin is 10,000,001 bytes, over Kosli's limit of 10,000,000 bytes (from '${big}')`
    )
    // Exactly at the cap is allowed.
    await writeFile(big, Buffer.alloc(MAX_ATTACHMENT_BYTES))
    expect((await buildAttachment(['big.bin'], options()))?.bytes.byteLength).toBe(
      MAX_ATTACHMENT_BYTES
    )
  })

  it('checks the archive size as sent', () => {
    expect(() =>
      checkAttachmentSize(MAX_ATTACHMENT_BYTES + 5, 'evidence.tgz', ['/a', '/b'])
    ).toThrow(/evidence\.tgz is 10,000,005 bytes.*from '\/a', '\/b'/)
    expect(() => checkAttachmentSize(MAX_ATTACHMENT_BYTES, 'evidence.tgz', [])).not.toThrow()
  })
})

describe('resolveAttachmentPaths', () => {
  it('refuses relative paths that leave the workspace, by .. or by a link', async () => {
    await expect(resolveAttachmentPaths(['../outside/x'], options())).rejects.toThrow(
      AttachmentError
    )
    const viaDots = join('..', outside.split('/').pop() as string, 'secret.txt')
    await expect(resolveAttachmentPaths([viaDots], options())).rejects.toThrow(
      `attachments: '${viaDots}' resolves outside the workspace`
    )
    await expect(resolveAttachmentPaths(['escape.txt'], options())).rejects.toThrow(
      "attachments: 'escape.txt' resolves outside the workspace"
    )
  })

  it('accepts an absolute path outside the workspace: the user chose it', async () => {
    expect(await resolveAttachmentPaths([join(outside, 'secret.txt')], options())).toEqual([
      join(outside, 'secret.txt')
    ])
  })

  it('names a path that does not exist', async () => {
    await expect(
      resolveAttachmentPaths(['missing.xml'], { workspace, input: 'results' })
    ).rejects.toThrow("results: 'missing.xml' does not exist.")
  })
})

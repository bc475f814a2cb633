import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises'
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
      `attachments: the attachment '${big}' is 10,000,001 bytes, over the attachment limit of 10,000,000 bytes; give a smaller file.`
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

describe('what an attachment never holds', () => {
  let ws: string
  const opts = (): { workspace: string; input: string } => ({ workspace: ws, input: 'attachments' })
  beforeAll(async () => {
    ws = await mkdtemp(join(tmpdir(), 'attach-trust-'))
    await mkdir(join(ws, 'repo', '.git'), { recursive: true })
    await writeFile(join(ws, 'repo', '.git', 'config'), 'extraheader = AUTHORIZATION: basic xyz')
    await writeFile(join(ws, 'repo', 'notes.txt'), 'notes')
  })
  afterAll(async () => {
    await rm(ws, { recursive: true, force: true })
  })

  it('leaves every .git directory out of a directory, and refuses one named', async () => {
    const attachment = await buildAttachment(['repo'], opts())
    const names = parseTar(new Uint8Array(gunzipSync(attachment!.bytes))).map(entry => entry.name)
    expect(names).toEqual(['repo/notes.txt'])
    await expect(buildAttachment(['repo/.git/config'], opts())).rejects.toThrow(
      /is in a \.git directory, which is never attached/
    )
  })

  it('refuses a device or a /proc file given by name', async () => {
    await expect(buildAttachment(['/dev/null'], opts())).rejects.toThrow(/is a character device/)
    await expect(buildAttachment(['/proc/self/environ', 'repo'], opts())).rejects.toThrow(
      /'\/proc\/\d+\/environ' is not a regular file on disk/
    )
  })

  it('counts the bytes read against the cap, however well they compress', async () => {
    const dir = join(ws, 'zeros')
    await mkdir(dir)
    for (let i = 0; i < 11; i++) await writeFile(join(dir, `${i}.bin`), Buffer.alloc(1_000_000))
    await expect(buildAttachment(['zeros'], opts())).rejects.toThrow(
      /The files for evidence\.tgz hold 11,000,000 bytes, over Kosli's limit of 10,000,000 bytes/
    )
    await rm(dir, { recursive: true })
  })

  it('refuses a name longer than the 100 bytes of a tar name, before anything is sent', async () => {
    const deep = join(ws, 'deep', 'a'.repeat(60))
    await mkdir(deep, { recursive: true })
    await writeFile(join(deep, `${'b'.repeat(40)}.txt`), 'x')
    await writeFile(join(deep, `${'b'.repeat(30)}.txt`), 'y')
    await expect(buildAttachment(['deep'], opts())).rejects.toThrow(
      /would be named 'deep\/a{60}\/b{40}\.txt' in evidence\.tgz, 110 bytes; names in it are at most 100 bytes/
    )
    await rm(join(deep, `${'b'.repeat(40)}.txt`))
    const names = parseTar(
      new Uint8Array(gunzipSync((await buildAttachment(['deep'], opts()))!.bytes))
    ).map(entry => entry.name)
    expect(names).toEqual([`deep/${'a'.repeat(60)}/${'b'.repeat(30)}.txt`])
  })
})

import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createTar, type TarFileInput } from 'nanotar'

/** Kosli's cap on one uploaded file, in bytes as sent. */
export const MAX_ATTACHMENT_BYTES = 10_000_000

/** The name Kosli's CLI gives the archive of several attachments. */
const ARCHIVE_NAME = 'evidence.tgz'

export interface Attachment {
  /** The file part's filename: the file's basename, or evidence.tgz. */
  filename: string
  bytes: Uint8Array
  /** The real paths that went into it, in the order given. */
  sources: string[]
}

export class AttachmentError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'AttachmentError'
  }
}

interface AttachmentOptions {
  /** Relative paths resolve here and must stay inside it (GITHUB_WORKSPACE). */
  workspace: string
  /** The action input the paths came from, named in errors. */
  input: string
}

/**
 * Resolve paths to real paths. A relative path that leads outside the workspace (by `..` or a
 * symbolic link) is an input error; an absolute path is the user's explicit choice.
 */
export async function resolveAttachmentPaths(
  paths: readonly string[],
  options: AttachmentOptions
): Promise<string[]> {
  const workspace = await realpath(options.workspace)
  const resolved: string[] = []
  for (const path of paths) {
    let real: string
    try {
      real = await realpath(resolve(workspace, path))
    } catch {
      throw new AttachmentError(`${options.input}: '${path}' does not exist.`)
    }
    if (!isAbsolute(path) && !inside(workspace, real)) {
      throw new AttachmentError(
        `${options.input}: '${path}' resolves outside the workspace; give files inside it, or an absolute path.`
      )
    }
    resolved.push(real)
  }
  return resolved
}

/**
 * One file is sent as is; several files or any directory become one evidence.tgz built in
 * memory. The size as sent is checked against Kosli's cap before anything is sent.
 */
export async function buildAttachment(
  paths: readonly string[],
  options: AttachmentOptions
): Promise<Attachment | undefined> {
  if (paths.length === 0) return undefined
  const real = await resolveAttachmentPaths(paths, options)
  if (real.length === 1 && (await stat(real[0])).isFile()) {
    const size = (await stat(real[0])).size
    checkAttachmentSize(size, basename(real[0]), real)
    return { filename: basename(real[0]), bytes: await readFile(real[0]), sources: real }
  }
  const entries: TarFileInput[] = []
  const names = new Map<string, string>()
  for (const path of real) {
    for (const file of await filesUnder(path)) {
      const name = file.name
      const earlier = names.get(name)
      if (earlier !== undefined) {
        throw new AttachmentError(
          `${options.input}: '${earlier}' and '${file.path}' would both be '${name}' in ${ARCHIVE_NAME}; rename one or give their directory.`
        )
      }
      names.set(name, file.path)
      const info = await stat(file.path)
      entries.push({
        name,
        data: await readFile(file.path),
        attrs: { mtime: Math.floor(info.mtimeMs), mode: '644', uid: 0, gid: 0 }
      })
    }
  }
  const bytes = gzipSync(createTar(entries))
  checkAttachmentSize(bytes.byteLength, ARCHIVE_NAME, real)
  return { filename: ARCHIVE_NAME, bytes, sources: real }
}

/** Throws when `size` bytes exceed Kosli's cap, naming the size and the files. */
export function checkAttachmentSize(
  size: number,
  filename: string,
  sources: readonly string[]
): void {
  if (size <= MAX_ATTACHMENT_BYTES) return
  throw new AttachmentError(
    `The attachment ${filename} is ${size.toLocaleString('en-US')} bytes, over Kosli's limit of ` +
      `${MAX_ATTACHMENT_BYTES.toLocaleString('en-US')} bytes (from ${sources.map(s => `'${s}'`).join(', ')}). ` +
      'Attach fewer or smaller files.'
  )
}

/** Regular files under a path (links inside directories are not followed); named dir/sub/file. */
async function filesUnder(path: string): Promise<Array<{ path: string; name: string }>> {
  const info = await stat(path)
  if (info.isFile()) return [{ path, name: basename(path) }]
  if (!info.isDirectory()) return []
  const top = basename(path)
  const entries = await readdir(path, { recursive: true, withFileTypes: true })
  return entries
    .filter(e => e.isFile())
    .map(e => {
      const full = join(e.parentPath ?? e.path, e.name)
      return { path: full, name: [top, ...relative(path, full).split(sep)].join('/') }
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

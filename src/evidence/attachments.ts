import { readdir, realpath, stat } from 'node:fs/promises'
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { gzipSync } from 'node:zlib'
import { createTar, type TarFileInput } from 'nanotar'
import { readRegularFile } from '../read-file.js'

/** Kosli's cap on one uploaded file, in bytes as sent. */
export const MAX_ATTACHMENT_BYTES = 10_000_000

/** The longest name the archive holds: the ustar name field, which nanotar writes alone. */
const MAX_NAME_BYTES = 100

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
 * memory. Only regular files are read, never a `.git` directory, and never more than Kosli's
 * cap in all: the bytes read count against it as well as the archive as sent.
 */
export async function buildAttachment(
  paths: readonly string[],
  options: AttachmentOptions
): Promise<Attachment | undefined> {
  if (paths.length === 0) return undefined
  const real = await resolveAttachmentPaths(paths, options)
  for (const path of real) {
    if (path.split(sep).includes('.git')) {
      throw new AttachmentError(
        `${options.input}: '${path}' is in a .git directory, which is never attached ` +
          '(actions/checkout keeps the token in .git/config); give the files to attach.'
      )
    }
  }
  if (real.length === 1 && !(await stat(real[0])).isDirectory()) {
    const bytes = readRegularFile(real[0], {
      input: options.input,
      what: 'attachment',
      limit: MAX_ATTACHMENT_BYTES
    })
    return { filename: basename(real[0]), bytes, sources: real }
  }
  const files: Array<{ path: string; name: string; size: number; mtimeMs: number }> = []
  const names = new Map<string, string>()
  let total = 0
  for (const path of real) {
    for (const file of await filesUnder(path)) {
      // nanotar writes a name in the 100 bytes of the ustar name field and cuts a longer one.
      const length = Buffer.byteLength(file.name)
      if (length > MAX_NAME_BYTES) {
        throw new AttachmentError(
          `${options.input}: '${file.path}' would be named '${file.name}' in ${ARCHIVE_NAME}, ` +
            `${length} bytes; names in it are at most ${MAX_NAME_BYTES} bytes. Attach a ` +
            'directory nearer to the file, or rename it.'
        )
      }
      const earlier = names.get(file.name)
      if (earlier !== undefined) {
        throw new AttachmentError(
          `${options.input}: '${earlier}' and '${file.path}' would both be '${file.name}' in ${ARCHIVE_NAME}; rename one or give their directory.`
        )
      }
      names.set(file.name, file.path)
      const info = await stat(file.path)
      total += info.size
      files.push({ ...file, size: info.size, mtimeMs: info.mtimeMs })
    }
  }
  // Counted before anything is read: files that would compress under the cap are refused too.
  checkAttachmentSize(total, `The files for ${ARCHIVE_NAME}`, real, 'hold')
  const entries: TarFileInput[] = []
  let left = MAX_ATTACHMENT_BYTES
  for (const file of files) {
    // At most what is left of the cap, should a file have grown since it was counted.
    const data = readRegularFile(file.path, {
      input: options.input,
      what: 'attachment',
      limit: left
    })
    left -= data.byteLength
    entries.push({
      name: file.name,
      data,
      attrs: { mtime: Math.floor(file.mtimeMs), mode: '644', uid: 0, gid: 0 }
    })
  }
  const bytes = gzipSync(createTar(entries))
  checkAttachmentSize(bytes.byteLength, `The attachment ${ARCHIVE_NAME}`, real)
  return { filename: ARCHIVE_NAME, bytes, sources: real }
}

/** Throws when `size` bytes exceed Kosli's cap, naming the size and the files. */
export function checkAttachmentSize(
  size: number,
  what: string,
  sources: readonly string[],
  verb = 'is'
): void {
  if (size <= MAX_ATTACHMENT_BYTES) return
  throw new AttachmentError(
    `${what} ${verb} ${size.toLocaleString('en-US')} bytes, over Kosli's limit of ` +
      `${MAX_ATTACHMENT_BYTES.toLocaleString('en-US')} bytes (from ${sources.map(s => `'${s}'`).join(', ')}). ` +
      'Attach fewer or smaller files (with attach-results: true, the result files count too).'
  )
}

/**
 * Regular files under a path, named dir/sub/file; links and other non-regular entries inside
 * directories are left out, and so is every .git directory.
 */
async function filesUnder(path: string): Promise<Array<{ path: string; name: string }>> {
  const info = await stat(path)
  if (!info.isDirectory()) return [{ path, name: basename(path) }]
  const top = basename(path)
  const entries = await readdir(path, { recursive: true, withFileTypes: true })
  return entries
    .filter(e => e.isFile())
    .map(e => {
      const full = join(e.parentPath ?? e.path, e.name)
      return { path: full, parts: relative(path, full).split(sep) }
    })
    .filter(e => !e.parts.includes('.git'))
    .map(e => ({ path: e.path, name: [top, ...e.parts].join('/') }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)
}

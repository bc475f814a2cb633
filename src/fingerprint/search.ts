import type { Stats } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import * as path from 'node:path'
import { Minimatch } from 'minimatch'
import { isInside } from '../workspace.js'

const IS_WINDOWS = process.platform === 'win32'

// The options @actions/glob gives minimatch, so patterns mean what they meant before.
const OPTIONS = {
  dot: true,
  nobrace: true,
  nocase: IS_WINDOWS,
  nocomment: true,
  noext: true,
  nonegate: true
}

/** One absolute glob pattern (already escaped where it is literal), matched as @actions/glob does. */
export class SearchPattern {
  private readonly minimatch: Minimatch
  private readonly directoriesOnly: boolean
  private readonly endsInGlobstar: boolean
  /** The longest literal path the pattern starts with: where its search starts. */
  readonly searchPath: string
  /** True when the pattern has no glob characters: it names one path. */
  readonly literal: boolean

  constructor(pattern: string) {
    const normalised = IS_WINDOWS ? pattern.replace(/\\/g, '/') : pattern
    this.directoriesOnly = normalised.length > 1 && normalised.endsWith('/')
    const trimmed = this.directoriesOnly ? normalised.replace(/\/+$/, '') : normalised
    this.endsInGlobstar = trimmed.endsWith('/**')
    this.minimatch = new Minimatch(trimmed, OPTIONS)
    const parts = this.minimatch.set[0] ?? []
    const literal: string[] = []
    for (const part of parts) {
      if (typeof part !== 'string') break
      literal.push(part)
    }
    this.literal = literal.length === parts.length
    if (literal.some((part, index) => index > 0 && (part === '.' || part === '..'))) {
      throw new Error(`'.' and '..' are allowed only at the start of a pattern`)
    }
    this.searchPath = path.resolve(literal.join('/') || '/')
  }

  private form(item: string): string {
    return IS_WINDOWS ? item.replace(/\\/g, '/') : item
  }

  /** Whether the pattern matches `item`, a directory or not. */
  matches(item: string, isDirectory: boolean): boolean {
    if (this.directoriesOnly && !isDirectory) return false
    const form = this.form(item)
    return this.minimatch.match(this.endsInGlobstar ? `${form}/` : form)
  }

  /** Whether something below `item` may match. */
  mayMatchBelow(item: string): boolean {
    return this.minimatch.matchOne(this.form(item).split('/'), this.minimatch.set[0], true)
  }
}

/** What one pattern found: paths as reached (inside), and paths whose real path is outside `root`. */
export interface SearchResult {
  matches: string[]
  /** Matches (or the search path) that lead out of `root` through a symlink, with their real path. */
  outside: { path: string; real: string }[]
}

/**
 * Every path the pattern matches, as @actions/glob finds them with symlinks followed, except
 * that with `root` (a real path) a symlink whose real path is outside it is never followed:
 * it is reported in `outside` when it matches, and nothing behind it is read.
 */
export async function searchPattern(
  pattern: SearchPattern,
  excluded: (item: string, isDirectory: boolean) => boolean,
  root?: string
): Promise<SearchResult> {
  const result: SearchResult = { matches: [], outside: [] }
  let startReal: string
  try {
    startReal = await realpath(pattern.searchPath)
  } catch (error) {
    if (['ENOENT', 'ENOTDIR', 'ELOOP'].includes((error as NodeJS.ErrnoException).code ?? '')) {
      return result
    }
    throw error
  }
  if (root !== undefined && !isInside(root, startReal)) {
    result.outside.push({ path: pattern.searchPath, real: startReal })
    return result
  }

  const visit = async (item: string, real: string, chain: string[]): Promise<void> => {
    let info: Stats
    try {
      info = await stat(real)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    const isDirectory = info.isDirectory()
    if (pattern.matches(item, isDirectory) && !excluded(item, isDirectory)) {
      result.matches.push(item)
    }
    // A directory already on the way down is a symlink cycle: not walked again.
    if (!isDirectory || chain.includes(real) || !pattern.mayMatchBelow(item)) return
    const below = [...chain, real]
    for (const name of await readdir(real)) {
      const child = path.join(item, name)
      if (!pattern.matches(child, true) && !pattern.mayMatchBelow(child)) continue
      let childReal = path.join(real, name)
      const link = await lstat(childReal).catch(() => undefined)
      if (link === undefined) continue
      if (link.isSymbolicLink()) {
        try {
          childReal = await realpath(childReal)
        } catch {
          continue // a broken link or a loop: @actions/glob leaves these out too
        }
        if (root !== undefined && !isInside(root, childReal)) {
          // Not even its kind is asked: a match of either kind is reported and skipped.
          const matched = [true, false].some(
            isDirectory => pattern.matches(child, isDirectory) && !excluded(child, isDirectory)
          )
          if (matched) {
            result.outside.push({ path: child, real: childReal })
          }
          continue
        }
      }
      await visit(child, childReal, below)
    }
  }
  await visit(pattern.searchPath, startReal, [])
  return result
}

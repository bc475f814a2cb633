import type { Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import * as path from 'node:path'
import { print } from '../print.js'
import { leavesWorkspace, realWorkspace } from '../workspace.js'
import { fingerprintDirectory } from './directory.js'
import { describeFileError, describeFileKind } from './file.js'
import { fingerprintFile, type HashPool } from './pool.js'
import { type SearchResult, SearchPattern, searchPattern } from './search.js'

// Kept with the workspace helpers, which the inputs use without loading this engine.
export { leavesWorkspace } from '../workspace.js'

export type ArtifactKind = 'file' | 'dir'

const IS_WINDOWS = process.platform === 'win32'

/** Where warnings go: skipped glob matches. */
interface ResolveOptions {
  warn?: (message: string) => void
  /** The input the patterns came from, named in errors (default 'artifact'). */
  input?: string
}

/**
 * Every path matched by the patterns (paths or globs relative to `workspace`), absolute,
 * de-duplicated, in the order of the patterns (each pattern's matches sorted by bytes), so the
 * first artifact is the first one listed. A `!pattern` removes matches of the others. A pattern that
 * matches nothing is an error naming it, and so is a relative pattern that climbs out of the
 * workspace (absolute paths may point anywhere, such as $RUNNER_TEMP). A relative pattern is held
 * to the workspace by real paths: a literal path that leads out through a symlink is an error, a
 * glob match that does is skipped with a warning, and nothing behind such a link is read.
 */
export async function resolveArtifactPaths(
  patterns: string[],
  workspace: string,
  options: ResolveOptions = {}
): Promise<string[]> {
  const warn = options.warn ?? print.warning
  const input = options.input ?? 'artifact'
  const given = patterns.map(pattern => pattern.trim()).filter(pattern => pattern !== '')
  const negations = given
    .filter(pattern => pattern.startsWith('!'))
    .map(pattern => {
      try {
        return new SearchPattern(absolutePattern(pattern.slice(1).trim(), workspace))
      } catch (error) {
        throw new Error(
          `'${input}': the pattern '${pattern}' is not valid: ${(error as Error).message}`
        )
      }
    })
  const excluded = (item: string, isDirectory: boolean): boolean =>
    negations.some(negation => negation.matches(item, isDirectory))
  const positives = given.filter(pattern => !pattern.startsWith('!'))
  if (positives.length === 0) {
    throw new Error(
      `'${input}': no paths given; expected at least one path or glob pattern${input === 'artifact' ? ' of build output' : ''}`
    )
  }
  const outside = positives.find(leavesWorkspace)
  if (outside !== undefined) {
    throw new Error(
      `'${input}': the pattern '${outside}' is outside the workspace; give an absolute path if you mean it`
    )
  }
  const root = realWorkspace(workspace)
  const found = new Set<string>()
  for (const pattern of positives) {
    const confined = !isAbsolutePattern(pattern)
    let search: SearchPattern
    let result: SearchResult
    try {
      search = new SearchPattern(absolutePattern(pattern, workspace))
      result = await searchPattern(search, excluded, confined ? root : undefined)
    } catch (error) {
      throw new Error(
        `'${input}': the pattern '${pattern}' could not be searched: ${(error as Error).message}`
      )
    }
    if (search.literal && result.outside.length > 0) {
      throw new Error(
        `'${input}': '${pattern}' leads out of the workspace to '${result.outside[0].real}' through ` +
          `a symlink; give an absolute path if you mean it`
      )
    }
    for (const skipped of result.outside) {
      warn(
        `'${input}': skipped '${relativeTo(workspace, skipped.path)}' (matched by '${pattern}'): ` +
          `it leads out of the workspace to '${skipped.real}' through a symlink; give an absolute ` +
          `path if you mean it`
      )
    }
    if (result.matches.length === 0) {
      const skipped = result.outside.length
      const why =
        skipped === 0
          ? `under '${workspace}': check the path, and that the build wrote its output before this step`
          : `inside the workspace '${workspace}': ${skipped === 1 ? 'the one path it reaches leads' : `the ${skipped} paths it reaches lead`} out of it through a symlink; give an absolute path if you mean it`
      throw new Error(`'${input}': the pattern '${pattern}' matches nothing ${why}`)
    }
    const sorted = result.matches
      .map(match => path.resolve(match))
      .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    for (const match of sorted) found.add(match)
  }
  return [...found]
}

function isAbsolutePattern(pattern: string): boolean {
  return path.isAbsolute(pattern) || pattern === '~' || pattern.startsWith('~/')
}

function relativeTo(workspace: string, item: string): string {
  return path.relative(path.resolve(workspace), item).split(path.sep).join('/') || '.'
}

/** Anchors a workspace-relative pattern; leading `../` segments move the (escaped) base up. */
function absolutePattern(pattern: string, workspace: string): string {
  if (path.isAbsolute(pattern)) return pattern
  if (pattern === '~' || pattern.startsWith('~/'))
    return `${escapeGlob(homedir())}${pattern.slice(1)}`
  let base = path.resolve(workspace)
  const segments = pattern.split(IS_WINDOWS ? /[\\/]+/ : /\/+/)
  while (segments.length > 0 && (segments[0] === '.' || segments[0] === '..')) {
    if (segments.shift() === '..') base = path.dirname(base)
  }
  const rest = segments.join('/')
  const escaped = escapeGlob(base)
  if (rest === '') return escaped
  return escaped.endsWith(path.sep) ? `${escaped}${rest}` : `${escaped}${path.sep}${rest}`
}

/** The same escaping @actions/glob applies to the working directory. */
function escapeGlob(literal: string): string {
  return (IS_WINDOWS ? literal : literal.replace(/\\/g, '\\\\'))
    .replace(/(\[)(?=[^/]+\])/g, '[[]')
    .replace(/\?/g, '[?]')
    .replace(/\*/g, '[*]')
}

/**
 * Fingerprints one artifact path: a file's content digest or a directory digest. `auto` decides
 * by what the path is (following symlinks); `excludes` apply to directories only. Contents are
 * hashed in `pool`, the run's, or in one started for this call.
 */
export async function fingerprintArtifact(
  artifactPath: string,
  type: 'auto' | ArtifactKind,
  excludes: string[],
  pool?: HashPool
): Promise<{ fingerprint: string; type: ArtifactKind }> {
  let info: Stats
  try {
    info = await stat(artifactPath)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`Artifact '${artifactPath}' does not exist (or is a broken symlink)`)
    }
    throw describeFileError(error, artifactPath)
  }
  const kind: ArtifactKind | undefined = info.isDirectory()
    ? 'dir'
    : info.isFile()
      ? 'file'
      : undefined
  if (kind === undefined) {
    throw new Error(
      `Artifact '${artifactPath}' is ${describeFileKind(info)}; only files and directories can be fingerprinted`
    )
  }
  if (type !== 'auto' && type !== kind) {
    const actual = kind === 'dir' ? 'a directory' : 'a file'
    throw new Error(
      `artifact-type is ${type}, but '${artifactPath}' is ${actual}: use artifact-type: ${kind} or auto`
    )
  }
  if (kind === 'file') {
    return { fingerprint: await fingerprintFile(artifactPath, pool), type: 'file' }
  }
  return { fingerprint: await fingerprintDirectory(artifactPath, { excludes, pool }), type: 'dir' }
}

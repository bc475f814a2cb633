import { realpathSync } from 'node:fs'
import * as path from 'node:path'

/** The workspace's own real path, so a workspace reached through a symlink still contains itself. */
export function realWorkspace(workspace: string): string {
  const resolved = path.resolve(workspace)
  try {
    return realpathSync(resolved)
  } catch {
    return resolved
  }
}

/** Whether the real path `target` is `root` itself or below it (both already real paths). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target)
  return (
    relative === '' ||
    (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative))
  )
}

const IS_WINDOWS = process.platform === 'win32'

/**
 * Whether a relative pattern's `..` segments climb out of the directory it is relative to
 * (`../secrets/*`, `build/../../etc/passwd`, a `**` then `..`). A `**` may match no segment at all,
 * so it is counted as none. Absolute paths and `~` are never "outside": they say where they mean.
 */
export function leavesWorkspace(pattern: string): boolean {
  const trimmed = pattern.trim()
  if (path.isAbsolute(trimmed) || trimmed === '~' || trimmed.startsWith('~/')) return false
  let depth = 0
  for (const segment of trimmed.split(IS_WINDOWS ? /[\\/]+/ : /\/+/)) {
    if (segment === '' || segment === '.' || segment === '**') continue
    if (segment === '..') {
      depth -= 1
      if (depth < 0) return true
    } else {
      depth += 1
    }
  }
  return false
}

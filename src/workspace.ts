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

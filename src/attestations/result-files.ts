import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { inert } from '../print.js'
import type { AttestSettings } from './type.js'

// The `results` input of the types that read result files (junit, snyk).

/** The paths `results` names, inside the workspace. */
export async function resultPaths(settings: AttestSettings): Promise<string[]> {
  // Loaded when a type reads its results: the inputs check reads the table at start-up.
  const { resolveArtifactPaths } = await import('../fingerprint/paths.js')
  return resolveArtifactPaths([...settings.results], settings.workspace, { input: 'results' })
}

/** Each path, or for a directory the *.xml files under it; each file once. */
export async function xmlResultFiles(settings: AttestSettings): Promise<string[]> {
  const files: string[] = []
  for (const path of await resultPaths(settings)) {
    if ((await stat(path)).isDirectory()) {
      const found = await xmlFilesUnder(path)
      if (found.length === 0) {
        throw new Error(`'results': the directory '${inert(path)}' holds no *.xml file`)
      }
      files.push(...found)
    } else {
      files.push(path)
    }
  }
  return [...new Set(files)]
}

async function xmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
    .map(e => join(e.parentPath ?? e.path, e.name))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

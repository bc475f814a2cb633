// What an entry loads before its first line runs: the modules of its output file and of every
// chunk that output imports statically, as esbuild splits the bundle. A module reached only
// through `await import()` is in a chunk outside this closure.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The input paths (as esbuild names them, from the repository root) in `entry`'s static closure. */
export async function startupClosure(entry = 'src/index.ts'): Promise<string[]> {
  const { metafile } = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    outdir: 'startup-closure-out',
    logLevel: 'silent'
  })
  const outputs = metafile.outputs
  const start = Object.keys(outputs).find(name => outputs[name].entryPoint === entry)
  if (!start) throw new Error(`esbuild produced no output for ${entry}`)
  const seen = new Set<string>()
  const walk = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    for (const imported of outputs[name].imports) {
      if (imported.kind === 'import-statement' && outputs[imported.path]) walk(imported.path)
    }
  }
  walk(start)
  return [...seen].flatMap(name => Object.keys(outputs[name].inputs)).sort()
}

/** The npm package an input path belongs to (`zod`, `@actions/core`), or undefined for our own. */
export function packageOf(input: string): string | undefined {
  return /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input)?.[1]
}

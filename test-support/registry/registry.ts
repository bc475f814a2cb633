import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import * as fs from 'node:fs'
import * as os from 'node:os'
import * as path from 'node:path'

/** The user the htpasswd registry knows, with `HTPASSWD_PASSWORD`. */
export const HTPASSWD_USER = 'kosli'
export const HTPASSWD_PASSWORD = 'test-password-1'
// bcrypt of HTPASSWD_PASSWORD (htpasswd -nbB kosli test-password-1): the registry takes only bcrypt.
const HTPASSWD_LINE = 'kosli:$2y$05$QipqxioXRrzPch57rNBDKuIVBVE3GfPKAxS.aHu6jhIkn7pjzEMl6'

/** Where Debian's distribution registry and skopeo are, when installed (.ci/install-registry.sh). */
export function findTool(name: string): string | undefined {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).concat(['/usr/bin', '/usr/sbin'])
  for (const dir of dirs) {
    const candidate = path.join(dir, name)
    try {
      fs.accessSync(candidate, fs.constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}

/** Why the registry tests cannot run here, or undefined when they can. */
export function registryToolsMissing(): string | undefined {
  const missing = ['docker-registry', 'skopeo'].filter(name => !findTool(name))
  if (missing.length === 0) return undefined
  return `${missing.join(' and ')} not installed: run .ci/install-registry.sh (as root) to install Debian's docker-registry and skopeo`
}

export interface RunningRegistry {
  /** `127.0.0.1:<port>` */
  host: string
  /** `http://127.0.0.1:<port>` */
  url: string
  stop(): Promise<void>
}

export interface RegistryOptions {
  /** Require Basic auth with HTPASSWD_USER / HTPASSWD_PASSWORD. */
  htpasswd?: boolean
}

/** Starts `docker-registry serve` on 127.0.0.1 with a free port and a temporary storage folder. */
export async function startRegistry(options: RegistryOptions = {}): Promise<RunningRegistry> {
  const binary = findTool('docker-registry')
  if (!binary) throw new Error(registryToolsMissing())
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oci-registry-'))
  const lines = [
    'version: 0.1',
    'log:',
    '  level: info',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    'http:',
    // Port 0: the registry picks a free port and logs it, so there is no race for one.
    '  addr: 127.0.0.1:0',
    '  secret: test-secret'
  ]
  if (options.htpasswd) {
    fs.writeFileSync(path.join(dir, 'htpasswd'), `${HTPASSWD_LINE}\n`)
    lines.push(
      'auth:',
      '  htpasswd:',
      '    realm: test-registry',
      `    path: ${path.join(dir, 'htpasswd')}`
    )
  }
  const config = path.join(dir, 'config.yml')
  fs.writeFileSync(config, `${lines.join('\n')}\n`)

  // A clean environment: REGISTRY_* variables would override the config file.
  const child = spawn(binary, ['serve', config], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const port = await listeningPort(child)
  const host = `127.0.0.1:${port}`
  const url = `http://${host}`
  await waitForV2(url)
  return {
    host,
    url,
    stop: async () => {
      await stopChild(child)
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
}

function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output)
      if (match) {
        child.stderr?.off('data', onData)
        child.stdout?.off('data', onData)
        // Keep reading so a full pipe never blocks the registry.
        child.stderr?.resume()
        child.stdout?.resume()
        resolve(Number(match[1]))
      }
    }
    child.stderr?.on('data', onData)
    child.stdout?.on('data', onData)
    child.once('error', reject)
    child.once('exit', code =>
      reject(new Error(`docker-registry exited (${code}) before listening:\n${output}`))
    )
  })
}

async function waitForV2(url: string): Promise<void> {
  let lastError: unknown
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`${url}/v2/`)
      await response.body?.cancel()
      if (response.status === 200 || response.status === 401) return
    } catch (error) {
      lastError = error
    }
    await new Promise(resolve => setTimeout(resolve, 50))
  }
  throw new Error(`docker-registry at ${url} never answered /v2/: ${String(lastError)}`)
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise(resolve => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5000)
    child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

/** Runs a command and returns stdout; throws with stderr on a non-zero exit. */
export function run(command: string, args: string[], input?: string): string {
  const result = spawnSync(command, args, { encoding: 'utf8', input, timeout: 60_000 })
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.error}`
    )
  }
  return result.stdout
}

import { InputError } from '../inputs/problems.js'
import { inert } from '../print.js'
import type { StepContext } from './context.js'
import { localArtifactSettings } from './settings.js'

/** The fingerprint attest/ and assert/ bind to: given, or computed from the one artifact. */
export async function boundArtifacts(
  step: StepContext
): Promise<Array<{ fingerprint: string; name?: string }>> {
  const { config, ctx } = step
  if (config.fingerprint) return [{ fingerprint: config.fingerprint }]
  if (config.artifacts.length === 0) return []
  // Loaded only when an artifact is given: fingerprinting (and registry code) is not needed otherwise.
  const { resolveLocalArtifacts } = await import('../stages/resolve-artifacts.js')
  const links = { host: config.host, org: config.org, flow: config.flow }
  const found = await resolveLocalArtifacts(localArtifactSettings(config, ctx, links))
  if (found.length !== 1) {
    throw new InputError([
      `'artifact': matches ${found.length} artifacts (${found.map(a => inert(a.name)).join(', ')}); expected exactly one`
    ])
  }
  step.log.info(`${inert(found[0].name)}: ${found[0].fingerprint}`)
  return [{ fingerprint: found[0].fingerprint, name: found[0].name }]
}

/** The commit attest/ and assert/ are about: git-commit, else the run's; a full sha either way. */
export function stepCommit(given: string | undefined): string {
  if (!/^[0-9a-f]{40}$/.test(given ?? '')) {
    throw new InputError([
      `'git-commit': given nothing, and the run's commit (GITHUB_SHA) is ${JSON.stringify(given ?? '')}; expected a 40-character hex sha`
    ])
  }
  return given as string
}

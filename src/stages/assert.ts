import { type ArtifactVerdict, assertAnswerSchema, assertVerdict } from '../evidence/assert.js'
import { assertPath } from '../evidence/payloads.js'
import { findArtifactByFingerprint, findArtifactsByCommit } from '../kosli/artifacts.js'
import type { KosliClient } from '../kosli/client.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'

/** What the assert stage needs: where, against what, and which artifacts. */
export interface AssertSettings {
  org: string
  flow: string
  environment?: string
  policies: readonly string[]
  /** Given artifacts; empty: the ones Kosli holds for the commit. */
  artifacts: ReadonlyArray<{ fingerprint: string; name?: string }>
  gitCommit: string
  trail?: string
}

export interface AssertDependencies {
  kosli: KosliClient
  log: Log
}

export interface AssertResult {
  verdicts: ArtifactVerdict[]
  /** The trails the asserted artifacts are in (for the summary), without repeats. */
  trails: string[]
}

/** One assert call per artifact; the verdict of each, with what is missing. */
export async function assertArtifacts(
  settings: AssertSettings,
  deps: AssertDependencies
): Promise<AssertResult> {
  const trails: string[] = []
  let artifacts = settings.artifacts.map(a => ({ ...a, trail: undefined as string | undefined }))
  if (artifacts.length === 0) {
    const found = await findArtifactsByCommit(
      deps.kosli,
      { org: settings.org, flow: settings.flow },
      settings.gitCommit,
      settings.trail
    )
    if (found.length === 0) {
      throw new Error(
        `Kosli holds no artifact for commit ${settings.gitCommit} in flow '${inert(settings.flow)}'` +
          `${settings.trail ? ` (trail '${inert(settings.trail)}')` : ''}; report the build first, or give artifact or fingerprint.`
      )
    }
    artifacts = found.map(a => ({
      fingerprint: a.fingerprint,
      name: a.filename,
      trail: a.trail_name ?? undefined
    }))
  }
  const verdicts: ArtifactVerdict[] = []
  for (const artifact of artifacts) {
    // A bare fingerprint has no name of its own: the verdict names the artifact as Kosli does.
    artifact.name ??= (
      await findArtifactByFingerprint(
        deps.kosli,
        { org: settings.org, flow: settings.flow },
        artifact.fingerprint
      )
    )?.filename
    const answer = await deps.kosli.get(
      assertPath(settings.org, artifact.fingerprint, {
        flow: settings.flow,
        environment: settings.environment,
        policies: settings.policies
      }),
      assertAnswerSchema
    )
    const verdict = assertVerdict(answer, artifact.name)
    verdicts.push(verdict)
    const trail = answer.trail ?? artifact.trail
    if (trail && !trails.includes(trail)) trails.push(trail)
    const name = inert(verdict.name)
    if (verdict.compliant) {
      deps.log.info(`${name}: COMPLIANT`)
      if (verdict.noPolicyEvaluated) {
        deps.log.warning(
          `${name}: passed, but ${verdict.reasons.join('; ')} (environment '${inert(settings.environment ?? '')}').`
        )
      }
    } else {
      deps.log.info(`${name}: NON-COMPLIANT`)
      for (const reason of verdict.reasons) deps.log.info(`  - ${inert(reason)}`)
    }
  }
  return { verdicts, trails }
}

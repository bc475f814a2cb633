import {
  type ArtifactVerdict,
  assertAnswerSchema,
  assertScope,
  assertVerdict,
  noPolicyWarning
} from '../evidence/assert.js'
import { assertPath } from '../kosli/paths.js'
import { findArtifactByFingerprint, findArtifactsByCommit } from '../kosli/artifacts.js'
import type { KosliClient } from '../kosli/client.js'
import { isKosliUnavailable } from '../kosli/errors.js'
import { messageOf } from '../error-message.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'

/** What the assert stage needs: where, against what, and which artifacts. */
export interface AssertSettings {
  org: string
  /** Undefined: no flow_name is sent, and Kosli asserts across every flow that holds the artifact. */
  flow?: string
  environment?: string
  policies: readonly string[]
  /** Given artifacts; empty: the ones Kosli holds for the commit (needs a flow). */
  artifacts: ReadonlyArray<{ fingerprint: string; name?: string }>
  gitCommit: string
  trail?: string
}

export interface AssertDependencies {
  kosli: KosliClient
  log: Log
}

/** A trail an asserted artifact is in, with its flow (for the summary). */
export interface AssertedTrail {
  flow: string
  trail: string
}

export interface AssertResult {
  verdicts: ArtifactVerdict[]
  /** The trails the asserted artifacts are in (for the summary), without repeats. */
  trails: AssertedTrail[]
  /**
   * Kosli became unavailable after the first verdict: these artifacts were not checked. The caller
   * fails on a known NON-COMPLIANT verdict; only without one does the outage (`error`) decide.
   */
  notChecked?: { names: string[]; why: string; error: unknown }
}

// A fingerprint in many flows: the summary reads this many trails at most.
const MAX_TRAILS = 20

/** One assert call per artifact; the verdict of each, with what is missing. */
export async function assertArtifacts(
  settings: AssertSettings,
  deps: AssertDependencies
): Promise<AssertResult> {
  const trails: AssertedTrail[] = []
  const given = settings.artifacts.map(a => ({ ...a, trail: undefined as string | undefined }))
  const artifacts = given.length > 0 ? given : await artifactsOfCommit(settings, deps)
  const scope = assertScope(settings.environment, settings.policies)
  const verdicts: ArtifactVerdict[] = []
  const addTrail = (flow: string | null | undefined, trail: string | null | undefined): void => {
    if (!flow || !trail || trails.length >= MAX_TRAILS) return
    if (!trails.some(t => t.flow === flow && t.trail === trail)) trails.push({ flow, trail })
  }
  for (const [index, artifact] of artifacts.entries()) {
    let verdict: ArtifactVerdict
    try {
      const answer = await deps.kosli.get(
        assertPath(settings.org, artifact.fingerprint, {
          flow: settings.flow,
          environment: settings.environment,
          policies: settings.policies
        }),
        assertAnswerSchema
      )
      verdict = assertVerdict(answer, artifact.name, { fingerprint: artifact.fingerprint, scope })
      if (settings.flow) {
        addTrail(settings.flow, answer.trail ?? artifact.trail)
      } else if (Array.isArray(answer.flows) && answer.flows.length > 0) {
        for (const f of answer.flows) addTrail(f.flow, f.trail)
      } else {
        addTrail(answer.flow, answer.trail)
      }
    } catch (error) {
      // A later outage keeps the verdicts known so far: a NON-COMPLIANT one is never dropped.
      if (!isKosliUnavailable(error) || verdicts.length === 0) throw error
      const names = artifacts.slice(index).map(a => a.name ?? a.fingerprint)
      deps.log.info(
        `Kosli is unavailable, so ${names.length} artifact(s) were not checked: ${names.map(inert).join(', ')}`
      )
      return { verdicts, trails, notChecked: { names, why: messageOf(error), error } }
    }
    if (!artifact.name) await nameByFingerprint(verdict, artifact.fingerprint, settings, deps)
    verdicts.push(verdict)
    logVerdict(verdict, settings, deps.log)
  }
  return { verdicts, trails }
}

/** Without artifact or fingerprint: the artifacts Kosli holds for the commit in the flow. */
async function artifactsOfCommit(
  settings: AssertSettings,
  deps: AssertDependencies
): Promise<Array<{ fingerprint: string; name?: string; trail?: string }>> {
  if (!settings.flow) throw new Error('Without artifact or fingerprint, assert needs a flow.')
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
  return found.map(a => ({
    fingerprint: a.fingerprint,
    name: a.filename,
    trail: a.trail_name ?? undefined
  }))
}

// A bare fingerprint has no name of its own: the verdict names the artifact as Kosli does,
// in the flow asked or, across flows, in the one Kosli answered for.
async function nameByFingerprint(
  verdict: ArtifactVerdict,
  fingerprint: string,
  settings: AssertSettings,
  deps: AssertDependencies
): Promise<void> {
  const nameFlow = settings.flow ?? verdict.flow
  if (!nameFlow) return
  try {
    const where = { org: settings.org, flow: nameFlow }
    const known = await findArtifactByFingerprint(deps.kosli, where, fingerprint)
    if (known?.filename) verdict.name = known.filename
  } catch (error) {
    // The verdict is known and stays Kosli's: a failed lookup only leaves it named by its fingerprint.
    if (isKosliUnavailable(error)) return
    deps.log.warning(
      `Could not read the name of artifact ${fingerprint} in flow '${inert(nameFlow)}', so it is named by its fingerprint: ${inert(messageOf(error))}`
    )
  }
}

function logVerdict(verdict: ArtifactVerdict, settings: AssertSettings, log: Log): void {
  const name = inert(verdict.name)
  const where =
    verdict.flow && !settings.flow
      ? ` (flow '${inert(verdict.flow)}'${verdict.trail ? `, trail '${inert(verdict.trail)}'` : ''})`
      : ''
  log.info(`${name}${where}: ${verdict.compliant ? 'COMPLIANT' : 'NON-COMPLIANT'}`)
  if (!verdict.compliant) for (const reason of verdict.reasons) log.info(`  - ${inert(reason)}`)
  if (verdict.noPolicyEvaluated) {
    log.warning(`${name}: ${noPolicyWarning(inert(settings.environment ?? ''))}.`)
  }
}

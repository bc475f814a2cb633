import { setOutput } from '@actions/core'
import { messageOf } from '../error-message.js'
import type { ArtifactVerdict } from '../evidence/assert.js'
import type { Config } from '../inputs/index.js'
import { inert } from '../print.js'
import { type RunContext, defaultGitCommit } from '../provenance/context.js'
import { redactSecrets } from '../redact.js'
import { assertArtifacts } from '../stages/assert.js'
import {
  type AssertSummary,
  readTrailState,
  renderAssertSummary
} from '../stages/evidence-summary.js'
import { jsonArrayWithin, setBoundedOutput, writeJobSummary } from '../summary.js'
import { boundArtifacts, stepCommit } from './bound-artifact.js'
import { type StepContext, announceDryRun, stepContext, toleratedOutage } from './context.js'

// assert/: the compliance gate. The verdict is Kosli's; the step adds words around it.

type Asserted = Awaited<ReturnType<typeof assertArtifacts>>

export async function runAssert(config: Config, ctx: RunContext): Promise<void> {
  const step = stepContext(config, ctx, stepCommit(config.gitCommit ?? defaultGitCommit(ctx)))
  announceDryRun(step)
  // Without a flow (a fingerprint or artifact given), Kosli asserts across every flow.
  const flow = config.flow || undefined
  const summary: AssertSummary = { scope: scopeOf(config, flow), verdicts: [], trails: [] }
  try {
    const asserted = await assertArtifacts(
      {
        org: config.org,
        flow,
        environment: config.assertEnvironment,
        policies: config.policies,
        artifacts: await boundArtifacts(step),
        gitCommit: step.gitCommit,
        trail: config.trail
      },
      { kosli: step.kosli, log: step.log }
    )
    summary.verdicts = asserted.verdicts
    const failed = asserted.verdicts.filter(v => !v.compliant)
    // Only a known NON-COMPLIANT verdict outweighs the outage; unknown ones are "not checked".
    if (asserted.notChecked && failed.length === 0) throw asserted.notChecked.error
    setOutput('compliant', String(failed.length === 0))
    setResultOutput(step, asserted.verdicts)
    await readTrails(step, flow, asserted, summary)
    if (failed.length > 0) throw notCompliant(step, summary, failed, asserted.notChecked)
  } catch (error) {
    const outage = toleratedOutage(step, error)
    if (outage !== undefined) {
      summary.notChecked = outage
      setOutput('compliant', '')
      step.log.warning(
        `Kosli is unavailable, so the gate was skipped: nothing was checked, and the compliant output is empty (on-kosli-unavailable: warn): ${outage}`
      )
      return
    }
    if (summary.verdicts.every(v => v.compliant)) {
      summary.error = redactSecrets(messageOf(error), step.secrets)
    }
    throw error
  } finally {
    await writeJobSummary(renderAssertSummary(summary))
  }
}

function scopeOf(config: Config, flow: string | undefined): string {
  if (config.assertEnvironment) return `environment ${config.assertEnvironment}`
  if (config.policies.length > 0) return `policies ${config.policies.join(', ')}`
  return flow ? `flow ${flow}` : 'the template of every flow that holds the artifact'
}

/** The result output: one entry per artifact, within GitHub's limit of an output. */
function setResultOutput(step: StepContext, verdicts: ArtifactVerdict[]): void {
  const { json, left } = jsonArrayWithin(
    verdicts.map(v => ({
      fingerprint: v.fingerprint,
      name: v.name,
      compliant: v.compliant,
      missing: v.missing,
      non_compliant: v.non_compliant,
      reasons: v.reasons,
      ...(v.flow ? { flow: v.flow } : {}),
      ...(v.trail ? { trail: v.trail } : {}),
      ...(v.url ? { url: v.url } : {})
    }))
  )
  setBoundedOutput('result', json)
  if (left > 0) {
    step.log.warning(
      `The result output lists ${verdicts.length - left} of ${verdicts.length} artifacts: ${left} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`
    )
  }
}

async function readTrails(
  step: StepContext,
  flow: string | undefined,
  asserted: Asserted,
  summary: AssertSummary
): Promise<void> {
  const { config } = step
  for (const trail of asserted.trails) {
    const where = { host: config.host, org: config.org, flow: trail.flow, trail: trail.trail }
    summary.trails.push({
      ...(await readTrailState(step.kosli, where, step.log)),
      // Across flows, each trail is named with its flow.
      ...(flow ? {} : { flow: trail.flow })
    })
  }
}

function notCompliant(
  step: StepContext,
  summary: AssertSummary,
  failed: ArtifactVerdict[],
  notChecked: Asserted['notChecked']
): Error {
  const lines = failed.map(v => `- ${inert(v.name)}: ${v.reasons.map(inert).join('; ')}`)
  if (notChecked) {
    summary.notChecked = redactSecrets(
      `${notChecked.names.join(', ')}: ${notChecked.why}`,
      step.secrets
    )
    lines.push(
      `- not checked (Kosli became unavailable): ${notChecked.names.map(inert).join(', ')}`
    )
  }
  return new Error(`Not compliant (${summary.scope}):\n${lines.join('\n')}`)
}

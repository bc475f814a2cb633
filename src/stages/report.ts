import { settleLimit } from '../concurrency.js'
import { messageOf } from '../error-message.js'
import { type FlowRef, reportArtifact } from '../kosli/artifacts.js'
import type { KosliClient } from '../kosli/client.js'
import { isKosliUnavailable } from '../kosli/errors.js'
import { type ArtifactReportFields, buildArtifactPayload } from '../kosli/payloads.js'
import { inert } from '../print.js'
import type { Provenance } from '../provenance/index.js'
import { redactSecrets } from '../redact.js'
import type { Artifact } from './resolve-artifacts.js'

/** Requests in flight to Kosli at once when reporting several artifacts. */
export const REPORT_CONCURRENCY = 4

export interface ReportedArtifact extends Artifact {
  /** true: in Kosli now; false: the report failed; undefined: not reported by this step. */
  reported?: boolean
  error?: string
}

export interface ReportSettings {
  where: FlowRef
  fields: ArtifactReportFields
  dryRun: boolean
}

export interface ReportDeps {
  kosli: KosliClient
  log: (line: string) => void
  /** Hidden from the error text kept with a failed artifact. */
  secrets: string[]
}

export interface ReportResult {
  /** Every artifact, each marked reported or not. */
  artifacts: ReportedArtifact[]
  /** What to fail the step with when any report failed: the one error, or a PartialReportError. */
  failure?: unknown
}

/** Reports every artifact with its provenance; the failures are returned, not thrown. */
export async function reportArtifacts(
  settings: ReportSettings,
  artifacts: Artifact[],
  provenance: Provenance,
  deps: ReportDeps
): Promise<ReportResult> {
  const results = await settleLimit(artifacts, REPORT_CONCURRENCY, artifact =>
    reportArtifact(
      deps.kosli,
      settings.where,
      buildArtifactPayload(settings.fields, artifact, provenance)
    )
  )
  const failures: unknown[] = []
  const reported = results.map((result, index): ReportedArtifact => {
    const artifact = artifacts[index]
    if (result.status === 'fulfilled') {
      if (!settings.dryRun) {
        deps.log(`Reported ${inert(artifact.name)} to Kosli: ${inert(artifact.url)}`)
      }
      return { ...artifact, reported: true }
    }
    failures.push(result.reason)
    const error = redactSecrets(messageOf(result.reason), deps.secrets)
    return { ...artifact, reported: false, error }
  })
  if (failures.length === 0) return { artifacts: reported }
  const total = reported.length
  if (total === 1) return { artifacts: reported, failure: failures[0] }
  const failed = reported.filter(artifact => artifact.reported === false)
  const failure = new PartialReportError(
    `Reported ${total - failed.length} of ${total} artifacts; these were not reported:\n${failed
      .map(artifact => `- ${inert(artifact.name)}: ${inert(artifact.error ?? '')}`)
      .join('\n')}`,
    failures.every(isKosliUnavailable)
  )
  return { artifacts: reported, failure }
}

/** Some artifacts of several were not reported; `unavailable` when Kosli was down for all of them. */
export class PartialReportError extends Error {
  constructor(
    message: string,
    readonly unavailable: boolean
  ) {
    super(message)
    this.name = 'PartialReportError'
  }
}

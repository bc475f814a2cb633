import type { AttestationCommon } from '../evidence/payloads.js'
import {
  type AnyAttestationData,
  type JiraResult,
  type SbomSummary,
  type SonarResults,
  decisionData,
  jiraData,
  sbomData,
  sonarData
} from '../evidence/more-payloads.js'
import type { JiraSettings } from '../jira/settings.js'
import { inert } from '../print.js'
import type { ServiceHttp, SonarSettings } from '../sonar/settings.js'

export type { JiraSettings, ServiceHttp, SonarSettings }
import type { Log } from '../redact.js'

// The evidence of the decision, sbom, sonar and jira types. Each reads its local evidence
// first (`prepareMoreEvidence`, before any request), then asks its outside service, then builds
// the data_json that the attest stage sends.

export type MoreKind = 'sbom' | 'sonar' | 'jira' | 'decision'

export function isMoreKind(kind: string): kind is MoreKind {
  return kind === 'sbom' || kind === 'sonar' || kind === 'jira' || kind === 'decision'
}

export interface MoreSettings {
  /** decision: the control's id. */
  control?: string
  /** generic and decision. */
  compliant?: boolean
  /** sbom: the one file given in results. */
  results: readonly string[]
  workspace: string
  sonar?: SonarSettings
  jira?: JiraSettings
}

export interface MoreDependencies {
  log: Log
  /** jira: the commit's message. */
  commitMessage?: () => Promise<string>
}

/** Local evidence, read and checked before any request. */
export type PreparedEvidence =
  | { kind: 'sbom'; filename: string; bytes: Buffer; sha256: string; summary: SbomSummary }
  | { kind: 'sonar'; source: import('../sonar/report.js').SonarSource }
  | { kind: 'none' }

/** What the attest stage sends and returns for one of these types. */
export interface MoreBuild {
  data: AnyAttestationData
  compliant: boolean | undefined
  nonCompliantBecause?: string
  /** The file part, when the type sends its own (sbom). */
  file?: { filename: string; bytes: Uint8Array }
  /** What the job summary shows of the evidence. */
  details: EvidenceDetails
}

/** The evidence as a person reads it in the job summary. */
export type EvidenceDetails =
  | { kind: 'decision'; control: string; compliant: boolean }
  | { kind: 'sbom'; filename: string; sha256: string; summary: SbomSummary }
  | { kind: 'sonar'; results: SonarResults }
  | { kind: 'jira'; results: JiraResult[]; unreachable?: string }

/**
 * Reads the local evidence of a type: the SBOM file (parsed here, its parsers loaded only now)
 * or Sonar's report file. Every problem is an input error naming the file, before any request.
 */
export async function prepareMoreEvidence(
  kind: string,
  settings: MoreSettings
): Promise<PreparedEvidence> {
  if (kind === 'sbom') {
    const { readSbomEvidence } = await import('../evidence/sbom-file.js')
    return { kind: 'sbom', ...(await readSbomEvidence(settings.results, settings.workspace)) }
  }
  if (kind === 'sonar' && settings.sonar) {
    const { sonarSource } = await import('../sonar/report.js')
    return { kind: 'sonar', source: await sonarSource(settings.sonar, settings.workspace) }
  }
  return { kind: 'none' }
}

/** Asks the type's outside service, if any, and builds what is sent. */
export async function buildMoreEvidence(
  kind: MoreKind,
  settings: MoreSettings,
  common: AttestationCommon,
  prepared: PreparedEvidence,
  deps: MoreDependencies
): Promise<MoreBuild> {
  switch (kind) {
    case 'decision': {
      const control = settings.control ?? ''
      const compliant = settings.compliant === true
      return {
        data: decisionData(common, control, compliant),
        compliant,
        ...(compliant
          ? {}
          : { nonCompliantBecause: `the decision on control ${inert(control)} is not compliant` }),
        details: { kind: 'decision', control, compliant }
      }
    }
    case 'sbom': {
      if (prepared.kind !== 'sbom') throw new Error('The SBOM was not read before sending.')
      const { summary } = prepared
      deps.log.info(
        `SBOM ${inert(prepared.filename)}: ${summary.format}, ${summary.document.package_count} packages, sha256 ${prepared.sha256}.`
      )
      return {
        data: sbomData(common, summary, prepared.sha256),
        compliant: undefined,
        file: { filename: prepared.filename, bytes: prepared.bytes },
        details: {
          kind: 'sbom',
          filename: prepared.filename,
          sha256: prepared.sha256,
          summary
        }
      }
    }
    case 'sonar': {
      if (prepared.kind !== 'sonar' || !settings.sonar) {
        throw new Error('The Sonar analysis was not located before sending.')
      }
      const { readSonarResults } = await import('../sonar/results.js')
      const results = await readSonarResults(prepared.source, settings.sonar, deps.log)
      return {
        data: sonarData(common, results),
        compliant: undefined,
        details: { kind: 'sonar', results }
      }
    }
    case 'jira': {
      if (!settings.jira) throw new Error('The jira type needs its Jira settings.')
      const { findJiraIssues } = await import('../jira/issues.js')
      const found = await findJiraIssues(settings.jira, deps)
      return {
        data: jiraData(common, found.results),
        compliant: found.compliant,
        ...(found.nonCompliantBecause ? { nonCompliantBecause: found.nonCompliantBecause } : {}),
        details: {
          kind: 'jira',
          results: found.results,
          ...(found.unreachable ? { unreachable: found.unreachable } : {})
        }
      }
    }
  }
}

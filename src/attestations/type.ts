import type { JUnitTotals } from '../evidence/junit.js'
import type { AttestationCommon, AttestationData, ExternalUrls } from '../evidence/payloads.js'
import type { ApprovalEvidenceType } from '../evidence/names.js'
import type { AnyAttestationData } from '../evidence/more-payloads.js'
import type { FoundPullRequest } from '../evidence/pull-requests.js'
import type { EvidenceDetails, JiraSettings, PreparedEvidence, SonarSettings } from './more.js'
import type { Config, InputName, InputsOk, ParsedInputs, RawInputs } from '../inputs/table.js'
import type { Log } from '../redact.js'
import type { RepoInfo, TrailCommit } from '../shapes/commit.js'

// What one attestation type says about itself: the table (table.ts) lists one of these per type,
// and the inputs' checks, the attest stage, the template check and the README read it there.

/** The type as the step runs it: its table entry, and a custom type's own name. */
export interface AttestationType {
  /** Kosli's name: POST /attestations/{org}/{flow}/trail/{trail}/{kind}, and a template's type. */
  kind: string
  /** For custom: the custom attestation type's name, without `custom:`. */
  typeName?: string
  /** deployment-approval or code-review: sent as generic (the default) or custom:<type>. */
  evidence?: ApprovalEvidenceType
}

/** What the attest stage needs; the action computes every default before. */
export interface AttestSettings {
  org: string
  flow: string
  trail: string
  type: AttestationType
  /** The `type` input as given, for messages. */
  typeInput: string
  /** `<attestation>` or `<artifact>.<attestation>`. */
  name: string
  fingerprint?: string
  gitCommit: TrailCommit
  repoInfo?: RepoInfo
  originUrl?: string
  description?: string
  annotations?: Record<string, string>
  externalUrls?: ExternalUrls
  userData?: Record<string, unknown>
  /** junit: paths, globs or directories; snyk: one SARIF file. */
  results: readonly string[]
  attestationData?: Record<string, unknown>
  /** generic only. */
  compliant?: boolean
  attachments: readonly string[]
  attachResults: boolean
  workspace: string
  /** decision: the control's id. */
  control?: string
  sonar?: SonarSettings
  jira?: JiraSettings
  /** sbom and sonar: the local evidence, read before any request (read here when absent). */
  prepared?: PreparedEvidence
  /** Every parsed input of the step: a type reads the inputs of its own (its `takes`) here. */
  inputs: Config
}

/** What the deployment-approval and code-review readers return (gathered from GitHub by the action). */
export interface ApprovalEvidence {
  record: object
  compliant: boolean
  nonCompliantBecause?: string
  /** code-review: how many commits, and which were not reviewed. */
  commits?: number
  unreviewed?: string[]
  /** Markdown for the job summary. */
  summary: string
}

/** What a type reads its evidence with besides the files: each set up once by the action. */
export interface EvidenceSources {
  log: Log
  /** The commit's pull requests (pull-request type only). */
  findPullRequests?: () => Promise<FoundPullRequest[]>
  /** deployment-approval and code-review: GitHub's facts, the record and its verdict. */
  gatherApprovalEvidence?: () => Promise<ApprovalEvidence>
  /** jira: the commit's message. */
  commitMessage?: () => Promise<string>
}

/** What a type found: `compliant` when the step can judge it, else undefined (Kosli decides). */
export interface TypeVerdict {
  compliant: boolean | undefined
  /** Why `compliant` is false, in words a person can act on. */
  nonCompliantBecause?: string
  /** junit only: the counts behind its outputs. */
  totals?: JUnitTotals
  /** deployment-approval and code-review: the record sent, with its verdict and summary. */
  approval?: ApprovalEvidence
  /** sbom, sonar, jira, decision: the evidence as the job summary shows it. */
  details?: EvidenceDetails
}

/** Evidence read and checked locally; `build` makes the payload once the commit is read. */
export interface ReadEvidence {
  /** The result files attach-results attaches (junit leaves out files without suites). */
  results: readonly string[]
  build(common: AttestationCommon): Promise<{
    data: AttestationData | AnyAttestationData
    verdict: TypeVerdict
    /** The type's own file part (sbom), sent instead of the attachments. */
    file?: { filename: string; bytes: Uint8Array }
  }>
}

export interface AttestationTypeModule {
  /** The `type` input's value; `custom:<type-name>` for the custom type. */
  input: string
  kind: string
  /** One line for the README's list of types. */
  doc: string
  /** The path segment of POST /attestations/…/trail/{trail}/{segment}, when it is not `kind`. */
  segment?: string
  /** Reads its files (or asks GitHub), before anything is sent to Kosli. */
  read(settings: AttestSettings, sources: EvidenceSources): Promise<ReadEvidence>
  /** Kosli's refusal in words for this type, when it has its own reason. */
  refusal?(error: unknown): Error | undefined
  /** The outputs its verdict sets, besides compliant. */
  outputs?(verdict: TypeVerdict): Record<string, string>
  /** Which attest/ inputs it takes, requires and refuses: src/inputs/rules.ts applies them. */
  inputs?: TypeInputs
}

export type { InputsOk } from '../inputs/table.js'

/** A type's rules on the attest/ inputs. */
export interface TypeInputs {
  /** attest/ inputs that only some types take: this type takes these; every type that does not refuses them. */
  takes?: readonly InputName[]
  /** Why this type refuses an input that another type takes, when it has its own reason (shown in parentheses). */
  refuses?: Partial<Record<InputName, string>>
  /** This type's own rules: what it requires, and what it refuses besides `takes`. */
  check?(inputs: ParsedInputs, values: RawInputs, ok: InputsOk, typeInput: string): string[]
}

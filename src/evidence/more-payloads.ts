import { z } from 'zod'
import { FINGERPRINT } from '../shapes/patterns.js'
import {
  type AttestationCommon,
  type AttestationData,
  commonFields,
  genericDataSchema
} from './payloads.js'

// data_json of the decision, sbom, sonar and jira attestations (kosli-evidence.md §3.10–3.13).
// Kosli's published schema (the OpenAPI snapshot) lists none of them: each shape follows the Kosli
// CLI's struct at the commit the spec names. UNVERIFIED against the server's own schema.

const commonShape = genericDataSchema.omit({ is_compliant: true }).shape

/** decision: the CLI's DecisionAttestationPayload (attestDecision.go at 71ac0f3). */
const decisionDataSchema = z.strictObject({
  ...commonShape,
  type_name: z.literal('decision'),
  control: z.string().min(1),
  attestation_data: z.strictObject({ is_compliant: z.boolean() })
})

/** What sbom.go reads from an SBOM (its Document struct at 0001fd1). */
export const sbomDocumentSchema = z.strictObject({
  created_at: z.string().nullable(),
  tools: z.array(z.string()).nullable(),
  subject: z
    .strictObject({
      name: z.string(),
      version: z.string().nullable(),
      purl: z.string().nullable(),
      sha256: z.string().regex(FINGERPRINT).nullable()
    })
    .nullable(),
  package_count: z.number().int().nonnegative()
})

export type SbomDocument = z.infer<typeof sbomDocumentSchema>

/** sbom: the CLI's SbomAttestationPayload (attestSbom.go at 233cacf). */
const sbomDataSchema = z.strictObject({
  ...commonShape,
  type_name: z.literal('sbom'),
  attestation_data: z.strictObject({
    format: z.string().regex(/^(cyclonedx|spdx)-\d+\.\d+$/),
    original_fingerprint: z.string().regex(FINGERPRINT),
    document: sbomDocumentSchema
  })
})

const sonarConditionSchema = z.strictObject({
  metric: z.string(),
  errorThreshold: z.string(),
  operator: z.string(),
  // The CLI leaves it out when Sonar gives none.
  value: z.string().optional(),
  status: z.string()
})

/**
 * sonar_results: the CLI's SonarResults (internal/sonar/sonar.go at 71ac0f3), camelCase as it
 * sends them; `branch`, `pullRequest` and `qualityGate` are left out when unknown, as it does.
 */
export const sonarResultsSchema = z.strictObject({
  serverUrl: z.string(),
  taskId: z.string(),
  status: z.string(),
  analysedAt: z.string(),
  revision: z.string(),
  project: z.strictObject({ key: z.string(), name: z.string().optional(), url: z.string() }),
  branch: z.strictObject({ name: z.string().optional(), type: z.string().optional() }).optional(),
  pullRequest: z.string().optional(),
  qualityGate: z
    .strictObject({ status: z.string(), conditions: z.array(sonarConditionSchema) })
    .optional()
})

export type SonarResults = z.infer<typeof sonarResultsSchema>

const sonarDataSchema = z.strictObject({ ...commonShape, sonar_results: sonarResultsSchema })

/** One jira_results entry: the CLI's JiraIssueInfo (internal/jira/jira.go at 71ac0f3), no fields. */
export const jiraResultSchema = z.strictObject({
  issue_id: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-[0-9]+$/),
  issue_url: z.string(),
  issue_exists: z.boolean()
})

export type JiraResult = z.infer<typeof jiraResultSchema>

const jiraDataSchema = z.strictObject({ ...commonShape, jira_results: z.array(jiraResultSchema) })

type DecisionData = z.infer<typeof decisionDataSchema>
type SbomData = z.infer<typeof sbomDataSchema>
type SonarData = z.infer<typeof sonarDataSchema>
type JiraData = z.infer<typeof jiraDataSchema>
export type MoreAttestationData = DecisionData | SbomData | SonarData | JiraData

export function decisionData(
  c: AttestationCommon,
  control: string,
  compliant: boolean
): DecisionData {
  return decisionDataSchema.parse({
    ...commonFields(c),
    type_name: 'decision',
    control,
    attestation_data: { is_compliant: compliant }
  })
}

export interface SbomSummary {
  /** `cyclonedx-1.6`, `spdx-2.3`. */
  format: string
  document: SbomDocument
}

/** The annotation keys the sbom type sets itself: a user's own would be overwritten. */
export const SBOM_ANNOTATIONS = ['sbom_format', 'sbom_sha256'] as const

/** The SBOM's format and SHA-256 are also annotations: a person sees them on the trail page. */
export function sbomData(c: AttestationCommon, summary: SbomSummary, sha256: string): SbomData {
  return sbomDataSchema.parse({
    ...commonFields({
      ...c,
      annotations: { ...c.annotations, sbom_format: summary.format, sbom_sha256: sha256 }
    }),
    type_name: 'sbom',
    attestation_data: {
      format: summary.format,
      original_fingerprint: sha256,
      document: summary.document
    }
  })
}

export function sonarData(c: AttestationCommon, results: SonarResults): SonarData {
  return sonarDataSchema.parse({ ...commonFields(c), sonar_results: results })
}

/** `jira_results` is always a list: `[]` when no key was found, as the CLI sends it. */
export function jiraData(c: AttestationCommon, results: JiraResult[]): JiraData {
  return jiraDataSchema.parse({ ...commonFields(c), jira_results: results })
}

/** Every payload the attest stage may send. */
export type AnyAttestationData = AttestationData | MoreAttestationData

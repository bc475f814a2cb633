import { z } from 'zod'
import { attestationStatusSchema } from './assert.js'

/** The fields of Kosli's GET trail answer the summary is made from. */
export const trailAnswerSchema = z.object({
  name: z.string(),
  compliance_state: z.string().nullish(),
  html_url: z.string().nullish(),
  compliance_status: z
    .object({
      status: z.string().nullish(),
      attestations_statuses: z.array(attestationStatusSchema).nullish(),
      artifacts_statuses: z
        .record(
          z.string(),
          z.object({
            status: z.string().nullish(),
            attestations_statuses: z.array(attestationStatusSchema).nullish()
          })
        )
        .nullish()
    })
    .nullish()
})

type AttestationState = 'complete' | 'missing' | 'non-compliant'

interface TrailRow {
  /** Undefined for trail-level attestations, else the template artifact's name. */
  artifact?: string
  attestation: string
  type?: string
  status: AttestationState
}

export interface TrailSummary {
  name: string
  url?: string
  /** COMPLIANT, NON-COMPLIANT or INCOMPLETE as Kosli says. */
  state?: string
  /** Each expected attestation: trail-level first, then artifacts by name. */
  rows: TrailRow[]
}

/** Shape GET /trails/{org}/{flow}/{trail} into summary rows; unexpected attestations are left out. */
export function trailSummary(answer: unknown): TrailSummary {
  const parsed = trailAnswerSchema.safeParse(answer)
  if (!parsed.success)
    throw new Error('Kosli answered the trail request with a body the action cannot read.')
  const t = parsed.data
  const rows: TrailRow[] = []
  const add = (
    artifact: string | undefined,
    statuses: TrailAnswerStatus[] | null | undefined
  ): void => {
    for (const s of statuses ?? []) {
      if (s.unexpected) continue
      rows.push({
        ...(artifact === undefined ? {} : { artifact }),
        attestation: s.attestation_name,
        ...(s.attestation_type ? { type: s.attestation_type } : {}),
        status:
          s.status === 'MISSING' || !s.status
            ? 'missing'
            : s.is_compliant === false
              ? 'non-compliant'
              : 'complete'
      })
    }
  }
  add(undefined, t.compliance_status?.attestations_statuses)
  const artifacts = Object.entries(t.compliance_status?.artifacts_statuses ?? {}).sort(
    ([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)
  )
  for (const [artifact, status] of artifacts) add(artifact, status.attestations_statuses)
  return {
    name: t.name,
    ...(t.html_url ? { url: t.html_url } : {}),
    ...(t.compliance_state ? { state: t.compliance_state } : {}),
    rows
  }
}

type TrailAnswerStatus = z.infer<typeof attestationStatusSchema>

import { FILE_LIMITS, readRegularFile } from '../read-file.js'
import { messageOf } from '../error-message.js'
import { z } from 'zod'

const issueSchema = z.strictObject({
  id: z.string(),
  message: z.string(),
  locations: z.array(z.strictObject({ uri: z.string(), lines: z.string().optional() })).optional(),
  priority_score: z.number().optional()
})

const projectResultSchema = z.strictObject({
  high_count: z.number().int().nonnegative(),
  medium_count: z.number().int().nonnegative(),
  low_count: z.number().int().nonnegative(),
  high: z.array(issueSchema).optional(),
  medium: z.array(issueSchema).optional(),
  low: z.array(issueSchema).optional()
})

/** `snyk_results`: one result per SARIF run, issues bucketed by level. */
export const snykResultsSchema = z.strictObject({
  schema_version: z.literal(1),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  results: z.array(projectResultSchema)
})

export type SnykResults = z.infer<typeof snykResultsSchema>
type SnykIssue = z.infer<typeof issueSchema>

export class SnykError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SnykError'
  }
}

const EXPECTED = 'a SARIF file, as `snyk test --sarif-file-output=<file>` writes'

const sarifSchema = z.object({
  runs: z.array(
    z.object({
      tool: z
        .object({
          driver: z
            .object({
              name: z.string().optional(),
              version: z.string().optional(),
              rules: z
                .array(
                  z.object({
                    id: z.string().optional(),
                    properties: z
                      .object({
                        problem: z.object({ severity: z.string().optional() }).optional()
                      })
                      .optional()
                  })
                )
                .optional()
            })
            .optional()
        })
        .optional(),
      results: z
        .array(
          z.object({
            ruleId: z.string().optional(),
            level: z.string().optional(),
            message: z.object({ text: z.string().optional() }).optional(),
            locations: z
              .array(
                z.object({
                  physicalLocation: z
                    .object({
                      artifactLocation: z.object({ uri: z.string().optional() }).optional(),
                      region: z
                        .object({
                          startLine: z.number().int().optional(),
                          endLine: z.number().int().optional()
                        })
                        .optional()
                    })
                    .optional()
                })
              )
              .optional(),
            properties: z.object({ priorityScore: z.number().optional() }).optional()
          })
        )
        .optional()
    })
  )
})

type SarifRun = z.infer<typeof sarifSchema>['runs'][number]
type SarifResult = NonNullable<SarifRun['results']>[number]

const BUCKETS: Record<string, 'high' | 'medium' | 'low'> = {
  error: 'high',
  high: 'high',
  critical: 'high',
  warning: 'medium',
  medium: 'medium',
  info: 'low',
  low: 'low',
  note: 'low'
}

export async function readSnykSarif(file: string): Promise<SnykResults> {
  let text: string
  try {
    const what = 'SARIF file'
    text = readRegularFile(file, { input: 'results', what, limit: FILE_LIMITS.sarif }).toString()
  } catch (error) {
    throw new SnykError(messageOf(error))
  }
  return summariseSarif(text, file)
}

/** Summarise SARIF text into `snyk_results`; Snyk's own JSON is refused, naming what to give. */
export function summariseSarif(text: string, file: string): SnykResults {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new SnykError(`Snyk results '${file}' are not JSON; expected ${EXPECTED}.`)
  }
  if (looksLikeSnykJson(value)) {
    throw new SnykError(
      `Snyk results '${file}' are Snyk's own JSON output, not SARIF; expected ${EXPECTED}.`
    )
  }
  const parsed = sarifSchema.safeParse(value)
  const version = (value as { version?: unknown } | null)?.version
  if (!parsed.success || (version !== undefined && version !== '2.1.0')) {
    throw new SnykError(`Snyk results '${file}' are not SARIF 2.1.0; expected ${EXPECTED}.`)
  }
  const runs = parsed.data.runs
  if (runs.length === 0) {
    throw new SnykError(`Snyk results '${file}' hold no SARIF run; expected ${EXPECTED}.`)
  }
  const driver = runs[0].tool?.driver
  return {
    schema_version: 1,
    tool: { name: driver?.name ?? '', version: driver?.version ?? '' },
    results: runs.map(summariseRun)
  }
}

function summariseRun(run: SarifRun): SnykResults['results'][number] {
  const severities = new Map<string, string>()
  for (const rule of run.tool?.driver?.rules ?? []) {
    const severity = rule.properties?.problem?.severity
    if (rule.id && severity) severities.set(rule.id, severity)
  }
  const buckets: Record<'high' | 'medium' | 'low', SnykIssue[]> = { high: [], medium: [], low: [] }
  for (const result of run.results ?? []) {
    const level = result.level ?? (result.ruleId ? severities.get(result.ruleId) : undefined)
    const bucket = level ? BUCKETS[level.toLowerCase()] : undefined
    if (bucket) buckets[bucket].push(issueOf(result))
  }
  return {
    high_count: buckets.high.length,
    medium_count: buckets.medium.length,
    low_count: buckets.low.length,
    // Empty lists are left out, as the Kosli CLI does.
    ...(buckets.high.length ? { high: buckets.high } : {}),
    ...(buckets.medium.length ? { medium: buckets.medium } : {}),
    ...(buckets.low.length ? { low: buckets.low } : {})
  }
}

function issueOf(result: SarifResult): SnykIssue {
  const locations = (result.locations ?? []).flatMap(l => {
    const uri = l.physicalLocation?.artifactLocation?.uri
    if (uri === undefined) return []
    const region = l.physicalLocation?.region
    const start = region?.startLine
    const lines =
      start === undefined
        ? undefined
        : region?.endLine !== undefined && region.endLine !== start
          ? `${start}-${region.endLine}`
          : String(start)
    return [lines === undefined ? { uri } : { uri, lines }]
  })
  const score = result.properties?.priorityScore
  return {
    id: result.ruleId ?? '',
    message: result.message?.text ?? '',
    ...(locations.length ? { locations } : {}),
    ...(score === undefined ? {} : { priority_score: score })
  }
}

function looksLikeSnykJson(value: unknown): boolean {
  const items = Array.isArray(value) ? value : [value]
  return items.some(
    v =>
      typeof v === 'object' &&
      v !== null &&
      !('runs' in v) &&
      ('vulnerabilities' in v || 'uniqueCount' in v || 'ok' in v || 'packageManager' in v)
  )
}

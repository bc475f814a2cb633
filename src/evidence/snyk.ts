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

const sarifRuleSchema = z.object({
  id: z.string().optional(),
  defaultConfiguration: z.object({ level: z.string().optional() }).optional(),
  properties: z
    .object({ problem: z.object({ severity: z.string().optional() }).optional() })
    .optional()
})

const toolComponentSchema = z.object({
  name: z.string().optional(),
  version: z.string().optional(),
  rules: z.array(sarifRuleSchema).optional()
})

const sarifSchema = z.object({
  runs: z.array(
    z.object({
      tool: z
        .object({
          driver: toolComponentSchema.optional(),
          extensions: z.array(toolComponentSchema).optional()
        })
        .optional(),
      results: z
        .array(
          z.object({
            ruleId: z.string().optional(),
            ruleIndex: z.number().int().optional(),
            rule: z
              .object({
                id: z.string().optional(),
                index: z.number().int().optional(),
                toolComponent: z.object({ index: z.number().int().optional() }).optional()
              })
              .optional(),
            kind: z.string().optional(),
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
type SarifRule = z.infer<typeof sarifRuleSchema>

// Exactly as written (SARIF's levels and Snyk's severities are lower case); a Map, so that a
// value such as `constructor` is just another unknown one.
const BUCKETS = new Map<string, 'high' | 'medium' | 'low' | 'none'>([
  ['error', 'high'],
  ['high', 'high'],
  ['critical', 'high'],
  ['warning', 'medium'],
  ['medium', 'medium'],
  ['note', 'low'],
  ['info', 'low'],
  ['low', 'low'],
  ['none', 'none']
])

/** `log` hears how many results were not counted (level `none`, or a `kind` other than `fail`). */
export async function readSnykSarif(
  file: string,
  log?: (line: string) => void
): Promise<SnykResults> {
  let text: string
  try {
    const what = 'SARIF file'
    text = readRegularFile(file, { input: 'results', what, limit: FILE_LIMITS.sarif }).toString()
  } catch (error) {
    throw new SnykError(messageOf(error))
  }
  return summariseSarif(text, file, log)
}

/** Summarise SARIF text into `snyk_results`; Snyk's own JSON is refused, naming what to give. */
export function summariseSarif(
  text: string,
  file: string,
  log: (line: string) => void = () => {}
): SnykResults {
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
  const counted = { none: 0 }
  const results = runs.map((run, r) => summariseRun(run, r, file, counted))
  if (counted.none > 0) {
    log(
      `Snyk results '${file}': ${counted.none} result${counted.none === 1 ? ' is' : 's are'} not counted (level none, or a kind other than fail).`
    )
  }
  return {
    schema_version: 1,
    tool: { name: driver?.name ?? '', version: driver?.version ?? '' },
    results
  }
}

function summariseRun(
  run: SarifRun,
  runIndex: number,
  file: string,
  counted: { none: number }
): SnykResults['results'][number] {
  const buckets: Record<'high' | 'medium' | 'low', SnykIssue[]> = { high: [], medium: [], low: [] }
  ;(run.results ?? []).forEach((result, i) => {
    const rule = ruleOf(result, run)
    const level = levelOf(result, rule)
    const bucket = BUCKETS.get(level.value)
    if (bucket === undefined) {
      const named = result.ruleId ?? result.rule?.id ?? rule?.id
      throw new SnykError(
        `Snyk results '${file}': result ${i + 1} of run ${runIndex + 1} (rule ${named === undefined ? 'not named' : `'${named}'`}) ` +
          `has the level '${level.value}' (from ${level.from}); expected one of ${[...BUCKETS.keys()].join(', ')}.`
      )
    }
    if (bucket === 'none') counted.none++
    else buckets[bucket].push(issueOf(result, rule))
  })
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

/**
 * A result's level: `none` when its kind is other than `fail`; else its own level, else its
 * rule's Snyk severity, else the rule's default level, else SARIF's default, `warning`.
 */
function levelOf(
  result: SarifResult,
  rule: SarifRule | undefined
): { value: string; from: string } {
  if (result.kind !== undefined && result.kind !== 'fail') return { value: 'none', from: 'kind' }
  if (result.level !== undefined) return { value: result.level, from: 'the result' }
  const severity = rule?.properties?.problem?.severity
  if (severity !== undefined)
    return { value: severity, from: "the rule's properties.problem.severity" }
  const level = rule?.defaultConfiguration?.level
  if (level !== undefined) return { value: level, from: "the rule's defaultConfiguration" }
  return { value: 'warning', from: "SARIF's default" }
}

/** The result's rule: by index (in the driver, or the extension it names), then by id in any. */
function ruleOf(result: SarifResult, run: SarifRun): SarifRule | undefined {
  const driver = run.tool?.driver
  const extensions = run.tool?.extensions ?? []
  const index = result.ruleIndex ?? result.rule?.index
  if (index !== undefined) {
    const component = result.rule?.toolComponent?.index
    const rules = component === undefined ? driver?.rules : extensions[component]?.rules
    const rule = rules?.[index]
    if (rule) return rule
  }
  const id = result.ruleId ?? result.rule?.id
  if (id === undefined) return undefined
  for (const component of [driver, ...extensions]) {
    const rule = component?.rules?.find(r => r.id === id)
    if (rule) return rule
  }
  return undefined
}

function issueOf(result: SarifResult, rule: SarifRule | undefined): SnykIssue {
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
    // A result may name its rule by index alone.
    id: result.ruleId ?? result.rule?.id ?? rule?.id ?? '',
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

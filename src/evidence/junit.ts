import { FILE_LIMITS, readRegularFile } from '../read-file.js'
import { messageOf } from '../error-message.js'
import { inert } from '../print.js'
import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { z } from 'zod'

/** One entry of `junit_results`: a top-level `<testsuite>`, counted from its test cases. */
export const junitResultSchema = z.strictObject({
  name: z.string(),
  failures: z.number().int().nonnegative(),
  errors: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  duration: z.number().nonnegative(),
  timestamp: z.number().optional()
})

export type JUnitResult = z.infer<typeof junitResultSchema>

export interface JUnitTotals {
  tests: number
  failures: number
  errors: number
  skipped: number
}

interface JUnitReport {
  results: JUnitResult[]
  totals: JUnitTotals
  /** Files that hold no `<testsuite>` (e.g. other XML found in a results directory). */
  filesWithoutSuites: string[]
  /** Names of top-level suites with no test case at all. */
  emptySuites: string[]
}

export class JUnitError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'JUnitError'
  }
}

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> }

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false,
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false
})

/** Parse one JUnit XML text; `file` names it in errors. Malformed XML is an error. */
export function parseJUnit(xml: string, file: string): JUnitResult[] {
  const valid = XMLValidator.validate(xml)
  if (valid !== true) {
    const { code, line, col } = valid.err
    throw new JUnitError(
      `JUnit file '${file}' is not well-formed XML (${code} at line ${line}, column ${col}). ` +
        'Give the XML report your test runner wrote.'
    )
  }
  const nodes = parser.parse(xml) as XmlNode[]
  const suites: XmlNode[] = []
  findSuites(nodes, suites)
  return suites.map(suiteResult)
}

/** Read JUnit files (UTF-8) and total them; zero suites across all files is an error. */
export async function readJUnitFiles(files: readonly string[]): Promise<JUnitReport> {
  const results: JUnitResult[] = []
  const filesWithoutSuites: string[] = []
  for (const file of files) {
    let bytes: Buffer
    try {
      bytes = readRegularFile(file, {
        input: 'results',
        what: 'JUnit file',
        limit: FILE_LIMITS.junit
      })
    } catch (error) {
      throw new JUnitError(messageOf(error))
    }
    let text: string
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    } catch {
      throw new JUnitError(`JUnit file '${file}' is not UTF-8 text; JUnit reports are UTF-8 XML.`)
    }
    const found = parseJUnit(text, file)
    if (found.length === 0) filesWithoutSuites.push(file)
    results.push(...found)
  }
  if (results.length === 0) {
    throw new JUnitError(
      `No <testsuite> found in ${files.length === 1 ? 'the JUnit file' : 'any of the JUnit files'}: ` +
        `${files.map(f => `'${f}'`).join(', ')}. Point 'results' at the XML reports your test runner wrote.`
    )
  }
  return {
    results,
    totals: junitTotals(results),
    filesWithoutSuites,
    emptySuites: results.filter(r => r.total === 0).map(r => r.name)
  }
}

function junitTotals(results: readonly JUnitResult[]): JUnitTotals {
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 }
  for (const r of results) {
    totals.tests += r.total
    totals.failures += r.failures
    totals.errors += r.errors
    totals.skipped += r.skipped
  }
  return totals
}

/** The first `<testsuite>` elements under any wrapper (`<testsuites>` or other), as go-junit does. */
function findSuites(nodes: XmlNode[], into: XmlNode[]): void {
  for (const node of nodes) {
    const tag = tagOf(node)
    if (tag === undefined) continue
    if (tag === 'testsuite') into.push(node)
    else findSuites(childrenOf(node, tag), into)
  }
}

interface Counts {
  total: number
  failures: number
  errors: number
  skipped: number
  duration: number
}

function suiteResult(suite: XmlNode): JUnitResult {
  const counts = countSuite(suite)
  const attrs = suite[':@'] ?? {}
  const children = childrenOf(suite, 'testsuite')
  // go-junit replaces a suite's attributes by its properties, so the timestamp is then lost.
  const hasProperties = children.some(c => tagOf(c) === 'properties')
  const timestamp = hasProperties ? undefined : parseTimestamp(attrs.timestamp)
  return {
    name: attrs.name ?? '',
    failures: counts.failures,
    errors: counts.errors,
    skipped: counts.skipped,
    total: counts.total,
    duration: Math.round(counts.duration * 1e6) / 1e6,
    ...(timestamp === undefined ? {} : { timestamp })
  }
}

/** Counts from the `<testcase>` elements, nested suites summed in; suite attributes are ignored. */
function countSuite(suite: XmlNode): Counts {
  const counts: Counts = { total: 0, failures: 0, errors: 0, skipped: 0, duration: 0 }
  for (const child of childrenOf(suite, 'testsuite')) {
    const tag = tagOf(child)
    if (tag === 'testcase') {
      counts.total += 1
      counts.duration += seconds(child[':@']?.time)
      const status = caseStatus(childrenOf(child, 'testcase'))
      if (status) counts[status] += 1
    } else if (tag === 'testsuite') {
      const nested = countSuite(child)
      counts.total += nested.total
      counts.failures += nested.failures
      counts.errors += nested.errors
      counts.skipped += nested.skipped
      counts.duration += nested.duration
    }
  }
  return counts
}

/** The last of `<skipped>`, `<failure>`, `<error>` decides, as in go-junit. */
function caseStatus(children: XmlNode[]): 'failures' | 'errors' | 'skipped' | undefined {
  let status: 'failures' | 'errors' | 'skipped' | undefined
  for (const child of children) {
    const tag = tagOf(child)
    if (tag === 'skipped') status = 'skipped'
    else if (tag === 'failure') status = 'failures'
    else if (tag === 'error') status = 'errors'
  }
  return status
}

function seconds(time: string | undefined): number {
  if (time === undefined) return 0
  const value = Number(time.replaceAll(',', '').trim())
  return Number.isFinite(value) && value >= 0 ? value : 0
}

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|\+00:00)?$/

/** Unix seconds of a suite timestamp in the layouts pytest, minitest and vitest write (UTC). */
export function parseTimestamp(value: string | undefined): number | undefined {
  const m = value === undefined ? null : TIMESTAMP.exec(value.trim())
  if (!m) return undefined
  const ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000)
}

function tagOf(node: XmlNode): string | undefined {
  return Object.keys(node).find(k => k !== ':@' && k !== '#text' && !k.startsWith('?'))
}

function childrenOf(node: XmlNode, tag: string): XmlNode[] {
  const children = node[tag]
  return Array.isArray(children) ? (children as XmlNode[]) : []
}

/**
 * The step's `compliant` output: false with any failure or error; empty (undefined) with a
 * warning when some suite has no test case, since Kosli's rule for that case is not published.
 */
export function junitVerdict(report: Pick<JUnitReport, 'totals' | 'emptySuites'>): {
  compliant: boolean | undefined
  warning?: string
} {
  if (report.totals.failures + report.totals.errors > 0) return { compliant: false }
  if (report.emptySuites.length > 0 || report.totals.tests === 0) {
    const names = report.emptySuites.map(n => `'${inert(n)}'`).join(', ')
    return {
      compliant: undefined,
      warning: `JUnit suite${report.emptySuites.length === 1 ? '' : 's'} ${names || '(all)'} ran no test case; Kosli decides whether that is compliant.`
    }
  }
  return { compliant: true }
}

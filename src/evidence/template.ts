import { basename } from 'node:path'
import { isMap, isSeq, LineCounter, Parser, parseDocument, type Document, type Node } from 'yaml'
import { z } from 'zod'

import { messageOf } from '../error-message.js'
import { FILE_LIMITS, readRegularFile } from '../read-file.js'
import { ATTESTATION_NAME } from './names.js'

export { ATTESTATION_NAME }

// Every type Kosli's flow-template schema lists (kosli-dev/docs schemas/flow-template/v1.json).
const BUILT_IN_TYPES = [
  'generic',
  'junit',
  'snyk',
  'pull_request',
  'jira',
  'sonar',
  'decision',
  'sbom',
  '*'
]

const expectedAttestationSchema = z.strictObject({
  name: z.string().regex(ATTESTATION_NAME, 'letters, digits, -, _ or , only (no dot)'),
  type: z.union([z.enum(BUILT_IN_TYPES as [string, ...string[]]), z.string().regex(/^custom:\S+$/)])
})

const templateArtifactSchema = z.strictObject({
  name: z.string().min(1),
  attestations: z.array(expectedAttestationSchema).optional()
})

/** A flow or trail template, version 1; every level rejects unknown keys as Kosli does. */
export const templateSchema = z.strictObject({
  // Kosli's schema defaults the version, its docs require it: a file that states it suits both.
  version: z.literal(1),
  trail: z
    .strictObject({
      attestations: z.array(expectedAttestationSchema).optional(),
      artifacts: z.array(templateArtifactSchema).optional()
    })
    .nullable()
    .optional()
})

type FlowTemplate = z.infer<typeof templateSchema>
type ExpectedAttestation = z.infer<typeof expectedAttestationSchema>

export class TemplateError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TemplateError'
  }
}

interface TemplateFile {
  template: FlowTemplate
  /** The file's bytes, sent unchanged as the template_file part. */
  bytes: Buffer
  filename: string
}

/** Read and validate a template file; `input` names the action input in errors. */
export async function readTemplate(path: string, input: string): Promise<TemplateFile> {
  let bytes: Buffer
  try {
    bytes = readRegularFile(path, { input, what: 'template', limit: FILE_LIMITS.template })
  } catch (error) {
    throw new TemplateError(messageOf(error))
  }
  const template = parseTemplate(bytes.toString('utf8'), `${input} '${path}'`)
  return { template, bytes, filename: basename(path) }
}

/**
 * Parse template YAML and validate it against the version-1 schema. Errors name `source`, the
 * key path and the line, and never quote the file's values.
 */
export function parseTemplate(text: string, source: string): FlowTemplate {
  const tags = explicitTags(text)
  if (tags.length > 0) {
    const shown = tags
      .slice(0, 5)
      .map(t => `line ${t.line}, column ${t.col}: ${JSON.stringify(t.tag.slice(0, 40))}`)
    const more = tags.length > 5 ? ` and ${tags.length - 5} more` : ''
    throw new TemplateError(
      `${source} has YAML tags (${shown.join('; ')}${more}); a template is plain mappings, ` +
        'lists and strings, so remove the tags.'
    )
  }
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true })
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(e => {
      const at = lines.linePos(e.pos[0])
      return `line ${at.line}, column ${at.col}: ${e.code.toLowerCase().replaceAll('_', ' ')}`
    })
    throw new TemplateError(`${source} is not valid YAML: ${problems.join('; ')}.`)
  }
  const value: unknown = doc.toJS()
  if (value === null || value === undefined) {
    throw new TemplateError(`${source} is empty; the smallest valid template is 'version: 1'.`)
  }
  const parsed = templateSchema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(issue => describeIssue(issue, doc, lines))
  throw new TemplateError(
    `${source} is not a valid version-1 template: ${problems.join('; ')}. ` +
      'See https://docs.kosli.com/template-reference/flow_template for the format.'
  )
}

/** Each explicit tag (`!!omap`, `!!set`, `!!timestamp`, `!local`) in the YAML, where it is written. */
function explicitTags(text: string): Array<{ tag: string; line: number; col: number }> {
  const lines = new LineCounter()
  const found: Array<{ tag: string; line: number; col: number }> = []
  // Tags sit in the props of any node of the parse tree: every object of it is looked into.
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item)
    } else if (typeof value === 'object' && value !== null) {
      const token = value as { type?: unknown; source?: unknown; offset?: unknown }
      if (token.type === 'tag' && typeof token.source === 'string') {
        found.push({ tag: token.source, ...lines.linePos(Number(token.offset)) })
      } else {
        for (const child of Object.values(value)) walk(child)
      }
    }
  }
  for (const token of new Parser(lines.addNewLine).parse(text)) walk(token)
  return found
}

function describeIssue(issue: z.core.$ZodIssue, doc: Document, lines: LineCounter): string {
  const path = issue.path.map(p => (typeof p === 'number' ? p : String(p)))
  const line = (node: Node | null | undefined): string => {
    const offset = node?.range?.[0]
    return offset === undefined ? '' : `line ${lines.linePos(offset).line}: `
  }
  const nodeAt = (p: Array<string | number>): Node | null | undefined =>
    p.length === 0 ? (doc.contents as Node | null) : (doc.getIn(p, true) as Node | undefined)
  if (issue.code === 'unrecognized_keys') {
    const parent = nodeAt(path)
    return issue.keys
      .map(key => {
        const pair = isMap(parent)
          ? parent.items.find(item => (item.key as { value?: unknown })?.value === key)
          : undefined
        return `${line((pair?.key as Node | undefined) ?? parent)}${keyPath([...path, key])}: unknown key (allowed: ${allowedKeys(path)})`
      })
      .join('; ')
  }
  const node = nodeAt(path)
  if (node === undefined && path.length > 0) {
    return `${line(nodeAt(path.slice(0, -1)))}${keyPath(path)}: required key is missing`
  }
  return `${line(node)}${keyPath(path)}: ${expectation(issue, path, node)}`
}

function expectation(issue: z.core.$ZodIssue, path: Array<string | number>, node: unknown): string {
  const last = path[path.length - 1]
  if (last === 'version') return 'must be 1'
  if (last === 'type') {
    return `must be one of ${BUILT_IN_TYPES.join(', ')} or custom:<type-name>`
  }
  if (last === 'name' && issue.code === 'invalid_format') {
    return 'attestation names may hold letters, digits, -, _ and , only (no dot)'
  }
  if (issue.code === 'invalid_type') {
    const expected = issue.expected === 'array' ? 'a list' : issue.expected
    return `must be ${expected === 'object' ? 'a mapping' : expected}${isSeq(node) ? ', not a list' : ''}`
  }
  if (issue.code === 'too_small') return 'must not be empty'
  return issue.message
}

function keyPath(path: Array<string | number>): string {
  if (path.length === 0) return '(top level)'
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

function allowedKeys(path: Array<string | number>): string {
  const names = path.filter(p => typeof p === 'string')
  if (names.length === 0) return 'version, trail'
  if (names.length === 1) return 'attestations, artifacts'
  if (names[names.length - 1] === 'artifacts') return 'name, attestations'
  return 'name, type'
}

/** The attestations the template expects: trail-level ones and those of each template artifact. */
export function expectedAttestations(
  template: FlowTemplate
): Array<ExpectedAttestation & { artifact?: string }> {
  const trail = template.trail ?? {}
  return [
    ...(trail.attestations ?? []),
    ...(trail.artifacts ?? []).flatMap(a =>
      (a.attestations ?? []).map(att => ({ ...att, artifact: a.name }))
    )
  ]
}

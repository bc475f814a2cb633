import * as fs from 'node:fs'
import * as path from 'node:path'
import { z } from 'zod'
import { leavesWorkspace } from './fingerprint/artifacts.js'
import { parseImageReference } from './fingerprint/oci/index.js'

// Every input of action.yml, in the order of the contract.
export const INPUT_NAMES = [
  'api-token',
  'org',
  'flow',
  'host',
  'artifact',
  'artifact-type',
  'registry-username',
  'registry-password',
  'fingerprint',
  'display-name',
  'exclude',
  'template-reference-name',
  'trail',
  'description',
  'annotations',
  'external-urls',
  'user-data',
  'is-compliant',
  'template',
  'report',
  'github-token',
  'git-commit',
  'build-url',
  'commit-url',
  'repo-url',
  'commits-base',
  'redact-commit-info',
  'approval',
  'approval-environment',
  'approval-description',
  'approver',
  'oldest-commit',
  'deployment-environment',
  'physical-environment',
  'cluster',
  'deployment-name',
  'deployment-status',
  'deployment-version',
  'deployment-tags',
  'runtime-risks',
  'github-org',
  'require-compliant',
  'dry-run',
  'on-kosli-unavailable',
  'max-retries',
  'request-timeout',
  'fingerprint-timeout'
] as const

export type InputName = (typeof INPUT_NAMES)[number]
export type RawInputs = Partial<Record<InputName, string>>

// Inputs that fall back to the Kosli CLI's variables when empty.
export const ENV_FALLBACKS: Partial<Record<InputName, string>> = {
  'api-token': 'KOSLI_API_TOKEN',
  org: 'KOSLI_ORG',
  flow: 'KOSLI_FLOW',
  host: 'KOSLI_HOST',
  'artifact-type': 'KOSLI_ARTIFACT_TYPE',
  'registry-username': 'KOSLI_REGISTRY_USERNAME',
  'registry-password': 'KOSLI_REGISTRY_PASSWORD',
  fingerprint: 'KOSLI_FINGERPRINT',
  'template-reference-name': 'KOSLI_NAME',
  trail: 'KOSLI_TRAIL',
  'dry-run': 'KOSLI_DRY_RUN'
}

export const SECRET_INPUTS: ReadonlySet<InputName> = new Set([
  'api-token',
  'github-token',
  'registry-password'
])

const MULTILINE_INPUTS: ReadonlySet<InputName> = new Set([
  'artifact',
  'exclude',
  'annotations',
  'external-urls',
  'user-data',
  'deployment-tags',
  'description',
  'approval-description'
])

export const RUNTIME_RISKS = [
  'critical-resource',
  'internet-exposed',
  'lateral-movement',
  'sensitive-data'
] as const

const HEX40 = /^[0-9a-fA-F]{40}$/
const DIGEST = /^(?:sha256:)?([0-9a-fA-F]{64})$/i
const TRAIL = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/
const FLOW = /^[a-zA-Z0-9][a-zA-Z0-9.\-_~]*$/
const ORG = /^[a-zA-Z0-9][a-zA-Z0-9.\-_~]*$/
const TEMPLATE_REFERENCE = /^[a-zA-Z0-9\-_]+$/
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/
const EXTERNAL_URL_LABEL = /^[^=.]+$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/
// Multi-line inputs keep tabs and line breaks (LF or CRLF); a lone CR is refused.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]|\r(?!\n)/
// eslint-disable-next-line no-control-regex
const CONTROL_OR_NEWLINE = /[\u0000-\u001f\u007f]/
const MAX_INPUT_BYTES = 1024 * 1024

type Ctx = z.RefinementCtx

function fail(ctx: Ctx, expected: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message: expected })
  return z.NEVER
}

function lines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map(line => line.trim())
    .filter(line => line.length > 0)
}

function optional<T>(parse: (value: string, ctx: Ctx) => T) {
  return z
    .string()
    .optional()
    .transform((value, ctx): T | undefined => {
      if (value === undefined || value.trim() === '') return undefined
      return parse(value.trim(), ctx)
    })
}

function oneOf<const T extends readonly string[]>(values: T, fallback: T[number]) {
  return optional((value, ctx) => {
    const lower = value.toLowerCase()
    return (values as readonly string[]).includes(lower)
      ? (lower as T[number])
      : fail(ctx, `one of ${values.join(', ')}`)
  }).transform(value => value ?? fallback)
}

function boolean(fallback: boolean) {
  return optional((value, ctx) => {
    const lower = value.toLowerCase()
    if (lower === 'true') return true
    if (lower === 'false') return false
    return fail(ctx, 'true or false')
  }).transform(value => value ?? fallback)
}

function pattern(regex: RegExp, what: string) {
  return optional((value, ctx) =>
    regex.test(value) ? value : fail(ctx, `${what} matching ${regex.source}`)
  )
}

function maxLength(limit: number) {
  return optional((value, ctx) =>
    value.length <= limit ? value : fail(ctx, `at most ${limit} characters`)
  )
}

function commitSha() {
  return optional((value, ctx) =>
    HEX40.test(value) ? value.toLowerCase() : fail(ctx, 'a full 40-character hex git commit sha')
  )
}

function httpUrl(value: string, ctx: Ctx): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail(ctx, 'an absolute http(s) URL')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(ctx, 'an http(s) URL')
  }
  return value
}

function integer(min: number, max: number, fallback: number) {
  return optional((value, ctx) => {
    if (!/^\d+$/.test(value)) return fail(ctx, `a whole number from ${min} to ${max}`)
    const n = Number(value)
    return n >= min && n <= max ? n : fail(ctx, `a whole number from ${min} to ${max}`)
  }).transform(value => value ?? fallback)
}

function positiveInteger(fallback: number) {
  return optional((value, ctx) => {
    const n = Number(value)
    return /^\d+$/.test(value) && n >= 1 && Number.isSafeInteger(n)
      ? n
      : fail(ctx, 'a whole number of 1 or more')
  }).transform(value => value ?? fallback)
}

function keyValueLines(
  keyPattern: RegExp,
  what: string,
  limit?: number
): z.ZodType<Record<string, string>, string | undefined> {
  return optional((value, ctx) => {
    const entries: Record<string, string> = {}
    for (const line of lines(value)) {
      const eq = line.indexOf('=')
      const key = eq > 0 ? line.slice(0, eq).trim() : ''
      if (!keyPattern.test(key)) {
        return fail(ctx, `${what} lines as key=value with keys matching ${keyPattern.source}`)
      }
      if (Object.hasOwn(entries, key)) return fail(ctx, `each key once (${key} is repeated)`)
      entries[key] = line.slice(eq + 1).trim()
    }
    if (limit !== undefined && Object.keys(entries).length > limit) {
      return fail(ctx, `at most ${limit} key=value lines`)
    }
    return entries
  }).transform(value => value ?? {})
}

export interface ExternalUrl {
  url: string
  fingerprint?: string
}

function externalUrls(value: string, ctx: Ctx): Record<string, ExternalUrl> {
  const result: Record<string, ExternalUrl> = {}
  for (const line of lines(value)) {
    const eq = line.indexOf('=')
    const label = eq > 0 ? line.slice(0, eq).trim() : ''
    if (!EXTERNAL_URL_LABEL.test(label)) {
      return fail(ctx, 'label=url lines; a label has no "=" or "."')
    }
    if (Object.hasOwn(result, label)) return fail(ctx, `each label once (${label} is repeated)`)
    let url = line.slice(eq + 1).trim()
    let fingerprint: string | undefined
    const at = /@([0-9a-fA-F]{64})$/.exec(url)
    if (at) {
      fingerprint = at[1].toLowerCase()
      url = url.slice(0, at.index)
    }
    httpUrl(url, ctx)
    result[label] = fingerprint ? { url, fingerprint } : { url }
  }
  return result
}

function userData(workspace: string) {
  return optional((value, ctx): Record<string, unknown> => {
    let text = value
    let origin = 'the value'
    if (!value.startsWith('{')) {
      const file = path.resolve(workspace, value)
      if (!file.endsWith('.json')) {
        return fail(ctx, 'a JSON object, or the path of a .json file holding one')
      }
      // Its contents are sent to Kosli: a relative path must not climb out of the workspace.
      if (leavesWorkspace(value)) {
        return fail(ctx, 'a .json file inside the workspace (give an absolute path if you mean it)')
      }
      try {
        text = fs.readFileSync(file, 'utf8')
      } catch (error) {
        return fail(ctx, `a readable .json file (${(error as NodeJS.ErrnoException).code})`)
      }
      origin = `the file ${value}`
    }
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (error) {
      return fail(ctx, `valid JSON in ${origin} (${(error as Error).message})`)
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      return fail(
        ctx,
        `a JSON object in ${origin}, not ${Array.isArray(parsed) ? 'an array' : typeof parsed}`
      )
    }
    return parsed as Record<string, unknown>
  })
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

function kosliHost(value: string, ctx: Ctx): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return fail(ctx, 'an origin such as https://app.kosli.com')
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return fail(
      ctx,
      'an https:// origin (http:// only for loopback hosts), so the token is never sent in clear text'
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return fail(ctx, 'an https:// origin such as https://app.kosli.com')
  }
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/') {
    return fail(ctx, 'an origin only (scheme, host and port), such as https://app.kosli.com')
  }
  return url.origin
}

function commaList(value: string): string[] {
  return value
    .split(',')
    .map(item => item.trim())
    .filter(item => item.length > 0)
}

function inputSchema(workspace: string) {
  return z
    .object({
      'api-token': optional(value => value),
      org: pattern(ORG, 'an organization name'),
      flow: pattern(FLOW, 'a flow name'),
      host: optional(kosliHost).transform(value => value ?? 'https://app.kosli.com'),
      artifact: optional(lines).transform(value => value ?? []),
      'artifact-type': oneOf(['auto', 'file', 'dir', 'docker', 'oci'] as const, 'auto'),
      'registry-username': optional(value => value),
      'registry-password': optional(value => value),
      fingerprint: optional((value, ctx) => {
        const match = DIGEST.exec(value)
        return match
          ? match[1].toLowerCase()
          : fail(ctx, '64 hex characters, or sha256: followed by 64 hex characters')
      }),
      'display-name': maxLength(1000),
      exclude: optional(lines).transform(value => value ?? []),
      'template-reference-name': pattern(TEMPLATE_REFERENCE, 'a name'),
      trail: pattern(TRAIL, 'a trail name'),
      description: optional(value => value),
      annotations: keyValueLines(ANNOTATION_KEY, 'annotation'),
      'external-urls': optional(externalUrls).transform(value => value ?? {}),
      'user-data': userData(workspace),
      'is-compliant': optional((value, ctx) => {
        const lower = value.toLowerCase()
        return lower === 'true' ? true : lower === 'false' ? false : fail(ctx, 'true or false')
      }),
      template: optional(value => commaList(value)),
      report: oneOf(['true', 'false', 'auto'] as const, 'auto'),
      'github-token': optional(value => value),
      'git-commit': commitSha(),
      'build-url': optional(httpUrl),
      'commit-url': optional(httpUrl),
      'repo-url': optional(httpUrl),
      'commits-base': commitSha(),
      'redact-commit-info': optional((value, ctx) => {
        const items = commaList(value).map(item => item.toLowerCase())
        const allowed = ['author', 'message', 'branch']
        const bad = items.filter(item => !allowed.includes(item))
        return bad.length === 0
          ? ([...new Set(items)] as Array<'author' | 'message' | 'branch'>)
          : fail(ctx, `a comma-separated list of ${allowed.join(', ')}`)
      }).transform(value => value ?? []),
      approval: oneOf(['none', 'approve', 'request'] as const, 'none'),
      'approval-environment': maxLength(128),
      'approval-description': optional(value => value),
      approver: maxLength(256),
      'oldest-commit': commitSha(),
      'deployment-environment': maxLength(128),
      'physical-environment': maxLength(128),
      cluster: maxLength(128),
      'deployment-name': maxLength(256),
      'deployment-status': oneOf(['deployed', 'decommissioned'] as const, 'deployed'),
      'deployment-version': maxLength(100),
      'deployment-tags': keyValueLines(/^[^=\s]+$/, 'tag', 5),
      'runtime-risks': optional((value, ctx) => {
        const items = commaList(value).map(item => item.toLowerCase())
        const bad = items.filter(item => !(RUNTIME_RISKS as readonly string[]).includes(item))
        if (bad.length > 0)
          return fail(ctx, `a comma-separated list of ${RUNTIME_RISKS.join(', ')}`)
        if (new Set(items).size !== items.length) return fail(ctx, 'each runtime risk once')
        if (items.length > 4) return fail(ctx, 'at most 4 runtime risks')
        return items as Array<(typeof RUNTIME_RISKS)[number]>
      }).transform(value => value ?? []),
      'github-org': pattern(GITHUB_LOGIN, 'a GitHub organization login'),
      'require-compliant': boolean(false),
      'dry-run': boolean(false),
      'on-kosli-unavailable': oneOf(['fail', 'warn'] as const, 'fail'),
      'max-retries': integer(0, 10, 3),
      'request-timeout': integer(1, 600, 30),
      'fingerprint-timeout': positiveInteger(900)
    })
    .transform(p => ({
      apiToken: p['api-token'],
      org: p.org ?? '',
      flow: p.flow ?? '',
      host: p.host,
      artifacts: p.artifact,
      artifactType: p['artifact-type'],
      registryUsername: p['registry-username'],
      registryPassword: p['registry-password'],
      fingerprint: p.fingerprint,
      displayName: p['display-name'],
      excludes: p.exclude,
      templateReferenceName: p['template-reference-name'],
      trail: p.trail,
      description: p.description,
      annotations: p.annotations,
      externalUrls: p['external-urls'],
      userData: p['user-data'],
      isCompliant: p['is-compliant'],
      template: p.template,
      report: p.report,
      githubToken: p['github-token'],
      gitCommit: p['git-commit'],
      buildUrl: p['build-url'],
      commitUrl: p['commit-url'],
      repoUrl: p['repo-url'],
      commitsBase: p['commits-base'],
      redactCommitInfo: p['redact-commit-info'],
      approval: p.approval,
      approvalEnvironment: p['approval-environment'],
      approvalDescription: p['approval-description'],
      approver: p.approver,
      oldestCommit: p['oldest-commit'],
      deploymentEnvironment: p['deployment-environment'],
      physicalEnvironment: p['physical-environment'],
      cluster: p.cluster,
      deploymentName: p['deployment-name'],
      deploymentStatus: p['deployment-status'],
      deploymentVersion: p['deployment-version'],
      deploymentTags: p['deployment-tags'],
      runtimeRisks: p['runtime-risks'],
      githubOrg: p['github-org'],
      requireCompliant: p['require-compliant'],
      dryRun: p['dry-run'],
      onKosliUnavailable: p['on-kosli-unavailable'],
      maxRetries: p['max-retries'],
      requestTimeoutSeconds: p['request-timeout'],
      fingerprintTimeoutSeconds: p['fingerprint-timeout']
    }))
}

export type Config = z.output<ReturnType<typeof inputSchema>>

export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map(problem => `- ${problem}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

function shown(name: InputName, value: string | undefined): string {
  if (SECRET_INPUTS.has(name)) return 'a value (hidden)'
  if (value === undefined || value === '') return 'nothing'
  // Credentials in a URL (https://user:password@host) are secrets too.
  const safe = value.replace(/\/\/[^/@\s]*@/g, '//***@')
  const text = safe.length > 80 ? `${safe.slice(0, 80)}… (${safe.length} characters)` : safe
  // JSON.stringify escapes every C0 control character; DEL is escaped here.
  return JSON.stringify(text).replace(/\u007f/g, '\\u007f')
}

// Raw values after the KOSLI_* fallback; what the schema and the error messages see.
export function withEnvFallbacks(raw: RawInputs, env: NodeJS.ProcessEnv): RawInputs {
  const resolved: RawInputs = {}
  for (const name of INPUT_NAMES) {
    const value = raw[name]
    const variable = ENV_FALLBACKS[name]
    resolved[name] =
      value !== undefined && value.trim() !== '' ? value : variable ? env[variable] : value
  }
  return resolved
}

function checkCharacters(values: RawInputs): Map<InputName, string> {
  const problems = new Map<InputName, string>()
  for (const name of INPUT_NAMES) {
    const value = values[name]
    if (value === undefined) continue
    if (Buffer.byteLength(value) > MAX_INPUT_BYTES) {
      problems.set(
        name,
        `'${name}': given ${Buffer.byteLength(value)} bytes; expected at most 1 MiB`
      )
      continue
    }
    const forbidden = MULTILINE_INPUTS.has(name) ? CONTROL : CONTROL_OR_NEWLINE
    if (forbidden.test(value.trim())) {
      problems.set(
        name,
        `'${name}': given ${shown(name, value)}; expected ${
          MULTILINE_INPUTS.has(name)
            ? 'text without control characters'
            : 'a single line without control characters'
        }`
      )
    }
  }
  return problems
}

/** Parses and validates every input; throws one InputError listing every problem. */
export function parseInputs(raw: RawInputs, env: NodeJS.ProcessEnv, workspace: string): Config {
  const values = withEnvFallbacks(raw, env)
  const refused = checkCharacters(values)
  const problems = [...refused.values()]
  const failed = new Set<InputName>(refused.keys())

  // Every input is checked, so one run lists every problem: an input already refused is left
  // out of the later checks, and the cross checks skip the inputs that failed their own.
  const checkable = (): RawInputs =>
    Object.fromEntries(Object.entries(values).filter(([name]) => !failed.has(name as InputName)))
  const schema = inputSchema(workspace)
  let result = schema.safeParse(checkable())
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path[0] as InputName
      failed.add(name)
      const via = ENV_FALLBACKS[name] && !raw[name]?.trim() ? ` (from ${ENV_FALLBACKS[name]})` : ''
      problems.push(
        `'${name}'${via}: given ${shown(name, values[name])}; expected ${issue.message}`
      )
    }
    result = schema.safeParse(checkable())
  }
  if (result.success) problems.push(...crossChecks(result.data, values, failed))
  if (problems.length > 0) throw new InputError(problems)
  return (result as { data: Config }).data
}

function crossChecks(config: Config, values: RawInputs, failed: ReadonlySet<InputName>): string[] {
  const problems: string[] = []
  const ok = (...names: InputName[]): boolean => names.every(name => !failed.has(name))
  if (!config.org && ok('org'))
    problems.push(`'org': given nothing; expected a Kosli organization (or set KOSLI_ORG)`)
  if (!config.flow && ok('flow'))
    problems.push(`'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW)`)
  if (!config.apiToken && !config.dryRun && ok('api-token', 'dry-run')) {
    problems.push(
      `'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN), unless dry-run is true`
    )
  }
  if (!ok('artifact', 'fingerprint', 'artifact-type', 'report')) return problems
  if (config.artifacts.length > 0 && config.fingerprint) {
    problems.push(
      `'fingerprint': given ${shown('fingerprint', values.fingerprint)} together with 'artifact'; expected exactly one of artifact and fingerprint`
    )
  }
  const registry = config.artifactType === 'oci'
  if (!registry && config.artifactType !== 'docker') {
    // Checked again where the paths are resolved; here it fails before any request.
    for (const pattern of config.artifacts.filter(line => !line.startsWith('!'))) {
      if (leavesWorkspace(pattern)) {
        problems.push(
          `'artifact': given ${shown('artifact', pattern)}, which is outside the workspace; expected a path inside the workspace (give an absolute path if you mean it)`
        )
      }
    }
  }
  if (!registry && (config.registryUsername || config.registryPassword)) {
    problems.push(
      `'registry-username'/'registry-password': given with artifact-type ${config.artifactType}; expected only with artifact-type oci`
    )
  }
  if (registry && Boolean(config.registryUsername) !== Boolean(config.registryPassword)) {
    const missing = config.registryUsername ? 'registry-password' : 'registry-username'
    problems.push(
      `'${missing}': given nothing; expected registry-username and registry-password together`
    )
  }
  if (registry) {
    // A malformed reference, or http:// to a non-loopback registry, fails before any request.
    for (const reference of config.artifacts) {
      try {
        parseImageReference(reference)
      } catch (error) {
        problems.push(
          `'artifact': given ${shown('artifact', reference)}; ${(error as Error).message}`
        )
      }
    }
  }
  if (config.report === 'true' && config.artifacts.length === 0 && !config.fingerprint) {
    problems.push(
      `'report': given "true" with neither 'artifact' nor 'fingerprint'; expected something to report`
    )
  }
  return problems
}

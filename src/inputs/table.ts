import {
  type Field,
  boolean,
  commitSha,
  digest,
  externalUrls,
  httpUrl,
  integer,
  keyValueLines,
  kosliHost,
  lineList,
  maxLength,
  oneOf,
  optional,
  optionalBoolean,
  pattern,
  registryHost,
  commaList,
  required,
  subset,
  text,
  userData
} from './fields.js'
import { RUNTIME_RISKS } from '../github/runtime-risks.js'
import { TEMPLATE_REFERENCE_NAME, TRAIL_NAME } from '../kosli/schemas.js'

/** The action.yml files an input belongs to: the main action, and later its sub-actions. */
type ActionName = 'main'

interface InputSpec<F extends string, T> {
  /** The Config field it becomes. */
  field: F
  parse: Field<T>
  /** The Kosli CLI variable it falls back to when empty. */
  env?: string
  /** Masked, and never shown in an error. */
  secret?: boolean
  /** May hold line breaks (LF or CRLF); every other input is one line. */
  multiline?: boolean
  actions: readonly ActionName[]
}

function input<const F extends string, T>(
  field: F,
  parse: Field<T>,
  options: Partial<Omit<InputSpec<F, T>, 'field' | 'parse'>> = {}
): InputSpec<F, T> {
  return { field, parse, actions: ['main'], ...options }
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9.\-_~]*$/
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

/** Every input of action.yml, in its order: the one definition of each. */
export const INPUTS = {
  'api-token': input('apiToken', text(), { env: 'KOSLI_API_TOKEN', secret: true }),
  // Required, but checked with the other rules so that a missing one is one problem among all.
  org: input('org', required(pattern(NAME, 'an organization name')), { env: 'KOSLI_ORG' }),
  flow: input('flow', required(pattern(NAME, 'a flow name')), { env: 'KOSLI_FLOW' }),
  host: input('host', kosliHost('https://app.kosli.com'), { env: 'KOSLI_HOST' }),
  artifact: input('artifacts', lineList(), { multiline: true }),
  'artifact-type': input(
    'artifactType',
    oneOf(['auto', 'file', 'dir', 'docker', 'oci'] as const, 'auto'),
    { env: 'KOSLI_ARTIFACT_TYPE' }
  ),
  'registry-username': input('registryUsername', text(), { env: 'KOSLI_REGISTRY_USERNAME' }),
  registry: input('registry', registryHost()),
  'registry-password': input('registryPassword', text(), {
    env: 'KOSLI_REGISTRY_PASSWORD',
    secret: true
  }),
  fingerprint: input('fingerprint', digest(), { env: 'KOSLI_FINGERPRINT' }),
  'display-name': input('displayName', maxLength(1000)),
  exclude: input('excludes', lineList(), { multiline: true }),
  'template-reference-name': input(
    'templateReferenceName',
    pattern(TEMPLATE_REFERENCE_NAME, 'a name'),
    {
      env: 'KOSLI_NAME'
    }
  ),
  trail: input('trail', pattern(TRAIL_NAME, 'a trail name'), { env: 'KOSLI_TRAIL' }),
  description: input('description', text(), { multiline: true }),
  annotations: input('annotations', keyValueLines(ANNOTATION_KEY, 'annotation'), {
    multiline: true
  }),
  'external-urls': input('externalUrls', externalUrls(), { multiline: true }),
  'user-data': input('userData', userData(), { multiline: true }),
  'is-compliant': input('isCompliant', optionalBoolean()),
  template: input('template', optional(commaList)),
  report: input('report', oneOf(['true', 'false', 'auto'] as const, 'auto')),
  'github-token': input('githubToken', text(), { secret: true }),
  'git-commit': input('gitCommit', commitSha()),
  'build-url': input('buildUrl', httpUrl()),
  'commit-url': input('commitUrl', httpUrl()),
  'repo-url': input('repoUrl', httpUrl()),
  'commits-base': input('commitsBase', commitSha()),
  'redact-commit-info': input('redactCommitInfo', subset(['author', 'message', 'branch'] as const)),
  approval: input('approval', oneOf(['none', 'approve', 'request'] as const, 'none')),
  'approval-environment': input('approvalEnvironment', maxLength(128)),
  'approval-description': input('approvalDescription', text(), { multiline: true }),
  approver: input('approver', maxLength(256)),
  'oldest-commit': input('oldestCommit', commitSha()),
  'deployment-environment': input('deploymentEnvironment', maxLength(128)),
  'physical-environment': input('physicalEnvironment', maxLength(128)),
  cluster: input('cluster', maxLength(128)),
  'deployment-name': input('deploymentName', maxLength(256)),
  'deployment-status': input(
    'deploymentStatus',
    oneOf(['deployed', 'decommissioned'] as const, 'deployed')
  ),
  'deployment-version': input('deploymentVersion', maxLength(100)),
  'deployment-tags': input('deploymentTags', keyValueLines(/^[^=\s]+$/, 'tag', 5), {
    multiline: true
  }),
  'runtime-risks': input(
    'runtimeRisks',
    subset(RUNTIME_RISKS, { each: 'runtime risk', once: true, limit: 4 })
  ),
  'github-org': input('githubOrg', pattern(GITHUB_LOGIN, 'a GitHub organization login')),
  'require-compliant': input('requireCompliant', boolean(false)),
  'dry-run': input('dryRun', boolean(false), { env: 'KOSLI_DRY_RUN' }),
  'on-kosli-unavailable': input('onKosliUnavailable', oneOf(['fail', 'warn'] as const, 'fail')),
  'max-retries': input('maxRetries', integer(0, 10, 3)),
  'request-timeout': input('requestTimeoutSeconds', integer(1, 600, 30)),
  'fingerprint-timeout': input('fingerprintTimeoutSeconds', integer(1, Infinity, 900))
}

type Table = typeof INPUTS
export type InputName = keyof Table
export type RawInputs = Partial<Record<InputName, string>>

/** The parsed inputs, one field per input, typed by its parser. */
export type ParsedInputs = {
  [K in InputName as Table[K]['field']]: Table[K]['parse'] extends Field<infer T> ? T : never
}

export const INPUT_NAMES = Object.keys(INPUTS) as InputName[]

export function inputsOf(action: ActionName): InputName[] {
  return INPUT_NAMES.filter(name => INPUTS[name].actions.includes(action))
}

export const ENV_FALLBACKS: Partial<Record<InputName, string>> = Object.fromEntries(
  INPUT_NAMES.flatMap(name => {
    const env = (INPUTS[name] as { env?: string }).env
    return env ? [[name, env]] : []
  })
)

export const SECRET_INPUTS: ReadonlySet<InputName> = new Set(
  INPUT_NAMES.filter(name => (INPUTS[name] as { secret?: boolean }).secret)
)

export const MULTILINE_INPUTS: ReadonlySet<InputName> = new Set(
  INPUT_NAMES.filter(name => (INPUTS[name] as { multiline?: boolean }).multiline)
)

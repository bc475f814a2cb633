import type * as z from 'zod/mini'
import {
  type Field,
  boolean,
  commaSeparated,
  commitSha,
  digest,
  externalUrls,
  httpUrl,
  integer,
  jiraProjectKeys,
  keyValueLines,
  kosliHost,
  lineList,
  maxLength,
  oneOf,
  optionalBoolean,
  pattern,
  registryHost,
  required,
  serviceUrl,
  subset,
  text,
  stepOutcome,
  userData
} from './fields.js'
import { DEPLOYMENT_RECORD_LIMITS as RECORD, RUNTIME_RISKS } from '../github/runtime-risks.js'
import { TEMPLATE_REFERENCE_NAME, TRAIL_NAME } from '../shapes/patterns.js'

/** The action.yml files an input belongs to: the main action and its sub-actions attest/ and assert/. */
export type ActionName = 'main' | 'attest' | 'assert'

export const ACTION_NAMES: readonly ActionName[] = ['main', 'attest', 'assert']

interface InputSpec<F extends string, T> {
  /** The Config field it becomes. */
  field: F
  /** Its zod schema: the raw value in, the field's value out. */
  schema: Field<T>
  /** The Kosli CLI variable it falls back to when empty. */
  env?: string
  /** The actions where `env` applies; default: every action the input belongs to. */
  envIn?: readonly ActionName[]
  /** Masked, and never shown in an error. */
  secret?: boolean
  /** May hold line breaks (LF or CRLF); every other input is one line. */
  multiline?: boolean
  actions: readonly ActionName[]
}

function input<const F extends string, T>(
  field: F,
  schema: Field<T>,
  options: Partial<Omit<InputSpec<F, T>, 'field' | 'schema'>> = {}
): InputSpec<F, T> {
  return { field, schema, actions: ['main'], ...options }
}

const NAME = /^[a-zA-Z0-9][a-zA-Z0-9.\-_~]*$/
const ANNOTATION_KEY = /^[A-Za-z0-9_]+$/
// The inputs every action shares (Kosli, behaviour, fingerprint), and those of the attest step.
const ALL: readonly ActionName[] = ['main', 'attest', 'assert']
const MAIN_ATTEST: readonly ActionName[] = ['main', 'attest']
const RECORD_AS = /^(?:generic|custom:\S+)$/
const GITHUB_LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/

/** Every input of action.yml, in its order: the one definition of each. */
export const INPUTS = {
  'api-token': input('apiToken', text(), { env: 'KOSLI_API_TOKEN', secret: true, actions: ALL }),
  // Required, but checked with the other rules so that a missing one is one problem among all.
  org: input('org', required(pattern(NAME, 'an organization name')), {
    env: 'KOSLI_ORG',
    actions: ALL
  }),
  flow: input('flow', required(pattern(NAME, 'a flow name')), { env: 'KOSLI_FLOW', actions: ALL }),
  host: input('host', kosliHost('https://app.kosli.com'), { env: 'KOSLI_HOST', actions: ALL }),
  artifact: input('artifacts', lineList(), { multiline: true, actions: ALL }),
  'artifact-type': input(
    'artifactType',
    oneOf(['auto', 'file', 'dir', 'docker', 'oci'] as const, 'auto'),
    { env: 'KOSLI_ARTIFACT_TYPE', actions: ALL }
  ),
  'registry-username': input('registryUsername', text(), {
    env: 'KOSLI_REGISTRY_USERNAME',
    actions: ALL
  }),
  registry: input('registry', registryHost(), { actions: ALL }),
  'registry-password': input('registryPassword', text(), {
    env: 'KOSLI_REGISTRY_PASSWORD',
    secret: true,
    actions: ALL
  }),
  // In attest/ and assert/ a job-level KOSLI_FINGERPRINT must not bind evidence silently.
  fingerprint: input('fingerprint', digest(), {
    env: 'KOSLI_FINGERPRINT',
    envIn: ['main'],
    actions: ALL
  }),
  'display-name': input('displayName', maxLength(1000)),
  exclude: input('excludes', lineList(), { multiline: true, actions: ALL }),
  'template-reference-name': input(
    'templateReferenceName',
    pattern(TEMPLATE_REFERENCE_NAME, 'a name'),
    {
      env: 'KOSLI_NAME'
    }
  ),
  trail: input('trail', pattern(TRAIL_NAME, 'a trail name'), { env: 'KOSLI_TRAIL', actions: ALL }),
  description: input('description', text(), { multiline: true, actions: MAIN_ATTEST }),
  annotations: input('annotations', keyValueLines(ANNOTATION_KEY, 'annotation'), {
    multiline: true,
    actions: MAIN_ATTEST
  }),
  'external-urls': input('externalUrls', externalUrls(), { multiline: true, actions: MAIN_ATTEST }),
  'user-data': input('userData', userData(), { multiline: true, actions: MAIN_ATTEST }),
  'is-compliant': input('isCompliant', optionalBoolean()),
  template: input('template', commaSeparated()),
  report: input('report', oneOf(['true', 'false', 'auto'] as const, 'auto')),
  'flow-template': input('flowTemplate', text()),
  'flow-description': input('flowDescription', text(), { multiline: true }),
  'begin-trail': input('beginTrail', boolean(false)),
  'trail-template': input('trailTemplate', text()),
  'trail-description': input('trailDescription', text(), { multiline: true }),
  'github-token': input('githubToken', text(), { secret: true, actions: ALL }),
  'git-commit': input('gitCommit', commitSha(), { actions: ALL }),
  'build-url': input('buildUrl', httpUrl()),
  'commit-url': input('commitUrl', httpUrl()),
  'repo-url': input('repoUrl', httpUrl()),
  'commits-base': input('commitsBase', commitSha(), { actions: MAIN_ATTEST }),
  'redact-commit-info': input(
    'redactCommitInfo',
    subset(['author', 'message', 'branch'] as const),
    {
      actions: MAIN_ATTEST
    }
  ),
  approval: input('approval', oneOf(['none', 'approve', 'request'] as const, 'none')),
  'approval-environment': input('approvalEnvironment', maxLength(128)),
  'approval-description': input('approvalDescription', text(), { multiline: true }),
  approver: input('approver', maxLength(256)),
  'oldest-commit': input('oldestCommit', commitSha()),
  'deployment-environment': input('deploymentEnvironment', maxLength(RECORD.environment)),
  'physical-environment': input('physicalEnvironment', maxLength(RECORD.environment)),
  cluster: input('cluster', maxLength(RECORD.environment)),
  'deployment-name': input('deploymentName', maxLength(RECORD.deploymentName)),
  'deployment-status': input(
    'deploymentStatus',
    oneOf(['deployed', 'decommissioned'] as const, 'deployed')
  ),
  'deployment-version': input('deploymentVersion', maxLength(RECORD.version)),
  'deployment-tags': input('deploymentTags', keyValueLines(/^[^=\s]+$/, 'tag', RECORD.tags), {
    multiline: true
  }),
  'runtime-risks': input(
    'runtimeRisks',
    subset(RUNTIME_RISKS, { each: 'runtime risk', once: true, limit: RECORD.runtimeRisks })
  ),
  'github-org': input('githubOrg', pattern(GITHUB_LOGIN, 'a GitHub organization login')),
  'require-compliant': input('requireCompliant', boolean(false)),
  'kosli-environment': input('kosliEnvironment', pattern(NAME, 'a Kosli environment name')),
  'dry-run': input('dryRun', boolean(false), { env: 'KOSLI_DRY_RUN', actions: ALL }),
  'on-kosli-unavailable': input('onKosliUnavailable', oneOf(['fail', 'warn'] as const, 'fail'), {
    actions: ALL
  }),
  'max-retries': input('maxRetries', integer(0, 10, 3), { actions: ALL }),
  'request-timeout': input('requestTimeoutSeconds', integer(1, 600, 30), { actions: ALL }),
  'fingerprint-timeout': input('fingerprintTimeoutSeconds', integer(1, Infinity, 900), {
    actions: ALL
  }),
  // attest/ only.
  type: input('attestationType', text(), { actions: ['attest'] }),
  name: input('attestationName', text(), { actions: ['attest'] }),
  results: input('results', lineList(), { multiline: true, actions: ['attest'] }),
  'attestation-data': input('attestationData', userData(), {
    multiline: true,
    actions: ['attest']
  }),
  compliant: input('compliant', stepOutcome(), { actions: ['attest'] }),
  attachments: input('attachments', lineList(), { multiline: true, actions: ['attest'] }),
  'attach-results': input('attachResults', boolean(true), { actions: ['attest'] }),
  'pull-request-wait': input('pullRequestWaitSeconds', integer(0, 600, 15), {
    actions: ['attest']
  }),
  'fail-on-non-compliant': input('failOnNonCompliant', boolean(false), { actions: ['attest'] }),
  // attest/: decision, sonar and jira.
  control: input('control', maxLength(256), { actions: ['attest'] }),
  'sonar-url': input('sonarUrl', serviceUrl(), { actions: ['attest'] }),
  'sonar-token': input('sonarToken', text(), { secret: true, actions: ['attest'] }),
  'sonar-project-key': input('sonarProjectKey', maxLength(400), { actions: ['attest'] }),
  'sonar-branch': input('sonarBranch', maxLength(255), { actions: ['attest'] }),
  'sonar-pull-request': input('sonarPullRequest', maxLength(255), { actions: ['attest'] }),
  'sonar-wait': input('sonarWaitSeconds', integer(0, 3600, 60), { actions: ['attest'] }),
  'jira-url': input('jiraUrl', serviceUrl(), { actions: ['attest'] }),
  'jira-username': input('jiraUsername', maxLength(256), { actions: ['attest'] }),
  'jira-api-token': input('jiraApiToken', text(), { secret: true, actions: ['attest'] }),
  'jira-pat': input('jiraPat', text(), { secret: true, actions: ['attest'] }),
  'jira-project-keys': input('jiraProjectKeys', jiraProjectKeys(), {
    multiline: true,
    actions: ['attest']
  }),
  'jira-secondary-source': input('jiraSecondarySource', text(), {
    multiline: true,
    actions: ['attest']
  }),
  'ignore-branch-match': input('ignoreBranchMatch', boolean(false), { actions: ['attest'] }),
  // attest/ deployment-approval and code-review.
  'github-environment': input('githubEnvironment', maxLength(255), { actions: ['attest'] }),
  'required-approvals': input('requiredApprovals', integer(1, 100, 1), { actions: ['attest'] }),
  'allow-self-approval': input('allowSelfApproval', boolean(false), { actions: ['attest'] }),
  'max-commits': input('maxCommits', integer(1, 10_000, 250), { actions: ['attest'] }),
  'record-as': input('recordAs', pattern(RECORD_AS, 'generic or custom:<type-name>'), {
    actions: ['attest']
  }),
  // assert/ only.
  environment: input('assertEnvironment', pattern(NAME, 'a Kosli environment name'), {
    actions: ['assert']
  }),
  policy: input('policies', lineList(), { multiline: true, actions: ['assert'] })
}

type Table = typeof INPUTS
export type InputName = keyof Table
export type RawInputs = Partial<Record<InputName, string>>

/** True when none of the inputs named failed its own check (that problem is already listed). */
export type InputsOk = (...names: InputName[]) => boolean

/**
 * Rules an action brings to its inputs besides the common ones: attest/ brings its types'
 * (src/attestations/inputs.ts), so the inputs import no attestation type.
 */
export type InputChecks = (inputs: ParsedInputs, values: RawInputs, ok: InputsOk) => string[]

/** The parsed inputs, one field per input, typed by its schema. */
export type ParsedInputs = {
  [K in InputName as Table[K]['field']]: z.output<Table[K]['schema']>
}

/** Every input, parsed, with the user data and the attestation data read from their files. */
export type Config = Omit<ParsedInputs, 'userData' | 'attestationData'> & {
  userData?: Record<string, unknown>
  attestationData?: Record<string, unknown>
}

export const INPUT_NAMES = Object.keys(INPUTS) as InputName[]

export function inputsOf(action: ActionName): InputName[] {
  return INPUT_NAMES.filter(name => INPUTS[name].actions.includes(action))
}

/** The KOSLI_* variable an input falls back to in one action, if any. */
export function envFallback(name: InputName, action: ActionName): string | undefined {
  const spec = INPUTS[name] as { env?: string; envIn?: readonly ActionName[] }
  if (!spec.env || !INPUTS[name].actions.includes(action)) return undefined
  return !spec.envIn || spec.envIn.includes(action) ? spec.env : undefined
}

/** The KOSLI_* fallbacks of one action's inputs. */
export function envFallbacksOf(action: ActionName): Partial<Record<InputName, string>> {
  return Object.fromEntries(
    inputsOf(action).flatMap(name => {
      const env = envFallback(name, action)
      return env ? [[name, env]] : []
    })
  )
}

/** The main action's fallbacks. */
export const ENV_FALLBACKS: Partial<Record<InputName, string>> = envFallbacksOf('main')

export const SECRET_INPUTS: ReadonlySet<InputName> = new Set(
  INPUT_NAMES.filter(name => (INPUTS[name] as { secret?: boolean }).secret)
)

export const MULTILINE_INPUTS: ReadonlySet<InputName> = new Set(
  INPUT_NAMES.filter(name => (INPUTS[name] as { multiline?: boolean }).multiline)
)

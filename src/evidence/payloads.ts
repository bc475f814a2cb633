import { z } from 'zod'
import { COMMIT, FINGERPRINT } from '../kosli/schemas.js'
import { junitResultSchema, type JUnitResult } from './junit.js'
import { foundPullRequestSchema, type FoundPullRequest } from './pull-requests.js'
import { snykResultsSchema, type SnykResults } from './snyk.js'
import {
  ATTESTATION_NAME,
  type AttestationKind,
  PayloadError,
  attestationSlug,
  splitAttestationName
} from './names.js'

/** Flow and trail names. */
export const KOSLI_NAME = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/

/**
 * A commit as trails and attestations carry it: the Kosli CLI's shape there, never a login or
 * parents (kosli-evidence.md §2.3).
 */
export const gitCommitSchema = z.strictObject({
  sha1: z.string().regex(COMMIT),
  message: z.string().optional(),
  author: z.string().optional(),
  branch: z.string().optional(),
  timestamp: z.number().int().optional(),
  url: z.string().optional()
})

export const repoInfoSchema = z.strictObject({
  name: z.string().min(1),
  url: z.string().min(1),
  id: z.string().min(1),
  description: z.string().optional(),
  provider: z.literal('github')
})

const externalUrlsSchema = z.record(
  z.string().regex(/^[^=.]+$/),
  z.strictObject({ href: z.string().min(1), fingerprint: z.string().regex(FINGERPRINT).optional() })
)

// Keys as the Kosli CLI allows them: the server also allows '-', so these suit both.
const annotationsSchema = z.record(z.string().regex(/^[A-Za-z0-9_]+$/), z.string())

const userDataSchema = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())])

/** data_json of PUT /flows/{org}/template_file. `visibility` is deprecated and not sent. */
const flowTemplateDataSchema = z.strictObject({
  name: z.string().regex(KOSLI_NAME),
  description: z.string()
})

/** data_json of PUT /trails/{org}/{flow}: unset fields are left out so a re-run keeps them. */
const beginTrailDataSchema = z.strictObject({
  name: z.string().regex(KOSLI_NAME),
  description: z.string().optional(),
  user_data: userDataSchema.optional(),
  git_commit_info: gitCommitSchema.optional(),
  repo_info: repoInfoSchema.optional(),
  origin_url: z.string().optional(),
  external_urls: externalUrlsSchema.optional()
})

const commonShape = {
  attestation_name: z.string().regex(ATTESTATION_NAME),
  target_artifacts: z.array(z.string().regex(ATTESTATION_NAME)).length(1).optional(),
  artifact_fingerprint: z.string().regex(FINGERPRINT).optional(),
  git_commit_info: gitCommitSchema.optional(),
  repo_info: repoInfoSchema.optional(),
  origin_url: z.string().optional(),
  external_urls: externalUrlsSchema.optional(),
  annotations: annotationsSchema.optional(),
  // Left out when not given (the CLI sends {}); Kosli stores nothing either way.
  user_data: userDataSchema.optional(),
  description: z.string().optional()
}

export const genericDataSchema = z.strictObject({ ...commonShape, is_compliant: z.boolean() })
export const junitDataSchema = z.strictObject({
  ...commonShape,
  junit_results: z.array(junitResultSchema)
})
const pullRequestDataSchema = z.strictObject({
  ...commonShape,
  git_provider: z.literal('github'),
  pull_requests: z.array(foundPullRequestSchema)
})
const snykDataSchema = z.strictObject({ ...commonShape, snyk_results: snykResultsSchema })
export const customDataSchema = z.strictObject({
  ...commonShape,
  type_name: z.string().min(1),
  // An object, as the CLI sends it; whether a JSON string is also accepted is not known.
  attestation_data: z.record(z.string(), z.unknown())
})

type FlowTemplateData = z.infer<typeof flowTemplateDataSchema>
type BeginTrailData = z.infer<typeof beginTrailDataSchema>
export type GitCommit = z.infer<typeof gitCommitSchema>
export type RepoInfo = z.infer<typeof repoInfoSchema>
export type ExternalUrls = z.infer<typeof externalUrlsSchema>
type GenericData = z.infer<typeof genericDataSchema>
type JUnitData = z.infer<typeof junitDataSchema>
type PullRequestData = z.infer<typeof pullRequestDataSchema>
type SnykData = z.infer<typeof snykDataSchema>
type CustomData = z.infer<typeof customDataSchema>
export type AttestationData = GenericData | JUnitData | PullRequestData | SnykData | CustomData

export {
  type AttestationKind,
  type AttestationType,
  PayloadError,
  parseAttestationType,
  splitAttestationName
} from './names.js'

export interface AttestationCommon {
  /** The `name` input: `<attestation>` or `<artifact>.<attestation>`. */
  name: string
  fingerprint?: string
  gitCommit?: GitCommit
  repoInfo?: RepoInfo
  originUrl?: string
  externalUrls?: ExternalUrls
  annotations?: Record<string, string>
  userData?: Record<string, unknown> | unknown[]
  description?: string
}

type CommonFields = Omit<GenericData, 'is_compliant'>

/** The fields every attestation type shares; anything not given is left out. */
export function commonFields(c: AttestationCommon): CommonFields {
  const split = splitAttestationName(c.name)
  if (split.target_artifacts && !c.fingerprint && !c.gitCommit) {
    throw new PayloadError(
      `name: '${c.name}' binds to the template artifact '${split.target_artifacts[0]}', which needs the commit (git-commit) or a fingerprint.`
    )
  }
  return {
    ...split,
    ...defined('artifact_fingerprint', c.fingerprint),
    ...defined('git_commit_info', c.gitCommit),
    ...defined('repo_info', c.repoInfo),
    ...defined('origin_url', c.originUrl),
    ...defined('external_urls', nonEmpty(c.externalUrls)),
    ...defined('annotations', nonEmpty(c.annotations)),
    ...defined('user_data', c.userData),
    ...defined('description', c.description || undefined)
  }
}

export function genericData(c: AttestationCommon, compliant: boolean): GenericData {
  return genericDataSchema.parse({ ...commonFields(c), is_compliant: compliant })
}

export function junitData(c: AttestationCommon, results: JUnitResult[]): JUnitData {
  return junitDataSchema.parse({ ...commonFields(c), junit_results: results })
}

/** `pull_requests` is always a list: `[]` when none was found (Kosli rejects null). */
export function pullRequestData(c: AttestationCommon, pulls: FoundPullRequest[]): PullRequestData {
  return pullRequestDataSchema.parse({
    ...commonFields(c),
    git_provider: 'github',
    pull_requests: pulls
  })
}

export function snykData(c: AttestationCommon, results: SnykResults): SnykData {
  return snykDataSchema.parse({ ...commonFields(c), snyk_results: results })
}

export function customData(
  c: AttestationCommon,
  typeName: string,
  data: Record<string, unknown>
): CustomData {
  return customDataSchema.parse({ ...commonFields(c), type_name: typeName, attestation_data: data })
}

interface BeginTrailInput {
  name: string
  description?: string
  userData?: Record<string, unknown> | unknown[]
  gitCommit?: GitCommit
  repoInfo?: RepoInfo
  originUrl?: string
  externalUrls?: ExternalUrls
}

/** Only the fields that are set: Kosli overwrites a trail's description and user data when sent. */
export function beginTrailData(input: BeginTrailInput): BeginTrailData {
  return beginTrailDataSchema.parse({
    name: input.name,
    ...defined('description', input.description),
    ...defined('user_data', input.userData),
    ...defined('git_commit_info', input.gitCommit),
    ...defined('repo_info', input.repoInfo),
    ...defined('origin_url', input.originUrl),
    ...defined('external_urls', nonEmpty(input.externalUrls))
  })
}

/** `description` is required and replaces the stored one: pass what Kosli holds to keep it. */
export function flowTemplateData(name: string, description: string): FlowTemplateData {
  return flowTemplateDataSchema.parse({ name, description })
}

/** Paths under /api/v2, each segment encoded. */
export const evidencePaths = {
  flowTemplate: (org: string) => `/flows/${enc(org)}/template_file`,
  trail: (org: string, flow: string) => `/trails/${enc(org)}/${enc(flow)}`,
  getTrail: (org: string, flow: string, trail: string) =>
    `/trails/${enc(org)}/${enc(flow)}/${enc(trail)}`,
  attestation: (org: string, flow: string, trail: string, kind: AttestationKind) =>
    `/attestations/${enc(org)}/${enc(flow)}/trail/${enc(trail)}/${attestationSlug(kind)}`
}

interface AssertQuery {
  /** Undefined: no flow_name, so Kosli asserts across every flow that holds the artifact. */
  flow?: string
  environment?: string
  policies?: readonly string[]
}

/** GET /asserts/{org}/fingerprint/{fp}: flow_name when given, plus environment_name or each policy_name. */
export function assertPath(org: string, fp: string, query: AssertQuery): string {
  const policies = query.policies ?? []
  if (query.environment && policies.length > 0) {
    throw new PayloadError('environment and policy cannot be used together; give one of them.')
  }
  const params = new URLSearchParams()
  if (query.flow) params.set('flow_name', query.flow)
  if (query.environment) params.set('environment_name', query.environment)
  for (const policy of policies) params.append('policy_name', policy)
  const search = params.toString()
  return `/asserts/${enc(org)}/fingerprint/${enc(fp)}${search ? `?${search}` : ''}`
}

function enc(segment: string): string {
  return encodeURIComponent(segment)
}

function defined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>)
}

function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value && Object.keys(value).length > 0 ? value : undefined
}

import { randomUUID } from 'node:crypto'
import busboy from 'busboy'
import { parseDocument } from 'yaml'
import { z } from 'zod'
import { fieldProblems, type Answer, type StandInRequest } from './http-stand-in.js'

// Kosli's flows, trails, attestations and asserts, written from Kosli's published API (OpenAPI
// v2, CLI behaviour) and never from the action's source, so that the two can disagree.

const VALIDATION_FAILED = 'Input payload validation failed'
/** Kosli's cap on one uploaded file. */
export const MAX_FILE_BYTES = 10_000_000

const sha1 = /^[a-f0-9]{40}$/
const fingerprint = /^[a-f0-9]{64}$/
const kosliName = /^[a-zA-Z0-9][a-zA-Z0-9\-_.~]*$/
const attestationName = /^[a-zA-Z0-9\-_,]+$/

const gitCommit = z.strictObject({
  sha1: z.string().regex(sha1),
  message: z.string().nullish(),
  author: z.string().nullish(),
  author_username: z.string().nullish(),
  branch: z.string().nullish(),
  timestamp: z.number().nullish(),
  url: z.string().nullish(),
  parents: z.array(z.string()).nullish()
})

const repoInfo = z.strictObject({
  name: z.string(),
  url: z.string(),
  id: z.string().nullish(),
  description: z.string().nullish(),
  provider: z.enum(['github', 'gitlab', 'bitbucket', 'azure-devops', 'circleci']).nullish()
})

const externalUrls = z.record(
  z.string().regex(/^[^=.]+$/),
  z.strictObject({ href: z.string(), fingerprint: z.string().regex(fingerprint).optional() })
)

const userData = z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).nullish()

/** data_json of PUT /flows/{org}/template_file (CreateFlow). */
export const createFlowSchema = z.strictObject({
  name: z.string().regex(kosliName),
  description: z.string(),
  // Deprecated: still accepted when sent.
  visibility: z.enum(['public', 'private']).optional()
})

/** data_json of PUT /trails/{org}/{flow} (CreateTrail); `annotations` is not a CreateTrail field. */
export const createTrailSchema = z.strictObject({
  name: z.string().regex(kosliName),
  description: z.string().nullish(),
  user_data: userData,
  git_commit_info: gitCommit.nullish(),
  repo_info: repoInfo.nullish(),
  origin_url: z.string().nullish(),
  external_urls: externalUrls.nullish()
})

const common = {
  attestation_name: z.string().regex(attestationName),
  target_artifacts: z.array(z.string().regex(attestationName)).nullish(),
  artifact_fingerprint: z.string().regex(fingerprint).nullish(),
  git_commit_info: gitCommit.nullish(),
  repo_info: repoInfo.nullish(),
  origin_url: z.string().nullish(),
  external_urls: externalUrls.nullish(),
  annotations: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.string()).nullish(),
  user_data: userData,
  description: z.string().nullish()
}

const junitResult = z.strictObject({
  name: z.string(),
  failures: z.number().int(),
  errors: z.number().int(),
  skipped: z.number().int(),
  total: z.number().int(),
  duration: z.number(),
  timestamp: z.number().nullish()
})

const approver = z.strictObject({
  username: z.string(),
  state: z.string(),
  timestamp: z.number()
})

// A pull request's commit: a GitCommit plus the signature check (omitted for unsigned commits).
const pullRequestCommit = gitCommit.extend({
  verified: z.boolean().nullish(),
  signature_state: z.string().nullish()
})

// The published schema plus what Kosli's service has accepted since 2026-06-16 (its changelog;
// the CLI sends them since v2.27.0): base_ref, and each commit's verified and signature_state.
const pullRequestV2 = z.strictObject({
  url: z.string(),
  state: z.string(),
  author: z.string(),
  title: z.string(),
  created_at: z.number(),
  merged_at: z.number().nullish(),
  head_ref: z.string(),
  base_ref: z.string().nullish(),
  merge_commit: z.string().regex(sha1).nullish(),
  approvers: z.array(approver).nullish(),
  commits: z.array(pullRequestCommit)
})

/** The keys a server from before 2026-06-16 forbids, as `extra="forbid"` refuses them. */
const NEWER_PULL_REQUEST_KEYS = ['base_ref'] as const
const NEWER_COMMIT_KEYS = ['verified', 'signature_state'] as const

const pullRequestV1 = z.strictObject({
  url: z.string(),
  state: z.string(),
  merge_commit: z.union([z.string().regex(sha1), z.literal('')]),
  approvers: z.array(z.string()).nullish()
})

const issue = z.object({
  id: z.string(),
  message: z.string(),
  // Required in the published schema; the CLI leaves it out for results without a region.
  locations: z.array(z.strictObject({ uri: z.string(), lines: z.string().optional() })).nullish(),
  priority_score: z.number().nullish()
})

const snykResults = z.strictObject({
  schema_version: z.number().int().optional(),
  tool: z.strictObject({ name: z.string(), version: z.string() }),
  results: z.array(
    z.strictObject({
      high_count: z.number().int(),
      medium_count: z.number().int(),
      low_count: z.number().int(),
      high: z.array(issue).nullish(),
      medium: z.array(issue).nullish(),
      low: z.array(issue).nullish()
    })
  )
})

// sbom, decision, sonar and jira: not in Kosli's published OpenAPI snapshot; these follow the
// Kosli CLI's structs (attestSbom.go 233cacf, sbom.go 0001fd1, attestDecision.go, sonar.go and
// jira.go at 71ac0f3), which its integration tests send to Kosli's server.
const sbomData = z.strictObject({
  format: z.string().regex(/^(cyclonedx|spdx)-\d+\.\d+$/),
  original_fingerprint: z.string().regex(fingerprint),
  document: z.strictObject({
    // The server upper-cases the value before its RFC 3339 check.
    created_at: z
      .string()
      .refine(v => z.iso.datetime({ offset: true }).safeParse(v.toUpperCase()).success)
      .nullable(),
    tools: z.array(z.string()).nullable(),
    subject: z
      .strictObject({
        name: z.string(),
        version: z.string().nullable(),
        purl: z.string().nullable(),
        sha256: z.string().regex(fingerprint).nullable()
      })
      .nullable(),
    package_count: z.number().int()
  })
})

const systemAttestation = z.discriminatedUnion('type_name', [
  z.strictObject({ ...common, type_name: z.literal('sbom'), attestation_data: sbomData }),
  z.strictObject({
    ...common,
    type_name: z.literal('decision'),
    control: z.string().min(1),
    attestation_data: z.strictObject({ is_compliant: z.boolean() })
  })
])

const sonarResults = z.strictObject({
  serverUrl: z.string(),
  taskId: z.string(),
  status: z.string(),
  analysedAt: z.string(),
  revision: z.string(),
  project: z.strictObject({ key: z.string(), name: z.string().optional(), url: z.string() }),
  branch: z.strictObject({ name: z.string().optional(), type: z.string().optional() }).optional(),
  pullRequest: z.string().optional(),
  qualityGate: z
    .strictObject({
      status: z.string(),
      conditions: z.array(
        z.strictObject({
          metric: z.string(),
          errorThreshold: z.string(),
          operator: z.string(),
          value: z.string().optional(),
          status: z.string()
        })
      )
    })
    .optional()
})

const jiraResult = z.strictObject({
  issue_id: z.string(),
  issue_url: z.string(),
  issue_exists: z.boolean(),
  issue_fields: z.record(z.string(), z.unknown()).optional()
})

export const attestationSchemas = {
  generic: z.strictObject({ ...common, is_compliant: z.boolean() }),
  junit: z.strictObject({ ...common, junit_results: z.array(junitResult) }),
  pull_request: z.strictObject({
    ...common,
    git_provider: z.enum(['github', 'gitlab', 'bitbucket', 'azure']),
    pull_requests: z.array(z.union([pullRequestV2, pullRequestV1]))
  }),
  snyk: z.strictObject({ ...common, snyk_results: snykResults }),
  custom: z.strictObject({
    ...common,
    type_name: z.string().min(1),
    // Any JSON, as the CLI embeds the file it is given.
    attestation_data: z.json()
  }),
  system: systemAttestation,
  sonar: z.strictObject({ ...common, sonar_results: sonarResults }),
  jira: z.strictObject({ ...common, jira_results: z.array(jiraResult) })
} as const

export type AttestationKind = keyof typeof attestationSchemas
type CommonFields = z.infer<z.ZodObject<typeof common>>

const expectedAttestation = z.strictObject({
  name: z.string(),
  type: z.union([
    z.enum(['generic', 'junit', 'snyk', 'pull_request', 'jira', 'sonar', 'decision', 'sbom', '*']),
    z.string().regex(/^custom:.+$/)
  ])
})

/** Flow template version 1: every level closed. */
export const templateSchema = z.strictObject({
  version: z.literal(1).default(1),
  trail: z
    .strictObject({
      attestations: z.array(expectedAttestation).nullish(),
      artifacts: z
        .array(
          z.strictObject({ name: z.string(), attestations: z.array(expectedAttestation).nullish() })
        )
        .nullish()
    })
    .nullish()
})

export type Template = z.infer<typeof templateSchema>

export interface UploadedFile {
  field: string
  filename: string | undefined
  contentType: string
  size: number
  bytes: Buffer
}

/** A multipart request as the stand-in parsed it (rejected ones included). */
export interface ReceivedMultipart {
  seq: number
  method: string
  path: string
  dataJson: unknown
  files: UploadedFile[]
  status: number
}

export interface EvidenceFlow {
  org: string
  name: string
  description: string
  template: Template
  /** The template file's text as uploaded; null for a flow that got none. */
  templateYaml: string | null
  writes: number
}

export interface EvidenceTrail {
  org: string
  flow: string
  name: string
  description: string | null
  userData: unknown
  gitCommitInfo: z.infer<typeof gitCommit> | null
  repoInfo: z.infer<typeof repoInfo> | null
  originUrl: string | null
  externalUrls: Record<string, { href: string; fingerprint?: string }> | null
  /** The trail's own template; null: it follows the flow's. */
  template: Template | null
  createdAt: number
  lastModifiedAt: number
  writes: number
  events: Array<Record<string, unknown>>
}

export interface RecordedAttestation {
  id: string
  org: string
  flow: string
  trail: string
  kind: AttestationKind
  /** `custom:<type>` for custom, else the kind. */
  type: string
  name: string
  targetArtifacts: string[]
  fingerprint: string | null
  commit: string | null
  data: Record<string, unknown>
  attachment: UploadedFile | null
  /** As this stand-in judges it (see judge()); null: not decided. */
  isCompliant: boolean | null
  createdAt: number
}

export interface PolicyRule {
  name: string
  /** Default '*': any type. */
  type?: string
}

export interface Policy {
  name: string
  attestations: PolicyRule[]
}

/** What the Kosli stand-in shares with these routes. */
export interface EvidenceHost {
  readonly url: string
  addFlow(org: string, flow: string): void
  artifacts(where?: { org?: string; flow?: string }): Array<{
    org: string
    flow: string
    fingerprint: string
    filename: string
    trail_name: string | null
    template_reference_name: string | null
    git_commit: string | null
    state: string
  }>
}

export interface EvidenceAccess {
  authenticate(req: StandInRequest): Answer | undefined
  orgFlows(): ReadonlyMap<string, ReadonlySet<string>>
}

type Artifact = ReturnType<EvidenceHost['artifacts']>[number]

interface Status {
  attestation_name: string
  attestation_type: string
  attestation_id: string | null
  status: 'COMPLETE' | 'MISSING'
  is_compliant: boolean | null
  unexpected: boolean
}

/** Flows with templates, trails, attestations and asserts, mounted in the Kosli stand-in. */
export class KosliEvidence {
  /** Multipart requests as parsed, in order. */
  readonly received: ReceivedMultipart[] = []
  /** Attestations to a trail that was never begun create it (Kosli's docs say so). */
  autoCreateTrails = false
  /**
   * A server from before 2026-06-16 (an old self-hosted one): pull request evidence with
   * base_ref, verified or signature_state is refused with a 400 naming each.
   */
  beforePullRequestSignatures = false
  private flowStore = new Map<string, EvidenceFlow>()
  private trailStore = new Map<string, EvidenceTrail>()
  private attestationStore: RecordedAttestation[] = []
  private environments = new Map<string, string[]>()
  private policies = new Map<string, Policy>()
  private customTypes = new Map<string, (data: Record<string, unknown>) => boolean>()

  constructor(
    private readonly host: EvidenceHost,
    private readonly access: EvidenceAccess
  ) {}

  reset(): void {
    this.received.length = 0
    this.autoCreateTrails = false
    this.beforePullRequestSignatures = false
    this.flowStore = new Map()
    this.trailStore = new Map()
    this.attestationStore = []
    this.environments = new Map()
    this.policies = new Map()
    this.customTypes = new Map()
  }

  flow(org: string, name: string): EvidenceFlow | undefined {
    return this.flowStore.get(key(org, name))
  }

  trail(org: string, flow: string, name: string): EvidenceTrail | undefined {
    return this.trailStore.get(key(org, flow, name))
  }

  trails(): EvidenceTrail[] {
    return [...this.trailStore.values()]
  }

  attestations(where: { org?: string; flow?: string; trail?: string } = {}): RecordedAttestation[] {
    return this.attestationStore.filter(
      a =>
        (!where.org || a.org === where.org) &&
        (!where.flow || a.flow === where.flow) &&
        (!where.trail || a.trail === where.trail)
    )
  }

  /** A custom attestation type; `evaluate` stands for its jq rules (default: always compliant). */
  seedCustomType(
    org: string,
    name: string,
    evaluate: (data: Record<string, unknown>) => boolean = () => true
  ): void {
    this.customTypes.set(key(org, name), evaluate)
  }

  seedPolicy(org: string, policy: Policy): void {
    this.policies.set(key(org, policy.name), policy)
  }

  /** An environment and the names of its policies (seed them with seedPolicy). */
  seedEnvironment(org: string, name: string, policies: string[] = []): void {
    this.environments.set(key(org, name), policies)
  }

  /** Begin a trail directly, as if PUT with only a name. */
  seedTrail(
    org: string,
    flow: string,
    name: string,
    template: Template | null = null
  ): EvidenceTrail {
    this.host.addFlow(org, flow)
    const trail = this.newTrail(org, flow, name)
    trail.template = template
    this.trailStore.set(key(org, flow, name), trail)
    return trail
  }

  /** The routes of this module; undefined for any other request (the stand-in handles it). */
  handle(req: StandInRequest): Promise<Answer> | undefined {
    const [api, version, resource, ...rest] = req.segments
    if (api !== 'api' || version !== 'v2') return undefined
    const route = matchRoute(resource, rest)
    if (!route) return undefined
    if (route.method !== req.method) {
      return Promise.resolve(error(405, 'The method is not allowed for the requested URL.'))
    }
    const denied = this.access.authenticate(req)
    if (denied) return Promise.resolve(denied)
    const org = rest[0]
    if (!this.access.orgFlows().has(org)) {
      return Promise.resolve(error(404, `Organization '${org}' not found`))
    }
    switch (route.name) {
      case 'put-flow':
        return this.putFlow(req, org)
      case 'get-flow':
        return Promise.resolve(this.getFlow(org, rest[1]))
      case 'put-trail':
        return this.putTrail(req, org, rest[1])
      case 'get-trail':
        return Promise.resolve(this.getTrail(org, rest[1], rest[2]))
      case 'attest':
        return this.attest(req, org, rest[1], rest[3], rest[4])
      case 'assert':
        return Promise.resolve(this.assert(req, org, rest[2]))
    }
  }

  private hasFlow(org: string, flow: string): boolean {
    return this.access.orgFlows().get(org)?.has(flow) ?? false
  }

  private flowTemplate(org: string, flow: string): Template {
    return this.flow(org, flow)?.template ?? { version: 1 }
  }

  private async putFlow(req: StandInRequest, org: string): Promise<Answer> {
    const form = await this.multipart(req, ['template_file'])
    if ('answer' in form) return form.answer
    const parsed = validate(createFlowSchema, form.dataJson)
    if ('answer' in parsed) return this.answered(form, parsed.answer)
    const templateFile = form.files.template_file
    let template: Template | undefined
    if (templateFile) {
      const checked = parseTemplate(templateFile.bytes)
      if ('answer' in checked) return this.answered(form, checked.answer)
      template = checked.template
    }
    const name = parsed.data.name
    const existing = this.flow(org, name)
    const created = !this.hasFlow(org, name)
    this.host.addFlow(org, name)
    this.flowStore.set(key(org, name), {
      org,
      name,
      description: parsed.data.description,
      // Without a file a flow keeps its template; a new one gets the empty template.
      template: template ?? existing?.template ?? { version: 1 },
      templateYaml: templateFile
        ? templateFile.bytes.toString('utf8')
        : (existing?.templateYaml ?? null),
      writes: (existing?.writes ?? 0) + 1
    })
    return this.answered(form, { status: created ? 201 : 200, body: {} })
  }

  private getFlow(org: string, name: string): Answer {
    if (!this.hasFlow(org, name)) return flowNotFound(org, name)
    const flow = this.flow(org, name)
    return {
      status: 200,
      body: {
        name,
        description: flow?.description ?? '',
        visibility: 'private',
        org,
        template: flow?.template ?? { version: 1 },
        repo_url: null,
        tags: {}
      }
    }
  }

  private async putTrail(req: StandInRequest, org: string, flow: string): Promise<Answer> {
    if (!this.hasFlow(org, flow)) return flowNotFound(org, flow)
    const form = await this.multipart(req, ['template_file'])
    if ('answer' in form) return form.answer
    const parsed = validate(createTrailSchema, form.dataJson)
    if ('answer' in parsed) return this.answered(form, parsed.answer)
    let template: Template | undefined
    if (form.files.template_file) {
      const checked = parseTemplate(form.files.template_file.bytes)
      if ('answer' in checked) return this.answered(form, checked.answer)
      template = checked.template
    }
    const body = parsed.data
    const k = key(org, flow, body.name)
    const existing = this.trailStore.get(k)
    const trail = existing ?? this.newTrail(org, flow, body.name)
    // Only the keys sent are written: a re-run that leaves one out keeps what is stored.
    if ('description' in body) trail.description = body.description ?? null
    if ('user_data' in body) trail.userData = body.user_data ?? null
    if ('git_commit_info' in body) trail.gitCommitInfo = body.git_commit_info ?? null
    if ('repo_info' in body) trail.repoInfo = body.repo_info ?? null
    if ('origin_url' in body) trail.originUrl = body.origin_url ?? null
    if ('external_urls' in body) trail.externalUrls = body.external_urls ?? null
    // Whether a re-run without a file resets the trail's template is not known: it is kept here.
    if (template) trail.template = template
    trail.writes += 1
    trail.lastModifiedAt = nowSeconds()
    trail.events.push({
      type: existing ? 'trail_updated' : 'trail_reported',
      timestamp: trail.lastModifiedAt
    })
    this.trailStore.set(k, trail)
    return this.answered(form, { status: existing ? 200 : 201, body: {} })
  }

  private newTrail(org: string, flow: string, name: string): EvidenceTrail {
    const now = nowSeconds()
    return {
      org,
      flow,
      name,
      description: null,
      userData: null,
      gitCommitInfo: null,
      repoInfo: null,
      originUrl: null,
      externalUrls: null,
      template: null,
      createdAt: now,
      lastModifiedAt: now,
      writes: 0,
      events: []
    }
  }

  private async attest(
    req: StandInRequest,
    org: string,
    flow: string,
    trailName: string,
    kindSegment: string
  ): Promise<Answer> {
    if (!(kindSegment in attestationSchemas)) return notFoundRoute()
    const kind = kindSegment as AttestationKind
    if (!this.hasFlow(org, flow)) return flowNotFound(org, flow)
    const form = await this.multipart(req, ['attachment_file'])
    if ('answer' in form) return form.answer
    if (kind === 'pull_request' && this.beforePullRequestSignatures) {
      const refused = newerPullRequestKeys(form.dataJson)
      if (Object.keys(refused).length > 0) return this.answered(form, validationError(refused))
    }
    const parsed = validate(attestationSchemas[kind] as z.ZodType<unknown>, form.dataJson)
    if ('answer' in parsed) return this.answered(form, parsed.answer)
    const data = parsed.data as Record<string, unknown> & CommonFields
    let trail = this.trail(org, flow, trailName)
    if (!trail) {
      if (!this.autoCreateTrails) {
        return this.answered(
          form,
          error(
            404,
            `Trail with name '${trailName}' does not exist for Organization '${org}' and Flow '${flow}'`
          )
        )
      }
      trail = this.seedTrail(org, flow, trailName)
    }
    const targets = data.target_artifacts ?? []
    const fp = data.artifact_fingerprint ?? null
    if (targets.length > 0 && !fp && !data.git_commit_info) {
      return this.answered(
        form,
        error(
          400,
          'An attestation for target_artifacts requires at least one of: artifact_fingerprint or git_commit_info.'
        )
      )
    }
    if (
      fp &&
      !this.host
        .artifacts({ org, flow })
        .some(a => a.fingerprint === fp && a.trail_name === trailName)
    ) {
      return this.answered(
        form,
        error(
          404,
          `Artifact with fingerprint ${fp} does not exist in trail "${trailName}" of flow "${flow}" belonging to organization "${org}"`
        )
      )
    }
    let type: string = kind
    if (kind === 'custom') {
      const typeName = String(data.type_name)
      if (!this.customTypes.has(key(org, typeName))) {
        return this.answered(
          form,
          error(
            404,
            `Custom attestation type '${typeName}' does not exist for organization '${org}'`
          )
        )
      }
      type = `custom:${typeName}`
    }
    if (kind === 'system') type = String(data.type_name)
    const attestation: RecordedAttestation = {
      id: randomUUID(),
      org,
      flow,
      trail: trailName,
      kind,
      type,
      name: data.attestation_name,
      targetArtifacts: targets,
      fingerprint: fp,
      commit: data.git_commit_info?.sha1 ?? null,
      data,
      attachment: form.files.attachment_file ?? null,
      isCompliant: this.judge(org, kind, data),
      createdAt: nowSeconds()
    }
    this.attestationStore.push(attestation)
    trail.lastModifiedAt = attestation.createdAt
    trail.events.push({
      type: fp || targets.length ? 'artifact_attestation_reported' : 'trail_attestation_reported',
      timestamp: attestation.createdAt,
      attestation_type: type,
      attestation_id: attestation.id,
      is_compliant: attestation.isCompliant
    })
    return this.answered(form, { status: 201, body: {} })
  }

  /**
   * Compliance as this stand-in decides it: generic by its flag, junit without failures or
   * errors, pull_request with at least one pull request, snyk without issues, custom by its type.
   */
  private judge(org: string, kind: AttestationKind, data: Record<string, unknown>): boolean {
    switch (kind) {
      case 'generic':
        return data.is_compliant === true
      case 'junit':
        return (data.junit_results as Array<{ failures: number; errors: number }>).every(
          r => r.failures + r.errors === 0
        )
      case 'pull_request':
        return (data.pull_requests as unknown[]).length > 0
      case 'snyk':
        return (data.snyk_results as z.infer<typeof snykResults>).results.every(
          r => r.high_count + r.medium_count + r.low_count === 0
        )
      case 'custom': {
        const evaluate = this.customTypes.get(key(org, String(data.type_name)))
        return evaluate ? evaluate(data.attestation_data as Record<string, unknown>) : true
      }
      // A decision is what it says; an SBOM is recorded as it is (no policy here judges it).
      case 'system':
        return data.type_name === 'decision'
          ? (data.attestation_data as { is_compliant: boolean }).is_compliant
          : true
      case 'sonar':
        return (
          (data.sonar_results as { qualityGate?: { status: string } }).qualityGate?.status === 'OK'
        )
      case 'jira': {
        const results = data.jira_results as Array<{ issue_exists: boolean }>
        return results.length > 0 && results.every(r => r.issue_exists)
      }
    }
  }

  private effectiveTemplate(trail: EvidenceTrail): Template {
    return trail.template ?? this.flowTemplate(trail.org, trail.flow)
  }

  /** The statuses of the expected attestations, then of the unexpected ones recorded. */
  private statuses(
    expected: Array<{ name: string; type: string }>,
    recorded: RecordedAttestation[]
  ): Status[] {
    const latest = new Map<string, RecordedAttestation>()
    for (const a of recorded) latest.set(a.name, a)
    const statuses: Status[] = expected.map(e => {
      const found = latest.get(e.name)
      const matches = found && (e.type === '*' || e.type === found.type)
      return {
        attestation_name: e.name,
        attestation_type: e.type,
        attestation_id: matches ? found.id : null,
        status: matches ? 'COMPLETE' : 'MISSING',
        is_compliant: matches ? found.isCompliant : null,
        unexpected: false
      }
    })
    for (const [name, a] of latest) {
      if (expected.some(e => e.name === name)) continue
      statuses.push({
        attestation_name: name,
        attestation_type: a.type,
        attestation_id: a.id,
        status: 'COMPLETE',
        is_compliant: a.isCompliant,
        unexpected: true
      })
    }
    return statuses
  }

  /** Attestations bound to an artifact: by fingerprint, or by template name and commit. */
  private boundTo(artifact: Artifact, trail: EvidenceTrail): RecordedAttestation[] {
    return this.attestations({ org: trail.org, flow: trail.flow, trail: trail.name }).filter(
      a =>
        a.fingerprint === artifact.fingerprint ||
        (a.fingerprint === null &&
          artifact.template_reference_name !== null &&
          a.targetArtifacts.includes(artifact.template_reference_name) &&
          (a.commit === null || artifact.git_commit === null || a.commit === artifact.git_commit))
    )
  }

  private trailLevel(trail: EvidenceTrail): RecordedAttestation[] {
    return this.attestations({ org: trail.org, flow: trail.flow, trail: trail.name }).filter(
      a => a.fingerprint === null && a.targetArtifacts.length === 0
    )
  }

  private artifactStatus(
    trail: EvidenceTrail,
    templateName: string,
    artifact: Artifact | undefined
  ): Record<string, unknown> {
    const spec = (this.effectiveTemplate(trail).trail?.artifacts ?? []).find(
      a => a.name === templateName
    )
    const expected = spec?.attestations ?? []
    const recorded = artifact
      ? this.boundTo(artifact, trail)
      : this.attestations({ org: trail.org, flow: trail.flow, trail: trail.name }).filter(a =>
          a.targetArtifacts.includes(templateName)
        )
    const statuses = this.statuses(expected, recorded)
    return {
      status: artifact ? overall(statuses) : 'MISSING',
      artifact_fingerprint: artifact?.fingerprint ?? null,
      is_compliant: artifact ? overall(statuses) === 'COMPLIANT' : false,
      attestations_statuses: statuses,
      unexpected: spec === undefined,
      evaluated_at: nowSeconds(),
      flow_template_id: null
    }
  }

  private trailCompliance(trail: EvidenceTrail): Record<string, unknown> {
    const template = this.effectiveTemplate(trail)
    const trailStatuses = this.statuses(template.trail?.attestations ?? [], this.trailLevel(trail))
    const reported = this.host
      .artifacts({ org: trail.org, flow: trail.flow })
      .filter(a => a.trail_name === trail.name)
    const artifacts: Record<string, Record<string, unknown>> = {}
    for (const spec of template.trail?.artifacts ?? []) {
      artifacts[spec.name] = this.artifactStatus(
        trail,
        spec.name,
        reported.find(a => a.template_reference_name === spec.name)
      )
    }
    for (const a of reported) {
      const name = a.template_reference_name ?? a.filename
      artifacts[name] ??= this.artifactStatus(trail, name, a)
    }
    const states = [overall(trailStatuses), ...Object.values(artifacts).map(a => String(a.status))]
    const status = states.includes('NON-COMPLIANT')
      ? 'NON-COMPLIANT'
      : states.some(s => s === 'INCOMPLETE' || s === 'MISSING')
        ? 'INCOMPLETE'
        : 'COMPLIANT'
    return {
      status,
      is_compliant: status === 'COMPLIANT',
      attestations_statuses: trailStatuses,
      artifacts_statuses: artifacts,
      evaluated_at: nowSeconds(),
      flow_template_id: null
    }
  }

  private trailUrl(trail: EvidenceTrail): string {
    return `${this.host.url}/${trail.org}/flows/${trail.flow}/trails/${trail.name}`
  }

  private getTrail(org: string, flow: string, name: string): Answer {
    if (!this.hasFlow(org, flow)) return flowNotFound(org, flow)
    const trail = this.trail(org, flow, name)
    if (!trail) {
      return error(
        404,
        `Trail with name '${name}' does not exist for Organization '${org}' and Flow '${flow}'`
      )
    }
    const compliance = this.trailCompliance(trail)
    return {
      status: 200,
      body: {
        name: trail.name,
        description: trail.description,
        compliance_state: compliance.status,
        is_compliant: compliance.is_compliant,
        compliance_status: compliance,
        template: this.effectiveTemplate(trail),
        git_commit_info: trail.gitCommitInfo,
        origin_url: trail.originUrl,
        user_data: trail.userData,
        external_urls: trail.externalUrls,
        repo_ids: [],
        created_at: trail.createdAt,
        last_modified_at: trail.lastModifiedAt,
        created_by: 'stand-in',
        flow: { name: trail.flow, tags: {} },
        html_url: this.trailUrl(trail),
        events: trail.events
      }
    }
  }

  private assert(req: StandInRequest, org: string, fp: string): Answer {
    const allowed = new Set(['flow_name', 'environment_name', 'policy_name'])
    const errors: Record<string, string> = {}
    for (const name of new Set(req.query.keys())) {
      if (!allowed.has(name))
        errors[name] = `Unknown query parameter [input: ${req.query.get(name)}]`
    }
    for (const name of ['flow_name', 'environment_name']) {
      if (req.query.getAll(name).length > 1) errors[name] = 'Given more than once'
    }
    const flowName = req.query.get('flow_name')
    const environment = req.query.get('environment_name')
    const policyNames = req.query.getAll('policy_name')
    if (environment !== null && policyNames.length > 0) {
      errors.policy_name = 'Cannot be combined with environment_name'
    }
    if (!fingerprint.test(fp))
      errors.fingerprint = `String should match pattern '^[a-f0-9]{64}$' [input: ${fp}]`
    if (Object.keys(errors).length > 0)
      return { status: 400, body: { message: VALIDATION_FAILED, errors } }
    if (flowName !== null && !this.hasFlow(org, flowName)) return flowNotFound(org, flowName)

    const found = this.host
      .artifacts({ org, ...(flowName === null ? {} : { flow: flowName }) })
      .filter(a => a.fingerprint === fp)
    if (found.length === 0) {
      return error(
        404,
        flowName === null
          ? `Artifact with fingerprint '${fp}' does not exist in organization '${org}'`
          : `Artifact with fingerprint '${fp}' does not exist in flow '${flowName}' belonging to organization '${org}'`
      )
    }
    let policies: Policy[] | null = null
    if (environment !== null) {
      const attached = this.environments.get(key(org, environment))
      if (!attached)
        return error(
          404,
          `Environment named '${environment}' does not exist for organization '${org}'`
        )
      policies = attached
        .map(p => this.policies.get(key(org, p)))
        .filter((p): p is Policy => p !== undefined)
    } else if (policyNames.length > 0) {
      policies = []
      for (const name of policyNames) {
        const policy = this.policies.get(key(org, name))
        if (!policy)
          return error(404, `Policy named '${name}' does not exist for organization '${org}'`)
        policies.push(policy)
      }
    }

    const flows = found.map(artifact => this.artifactInFlow(artifact))
    const first = flows[0]
    const policyEvaluations = policies === null ? null : policies.map(p => this.evaluate(p, found))
    // An environment with no policy attached is ignored (§4): the flows' compliance decides.
    const compliant =
      policyEvaluations === null || (environment !== null && policyEvaluations.length === 0)
        ? flows.every(f => f.compliant)
        : policyEvaluations.every(p => p.status === 'COMPLIANT')
    return {
      status: 200,
      body: {
        compliant,
        scope: environment !== null ? 'environment' : policyNames.length > 0 ? 'policy' : 'flow',
        fingerprint: fp,
        flow: first.flow,
        trail: first.trail,
        compliance_status: first.compliance_status,
        html_url: first.html_url,
        flows,
        environment,
        policy_evaluations: policyEvaluations
      }
    }
  }

  private artifactInFlow(artifact: Artifact): {
    flow: string
    trail: string
    compliant: boolean
    compliance_status: Record<string, unknown>
    html_url: string
  } {
    const trail = artifact.trail_name
      ? this.trail(artifact.org, artifact.flow, artifact.trail_name)
      : undefined
    if (!trail) {
      // No trail known here: the artifact's own state is all there is.
      return {
        flow: artifact.flow,
        trail: artifact.trail_name ?? '',
        compliant: artifact.state === 'COMPLIANT',
        compliance_status: {
          status: artifact.state,
          is_compliant: artifact.state === 'COMPLIANT',
          attestations_statuses: []
        },
        html_url: `${this.host.url}/${artifact.org}/flows/${artifact.flow}/artifacts/${artifact.fingerprint}`
      }
    }
    const name = artifact.template_reference_name ?? artifact.filename
    const own = this.artifactStatus(trail, name, artifact)
    const trailStatuses = this.statuses(
      this.effectiveTemplate(trail).trail?.attestations ?? [],
      this.trailLevel(trail)
    )
    const statuses = [...trailStatuses, ...(own.attestations_statuses as Status[])]
    const status = artifact.state === 'NON-COMPLIANT' ? 'NON-COMPLIANT' : overall(statuses)
    return {
      flow: artifact.flow,
      trail: trail.name,
      compliant: status === 'COMPLIANT',
      compliance_status: {
        status,
        is_compliant: status === 'COMPLIANT',
        attestations_statuses: statuses,
        evaluated_at: nowSeconds(),
        unexpected: own.unexpected
      },
      html_url: this.trailUrl(trail)
    }
  }

  /** A policy's attestation rules against every occurrence of the artifact (its trail and itself). */
  private evaluate(
    policy: Policy,
    occurrences: Artifact[]
  ): Record<string, unknown> & { status: string } {
    const ruleEvaluations = policy.attestations.map(rule => {
      const type = rule.type ?? '*'
      const resolutions: Array<Record<string, unknown>> = []
      for (const artifact of occurrences) {
        const trail = artifact.trail_name
          ? this.trail(artifact.org, artifact.flow, artifact.trail_name)
          : undefined
        const recorded = trail ? [...this.trailLevel(trail), ...this.boundTo(artifact, trail)] : []
        const found = recorded
          .filter(a => a.name === rule.name && (type === '*' || a.type === type))
          .pop()
        const context = {
          flow_name: artifact.flow,
          trail_name: artifact.trail_name,
          artifact_status: artifact.state
        }
        resolutions.push({
          type: !found
            ? 'missing_attestation'
            : found.isCompliant === false
              ? 'non_compliant_attestation'
              : 'rule_satisfied',
          context
        })
      }
      const satisfied = resolutions.every(r => r.type === 'rule_satisfied')
      return {
        rule: {
          type: 'attestation',
          definition: { name: rule.name, type, must_be_compliant: true }
        },
        satisfied,
        ignored: false,
        resolutions
      }
    })
    return {
      policy_name: policy.name,
      policy_version: 1,
      status: ruleEvaluations.every(r => r.satisfied) ? 'COMPLIANT' : 'NON-COMPLIANT',
      rule_evaluations: ruleEvaluations
    }
  }

  private answered(form: ParsedForm, answer: Answer): Answer {
    form.record.status = answer.status
    return answer
  }

  /** Parse a multipart body: one data_json text part and at most one of the allowed file parts. */
  private async multipart(
    req: StandInRequest,
    fileParts: string[]
  ): Promise<ParsedForm | { answer: Answer }> {
    const type = req.headers['content-type'] ?? ''
    if (!/^multipart\/form-data\s*;/i.test(type)) {
      // What Kosli answers a JSON body: the form has no data_json.
      return { answer: validationError({ data_json: 'Field required [input: None]' }) }
    }
    const parts = await readParts(req)
    const record: ReceivedMultipart = {
      seq: req.recorded.seq,
      method: req.method,
      path: req.path,
      dataJson: undefined,
      files: parts.files,
      status: 400
    }
    this.received.push(record)
    const fail = (errors: Record<string, string>): { answer: Answer } => ({
      answer: validationError(errors)
    })
    if (parts.error) return fail({ body: `Malformed multipart body: ${parts.error}` })
    const errors: Record<string, string> = {}
    for (const name of Object.keys(parts.fields)) {
      if (name !== 'data_json') errors[name] = 'Unexpected form field'
    }
    const files: Record<string, UploadedFile> = {}
    for (const file of parts.files) {
      if (file.field === 'data_json') errors.data_json = 'Must be a text field, not a file'
      else if (!fileParts.includes(file.field)) errors[file.field] = 'Unexpected file part'
      else if (files[file.field]) errors[file.field] = 'Only one file may be sent'
      else if (!file.filename) errors[file.field] = 'A file part needs a filename'
      else if (/[\\/]/.test(file.filename))
        errors[file.field] = `The filename must not hold a path [input: ${file.filename}]`
      else if (file.size > MAX_FILE_BYTES) {
        errors[file.field] =
          `File is larger than the ${MAX_FILE_BYTES} bytes allowed [input: ${file.size} bytes]`
      } else files[file.field] = file
    }
    const texts = parts.fields.data_json ?? []
    if (texts.length === 0 && !errors.data_json) errors.data_json = 'Field required [input: None]'
    if (texts.length > 1) errors.data_json = 'Given more than once'
    if (Object.keys(errors).length > 0) return fail(errors)
    let dataJson: unknown
    try {
      dataJson = JSON.parse(texts[0])
    } catch {
      return fail({ data_json: 'Invalid JSON' })
    }
    record.dataJson = dataJson
    return { dataJson, files, record }
  }
}

interface ParsedForm {
  dataJson: unknown
  files: Record<string, UploadedFile>
  record: ReceivedMultipart
}

/** Each newer key in the pull requests, named by its path as a validation answer names fields. */
function newerPullRequestKeys(data: unknown): Record<string, string> {
  const errors: Record<string, string> = {}
  const pulls = (data as { pull_requests?: unknown } | null)?.pull_requests
  if (!Array.isArray(pulls)) return errors
  const refuse = (where: string, value: unknown): void => {
    errors[where] = `Extra inputs are not permitted [input: ${JSON.stringify(value)}]`
  }
  pulls.forEach((pull: Record<string, unknown>, i) => {
    if (!pull || typeof pull !== 'object') return
    for (const k of NEWER_PULL_REQUEST_KEYS)
      if (k in pull) refuse(`pull_requests.${i}.${k}`, pull[k])
    const commits = Array.isArray(pull.commits) ? (pull.commits as Record<string, unknown>[]) : []
    commits.forEach((commit, j) => {
      if (!commit || typeof commit !== 'object') return
      for (const k of NEWER_COMMIT_KEYS) {
        if (k in commit) refuse(`pull_requests.${i}.commits.${j}.${k}`, commit[k])
      }
    })
  })
  return errors
}

function readParts(
  req: StandInRequest
): Promise<{ fields: Record<string, string[]>; files: UploadedFile[]; error?: string }> {
  return new Promise(resolve => {
    const fields: Record<string, string[]> = {}
    const files: UploadedFile[] = []
    let parser: busboy.Busboy
    try {
      parser = busboy({
        headers: req.headers,
        // Keep what the client sent as filename, so a path in it can be refused.
        preservePath: true,
        // The body is already in memory: no file size limit here, the cap is checked on the whole file.
        limits: { fieldSize: 50_000_000 }
      })
    } catch (e) {
      resolve({ fields, files, error: e instanceof Error ? e.message : String(e) })
      return
    }
    parser.on('field', (name, value) => {
      ;(fields[name] ??= []).push(value)
    })
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = []
      let size = 0
      stream.on('data', (chunk: Buffer) => {
        chunks.push(chunk)
        size += chunk.length
      })
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks)
        files.push({
          field: name,
          filename: info.filename,
          contentType: info.mimeType,
          size,
          bytes
        })
      })
    })
    parser.on('error', e =>
      resolve({ fields, files, error: e instanceof Error ? e.message : String(e) })
    )
    parser.on('close', () => resolve({ fields, files }))
    parser.end(req.rawBytes)
  })
}

function validate<T>(schema: z.ZodType<T>, value: unknown): { data: T } | { answer: Answer } {
  const parsed = schema.safeParse(value, { reportInput: true })
  if (parsed.success) return { data: parsed.data }
  const errors: Record<string, string> = {}
  for (const problem of fieldProblems(parsed.error.issues))
    errors[problem.field || 'data_json'] ??= problem.message
  return { answer: validationError(errors) }
}

function parseTemplate(bytes: Buffer): { template: Template } | { answer: Answer } {
  const doc = parseDocument(bytes.toString('utf8'), { uniqueKeys: true })
  if (doc.errors.length > 0) {
    return {
      answer: error(400, `1 validation error for Template\n  Invalid YAML: ${doc.errors[0].code}`)
    }
  }
  const parsed = templateSchema.safeParse(doc.toJS() ?? {})
  if (parsed.success) return { template: parsed.data }
  const lines = parsed.error.issues.map(i => `${i.path.join('.') || '(root)'}\n  ${i.message}`)
  const n = lines.length
  return {
    answer: error(
      400,
      `${n} validation error${n === 1 ? '' : 's'} for Template\n${lines.join('\n')}`
    )
  }
}

function overall(statuses: Status[]): 'COMPLIANT' | 'NON-COMPLIANT' | 'INCOMPLETE' {
  if (statuses.some(s => s.is_compliant === false)) return 'NON-COMPLIANT'
  if (statuses.some(s => s.status === 'MISSING' && !s.unexpected)) return 'INCOMPLETE'
  return 'COMPLIANT'
}

type RouteName = 'put-flow' | 'get-flow' | 'put-trail' | 'get-trail' | 'attest' | 'assert'

function matchRoute(
  resource: string | undefined,
  rest: string[]
): { name: RouteName; method: string } | undefined {
  if (resource === 'flows' && rest.length === 2) {
    return rest[1] === 'template_file'
      ? { name: 'put-flow', method: 'PUT' }
      : { name: 'get-flow', method: 'GET' }
  }
  if (resource === 'trails' && rest.length === 2) return { name: 'put-trail', method: 'PUT' }
  if (resource === 'trails' && rest.length === 3) return { name: 'get-trail', method: 'GET' }
  if (resource === 'attestations' && rest.length === 5 && rest[2] === 'trail')
    return { name: 'attest', method: 'POST' }
  if (resource === 'asserts' && rest.length === 3 && rest[1] === 'fingerprint')
    return { name: 'assert', method: 'GET' }
  return undefined
}

function key(...parts: string[]): string {
  return parts.join('\u0000')
}

function error(status: number, message: string): Answer {
  return { status, body: { message } }
}

function validationError(errors: Record<string, string>): Answer {
  return { status: 400, body: { message: VALIDATION_FAILED, errors } }
}

function flowNotFound(org: string, flow: string): Answer {
  return error(404, `Flow named '${flow}' does not exist for organization '${org}'`)
}

function notFoundRoute(): Answer {
  return error(404, 'The requested URL was not found on the server.')
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

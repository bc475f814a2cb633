import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  buildAttachment,
  resolveAttachmentPaths,
  type Attachment
} from '../evidence/attachments.js'
import { type JUnitTotals, junitVerdict, readJUnitFiles } from '../evidence/junit.js'
import {
  type AttestationCommon,
  type AttestationData,
  type AttestationType,
  type ExternalUrls,
  type GitCommit,
  type RepoInfo,
  customData,
  evidencePaths,
  genericData,
  junitData,
  pullRequestData,
  snykData
} from '../evidence/payloads.js'
import type { FoundPullRequest } from '../evidence/pull-requests.js'
import type { ApprovalEvidence } from './approval-evidence.js'
import { readSnykSarif } from '../evidence/snyk.js'
import { resolveArtifactPaths } from '../fingerprint/paths.js'
import type { KosliClient } from '../kosli/client.js'
import { KosliHttpError } from '../kosli/errors.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import {
  type EvidenceDetails,
  type JiraSettings,
  type PreparedEvidence,
  type SonarSettings,
  buildMoreEvidence,
  isMoreKind,
  prepareMoreEvidence
} from './attest-more.js'
import type { AnyAttestationData } from '../evidence/more-payloads.js'

/** What the attest stage needs; the entry computes every default before. */
export interface AttestSettings {
  org: string
  flow: string
  trail: string
  type: AttestationType
  /** The `type` input as given, for messages. */
  typeInput: string
  /** `<attestation>` or `<artifact>.<attestation>`. */
  name: string
  fingerprint?: string
  gitCommit: GitCommit
  repoInfo?: RepoInfo
  originUrl?: string
  description?: string
  annotations?: Record<string, string>
  externalUrls?: ExternalUrls
  userData?: Record<string, unknown>
  /** junit: paths, globs or directories; snyk: one SARIF file. */
  results: readonly string[]
  attestationData?: Record<string, unknown>
  /** generic only. */
  compliant?: boolean
  attachments: readonly string[]
  attachResults: boolean
  workspace: string
  /** decision: the control's id. */
  control?: string
  sonar?: SonarSettings
  jira?: JiraSettings
  /** sbom and sonar: the local evidence, read before any request (read here when absent). */
  prepared?: PreparedEvidence
}

export interface AttestDependencies {
  kosli: KosliClient
  /** The full commit (author, message, time, branch), read once the local checks pass; without it, settings.gitCommit is sent. */
  readCommit?: () => Promise<GitCommit>
  /** The commit's pull requests (pull-request type only). */
  findPullRequests?: () => Promise<FoundPullRequest[]>
  /** deployment-approval and code-review: GitHub's facts, the record and its verdict. */
  gatherApprovalEvidence?: () => Promise<ApprovalEvidence>
  /** jira: the commit's message. */
  commitMessage?: () => Promise<string>
  log: Log
}

export interface AttestResult {
  /** true/false when known here, undefined when Kosli decides. */
  compliant: boolean | undefined
  /** Why `compliant` is false, in words a person can act on. */
  nonCompliantBecause?: string
  /** junit only. */
  totals?: JUnitTotals
  /** deployment-approval and code-review: the record sent, with its verdict and summary. */
  approval?: ApprovalEvidence
  /** The file part sent, if any. */
  attachment?: { filename: string; size: number }
  /** Undefined in dry run (nothing was sent). */
  recorded: boolean
  /** sbom, sonar, jira, decision: the evidence as the job summary shows it. */
  details?: EvidenceDetails
}

/** Raised when Kosli does not know the trail: the build job must begin it first. */
export class TrailMissingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TrailMissingError'
  }
}

/**
 * Reads and checks the evidence (files, results, attachments) before anything is sent, finds
 * the pull requests for that type, then records one attestation on the trail.
 */
export async function attest(
  settings: AttestSettings,
  deps: AttestDependencies
): Promise<AttestResult> {
  const { type } = settings
  const files = await resultFiles(settings)
  // The result files attached (attach-results): junit leaves out those without suites.
  let sentResults: readonly string[] = files
  const common: AttestationCommon = {
    name: settings.name,
    fingerprint: settings.fingerprint,
    gitCommit: settings.gitCommit,
    repoInfo: settings.repoInfo,
    originUrl: settings.originUrl,
    externalUrls: settings.externalUrls,
    annotations: settings.annotations,
    userData: settings.userData,
    description: settings.description
  }

  // Everything local first: a bad file fails the step before any request.
  let build: () => Promise<{
    data: AttestationData | AnyAttestationData
    result: Omit<AttestResult, 'recorded'>
  }>
  let ownFile: { filename: string; bytes: Uint8Array } | undefined
  // deployment-approval and code-review travel as generic or custom, with a record of their own.
  switch (type.evidence ? 'approval-evidence' : type.kind) {
    case 'approval-evidence': {
      const gather = deps.gatherApprovalEvidence
      if (!gather)
        throw new Error(`The ${type.evidence} type needs GitHub access, and none was set up.`)
      // GitHub's facts are read before anything is sent: when they cannot be read, Kosli gets nothing.
      build = async () => {
        const approval = await gather()
        const record = approval.record as unknown as Record<string, unknown>
        return {
          data:
            type.kind === 'custom'
              ? customData(common, type.typeName ?? '', record)
              : genericData({ ...common, userData: record }, approval.compliant),
          result: {
            compliant: approval.compliant,
            approval,
            ...(approval.nonCompliantBecause
              ? { nonCompliantBecause: approval.nonCompliantBecause }
              : {})
          }
        }
      }
      break
    }
    case 'generic': {
      const compliant = settings.compliant === true
      build = async () => ({
        data: genericData(common, compliant),
        result: {
          compliant,
          ...(compliant ? {} : { nonCompliantBecause: `compliant is false` })
        }
      })
      break
    }
    case 'junit': {
      const report = await readJUnitFiles(files)
      for (const file of report.filesWithoutSuites) {
        deps.log.warning(
          `JUnit file '${inert(file)}' holds no <testsuite>; it is left out of the results and not sent.`
        )
      }
      const withoutSuites = new Set(report.filesWithoutSuites)
      sentResults = files.filter(file => !withoutSuites.has(file))
      const verdict = junitVerdict(report)
      if (verdict.warning) deps.log.warning(verdict.warning)
      const t = report.totals
      deps.log.info(
        `JUnit: ${t.tests} tests, ${t.failures} failures, ${t.errors} errors, ${t.skipped} skipped in ${report.results.length} suite${report.results.length === 1 ? '' : 's'}.`
      )
      build = async () => ({
        data: junitData(common, report.results),
        result: {
          compliant: verdict.compliant,
          totals: report.totals,
          ...(verdict.compliant === false
            ? {
                nonCompliantBecause: `${t.failures} failures and ${t.errors} errors in the JUnit results`
              }
            : {})
        }
      })
      break
    }
    case 'snyk': {
      const results = await readSnykSarif(files[0], line => deps.log.info(line))
      build = async () => ({ data: snykData(common, results), result: { compliant: undefined } })
      break
    }
    case 'custom': {
      const data = settings.attestationData ?? {}
      build = async () => ({
        data: customData(common, type.typeName ?? '', data),
        result: { compliant: undefined }
      })
      break
    }
    case 'pull_request': {
      const find = deps.findPullRequests
      if (!find) throw new Error('The pull-request type needs GitHub access, and none was set up.')
      build = async () => {
        const pulls = await find()
        if (pulls.length === 0) {
          deps.log.warning(
            `No pull request is associated with commit ${settings.gitCommit.sha1} on GitHub; recording pull_requests: [] (non-compliant).`
          )
        } else {
          for (const pull of pulls) {
            deps.log.info(
              `Pull request ${inert(pull.url)} (${pull.state}) by ${inert(pull.author)}, approved by ${pull.approvers.map(a => inert(a.username)).join(', ') || 'nobody'}.`
            )
          }
        }
        return {
          data: pullRequestData(common, pulls),
          result: {
            compliant: pulls.length > 0,
            ...(pulls.length === 0
              ? {
                  nonCompliantBecause: `no pull request was found for commit ${settings.gitCommit.sha1}`
                }
              : {})
          }
        }
      }
      break
    }
    case 'sbom':
    case 'sonar':
    case 'jira':
    case 'decision': {
      const kind = type.kind
      // The switch names the kind; the guard tells TypeScript so.
      if (!isMoreKind(kind)) throw new Error(`attest: type ${kind} has no evidence reader`)
      const prepared = settings.prepared ?? (await prepareMoreEvidence(kind, settings))
      build = async () => {
        const more = await buildMoreEvidence(kind, settings, common, prepared, deps)
        ownFile = more.file
        return {
          data: more.data,
          result: {
            compliant: more.compliant,
            details: more.details,
            ...(more.nonCompliantBecause ? { nonCompliantBecause: more.nonCompliantBecause } : {})
          }
        }
      }
      break
    }
  }

  const attachment = await attachmentOf(settings, sentResults)
  if (deps.readCommit) common.gitCommit = await deps.readCommit()
  const { data, result } = await build()
  const sent = ownFile ?? attachment
  const path = evidencePaths.attestation(settings.org, settings.flow, settings.trail, type.kind)
  try {
    await deps.kosli.multipart({
      method: 'POST',
      path,
      dataJson: data,
      ...(sent
        ? { file: { field: 'attachment_file', filename: sent.filename, bytes: sent.bytes } }
        : {})
    })
  } catch (error) {
    throw trailMissing(error, settings) ?? olderServer(error, settings) ?? error
  }
  return {
    ...result,
    ...(sent ? { attachment: { filename: sent.filename, size: sent.bytes.byteLength } } : {}),
    recorded: true
  }
}

// Kosli names a trail that was never begun in its answer; its status is not documented (404 is
// likely), so any refusal whose message says the trail does not exist gets the hint.
function trailMissing(error: unknown, settings: AttestSettings): TrailMissingError | undefined {
  if (!(error instanceof KosliHttpError) || error.status < 400 || error.status >= 500)
    return undefined
  if (!/^trail\b.*\b(does not exist|not found)/i.test(error.serverMessage ?? '')) return undefined
  return new TrailMissingError(
    `${error.message}\nThe trail '${inert(settings.trail)}' does not exist in flow '${inert(settings.flow)}'. ` +
      `Begin it before attesting: set begin-trail: true on the step that reports the build ` +
      `(or give the trail input the name of a trail that exists).`
  )
}

const NEWER_PULL_REQUEST_FIELDS = /\b(base_ref|verified|signature_state)\b/

// A server from before 2026-06-16 forbids these keys; sending the evidence without them would
// hide from "signed commits" and "merged into main" policies what they read, so it is not retried.
function olderServer(error: unknown, settings: AttestSettings): Error | undefined {
  if (settings.type.kind !== 'pull_request') return undefined
  if (!(error instanceof KosliHttpError) || error.status !== 400) return undefined
  const said = [
    error.serverMessage ?? '',
    ...Object.entries(error.serverErrors ?? {}).map(([field, why]) => `${field} ${String(why)}`)
  ].join('\n')
  if (!NEWER_PULL_REQUEST_FIELDS.test(said)) return undefined
  return new Error(
    `${error.message}\nThis Kosli server predates the pull request fields base_ref, verified and ` +
      `signature_state, which the Kosli CLI sends since v2.27.0 and Kosli's service has accepted ` +
      `since 2026-06-16 (policies for signed commits and "merged into main" read them). Upgrade ` +
      `the Kosli server; the action does not send pull-request evidence without them.`
  )
}

/** The result files: junit's XML files (directories searched for *.xml), or snyk's one SARIF file. */
async function resultFiles(settings: AttestSettings): Promise<string[]> {
  if (settings.type.kind !== 'junit' && settings.type.kind !== 'snyk') return []
  const paths = await resolveArtifactPaths([...settings.results], settings.workspace, {
    input: 'results'
  })
  if (settings.type.kind === 'snyk') {
    if (paths.length !== 1 || !(await stat(paths[0])).isFile()) {
      throw new Error(
        `'results': matches ${paths.length} paths; expected one SARIF file (snyk test --sarif-file-output) for type snyk`
      )
    }
    return paths
  }
  const files: string[] = []
  for (const path of paths) {
    if ((await stat(path)).isDirectory()) {
      const found = await xmlFilesUnder(path)
      if (found.length === 0) {
        throw new Error(`'results': the directory '${inert(path)}' holds no *.xml file`)
      }
      files.push(...found)
    } else {
      files.push(path)
    }
  }
  return [...new Set(files)]
}

async function xmlFilesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter(e => e.isFile() && e.name.toLowerCase().endsWith('.xml'))
    .map(e => join(e.parentPath ?? e.path, e.name))
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
}

/** The one file part: the attachments, plus the result files when attach-results is true. */
async function attachmentOf(
  settings: AttestSettings,
  files: readonly string[]
): Promise<Attachment | undefined> {
  const options = { workspace: settings.workspace, input: 'attachments' }
  const given = await resolveAttachmentPaths(settings.attachments, options)
  const all = [...new Set([...given, ...(settings.attachResults ? files : [])])]
  return buildAttachment(all, options)
}

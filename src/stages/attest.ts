import {
  buildAttachment,
  resolveAttachmentPaths,
  type Attachment
} from '../evidence/attachments.js'
import type { AttestationCommon } from '../evidence/payloads.js'
import type { FoundPullRequest } from '../evidence/pull-requests.js'
import type { KosliClient } from '../kosli/client.js'
import { KosliHttpError } from '../kosli/errors.js'
import { evidencePaths } from '../kosli/paths.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import type { TrailCommit } from '../shapes/commit.js'
import { moduleOf } from '../attestations/table.js'
import type { ApprovalEvidence, AttestSettings, TypeVerdict } from '../attestations/type.js'

export type { AttestSettings } from '../attestations/type.js'

export interface AttestDependencies {
  kosli: KosliClient
  /** The full commit (author, message, time, branch), read once the local checks pass; without it, settings.gitCommit is sent. */
  readCommit?: () => Promise<TrailCommit>
  /** The commit's pull requests (pull-request type only). */
  findPullRequests?: () => Promise<FoundPullRequest[]>
  /** deployment-approval and code-review: GitHub's facts, the record and its verdict. */
  gatherApprovalEvidence?: () => Promise<ApprovalEvidence>
  /** jira: the commit's message. */
  commitMessage?: () => Promise<string>
  log: Log
}

export interface AttestResult extends TypeVerdict {
  /** The file part sent, if any. */
  attachment?: { filename: string; size: number }
  /** Undefined in dry run (nothing was sent). */
  recorded: boolean
}

/** Raised when Kosli does not know the trail: the build job must begin it first. */
export class TrailMissingError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TrailMissingError'
  }
}

/**
 * Reads and checks the evidence (files, results, attachments) as its type says, before anything
 * is sent, then records one attestation on the trail.
 */
export async function attest(
  settings: AttestSettings,
  deps: AttestDependencies
): Promise<AttestResult> {
  const module = moduleOf(settings.type)
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
  const evidence = await module.read(settings, deps)
  const attachment = await attachmentOf(settings, evidence.results)
  if (deps.readCommit) common.gitCommit = await deps.readCommit()
  const { data, verdict, file } = await evidence.build(common)
  // A type that sends its own file (sbom) sends it instead of the attachments.
  const sent = file ?? attachment
  const { org, flow, trail } = settings
  // The approval types go as generic or as a custom type: the path is the kind sent.
  const segment = settings.type.evidence ? settings.type.kind : (module.segment ?? module.kind)
  try {
    await deps.kosli.multipart({
      method: 'POST',
      path: evidencePaths.attestation(org, flow, trail, segment),
      dataJson: data,
      ...(sent
        ? { file: { field: 'attachment_file', filename: sent.filename, bytes: sent.bytes } }
        : {})
    })
  } catch (error) {
    throw trailMissing(error, settings) ?? module.refusal?.(error) ?? error
  }
  return {
    ...verdict,
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

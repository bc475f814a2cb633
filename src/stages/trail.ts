import { realpathSync } from 'node:fs'
import * as path from 'node:path'
import { z } from 'zod'
import { beginTrailData, flowTemplateData } from '../evidence/payloads.js'
import { TEMPLATE_TYPES } from '../attestations/table.js'
import { TemplateError, readTemplate } from '../evidence/template.js'
import type { KosliClient } from '../kosli/client.js'
import { evidencePaths, kosliPath } from '../kosli/paths.js'
import type { RepoInfo, TrailCommit } from '../shapes/commit.js'
import { KosliHttpError } from '../kosli/errors.js'
import { inert } from '../print.js'
import type { Log } from '../redact.js'
import { isInside, realWorkspace } from '../workspace.js'

/** What the flow and trail stage needs; main computes every default before. */
export interface FlowTrailSettings {
  org: string
  flow: string
  workspace: string
  /** Writes are printed, not sent. */
  dryRun: boolean
  /** flow-template: the flow is created or updated with it. */
  flowTemplate?: string
  /** Unset: an existing flow keeps the description Kosli holds. */
  flowDescription?: string
  /** Set when the step begins (or updates) the trail. */
  trail?: {
    name: string
    template?: string
    description?: string
    originUrl: string
    repoInfo?: RepoInfo
  }
}

export interface FlowTrailDependencies {
  kosli: KosliClient
  log: Log
}

/** A template file read and validated, ready to send as the template_file part. */
interface CheckedTemplate {
  filename: string
  bytes: Uint8Array
}

/** The templates, validated before any request: a bad file fails the step with nothing sent. */
export interface CheckedTemplates {
  flow?: CheckedTemplate
  trail?: CheckedTemplate
}

export interface FlowTrailResult {
  /** The description sent with the flow template. */
  flowDescription?: string
  /** The trail begun or updated (in dry run: printed only). */
  trail?: string
}

/** Reads and validates the flow and trail templates; errors name the input, the file and the key. */
export async function checkTemplates(settings: FlowTrailSettings): Promise<CheckedTemplates> {
  const read = async (input: string, given: string | undefined) => {
    if (given === undefined) return undefined
    const path = templatePath(input, given, settings.workspace)
    const file = await readTemplate(path, input, TEMPLATE_TYPES)
    return { filename: file.filename, bytes: file.bytes }
  }
  return {
    flow: await read('flow-template', settings.flowTemplate),
    trail: await read('trail-template', settings.trail?.template)
  }
}

// A relative path is read from the workspace and must stay in it, symlinks followed.
function templatePath(input: string, given: string, workspace: string): string {
  const resolved = path.resolve(workspace, given)
  if (path.isAbsolute(given)) return resolved
  let real: string
  try {
    real = realpathSync(resolved)
  } catch {
    // readTemplate says that it cannot be read, naming the file.
    return resolved
  }
  if (!isInside(realWorkspace(workspace), real)) {
    throw new TemplateError(
      `${input}: '${given}' leads out of the workspace to '${real}' (through a symlink); give an absolute path if you mean it.`
    )
  }
  return real
}

const flowAnswerSchema = z.object({ description: z.string().nullish() })

/**
 * Creates or updates the flow from its template, then begins or updates the trail: both before
 * any artifact is reported, so the report lands on a trail that carries its template.
 */
export async function ensureFlowAndTrail(
  settings: FlowTrailSettings,
  templates: CheckedTemplates,
  /** The commit the trail is about; needed only when the step begins the trail. */
  gitCommit: TrailCommit | undefined,
  deps: FlowTrailDependencies
): Promise<FlowTrailResult> {
  const result: FlowTrailResult = {}
  if (templates.flow) {
    const description = settings.flowDescription ?? (await storedDescription(settings, deps))
    await deps.kosli.multipart({
      method: 'PUT',
      path: evidencePaths.flowTemplate(settings.org),
      dataJson: flowTemplateData(settings.flow, description),
      file: { field: 'template_file', ...templates.flow }
    })
    result.flowDescription = description
    if (!settings.dryRun) {
      deps.log.info(
        `Flow '${inert(settings.flow)}': created or updated with the template ${inert(templates.flow.filename)}.`
      )
    }
  }
  const trail = settings.trail
  if (trail) {
    await deps.kosli.multipart({
      method: 'PUT',
      path: evidencePaths.trail(settings.org, settings.flow),
      dataJson: beginTrailData({
        name: trail.name,
        description: trail.description,
        gitCommit,
        repoInfo: trail.repoInfo,
        originUrl: trail.originUrl
      }),
      // Without trail-template no file is sent: whether Kosli then keeps or resets a template an
      // earlier run gave the trail is not documented; the same step re-run sends the same file.
      ...(templates.trail ? { file: { field: 'template_file', ...templates.trail } } : {})
    })
    result.trail = trail.name
    if (!settings.dryRun) {
      deps.log.info(
        `Trail '${inert(trail.name)}': begun or updated${templates.trail ? ` with the template ${inert(templates.trail.filename)}` : ''}.`
      )
    }
  }
  return result
}

// Kosli replaces the description with what is sent: send what it holds, or '' for a new flow.
async function storedDescription(
  settings: FlowTrailSettings,
  deps: FlowTrailDependencies
): Promise<string> {
  try {
    const flow = await deps.kosli.get(
      kosliPath`/flows/${settings.org}/${settings.flow}`,
      flowAnswerSchema
    )
    return flow.description ?? ''
  } catch (error) {
    if (error instanceof KosliHttpError && error.status === 404) return ''
    throw error
  }
}

import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { readInputFile } from '../evidence/sbom-file.js'
import { resolveArtifactPaths } from '../fingerprint/paths.js'
import { InputError } from '../inputs/problems.js'
import { inert } from '../print.js'
import { FILE_LIMITS } from '../read-file.js'
import type { SonarSettings } from './settings.js'

// Where the Sonar analysis is: the scanner's report-task.txt, or a project key with a branch or
// a pull request. Read and checked before any request: sonar-token goes to one origin alone.

export const DEFAULT_REPORT = '.scannerwork/report-task.txt'
const SONARCLOUD = 'https://sonarcloud.io'
// A report-task.txt is a few hundred bytes; anything this large is not one.

export type SonarSource =
  | {
      kind: 'report'
      /** Where the API is: sonar-url, else the report's serverUrl (no trailing slash). */
      serverUrl: string
      ceTaskUrl: string
      dashboardUrl?: string
      file: string
    }
  | {
      kind: 'project'
      serverUrl: string
      projectKey: string
      branch?: string
      pullRequest?: string
    }

export async function sonarSource(
  settings: SonarSettings,
  workspace: string
): Promise<SonarSource> {
  if (settings.projectKey) {
    return {
      kind: 'project',
      serverUrl: settings.url ?? SONARCLOUD,
      projectKey: settings.projectKey,
      ...(settings.branch ? { branch: settings.branch } : {}),
      ...(settings.pullRequest ? { pullRequest: settings.pullRequest } : {})
    }
  }
  const file = await reportPath(settings.reportFile, workspace)
  const text = await readReport(file)
  const fields = parseReport(text)
  const problem = (what: string): InputError =>
    new InputError([`'results': the Sonar report '${inert(file)}' ${what}`])
  const reportServer = fields.get('serverUrl')
  const ceTaskUrl = fields.get('ceTaskUrl')
  if (!reportServer)
    throw problem('has no serverUrl=; is it the report-task.txt the scanner wrote?')
  if (!ceTaskUrl) throw problem('has no ceTaskUrl=; is it the report-task.txt the scanner wrote?')
  const server = parseHttpUrl(reportServer)
  const task = parseHttpUrl(ceTaskUrl)
  if (!server)
    throw problem(`names serverUrl ${JSON.stringify(reportServer)}, which is not an http(s) URL`)
  if (!task)
    throw problem(`names ceTaskUrl ${JSON.stringify(ceTaskUrl)}, which is not an http(s) URL`)
  const base = settings.url ?? reportServer.replace(/\/+$/, '')
  const origin = new URL(base).origin
  // The token goes to one origin: the report may not send it anywhere else.
  for (const [name, url] of [
    ['serverUrl', server],
    ['ceTaskUrl', task]
  ] as const) {
    if (url.origin !== origin) {
      throw problem(
        `names ${name} ${url.origin}, but sonar-token goes to ${origin}${settings.url ? ' (sonar-url)' : ' (its serverUrl)'} alone; give sonar-url the server the scanner used, or the report of an analysis on ${origin}`
      )
    }
  }
  if (!settings.url && server.protocol === 'http:' && !isLoopback(server.hostname)) {
    throw problem(
      `names serverUrl ${server.origin} over http://; sonar-token is sent over https:// only (http:// for loopback hosts)`
    )
  }
  const dashboardUrl = fields.get('dashboardUrl')
  return {
    kind: 'report',
    serverUrl: base,
    ceTaskUrl: task.href,
    ...(dashboardUrl ? { dashboardUrl } : {}),
    file
  }
}

async function reportPath(given: string | undefined, workspace: string): Promise<string> {
  if (given) {
    try {
      const [path, ...more] = await resolveArtifactPaths([given], workspace, { input: 'results' })
      if (more.length > 0) {
        throw new Error(`'results': matches ${more.length + 1} paths; expected one report-task.txt`)
      }
      return path
    } catch (error) {
      if (error instanceof InputError) throw error
      throw new InputError([(error as Error).message])
    }
  }
  const path = resolve(workspace, DEFAULT_REPORT)
  try {
    await stat(path)
  } catch {
    throw new InputError([
      `'results': given nothing, and ${DEFAULT_REPORT} does not exist in the workspace; give the report-task.txt the scanner wrote (Maven: target/sonar/report-task.txt, Gradle: build/sonar/report-task.txt), or sonar-project-key with sonar-branch or sonar-pull-request`
    ])
  }
  return path
}

async function readReport(path: string): Promise<string> {
  const bytes = readInputFile(path, {
    input: 'results',
    what: 'Sonar report',
    limit: FILE_LIMITS.sonarReport
  })
  return bytes.toString('utf8')
}

/** `key=value` lines (Java properties as the scanner writes them, without escapes). */
export function parseReport(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf('=')
    if (at <= 0 || line.startsWith('#')) continue
    fields.set(line.slice(0, at).trim(), line.slice(at + 1).trim())
  }
  return fields
}

function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined
  } catch {
    return undefined
  }
}

function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host)
}

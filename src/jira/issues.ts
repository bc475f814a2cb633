import type { JiraResult } from '../evidence/more-payloads.js'
import { findJiraIssueKeys, jiraSearchText } from '../evidence/jira-keys.js'
import type { Log } from '../redact.js'
import type { JiraSettings } from './settings.js'
import { JiraUnreachableError, createJiraClient } from './client.js'

export interface JiraFindings {
  results: JiraResult[]
  compliant: boolean
  nonCompliantBecause?: string
  /** Set when Jira could not be reached: every key is recorded as not existing. */
  unreachable?: string
}

/**
 * The issue keys the commit refers to, each looked up in Jira. A 404 is an issue that does not
 * exist; an unreachable Jira records every key as not existing, with a warning; a 401 or 403
 * throws (nothing is sent to Kosli).
 */
export async function findJiraIssues(
  settings: JiraSettings,
  deps: { log: Log; commitMessage?: () => Promise<string> }
): Promise<JiraFindings> {
  if (!deps.commitMessage) throw new Error('The jira type needs the commit message.')
  const text = jiraSearchText({
    message: await deps.commitMessage(),
    branch: settings.branch,
    ignoreBranchMatch: settings.ignoreBranchMatch,
    secondarySource: settings.secondarySource
  })
  const keys = findJiraIssueKeys(text, settings.projectKeys)
  const searched = `the commit message${settings.ignoreBranchMatch || !settings.branch ? '' : ', the branch'}${settings.secondarySource ? ', jira-secondary-source' : ''}`
  if (keys.length === 0) {
    const scope =
      settings.projectKeys.length > 0 ? ` of project ${settings.projectKeys.join(', ')}` : ''
    deps.log.warning(
      `No Jira issue key${scope} was found in ${searched}; recording jira_results: [].`
    )
    return {
      results: [],
      compliant: false,
      nonCompliantBecause: `no Jira issue key${scope} was found in ${searched}`
    }
  }
  deps.log.info(`Jira issue keys found in ${searched}: ${keys.join(', ')}.`)
  const jira = createJiraClient({
    baseUrl: settings.url,
    username: settings.username,
    apiToken: settings.apiToken,
    pat: settings.pat,
    timeoutMs: settings.http.timeoutMs,
    maxRetries: settings.http.maxRetries,
    retryBaseMs: settings.http.retryBaseMs,
    log: deps.log
  })
  const results: JiraResult[] = []
  for (const key of keys) {
    let exists: boolean
    try {
      exists = await jira.issueExists(key)
    } catch (error) {
      if (!(error instanceof JiraUnreachableError)) throw error
      deps.log.warning(
        `Jira could not be reached (${error.message}); every key is recorded with issue_exists: false, so the evidence is non-compliant.`
      )
      return {
        results: keys.map(k => ({ issue_id: k, issue_url: jira.issueUrl(k), issue_exists: false })),
        compliant: false,
        nonCompliantBecause: `Jira could not be reached to look up ${keys.join(', ')}`,
        unreachable: error.message
      }
    }
    deps.log.info(`${key}: ${exists ? 'found' : 'does not exist'} in Jira.`)
    results.push({ issue_id: key, issue_url: jira.issueUrl(key), issue_exists: exists })
  }
  const missing = results.filter(r => !r.issue_exists).map(r => r.issue_id)
  return {
    results,
    compliant: missing.length === 0,
    ...(missing.length > 0
      ? {
          nonCompliantBecause: `Jira has no issue ${missing.join(', ')} (a 404: it does not exist, or the account cannot see it)`
        }
      : {})
  }
}

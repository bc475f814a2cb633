// The Jira issue keys a commit refers to, as the Kosli CLI finds them (internal/jira/jira.go at
// 71ac0f3): case-insensitive, returned upper-case, sorted, each once.

const ANY_KEY = /\b[A-Z][A-Z0-9]{1,9}-[0-9]+/g

/**
 * Keys in `text`, of `projectKeys` only when given. A candidate every occurrence of which is
 * followed by `-<digit>` is part of a longer identifier (CVE-2026-41284) and is left out.
 */
export function findJiraIssueKeys(text: string, projectKeys: readonly string[] = []): string[] {
  const projects = projectKeys.map(k => k.trim().toUpperCase()).filter(k => k !== '')
  const pattern =
    projects.length === 0
      ? new RegExp(ANY_KEY.source, 'g')
      : new RegExp(`\\b(?:${projects.map(escapeRegExp).join('|')})-[0-9]+`, 'g')
  const upper = text.toUpperCase()
  const found = new Set(upper.match(pattern) ?? [])
  return [...found]
    .filter(key => !partOfLongerIdentifier(upper, key))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

function partOfLongerIdentifier(text: string, key: string): boolean {
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
    if (!/^-\d/.test(text.slice(at + key.length, at + key.length + 2))) return false
  }
  return true
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** What is searched: the commit message, the branch (unless ignored) and the secondary source. */
export function jiraSearchText(parts: {
  message: string
  branch?: string
  ignoreBranchMatch: boolean
  secondarySource?: string
}): string {
  return [
    parts.message,
    ...(parts.ignoreBranchMatch || !parts.branch ? [] : [parts.branch]),
    ...(parts.secondarySource ? [parts.secondarySource] : [])
  ].join('\n')
}

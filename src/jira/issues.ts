import type { JiraResult } from '../evidence/more-payloads.js'
export async function findJiraIssues(
  _a: unknown,
  _b: unknown
): Promise<{
  results: JiraResult[]
  compliant: boolean
  nonCompliantBecause?: string
  unreachable?: string
}> {
  throw new Error('not yet')
}

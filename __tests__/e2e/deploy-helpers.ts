// Helpers shared by the approvals and deploy end-to-end suites.
import { createHash } from 'node:crypto'
import type { RecordedRequest } from '../../test-support/http-stand-in.js'
import { OWNER, REPO, type StandIns } from '../../test-support/stand-ins.js'

/** The run's URL as the action builds it from the default run context (run 9876543210). */
export const RUN_URL = 'https://github.com/acme/app/actions/runs/9876543210/attempts/1'

/** A stable sha256 hex fingerprint for a label. */
export function fingerprintOf(label: string): string {
  return createHash('sha256').update(label).digest('hex')
}

/**
 * Restore both stand-ins to what startStandIns left: the repository and its linear history.
 * The history is deterministic, so the shas are those of `stands.shas`.
 */
export function resetStandIns(stands: StandIns): void {
  stands.kosli.reset()
  stands.github.reset()
  stands.github.seedRepository({
    owner: OWNER,
    repo: REPO,
    id: 4242,
    description: 'The app',
    orgOwned: true
  })
  const shas = stands.github.seedLinearHistory(OWNER, REPO, stands.shas.length)
  if (shas.join(',') !== stands.shas.join(',')) {
    throw new Error('resetStandIns: the re-seeded history differs from the first one')
  }
}

/** Every request both stand-ins received. */
export function allRequests(stands: StandIns): RecordedRequest[] {
  return [...stands.kosli.requests, ...stands.github.requests]
}

export interface LogGroup {
  title: string
  lines: string[]
}

/** The ::group:: blocks of a step's output, in order. */
export function logGroups(stdout: string): LogGroup[] {
  const groups: LogGroup[] = []
  let current: LogGroup | undefined
  for (const line of stdout.split(/\r?\n/)) {
    if (line.startsWith('::group::')) {
      current = { title: line.slice('::group::'.length), lines: [] }
      groups.push(current)
    } else if (line.startsWith('::endgroup::')) {
      current = undefined
    } else if (current) {
      current.lines.push(line)
    }
  }
  return groups
}

/** The JSON bodies printed in dry-run groups whose title starts with the prefix. */
export function dryRunBodies(stdout: string, titlePrefix: string): unknown[] {
  return logGroups(stdout)
    .filter(group => group.title.startsWith(titlePrefix))
    .map(group => {
      const start = group.lines.findIndex(line => line.startsWith('{'))
      if (start < 0) throw new Error(`dry-run group "${group.title}" prints no JSON body`)
      return JSON.parse(group.lines.slice(start).join('\n')) as unknown
    })
}

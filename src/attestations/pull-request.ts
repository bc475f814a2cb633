import { KosliHttpError } from '../kosli/errors.js'
import { inert } from '../print.js'
import type { AttestationTypeModule } from './type.js'

/** pull-request: the commit's pull requests on GitHub, with reviews and commits. */
export const pullRequest: AttestationTypeModule = {
  input: 'pull-request',
  kind: 'pull_request',
  doc: "the commit's pull requests, their reviews and commits, from the GitHub REST API; none found is non-compliant",
  read: async (settings, { log, findPullRequests: find }) => {
    if (!find) throw new Error('The pull-request type needs GitHub access, and none was set up.')
    const { pullRequestData } = await import('../evidence/payloads.js')
    const sha = settings.gitCommit.sha1
    return {
      results: [],
      build: async common => {
        const pulls = await find()
        if (pulls.length === 0) {
          log.warning(
            `No pull request is associated with commit ${sha} on GitHub; recording pull_requests: [] (non-compliant).`
          )
        }
        for (const pull of pulls) {
          log.info(
            `Pull request ${inert(pull.url)} (${pull.state}) by ${inert(pull.author)}, approved by ${pull.approvers.map(a => inert(a.username)).join(', ') || 'nobody'}.`
          )
        }
        const found = pulls.length > 0
        return {
          data: pullRequestData(common, pulls),
          verdict: {
            compliant: found,
            ...(found ? {} : { nonCompliantBecause: `no pull request was found for commit ${sha}` })
          }
        }
      }
    }
  },
  refusal: olderServer,
  inputs: {
    refuses: { compliant: 'Kosli decides the compliance of pull-request evidence' },
    check: (inputs, _values, ok) =>
      !inputs.githubToken && ok('github-token')
        ? [
            `'github-token': given nothing; finding the pull requests of the commit needs a token with pull-requests: read and contents: read`
          ]
        : []
  }
}

const NEWER_PULL_REQUEST_FIELDS = /\b(base_ref|verified|signature_state)\b/

// A server from before 2026-06-16 forbids these keys; sending the evidence without them would
// hide from "signed commits" and "merged into main" policies what they read, so it is not retried.
function olderServer(error: unknown): Error | undefined {
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

// Shared set-up of the end-to-end suites: both stand-ins, a seeded repository, and a runAction
// that points the action at them (never at the real services).
import { type GitHubStandIn, startGitHubServer } from './github-server.js'
import { type KosliStandIn, startKosliServer } from './kosli-server.js'
import { type ActionResult, type RunActionOptions, runAction } from './run-action.js'

export interface StandIns {
  kosli: KosliStandIn
  github: GitHubStandIn
  /** Oldest first: the seeded history of acme/app on main. */
  shas: string[]
  run(options?: RunActionOptions): Promise<ActionResult>
  close(): Promise<void>
}

export const OWNER = 'acme'
export const REPO = 'app'

export async function startStandIns(historyLength = 5): Promise<StandIns> {
  const kosli = await startKosliServer()
  const github = await startGitHubServer()
  github.seedRepository({
    owner: OWNER,
    repo: REPO,
    id: 4242,
    description: 'The app',
    orgOwned: true
  })
  const shas = github.seedLinearHistory(OWNER, REPO, historyLength)
  return {
    kosli,
    github,
    shas,
    run(options: RunActionOptions = {}) {
      return runAction({
        ...options,
        github: {
          repository: `${OWNER}/${REPO}`,
          sha: shas[shas.length - 1],
          apiUrl: github.url,
          ...options.event?.github,
          ...options.github
        },
        inputs: {
          'api-token': kosli.token,
          org: 'acme',
          flow: 'app',
          host: kosli.url,
          ...options.inputs
        }
      })
    },
    async close() {
      await Promise.all([kosli.close(), github.close()])
    }
  }
}

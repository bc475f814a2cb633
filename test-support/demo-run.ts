// The demo's run (npm run demo, and the demo summary's screenshot): a push of 3 commits to
// acme/shop that reports a file and a directory of this repository to the Kosli stand-in.
import type { GitHubStandIn } from './github-server.js'
import type { KosliStandIn } from './kosli-server.js'
import { type ActionResult, REPO_ROOT, defaultPushEvent, runAction } from './run-action.js'

export interface DemoHistory {
  shas: string[]
  /** The push's `before`: three commits back. */
  before: string
  /** The pushed commit. */
  head: string
}

/** acme/shop with six commits on main. */
export function seedDemoRepository(github: GitHubStandIn): DemoHistory {
  github.seedRepository({
    owner: 'acme',
    repo: 'shop',
    id: 642,
    description: 'The shop front end',
    orgOwned: true
  })
  const shas = github.seedLinearHistory('acme', 'shop', 6, { messagePrefix: 'shop change' })
  return { shas, before: shas[2], head: shas[5] }
}

export async function runDemoAction(
  kosli: KosliStandIn,
  github: GitHubStandIn,
  history: DemoHistory = seedDemoRepository(github)
): Promise<ActionResult> {
  const { shas, before, head } = history
  return runAction({
    cwd: REPO_ROOT,
    event: defaultPushEvent({
      repository: 'acme/shop',
      repositoryId: 642,
      description: 'The shop front end',
      before,
      after: head,
      commits: shas.slice(3).map(sha => {
        const commit = github.commit('acme', 'shop', sha)!
        return { ...commit, parents: commit.parents }
      })
    }),
    github: { repository: 'acme/shop', sha: head, apiUrl: github.url, workspace: REPO_ROOT },
    inputs: {
      'api-token': kosli.token,
      org: 'acme',
      flow: 'shop',
      host: kosli.url,
      artifact: 'action.yml\nsrc',
      annotations: 'demo=true'
    }
  })
}

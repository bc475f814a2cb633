import type { ServiceHttp } from '../sonar/settings.js'

// How the jira type asks Jira: set up by attest/ from its inputs.

export interface JiraSettings {
  url: string
  username?: string
  apiToken?: string
  pat?: string
  projectKeys: readonly string[]
  secondarySource?: string
  ignoreBranchMatch: boolean
  /** The branch the run is on (the pull request's head branch on pull_request events). */
  branch?: string
  http: ServiceHttp
}

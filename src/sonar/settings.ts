// How the sonar type asks SonarQube Cloud or Server: set up by attest/ from its inputs.

/** How an outside service (Sonar, Jira) is asked: the step's request-timeout and max-retries. */
export interface ServiceHttp {
  timeoutMs: number
  maxRetries: number
  /** Backoff unit; tests pass a few ms. */
  retryBaseMs?: number
}

export interface SonarSettings {
  /** The sonar-url input, if given. */
  url?: string
  token: string
  /** The report file (results), resolved; undefined with a project key. */
  reportFile?: string
  projectKey?: string
  branch?: string
  pullRequest?: string
  /** The commit whose branch analysis is looked for (git-commit). */
  revision: string
  waitSeconds: number
  http: ServiceHttp
}

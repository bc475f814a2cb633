import { moreType } from './more-type.js'

/** jira: the Jira issues the commit names, and whether each exists. */
export const jira = moreType(
  'jira',
  'the Jira issues the commit message (or branch) names, and whether each exists (`jira-url`, `jira-project-keys`)'
)

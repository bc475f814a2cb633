import type { ParsedInputs, RawInputs } from '../inputs/table.js'
import { moreType } from './more-type.js'
import type { InputsOk } from './type.js'

/** jira: the Jira issues the commit names, and whether each exists. */
export const jira = moreType(
  'jira',
  'the Jira issues the commit message (or branch) names, and whether each exists (`jira-url`, `jira-project-keys`)',
  {
    takes: [
      'jira-url',
      'jira-username',
      'jira-api-token',
      'jira-pat',
      'jira-project-keys',
      'jira-secondary-source'
    ],
    refuses: { compliant: 'the Jira issues decide the compliance of jira evidence' },
    check: jiraChecks
  }
)

function jiraChecks(inputs: ParsedInputs, _values: RawInputs, ok: InputsOk): string[] {
  const problems: string[] = []
  if (!inputs.jiraUrl && ok('jira-url')) {
    problems.push(
      `'jira-url': given nothing; expected your Jira's base URL, such as https://acme.atlassian.net`
    )
  }
  const basic = Boolean(inputs.jiraUsername || inputs.jiraApiToken)
  if (inputs.jiraPat && basic) {
    problems.push(
      `'jira-pat': given together with jira-username / jira-api-token; expected one of them: jira-username with jira-api-token (Jira Cloud), or jira-pat (Jira Data Center)`
    )
  } else if (!inputs.jiraPat && Boolean(inputs.jiraUsername) !== Boolean(inputs.jiraApiToken)) {
    const missing = inputs.jiraUsername ? 'jira-api-token' : 'jira-username'
    problems.push(`'${missing}': given nothing; expected jira-username and jira-api-token together`)
  } else if (!inputs.jiraPat && !basic && ok('jira-pat', 'jira-api-token', 'jira-username')) {
    problems.push(
      `'jira-api-token': given nothing; expected jira-username with jira-api-token (Jira Cloud), or jira-pat (Jira Data Center)`
    )
  }
  return problems
}

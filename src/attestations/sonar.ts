import { shown } from '../inputs/problems.js'
import type { ParsedInputs, RawInputs } from '../inputs/table.js'
import { moreType } from './more-type.js'
import type { InputsOk } from './type.js'

/** sonar: the quality gate of a SonarQube Cloud or Server analysis. */
export const sonar = moreType(
  'sonar',
  "the quality gate of the commit's analysis on SonarQube Cloud or Server (`sonar-token`, and `results` or `sonar-project-key`)",
  {
    // sonar-wait and ignore-branch-match have defaults in action.yml, so they are always given.
    takes: [
      'results',
      'sonar-url',
      'sonar-token',
      'sonar-project-key',
      'sonar-branch',
      'sonar-pull-request'
    ],
    refuses: { compliant: 'Kosli decides the compliance of sonar evidence' },
    check: sonarChecks
  }
)

function sonarChecks(inputs: ParsedInputs, values: RawInputs, ok: InputsOk): string[] {
  const problems: string[] = []
  if (!inputs.sonarToken && ok('sonar-token')) {
    problems.push(
      `'sonar-token': given nothing; expected a SonarQube or SonarCloud token that can browse the project`
    )
  }
  if (inputs.results.length > 1) {
    problems.push(
      `'results': given ${inputs.results.length} lines with type sonar; expected one report-task.txt file`
    )
  }
  const key = inputs.sonarProjectKey
  if (key && inputs.results.length > 0) {
    problems.push(
      `'sonar-project-key': given ${shown('sonar-project-key', values['sonar-project-key'])} together with 'results'; expected one of them: the report file names its own analysis`
    )
  }
  const branch = inputs.sonarBranch
  const pull = inputs.sonarPullRequest
  if (key && !branch && !pull && ok('sonar-branch', 'sonar-pull-request')) {
    problems.push(
      `'sonar-project-key': given without 'sonar-branch' or 'sonar-pull-request'; expected one of them, to find the analysis of this commit`
    )
  }
  if (branch && pull) {
    problems.push(
      `'sonar-pull-request': given together with 'sonar-branch'; expected one of them (a pull request analysis is not a branch analysis)`
    )
  }
  if (!key && (branch || pull)) {
    const name = branch ? 'sonar-branch' : 'sonar-pull-request'
    problems.push(
      `'${name}': given without 'sonar-project-key'; expected it only with sonar-project-key`
    )
  }
  return problems
}

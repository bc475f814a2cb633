import { moreType } from './more-type.js'

/** sonar: the quality gate of a SonarQube Cloud or Server analysis. */
export const sonar = moreType(
  'sonar',
  "the quality gate of the commit's analysis on SonarQube Cloud or Server (`sonar-token`, and `results` or `sonar-project-key`)"
)

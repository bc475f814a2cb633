import { leavesWorkspace } from '../workspace.js'
import { parseImageReference } from '../fingerprint/oci/reference.js'
import { type RunContext, defaultGitCommit } from '../provenance/context.js'
import { InputError, shown } from './problems.js'
import { isDeploymentEnvironment } from './fields.js'
import type { ActionName, Config, InputName, ParsedInputs, RawInputs } from './table.js'
import { TYPE_NAMES, attestationTypeOf } from '../attestations/table.js'
import { PayloadError, splitAttestationName } from '../evidence/names.js'

// Every rule that combines inputs, or an input with the run it is in, lives in this file.

/** Rules between inputs, checked when parsing; `failed` inputs already have their problem. */
export function crossChecks(
  inputs: ParsedInputs,
  values: RawInputs,
  failed: ReadonlySet<InputName>,
  action: ActionName = 'main'
): string[] {
  const problems: string[] = []
  const ok = (...names: InputName[]): boolean => names.every(name => !failed.has(name))
  if (!inputs.org && ok('org'))
    problems.push(`'org': given nothing; expected a Kosli organization (or set KOSLI_ORG)`)
  // assert/ alone may leave the flow out for a given artifact: Kosli then asserts across flows.
  const acrossFlows =
    action === 'assert' && (inputs.artifacts.length > 0 || inputs.fingerprint !== undefined)
  if (!inputs.flow && !acrossFlows && ok('flow')) {
    problems.push(
      action === 'assert'
        ? `'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW), or fingerprint or artifact to assert across every flow that holds it`
        : `'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW)`
    )
  }
  if (action === 'assert' && !inputs.apiToken && ok('api-token')) {
    problems.push(
      `'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN): the assert asks Kosli, even in dry run`
    )
  } else if (!inputs.apiToken && !inputs.dryRun && ok('api-token', 'dry-run')) {
    problems.push(
      `'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN), unless dry-run is true`
    )
  }
  if (action === 'main') problems.push(...flowAndTrailChecks(inputs, values, ok))
  if (action === 'attest') problems.push(...attestChecks(inputs, values, ok))
  if (action === 'assert') problems.push(...assertChecks(inputs, values, ok))
  if (action !== 'main' && inputs.artifacts.length > 1 && ok('artifact')) {
    problems.push(
      `'artifact': given ${inputs.artifacts.length} lines; expected one artifact (one path, or one image)${action === 'assert' ? ' (give fingerprints through several steps, or none to assert what Kosli holds for the commit)' : ''}`
    )
  }
  if (!ok('artifact', 'fingerprint', 'artifact-type', 'report')) return problems
  return [...problems, ...artifactChecks(inputs, values, ok)]
}

type Ok = (...names: InputName[]) => boolean

/** What to report, and from where: the artifact inputs with the registry ones. */
function artifactChecks(inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
  const problems: string[] = []
  if (inputs.artifacts.length > 0 && inputs.fingerprint) {
    problems.push(
      `'fingerprint': given ${shown('fingerprint', values.fingerprint)} together with 'artifact'; expected exactly one of artifact and fingerprint`
    )
  }
  const registry = inputs.artifactType === 'oci'
  if (!registry && inputs.artifactType !== 'docker') {
    // Checked again where the paths are resolved; here it fails before any request.
    for (const pattern of inputs.artifacts.filter(line => !line.startsWith('!'))) {
      if (leavesWorkspace(pattern)) {
        problems.push(
          `'artifact': given ${shown('artifact', pattern)}, which is outside the workspace; expected a path inside the workspace (give an absolute path if you mean it)`
        )
      }
    }
  }
  if (!registry && (inputs.registryUsername || inputs.registryPassword)) {
    problems.push(
      `'registry-username'/'registry-password': given with artifact-type ${inputs.artifactType}; expected only with artifact-type oci`
    )
  }
  if (!registry && inputs.registry) {
    problems.push(
      `'registry': given ${shown('registry', values.registry)} with artifact-type ${inputs.artifactType}; expected only with artifact-type oci`
    )
  }
  if (
    registry &&
    ok('registry-username', 'registry-password') &&
    Boolean(inputs.registryUsername) !== Boolean(inputs.registryPassword)
  ) {
    const missing = inputs.registryUsername ? 'registry-password' : 'registry-username'
    problems.push(
      `'${missing}': given nothing; expected registry-username and registry-password together`
    )
  }
  if (registry) {
    // A malformed reference, or http:// to a non-loopback registry, fails before any request.
    const registries: string[] = []
    for (const reference of inputs.artifacts) {
      try {
        registries.push(parseImageReference(reference).registry)
      } catch (error) {
        problems.push(
          `'artifact': given ${shown('artifact', reference)}; ${(error as Error).message}`
        )
      }
    }
    if (inputs.registry && registries.length > 0 && !registries.includes(inputs.registry)) {
      problems.push(
        `'registry': given ${shown('registry', values.registry)}, which no artifact is in; expected the registry of one of the artifacts (${[...new Set(registries)].join(', ')})`
      )
    }
  }
  if (inputs.report === 'true' && inputs.artifacts.length === 0 && !inputs.fingerprint) {
    problems.push(
      `'report': given "true" with neither 'artifact' nor 'fingerprint'; expected something to report`
    )
  }
  return problems
}

/** The main action's flow and trail inputs, and the environment its gate asserts against. */
function flowAndTrailChecks(inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
  const problems: string[] = []
  if (inputs.flowDescription !== undefined && !inputs.flowTemplate && ok('flow-template')) {
    problems.push(
      `'flow-description': given without 'flow-template'; expected it only with flow-template (the flow is created or updated only from a template)`
    )
  }
  const beginsTrail = inputs.beginTrail || inputs.trailTemplate !== undefined
  if (
    inputs.trailDescription !== undefined &&
    !beginsTrail &&
    ok('begin-trail', 'trail-template')
  ) {
    problems.push(
      `'trail-description': given without begin-trail: true or trail-template; expected it only when the step begins the trail`
    )
  }
  if (
    inputs.kosliEnvironment !== undefined &&
    !inputs.requireCompliant &&
    ok('require-compliant')
  ) {
    problems.push(
      `'kosli-environment': given ${shown('kosli-environment', values['kosli-environment'])} without require-compliant: true; expected it only with require-compliant, which asserts against that environment's policies`
    )
  }
  // The template is sent to Kosli: a relative path must not climb out of the workspace.
  for (const name of ['flow-template', 'trail-template'] as const) {
    const given = name === 'flow-template' ? inputs.flowTemplate : inputs.trailTemplate
    if (given !== undefined && leavesWorkspace(given)) {
      problems.push(
        `'${name}': given ${shown(name, values[name])}, which is outside the workspace; expected a template file inside the workspace (give an absolute path if you mean it)`
      )
    }
  }
  return problems
}

// Which types take `results`, and how many files.
const RESULTS_TYPES = new Set(['junit', 'snyk'])

/** The rules of attest/: its type decides which of its inputs are needed and which are refused. */
function attestChecks(inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
  const problems: string[] = []
  let kind: string | undefined
  let evidence: string | undefined
  if (!inputs.attestationType && ok('type')) {
    problems.push(`'type': given nothing; expected ${TYPE_NAMES}`)
  } else if (inputs.attestationType) {
    try {
      const { type } = attestationTypeOf(inputs.attestationType)
      kind = type.kind
      evidence = type.evidence
    } catch {
      problems.push(`'type': given ${shown('type', values.type)}; expected ${TYPE_NAMES}`)
    }
  }
  if (!inputs.attestationName && ok('name')) {
    problems.push(
      `'name': given nothing; expected the attestation's name in the template, or <artifact>.<attestation>`
    )
  } else if (inputs.attestationName) {
    try {
      splitAttestationName(inputs.attestationName)
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error
      problems.push(
        `'name': given ${shown('name', values.name)}; expected <attestation> or <artifact>.<attestation>, each of letters, digits, '-', '_' and ',' (Kosli allows no other character, no dot in a name)`
      )
    }
  }
  if (kind === undefined) return problems
  const typeName = inputs.attestationType ?? ''
  if (evidence !== undefined) return [...problems, ...approvalEvidenceChecks(inputs, evidence, ok)]
  const takesCompliant = kind === 'generic' || kind === 'decision'
  if (takesCompliant && inputs.compliant === undefined && ok('compliant')) {
    problems.push(
      `'compliant': given nothing; expected true, false or a step outcome for type ${kind} (an empty value is never taken as true)`
    )
  }
  if (!takesCompliant && inputs.compliant !== undefined) {
    problems.push(
      `'compliant': given ${shown('compliant', values.compliant)} with type ${typeName}; expected it only with type generic or decision (${kind === 'jira' ? 'the Jira issues decide' : 'Kosli decides'} the compliance of ${typeName} evidence)`
    )
  }
  if (RESULTS_TYPES.has(kind) && inputs.results.length === 0 && ok('results')) {
    problems.push(
      `'results': given nothing; expected ${kind === 'junit' ? 'the JUnit XML files (paths, globs or directories)' : 'the SARIF file Snyk wrote (snyk test --sarif-file-output)'} for type ${typeName}`
    )
  }
  if (kind === 'snyk' && inputs.results.length > 1) {
    problems.push(
      `'results': given ${inputs.results.length} lines with type snyk; expected one SARIF file`
    )
  }
  if (!RESULTS_TYPES.has(kind) && !MORE_RESULTS_TYPES.has(kind) && inputs.results.length > 0) {
    problems.push(
      `'results': given with type ${typeName}; expected it only with junit, snyk, sbom or sonar`
    )
  }
  if (kind === 'custom' && inputs.attestationData === undefined && ok('attestation-data')) {
    problems.push(
      `'attestation-data': given nothing; expected a JSON object (inline, or the path of a .json file) for type ${typeName}`
    )
  }
  if (kind !== 'custom' && inputs.attestationData !== undefined) {
    problems.push(
      `'attestation-data': given with type ${typeName}; expected it only with custom:<type-name>`
    )
  }
  if (kind === 'pull_request' && !inputs.githubToken && ok('github-token')) {
    problems.push(
      `'github-token': given nothing; finding the pull requests of the commit needs a token with pull-requests: read and contents: read`
    )
  }
  problems.push(...moreTypeChecks(kind, inputs, values, ok))
  return problems
}

// sbom and sonar name one file in `results` (sonar's is optional).
const MORE_RESULTS_TYPES = new Set(['sbom', 'sonar'])

const SONAR_INPUTS = [
  'sonar-url',
  'sonar-token',
  'sonar-project-key',
  'sonar-branch',
  'sonar-pull-request'
] as const
const JIRA_INPUTS = [
  'jira-url',
  'jira-username',
  'jira-api-token',
  'jira-pat',
  'jira-project-keys',
  'jira-secondary-source'
] as const

/** The inputs of the sbom, sonar, jira and decision types, each refused with any other type. */
function moreTypeChecks(kind: string, inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
  const problems: string[] = []
  const given = (name: InputName): boolean => (values[name] ?? '').trim() !== ''
  const only = (names: readonly InputName[], type: string): void => {
    for (const name of names.filter(given)) {
      problems.push(`'${name}': given with type ${kind}; expected it only with type ${type}`)
    }
  }
  if (kind !== 'decision') only(['control'], 'decision')
  // sonar-wait and ignore-branch-match have defaults in action.yml, so they are always given.
  if (kind !== 'sonar') only(SONAR_INPUTS, 'sonar')
  if (kind !== 'jira') only(JIRA_INPUTS, 'jira')
  if (kind === 'decision' && !inputs.control && ok('control')) {
    problems.push(
      `'control': given nothing; expected the id of the Kosli control decided on (for example RCTL-043)`
    )
  }
  if (kind === 'sbom') {
    if (inputs.results.length !== 1 && ok('results')) {
      problems.push(
        `'results': given ${inputs.results.length === 0 ? 'nothing' : `${inputs.results.length} lines`} with type sbom; expected one SBOM file (CycloneDX JSON or XML, SPDX JSON or tag-value)`
      )
    }
    if (inputs.attachments.length > 0) {
      problems.push(
        `'attachments': given with type sbom; expected none: the SBOM file is the only attachment, sent as it is (a second one would pack both into a .tgz)`
      )
    }
    if (given('attach-results') && !inputs.attachResults && ok('attach-results')) {
      problems.push(
        `'attach-results': given "false" with type sbom; expected it unset: the SBOM file itself is the evidence sent`
      )
    }
    for (const key of ['sbom_format', 'sbom_sha256']) {
      if (Object.hasOwn(inputs.annotations, key)) {
        problems.push(
          `'annotations': given the key ${key} with type sbom; expected other keys: the action sets ${key} from the SBOM file`
        )
      }
    }
  }
  if (kind === 'sonar') problems.push(...sonarChecks(inputs, values, ok))
  if (kind === 'jira') problems.push(...jiraChecks(inputs, ok))
  return problems
}

function sonarChecks(inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
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

function jiraChecks(inputs: ParsedInputs, ok: Ok): string[] {
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

/** deployment-approval and code-review: the action computes the verdict and the record. */
function approvalEvidenceChecks(inputs: ParsedInputs, evidence: string, ok: Ok): string[] {
  const problems: string[] = []
  if (inputs.compliant !== undefined) {
    problems.push(
      `'compliant': given with type ${evidence}; expected nothing (the action computes the verdict from GitHub's record)`
    )
  }
  if (inputs.userData !== undefined) {
    problems.push(
      `'user-data': given with type ${evidence}; expected nothing (the ${evidence} record is the user data)`
    )
  }
  if (inputs.attestationData !== undefined) {
    problems.push(
      `'attestation-data': given with type ${evidence}; expected nothing (record-as: custom:<type-name> sends the ${evidence} record as the attestation data)`
    )
  }
  if (inputs.results.length > 0) {
    problems.push(`'results': given with type ${evidence}; expected it only with junit or snyk`)
  }
  if (evidence === 'deployment-approval' && !inputs.githubEnvironment && ok('github-environment')) {
    problems.push(
      `'github-environment': given nothing; expected the GitHub environment the job deploys to (the job's environment: name) for type deployment-approval`
    )
  }
  if (!inputs.githubToken && ok('github-token')) {
    problems.push(
      `'github-token': given nothing; ${evidence} reads GitHub's record, which needs a token (${evidence === 'deployment-approval' ? 'actions: read' : 'contents: read, pull-requests: read, deployments: read and actions: read'})`
    )
  }
  return problems
}

/** The rules of assert/: one scope at most besides the flow's template. */
function assertChecks(inputs: ParsedInputs, values: RawInputs, ok: Ok): string[] {
  if (inputs.assertEnvironment && inputs.policies.length > 0 && ok('environment', 'policy')) {
    return [
      `'policy': given ${shown('policy', values.policy)} together with environment ${shown('environment', values.environment)}; expected one of environment and policy (an environment asserts its own policies)`
    ]
  }
  return []
}

export interface Plan {
  gitCommit: string
  deploymentEnvironment?: string
  report: boolean
  /** No artifact or fingerprint given: take the commit's artifacts from Kosli. */
  fromKosli: boolean
}

/** What this step does, from the inputs and the run; every problem fails it before any request. */
export function planRun(config: Config, ctx: RunContext): Plan {
  const problems: string[] = []
  const eventEnvironment =
    ctx.eventName === 'deployment' && typeof ctx.payload.deployment?.environment === 'string'
      ? (ctx.payload.deployment.environment as string)
      : undefined
  if (
    config.deploymentEnvironment === undefined &&
    eventEnvironment !== undefined &&
    !isDeploymentEnvironment(eventEnvironment)
  ) {
    problems.push(
      `'deployment-environment': given nothing, and the deployment event's environment is ${eventEnvironment === '' ? 'empty' : shown('deployment-environment', eventEnvironment)}; expected 1 to 128 characters without control characters (or set deployment-environment)`
    )
  }
  const deploymentEnvironment = config.deploymentEnvironment ?? eventEnvironment
  const local = config.artifacts.length > 0 || config.fingerprint !== undefined
  const report =
    config.report === 'true' || (config.report === 'auto' && local && !deploymentEnvironment)
  const fromKosli = !local && (config.approval !== 'none' || deploymentEnvironment !== undefined)
  const flowOrTrail =
    config.flowTemplate !== undefined || config.beginTrail || config.trailTemplate !== undefined
  if (!local && config.approval === 'none' && !deploymentEnvironment && !flowOrTrail) {
    problems.push(
      `'artifact': given nothing; expected an artifact or fingerprint to report, approval / deployment-environment to act on what Kosli already holds, or flow-template / begin-trail`
    )
  }
  // Reads happen in dry run too, so these need a token even then.
  // Without flow-description the flow keeps what Kosli holds, which is read first.
  const readsFlow = config.flowTemplate !== undefined && config.flowDescription === undefined
  const needsKosliRead =
    fromKosli ||
    config.approval !== 'none' ||
    (deploymentEnvironment !== undefined && config.requireCompliant) ||
    readsFlow
  if (needsKosliRead && !config.apiToken) {
    const why = fromKosli
      ? "looking up the commit's artifacts in Kosli"
      : config.approval !== 'none'
        ? 'finding the previous approval in Kosli'
        : readsFlow
          ? "reading the flow's description from Kosli (flow-template without flow-description keeps it)"
          : 'checking compliance in Kosli'
    problems.push(`'api-token': given nothing; ${why} needs a token, even in dry run`)
  }
  if (deploymentEnvironment && !config.dryRun && !config.githubToken) {
    problems.push(`'github-token': given nothing; recording a deployment in GitHub needs a token`)
  }
  const gitCommit = config.gitCommit ?? defaultGitCommit(ctx)
  if (!/^[0-9a-f]{40}$/.test(gitCommit ?? '')) {
    problems.push(
      `'git-commit': given nothing, and the run's commit (GITHUB_SHA) is ${JSON.stringify(gitCommit ?? '')}; expected a 40-character hex sha`
    )
  }
  if (problems.length > 0) throw new InputError(problems)
  return { gitCommit, deploymentEnvironment, report, fromKosli }
}

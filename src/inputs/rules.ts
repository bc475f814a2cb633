import { leavesWorkspace } from '../workspace.js'
import { parseImageReference } from '../fingerprint/oci/reference.js'
import { type RunContext, defaultGitCommit } from '../provenance/context.js'
import { InputError, shown } from './problems.js'
import { isDeploymentEnvironment } from './fields.js'
import type {
  ActionName,
  Config,
  InputChecks,
  InputName,
  ParsedInputs,
  RawInputs
} from './table.js'

// Every rule that combines inputs, or an input with the run it is in, lives in this file, but
// attest/'s: its type and name, and each type's own rules on its inputs, come with the action
// (src/attestations/inputs.ts) as `checks`.

/**
 * Rules between inputs, checked when parsing; `failed` inputs already have their problem.
 * `checks` are the action's own rules (attest/ brings its types').
 */
export function crossChecks(
  inputs: ParsedInputs,
  values: RawInputs,
  failed: ReadonlySet<InputName>,
  action: ActionName = 'main',
  checks?: InputChecks
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
  if (checks) problems.push(...checks(inputs, values, ok))
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

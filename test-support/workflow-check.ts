import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseDocument } from 'yaml'

// What the example workflows and the README's snippets are checked against: action.yml's inputs
// and outputs, and the one path this action is published under.

export const ROOT = fileURLToPath(new URL('../', import.meta.url))

/** The canonical `uses:` path; `<owner>` is the organization that publishes the action. */
export const ACTION_PATH = '<owner>/kosli-report-action'
export const THIS_ACTION = `${ACTION_PATH}@v1`

/** This action or one of its sub-actions, at a major tag, a full version or a commit SHA. */
const CANONICAL_USES =
  /^<owner>\/kosli-report-action(?:\/[a-z][\w-]*)?@(?:v\d+(?:\.\d+\.\d+)?|[0-9a-f]{40})$/

export type Mapping = Record<string, unknown>

export function isMapping(value: unknown): value is Mapping {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Parses YAML text; the parser's errors and warnings, by message, instead of a value. */
export function parseYaml(text: string): { value: unknown; problems: string[] } {
  const document = parseDocument(text)
  const problems = [...document.errors, ...document.warnings].map(error => error.message)
  return { value: problems.length === 0 ? document.toJS() : undefined, problems }
}

export function readYamlFile(file: string): Mapping {
  const { value, problems } = parseYaml(readFileSync(path.join(ROOT, file), 'utf8'))
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`)
  if (!isMapping(value)) throw new Error(`${file}: not a mapping`)
  return value
}

export interface Step {
  job: string
  id?: string
  uses?: string
  with: Mapping
  /** The workflow's, the job's and the step's `env:`, later ones winning. */
  env: Mapping
}

export function jobsOf(workflow: Mapping): [string, Mapping][] {
  if (!isMapping(workflow.jobs)) throw new Error('no jobs')
  return Object.entries(workflow.jobs).map(([name, job]) => {
    if (!isMapping(job)) throw new Error(`job ${name} is not a mapping`)
    return [name, job]
  })
}

function stepsFrom(job: string, steps: unknown, env: Mapping): Step[] {
  return (Array.isArray(steps) ? steps : []).filter(isMapping).map(step => ({
    job,
    id: typeof step.id === 'string' ? step.id : undefined,
    uses: typeof step.uses === 'string' ? step.uses : undefined,
    with: isMapping(step.with) ? step.with : {},
    env: { ...env, ...(isMapping(step.env) ? step.env : {}) }
  }))
}

export function stepsOf(name: string, job: Mapping, workflowEnv: Mapping = {}): Step[] {
  return stepsFrom(name, job.steps, { ...workflowEnv, ...(isMapping(job.env) ? job.env : {}) })
}

/**
 * The steps of a workflow, or of a fragment of one as the README shows it: a `jobs:` entry or
 * a list of steps. Undefined when the value is none of these.
 */
export function stepsOfFragment(value: unknown): Step[] | undefined {
  if (Array.isArray(value)) return stepsFrom('(steps)', value, {})
  if (!isMapping(value)) return undefined
  if (isMapping(value.jobs)) {
    const env = isMapping(value.env) ? value.env : {}
    return jobsOf(value).flatMap(([name, job]) => stepsOf(name, job, env))
  }
  const jobs = Object.entries(value)
  if (jobs.length > 0 && jobs.every(([, job]) => isMapping(job) && Array.isArray(job.steps)))
    return jobs.flatMap(([name, job]) => stepsOf(name, job as Mapping))
  return undefined
}

export function usesThisAction(step: Step): boolean {
  return step.uses !== undefined && /kosli-report-action/.test(step.uses)
}

export function isCanonicalUses(ref: string): boolean {
  return CANONICAL_USES.test(ref)
}

/** Every reference to this action with a ref (`…kosli-report-action…@…`) in a text. */
export function actionReferences(text: string): string[] {
  return [...text.matchAll(/[\w<>.-]*\/kosli-report-action(?:\/[\w-]+)?@[\w.-]+/g)].map(m => m[0])
}

interface ActionInput {
  description?: string
}

/** action.yml's inputs and outputs, and which inputs a step must give (or their KOSLI_* variable). */
export interface ActionInterface {
  inputs: Set<string>
  outputs: Set<string>
  /** Inputs whose description says "Required", with the variable each falls back to. */
  required: { input: string; variable?: string; unlessDryRun: boolean }[]
}

export function readAction(file = 'action.yml'): ActionInterface {
  const action = readYamlFile(file)
  const inputs = action.inputs as Record<string, ActionInput>
  const required = Object.entries(inputs).flatMap(([input, spec]) => {
    const description = spec.description ?? ''
    const match = /(?:^|\. )Required( unless dry-run)?\./.exec(description)
    if (!match) return []
    const variable = /Falls back to (KOSLI_\w+)/.exec(description)?.[1]
    return [{ input, variable, unlessDryRun: match[1] !== undefined }]
  })
  return {
    inputs: new Set(Object.keys(inputs)),
    outputs: new Set(Object.keys(action.outputs as Mapping)),
    required
  }
}

/**
 * What is wrong with a step of this action: an input action.yml does not declare, a required
 * input given neither in `with:` nor by its KOSLI_* variable, or a `uses:` path that is not the
 * canonical one. Empty when nothing is.
 */
export function stepProblems(step: Step, action: ActionInterface): string[] {
  const problems: string[] = []
  if (step.uses !== undefined && !isCanonicalUses(step.uses))
    problems.push(`uses: ${step.uses} is not ${ACTION_PATH}@<ref>`)
  for (const key of Object.keys(step.with))
    if (!action.inputs.has(key)) problems.push(`input ${key} is not in action.yml`)
  const dryRun = step.with['dry-run'] !== undefined || step.env.KOSLI_DRY_RUN !== undefined
  for (const { input, variable, unlessDryRun } of action.required) {
    if (unlessDryRun && dryRun) continue
    if (step.with[input] !== undefined) continue
    if (variable !== undefined && step.env[variable] !== undefined) continue
    problems.push(
      `required input ${input} is missing${variable ? ` (nor is ${variable} set)` : ''}`
    )
  }
  return problems
}

/** The sub-actions, each a directory with its own action.yml. */
export const SUB_ACTIONS = ['attest', 'assert'] as const

/** The action.yml that a `uses:` of this action names: a sub-action's, or the main one. */
export function actionFileOf(uses: string | undefined): string {
  const sub = uses?.match(/kosli-report-action\/([a-z][\w-]*)@/)?.[1]
  return sub ? `${sub}/action.yml` : 'action.yml'
}

const actions = new Map<string, ActionInterface>()

/** The inputs and outputs of the action a step uses (the main action or a sub-action). */
export function actionOf(step: Pick<Step, 'uses'>): ActionInterface {
  const file = actionFileOf(step.uses)
  let action = actions.get(file)
  if (!action) {
    action = readAction(file)
    actions.set(file, action)
  }
  return action
}

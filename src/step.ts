import { getInput, setSecret } from '@actions/core'
import { messageOf } from './error-message.js'
import { proxySecrets } from './http/proxy.js'
import { closeConnections } from './http/transport.js'
import {
  type ActionName,
  type Config,
  type InputChecks,
  InputError,
  type RawInputs,
  SECRET_INPUTS,
  envFallback,
  inputsOf,
  parseInputs
} from './inputs/index.js'
import { print } from './print.js'
import { type RunContext, readRunContext } from './provenance/context.js'
import { redactSecrets } from './redact.js'
import { writeInputSummary } from './summary.js'

// The step of each action (the main one, attest/, assert/): read its inputs once, mask the
// secrets among them, parse, run, and turn any failure into a failed step.

/** The action's inputs, each read exactly once, and the secret values among them. */
function readInputs(
  action: ActionName,
  env: NodeJS.ProcessEnv
): { raw: RawInputs; secrets: string[] } {
  const raw: RawInputs = {}
  const secrets: string[] = []
  for (const name of inputsOf(action)) {
    raw[name] = getInput(name, { trimWhitespace: false })
    if (!SECRET_INPUTS.has(name)) continue
    // The KOSLI_* variable an empty input falls back to is just as secret.
    const variable = envFallback(name, action)
    for (const value of [raw[name], variable ? env[variable] : undefined]) {
      if (value && value.trim()) secrets.push(value, value.trim())
    }
  }
  return { raw, secrets }
}

/**
 * Runs one action's step: its code gets parsed inputs and the run's context, never getInput,
 * so tests call it directly. Bad inputs stop the step before it writes its own summary, so a short
 * one names what to fix. `checks` are the action's own rules on its inputs (attest/'s types').
 */
export async function runStep(
  action: ActionName,
  step: (config: Config, ctx: RunContext) => Promise<unknown>,
  { env = process.env, checks }: { env?: NodeJS.ProcessEnv; checks?: InputChecks } = {}
): Promise<void> {
  let secrets: string[] = []
  try {
    const inputs = readInputs(action, env)
    secrets = [...inputs.secrets, ...proxySecrets(env)]
    for (const secret of secrets) setSecret(secret)
    const ctx = readRunContext(env)
    await step(parseInputs(inputs.raw, env, ctx.workspace, action, checks), ctx)
  } catch (error) {
    if (error instanceof InputError) {
      await writeInputSummary(error.problems.map(problem => redactSecrets(problem, secrets)))
    }
    print.setFailed(redactSecrets(messageOf(error), secrets))
  } finally {
    // The outcome is written: no connection, open or being opened, may keep the process alive.
    await closeConnections()
  }
}

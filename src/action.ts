import * as core from '@actions/core'
import {
  ENV_FALLBACKS,
  INPUT_NAMES,
  InputError,
  type RawInputs,
  SECRET_INPUTS,
  parseInputs
} from './inputs/index.js'
import { run } from './main.js'
import { print } from './print.js'
import { readRunContext } from './provenance/index.js'
import { redactSecrets } from './redact.js'
import { writeInputSummary } from './summary.js'

// Reads every input exactly once; run() never calls core.getInput, so tests can call it directly.
function readRawInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name, { trimWhitespace: false })
  return raw
}

function secretValues(raw: RawInputs): string[] {
  const values: string[] = []
  for (const name of SECRET_INPUTS) {
    const variable = ENV_FALLBACKS[name]
    for (const value of [raw[name], variable ? process.env[variable] : undefined]) {
      if (value && value.trim()) values.push(value, value.trim())
    }
  }
  return values
}

function maskSecrets(raw: RawInputs): void {
  for (const secret of secretValues(raw)) core.setSecret(secret)
}

/** The whole step. dist/index.js runs it through src/index.ts; `npm run local-action` calls it. */
export async function runAction(): Promise<void> {
  let secrets: string[] = []
  try {
    const raw = readRawInputs()
    secrets = secretValues(raw)
    maskSecrets(raw)
    const ctx = readRunContext(process.env)
    const config = parseInputs(raw, process.env, ctx.workspace)
    await run(config, ctx)
  } catch (error) {
    // Bad inputs stop the step before run() writes its summary: this one names what to fix.
    if (error instanceof InputError) {
      await writeInputSummary(error.problems.map(problem => redactSecrets(problem, secrets)))
    }
    print.setFailed(error instanceof Error ? error.message : String(error))
  }
}

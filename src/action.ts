import * as core from './workflow-commands.js'
import {
  ENV_FALLBACKS,
  INPUT_NAMES,
  type RawInputs,
  SECRET_INPUTS,
  parseInputs
} from './inputs/index.js'
import { run } from './main.js'
import { print } from './print.js'
import { readRunContext } from './provenance/index.js'

// Reads every input exactly once; run() never calls core.getInput, so tests can call it directly.
function readRawInputs(): RawInputs {
  const raw: RawInputs = {}
  for (const name of INPUT_NAMES) raw[name] = core.getInput(name)
  return raw
}

function maskSecrets(raw: RawInputs): void {
  for (const name of SECRET_INPUTS) {
    const variable = ENV_FALLBACKS[name]
    for (const value of [raw[name], variable ? process.env[variable] : undefined]) {
      if (value && value.trim()) {
        core.setSecret(value)
        core.setSecret(value.trim())
      }
    }
  }
}

/** The whole step. dist/index.js runs it through src/index.ts; `npm run local-action` calls it. */
export async function runAction(): Promise<void> {
  try {
    const raw = readRawInputs()
    maskSecrets(raw)
    const ctx = readRunContext(process.env)
    const config = parseInputs(raw, process.env, ctx.workspace)
    await run(config, ctx)
  } catch (error) {
    print.setFailed(error instanceof Error ? error.message : String(error))
  }
}

export { parseInputs, withEnvFallbacks } from './parse.js'
export { InputError } from './problems.js'
export { type Plan, planRun } from './rules.js'
export {
  type ActionName,
  type Config,
  ENV_FALLBACKS,
  envFallback,
  envFallbacksOf,
  INPUTS,
  INPUT_NAMES,
  type InputChecks,
  type InputName,
  type RawInputs,
  SECRET_INPUTS,
  inputsOf
} from './table.js'
export type { ExternalUrl } from './fields.js'

import { runMain } from './actions/main.js'
import { runStep } from './step.js'

/** The main action's step. dist/index.js runs it through src/index.ts; `npm run local-action` calls it. */
export function runAction(): Promise<void> {
  return runStep('main', runMain)
}

import { messageOf } from '../error-message.js'
import { print } from '../print.js'
import { appendSummary } from '../summary.js'

/** Appends a sub-action's job summary; a summary that cannot be written is only a warning. */
export async function writeStepSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await appendSummary(markdown)
  } catch (error) {
    print.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}

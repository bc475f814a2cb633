// The entry point `npm run local-action` gives @github/local-action: the action's run().
// local-action puts its stand-in for @actions/core in place of the real one: it prints the same
// commands, and records a failure without setting the exit code, which print.setFailed (src/print.ts)
// sets itself, so that a failed step exits non-zero here too.
export async function run(): Promise<void> {
  const { runAction } = await import('../src/action.js')
  await runAction()
}

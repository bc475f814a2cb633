// The entry point `npm run local-action` gives @github/local-action: the action's run(). The
// action writes its workflow commands itself (src/workflow-commands.ts), not through
// @actions/core, so local-action's stubs of the toolkit do not apply: the log shows the commands
// as a runner reads them, and a failed step sets the process's exit code.
export async function run(): Promise<void> {
  const { runAction } = await import('../src/action.js')
  await runAction()
}

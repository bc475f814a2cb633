// The entry point `npm run local-action` gives @github/local-action: the action's run(), with the
// exit status a runner would see. local-action replaces @actions/core with stubs (through
// quibble) whose setFailed records the failure for itself but leaves the process's exit code at
// 0; the stub is wrapped here, before the action loads, to set it. Where local-action does not
// stub @actions/core (node_modules is a symlink, for instance), the real setFailed sets it.

type CoreStubs = { setFailed?: (message: string | Error) => void }
type QuibbleState = { quibbledModules?: Map<string, { namedExportStubs?: CoreStubs }> }

/** The stubs quibble serves for @actions/core, from its state on globalThis, if any. */
function coreStubs(): CoreStubs | undefined {
  const state = (globalThis as Record<symbol, unknown>)[Symbol.for('__quibbleUserState')] as
    QuibbleState | undefined
  for (const [url, mocked] of state?.quibbledModules ?? [])
    if (/\/@actions\/core\/lib\/core\.js$/.test(url)) return mocked.namedExportStubs
  return undefined
}

export async function run(): Promise<void> {
  const stubs = coreStubs()
  const setFailed = stubs?.setFailed
  if (stubs && setFailed)
    stubs.setFailed = message => {
      process.exitCode = 1
      setFailed(message)
    }
  // Imported only now, so that the stubbed @actions/core binds the wrapped setFailed.
  const { runAction } = await import('../src/action.js')
  await runAction()
}

// The in-process stage tests' set-up: the Kosli stand-in, started once per file and reset before
// each test, and a client of the action's talking to it without retries or log lines.
import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { KosliClient } from '../src/kosli/client.js'
import { type KosliStandIn, startKosliServer } from './kosli-server.js'

export const QUIET_LOG = {
  info: () => {},
  debug: () => {},
  warning: () => {},
  startGroup: () => {},
  endGroup: () => {}
}

/** Registers the hooks; read `kosli` and `client` inside tests, once beforeAll has run. */
export function useKosliStandIn(): { readonly kosli: KosliStandIn; readonly client: KosliClient } {
  let kosli: KosliStandIn | undefined
  let client: KosliClient | undefined
  beforeAll(async () => {
    kosli = await startKosliServer()
    client = new KosliClient({
      host: kosli.url,
      token: kosli.token,
      timeoutMs: 5000,
      maxRetries: 0,
      dryRun: false,
      log: QUIET_LOG
    })
  })
  afterAll(async () => {
    await kosli?.close()
  })
  beforeEach(() => kosli?.reset())
  return {
    get kosli() {
      return kosli as KosliStandIn
    },
    get client() {
      return client as KosliClient
    }
  }
}

// The actions write their workflow commands with src/workflow-commands.ts: no bundle holds
// @actions/core, whose HTTP client (with the npm undici and tunnel) it would load on every start.
import { describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { testBundleDir } from '../../test-support/run-action.js'

const bundleDir = testBundleDir

describe('the bundles hold no @actions/core (e2e, bundled action)', () => {
  it.each(['', 'attest', 'assert'])(
    'licenses.txt of the %j entry lists none of it',
    async entry => {
      const licenses = await readFile(join(bundleDir(), entry, 'licenses.txt'), 'utf8')
      const packages = licenses.split('\n')
      expect(packages).toContain('@actions/exec')
      expect(packages.filter(name => /^(@actions\/(core|http-client)|tunnel)$/.test(name))).toEqual(
        []
      )
    }
  )
})

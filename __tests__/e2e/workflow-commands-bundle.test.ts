// The actions write their workflow commands, outputs and summary with @actions/core, bundled into
// the start-up file of each entry; @actions/github is in no bundle (its `context` reads the event
// file at import, with no size cap: src/provenance/context.ts reads it).
import { describe, expect, it } from '@jest/globals'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { testBundleDir } from '../../test-support/run-action.js'

const bundleDir = testBundleDir

/** Text only @actions/core's code holds (its OIDC client). */
const CORE_MARKER = 'ACTIONS_ID_TOKEN_REQUEST_URL'
/** What @actions/github's `context` prints, outside print.ts, when the event file is missing. */
const GITHUB_EVENT_READER = /GITHUB_EVENT_PATH \$\{[^}]+\} does not exist/

describe('the bundles write through @actions/core, and hold no @actions/github (e2e)', () => {
  it.each(['', 'attest', 'assert'])(
    'licenses.txt of the %j entry lists core, not github',
    async entry => {
      const licenses = await readFile(join(bundleDir(), entry, 'licenses.txt'), 'utf8')
      const packages = licenses.split('\n')
      expect(packages).toEqual(expect.arrayContaining(['@actions/core', '@actions/http-client']))
      expect(packages).not.toContain('@actions/github')
    }
  )

  it.each(['', 'attest', 'assert'])(
    'the start-up file of the %j entry holds @actions/core',
    async entry => {
      const main = await readFile(join(bundleDir(), entry, 'index.js'), 'utf8')
      expect(main).toContain(CORE_MARKER)
    }
  )

  it.each(['', 'attest', 'assert'])(
    'no file of the %j entry holds the event reader of @actions/github',
    async entry => {
      const dir = join(bundleDir(), entry)
      const files = (await readdir(dir)).filter(name => name.endsWith('.js'))
      expect(files).toContain('index.js')
      const found: string[] = []
      for (const name of files) {
        const text = await readFile(join(dir, name), 'utf8')
        if (GITHUB_EVENT_READER.test(text)) found.push(name)
      }
      expect(found).toEqual([])
    }
  )
})

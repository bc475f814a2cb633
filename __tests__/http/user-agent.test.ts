import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { USER_AGENT } from '../../src/http/request.js'

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string
  version: string
}

describe('the User-Agent sent to Kosli', () => {
  it('names this action and the version in package.json', () => {
    expect(USER_AGENT).toBe(`${pkg.name}/${pkg.version}`)
  })
})

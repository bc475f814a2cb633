import { describe, expect, it } from '@jest/globals'
import { coreLog, debugOn, redactSecrets, redactingLog, type Log } from '../src/redact.js'

describe('redactSecrets', () => {
  it('hides every occurrence, also URL- and JSON-encoded forms', () => {
    const secret = 'p@ss/word"x'
    const text = `a ${secret} b ${encodeURIComponent(secret)} c ${JSON.stringify(secret)} ${secret}`
    const out = redactSecrets(text, [secret])
    expect(out).not.toContain(secret)
    expect(out).not.toContain(encodeURIComponent(secret))
    expect(out).toBe('a *** b *** c "***" ***')
  })

  it('ignores empty secrets and hides the longer of overlapping ones whole', () => {
    expect(redactSecrets('token abcdef', ['', 'abc', 'abcdef'])).toBe('token ***')
    expect(redactSecrets('nothing here', [])).toBe('nothing here')
  })

  it('hides each line of a multi-line secret', () => {
    expect(redactSecrets('first-line\nother', ['first-line\nsecond-line'])).toBe('***\nother')
  })
})

describe('redactingLog', () => {
  it('redacts every kind of line', () => {
    const lines: string[] = []
    const log: Log = {
      info: m => lines.push(m),
      debug: m => lines.push(m),
      warning: m => lines.push(m),
      startGroup: n => lines.push(n),
      endGroup: () => lines.push('end')
    }
    const r = redactingLog(log, () => ['s3cr3t'])
    r.info('i s3cr3t')
    r.debug('d s3cr3t')
    r.warning('w s3cr3t')
    r.startGroup('g s3cr3t')
    r.endGroup()
    expect(lines).toEqual(['i ***', 'd ***', 'w ***', 'g ***', 'end'])
  })

  it('wants debug lines as the step does: only with RUNNER_DEBUG=1', () => {
    const before = process.env.RUNNER_DEBUG
    try {
      const r = redactingLog(coreLog, () => ['s3cr3t'])
      delete process.env.RUNNER_DEBUG
      expect(debugOn(r)).toBe(false)
      process.env.RUNNER_DEBUG = '1'
      expect(debugOn(r)).toBe(true)
    } finally {
      if (before === undefined) delete process.env.RUNNER_DEBUG
      else process.env.RUNNER_DEBUG = before
    }
  })
})

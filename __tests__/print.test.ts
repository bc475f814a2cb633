import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import fc from 'fast-check'
import { COMMAND_BREAK, inert, print, printable } from '../src/print.js'
import { coreLog, redactingLog } from '../src/redact.js'
import { runnerCommands } from '../test-support/run-action.js'

const B = COMMAND_BREAK

/** Outside text that would be a command, or would hide the text, if printed as it is. */
const HOSTILE: Array<[string, string]> = [
  ['a command at the start', '::warning title=x::y'],
  ['set-output', '::set-output name=x::y'],
  ['add-mask after a newline', 'a\n::add-mask::secret'],
  ['add-mask after CRLF', 'a\r\n::add-mask::secret'],
  ['add-mask after a lone CR', 'a\r::add-mask::secret'],
  ['stop-commands mid-line, older form', 'w##[stop-commands]x.bin'],
  ['add-mask mid-line, older form', 'answer ##[add-mask]hunter2'],
  ['NBSP before ::', '\u00a0::error::nbsp'],
  ['tab and spaces before ::', ' \t ::error::tab'],
  ['ideographic space before ::', '\u3000::notice::wide'],
  ['NEL before ::', '\u0085::error::nel'],
  ['U+2028 before ::', 'x\u2028::error::ls'],
  ['U+2029 before ::', 'x\u2029::error::ps'],
  ['an ANSI escape', 'ok\u001b[2K\u001b[1Gdone'],
  ['a C1 control', 'a\u009bb'],
  ['three colons', ':::warning::x'],
  ['three hashes', '###[add-mask]x']
]

describe('inert', () => {
  it.each(HOSTILE)('makes %s one line that is no command', (_, text) => {
    const shown = inert(text)
    expect(shown).not.toMatch(/[\n\r\u0085\u2028\u2029]/)
    expect(runnerCommands({ stdout: shown, stderr: '' })).toEqual([])
    expect(runnerCommands({ stdout: `  ${shown}`, stderr: '' })).toEqual([])
  })

  it('shows control characters as escapes a person can read', () => {
    expect(inert('a\nb\rc\td')).toBe('a\\nb\\rc\\td')
    expect(inert('ok\u001b[31mred')).toBe('ok\\u001b[31mred')
    expect(inert('a\u0000b\u007fc\u0085d\u009fe')).toBe('a\\u0000b\\u007fc\\u0085d\\u009fe')
    expect(inert('x\u2028y\u2029z')).toBe('x\\u2028y\\u2029z')
    expect(inert('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe')
  })

  it('breaks :: after leading whitespace and every ##[ with a zero-width space', () => {
    expect(inert('::warning::x')).toBe(`${B}:${B}:warning::x`)
    expect(inert('\u00a0 ::x::y')).toBe(`\u00a0 :${B}:x::y`)
    expect(inert('w##[stop-commands]x ##[group]y')).toBe(`w#${B}#[stop-commands]x #${B}#[group]y`)
  })

  it('guards both ends, so text beside it cannot complete a command', () => {
    expect(`:${inert('::::')}`).toBe(`:${B}:${B}:::${B}`)
    expect(`##${inert('[x')}`).toBe(`##${B}[x`)
    expect(`${inert('x#')}#[y`).toBe(`x#${B}#[y`)
    expect(`${inert('x:')}:y`).toBe(`x:${B}:y`)
  })

  it('leaves text that is no command alone', () => {
    for (const text of [
      'app.jar',
      'dist/::warning',
      'http://[::1]:8080/x',
      'C# ## [x]',
      'naïve 名前'
    ]) {
      expect(inert(text)).toBe(text)
    }
  })
})

describe('printable', () => {
  it('keeps its own line breaks and breaks a command on any line', () => {
    expect(printable('one\n::add-mask::x\r\n  ::error::y')).toBe(
      `one\n:${B}:add-mask::x\n  :${B}:error::y`
    )
  })

  it('escapes a lone CR, which the runner would read as a line break', () => {
    expect(printable('a\r::error::x')).toBe('a\\r::error::x')
  })

  it.each(HOSTILE)('leaves no command in %s', (_, text) => {
    expect(runnerCommands({ stdout: printable(`prefix ${text}\n${text}`), stderr: '' })).toEqual([])
  })

  it('leaves no command in any text at all', () => {
    const piece = fc.constantFrom(
      '::',
      ':',
      '##[',
      '#',
      '[',
      ']',
      '\n',
      '\r',
      '\r\n',
      ' ',
      '\t',
      '\u00a0',
      '\u0085',
      '\u2028',
      '\u3000',
      '\ufeff',
      'add-mask',
      'x'
    )
    const text = fc.array(fc.oneof(piece, fc.string()), { maxLength: 12 }).map(p => p.join(''))
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(runnerCommands({ stdout: printable(a), stderr: '' })).toEqual([])
        expect(runnerCommands({ stdout: `${printable(b)}${inert(a)}`, stderr: '' })).toEqual([])
      }),
      { numRuns: 500 }
    )
  })
})

describe('print', () => {
  let written: string[]

  beforeEach(() => {
    written = []
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk))
      return true
    })
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  const commands = () => runnerCommands({ stdout: written.join(''), stderr: '' })

  it('prints info as plain lines, none of them a command', () => {
    for (const [, text] of HOSTILE) print.info(`Reported ${text}: ok\n${text}`)
    expect(commands()).toEqual([])
    expect(written.join('')).toContain('Reported a\\r::add-mask::secret: ok')
  })

  it.each([
    ['warning', (m: string) => print.warning(m)],
    ['error', (m: string) => print.error(m)],
    ['notice', (m: string) => print.notice(m)],
    ['debug', (m: string) => print.debug(m)],
    ['group', (m: string) => print.startGroup(m)]
  ])(
    'issues exactly one %s command per message, the outside text only in its data',
    (name, issue) => {
      for (const [, text] of HOSTILE) issue(text)
      const seen = commands()
      expect(seen.map(c => c.name)).toEqual(HOSTILE.map(() => name))
      expect(seen.every(c => c.form === '::' && c.properties === '')).toBe(true)
    }
  )

  it('fails the step with one error command', () => {
    const before = process.exitCode
    try {
      print.setFailed('Kosli said: 400\n::set-output name=x::y\n##[add-mask]z')
      expect(process.exitCode).toBe(1)
      expect(commands().map(c => c.name)).toEqual(['error'])
      expect(commands()[0].data).toBe(
        `Kosli said: 400%0A:${B}:set-output name=x::y%0A#${B}#[add-mask]z`
      )
    } finally {
      process.exitCode = before
    }
  })

  it('hides secrets first when composed with redactingLog', () => {
    const log = redactingLog(coreLog, () => ['s3cr3t\n::x'])
    log.info('token s3cr3t\n::x then\n::add-mask::y')
    log.warning('##[add-mask]s3cr3t')
    expect(written.join('')).not.toContain('s3cr3t')
    expect(commands().map(c => c.name)).toEqual(['warning'])
    expect(written[0]).toBe(`token *** then\n:${B}:add-mask::y\n`)
  })
})

import { describe, it, expect } from '@jest/globals'
import {
  compileExcludePattern,
  matchesExcludePattern,
  parseIgnoreFile
} from '../../src/fingerprint/excludes.js'

function matches(pattern: string, relativePath: string): boolean {
  return matchesExcludePattern(compileExcludePattern(pattern, 'a test'), relativePath.split('/'))
}

describe('exclude pattern matching', () => {
  it.each([
    ['logs', 'logs', true],
    ['logs', 'logs/file1', false],
    ['logs', 'nested/logs', false],
    ['*/logs', 'nested-dir/logs', true],
    ['*/logs', 'logs', false],
    ['*/logs', 'a/b/logs', false],
    ['logs/**', 'logs', false],
    ['logs/**', 'logs/a', true],
    ['logs/**', 'logs/a/b/c', true],
    ['logs/*', 'logs', false],
    ['logs/*', 'logs/a', true],
    ['logs/*', 'logs/a/b', false],
    ['**/x', 'x', true],
    ['**/x', 'a/x', true],
    ['**/x', 'a/b/x', true],
    ['**/x', 'a/b/xy', false],
    ['**/*.log', 'debug.log', true],
    ['**/*.log', 'a/debug.log', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/x/y/c', false],
    ['**', 'anything', true],
    ['**', 'a/b', true],
    ['*', '.hidden', true],
    ['*', 'a/b', false],
    ['.*', '.kosli_ignore', true],
    ['?.txt', 'a.txt', true],
    ['?.txt', 'ab.txt', false],
    ['?.txt', '\u{1F600}.txt', true],
    ['?.txt', '/.txt', false],
    ['[ab].txt', 'b.txt', true],
    ['[ab].txt', 'c.txt', false],
    ['[a-c].txt', 'b.txt', true],
    ['[!a-c].txt', 'b.txt', false],
    ['[!a-c].txt', 'd.txt', true],
    ['[^a-c].txt', 'd.txt', true],
    ['[]].txt', '].txt', true],
    ['[a-].txt', '-.txt', true],
    ['\\*.txt', '*.txt', true],
    ['\\*.txt', 'a.txt', false],
    ['a*b', 'a-x-b', true],
    ['a*b', 'a/b', false],
    ['a.b', 'axb', false],
    ['(x)+', '(x)+', true],
    ['{a,b}', '{a,b}', true],
    ['{a,b}', 'a', false],
    ['!a', '!a', true],
    ['#a', '#a', true],
    ['./logs', 'logs', true],
    ['logs/', 'logs', true],
    ['./nested//logs/', 'nested/logs', true],
    ['/logs', 'logs', true],
    ['LOGS', 'logs', false],
    ['*', 'line\nbreak', true]
  ])('%s against %s is %s', (pattern, relativePath, expected) => {
    expect(matches(pattern, relativePath)).toBe(expected)
  })

  it('rejects an empty pattern, naming where it came from', () => {
    expect(() => compileExcludePattern('', 'the exclude input (pattern 2)')).toThrow(
      /Exclude pattern '' from the exclude input \(pattern 2\) is empty/
    )
    expect(() => compileExcludePattern('   ', 'the exclude input')).toThrow(/is empty/)
  })

  it.each([
    ['../outside', /contains '\.\.'/],
    ['a/../b', /contains '\.\.'/],
    ['./', /names the fingerprinted directory itself/],
    ['.', /names the fingerprinted directory itself/],
    ['[abc', /without a closing '\]'/],
    ['a\\', /escapes nothing/],
    ['[z-a]', /not a valid glob/]
  ])('rejects %s', (pattern, message) => {
    expect(() => compileExcludePattern(pattern, 'a test')).toThrow(message)
  })
})

describe('parseIgnoreFile', () => {
  it('cuts comments, trims, skips blank lines and keeps line numbers', () => {
    const text = '# build output\nlogs\n\n   *.tmp   # scratch\n\t\n#only a comment\r\ncache/**\r\n'
    expect(parseIgnoreFile(text)).toEqual([
      { pattern: 'logs', line: 2 },
      { pattern: '*.tmp', line: 4 },
      { pattern: 'cache/**', line: 7 }
    ])
  })

  it('returns nothing for an empty file', () => {
    expect(parseIgnoreFile('')).toEqual([])
  })
})

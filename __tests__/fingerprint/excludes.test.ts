import { describe, it, expect } from '@jest/globals'
import fc from 'fast-check'
import {
  compileExcludePattern,
  compileIgnoreFileLine,
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
      { pattern: 'logs', line: 2, column: 1 },
      { pattern: '*.tmp', line: 4, column: 4 },
      { pattern: 'cache/**', line: 7, column: 1 }
    ])
  })

  it('counts columns from after a byte order mark', () => {
    expect(parseIgnoreFile('\uFEFF  logs')).toEqual([{ pattern: 'logs', line: 1, column: 3 }])
  })

  it('returns nothing for an empty file', () => {
    expect(parseIgnoreFile('')).toEqual([])
  })
})

describe('ignore file patterns', () => {
  const file = '/w/dist/.kosli_ignore'
  const compileFile = (text: string) =>
    parseIgnoreFile(text).map(entry => compileIgnoreFileLine(entry, file))

  it.each([
    ['# x\n\t  QQ[QQ\n', 'line 2, column 6', /has a '\[' without a closing '\]'/],
    ['QQ\u{1F600}[z-a]QQ', 'line 1, column 4', /is not a valid glob: a range in/],
    ['  QQ/../x', 'line 1, column 6', /contains '\.\.'/],
    ['ok\nQQ\\', 'line 2, column 3', /ends with '\\', which escapes nothing/],
    ['./  # QQ', 'line 1)', /names the fingerprinted directory itself/]
  ])('names the file, line and column of %j without quoting it', (text, where, why) => {
    let thrown: unknown
    try {
      compileFile(text)
    } catch (error) {
      thrown = error
    }
    const message = (thrown as Error).message
    expect(message).toContain(`Exclude pattern in '${file}' (${where}`)
    expect(message).toMatch(why)
    expect(message).not.toContain('QQ')
  })

  it('matches like the same pattern from the exclude input', () => {
    const [fromFile] = compileFile('  logs/*.txt  # old logs')
    expect(matchesExcludePattern(fromFile, ['logs', 'a.txt'])).toBe(true)
    expect(matchesExcludePattern(fromFile, ['logs', 'a.log'])).toBe(false)
  })
})

/**
 * The matcher as it was first written: each segment a regular expression, `**` tried at every
 * position. Exactly the meaning to keep, but exponential on patterns with many stars.
 */
function referenceMatches(pattern: string, path: readonly string[]): boolean | 'refused' {
  const parts = pattern
    .trim()
    .split('/')
    .filter(part => part !== '' && part !== '.')
  if (pattern.trim() === '' || parts.length === 0 || parts.includes('..')) return 'refused'
  let segments: (RegExp | '**')[]
  try {
    segments = parts.map(part => (part === '**' ? '**' : referenceSegment(part)))
  } catch {
    return 'refused'
  }
  const last = segments.length - 1
  const from = (index: number, position: number): boolean => {
    if (index > last) return position === path.length
    const segment = segments[index]
    if (segment === '**') {
      const first = index === last ? position + 1 : position
      for (let end = first; end <= path.length; end++) if (from(index + 1, end)) return true
      return false
    }
    return position < path.length && segment.test(path[position]) && from(index + 1, position + 1)
  }
  return from(0, 0)
}

function referenceSegment(part: string): RegExp {
  const chars = Array.from(part)
  const escape = (char: string, special: RegExp): string =>
    special.test(char) ? `\\${char}` : char
  let source = ''
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]
    if (char === '\\') {
      if (i + 1 === chars.length) throw new Error('dangling escape')
      source += escape(chars[++i], /[\\^$.*+?()[\]{}|/]/)
    } else if (char === '*') {
      source += '.*'
    } else if (char === '?') {
      source += '.'
    } else if (char === '[') {
      let j = i + 1
      let body = chars[j] === '!' || chars[j] === '^' ? '^' : ''
      if (body) j++
      const open = body.length
      let closed = false
      for (; j < chars.length; j++) {
        const c = chars[j]
        if (c === ']' && body.length > open) {
          closed = true
          break
        }
        if (c === '\\') {
          if (j + 1 === chars.length) break
          body += escape(chars[++j], /[\\\]^[-]/)
        } else if (
          c === '-' &&
          body.length > open &&
          j + 1 < chars.length &&
          chars[j + 1] !== ']'
        ) {
          body += '-'
        } else {
          body += escape(c, /[\\\]^[-]/)
        }
      }
      if (!closed) throw new Error('unclosed class')
      source += `[${body}]`
      i = j
    } else {
      source += escape(char, /[\\^$.*+?()[\]{}|/]/)
    }
  }
  return new RegExp(`^${source}$`, 'us')
}

function matchesOrRefused(pattern: string, path: readonly string[]): boolean | 'refused' {
  let compiled
  try {
    compiled = compileExcludePattern(pattern, 'a test')
  } catch {
    return 'refused'
  }
  return matchesExcludePattern(compiled, path)
}

describe('exclude patterns against a reference matcher', () => {
  const patternChar = fc.constantFrom(
    ...['a', 'b', '.', '*', '*', '?', '[', ']', '!', '^', '-', '\\', '/', '/', 'é', '\u{1F600}']
  )
  const nameChar = fc.constantFrom(
    ...['a', 'b', '.', '-', ']', '!', '^', '\\', '*', '?', 'é', '\u{1F600}', '\n']
  )
  const patternArb = fc.oneof(
    fc.array(patternChar, { maxLength: 10 }).map(chars => chars.join('')),
    // Mostly well-formed patterns, so that matching (not only refusing) is compared.
    fc
      .array(
        fc.oneof(
          fc.constantFrom(
            '**',
            '*',
            '?',
            'a',
            'b*',
            '*a*',
            '[ab]',
            '[!a]',
            '[a-c]',
            '[]-b]',
            '\\*'
          ),
          fc.array(patternChar, { maxLength: 3 }).map(chars => chars.join(''))
        ),
        { minLength: 1, maxLength: 4 }
      )
      .map(parts => parts.join('/'))
  )
  const pathArb = fc.array(
    fc.array(nameChar, { maxLength: 5 }).map(chars => chars.join('')),
    { minLength: 1, maxLength: 4 }
  )

  it('matches, and refuses, exactly where the reference does', () => {
    fc.assert(
      fc.property(patternArb, pathArb, (pattern, path) => {
        expect(matchesOrRefused(pattern, path)).toBe(referenceMatches(pattern, path))
      }),
      { numRuns: 5000 }
    )
  })

  it.each([
    ['[a-c-e]', ['-'], true],
    ['[a-c-e]', ['d'], false],
    ['[a-b--c]', ['b'], true],
    ['[--a]', ['Z'], true],
    ['[\\--a]', ['.'], true],
    ['[!]]', ['a'], true],
    ['[!]]', [']'], false],
    ['[\u{1F600}-\u{1F64F}]', ['\u{1F610}'], true],
    ['a**b', ['axxb'], true],
    ['a*a', ['a'], false],
    ['a*a', ['aa'], true],
    ['\u{1F600}*\u{1F600}', ['\u{1F600}'], false],
    ['ab*?b', ['abb'], false],
    ['ab*?b', ['abxb'], true],
    ['**/**', ['a'], true],
    ['**/**', ['a', 'b'], true],
    ['a/**/**/b', ['a', 'b'], true]
  ])('%s against %j agrees with the reference', (pattern, path, expected) => {
    expect(referenceMatches(pattern, path)).toBe(expected)
    expect(matchesOrRefused(pattern, path)).toBe(expected)
  })
})

describe('exclude patterns that make a backtracking matcher run for ever', () => {
  // Each of these would not finish within the test timeout with regular expressions or
  // `**` retried at every position; they must take time in proportion to their length.
  const manyStars = '*a'.repeat(40) + 'b'

  it('matches many stars in one name against a long name', () => {
    const pattern = compileExcludePattern(manyStars, 'a test')
    expect(matchesExcludePattern(pattern, ['a'.repeat(10000)])).toBe(false)
    expect(matchesExcludePattern(pattern, ['a'.repeat(10000) + 'b'])).toBe(true)
    expect(matchesExcludePattern(pattern, ['a'.repeat(39) + 'b'])).toBe(false)
    expect(matchesExcludePattern(pattern, ['\u{1F600}a'.repeat(5000) + 'b'])).toBe(true)
  })

  it('matches many globstars against a long path', () => {
    const pattern = compileExcludePattern('**/a/'.repeat(40) + 'b', 'a test')
    // Retrying `**` at every position costs pattern × path² steps: about an hour here.
    const path = Array.from({ length: 100000 }, () => 'a')
    expect(matchesExcludePattern(pattern, path)).toBe(false)
    expect(matchesExcludePattern(pattern, [...path, 'b'])).toBe(true)
    expect(matchesExcludePattern(pattern, [...path.slice(0, 39), 'b'])).toBe(false)
  })

  it('matches many stars and globstars together, and a trailing globstar', () => {
    const name = 'a'.repeat(500)
    const pattern = compileExcludePattern(`**/${manyStars}/**/${manyStars}/**`, 'a test')
    const path = Array.from({ length: 50 }, () => name)
    expect(matchesExcludePattern(pattern, path)).toBe(false)
    expect(matchesExcludePattern(pattern, [...path, `${name}b`, ...path, `${name}b`, 'x'])).toBe(
      true
    )
    expect(matchesExcludePattern(pattern, [...path, `${name}b`, ...path, `${name}b`])).toBe(false)
  })
})

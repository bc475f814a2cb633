import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { firstInvalidOffset, jsonErrorLocation } from '../src/json-error.js'

describe('jsonErrorLocation', () => {
  it.each([
    ['', 'line 1, column 1'],
    ['{"team":', 'line 1, column 9'],
    ['{\n  "a": 1,\n  "b": tru\n}', 'line 3, column 11'],
    ['{\r\n  "a": [1,]\r\n}', 'line 2, column 11'],
    ['{"é😀": x}', 'line 1, column 8'],
    ['[1]\n\n  x', 'line 3, column 3'],
    ['"line\nbreak"', 'line 1, column 6'],
    ['{"a": "\\x"}', 'line 1, column 9'],
    ['{"a": "\\u12G4"}', 'line 1, column 12'],
    ['\uFEFF{}', 'line 1, column 1'],
    ['-', 'line 1, column 2'],
    ['01', 'line 1, column 2'],
    ['1.e5', 'line 1, column 3'],
    ['{"a" 1}', 'line 1, column 6'],
    ['{"a": 1 "b": 2}', 'line 1, column 9'],
    ['{,}', 'line 1, column 2'],
    ['[1 2]', 'line 1, column 4'],
    ['['.repeat(100000), 'line 1, column 100001']
  ])('places the error in case %# at %s', (text, expected) => {
    expect(() => JSON.parse(text)).toThrow()
    expect(jsonErrorLocation(text)).toBe(expected)
  })

  it('finds nothing wrong with valid JSON, however deep', () => {
    for (const text of ['{}', ' [ ] ', '{"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"]}', '0']) {
      expect(firstInvalidOffset(text)).toBe(-1)
    }
    expect(firstInvalidOffset('['.repeat(100000) + ']'.repeat(100000))).toBe(-1)
  })

  const jsonish = fc
    .array(
      fc.constantFrom(
        ...['{', '}', '[', ']', ',', ':', '"', '"a"', '\\', 'u', '1', '0', '-', '.', 'e', '+'],
        ...[' ', '\n', '\t', 'true', 'tru', 'null', 'x', '\u0001', '😀']
      ),
      { maxLength: 14 }
    )
    .map(parts => parts.join(''))
  // Valid JSON with one character changed, dropped or cut off: mistakes of every kind.
  const damaged = fc
    .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom('change', 'drop', 'cut'), jsonish)
    .map(([value, at, how, junk]) => {
      const text = JSON.stringify(value, null, at % 2 === 0 ? 2 : undefined)
      const index = at % (text.length + 1)
      if (how === 'cut') return text.slice(0, index)
      const rest = text.slice(index + (how === 'drop' ? 1 : 0))
      return text.slice(0, index) + (how === 'change' ? junk.slice(0, 1) : '') + rest
    })

  it('agrees with JSON.parse on what is valid, and on where when it says', () => {
    fc.assert(
      fc.property(fc.oneof(jsonish, damaged), text => {
        let position: number | undefined
        let valid = true
        try {
          JSON.parse(text)
        } catch (error) {
          valid = false
          const said = /at position (\d+)/.exec((error as Error).message)
          if (said) position = Number(said[1])
        }
        const offset = firstInvalidOffset(text)
        expect(offset === -1).toBe(valid)
        if (position !== undefined) expect(offset).toBe(position)
      }),
      { numRuns: 5000 }
    )
  })
})

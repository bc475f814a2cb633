// Secrets are hidden in the whole text before it is cut: a token across a cut never shows but
// for its last characters. Each cut is tried with the token at every offset around it.
import { describe, expect, it } from '@jest/globals'
import { excerpt, serverMessage } from '../src/http/answer.js'
import { redactedCut } from '../src/redact.js'

const KOSLI_TOKEN = 'kosli-tok-0123456789abcdefXYZ' // 29 characters, as in the finding
const GITHUB_TOKEN = 'ghs_0123456789abcdefghiJK' // 25 characters
const SECRETS = [KOSLI_TOKEN, GITHUB_TOKEN]

/** Every prefix of a token of 4 characters or more that is in `text`. */
function prefixesIn(text: string, token: string): string[] {
  const found: string[] = []
  for (let n = 4; n <= token.length; n++)
    if (text.includes(token.slice(0, n))) found.push(token.slice(0, n))
  return found
}

/** Texts with the token starting at each offset from `cut - token.length - 1` to `cut + 1`. */
function around(cut: number, token: string, filler = 'x'): Array<{ at: number; text: string }> {
  const out: Array<{ at: number; text: string }> = []
  for (let at = cut - token.length - 1; at <= cut + 1; at++) {
    out.push({ at, text: `${filler.repeat(at)}${token}${filler.repeat(400)}` })
  }
  return out
}

describe('redactedCut', () => {
  for (const token of SECRETS) {
    for (const cut of [80, 300, 400, 1000]) {
      it(`hides a ${token.length}-character token at every offset around a cut at ${cut}`, () => {
        for (const { text } of around(cut, token)) {
          const out = redactedCut(text, cut, SECRETS)
          expect(prefixesIn(out, token)).toEqual([])
          expect(out.endsWith('…')).toBe(true)
        }
      })
    }
  }

  it('never leaves the start of a secret at the cut, even one not whole in the text', () => {
    // The text holds only the token's first 20 characters; the cut falls inside them.
    const text = `${'y'.repeat(70)}${KOSLI_TOKEN.slice(0, 20)}`
    expect(redactedCut(text, 80, SECRETS)).toBe(`${'y'.repeat(70)}…`)
  })

  it('keeps a short text whole, secrets hidden', () => {
    expect(redactedCut(`a ${KOSLI_TOKEN} b`, 80, SECRETS)).toBe('a *** b')
  })
})

describe('excerpt and serverMessage', () => {
  for (const cut of [80, 300, 400]) {
    it(`excerpt at ${cut}: no prefix of either token at any offset, line breaks inside too`, () => {
      for (const token of SECRETS) {
        for (const { text } of around(cut, token, 'a\n')) {
          expect(prefixesIn(excerpt(text, cut, SECRETS), token)).toEqual([])
        }
      }
    })
  }

  it('serverMessage: plain text, an HTML page, a JSON message and an errors list', () => {
    for (const token of SECRETS) {
      for (const { text } of around(300, token)) {
        const bodies = [
          text,
          `<html><body><p>${text}</p></body></html>`,
          `<html><head><title>${text}</title></head></html>`,
          JSON.stringify({ message: text }),
          JSON.stringify({ errors: [{ message: text }] })
        ]
        for (const body of bodies) {
          expect(prefixesIn(serverMessage(body, SECRETS), token)).toEqual([])
        }
      }
    }
  })

  it('serverMessage: a token JSON-escaped in the body is hidden before the message is cut', () => {
    const escaped = JSON.stringify({ message: `${'z'.repeat(290)}${KOSLI_TOKEN}` })
    expect(serverMessage(escaped, SECRETS)).toBe(`${'z'.repeat(290)}***`)
  })
})

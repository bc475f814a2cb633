import { describe, it, expect } from '@jest/globals'
import { normaliseDigest } from '../../src/fingerprint/index.js'

const lower = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'

describe('normaliseDigest', () => {
  it.each([
    [lower, lower],
    [lower.toUpperCase(), lower],
    [`sha256:${lower}`, lower],
    [`SHA256:${lower.toUpperCase()}`, lower],
    [`  sha256:${lower}\n`, lower]
  ])('accepts %j', (value, expected) => {
    expect(normaliseDigest(value, 'fingerprint')).toBe(expected)
  })

  it.each([
    [''],
    [lower.slice(1)],
    [`${lower}0`],
    [`${lower.slice(1)}g`],
    [`sha512:${lower}`],
    [`sha256:${lower.slice(2)}`],
    [`sha256:`],
    [`sha256 ${lower}`],
    [`ghcr.io/acme/app@sha256:${lower}`]
  ])('rejects %j, naming the input and what is expected', value => {
    expect(() => normaliseDigest(value, 'fingerprint')).toThrow(
      `Input 'fingerprint' is '${value}', which is not a SHA-256 digest: expected 64 hex characters, ` +
        "optionally prefixed with 'sha256:'"
    )
  })
})

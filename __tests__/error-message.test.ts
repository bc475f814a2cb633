import { describe, expect, it } from '@jest/globals'
import { withMessage } from '../src/error-message.js'

/** Like a DOMException: `message` is a getter on the prototype, so assigning to it throws. */
class GetterOnlyError extends Error {
  override get message(): string {
    return 'The operation was aborted due to timeout'
  }
}

const timeout = (): DOMException =>
  new DOMException('The operation was aborted due to timeout', 'TimeoutError')

describe('withMessage', () => {
  it('rewords a DOMException, keeping the error and its name', () => {
    const error = timeout()
    const reworded = withMessage(error, 'reading the manifest timed out')
    expect(reworded).toBe(error)
    expect(reworded.message).toBe('reading the manifest timed out')
    expect(reworded.name).toBe('TimeoutError')
  })

  it('rewords an error whose message is a getter of its class', () => {
    const reworded = withMessage(new GetterOnlyError(), 'timed out after 30 s')
    expect(reworded).toBeInstanceOf(GetterOnlyError)
    expect(reworded.message).toBe('timed out after 30 s')
  })

  it('rewords an ordinary error in place', () => {
    const error = new RangeError('out of range: secret')
    expect(withMessage(error, 'out of range: ***')).toBe(error)
    expect(error.message).toBe('out of range: ***')
  })

  it('wraps an error it cannot change, keeping it as the cause', () => {
    const frozen = Object.freeze(timeout())
    const reworded = withMessage(frozen, 'timed out')
    expect(reworded).not.toBe(frozen)
    expect(reworded.message).toBe('timed out')
    expect(reworded.name).toBe('TimeoutError')
    expect(reworded.cause).toBe(frozen)
  })

  it('wraps what is not an error at all', () => {
    const reworded = withMessage('a thrown string', 'a thrown string')
    expect(reworded).toBeInstanceOf(Error)
    expect(reworded.message).toBe('a thrown string')
    expect(reworded.cause).toBe('a thrown string')
  })
})

/**
 * True for anything thrown that carries a message: an Error of this realm or another one (a
 * DOMException made by Node's own fetch, an error from a test sandbox).
 */
function isErrorLike(error: unknown): error is Error {
  return (
    error instanceof Error ||
    (typeof error === 'object' &&
      error !== null &&
      typeof (error as { message?: unknown }).message === 'string')
  )
}

/** What went wrong, in the words of whatever was thrown. */
export function messageOf(error: unknown): string {
  return isErrorLike(error) ? error.message : String(error)
}

/**
 * `error`, saying `text` instead of its own message. Plain assignment throws for errors whose
 * `message` is a getter (the DOMException of an aborted or timed-out fetch), so the text is
 * defined on the error itself; where even that is refused, a new Error says it and keeps the
 * original as its `cause`.
 */
export function withMessage(error: unknown, text: string): Error {
  if (isErrorLike(error)) {
    if (error.message === text) return error
    try {
      Object.defineProperty(error, 'message', {
        value: text,
        writable: true,
        configurable: true,
        enumerable: false
      })
      if (error.message === text) return error
    } catch {
      // Frozen, or a message that cannot be redefined: a new error below.
    }
  }
  const replacement = new Error(text, { cause: error })
  const name = (error as { name?: unknown } | null)?.name
  if (typeof name === 'string' && name) replacement.name = name
  return replacement
}

/** Every problem found in the inputs, in one error, so one run lists them all. */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map(problem => `- ${problem}`).join('\n')}`
    )
    this.name = 'InputError'
  }
}

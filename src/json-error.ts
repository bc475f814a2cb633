/**
 * Where JSON text stops being valid, as "line L, column C" (from 1, columns in characters), for
 * errors that must point at a file without quoting it: JSON.parse's own message includes a piece
 * of the text, and says where only for some mistakes.
 */
export function jsonErrorLocation(text: string): string {
  const offset = firstInvalidOffset(text)
  if (offset === -1) return 'position unknown'
  const before = text.slice(0, offset)
  const lineStart = before.lastIndexOf('\n') + 1
  const line = before.split('\n').length
  const column = Array.from(before.slice(lineStart)).length + 1
  return `line ${line}, column ${column}`
}

/**
 * The offset of the first character that cannot continue valid JSON (the text's length when it
 * ends too early), or -1 when the text is valid. Iterative, so any nesting depth is fine.
 */
export function firstInvalidOffset(text: string): number {
  let i = 0
  const open: string[] = []
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++
  }
  const digits = (): boolean => {
    const start = i
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++
    return i > start
  }
  const string = (): boolean => {
    if (text[i] !== '"') return false
    i++
    while (i < text.length) {
      const char = text[i]
      if (char === '"') {
        i++
        return true
      }
      if (char < ' ') return false
      if (char === '\\') {
        i++
        if (i < text.length && '"\\/bfnrt'.includes(text[i])) {
          i++
        } else if (text[i] === 'u') {
          i++
          for (let n = 0; n < 4; n++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) return false
        } else {
          return false
        }
      } else {
        i++
      }
    }
    return false
  }
  const number = (): boolean => {
    if (text[i] === '-') i++
    if (text[i] === '0') i++
    else if (!(text[i] >= '1' && text[i] <= '9') || !digits()) return false
    if (text[i] === '.') {
      i++
      if (!digits()) return false
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++
      if (text[i] === '+' || text[i] === '-') i++
      if (!digits()) return false
    }
    return true
  }
  const word = (expected: string): boolean => {
    for (const char of expected) {
      if (text[i] !== char) return false
      i++
    }
    return true
  }
  const scalar = (): boolean => {
    const char = text[i]
    if (char === '"') return string()
    if (char === 't') return word('true')
    if (char === 'f') return word('false')
    if (char === 'n') return word('null')
    return number()
  }

  for (;;) {
    // A value is expected here.
    skipSpace()
    if (text[i] === '{' || text[i] === '[') {
      const bracket = text[i++]
      skipSpace()
      if (text[i] === (bracket === '{' ? '}' : ']')) {
        i++
      } else {
        open.push(bracket)
        if (bracket === '{' && !member()) return i
        continue
      }
    } else if (!scalar()) {
      return i
    }
    // A value has ended: a comma, a closing bracket, or the end of the text follows.
    for (;;) {
      skipSpace()
      if (open.length === 0) return i < text.length ? i : -1
      const bracket = open[open.length - 1]
      if (text[i] === ',') {
        i++
        if (bracket === '{' && !member()) return i
        break
      }
      if (text[i] !== (bracket === '{' ? '}' : ']')) return i
      i++
      open.pop()
    }
  }

  /** An object member's name and colon; its value follows. */
  function member(): boolean {
    skipSpace()
    if (!string()) return false
    skipSpace()
    if (text[i] !== ':') return false
    i++
    return true
  }
}

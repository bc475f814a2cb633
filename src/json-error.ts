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
  return new JsonScanner(text).firstInvalid()
}

/** A cursor over JSON text: each method reads one piece and says whether it was valid. */
class JsonScanner {
  i = 0

  constructor(private readonly text: string) {}

  firstInvalid(): number {
    const { text } = this
    const open: string[] = []
    for (;;) {
      // A value is expected here.
      this.skipSpace()
      if (text[this.i] === '{' || text[this.i] === '[') {
        const bracket = text[this.i++]
        this.skipSpace()
        if (text[this.i] === (bracket === '{' ? '}' : ']')) {
          this.i++
        } else {
          open.push(bracket)
          if (bracket === '{' && !this.member()) return this.i
          continue
        }
      } else if (!this.scalar()) {
        return this.i
      }
      // A value has ended: a comma, a closing bracket, or the end of the text follows.
      for (;;) {
        this.skipSpace()
        if (open.length === 0) return this.i < text.length ? this.i : -1
        const bracket = open[open.length - 1]
        if (text[this.i] === ',') {
          this.i++
          if (bracket === '{' && !this.member()) return this.i
          break
        }
        if (text[this.i] !== (bracket === '{' ? '}' : ']')) return this.i
        this.i++
        open.pop()
      }
    }
  }

  private skipSpace(): void {
    while (this.i < this.text.length && ' \t\n\r'.includes(this.text[this.i])) this.i++
  }

  private digits(): boolean {
    const start = this.i
    while (this.i < this.text.length && this.text[this.i] >= '0' && this.text[this.i] <= '9') {
      this.i++
    }
    return this.i > start
  }

  private string(): boolean {
    const { text } = this
    if (text[this.i] !== '"') return false
    this.i++
    while (this.i < text.length) {
      const char = text[this.i]
      if (char === '"') {
        this.i++
        return true
      }
      if (char < ' ') return false
      if (char === '\\') {
        if (!this.escape()) return false
      } else {
        this.i++
      }
    }
    return false
  }

  /** A backslash and what it escapes. */
  private escape(): boolean {
    const { text } = this
    this.i++
    if (this.i < text.length && '"\\/bfnrt'.includes(text[this.i])) {
      this.i++
      return true
    }
    if (text[this.i] !== 'u') return false
    this.i++
    for (let n = 0; n < 4; n++, this.i++) if (!/[0-9a-fA-F]/.test(text[this.i] ?? '')) return false
    return true
  }

  private number(): boolean {
    const { text } = this
    if (text[this.i] === '-') this.i++
    if (text[this.i] === '0') this.i++
    else if (!(text[this.i] >= '1' && text[this.i] <= '9') || !this.digits()) return false
    if (text[this.i] === '.') {
      this.i++
      if (!this.digits()) return false
    }
    if (text[this.i] === 'e' || text[this.i] === 'E') {
      this.i++
      if (text[this.i] === '+' || text[this.i] === '-') this.i++
      if (!this.digits()) return false
    }
    return true
  }

  private word(expected: string): boolean {
    for (const char of expected) {
      if (this.text[this.i] !== char) return false
      this.i++
    }
    return true
  }

  private scalar(): boolean {
    const char = this.text[this.i]
    if (char === '"') return this.string()
    if (char === 't') return this.word('true')
    if (char === 'f') return this.word('false')
    if (char === 'n') return this.word('null')
    return this.number()
  }

  /** An object member's name and colon; its value follows. */
  private member(): boolean {
    this.skipSpace()
    if (!this.string()) return false
    this.skipSpace()
    if (this.text[this.i] !== ':') return false
    this.i++
    return true
  }
}

/** One code point of a name: a literal, `?` (any), or a `[...]` class as inclusive ranges. */
type CharTest =
  | { kind: 'char'; codePoint: number }
  | { kind: 'any' }
  | { kind: 'class'; negated: boolean; ranges: number[] }

type Token = CharTest | { kind: 'star' }

type Segment = { kind: 'globstar' } | { kind: 'literal'; text: string } | Glob

interface Glob {
  kind: 'glob'
  tokens: Token[]
  states: StateSets
  /** The literal text every match starts with, and ends with: most names fail on these. */
  prefix: string
  suffix: string
  /** Nothing but `prefix`, one `*` and `suffix` (as in `*.log`): the two answer alone. */
  starBetween: boolean
}

/** Two state sets reused by every match: matching is synchronous and never nested. */
type StateSets = [Uint8Array, Uint8Array]

export interface ExcludePattern {
  pattern: string
  segments: Segment[]
  states: StateSets
}

const stateSets = (size: number): StateSets => [new Uint8Array(size), new Uint8Array(size)]

export interface IgnoreFileLine {
  pattern: string
  line: number
  /** Where the pattern starts in its line, counted in characters from 1. */
  column: number
}

/** Why a pattern is refused, and at which character of it (from 0) when one is to blame. */
type Refuse = (why: string, at?: number) => never

/** Patterns from `.kosli_ignore`: each line cut at the first `#`, trimmed, blank lines skipped. */
export function parseIgnoreFile(text: string): IgnoreFileLine[] {
  const patterns: IgnoreFileLine[] = []
  // A byte order mark is no character of the first line: columns count from after it.
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .forEach((raw, index) => {
      const comment = raw.indexOf('#')
      const kept = comment === -1 ? raw : raw.slice(0, comment)
      const pattern = kept.trim()
      const indent = kept.length - kept.trimStart().length
      const column = Array.from(kept.slice(0, indent)).length + 1
      if (pattern !== '') patterns.push({ pattern, line: index + 1, column })
    })
  return patterns
}

/** Compiles one pattern matched against `/`-separated paths relative to the root. */
export function compileExcludePattern(pattern: string, source: string): ExcludePattern {
  return compile(pattern, why => {
    throw new Error(`Exclude pattern '${pattern}' from ${source} ${why}`)
  })
}

/**
 * Compiles a pattern read from an ignore file. Its errors name the file, line and column and never
 * quote the line: the file's text is not ours to print.
 */
export function compileIgnoreFileLine(entry: IgnoreFileLine, file: string): ExcludePattern {
  return compile(entry.pattern, (why, at) => {
    const column = at === undefined ? '' : `, column ${entry.column + at}`
    throw new Error(`Exclude pattern in '${file}' (line ${entry.line}${column}) ${why}`)
  })
}

function compile(pattern: string, refuse: Refuse): ExcludePattern {
  const trimmed = pattern.trim()
  if (trimmed === '') {
    refuse('is empty: an empty pattern matches nothing; remove it or write the path to exclude')
  }
  const chars = Array.from(trimmed)
  // Each part with where it starts in the pattern, so errors can point at it.
  const parts: { chars: string[]; start: number }[] = []
  let start = 0
  for (let end = 0; end <= chars.length; end++) {
    if (end < chars.length && chars[end] !== '/') continue
    parts.push({ chars: chars.slice(start, end), start })
    start = end + 1
  }
  const climbing = parts.find(part => part.chars.join('') === '..')
  if (climbing) {
    refuse(
      "contains '..': patterns are relative to the fingerprinted directory and cannot leave it",
      climbing.start
    )
  }
  const segments = parts
    .filter(part => !['', '.'].includes(part.chars.join('')))
    .map(part => compileSegment(part.chars, part.start, refuse))
  if (segments.length === 0) {
    refuse('names the fingerprinted directory itself; name the entries inside it to exclude')
  }
  // A trailing `**` matches what is inside, never the directory itself (`logs/**` keeps `logs`):
  // it stands for one segment of any name followed by any number more.
  if (segments[segments.length - 1].kind === 'globstar') {
    segments.splice(segments.length - 1, 0, glob([{ kind: 'star' }]))
  }
  return { pattern: trimmed, segments, states: stateSets(segments.length + 1) }
}

/**
 * True when the entry at `segments` (its path relative to the root, split on `/`) is matched.
 * Runs the pattern as a set of states over the path, so time grows with pattern × path length
 * and never explodes the way backtracking does.
 */
export function matchesExcludePattern(
  pattern: ExcludePattern,
  segments: readonly string[]
): boolean {
  const steps = pattern.segments
  const size = steps.length
  let [current, next] = pattern.states
  current.fill(0)
  current[0] = 1
  skipGlobstars(steps, current)
  for (const name of segments) {
    next.fill(0)
    let alive = false
    for (let index = 0; index < size; index++) {
      if (current[index] === 0) continue
      const step = steps[index]
      if (step.kind === 'globstar') {
        next[index] = 1
        alive = true
      } else if (matchesSegment(step, name)) {
        next[index + 1] = 1
        alive = true
      }
    }
    if (!alive) return false
    skipGlobstars(steps, next)
    ;[current, next] = [next, current]
  }
  return current[size] === 1
}

/** A `**` may match no segment at all: whoever reaches it also reaches what follows. */
function skipGlobstars(steps: Segment[], states: Uint8Array): void {
  for (let index = 0; index < steps.length; index++) {
    if (states[index] === 1 && steps[index].kind === 'globstar') states[index + 1] = 1
  }
}

function matchesSegment(segment: Segment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name
  if (segment.kind === 'glob') return matchesGlob(segment, name)
  return true
}

/** The same state-set run within one name, one code point at a time; `*` keeps its state. */
function matchesGlob(glob: Glob, name: string): boolean {
  const { tokens, prefix, suffix } = glob
  if (
    name.length < prefix.length + suffix.length ||
    !name.startsWith(prefix) ||
    !name.endsWith(suffix)
  ) {
    return false
  }
  if (glob.starBetween) return true
  const size = tokens.length
  let [current, next] = glob.states
  current.fill(0)
  current[0] = 1
  skipStars(tokens, current)
  for (let offset = 0; offset < name.length;) {
    const codePoint = name.codePointAt(offset) as number
    offset += codePoint > 0xffff ? 2 : 1
    next.fill(0)
    let alive = false
    for (let index = 0; index < size; index++) {
      if (current[index] === 0) continue
      const token = tokens[index]
      if (token.kind === 'star') {
        next[index] = 1
        alive = true
      } else if (matchesChar(token, codePoint)) {
        next[index + 1] = 1
        alive = true
      }
    }
    if (!alive) return false
    skipStars(tokens, next)
    ;[current, next] = [next, current]
  }
  return current[size] === 1
}

function skipStars(tokens: Token[], states: Uint8Array): void {
  for (let index = 0; index < tokens.length; index++) {
    if (states[index] === 1 && tokens[index].kind === 'star') states[index + 1] = 1
  }
}

function matchesChar(test: CharTest, codePoint: number): boolean {
  if (test.kind === 'char') return test.codePoint === codePoint
  if (test.kind === 'any') return true
  let inside = false
  for (let index = 0; index < test.ranges.length && !inside; index += 2) {
    inside = test.ranges[index] <= codePoint && codePoint <= test.ranges[index + 1]
  }
  return inside !== test.negated
}

/** `part` holds one segment's code points; `offset` is where it starts in the pattern. */
function compileSegment(part: string[], offset: number, refuse: Refuse): Segment {
  if (part.length === 2 && part[0] === '*' && part[1] === '*') return { kind: 'globstar' }
  const tokens: Token[] = []
  let isGlob = false
  for (let i = 0; i < part.length; i++) {
    const char = part[i]
    if (char === '\\') {
      if (i + 1 === part.length) refuse("ends with '\\', which escapes nothing", offset + i)
      i++
      tokens.push({ kind: 'char', codePoint: part[i].codePointAt(0) as number })
    } else if (char === '*') {
      isGlob = true
      // `**` inside a name is one `*`; consecutive stars add nothing.
      if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' })
    } else if (char === '?') {
      isGlob = true
      tokens.push({ kind: 'any' })
    } else if (char === '[') {
      isGlob = true
      const { test, end } = compileClass(part, i, offset, refuse)
      tokens.push(test)
      i = end
    } else {
      tokens.push({ kind: 'char', codePoint: char.codePointAt(0) as number })
    }
  }
  return isGlob ? glob(tokens) : { kind: 'literal', text: literalText(tokens) }
}

/** The text of tokens that are all literal characters. */
function literalText(tokens: Token[]): string {
  return tokens
    .map(token => String.fromCodePoint((token as { codePoint: number }).codePoint))
    .join('')
}

function glob(tokens: Token[]): Glob {
  let head = 0
  while (head < tokens.length && tokens[head].kind === 'char') head++
  let tail = tokens.length
  while (tail > head && tokens[tail - 1].kind === 'char') tail--
  return {
    kind: 'glob',
    tokens,
    states: stateSets(tokens.length + 1),
    prefix: literalText(tokens.slice(0, head)),
    suffix: literalText(tokens.slice(tail)),
    starBetween: tail === head + 1 && tokens[head].kind === 'star'
  }
}

/**
 * Compiles `[...]` starting at `part[start]`; `!` or `^` negates; a leading `]` is literal; `\`
 * escapes; `-` between two characters makes a range, elsewhere it is literal.
 */
function compileClass(
  part: string[],
  start: number,
  offset: number,
  refuse: Refuse
): { test: CharTest; end: number } {
  let i = start + 1
  let negated = false
  if (part[i] === '!' || part[i] === '^') {
    negated = true
    i++
  }
  // Each member is a code point, or 'range' for a `-` written between two members.
  const members: (number | 'range')[] = []
  let first = true
  let closed = -1
  for (; i < part.length; i++) {
    const char = part[i]
    if (char === ']' && !first) {
      closed = i
      break
    }
    first = false
    if (char === '\\') {
      if (i + 1 === part.length) break
      i++
      members.push(part[i].codePointAt(0) as number)
    } else if (char === '-' && members.length > 0 && i + 1 < part.length && part[i + 1] !== ']') {
      members.push('range')
    } else {
      members.push(char.codePointAt(0) as number)
    }
  }
  if (closed === -1) {
    refuse("has a '[' without a closing ']'; write '\\[' to match a literal '['", offset + start)
  }
  const ranges: number[] = []
  const dash = '-'.codePointAt(0) as number
  const at = (index: number): number => {
    const member = members[index]
    return member === 'range' ? dash : member
  }
  for (let index = 0; index < members.length;) {
    const low = at(index)
    if (members[index + 1] === 'range' && index + 2 < members.length) {
      const high = at(index + 2)
      if (high < low) {
        refuse(
          "is not a valid glob: a range in '[...]' runs backwards; write its lower end first",
          offset + start
        )
      }
      ranges.push(low, high)
      index += 3
    } else {
      ranges.push(low, low)
      index += 1
    }
  }
  return { test: { kind: 'class', negated, ranges }, end: closed }
}

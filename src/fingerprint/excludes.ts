type Segment =
  { kind: 'globstar' } | { kind: 'literal'; text: string } | { kind: 'glob'; regex: RegExp }

export interface ExcludePattern {
  pattern: string
  segments: Segment[]
}

export interface IgnoreFileLine {
  pattern: string
  line: number
}

/** Patterns from `.kosli_ignore`: each line cut at the first `#`, trimmed, blank lines skipped. */
export function parseIgnoreFile(text: string): IgnoreFileLine[] {
  const patterns: IgnoreFileLine[] = []
  text.split(/\r?\n/).forEach((raw, index) => {
    const comment = raw.indexOf('#')
    const pattern = (comment === -1 ? raw : raw.slice(0, comment)).trim()
    if (pattern !== '') patterns.push({ pattern, line: index + 1 })
  })
  return patterns
}

/** Compiles one pattern matched against `/`-separated paths relative to the root. */
export function compileExcludePattern(pattern: string, source: string): ExcludePattern {
  const fail = (why: string): never => {
    throw new Error(`Exclude pattern '${pattern}' from ${source} ${why}`)
  }
  const trimmed = pattern.trim()
  if (trimmed === '') {
    fail('is empty: an empty pattern matches nothing; remove it or write the path to exclude')
  }
  const parts = trimmed.split('/').filter(part => part !== '' && part !== '.')
  if (parts.includes('..')) {
    fail("contains '..': patterns are relative to the fingerprinted directory and cannot leave it")
  }
  if (parts.length === 0) {
    fail('names the fingerprinted directory itself; name the entries inside it to exclude')
  }
  return { pattern: trimmed, segments: parts.map(part => compileSegment(part, fail)) }
}

/** True when the entry at `segments` (its path relative to the root, split on `/`) is matched. */
export function matchesExcludePattern(
  pattern: ExcludePattern,
  segments: readonly string[]
): boolean {
  const last = pattern.segments.length - 1
  // The set of path positions the pattern prefix can reach; small, so a bit set is not worth it.
  let reachable = new Set<number>([0])
  for (let index = 0; index <= last && reachable.size > 0; index++) {
    const segment = pattern.segments[index]
    const next = new Set<number>()
    for (const position of reachable) {
      if (segment.kind === 'globstar') {
        // A trailing `**` matches what is inside, never the directory itself (`logs/**` keeps `logs`).
        const first = index === last ? position + 1 : position
        for (let end = first; end <= segments.length; end++) next.add(end)
      } else if (position < segments.length && matchesSegment(segment, segments[position])) {
        next.add(position + 1)
      }
    }
    reachable = next
  }
  return reachable.has(segments.length)
}

function matchesSegment(segment: Segment, name: string): boolean {
  if (segment.kind === 'literal') return segment.text === name
  if (segment.kind === 'glob') return segment.regex.test(name)
  return true
}

function compileSegment(part: string, fail: (why: string) => never): Segment {
  if (part === '**') return { kind: 'globstar' }
  const chars = Array.from(part)
  let source = ''
  let literal = ''
  let isGlob = false
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]
    if (char === '\\') {
      if (i + 1 === chars.length) fail("ends with '\\', which escapes nothing")
      i++
      source += escapeRegex(chars[i])
      literal += chars[i]
    } else if (char === '*') {
      isGlob = true
      source += '.*'
    } else if (char === '?') {
      isGlob = true
      source += '.'
    } else if (char === '[') {
      isGlob = true
      const { regex, end } = compileClass(chars, i, fail)
      source += regex
      i = end
    } else {
      source += escapeRegex(char)
      literal += char
    }
  }
  if (!isGlob) return { kind: 'literal', text: literal }
  try {
    // `u` makes `?` and classes work on code points; `s` lets them match newlines in names.
    return { kind: 'glob', regex: new RegExp(`^${source}$`, 'us') }
  } catch (error) {
    return fail(`is not a valid glob: ${(error as Error).message}`)
  }
}

/** Compiles `[...]` starting at `chars[start]`; `!` or `^` negates; a leading `]` is literal. */
function compileClass(
  chars: string[],
  start: number,
  fail: (why: string) => never
): { regex: string; end: number } {
  let i = start + 1
  let negated = false
  if (chars[i] === '!' || chars[i] === '^') {
    negated = true
    i++
  }
  let body = ''
  let first = true
  for (; i < chars.length; i++) {
    const char = chars[i]
    if (char === ']' && !first) {
      return { regex: `[${negated ? '^' : ''}${body}]`, end: i }
    }
    first = false
    if (char === '\\') {
      if (i + 1 === chars.length) break
      i++
      body += escapeClassChar(chars[i])
    } else if (char === '-' && body !== '' && i + 1 < chars.length && chars[i + 1] !== ']') {
      body += '-'
    } else {
      body += escapeClassChar(char)
    }
  }
  return fail("has a '[' without a closing ']'; write '\\[' to match a literal '['")
}

function escapeRegex(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char
}

function escapeClassChar(char: string): string {
  return /[\\\]^[-]/.test(char) ? `\\${char}` : char
}

import { setOutput, summary } from '@actions/core'
import { messageOf } from './error-message.js'
import { inert, print } from './print.js'

// Markdown and outputs that stay within GitHub's limits, for every action; the main action's own
// outputs and summary are in stages/run-summary.ts.

/** GitHub keeps at most 1 MiB of one output and of one step's summary; these stay below it. */
export const OUTPUT_LIMIT = 1_000_000
export const SUMMARY_LIMIT = 1_000_000
/** An error text longer than this is cut in the outputs and the summary; the log has it all. */
export const ERROR_TEXT_LIMIT = 4_000
/** Any other one value (a name, a state) in the summary. */
const CELL_LIMIT = 1_000

/** `text`, cut to `limit` characters with a note of how much was left out. */
export function capText(text: string, limit: number): string {
  if (text.length <= limit) return text
  return `${text.slice(0, limit)}… (${text.length - limit} more characters)`
}

/** A JSON array of the first entries that fit in `limit` bytes, and how many were left out. */
export function jsonArrayWithin(
  items: readonly object[],
  limit = OUTPUT_LIMIT
): { json: string; left: number } {
  const entries = items.map(entry => JSON.stringify(entry))
  let bytes = 2
  let kept = 0
  for (const entry of entries) {
    const size = Buffer.byteLength(entry) + (kept > 0 ? 1 : 0)
    if (bytes + size > limit) break
    bytes += size
    kept++
  }
  return { json: `[${entries.slice(0, kept).join(',')}]`, left: entries.length - kept }
}

export function setBoundedOutput(name: string, value: string): void {
  if (Buffer.byteLength(value) > OUTPUT_LIMIT) {
    print.warning(
      `The ${name} output is not set: its value has ${Buffer.byteLength(value)} bytes, and GitHub keeps at most 1 MiB of an output.`
    )
    return
  }
  setOutput(name, value)
}

// Long tables fold away so a summary of 100 artifacts still reads at a glance.
export const FOLD_AFTER = 20

// Backslash-escaped, these show as themselves: no tag, link, image, code, emphasis, table cell
// break, entity, heading or math can come out of a name.
const MARKDOWN = /[\\`*_[\]<>|!&~#$]/g

/** Outside text as markdown that shows exactly that text, on one line, at most `limit` long. */
export function markdownText(text: string, limit = CELL_LIMIT): string {
  return (
    inert(capText(text, limit).replace(MARKDOWN, match => `\\${match}`))
      // GitHub makes links of bare URLs, www. names and @mentions; a zero-width space stops it.
      .replace(/:\/\//g, ':\u200b//')
      .replace(/(www)\./gi, '$1\u200b.')
      .replace(/@/g, '@\u200b')
  )
}

function cell(text: string, limit = CELL_LIMIT): string {
  return markdownText(text, limit)
}

// `markdown` is the link's text, already escaped. Only http(s) links; the characters that would end a markdown link early are percent-encoded.
export function link(markdown: string, url: string | undefined): string {
  const safe =
    url && /^https?:\/\//i.test(url)
      ? // eslint-disable-next-line no-control-regex -- control characters are among those encoded
        url.replace(/[()<>[\]\\"'`\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, c =>
          encodeURIComponent(c).replace(
            /[()']/g,
            p => `%${p.charCodeAt(0).toString(16).toUpperCase()}`
          )
        )
      : undefined
  return safe ? `[${markdown}](${safe})` : markdown
}

/**
 * A markdown table; past FOLD_AFTER rows it folds away behind `label` (what the rows are). Rows
 * past `budget` bytes are left out, and a line says how many.
 */
export function table(
  header: string[],
  rows: string[][],
  label = `${rows.length} rows`,
  budget = SUMMARY_LIMIT
): string {
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`]
  // Room for the fold, the label and the note on rows left out.
  let bytes = Buffer.byteLength(lines.join('\n')) + Buffer.byteLength(label) + 300
  let shown = 0
  for (const row of rows) {
    const line = `| ${row.join(' | ')} |`
    bytes += Buffer.byteLength(line) + 1
    if (bytes > budget) break
    lines.push(line)
    shown++
  }
  if (shown < rows.length) {
    lines.push(
      '',
      `${rows.length - shown} more not shown: GitHub keeps at most 1 MiB of a job summary. The log names each one.`
    )
  }
  const text = lines.join('\n')
  if (rows.length <= FOLD_AFTER) return `${text}\n`
  return `<details><summary>${label}</summary>\n\n${text}\n\n</details>\n`
}

/** A code span of outside text: its fence is longer than any run of backticks inside. */
export function codeSpan(text: string): string {
  const shown = inert(capText(text, CELL_LIMIT))
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map(run => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${shown}${pad}${fence}`
}

/** The summary of a step stopped by its inputs: which inputs to fix, and what is wrong with each. */
export function renderInputSummary(problems: string[]): string {
  const names = [
    ...new Set(problems.flatMap(problem => /^'([a-z][a-z0-9-]*)'/.exec(problem)?.[1] ?? []))
  ]
  const fix =
    names.length > 0
      ? `Fix ${names.length === 1 ? 'this input' : 'these inputs'}: ${names.map(name => codeSpan(name)).join(', ')}.`
      : 'Fix the inputs below.'
  return [
    '## Kosli\n',
    `❌ **Failed: invalid input, so nothing was sent.** ${fix}\n`,
    ...problems.slice(0, FOLD_AFTER).map(problem => `- ${cell(problem, ERROR_TEXT_LIMIT)}`),
    ...(problems.length > FOLD_AFTER
      ? [`- … and ${problems.length - FOLD_AFTER} more, listed in the log`]
      : []),
    ''
  ].join('\n')
}

/** Appends markdown and a line break to the job summary (the GITHUB_STEP_SUMMARY file). */
export async function appendSummary(markdown: string): Promise<void> {
  // core's summary is one buffer for the process: emptied first, so that text left by a write
  // that failed is not written again.
  await summary.emptyBuffer().addRaw(markdown, true).write()
}

/** Appends `markdown` to the job summary when the step has one; a failed write is only a warning. */
export async function writeJobSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return
  try {
    await appendSummary(markdown)
  } catch (error) {
    print.warning(`Could not write the job summary: ${messageOf(error)}`)
  }
}

export async function writeInputSummary(problems: string[]): Promise<void> {
  await writeJobSummary(renderInputSummary(problems))
}

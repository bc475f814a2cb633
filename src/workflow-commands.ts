// The runner's workflow commands, written exactly as @actions/core 3 writes them, without the
// modules core loads on every start for what this action never uses (an HTTP client for OIDC
// tokens, exec for platform details):
// https://docs.github.com/actions/reference/workflows-and-actions/workflow-commands
// Only src/print.ts prints with these: it makes outside text inert first.
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs'
import { EOL } from 'node:os'

/** Where an annotation points: shown on the file and lines in the run's summary and the diff. */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

export interface InputOptions {
  /** Throw when the input is empty or unset. */
  required?: boolean
  /** Default true: leading and trailing whitespace is removed. */
  trimWhitespace?: boolean
}

/** Any value as a command's text: strings as they are, nothing as '', anything else as JSON. */
function toCommandValue(input: unknown): string {
  if (input === null || input === undefined) return ''
  if (typeof input === 'string' || input instanceof String) return String(input)
  return JSON.stringify(input)
}

// The runner decodes these escapes; a raw line break would end the command early.
function escapeData(value: unknown): string {
  return toCommandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

// In a property, `:` would end the properties and `,` start the next one.
function escapeProperty(value: unknown): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::name key=value,key=value::message`; properties without a value are left out. */
function issue(name: string, properties: Record<string, unknown>, message: unknown): void {
  let text = `::${name}`
  if (Object.keys(properties).length > 0) {
    text += ` ${Object.entries(properties)
      .filter(([, value]) => value)
      .map(([key, value]) => `${key}=${escapeProperty(value)}`)
      .join(',')}`
  }
  process.stdout.write(`${text}::${escapeData(message)}${EOL}`)
}

/** The runner's names of an annotation's properties. */
function annotationProperties(properties: AnnotationProperties): Record<string, unknown> {
  if (Object.keys(properties).length === 0) return {}
  return {
    title: properties.title,
    file: properties.file,
    line: properties.startLine,
    endLine: properties.endLine,
    col: properties.startColumn,
    endColumn: properties.endColumn
  }
}

function annotate(
  level: 'error' | 'warning' | 'notice',
  message: string | Error,
  properties: AnnotationProperties
): void {
  issue(
    level,
    annotationProperties(properties),
    message instanceof Error ? String(message) : message
  )
}

/** A step input as the runner passes it: INPUT_<NAME>, spaces as `_`, upper case. */
export function getInput(name: string, options: InputOptions = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || ''
  if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options.trimWhitespace === false ? value : value.trim()
}

/**
 * A step output: a heredoc in the GITHUB_OUTPUT file, whose delimiter is random, so that no
 * value can end it early; the older `::set-output` command where the runner gives no file.
 */
export function setOutput(name: string, value: unknown): void {
  const file = process.env.GITHUB_OUTPUT || ''
  if (!file) {
    process.stdout.write(EOL)
    issue('set-output', { name }, toCommandValue(value))
    return
  }
  // node:crypto takes ~5 ms to load: only on first use (a run's HTTPS has usually loaded it).
  const { randomUUID } = process.getBuiltinModule('node:crypto')
  const delimiter = `ghadelimiter_${randomUUID()}`
  const text = toCommandValue(value)
  if (name.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  }
  if (text.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8')
}

/** The runner shows `***` for this value wherever the log would show it. */
export function setSecret(secret: string): void {
  issue('add-mask', {}, secret)
}

/** Appends markdown and a line break to the job summary (the GITHUB_STEP_SUMMARY file). */
export function appendSummary(markdown: string): void {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    accessSync(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  appendFileSync(file, `${markdown}${EOL}`, 'utf8')
}

/** Whether the run shows debug lines: the runner sets RUNNER_DEBUG=1 when debug logging is on. */
export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function info(message: string): void {
  process.stdout.write(`${message}${EOL}`)
}

export function debug(message: string): void {
  issue('debug', {}, message)
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('notice', message, properties)
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('warning', message, properties)
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  annotate('error', message, properties)
}

/** Fails the step (exit code 1 once the action ends) with an error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

export function startGroup(name: string): void {
  issue('group', {}, name)
}

export function endGroup(): void {
  issue('endgroup', {}, '')
}

// The runner's workflow commands and file commands, written as @actions/core writes them:
// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands
// @actions/core imports an HTTP client (undici, about 0.8 MB of code) for OIDC tokens, which this
// action never asks for; every run would load and parse it at start. These are the few functions
// the action uses. Only src/print.ts prints log lines with them; the rest set inputs' masks,
// outputs and the job summary.
import { randomUUID } from 'node:crypto'
import { appendFileSync, existsSync } from 'node:fs'
import { access, appendFile, constants } from 'node:fs/promises'
import { EOL } from 'node:os'

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** `::command key=value,…::message`, on a line of its own. */
export function issueCommand(
  command: string,
  properties: Record<string, string>,
  message: string
): void {
  const given = Object.entries(properties).filter(([, value]) => value)
  const props =
    given.length > 0
      ? ` ${given.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',')}`
      : ''
  process.stdout.write(`::${command}${props}::${escapeData(message)}${EOL}`)
}

/** The input as the runner passes it (INPUT_<NAME>), untrimmed; unset is ''. */
export function getInput(name: string): string {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
}

/** The runner hides the value in every line printed after this. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function setOutput(name: string, value: string): void {
  const file = process.env.GITHUB_OUTPUT
  if (!file) {
    process.stdout.write(EOL)
    issueCommand('set-output', { name }, value)
    return
  }
  // A delimiter no name or value holds, so a value cannot end the entry early.
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`The output ${name} holds the delimiter ${delimiter}: it is not set`)
  }
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
}

/** Appends Markdown, then a line break, to the job summary (GITHUB_STEP_SUMMARY). */
export async function appendSummary(markdown: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) {
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  }
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  await appendFile(file, markdown + EOL, 'utf8')
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function warning(message: string): void {
  issueCommand('warning', {}, message)
}

export function error(message: string): void {
  issueCommand('error', {}, message)
}

export function notice(message: string): void {
  issueCommand('notice', {}, message)
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name)
}

export function endGroup(): void {
  issueCommand('endgroup', {}, '')
}

/** Fails the step: exit code 1 and one ::error:: annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

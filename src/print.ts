// The one printer: every line this action writes to the log goes through `print`, so text from
// outside (file names, Kosli and GitHub answers, event fields) can never become a workflow command.
//
// The runner splits stdout into lines on \n, \r and \r\n, and reads a line as a command when it
// starts with `::` after leading whitespace, or when it holds `##[` anywhere (the older form):
// https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs
// So, in every line printed:
// - control characters (C0 but the line break, DEL, C1, U+2028/2029) and bidi overrides show as
//   `\r`, `\t`, `\uXXXX`: a lone CR cannot start a new line, ANSI escapes cannot repaint it;
// - a `::` after leading whitespace becomes `:\u200b:` and every `##[` becomes `#\u200b#[`. U+200B
//   (zero-width space) is not whitespace to the runner, so the line reads the same to a person
//   and is no command to the runner.
// The runner's commands are written by @actions/core; this file is the only one that prints with it.
import * as commands from '@actions/core'

/** What is put between the two characters of `::` and of `##`. */
export const COMMAND_BREAK = '\u200b'

const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
// U+202A–202E and U+2066–2069 reorder text on screen.
/* eslint-disable no-control-regex -- finding control characters is the point */
const CONTROL_BUT_LINE_FEED =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g
/* eslint-enable no-control-regex */
// What .NET's TrimStart removes, and a few invisible characters besides, to be safe.
const LEADING_COMMAND = /^([\s\u0085\u180e\u200b-\u200d\u2060\ufeff]*):(?=:)/
const LEGACY_COMMAND = /##\[/g

function escapeControl(char: string): string {
  return NAMED_ESCAPES[char] ?? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
}

function breakCommands(line: string): string {
  return line
    .replace(LEGACY_COMMAND, `#${COMMAND_BREAK}#[`)
    .replace(LEADING_COMMAND, `$1:${COMMAND_BREAK}`)
}

/**
 * One piece of outside text (a name, a server's message) as inert text on one line: line breaks
 * too show as `\n` / `\r`. Use it where outside text is put into a message, so it reads as one value.
 */
export function inert(text: string): string {
  const safe = breakCommands(text.replace(CONTROL, escapeControl))
  // Guarded at both ends too, so no text put beside it can complete a `::` or a `##[` with it.
  const start = /^[:#[]/.test(safe) ? COMMAND_BREAK : ''
  const end = /[:#]$/.test(safe) ? COMMAND_BREAK : ''
  return `${start}${safe}${end}`
}

/**
 * A whole message made safe to print: its own line breaks (\n, \r\n) stay, everything else as in
 * `inert`, for every line. `print` applies it to everything it prints.
 */
export function printable(message: string): string {
  return message
    .replace(/\r\n/g, '\n')
    .replace(CONTROL_BUT_LINE_FEED, escapeControl)
    .split('\n')
    .map(breakCommands)
    .join('\n')
}

/** The log: the runner's printing commands, each taking its text through `printable`. */
export const print = {
  /** Whether debug lines show (RUNNER_DEBUG=1): check it before composing a costly one. */
  isDebug(): boolean {
    return commands.isDebug()
  },
  info(message: string): void {
    commands.info(printable(message))
  },
  debug(message: string): void {
    commands.debug(printable(message))
  },
  warning(message: string): void {
    commands.warning(printable(message))
  },
  error(message: string): void {
    commands.error(printable(message))
  },
  notice(message: string): void {
    commands.notice(printable(message))
  },
  /** A group's title is one line. */
  startGroup(name: string): void {
    commands.startGroup(inert(name))
  },
  endGroup(): void {
    commands.endGroup()
  },
  /** Fails the step with one ::error:: annotation. */
  setFailed(message: string): void {
    commands.setFailed(printable(message))
    // core sets it too; the stand-in core of `npm run local-action` only records the failure.
    process.exitCode = 1
  }
}

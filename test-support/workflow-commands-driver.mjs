// Runs a list of workflow-command calls against one implementation, in a process of its own, so
// that stdout, the environment and the exit code belong to that implementation alone.
//
//   node workflow-commands-driver.mjs core|ours MODULE_URL SCENARIO_JSON_FILE
//
// A scenario is { calls: [[name, ...args]], uuid?: string }. Arguments are JSON, with
// {"$error": text} for an Error and {"$undefined": true} for undefined. `uuid` pins
// crypto.randomUUID, so that a value can hold the very delimiter a heredoc gets.
// Prints one JSON line: for each call what it wrote to stdout, what it returned (when a string or
// a boolean) and what it threw; the process then exits with the code the calls left.
import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const [kind, moduleUrl, scenarioFile] = process.argv.slice(2)
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'))

if (scenario.uuid) {
  crypto.randomUUID = () => scenario.uuid
  syncBuiltinESMExports()
}

function revive(value) {
  if (Array.isArray(value)) return value.map(revive)
  if (value && typeof value === 'object') {
    if (typeof value.$error === 'string') return new Error(value.$error)
    if (value.$undefined === true) return undefined
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]))
  }
  return value
}

const commands = await import(moduleUrl)
const functions =
  kind === 'core'
    ? { ...commands, appendSummary: markdown => commands.summary.addRaw(markdown, true).write() }
    : commands

const write = process.stdout.write
let written = []
process.stdout.write = chunk => {
  written.push(String(chunk))
  return true
}
const results = []
for (const [name, ...args] of scenario.calls) {
  written = []
  const result = { call: name }
  try {
    const returned = await functions[name](...revive(args))
    if (typeof returned === 'string' || typeof returned === 'boolean') result.returned = returned
  } catch (error) {
    result.threw = `${error.constructor.name}: ${error.message}`
  }
  result.stdout = written.join('')
  results.push(result)
}
process.stdout.write = write
process.stdout.write(`${JSON.stringify({ results, exitCode: process.exitCode ?? null })}\n`)

// Runs a list of calls to the action's runner layer (test-support/runner-bytes.ts) in a process
// of its own, so that stdout, the environment and the exit code belong to those calls alone.
//
//   node workflow-commands-driver.mjs MODULE_URL SCENARIO_JSON_FILE
//
// The module exports `print` (src/print.ts) and getInput, setOutput, setSecret and appendSummary
// as the action calls them; a call names one of those or a method of `print`.
//
// A scenario is { calls: [[name, ...args]], uuid?: string }. Arguments are JSON, with
// {"$undefined": true} for undefined. `uuid` pins
// crypto.randomUUID, so that a value can hold the very delimiter a heredoc gets.
// Prints one JSON line: for each call what it wrote to stdout, what it returned (when a string or
// a boolean) and what it threw; the process then exits with the code the calls left.
import crypto from 'node:crypto'
import { readFileSync } from 'node:fs'
import { syncBuiltinESMExports } from 'node:module'

const [moduleUrl, scenarioFile] = process.argv.slice(2)
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'))

if (scenario.uuid) {
  crypto.randomUUID = () => scenario.uuid
  syncBuiltinESMExports()
}

function revive(value) {
  if (Array.isArray(value)) return value.map(revive)
  if (value && typeof value === 'object') {
    if (value.$undefined === true) return undefined
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, revive(item)]))
  }
  return value
}

const { print, ...protocol } = await import(moduleUrl)
const functions = { ...print, ...protocol }

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

import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  JUnitError,
  junitVerdict,
  parseJUnit,
  parseTimestamp,
  readJUnitFiles
} from '../../src/evidence/junit.js'

// Suite attributes deliberately disagree with the test cases: the counts come from the cases.
const WRAPPED = `<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="99" failures="99">
  <testsuite name="api" tests="50" failures="0" errors="0" skipped="0" time="99" timestamp="2024-05-01T10:20:30.123456">
    <testcase name="a" time="0.25"/>
    <testcase name="b" time="1,000.5"><failure message="x">expected 1</failure></testcase>
    <testcase name="c" time="0.25"><error/></testcase>
    <testcase name="d"><skipped/></testcase>
    <testcase name="e"><skipped/><failure/></testcase>
    <testsuite name="nested">
      <testcase name="f" time="2"><failure/></testcase>
      <testcase name="g" time="oops"/>
    </testsuite>
  </testsuite>
  <testsuite name="ui" timestamp="2024-05-01T10:20:30+00:00">
    <properties><property name="os" value="linux"/></properties>
    <testcase name="h" time="0.5"/>
  </testsuite>
</testsuites>`

describe('parseJUnit', () => {
  it('counts each top-level suite from its test cases, nested suites summed in', () => {
    expect(parseJUnit(WRAPPED, 'r.xml')).toEqual([
      {
        name: 'api',
        total: 7,
        failures: 3,
        errors: 1,
        skipped: 1,
        duration: 1003,
        timestamp: Date.UTC(2024, 4, 1, 10, 20, 30) / 1000
      },
      // A suite with properties loses its timestamp, as in go-junit.
      { name: 'ui', total: 1, failures: 0, errors: 0, skipped: 0, duration: 0.5 }
    ])
  })

  it('reads a bare <testsuite> root and suites under other wrappers', () => {
    expect(
      parseJUnit(
        '<testsuite name="solo" timestamp="2024-05-01T10:20:30.123Z"><testcase/></testsuite>',
        'x'
      )
    ).toEqual([
      {
        name: 'solo',
        total: 1,
        failures: 0,
        errors: 0,
        skipped: 0,
        duration: 0,
        timestamp: Date.UTC(2024, 4, 1, 10, 20, 30) / 1000
      }
    ])
    expect(parseJUnit('<report><x><testsuite name="deep"/></x></report>', 'x')).toEqual([
      { name: 'deep', total: 0, failures: 0, errors: 0, skipped: 0, duration: 0 }
    ])
  })

  it('names the file, line and column of malformed XML without echoing its lines', () => {
    const bad = '<testsuite name="a">\n  <testcase name="secret-text">\n</testsuite>'
    expect(() => parseJUnit(bad, 'reports/bad.xml')).toThrow(JUnitError)
    try {
      parseJUnit(bad, 'reports/bad.xml')
    } catch (error) {
      const message = (error as Error).message
      expect(message).toMatch(
        /^JUnit file 'reports\/bad\.xml' is not well-formed XML \(\w+ at line 3, column \d+\)/
      )
      expect(message).not.toContain('secret-text')
    }
  })

  it('parses suite timestamps in the pytest, minitest and vitest layouts only', () => {
    expect(parseTimestamp('2024-01-02T03:04:05')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000)
    expect(parseTimestamp('2024-01-02T03:04:05+00:00')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000)
    expect(parseTimestamp('2024-01-02T03:04:05.9Z')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5) / 1000)
    expect(parseTimestamp('2024-01-02T03:04:05+02:00')).toBeUndefined()
    expect(parseTimestamp('yesterday')).toBeUndefined()
  })
})

describe('readJUnitFiles', () => {
  it('totals the suites of several files and lists files without suites and empty suites', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junit-'))
    await writeFile(join(dir, 'a.xml'), WRAPPED)
    await writeFile(join(dir, 'b.xml'), '<testsuite name="empty"></testsuite>')
    await writeFile(join(dir, 'pom.xml'), '<project/>')
    const report = await readJUnitFiles([
      join(dir, 'a.xml'),
      join(dir, 'b.xml'),
      join(dir, 'pom.xml')
    ])
    expect(report.results.map(r => r.name)).toEqual(['api', 'ui', 'empty'])
    expect(report.totals).toEqual({ tests: 8, failures: 3, errors: 1, skipped: 1 })
    expect(report.filesWithoutSuites).toEqual([join(dir, 'pom.xml')])
    expect(report.emptySuites).toEqual(['empty'])
  })

  it('is an error when no file holds a <testsuite>, or a file is not UTF-8', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'junit-'))
    await writeFile(join(dir, 'pom.xml'), '<project/>')
    await expect(readJUnitFiles([join(dir, 'pom.xml')])).rejects.toThrow(
      /No <testsuite> found in the JUnit file: '.*pom\.xml'/
    )
    await writeFile(join(dir, 'latin1.xml'), Buffer.from([0x3c, 0x61, 0xe9, 0x2f, 0x3e]))
    await expect(readJUnitFiles([join(dir, 'latin1.xml')])).rejects.toThrow(/is not UTF-8 text/)
  })
})

describe('junitVerdict', () => {
  const totals = { tests: 3, failures: 0, errors: 0, skipped: 1 }
  it('is true without failures or errors, false with any', () => {
    expect(junitVerdict({ totals, emptySuites: [] })).toEqual({ compliant: true })
    expect(junitVerdict({ totals: { ...totals, errors: 1 }, emptySuites: ['e'] })).toEqual({
      compliant: false
    })
    expect(junitVerdict({ totals: { ...totals, failures: 2 }, emptySuites: [] })).toEqual({
      compliant: false
    })
  })

  it('is empty, with a warning, when a suite ran no test case', () => {
    expect(junitVerdict({ totals, emptySuites: ['empty'] })).toEqual({
      compliant: undefined,
      warning: "JUnit suite 'empty' ran no test case; Kosli decides whether that is compliant."
    })
  })

  it("names a suite from the file as one inert value: its line breaks and '::' cannot start a command", () => {
    const { warning } = junitVerdict({ totals, emptySuites: ['a\n::error::forged'] })
    expect(warning).toContain("'a\\n")
    expect(warning).not.toContain('\n')
  })
})

import { describe, expect, it } from '@jest/globals'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  readSnykSarif,
  snykResultsSchema,
  SnykError,
  summariseSarif
} from '../../src/evidence/snyk.js'

const SARIF = {
  $schema:
    'https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json',
  version: '2.1.0',
  runs: [
    {
      tool: {
        driver: {
          name: 'Snyk Open Source',
          version: '1.1290.0',
          rules: [{ id: 'SNYK-JS-B', properties: { problem: { severity: 'medium' } } }]
        }
      },
      results: [
        {
          ruleId: 'SNYK-JS-A',
          level: 'error',
          message: { text: 'Prototype pollution' },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: 'package.json' },
                region: { startLine: 3, endLine: 5 }
              }
            },
            {
              physicalLocation: {
                artifactLocation: { uri: 'lib/a.js' },
                region: { startLine: 7, endLine: 7 }
              }
            },
            { physicalLocation: { artifactLocation: { uri: 'lib/b.js' } } }
          ],
          properties: { priorityScore: 704 }
        },
        { ruleId: 'SNYK-JS-B', message: { text: 'ReDoS' } },
        { ruleId: 'SNYK-JS-C', level: 'note', message: { text: 'Info leak' } }
      ]
    },
    { tool: { driver: { name: 'other' } }, results: [] }
  ]
}

describe('summariseSarif', () => {
  it('buckets results by level (or the rule severity), one result per run', () => {
    const summary = summariseSarif(JSON.stringify(SARIF), 'snyk.sarif')
    expect(snykResultsSchema.parse(summary)).toEqual(summary)
    expect(summary).toEqual({
      schema_version: 1,
      tool: { name: 'Snyk Open Source', version: '1.1290.0' },
      results: [
        {
          high_count: 1,
          medium_count: 1,
          low_count: 1,
          high: [
            {
              id: 'SNYK-JS-A',
              message: 'Prototype pollution',
              locations: [
                { uri: 'package.json', lines: '3-5' },
                { uri: 'lib/a.js', lines: '7' },
                { uri: 'lib/b.js' }
              ],
              priority_score: 704
            }
          ],
          medium: [{ id: 'SNYK-JS-B', message: 'ReDoS' }],
          low: [{ id: 'SNYK-JS-C', message: 'Info leak' }]
        },
        { high_count: 0, medium_count: 0, low_count: 0 }
      ]
    })
  })

  it("refuses Snyk's own JSON, naming the SARIF option", () => {
    const snykJson = JSON.stringify({ vulnerabilities: [], ok: true, packageManager: 'npm' })
    expect(() => summariseSarif(snykJson, 'snyk.json')).toThrow(SnykError)
    expect(() => summariseSarif(snykJson, 'snyk.json')).toThrow(
      /'snyk\.json' are Snyk's own JSON output, not SARIF; expected a SARIF file, as `snyk test --sarif-file-output=<file>` writes/
    )
    expect(() => summariseSarif(JSON.stringify([{ ok: false }]), 'multi.json')).toThrow(
      /Snyk's own JSON/
    )
  })

  it('refuses text that is not JSON, not SARIF 2.1.0, or has no run', () => {
    expect(() => summariseSarif('<xml/>', 'f')).toThrow(/are not JSON/)
    expect(() => summariseSarif(JSON.stringify({ ...SARIF, version: '2.0.0' }), 'f')).toThrow(
      /not SARIF 2\.1\.0/
    )
    expect(() => summariseSarif(JSON.stringify({ ...SARIF, runs: [] }), 'f')).toThrow(
      /no SARIF run/
    )
  })
})

describe('SARIF levels', () => {
  type Result = Record<string, unknown>
  const sarif = (results: Result[], driver: Record<string, unknown> = {}) =>
    JSON.stringify({
      version: '2.1.0',
      runs: [{ tool: { driver: { name: 'scanner', ...driver } }, results }]
    })
  const counts = (text: string, log?: (line: string) => void) => {
    const [run] = summariseSarif(text, 'scan.sarif', log).results
    return [run.high_count, run.medium_count, run.low_count]
  }

  it('counts a result without any level as warning (medium), as SARIF 2.1.0 defaults it', () => {
    expect(counts(sarif([{ ruleId: 'R1', message: { text: 'x' } }]))).toEqual([0, 1, 0])
  })

  it("maps each of SARIF's levels and Snyk's severities, case as written", () => {
    const levels = ['error', 'high', 'critical', 'warning', 'medium', 'note', 'info', 'low']
    expect(counts(sarif(levels.map(level => ({ ruleId: 'R', level }))))).toEqual([3, 2, 3])
  })

  it("takes the rule's Snyk severity, then its default level, by ruleIndex, rule.index or ruleId, in the driver and its extensions", () => {
    const text = JSON.stringify({
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'Snyk',
              rules: [
                { id: 'A', properties: { problem: { severity: 'critical' } } },
                { id: 'B', defaultConfiguration: { level: 'note' } },
                {
                  id: 'C',
                  properties: { problem: { severity: 'medium' } },
                  defaultConfiguration: { level: 'error' }
                }
              ]
            },
            extensions: [
              { name: 'ext', rules: [{ id: 'E', defaultConfiguration: { level: 'error' } }] }
            ]
          },
          results: [
            { ruleIndex: 0 },
            { rule: { index: 1 } },
            { ruleId: 'C' },
            { ruleId: 'E' },
            { rule: { index: 0, toolComponent: { index: 0 } } },
            // The result's own level wins over its rule.
            { ruleId: 'A', level: 'note' }
          ]
        }
      ]
    })
    const [run] = summariseSarif(text, 'scan.sarif').results
    expect([run.high_count, run.medium_count, run.low_count]).toEqual([3, 1, 2])
    // A result that names its rule by index alone is sent with the rule's id; a toolComponent
    // index points into the extensions.
    expect(run.high?.map(issue => issue.id)).toEqual(['A', 'E', 'E'])
  })

  it('counts a result whose kind is other than fail as none, and says how many were left out', () => {
    const lines: string[] = []
    const text = sarif([
      { ruleId: 'R', kind: 'pass', level: 'error' },
      { ruleId: 'R', kind: 'informational' },
      { ruleId: 'R', kind: 'fail', level: 'error' },
      { ruleId: 'R', level: 'none' }
    ])
    expect(counts(text, line => lines.push(line))).toEqual([1, 0, 0])
    expect(lines).toEqual([
      "Snyk results 'scan.sarif': 3 results are not counted (level none, or a kind other than fail)."
    ])
  })

  it('says nothing when every result is counted', () => {
    const lines: string[] = []
    counts(sarif([{ ruleId: 'R', level: 'error' }]), line => lines.push(line))
    expect(lines).toEqual([])
  })

  it.each(['severe', 'Error', 'HIGH', 'constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    'refuses the unknown level %j, naming the rule and the value (no TypeError)',
    level => {
      const text = sarif([
        { ruleId: 'SNYK-1', level: 'error' },
        { ruleId: 'SNYK-2', level }
      ])
      expect(() => summariseSarif(text, 'scan.sarif')).toThrow(SnykError)
      expect(() => summariseSarif(text, 'scan.sarif')).toThrow(
        `Snyk results 'scan.sarif': result 2 of run 1 (rule 'SNYK-2') has the level '${level}' (from the result)`
      )
    }
  )

  it("refuses an unknown severity of the rule, and looks rules up safely by id ('__proto__', 'constructor')", () => {
    const text = sarif([{ ruleId: '__proto__' }, { ruleId: 'constructor' }], {
      rules: [{ id: 'constructor', properties: { problem: { severity: 'constructor' } } }]
    })
    expect(() => summariseSarif(text, 'scan.sarif')).toThrow(
      "result 2 of run 1 (rule 'constructor') has the level 'constructor' (from the rule's properties.problem.severity)"
    )
    // '__proto__' names no rule: SARIF's default applies.
    expect(counts(sarif([{ ruleId: '__proto__' }]))).toEqual([0, 1, 0])
  })
})

describe('readSnykSarif', () => {
  it('summarises the SARIF file it reads, the same as from its text', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'snyk-')), 'snyk.sarif')
    await writeFile(file, JSON.stringify(SARIF))
    await expect(readSnykSarif(file)).resolves.toEqual(summariseSarif(JSON.stringify(SARIF), file))
  })

  it('names the file it cannot read and why', async () => {
    const file = join(tmpdir(), 'no-such-dir-snyk', 'missing.sarif')
    await expect(readSnykSarif(file)).rejects.toThrow(
      new SnykError(`results: the SARIF file '${file}' cannot be read (ENOENT).`)
    )
  })
})

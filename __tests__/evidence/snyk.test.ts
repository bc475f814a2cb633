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

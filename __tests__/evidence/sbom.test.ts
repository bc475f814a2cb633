import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { InputError } from '../../src/inputs/problems.js'
import { SbomError, readSbom } from '../../src/evidence/sbom.js'
import { MAX_SBOM_BYTES, readSbomEvidence } from '../../src/evidence/sbom-file.js'

// Each fixture is this project's own, and names the rule of the Kosli CLI's internal/sbom/sbom.go
// (at 0001fd1) that it exercises.

const FIXTURES = join(process.cwd(), 'test-support', 'fixtures', 'sbom')
const SHA = 'ab'.repeat(32)
const read = async (name: string) => readSbom(await readFile(join(FIXTURES, name)))

describe('readSbom: summaries', () => {
  it.each([
    {
      file: 'cyclonedx-1.6-syft.json',
      rule: 'format from specVersion; 1.5+ tools.components; every non-file component at any depth (a missing type counts); subject from metadata.component, its SHA-256 lowered; timestamp kept as written',
      format: 'cyclonedx-1.6',
      document: {
        created_at: '2026-11-02T10:15:30.123456+01:00',
        tools: ['syft 1.18.1'],
        subject: {
          name: 'ghcr.io/acme/web',
          version: `sha256:${SHA}`,
          purl: `pkg:oci/web@sha256%3A${SHA}`,
          sha256: SHA
        },
        package_count: 4
      }
    },
    {
      file: 'cyclonedx-1.4-legacy-tools.json',
      rule: 'the legacy tools list; a tool without a name is skipped, one without a version is its name; lower-case t and z are RFC 3339; no metadata.component is no subject',
      format: 'cyclonedx-1.4',
      document: {
        created_at: '2024-05-01t10:00:00z',
        tools: ['cyclonedx-npm 1.19.3', 'trivy'],
        subject: null,
        package_count: 1
      }
    },
    {
      file: 'cyclonedx-1.5-services-only.json',
      rule: 'a tool recorded only under tools.services (a hosted generator); no timestamp is null; a subject without version, purl or hash has nulls',
      format: 'cyclonedx-1.5',
      document: {
        created_at: null,
        tools: ['Snyk SBOM export API v1'],
        subject: { name: 'acme-api', version: null, purl: null, sha256: null },
        package_count: 0
      }
    },
    {
      file: 'cyclonedx-no-metadata.json',
      rule: 'without metadata: no creation time, tools or subject; nested components count',
      format: 'cyclonedx-1.3',
      document: { created_at: null, tools: null, subject: null, package_count: 3 }
    },
    {
      file: 'cyclonedx-with-byte-order-mark.json',
      rule: 'a UTF-8 byte-order mark is dropped before reading',
      format: 'cyclonedx-1.5',
      document: { created_at: null, tools: null, subject: null, package_count: 1 }
    },
    {
      file: 'cyclonedx-1.5.xml',
      rule: 'XML: the version from the default http://cyclonedx.org/schema/bom/<v> namespace; legacy <tool>; entities decoded; files not counted at any depth',
      format: 'cyclonedx-1.5',
      document: {
        created_at: '2025-01-20T08:00:00Z',
        tools: ['cyclonedx-maven-plugin 2.9.1'],
        subject: {
          name: 'shop & cart',
          version: '3.1.0',
          purl: 'pkg:maven/acme/shop@3.1.0',
          sha256: SHA
        },
        package_count: 2
      }
    },
    {
      file: 'cyclonedx-1.6-prefixed.xml',
      rule: 'XML: a prefixed namespace is resolved; tools from components and services',
      format: 'cyclonedx-1.6',
      document: {
        created_at: null,
        tools: ['cdxgen 11.0.0', 'dependency-track'],
        subject: null,
        package_count: 1
      }
    },
    {
      file: 'spdx-2.3-document-describes.json',
      rule: 'SPDX JSON: the declared version; tools are the Tool creators; documentDescribes names the one subject, with its purl and SHA256; every package counts',
      format: 'spdx-2.3',
      document: {
        created_at: '2026-10-01T12:00:00Z',
        tools: ['syft-1.18.1'],
        subject: { name: 'acme/web', version: '2.0.0', purl: 'pkg:oci/web@2.0.0', sha256: SHA },
        package_count: 3
      }
    },
    {
      file: 'spdx-2.2-describes-two.json',
      rule: 'SPDX: a document that describes several packages has no subject (picking one would be a guess)',
      format: 'spdx-2.2',
      document: {
        created_at: '2026-10-01T12:00:00Z',
        tools: ['syft-1.18.1'],
        subject: null,
        package_count: 3
      }
    },
    {
      file: 'spdx-2.3-described-by.json',
      rule: 'SPDX: DESCRIBED_BY the document names the subject too; a Person creator is not a tool',
      format: 'spdx-2.3',
      document: {
        created_at: '2026-10-01T12:00:00Z',
        tools: null,
        subject: { name: 'acme/web', version: '2.0.0', purl: 'pkg:oci/web@2.0.0', sha256: SHA },
        package_count: 2
      }
    },
    {
      file: 'spdx-2.3-single-package.json',
      rule: 'SPDX: a lone package is the subject without any DESCRIBES relationship',
      format: 'spdx-2.3',
      document: {
        created_at: '2026-10-01T12:00:00Z',
        tools: ['syft-1.18.1'],
        subject: { name: 'only', version: null, purl: null, sha256: null },
        package_count: 1
      }
    },
    {
      file: 'spdx-2.3.spdx',
      rule: 'tag-value: the version outside <text> blocks (one quotes an SPDX-2.1 header); PackageChecksum SHA256 and ExternalRef purl; Relationship DESCRIBES; files are not packages',
      format: 'spdx-2.3',
      document: {
        created_at: '2026-09-30T23:59:59Z',
        tools: ['trivy-0.58.0'],
        subject: { name: 'acme/web', version: '2.0.0', purl: 'pkg:oci/web@2.0.0', sha256: SHA },
        package_count: 2
      }
    },
    {
      file: 'spdx-2.2-snippet.spdx',
      rule: "tag-value with a snippet after a package: read (the CLI's library refuses it; this reader does not need to)",
      format: 'spdx-2.2',
      document: {
        created_at: '2020-01-01T00:00:00Z',
        tools: ['reuse-4.0'],
        subject: { name: 'lib', version: null, purl: null, sha256: null },
        package_count: 1
      }
    }
  ])('$file: $rule', async ({ file, format, document }) => {
    expect(await read(file)).toEqual({ format, document })
  })
})

describe('readSbom: refusals', () => {
  it.each([
    ['cyclonedx-1.6.json.gz', 'gzip content is refused', /gzip compressed/],
    [
      'spdx-3.0.jsonld',
      'SPDX 3 JSON-LD is refused',
      /SPDX 3\.x JSON-LD document, which is not supported/
    ],
    ['spdx-2.2-rdf.xml', 'SPDX RDF is refused', /SPDX RDF document/],
    ['spdx-2.3.yaml', 'SPDX YAML is refused', /SPDX YAML document/],
    [
      'cyclonedx-feb-30.json',
      'a creation time that is not an RFC 3339 date-time (a day its month lacks)',
      /creation time "2026-02-30T10:00:00Z" that is not an RFC 3339/
    ],
    [
      'spdx-2.3-created-without-offset.json',
      'an SPDX creation time without an offset',
      /creation time "2026-10-01T12:00:00" that is not/
    ],
    [
      'cyclonedx-oci-style-digest.json',
      'a subject SHA-256 that is not 64 hex characters',
      /subject SHA-256 "sha256:ab.*" that is not 64 hex/
    ],
    [
      'not-cyclonedx.json',
      'JSON without bomFormat CycloneDX is not CycloneDX',
      /bomFormat is "", expected "CycloneDX"/
    ],
    [
      'cyclonedx-wrong-namespace.xml',
      'XML outside the CycloneDX namespace',
      /xmlns is "http:\/\/example.com\/schema\/bom\/1.5"/
    ],
    ['spdx-2.3-no-spdxid.json', 'an SPDX document without SPDXID', /not an SPDX SBOM: no SPDXID/],
    ['unrecognised.txt', 'another format', /not a recognised SBOM/]
  ])('%s: %s', async (file, _rule, message) => {
    const error = await read(file).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SbomError)
    expect((error as Error).message).toMatch(message)
  })

  it.each([
    ['2024-05-01T24:00:00Z', 'hour 24'],
    ['2024-05-01T10:00:60Z', 'a leap second'],
    ['2024-05-01T10:00:00+0100', 'an offset without a colon'],
    ['0000-05-01T10:00:00Z', 'year zero'],
    ['2024-05-01', 'a bare date'],
    ['2023-02-29T00:00:00Z', 'February 29 of a common year']
  ])('refuses the creation time %s (%s)', (timestamp, _why) => {
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', metadata: { timestamp } }
    expect(() => readSbom(Buffer.from(JSON.stringify(bom)))).toThrow(/not an RFC 3339 date-time/)
  })

  it('accepts February 29 of a leap year', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { timestamp: '2024-02-29T00:00:00Z' }
    }
    expect(readSbom(Buffer.from(JSON.stringify(bom))).document.created_at).toBe(
      '2024-02-29T00:00:00Z'
    )
  })

  it('refuses invalid JSON and a CycloneDX field of the wrong type, naming it', () => {
    expect(() => readSbom(Buffer.from('{"bomFormat": '))).toThrow(/not valid JSON/)
    const bom = { bomFormat: 'CycloneDX', specVersion: '1.6', components: { a: 1 } }
    expect(() => readSbom(Buffer.from(JSON.stringify(bom)))).toThrow(/components is not a list/)
  })

  it('refuses XML with a DOCTYPE (no entity expansion)', () => {
    const xml =
      '<?xml version="1.0"?><!DOCTYPE bom [<!ENTITY a "aaaa">]><bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>'
    expect(() => readSbom(Buffer.from(xml))).toThrow(/DOCTYPE/)
  })
})

describe('readSbomEvidence: one read of the file', () => {
  async function workspace(files: Record<string, string | Buffer>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'sbom-'))
    for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content)
    return dir
  }

  it('the checksum, the summary and the upload are of the same bytes (the byte-order mark included)', async () => {
    const bytes = await readFile(join(FIXTURES, 'cyclonedx-with-byte-order-mark.json'))
    const dir = await workspace({ 'sbom.json': bytes })
    const evidence = await readSbomEvidence(['sbom.json'], dir)
    expect(evidence.filename).toBe('sbom.json')
    expect(Buffer.compare(evidence.bytes, bytes)).toBe(0)
    expect(evidence.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(evidence.summary.format).toBe('cyclonedx-1.5')
  })

  it('refuses a file over 9 MiB, a directory, and a glob that matches two files, as input errors naming them', async () => {
    const big = Buffer.alloc(MAX_SBOM_BYTES + 1, 0x20)
    const dir = await workspace({ 'big.json': big, 'a.json': '{}', 'b.json': '{}' })
    await mkdir(join(dir, 'sboms'))
    const problem = async (results: string[]) => {
      const error = await readSbomEvidence(results, dir).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(InputError)
      return (error as InputError).problems.join('\n')
    }
    expect(await problem(['big.json'])).toMatch(
      /big\.json' is 9,437,185 bytes, over the SBOM file limit of 9,437,184 bytes/
    )
    expect(await problem(['sboms'])).toMatch(/sboms' is a directory/)
    expect(await problem(['*.json'])).toMatch(/matches 3 paths; expected one SBOM file/)
    expect(await problem(['missing.json'])).toMatch(/missing\.json/)
  })

  it('refuses a FIFO as not a regular file, without opening it (which would block)', async () => {
    const dir = await workspace({})
    execFileSync('mkfifo', [join(dir, 'sbom.json')])
    const error = await readSbomEvidence(['sbom.json'], dir).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(InputError)
    expect((error as Error).message).toMatch(/sbom\.json' is a named pipe \(FIFO\)/)
  })

  it('a file of exactly 9 MiB is read', async () => {
    const bom = Buffer.from(JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6' }))
    const padded = Buffer.concat([bom, Buffer.alloc(MAX_SBOM_BYTES - bom.length, 0x20)])
    const dir = await workspace({ 'sbom.json': padded })
    expect((await readSbomEvidence(['sbom.json'], dir)).bytes.length).toBe(MAX_SBOM_BYTES)
  })
})

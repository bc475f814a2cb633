import { createHash } from 'node:crypto'
import * as fs from 'node:fs'
import * as path from 'node:path'
import { gzipSync } from 'node:zlib'
import { findTool, run } from './registry.js'

export interface Descriptor {
  mediaType: string
  digest: string
  size: number
  platform?: { architecture: string; os: string }
  annotations?: Record<string, string>
}

const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json'

/**
 * An OCI image layout on disk (oci-layout, index.json, blobs/sha256), built from scratch so
 * the tests need no network and no base image.
 */
export class OciLayout {
  private readonly refs: Descriptor[] = []

  constructor(readonly dir: string) {
    fs.mkdirSync(path.join(dir, 'blobs', 'sha256'), { recursive: true })
    fs.writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }))
    this.writeIndex()
  }

  /** A single-platform image (one small layer) tagged `tag`; returns its manifest descriptor. */
  addImage(tag: string, content: string, architecture = 'amd64'): Descriptor {
    const manifest = this.writeManifest(content, architecture)
    this.tag(tag, manifest)
    return manifest
  }

  /** A two-platform image (amd64, arm64) tagged `tag`; returns the index descriptor. */
  addIndex(tag: string, content: string): Descriptor {
    const manifests = ['amd64', 'arm64'].map(architecture => ({
      ...this.writeManifest(`${content} on ${architecture}`, architecture),
      platform: { architecture, os: 'linux' }
    }))
    const index = this.writeBlob(
      OCI_INDEX,
      Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests }))
    )
    this.tag(tag, index)
    return index
  }

  private writeManifest(content: string, architecture: string): Descriptor {
    const tar = tarOf('hello.txt', Buffer.from(`${content}\n`))
    const layer = this.writeBlob('application/vnd.oci.image.layer.v1.tar+gzip', gzipSync(tar))
    const config = this.writeBlob(
      'application/vnd.oci.image.config.v1+json',
      Buffer.from(
        JSON.stringify({
          architecture,
          os: 'linux',
          config: { Cmd: ['/hello.txt'] },
          rootfs: { type: 'layers', diff_ids: [`sha256:${sha256(tar)}`] }
        })
      )
    )
    return this.writeBlob(
      OCI_MANIFEST,
      Buffer.from(
        JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] })
      )
    )
  }

  private writeBlob(mediaType: string, bytes: Buffer): Descriptor {
    const hex = sha256(bytes)
    fs.writeFileSync(path.join(this.dir, 'blobs', 'sha256', hex), bytes)
    return { mediaType, digest: `sha256:${hex}`, size: bytes.length }
  }

  private tag(tag: string, descriptor: Descriptor): void {
    this.refs.push({ ...descriptor, annotations: { 'org.opencontainers.image.ref.name': tag } })
    this.writeIndex()
  }

  private writeIndex(): void {
    fs.writeFileSync(
      path.join(this.dir, 'index.json'),
      JSON.stringify({ schemaVersion: 2, manifests: this.refs })
    )
  }
}

export interface PushOptions {
  /** Push every manifest of an index (skopeo --all). */
  all?: boolean
  /** skopeo --format: `v2s2` converts to Docker schema 2. */
  format?: 'oci' | 'v2s2'
  /** `user:password` for a registry that wants Basic auth. */
  creds?: string
}

/** `skopeo copy oci:<layout>:<tag> docker://<destination>` over plain http. */
export function pushWithSkopeo(
  layout: OciLayout,
  tag: string,
  destination: string,
  options: PushOptions = {}
): void {
  const skopeo = findTool('skopeo') as string
  const args = ['copy', '--quiet', '--insecure-policy', '--dest-tls-verify=false']
  if (options.all) args.push('--all')
  if (options.format) args.push('--format', options.format)
  if (options.creds) args.push('--dest-creds', options.creds)
  run(skopeo, [...args, `oci:${layout.dir}:${tag}`, `docker://${destination}`])
}

/** The digest as skopeo sees it: `skopeo inspect --raw … | sha256sum`, as 64 hex. */
export function skopeoDigest(reference: string, creds?: string): string {
  const skopeo = findTool('skopeo') as string
  const credsArg = creds ? ` --creds "$2"` : ''
  const script = `set -o pipefail; "${skopeo}" inspect --raw --tls-verify=false${credsArg} "docker://$1" | sha256sum`
  const output = run('bash', ['-c', script, 'skopeo-digest', reference, ...(creds ? [creds] : [])])
  const hex = /^([0-9a-f]{64})\s/.exec(output)?.[1]
  if (!hex) throw new Error(`sha256sum printed something unexpected: ${output}`)
  return hex
}

/** `skopeo inspect --raw`: the manifest (or index) exactly as the registry serves it. */
export function skopeoRaw(reference: string): string {
  return run(findTool('skopeo') as string, [
    'inspect',
    '--raw',
    '--tls-verify=false',
    `docker://${reference}`
  ])
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** A one-file ustar archive: enough of a layer for a registry and skopeo. */
function tarOf(name: string, content: Buffer): Buffer {
  const header = Buffer.alloc(512)
  const field = (offset: number, length: number, value: string): void => {
    header.write(value.slice(0, length), offset, length, 'ascii')
  }
  const octal = (value: number, length: number): string =>
    `${value.toString(8).padStart(length - 1, '0')}\0`
  field(0, 100, name)
  field(100, 8, octal(0o644, 8))
  field(108, 8, octal(0, 8))
  field(116, 8, octal(0, 8))
  field(124, 12, octal(content.length, 12))
  field(136, 12, octal(0, 12))
  field(148, 8, '        ')
  field(156, 1, '0')
  field(257, 6, 'ustar\0')
  field(263, 2, '00')
  let checksum = 0
  for (const byte of header) checksum += byte
  field(148, 8, `${checksum.toString(8).padStart(6, '0')}\0 `)
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512)
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)])
}

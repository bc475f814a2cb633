import { describe, expect, it } from '@jest/globals'
import { parseImageReference } from '../../../src/fingerprint/oci/index.js'
import { isLoopbackRegistry } from '../../../src/fingerprint/oci/reference.js'

const HEX = 'ab'.repeat(32)

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'registry-1.docker.io', 'library/nginx', 'latest', undefined, false],
    ['nginx:1.27', 'registry-1.docker.io', 'library/nginx', '1.27', undefined, false],
    ['docker.io/nginx', 'registry-1.docker.io', 'library/nginx', 'latest', undefined, false],
    ['docker.io/acme/app:1', 'registry-1.docker.io', 'acme/app', '1', undefined, false],
    [
      'index.docker.io/library/nginx',
      'registry-1.docker.io',
      'library/nginx',
      'latest',
      undefined,
      false
    ],
    [
      'registry-1.docker.io/nginx',
      'registry-1.docker.io',
      'library/nginx',
      'latest',
      undefined,
      false
    ],
    ['acme/app', 'registry-1.docker.io', 'acme/app', 'latest', undefined, false],
    ['localhost/app', 'localhost', 'app', 'latest', undefined, false],
    ['localhost:5000/a/b:1', 'localhost:5000', 'a/b', '1', undefined, false],
    // Docker reads a first component without '.', ':' or 'localhost' as a Docker Hub name.
    ['localhost:5000', 'registry-1.docker.io', 'library/localhost', '5000', undefined, false],
    ['ghcr.io/acme/app:1.4.2', 'ghcr.io', 'acme/app', '1.4.2', undefined, false],
    [
      'gcr.io/proj/team/sub/app:v1_2.3-rc',
      'gcr.io',
      'proj/team/sub/app',
      'v1_2.3-rc',
      undefined,
      false
    ],
    [
      `127.0.0.1:5000/acme/app@sha256:${HEX}`,
      '127.0.0.1:5000',
      'acme/app',
      undefined,
      `sha256:${HEX}`,
      false
    ],
    [
      `ghcr.io/acme/app:1.4.2@sha256:${HEX.toUpperCase()}`,
      'ghcr.io',
      'acme/app',
      '1.4.2',
      `sha256:${HEX}`,
      false
    ],
    ['http://127.0.0.1:5000/acme/app:1', '127.0.0.1:5000', 'acme/app', '1', undefined, true],
    ['HTTP://localhost:5000/a', 'localhost:5000', 'a', 'latest', undefined, true],
    ['http://[::1]:5000/a:dev', '[::1]:5000', 'a', 'dev', undefined, true],
    ['http://127.1.2.3/x', '127.1.2.3', 'x', 'latest', undefined, true],
    ['[::1]:5000/a', '[::1]:5000', 'a', 'latest', undefined, false],
    ['https://ghcr.io/acme/app', 'ghcr.io', 'acme/app', 'latest', undefined, false],
    [
      'Registry.Example.COM:8443/acme/app',
      'registry.example.com:8443',
      'acme/app',
      'latest',
      undefined,
      false
    ],
    ['  my.registry/a__b/c-d--e.f  ', 'my.registry', 'a__b/c-d--e.f', 'latest', undefined, false]
  ])('%s', (given, registry, repository, tag, digest, insecure) => {
    const parsed = parseImageReference(given)
    expect(parsed).toEqual({
      registry,
      repository,
      tag,
      digest,
      insecure,
      display: `${registry}/${repository}${tag ? `:${tag}` : ''}${digest ? `@${digest}` : ''}`
    })
  })

  it('shows nginx in full: registry, library/ and tag', () => {
    expect(parseImageReference('nginx').display).toBe('registry-1.docker.io/library/nginx:latest')
  })

  it.each([
    ['', /is empty/],
    ['   ', /is empty/],
    ['acme/App', /repository names must be lower case/],
    ['Acme/App', /repository names must be lower case/],
    ['nginx:bad tag!', /tag 'bad tag!' is not valid/],
    [`nginx:${'t'.repeat(129)}`, /is not valid/],
    ['nginx@sha256:abc', /'sha256:abc' after '@' is not a digest/],
    [`nginx@sha512:${'a'.repeat(128)}`, /is not sha256; Kosli fingerprints are SHA-256/],
    ['ghcr.io/', /names no repository/],
    ['a//b', /'' is not a valid repository path component/],
    ['-acme/app', /'-acme' is not a valid repository path component/],
    ['host.example:99999/a', /'99999' is not a port number/],
    ['bad_host.example/a', /'bad_host.example' is not a registry host/],
    ['ftp://ghcr.io/acme/app', /'ftp:\/\/' is not a registry scheme/],
    [`ghcr.io/${'a'.repeat(250)}`, /longer than 255/]
  ])('refuses %j', (given, why) => {
    expect(() => parseImageReference(given)).toThrow(why)
  })

  it.each([
    'http://ghcr.io/acme/app',
    'http://10.0.0.1:5000/a',
    'http://192.168.1.10/a',
    'http://127.0.0.1.example.com/a',
    'http://128.0.0.1/a',
    'http://nginx'
  ])('refuses plain http for the non-loopback %s', given => {
    expect(() => parseImageReference(given)).toThrow(
      /asks for plain http, which is allowed only for a loopback registry .*drop the 'http:\/\/' prefix/
    )
  })
})

describe('isLoopbackRegistry', () => {
  it.each([
    ['localhost', true],
    ['localhost:5000', true],
    ['127.0.0.1:5000', true],
    ['127.255.255.254', true],
    ['[::1]:5000', true],
    ['[::1]', true],
    ['127.0.0.256', false],
    ['10.0.0.1', false],
    ['localhost.example.com', false],
    ['ghcr.io', false]
  ])('%s → %s', (registry, loopback) => {
    expect(isLoopbackRegistry(registry)).toBe(loopback)
  })
})

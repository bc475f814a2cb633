import { describe, expect, it } from '@jest/globals'
import {
  bypassesProxy,
  proxyFor,
  proxyLabel,
  proxySecrets,
  proxyUrl
} from '../../src/http/proxy.js'

const PROXY = 'http://proxy.corp:3128'

function via(url: string, env: Record<string, string>): string | undefined {
  return proxyFor(new URL(url), env)?.href
}

describe('proxyFor', () => {
  it('sends https through HTTPS_PROXY and http through HTTP_PROXY', () => {
    const env = { HTTPS_PROXY: 'http://secure.corp:3128', HTTP_PROXY: 'http://plain.corp:8080' }
    expect(via('https://app.kosli.com/api/v2', env)).toBe('http://secure.corp:3128/')
    expect(via('http://registry.test/v2/', env)).toBe('http://plain.corp:8080/')
  })

  it('reads the lower-case names, which win over the upper-case ones', () => {
    expect(via('https://api.github.com', { https_proxy: PROXY })).toBe(`${PROXY}/`)
    expect(via('http://x.test', { http_proxy: PROXY })).toBe(`${PROXY}/`)
    const both = { https_proxy: 'http://lower.corp:1', HTTPS_PROXY: 'http://upper.corp:2' }
    expect(via('https://api.github.com', both)).toBe('http://lower.corp:1/')
  })

  it('connects directly without a variable for the scheme, or with an empty one', () => {
    expect(via('https://api.github.com', {})).toBeUndefined()
    expect(via('https://api.github.com', { HTTP_PROXY: PROXY })).toBeUndefined()
    expect(via('http://x.test', { HTTPS_PROXY: PROXY })).toBeUndefined()
    expect(via('https://api.github.com', { https_proxy: '', HTTPS_PROXY: PROXY })).toBe(`${PROXY}/`)
    expect(via('https://api.github.com', { HTTPS_PROXY: '  ' })).toBeUndefined()
  })

  it('lets loopback addresses bypass the proxy, as @actions/http-client does', () => {
    const env = { HTTPS_PROXY: PROXY, HTTP_PROXY: PROXY }
    for (const url of [
      'http://127.0.0.1:8080',
      'https://127.1.2.3',
      'http://localhost:3000',
      'https://LOCALHOST',
      'http://api.localhost',
      'http://[::1]:9000'
    ]) {
      expect(via(url, env)).toBeUndefined()
    }
    expect(via('http://127.example.com', env)).toBe(`${PROXY}/`)
  })

  it('honours no_proxy and NO_PROXY', () => {
    expect(
      via('https://kosli.corp', { HTTPS_PROXY: PROXY, NO_PROXY: 'kosli.corp' })
    ).toBeUndefined()
    expect(
      via('https://kosli.corp', { HTTPS_PROXY: PROXY, no_proxy: 'kosli.corp' })
    ).toBeUndefined()
  })

  it('takes a proxy without a scheme as http, and keeps its credentials for the agent', () => {
    expect(via('https://a.test', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe(`${PROXY}/`)
    expect(via('https://a.test', { HTTPS_PROXY: 'http://u:p%40ss@proxy.corp:3128' })).toBe(
      'http://u:p%40ss@proxy.corp:3128/'
    )
  })
})

describe('bypassesProxy', () => {
  const bypass = (url: string, list: string): boolean => bypassesProxy(new URL(url), list)

  it('* bypasses every host', () => {
    expect(bypass('https://api.github.com', '*')).toBe(true)
    expect(bypass('https://api.github.com', 'example.com, *')).toBe(true)
  })

  it('a host name bypasses that host and the hosts under it, not look-alikes', () => {
    expect(bypass('https://example.com', 'example.com')).toBe(true)
    expect(bypass('https://api.example.com', 'example.com')).toBe(true)
    expect(bypass('https://a.b.example.com', 'example.com')).toBe(true)
    expect(bypass('https://notexample.com', 'example.com')).toBe(false)
    expect(bypass('https://example.com.evil.test', 'example.com')).toBe(false)
  })

  it('.domain and *.domain bypass only the hosts under the domain', () => {
    for (const entry of ['.example.com', '*.example.com']) {
      expect(bypass('https://api.example.com', entry)).toBe(true)
      expect(bypass('https://example.com', entry)).toBe(false)
      expect(bypass('https://notexample.com', entry)).toBe(false)
    }
  })

  it('host:port bypasses the host on that port only, the default port counting', () => {
    expect(bypass('https://kosli.corp:8443/api', 'kosli.corp:8443')).toBe(true)
    expect(bypass('https://kosli.corp/api', 'kosli.corp:8443')).toBe(false)
    expect(bypass('https://kosli.corp/api', 'kosli.corp:443')).toBe(true)
    expect(bypass('http://kosli.corp/api', 'kosli.corp:443')).toBe(false)
    expect(bypass('http://kosli.corp/api', 'kosli.corp:80')).toBe(true)
    expect(bypass('https://api.kosli.corp:8443', '.kosli.corp:8443')).toBe(true)
  })

  it('ignores case, spaces, empty entries and a trailing dot', () => {
    expect(bypass('https://API.Example.COM', ' foo.test ,, EXAMPLE.com ')).toBe(true)
    expect(bypass('https://api.example.com.', 'example.com')).toBe(true)
    expect(bypass('https://api.example.com', ' , ')).toBe(false)
    expect(bypass('https://api.example.com', '')).toBe(false)
  })

  it('matches IP addresses, IPv6 ones in brackets or bare', () => {
    expect(bypass('http://10.0.0.5:8080', '10.0.0.5')).toBe(true)
    expect(bypass('http://10.0.0.5:8080', '10.0.0.5:8080')).toBe(true)
    expect(bypass('http://10.0.0.50', '10.0.0.5')).toBe(false)
    expect(bypass('http://[fd00::1]:8080', 'fd00::1')).toBe(true)
    expect(bypass('http://[fd00::1]:8080', '[fd00::1]:8080')).toBe(true)
    expect(bypass('http://[fd00::1]:8080', '[fd00::1]:9090')).toBe(false)
  })
})

describe('proxyUrl', () => {
  it('refuses a proxy that is not http(s), naming it without its password', () => {
    expect(() => proxyUrl('socks5://user:hunter2@proxy.corp:1080')).toThrow(
      /"socks5:\/\/proxy\.corp:1080".*not an http:\/\/ or https:\/\/ URL/
    )
    expect(() => proxyUrl('socks5://user:hunter2@proxy.corp:1080')).not.toThrow(/hunter2/)
  })

  it('labels a proxy without its credentials', () => {
    expect(proxyLabel(new URL('http://u:secret@proxy.corp:3128'))).toBe('http://proxy.corp:3128')
  })

  it('reads a password with an unencoded / or : or @ as the password, up to the last @', () => {
    const url = proxyUrl('http://builder:pa/ss:w@rd@proxy.corp:3128')
    expect([url.host, decodeURIComponent(url.username), decodeURIComponent(url.password)]).toEqual([
      'proxy.corp:3128',
      'builder',
      'pa/ss:w@rd'
    ])
    expect(proxyUrl('http://u:p%40ss@proxy.corp:3128').password).toBe('p%40ss')
    expect(proxyUrl('u:a/b@proxy.corp:1').password).toBe('a%2Fb')
  })

  it('names a refused proxy without a password that holds a /', () => {
    expect(() => proxyUrl('socks5://u:hun/ter2@proxy.corp:1080')).toThrow(
      /"socks5:\/\/proxy\.corp:1080"/
    )
  })
})

describe('proxySecrets', () => {
  it('is each proxy password as given, decoded, and inside the Basic credentials', () => {
    expect(proxySecrets({ HTTPS_PROXY: 'http://builder:pa/ss@proxy.corp:3128' })).toEqual([
      'pa/ss',
      Buffer.from('builder:pa/ss').toString('base64')
    ])
    expect(proxySecrets({ http_proxy: 'http://u:p%40ss@proxy.corp' })).toEqual([
      'p%40ss',
      'p@ss',
      Buffer.from('u:p@ss').toString('base64')
    ])
  })

  it('reads all four variables, and has nothing for a proxy without a password', () => {
    const env = {
      https_proxy: 'http://a:one@p:1',
      HTTPS_PROXY: 'http://a:two@p:1',
      http_proxy: 'socks5://a:three@p:1',
      HTTP_PROXY: 'http://four@p:1'
    }
    expect(proxySecrets(env).filter(s => !s.includes('='))).toEqual(
      expect.arrayContaining(['one', 'two', 'three'])
    )
    expect(proxySecrets(env).join(' ')).not.toContain('four')
    expect(proxySecrets({ HTTPS_PROXY: 'http://proxy.corp:3128' })).toEqual([])
  })
})

// A certificate authority made for one test run with openssl, and a server certificate it signs
// for the test host names: the action trusts it through NODE_EXTRA_CA_CERTS, as a runner trusts
// a company CA.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TestCa {
  /** The CA certificate's file, for NODE_EXTRA_CA_CERTS. */
  caFile: string
  /** The server's key and certificate (PEM), valid for every name given. */
  key: string
  cert: string
  remove(): void
}

/** A CA and a server certificate for `names` (DNS names; IPv4 addresses become IP entries). */
export function makeTestCa(names: string[]): TestCa {
  const dir = mkdtempSync(join(tmpdir(), 'test-ca-'))
  const at = (file: string): string => join(dir, file)
  const openssl = (...args: string[]): void => {
    try {
      execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] })
    } catch (error) {
      const why = (error as { code?: string }).code === 'ENOENT' ? 'it is not installed' : error
      throw new Error(
        `makeTestCa: openssl ${args[0]} failed (${String(why)}); the https tests need openssl`
      )
    }
  }
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  openssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    at('ca.key'),
    '-out',
    at('ca.crt'),
    '-days',
    '2',
    '-subj',
    '/CN=kosli-report-action test CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign'
  )
  openssl(
    'req',
    ...ec,
    '-keyout',
    at('server.key'),
    '-out',
    at('server.csr'),
    '-subj',
    '/CN=stand-in'
  )
  const alt = names.map(n => (/^\d+(\.\d+){3}$/.test(n) ? `IP:${n}` : `DNS:${n}`)).join(',')
  writeFileSync(
    at('server.ext'),
    `subjectAltName=${alt}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n`
  )
  openssl(
    'x509',
    '-req',
    '-in',
    at('server.csr'),
    '-CA',
    at('ca.crt'),
    '-CAkey',
    at('ca.key'),
    '-CAcreateserial',
    '-out',
    at('server.crt'),
    '-days',
    '2',
    '-extfile',
    at('server.ext')
  )
  return {
    caFile: at('ca.crt'),
    key: readFileSync(at('server.key'), 'utf8'),
    cert: readFileSync(at('server.crt'), 'utf8'),
    remove: () => rmSync(dir, { recursive: true, force: true })
  }
}

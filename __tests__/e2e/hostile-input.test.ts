// Hostile and broken input, one row per case, against the bundled action and the
// stand-ins: every bad input fails the step with ONE ::error:: line that names the input (and
// what was given, and what is expected) before any request; the few cases the action allows
// succeed, and each says what happened.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type ActionEvent,
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  REPO_ROOT,
  inputVariable
} from '../../test-support/run-action.js'
import {
  artifactsOutput,
  describe as describeRequests,
  makeWorkspace,
  removeWorkspace,
  secretLeaks,
  sha256,
  stackTraceLines
} from './report-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const HEX = 'a1b2c3d4e5f60718'.repeat(8)
const DIGEST = HEX.slice(0, 64)
const APP = 'the app binary'
const MANY = 5000
const EVIL_KOSLI_TOKEN = 'evil-kosli-token'
const EVIL_GITHUB_TOKEN = 'ghs_evilgithubtoken'
const INJECTED = 'X-Injected: yes'
const RUNNER_SECRET = 'runner-only-secret-value'
const RUNNER_FILE_NAME = 'runner-file.txt'

/** What a row's run had to work with. */
interface Context {
  s: StandIns
  workspace: string
  /** A directory outside the workspace, as $RUNNER_TEMP is. */
  outside: string
  /** A workspace of MANY tiny files under out/. */
  many: string
}

interface Fails {
  /** The input the one error names, in quotes ('trail'); none when it is about the files. */
  input?: string
  /** What else the error says: the given value, what is expected. */
  says: RegExp
  /** Errors found after the inputs were read (a file system problem): reads may come first. */
  afterReads?: boolean
}

interface Row {
  name: string
  inputs?: Record<string, string>
  env?: Record<string, string>
  /**
   * Inputs no environment can carry (a NUL ends a C string; Linux refuses one variable over
   * 128 KiB), set in the action's own process.env, as if a runner had delivered them.
   */
  inProcess?: Record<string, string>
  /** The workspace the step runs in (default: the shared one). */
  cwd?: (ctx: Context) => string
  /** The event that started the run (default: workflow_dispatch). */
  event?: ActionEvent
  /** Strings that must not appear anywhere the run printed or produced. */
  secrets?: string[]
  fails?: Fails
  succeeds?: (result: ActionResult, ctx: Context) => void
}

const lines = (...items: string[]): string => items.join('\n')

const ROWS: Row[] = [
  // Required inputs: empty, whitespace only, and from their KOSLI_* fallback.
  { name: 'org empty', inputs: { org: '' }, fails: { input: 'org', says: /given nothing/ } },
  {
    name: 'org whitespace only',
    inputs: { org: ' \t ' },
    fails: { input: 'org', says: /given nothing; expected a Kosli organization/ }
  },
  { name: 'flow empty', inputs: { flow: '' }, fails: { input: 'flow', says: /given nothing/ } },
  {
    name: 'flow whitespace only',
    inputs: { flow: '   ' },
    fails: { input: 'flow', says: /given nothing; expected a Kosli flow name/ }
  },
  {
    name: 'api-token empty',
    inputs: { 'api-token': '' },
    fails: { input: 'api-token', says: /given nothing; expected a Kosli API token/ }
  },
  {
    name: 'api-token whitespace only',
    inputs: { 'api-token': '  ' },
    fails: { input: 'api-token', says: /given nothing.*unless dry-run is true/ }
  },
  {
    name: 'api-token whitespace only in a dry run: allowed',
    inputs: { 'api-token': '  ', 'dry-run': 'true' },
    succeeds: result => {
      expect(artifactsOutput(result)).toEqual([
        expect.objectContaining({ name: 'app.bin', fingerprint: sha256(APP) })
      ])
      expect(result.stdout).toContain(`"fingerprint": "${sha256(APP)}"`)
    }
  },
  {
    name: 'org from KOSLI_ORG with a space',
    inputs: { org: '' },
    env: { KOSLI_ORG: 'ac me' },
    fails: { input: 'org', says: /\(from KOSLI_ORG\): given "ac me"; expected an organization/ }
  },

  // Wrong type.
  {
    name: 'max-retries: three',
    inputs: { 'max-retries': 'three' },
    fails: { input: 'max-retries', says: /given "three"; expected a whole number from 0 to 10/ }
  },
  {
    name: 'request-timeout: 0',
    inputs: { 'request-timeout': '0' },
    fails: { input: 'request-timeout', says: /given "0"; expected a whole number from 1 to 600/ }
  },
  {
    name: 'request-timeout: -1',
    inputs: { 'request-timeout': '-1' },
    fails: { input: 'request-timeout', says: /given "-1"; expected a whole number from 1 to 600/ }
  },
  {
    name: 'request-timeout: 1e3',
    inputs: { 'request-timeout': '1e3' },
    fails: { input: 'request-timeout', says: /given "1e3"; expected a whole number/ }
  },
  {
    name: 'dry-run: yes',
    inputs: { 'dry-run': 'yes' },
    fails: { input: 'dry-run', says: /given "yes"; expected true or false/ }
  },
  {
    name: 'is-compliant: maybe',
    inputs: { 'is-compliant': 'maybe' },
    fails: { input: 'is-compliant', says: /given "maybe"; expected true or false/ }
  },
  {
    name: 'require-compliant: 1',
    inputs: { 'require-compliant': '1' },
    fails: { input: 'require-compliant', says: /given "1"; expected true or false/ }
  },

  // Out of range.
  {
    name: 'max-retries: 11',
    inputs: { 'max-retries': '11' },
    fails: { input: 'max-retries', says: /given "11"; expected a whole number from 0 to 10/ }
  },
  {
    name: 'request-timeout: 601',
    inputs: { 'request-timeout': '601' },
    fails: { input: 'request-timeout', says: /given "601"; expected a whole number from 1 to 600/ }
  },
  {
    name: 'physical-environment of 129 characters',
    inputs: { 'physical-environment': 'p'.repeat(129) },
    fails: {
      input: 'physical-environment',
      says: /given "p{80}… \(129 characters\)"; expected at most 128 characters/
    }
  },

  {
    name: 'dry-run from KOSLI_DRY_RUN: yes',
    env: { KOSLI_DRY_RUN: 'yes' },
    fails: { input: 'dry-run', says: /\(from KOSLI_DRY_RUN\): given "yes"; expected true or false/ }
  },
  {
    name: 'boundaries max-retries: 0 and request-timeout: 600, padded: allowed',
    inputs: { 'max-retries': ' 0 ', 'request-timeout': '600' },
    succeeds: (_result, { s }) => {
      expect(s.kosli.writes().map(w => w.body)).toEqual([
        expect.objectContaining({ filename: 'app.bin', fingerprint: sha256(APP) })
      ])
    }
  },
  {
    name: 'display-name of 1001 characters',
    inputs: { 'display-name': 'd'.repeat(1001) },
    fails: { input: 'display-name', says: /\(1001 characters\)"; expected at most 1000 characters/ }
  },
  {
    name: 'approval-environment of 129 characters',
    inputs: { 'approval-environment': 'e'.repeat(129) },
    fails: { input: 'approval-environment', says: /expected at most 128 characters/ }
  },
  {
    name: 'approver of 257 characters',
    inputs: { approver: 'a'.repeat(257) },
    fails: { input: 'approver', says: /expected at most 256 characters/ }
  },
  {
    name: 'cluster of 129 characters',
    inputs: { cluster: 'c'.repeat(129) },
    fails: { input: 'cluster', says: /expected at most 128 characters/ }
  },
  {
    name: 'deployment-name of 257 characters',
    inputs: { 'deployment-name': 'n'.repeat(257) },
    fails: { input: 'deployment-name', says: /expected at most 256 characters/ }
  },
  {
    name: 'deployment-version of 101 characters',
    inputs: { 'deployment-version': 'v'.repeat(101) },
    fails: { input: 'deployment-version', says: /expected at most 100 characters/ }
  },

  // Wrong pattern.
  {
    name: 'trail starting with -',
    inputs: { trail: '-x' },
    fails: { input: 'trail', says: /given "-x"; expected a trail name matching/ }
  },
  {
    name: 'trail with a space',
    inputs: { trail: 'release 1' },
    fails: { input: 'trail', says: /given "release 1"; expected a trail name/ }
  },
  {
    name: 'template-reference-name a.b',
    inputs: { 'template-reference-name': 'a.b' },
    fails: { input: 'template-reference-name', says: /given "a\.b"; expected a name matching/ }
  },
  {
    name: 'flow a/b',
    inputs: { flow: 'a/b' },
    fails: { input: 'flow', says: /given "a\/b"; expected a flow name/ }
  },
  {
    name: 'org with a space',
    inputs: { org: 'ac me' },
    fails: { input: 'org', says: /given "ac me"; expected an organization name/ }
  },
  {
    name: 'git-commit of 39 hex',
    inputs: { 'git-commit': HEX.slice(0, 39) },
    fails: { input: 'git-commit', says: /expected a full 40-character hex git commit sha/ }
  },
  {
    name: 'commits-base HEAD~1',
    inputs: { 'commits-base': 'HEAD~1' },
    fails: { input: 'commits-base', says: /given "HEAD~1"; expected a full 40-character/ }
  },
  {
    name: 'oldest-commit main',
    inputs: { 'oldest-commit': 'main' },
    fails: { input: 'oldest-commit', says: /given "main"; expected a full 40-character/ }
  },
  {
    name: 'fingerprint of 63 hex',
    inputs: { artifact: '', fingerprint: DIGEST.slice(0, 63) },
    fails: { input: 'fingerprint', says: /expected 64 hex characters, or sha256: followed by/ }
  },
  {
    name: 'fingerprint sha512:…',
    inputs: { artifact: '', fingerprint: `sha512:${HEX}` },
    fails: { input: 'fingerprint', says: /given "sha512:.*"; expected 64 hex characters/ }
  },
  {
    name: 'fingerprint in upper case with sha256: prefix: allowed, lowered',
    inputs: { artifact: '', fingerprint: `sha256:${DIGEST.toUpperCase()}` },
    succeeds: (_result, { s }) => {
      expect(s.kosli.writes().map(w => (w.body as { fingerprint: string }).fingerprint)).toEqual([
        DIGEST
      ])
    }
  },
  {
    name: 'annotation key a-b',
    inputs: { annotations: 'a-b=1' },
    fails: { input: 'annotations', says: /expected annotation lines as key=value with keys/ }
  },
  {
    name: 'annotations with a repeated key',
    inputs: { annotations: lines('team=a', 'team=b') },
    fails: { input: 'annotations', says: /expected each key once \(team is repeated\)/ }
  },
  {
    name: 'external-urls label with .',
    inputs: { 'external-urls': 'docs.v1=https://example.com/docs' },
    fails: { input: 'external-urls', says: /expected label=url lines; a label has no "=" or "\."/ }
  },
  {
    name: 'deployment-tags of 6 lines',
    inputs: { 'deployment-tags': lines('a=1', 'b=2', 'c=3', 'd=4', 'e=5', 'f=6') },
    fails: { input: 'deployment-tags', says: /expected at most 5 key=value lines/ }
  },
  {
    name: 'runtime-risks unknown',
    inputs: { 'runtime-risks': 'internet-exposed,cloud' },
    fails: { input: 'runtime-risks', says: /given "internet-exposed,cloud"; expected a comma/ }
  },
  {
    name: 'runtime-risks duplicate',
    inputs: { 'runtime-risks': 'sensitive-data, sensitive-data' },
    fails: { input: 'runtime-risks', says: /expected each runtime risk once/ }
  },
  {
    name: 'runtime-risks of 5',
    inputs: {
      'runtime-risks':
        'critical-resource,internet-exposed,lateral-movement,sensitive-data,critical-resource'
    },
    // Only four risks exist, so five always repeat one, and that is what the error says.
    fails: { input: 'runtime-risks', says: /given "critical-resource,.*"; expected each runtime/ }
  },
  {
    name: 'deployment-tags key with a space',
    inputs: { 'deployment-tags': 'team a=payments' },
    fails: { input: 'deployment-tags', says: /expected tag lines as key=value/ }
  },
  {
    name: 'github-org with a space',
    inputs: { 'github-org': 'ac me' },
    fails: { input: 'github-org', says: /given "ac me"; expected a GitHub organization login/ }
  },

  // One of a set.
  {
    name: 'artifact-type: zip',
    inputs: { 'artifact-type': 'zip' },
    fails: { input: 'artifact-type', says: /given "zip"; expected one of auto, file, dir/ }
  },
  {
    name: 'approval: yes',
    inputs: { approval: 'yes' },
    fails: { input: 'approval', says: /given "yes"; expected one of none, approve, request/ }
  },
  {
    name: 'deployment-status: gone',
    inputs: { 'deployment-status': 'gone' },
    fails: { input: 'deployment-status', says: /given "gone"; expected one of deployed/ }
  },
  {
    name: 'report: maybe',
    inputs: { report: 'maybe' },
    fails: { input: 'report', says: /given "maybe"; expected one of true, false, auto/ }
  },
  {
    name: 'on-kosli-unavailable: ignore',
    inputs: { 'on-kosli-unavailable': 'ignore' },
    fails: { input: 'on-kosli-unavailable', says: /given "ignore"; expected one of fail, warn/ }
  },
  {
    name: 'redact-commit-info: email',
    inputs: { 'redact-commit-info': 'author,email' },
    fails: { input: 'redact-commit-info', says: /given "author,email"; expected a comma/ }
  },

  // Inputs that contradict each other.
  {
    name: 'both artifact and fingerprint',
    inputs: { fingerprint: DIGEST },
    fails: { input: 'fingerprint', says: /together with 'artifact'; expected exactly one of/ }
  },
  {
    name: 'registry-username without artifact-type oci',
    inputs: { 'registry-username': 'robot' },
    fails: { input: 'registry-username', says: /expected only with artifact-type oci/ }
  },
  {
    name: 'report: true with nothing to report',
    inputs: { artifact: '', report: 'true', 'deployment-environment': 'prod' },
    fails: { input: 'report', says: /with neither 'artifact' nor 'fingerprint'/ }
  },

  // Oversized.
  {
    name: 'a 10 MB annotation',
    inProcess: { annotations: `big=${'x'.repeat(10 * 1024 * 1024)}` },
    fails: { input: 'annotations', says: /given 10485764 bytes; expected at most 1 MiB/ }
  },
  {
    name: 'a 100 kB annotation, as large as an environment variable gets: allowed',
    inputs: { annotations: `big=${'x'.repeat(100_000)}` },
    succeeds: (_result, { s }) => {
      expect(s.kosli.writes()).toHaveLength(1)
      const body = s.kosli.writes()[0].body as { annotations: Record<string, string> }
      expect(body.annotations.big).toHaveLength(100_000)
    }
  },
  {
    name: `${MANY} artifacts matched by a glob, in a dry run: allowed`,
    cwd: ({ many }) => many,
    inputs: { artifact: 'out/*.txt', 'dry-run': 'true' },
    succeeds: (result, { s }) => {
      // GitHub keeps at most 1 MB of an output: the first artifacts that fit, and a warning.
      const artifacts = artifactsOutput(result)
      expect(Buffer.byteLength(result.outputs.artifacts)).toBeLessThanOrEqual(1_000_000)
      expect(artifacts.length).toBeGreaterThan(MANY / 2)
      expect(artifacts.map(a => a.name)).toEqual(
        artifacts.map((_, i) => `out/${String(i).padStart(4, '0')}.txt`)
      )
      expect(new Set(artifacts.map(a => a.fingerprint)).size).toBe(artifacts.length)
      expect(result.warnings).toEqual([
        `The artifacts output lists ${artifacts.length} of ${MANY} artifacts: ${MANY - artifacts.length} more would take it past GitHub's 1 MiB limit of an output. The log names each artifact.`
      ])
      expect(result.stdout).toContain(`out/${MANY - 1}.txt: ${sha256(String(MANY - 1))} (file)`)
      expect(artifacts[0]).toMatchObject({
        name: 'out/0000.txt',
        path: 'out/0000.txt',
        fingerprint: sha256('0')
      })
      expect(s.kosli.requests).toEqual([])
    }
  },

  // Line breaks and control characters.
  {
    name: 'CRLF in trail',
    inputs: { trail: 'v1\r\nv2' },
    fails: { input: 'trail', says: /given "v1\\r\\nv2"; expected a single line without control/ }
  },
  {
    name: 'CRLF in org',
    inputs: { org: 'acme\r\nX-Org: evil' },
    fails: { input: 'org', says: /given "acme\\r\\nX-Org: evil"; expected a single line/ }
  },
  {
    name: 'a NUL in description',
    inProcess: { description: 'built\u0000by CI' },
    fails: {
      input: 'description',
      says: /given "built\\u0000by CI"; expected text without control characters/
    }
  },
  {
    name: 'an escape sequence in display-name',
    inputs: { 'display-name': 'app\u001b[2J.bin' },
    fails: { input: 'display-name', says: /given "app\\u001b\[2J\.bin"; expected a single line/ }
  },
  {
    name: 'a lone CR in description (overwrites the log line)',
    inputs: { description: 'all good\rFAILED' },
    fails: { input: 'description', says: /given "all good\\rFAILED"; expected text without/ }
  },
  {
    name: 'a newline in deployment-environment',
    inputs: { 'deployment-environment': 'prod\nstaging' },
    fails: { input: 'deployment-environment', says: /expected a single line/ }
  },
  {
    name: 'a bell in exclude',
    inputs: { exclude: lines('*.log', 'tmp\u0007') },
    fails: { input: 'exclude', says: /given "\*\.log\\ntmp\\u0007"; expected text without/ }
  },
  {
    name: 'an escape sequence in approval-description',
    inputs: { 'approval-description': 'ok\u001b]0;pwned\u0007' },
    fails: { input: 'approval-description', says: /expected text without control characters/ }
  },
  {
    name: 'a newline in template',
    inputs: { template: 'artifact,\nunit-test' },
    fails: { input: 'template', says: /given "artifact,\\nunit-test"; expected a single line/ }
  },
  {
    name: 'CRLF line breaks in annotations: allowed',
    inputs: { annotations: 'team=payments\r\ntier=1\r\n' },
    succeeds: (_result, { s }) => {
      expect(s.kosli.writes()).toHaveLength(1)
      expect(s.kosli.writes()[0].body).toMatchObject({
        annotations: { team: 'payments', tier: '1' }
      })
    }
  },

  // Header injection: refused before any request, and the value is never printed.
  {
    name: 'CRLF in api-token',
    inputs: { 'api-token': `${EVIL_KOSLI_TOKEN}\r\n${INJECTED}` },
    secrets: [EVIL_KOSLI_TOKEN, INJECTED],
    fails: {
      input: 'api-token',
      says: /given a value \(hidden\); expected a single line without control characters/
    }
  },
  {
    name: 'CRLF in github-token',
    inputs: { 'github-token': `${EVIL_GITHUB_TOKEN}\r\n${INJECTED}` },
    secrets: [EVIL_GITHUB_TOKEN, INJECTED],
    fails: { input: 'github-token', says: /given a value \(hidden\); expected a single line/ }
  },
  {
    name: 'CRLF in registry-password',
    inputs: {
      artifact: 'registry.example.com/acme/app:1',
      'artifact-type': 'oci',
      'registry-username': 'robot',
      'registry-password': `hunter2-registry\r\n${INJECTED}`
    },
    secrets: ['hunter2-registry', INJECTED],
    fails: { input: 'registry-password', says: /given a value \(hidden\); expected a single/ }
  },

  {
    name: 'CRLF in registry-username',
    inputs: {
      artifact: 'registry.example.com/acme/app:1',
      'artifact-type': 'oci',
      'registry-username': `robot\r\n${INJECTED}`,
      'registry-password': 'hunter2-registry'
    },
    secrets: ['hunter2-registry'],
    fails: { input: 'registry-username', says: /given "robot\\r\\nX-Injected: yes"; expected a/ }
  },
  {
    name: 'an oci reference over http:// to a non-loopback registry',
    inputs: { artifact: 'http://registry.example.com/acme/app:1', 'artifact-type': 'oci' },
    fails: { input: 'artifact', says: /given "http:\/\/registry\.example\.com\/acme\/app:1"/ }
  },

  // host: an origin, https unless loopback.
  {
    name: 'host with a path',
    inputs: { host: 'https://app.kosli.com/api/v2' },
    fails: { input: 'host', says: /given "https:\/\/app\.kosli\.com\/api\/v2"; expected an origin/ }
  },
  {
    name: 'host with credentials',
    inputs: { host: 'https://admin:s3cr3t-pass@app.kosli.com' },
    secrets: ['s3cr3t-pass'],
    fails: { input: 'host', says: /given "https:\/\/\*\*\*@app\.kosli\.com"; expected an origin/ }
  },
  {
    name: 'host http:// to a non-loopback host',
    inputs: { host: 'http://kosli.internal.example' },
    fails: { input: 'host', says: /expected an https:\/\/ origin \(http:\/\/ only for loopback/ }
  },
  {
    name: 'host ftp://',
    inputs: { host: 'ftp://app.kosli.com' },
    fails: { input: 'host', says: /given "ftp:\/\/app\.kosli\.com"; expected an https:\/\// }
  },

  // URLs.
  {
    name: 'external-urls javascript:',
    inputs: { 'external-urls': 'docs=javascript:alert(1)' },
    fails: { input: 'external-urls', says: /given "docs=javascript:alert\(1\)"; expected an/ }
  },
  {
    name: 'external-urls ftp:',
    inputs: { 'external-urls': 'mirror=ftp://example.com/app.bin' },
    fails: { input: 'external-urls', says: /expected an http\(s\) URL/ }
  },
  {
    name: 'external-urls file:',
    inputs: { 'external-urls': lines('ok=https://example.com', 'local=file:///etc/passwd') },
    fails: { input: 'external-urls', says: /expected an http\(s\) URL/ }
  },
  {
    name: 'commit-url that is not a URL',
    inputs: { 'commit-url': 'commit 1234' },
    fails: { input: 'commit-url', says: /given "commit 1234"; expected an absolute http\(s\) URL/ }
  },
  {
    name: 'repo-url file:',
    inputs: { 'repo-url': 'file:///etc/passwd' },
    fails: { input: 'repo-url', says: /given "file:\/\/\/etc\/passwd"; expected an http\(s\) URL/ }
  },
  {
    name: 'build-url javascript:',
    inputs: { 'build-url': 'javascript:alert(document.cookie)' },
    fails: { input: 'build-url', says: /expected an http\(s\) URL/ }
  },

  // user-data.
  {
    name: 'user-data file that is not JSON',
    inputs: { 'user-data': 'data/not-json.json' },
    fails: {
      input: 'user-data',
      says: /given "data\/not-json\.json"; expected valid JSON in the file data\/not-json\.json/
    }
  },
  {
    name: 'user-data inline that is not JSON',
    inputs: { 'user-data': '{"a": 1,' },
    fails: { input: 'user-data', says: /expected valid JSON in the value/ }
  },
  {
    name: 'user-data a JSON array',
    inputs: { 'user-data': '[1, 2, 3]' },
    fails: { input: 'user-data', says: /given "\[1, 2, 3\]"; expected a JSON object/ }
  },
  {
    name: 'user-data file holding a JSON array',
    inputs: { 'user-data': 'data/list.json' },
    fails: {
      input: 'user-data',
      says: /expected a JSON object in the file data\/list\.json, not an array/
    }
  },
  {
    name: 'user-data file that does not exist',
    inputs: { 'user-data': 'data/missing.json' },
    fails: { input: 'user-data', says: /expected a readable \.json file \(ENOENT\)/ }
  },

  // Paths.
  {
    name: 'relative artifact climbing out of the workspace',
    inputs: { artifact: '../secrets/*' },
    fails: {
      input: 'artifact',
      says: /given "\.\.\/secrets\/\*", which is outside the workspace.*give an absolute path if you mean it/
    }
  },
  {
    name: 'relative artifact climbing out after a folder',
    inputs: { artifact: lines('app.bin', 'build/../../etc/passwd') },
    fails: { input: 'artifact', says: /given "build\/\.\.\/\.\.\/etc\/passwd", which is outside/ }
  },
  {
    name: 'absolute artifact path outside the workspace: allowed',
    inputs: { artifact: '{outside}/report.bin' },
    succeeds: (result, { s }) => {
      expect(s.kosli.writes().map(w => w.body)).toEqual([
        expect.objectContaining({ filename: 'report.bin', fingerprint: sha256('outside') })
      ])
      expect(artifactsOutput(result)[0]).toMatchObject({ reported: true })
    }
  },
  {
    name: 'a symlink loop inside a directory artifact',
    inputs: { artifact: 'looped' },
    fails: { says: /looped': '.*\/looped\/(a|b)' is a symlink loop/, afterReads: true }
  },
  {
    name: 'an artifact pattern that matches nothing',
    inputs: { artifact: 'missing/*.bin' },
    fails: {
      input: 'artifact',
      says: /the pattern 'missing\/\*\.bin' matches nothing/,
      afterReads: true
    }
  },

  // Committed symlinks that lead out of the workspace (a pull_request_target job checks out
  // the pull request's files): nothing behind them is read or sent.
  {
    name: 'user-data through a committed symlink to a runner file',
    inputs: { 'user-data': 'kosli/user-data.json', 'dry-run': 'true' },
    secrets: [RUNNER_SECRET],
    fails: { input: 'user-data', says: /given "kosli\/user-data\.json".*leads out of it to/ }
  },
  {
    name: 'artifact path through a committed symlink out of the workspace',
    inputs: { artifact: 'dist/share/runner-file.txt' },
    fails: { input: 'artifact', says: /leads out of the workspace/, afterReads: true }
  },
  {
    name: 'artifact glob over a committed symlink out of the workspace: skipped with a warning',
    inputs: { artifact: 'dist/*' },
    secrets: [RUNNER_FILE_NAME],
    succeeds: (result, { s }) => {
      expect(s.kosli.writes().map(w => (w.body as { filename: string }).filename)).toEqual([
        'app.bin'
      ])
      expect(result.warnings).toEqual([
        expect.stringMatching(
          /^'artifact': skipped 'dist\/share' \(matched by 'dist\/\*'\): it leads out of the workspace/
        )
      ])
    }
  },

  // The deployment event's environment obeys the deployment-environment rules.
  {
    name: 'a deployment event whose environment has a newline',
    inputs: { 'dry-run': 'true' },
    event: {
      name: 'deployment',
      payload: { deployment: { environment: 'prod\n::error::injected' } }
    },
    fails: {
      input: 'deployment-environment',
      says: /the deployment event's environment is "prod\\n::error::injected"; expected 1 to 128 characters/
    }
  },

  // Several at once: still one error, listing each.
  {
    name: 'several bad inputs at once',
    inputs: {
      org: '',
      trail: '-x',
      'max-retries': 'three',
      host: 'http://kosli.example.com',
      'user-data': '[]'
    },
    fails: {
      input: 'org',
      says: /^Invalid inputs:\n(- .*\n){4}- .*$/
    }
  }
]

describe('hostile and broken input (e2e, bundled action)', () => {
  let s: StandIns
  let ctx: Context
  let scratch: string
  let inProcessScript: string

  beforeAll(async () => {
    s = await startStandIns(3)
    const workspace = await makeWorkspace({
      'app.bin': APP,
      dist: { 'app.bin': APP },
      kosli: {},
      data: { 'not-json.json': 'not json at all', 'list.json': '[1, 2, 3]' },
      looped: { 'ok.txt': 'fine' }
    })
    // a → b → a: stat of either fails with ELOOP.
    await symlink('b', join(workspace, 'looped', 'a'))
    await symlink('a', join(workspace, 'looped', 'b'))
    scratch = await mkdtemp(join(tmpdir(), 'hostile-input-'))
    const outside = join(scratch, 'runner-temp')
    await mkdir(outside)
    await writeFile(join(outside, 'report.bin'), 'outside')
    await writeFile(join(outside, 'runner.json'), JSON.stringify({ token: RUNNER_SECRET }))
    await mkdir(join(outside, 'share'))
    await writeFile(join(outside, 'share', RUNNER_FILE_NAME), 'runner')
    await symlink(join(outside, 'runner.json'), join(workspace, 'kosli', 'user-data.json'))
    await symlink(join(outside, 'share'), join(workspace, 'dist', 'share'))
    const many = join(scratch, 'many')
    await mkdir(join(many, 'out'), { recursive: true })
    await Promise.all(
      Array.from({ length: MANY }, (_, i) =>
        writeFile(join(many, 'out', `${String(i).padStart(4, '0')}.txt`), String(i))
      )
    )
    // Sets the inputs no environment can carry, then runs the bundle.
    inProcessScript = join(scratch, 'in-process.mjs')
    await writeFile(
      inProcessScript,
      [
        "import { readFileSync } from 'node:fs'",
        "import { pathToFileURL } from 'node:url'",
        "const extra = JSON.parse(readFileSync(process.env.HOSTILE_INPUTS_FILE, 'utf8'))",
        'process.env = { ...process.env, ...extra }',
        `await import(pathToFileURL(${JSON.stringify(join(REPO_ROOT, 'dist', 'index.js'))}).href)`,
        ''
      ].join('\n')
    )
    ctx = { s, workspace, outside, many }
  })

  afterAll(async () => {
    await s?.close()
    await removeWorkspace(ctx?.workspace)
    await rm(scratch, { recursive: true, force: true })
  })

  beforeEach(() => {
    s.kosli.reset()
    s.github.clearFaults()
    s.github.requests.length = 0
  })

  async function runRow(row: Row): Promise<ActionResult> {
    const inputs: Record<string, string> = { artifact: 'app.bin', ...row.inputs }
    for (const [name, value] of Object.entries(inputs)) {
      inputs[name] = value.replace('{outside}', ctx.outside)
    }
    const cwd = row.cwd ? row.cwd(ctx) : ctx.workspace
    if (!row.inProcess) return s.run({ cwd, inputs, env: row.env, event: row.event })
    const file = join(scratch, 'in-process-inputs.json')
    const extra = Object.fromEntries(
      Object.entries(row.inProcess).map(([name, value]) => [inputVariable(name), value])
    )
    await writeFile(file, JSON.stringify(extra))
    return s.run({
      cwd,
      inputs,
      env: { ...row.env, HOSTILE_INPUTS_FILE: file },
      script: inProcessScript,
      actionYml: join(REPO_ROOT, 'action.yml')
    })
  }

  it(`has at least 40 rows (${ROWS.length})`, () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40)
    expect(new Set(ROWS.map(row => row.name)).size).toBe(ROWS.length)
    for (const row of ROWS) expect(Boolean(row.fails) !== Boolean(row.succeeds)).toBe(true)
  })

  it.each(ROWS.map(row => [row.name, row] as const))('%s', async (_name, row) => {
    const result = await runRow(row)
    const seen = `kosli: ${describeRequests(s.kosli)}; github: ${describeRequests(s.github)}`

    expect(result.timedOut).toBe(false)
    expect(stackTraceLines(result)).toEqual([])
    expect(
      secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN, ...(row.secrets ?? [])])
    ).toEqual([])
    if (row.fails) {
      const { input, says, afterReads } = row.fails
      expect({ exitCode: result.exitCode, errors: result.errors.length }).toEqual({
        exitCode: 1,
        errors: 1
      })
      const [error] = result.errors
      if (input !== undefined) expect(error).toContain(`'${input}'`)
      expect(error).toMatch(says)
      expect({ kosli: s.kosli.writes(), github: s.github.writes() }).toEqual({
        kosli: [],
        github: []
      })
      if (!afterReads) {
        // An input error fails before any request at all.
        expect(seen).toBe('kosli: ; github: ')
      }
    } else {
      expect({ exitCode: result.exitCode, errors: result.errors }).toEqual({
        exitCode: 0,
        errors: []
      })
      row.succeeds?.(result, ctx)
      if (row.inputs?.['dry-run'] === 'true') {
        expect({ kosli: s.kosli.writes(), github: s.github.writes() }).toEqual({
          kosli: [],
          github: []
        })
      }
    }
  })

  it('lists each bad input of several in the one error', async () => {
    const row = ROWS.find(r => r.name === 'several bad inputs at once') as Row
    const result = await runRow(row)
    expect(result.errors).toHaveLength(1)
    for (const input of ['org', 'trail', 'max-retries', 'host', 'user-data']) {
      expect(result.errors[0]).toContain(`- '${input}'`)
    }
    expect(s.kosli.requests).toEqual([])
    expect(s.github.requests).toEqual([])
  })
})

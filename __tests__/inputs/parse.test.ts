import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type Config,
  ENV_FALLBACKS,
  INPUT_NAMES,
  InputError,
  type InputName,
  parseInputs,
  type RawInputs
} from '../../src/inputs/index.js'

const WORKSPACE = mkdtempSync(join(tmpdir(), 'inputs-test-'))
afterAll(() => rmSync(WORKSPACE, { recursive: true, force: true }))
mkdirSync(join(WORKSPACE, 'meta'))
writeFileSync(join(WORKSPACE, 'meta', 'data.json'), '{"team":"payments","tier":1}')
writeFileSync(join(WORKSPACE, 'list.json'), '[1, 2]')
writeFileSync(join(WORKSPACE, 'broken.json'), '{"team":')
writeFileSync(
  join(WORKSPACE, 'private.json'),
  '{\n  "team": "payments",\n  "key": PRIVATE-VALUE\n}'
)
writeFileSync(join(WORKSPACE, 'data.txt'), '{"team":"payments"}')
// A file outside the workspace, as a runner's own files are, and committed links to it.
const OUTSIDE = mkdtempSync(join(tmpdir(), 'inputs-test-outside-'))
afterAll(() => rmSync(OUTSIDE, { recursive: true, force: true }))
writeFileSync(join(OUTSIDE, 'runner.json'), '{"secret":"runner file"}')
mkdirSync(join(WORKSPACE, 'kosli'))
symlinkSync(join(OUTSIDE, 'runner.json'), join(WORKSPACE, 'kosli', 'user-data.json'))
symlinkSync('../meta/data.json', join(WORKSPACE, 'kosli', 'inside.json'))
symlinkSync(OUTSIDE, join(WORKSPACE, 'linked-dir'))

const TOKEN = 'kosli-token-s3cr3t-value'
const GH_TOKEN = 'ghp_0123456789abcdefSECRET'
const REGISTRY_PASSWORD = 'registry-pa55word-SECRET'
const FP = 'ab'.repeat(32)
const SHA = '0123456789abcdef0123456789abcdef01234567'
const BASE: RawInputs = { 'api-token': TOKEN, org: 'acme', flow: 'web-app' }

function parse(extra: RawInputs = {}, env: NodeJS.ProcessEnv = {}): Config {
  return parseInputs({ ...BASE, ...extra }, env, WORKSPACE)
}

function problemsOf(raw: RawInputs, env: NodeJS.ProcessEnv = {}): string[] {
  let thrown: unknown
  try {
    parseInputs(raw, env, WORKSPACE)
  } catch (error) {
    thrown = error
  }
  if (!(thrown instanceof InputError)) throw new Error(`expected an InputError, got ${thrown}`)
  return thrown.problems
}

function problems(extra: RawInputs, env: NodeJS.ProcessEnv = {}): string[] {
  return problemsOf({ ...BASE, ...extra }, env)
}

const DEFAULTS: Config = {
  apiToken: TOKEN,
  org: 'acme',
  flow: 'web-app',
  host: 'https://app.kosli.com',
  artifacts: [],
  artifactType: 'auto',
  registryUsername: undefined,
  registry: undefined,
  registryPassword: undefined,
  fingerprint: undefined,
  displayName: undefined,
  excludes: [],
  templateReferenceName: undefined,
  trail: undefined,
  description: undefined,
  annotations: {},
  externalUrls: {},
  userData: undefined,
  isCompliant: undefined,
  template: undefined,
  report: 'auto',
  flowTemplate: undefined,
  flowDescription: undefined,
  beginTrail: false,
  trailTemplate: undefined,
  trailDescription: undefined,
  githubToken: undefined,
  gitCommit: undefined,
  buildUrl: undefined,
  commitUrl: undefined,
  repoUrl: undefined,
  commitsBase: undefined,
  redactCommitInfo: [],
  approval: 'none',
  approvalEnvironment: undefined,
  approvalDescription: undefined,
  approver: undefined,
  oldestCommit: undefined,
  deploymentEnvironment: undefined,
  physicalEnvironment: undefined,
  cluster: undefined,
  deploymentName: undefined,
  deploymentStatus: 'deployed',
  deploymentVersion: undefined,
  deploymentTags: {},
  runtimeRisks: [],
  githubOrg: undefined,
  requireCompliant: false,
  kosliEnvironment: undefined,
  dryRun: false,
  onKosliUnavailable: 'fail',
  maxRetries: 3,
  requestTimeoutSeconds: 30,
  fingerprintTimeoutSeconds: 900,
  attestationType: undefined,
  attestationName: undefined,
  results: [],
  attestationData: undefined,
  compliant: undefined,
  attachments: [],
  attachResults: true,
  pullRequestWaitSeconds: 15,
  failOnNonCompliant: false,
  githubEnvironment: undefined,
  requiredApprovals: 1,
  allowSelfApproval: false,
  maxCommits: 250,
  recordAs: undefined,
  control: undefined,
  sonarUrl: undefined,
  sonarToken: undefined,
  sonarProjectKey: undefined,
  sonarBranch: undefined,
  sonarPullRequest: undefined,
  sonarWaitSeconds: 60,
  jiraUrl: undefined,
  jiraUsername: undefined,
  jiraApiToken: undefined,
  jiraPat: undefined,
  jiraProjectKeys: [],
  jiraSecondarySource: undefined,
  ignoreBranchMatch: false,
  assertEnvironment: undefined,
  policies: []
}

describe('parseInputs: defaults', () => {
  it('fills every default when only org, flow and api-token are given', () => {
    const config = parse()
    expect(config).toEqual(DEFAULTS)
    expect(Object.keys(config).sort()).toEqual(Object.keys(DEFAULTS).sort())
  })

  it('treats empty and blank inputs as unset', () => {
    const blank = Object.fromEntries(INPUT_NAMES.map(name => [name, '  '])) as RawInputs
    expect(parse({ ...blank, ...BASE })).toEqual(DEFAULTS)
  })

  it('trims single-line values', () => {
    expect(parse({ org: '  acme  ', trail: ' main ' })).toMatchObject({
      org: 'acme',
      trail: 'main'
    })
  })
})

describe('parseInputs: required org, flow and api-token', () => {
  it.each<[string, RawInputs, NodeJS.ProcessEnv, string]>([
    [
      'org',
      { flow: 'f', 'api-token': TOKEN },
      {},
      `'org': given nothing; expected a Kosli organization (or set KOSLI_ORG)`
    ],
    [
      'flow',
      { org: 'o', 'api-token': TOKEN },
      {},
      `'flow': given nothing; expected a Kosli flow name (or set KOSLI_FLOW)`
    ],
    [
      'api-token',
      { org: 'o', flow: 'f' },
      {},
      `'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN), unless dry-run is true`
    ],
    [
      'api-token (dry-run false)',
      { org: 'o', flow: 'f', 'dry-run': 'false' },
      { KOSLI_DRY_RUN: 'true' },
      `'api-token': given nothing; expected a Kosli API token (or set KOSLI_API_TOKEN), unless dry-run is true`
    ]
  ])('refuses a missing %s', (_, raw, env, message) => {
    expect(problemsOf(raw, env)).toEqual([message])
  })

  it('lists org, flow and api-token together when all are missing', () => {
    const list = problemsOf({})
    expect(list).toHaveLength(3)
    expect(list.map(problem => problem.slice(0, problem.indexOf(':')))).toEqual([
      `'org'`,
      `'flow'`,
      `'api-token'`
    ])
  })

  it.each<[string, RawInputs, NodeJS.ProcessEnv]>([
    ['dry-run input', { 'dry-run': 'true' }, {}],
    ['KOSLI_DRY_RUN', {}, { KOSLI_DRY_RUN: 'true' }],
    ['upper-case TRUE', { 'dry-run': 'TRUE' }, {}]
  ])('does not need api-token with %s', (_, raw, env) => {
    const config = parseInputs({ org: 'o', flow: 'f', ...raw }, env, WORKSPACE)
    expect(config.apiToken).toBeUndefined()
    expect(config.dryRun).toBe(true)
  })

  it.each<[string, RawInputs]>([
    ['org', { org: '-acme' }],
    ['org', { org: 'ac/me' }],
    ['flow', { flow: 'web app' }],
    ['flow', { flow: '../other' }]
  ])('refuses a malformed %s', (name, extra) => {
    const list = problems(extra)
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(new RegExp(`^'${name}': given "`))
  })
})

describe('parseInputs: KOSLI_* fallbacks', () => {
  it.each<[InputName, string, string, keyof Config, unknown]>([
    ['api-token', 'KOSLI_API_TOKEN', 'env-token', 'apiToken', 'env-token'],
    ['org', 'KOSLI_ORG', 'env-org', 'org', 'env-org'],
    ['flow', 'KOSLI_FLOW', 'env-flow', 'flow', 'env-flow'],
    ['host', 'KOSLI_HOST', 'https://kosli.example.com', 'host', 'https://kosli.example.com'],
    ['artifact-type', 'KOSLI_ARTIFACT_TYPE', 'docker', 'artifactType', 'docker'],
    ['fingerprint', 'KOSLI_FINGERPRINT', FP, 'fingerprint', FP],
    ['template-reference-name', 'KOSLI_NAME', 'backend', 'templateReferenceName', 'backend'],
    ['trail', 'KOSLI_TRAIL', 'release-1.2', 'trail', 'release-1.2'],
    ['dry-run', 'KOSLI_DRY_RUN', 'true', 'dryRun', true]
  ])('%s falls back to %s', (name, variable, value, key, expected) => {
    expect(ENV_FALLBACKS[name]).toBe(variable)
    const raw: RawInputs = { ...BASE }
    delete raw[name]
    expect(parseInputs(raw, { [variable]: value }, WORKSPACE)[key]).toEqual(expected)
    // An empty input (the runner's value for an unset input without a default) falls back too.
    expect(parseInputs({ ...raw, [name]: '' }, { [variable]: value }, WORKSPACE)[key]).toEqual(
      expected
    )
  })

  it('lists exactly the documented KOSLI_* fallbacks', () => {
    expect(ENV_FALLBACKS).toEqual({
      'api-token': 'KOSLI_API_TOKEN',
      org: 'KOSLI_ORG',
      flow: 'KOSLI_FLOW',
      host: 'KOSLI_HOST',
      'artifact-type': 'KOSLI_ARTIFACT_TYPE',
      'registry-username': 'KOSLI_REGISTRY_USERNAME',
      'registry-password': 'KOSLI_REGISTRY_PASSWORD',
      fingerprint: 'KOSLI_FINGERPRINT',
      'template-reference-name': 'KOSLI_NAME',
      trail: 'KOSLI_TRAIL',
      'dry-run': 'KOSLI_DRY_RUN'
    })
  })

  it.each<[InputName, string, string, string, keyof Config]>([
    ['api-token', 'KOSLI_API_TOKEN', 'input-token', 'env-token', 'apiToken'],
    ['org', 'KOSLI_ORG', 'input-org', 'env-org', 'org'],
    ['trail', 'KOSLI_TRAIL', 'input-trail', 'env-trail', 'trail'],
    ['template-reference-name', 'KOSLI_NAME', 'input-name', 'env-name', 'templateReferenceName']
  ])('a given %s wins over %s', (name, variable, input, fromEnv, key) => {
    expect(parse({ [name]: input }, { [variable]: fromEnv })[key]).toBe(input)
  })

  it('a blank input falls back to the variable', () => {
    expect(parse({ org: '   ' }, { KOSLI_ORG: 'env-org' }).org).toBe('env-org')
  })

  it('does not read variables for inputs without a fallback', () => {
    const config = parse({}, { KOSLI_DESCRIPTION: 'x', KOSLI_GIT_COMMIT: SHA, INPUT_TRAIL: 'x' })
    expect(config.description).toBeUndefined()
    expect(config.gitCommit).toBeUndefined()
    expect(config.trail).toBeUndefined()
  })

  it('says which variable a bad value came from', () => {
    expect(problems({}, { KOSLI_TRAIL: 'bad trail' })).toEqual([
      `'trail' (from KOSLI_TRAIL): given "bad trail"; expected a trail name matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_.~]*$`
    ])
  })
})

describe('parseInputs: host', () => {
  it.each([
    ['https://app.kosli.com', 'https://app.kosli.com'],
    ['https://app.kosli.com/', 'https://app.kosli.com'],
    ['https://APP.Kosli.com:8443', 'https://app.kosli.com:8443'],
    ['https://app.kosli.com:443/', 'https://app.kosli.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://LOCALHOST', 'http://localhost'],
    ['http://127.0.0.1:5000/', 'http://127.0.0.1:5000'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['http://[::1]:9000', 'http://[::1]:9000']
  ])('accepts %s as %s', (value, expected) => {
    expect(parse({ host: value }).host).toBe(expected)
  })

  const originOnly = 'an origin only (scheme, host and port), such as https://app.kosli.com'
  const httpsOnly =
    'an https:// origin (http:// only for loopback hosts), so the token is never sent in clear text'
  it.each([
    ['http://app.kosli.com', httpsOnly],
    ['http://10.0.0.1', httpsOnly],
    ['http://localhost.evil.com', httpsOnly],
    ['http://127.0.0.1.evil.com', httpsOnly],
    ['http://[::2]', httpsOnly],
    ['ftp://app.kosli.com', 'an https:// origin such as https://app.kosli.com'],
    ['file:///etc/passwd', 'an https:// origin such as https://app.kosli.com'],
    ['app.kosli.com', 'an origin such as https://app.kosli.com'],
    ['https://', 'an origin such as https://app.kosli.com'],
    ['https://app.kosli.com/api/v2', originOnly],
    ['https://app.kosli.com/?x=1', originOnly],
    ['https://app.kosli.com/#top', originOnly]
  ])('refuses %s', (value, expected) => {
    expect(problems({ host: value })).toEqual([
      `'host': given ${JSON.stringify(value)}; expected ${expected}`
    ])
  })

  it.each([
    'https://deploy:hunter2-secret@app.kosli.com',
    'https://hunter2-secret@app.kosli.com',
    'https://deploy:hunter2-secret@app.kosli.com/api'
  ])('never shows credentials given in the host: %s', value => {
    expect(problems({ host: value })).toEqual([
      `'host': given ${JSON.stringify(value.replace(/\/\/.*@/, '//***@'))}; expected an origin only (scheme, host and port), such as https://app.kosli.com`
    ])
  })
})

describe('parseInputs: artifact and fingerprint', () => {
  it('reads a newline list of artifacts, skipping blank lines and trimming each', () => {
    expect(parse({ artifact: '\n  build/app.jar \n\n\r\ndist/**/*.js\n   \n' }).artifacts).toEqual([
      'build/app.jar',
      'dist/**/*.js'
    ])
  })

  it('reads a newline list of excludes', () => {
    expect(parse({ artifact: 'dist', exclude: '*.map\n\n  node_modules/**  ' }).excludes).toEqual([
      '*.map',
      'node_modules/**'
    ])
  })

  it('refuses artifact and fingerprint together', () => {
    expect(problems({ artifact: 'build/app.jar', fingerprint: FP })).toEqual([
      `'fingerprint': given "${FP}" together with 'artifact'; expected exactly one of artifact and fingerprint`
    ])
  })

  it('refuses artifact with KOSLI_FINGERPRINT', () => {
    expect(problems({ artifact: 'build/app.jar' }, { KOSLI_FINGERPRINT: FP })).toHaveLength(1)
  })

  it.each([
    [FP, FP],
    [`sha256:${FP}`, FP],
    [FP.toUpperCase(), FP],
    [`sha256:${FP.toUpperCase()}`, FP],
    [`SHA256:${FP}`, FP],
    [`  sha256:${FP}  `, FP]
  ])('normalises fingerprint %s', (value, expected) => {
    expect(parse({ fingerprint: value }).fingerprint).toBe(expected)
  })

  it.each([
    FP.slice(0, 63),
    `${FP}a`,
    `${FP.slice(0, 63)}g`,
    `sha256:${FP.slice(0, 63)}`,
    `sha512:${FP}`,
    `sha256: ${FP}`,
    `md5:${FP}`
  ])('refuses fingerprint %s', value => {
    expect(problems({ fingerprint: value })).toEqual([
      `'fingerprint': given ${JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}… (${value.length} characters)` : value)}; expected 64 hex characters, or sha256: followed by 64 hex characters`
    ])
  })

  it.each([
    ['auto', 'auto'],
    ['file', 'file'],
    ['dir', 'dir'],
    ['docker', 'docker'],
    ['Docker', 'docker'],
    ['FILE', 'file']
  ])('accepts artifact-type %s', (value, expected) => {
    expect(parse({ 'artifact-type': value }).artifactType).toBe(expected)
  })

  it.each(['directory', 'image', 'zip'])('refuses artifact-type %s', value => {
    expect(problems({ 'artifact-type': value })).toEqual([
      `'artifact-type': given "${value}"; expected one of auto, file, dir, docker, oci`
    ])
  })

  it('accepts artifact-type oci with image references and registry credentials', () => {
    const config = parse({
      artifact: 'ghcr.io/acme/app:1.2\nnginx',
      'artifact-type': 'oci',
      'registry-username': 'bot',
      'registry-password': REGISTRY_PASSWORD
    })
    expect(config.artifactType).toBe('oci')
    expect(config.artifacts).toEqual(['ghcr.io/acme/app:1.2', 'nginx'])
    expect(config.registryUsername).toBe('bot')
  })

  it.each([
    ['a malformed reference', 'Acme/App:1', /^'artifact': given "Acme\/App:1"; /],
    ['http:// to a registry that is not loopback', 'http://registry.example.com/a:1', /loopback/]
  ])('refuses artifact-type oci with %s before any request', (_, reference, expected) => {
    const list = problems({ artifact: reference, 'artifact-type': 'oci' })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(expected)
  })

  it('refuses a registry username without its password, and the other way round', () => {
    const base = { artifact: 'ghcr.io/acme/app:1', 'artifact-type': 'oci' }
    expect(problems({ ...base, 'registry-username': 'bot' })).toEqual([
      `'registry-password': given nothing; expected registry-username and registry-password together`
    ])
    const list = problems({ ...base, 'registry-password': REGISTRY_PASSWORD })
    expect(list).toEqual([
      `'registry-username': given nothing; expected registry-username and registry-password together`
    ])
  })

  it('reports a refused registry username once, not also as missing', () => {
    const list = problems({
      artifact: 'ghcr.io/acme/app:1',
      'artifact-type': 'oci',
      'registry-username': 'bot\r\nx',
      'registry-password': REGISTRY_PASSWORD
    })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(/^'registry-username': given .*; expected a single line/)
  })

  it('refuses registry credentials without artifact-type oci, hiding the password', () => {
    const list = problems({
      artifact: 'app:1',
      'artifact-type': 'docker',
      'registry-username': 'bot',
      'registry-password': REGISTRY_PASSWORD
    })
    expect(list).toEqual([
      `'registry-username'/'registry-password': given with artifact-type docker; expected only with artifact-type oci`
    ])
  })

  const OCI = { artifact: 'ghcr.io/acme/app:1\n127.0.0.1:5000/acme/app:1', 'artifact-type': 'oci' }
  it.each([
    ['ghcr.io', 'ghcr.io'],
    ['GHCR.io', 'ghcr.io'],
    ['127.0.0.1:5000', '127.0.0.1:5000'],
    ['docker.io', 'registry-1.docker.io'],
    ['index.docker.io', 'registry-1.docker.io']
  ])('accepts registry %s as %s', (value, expected) => {
    const artifact = `${OCI.artifact}\nnginx`
    expect(parse({ ...OCI, artifact, registry: value }).registry).toBe(expected)
  })

  it.each(['https://ghcr.io', 'ghcr.io/acme', 'acme', 'ghcr.io:port', 'user@ghcr.io', 'ghcr .io'])(
    'refuses registry %s',
    value => {
      expect(problems({ ...OCI, registry: value })).toEqual([
        `'registry': given ${JSON.stringify(value)}; expected a registry host with an optional port, such as ghcr.io or 127.0.0.1:5000 (no scheme, no path)`
      ])
    }
  )

  it('refuses a registry that no artifact is in, and one without artifact-type oci', () => {
    expect(problems({ ...OCI, registry: 'quay.io' })).toEqual([
      `'registry': given "quay.io", which no artifact is in; expected the registry of one of the artifacts (ghcr.io, 127.0.0.1:5000)`
    ])
    expect(problems({ artifact: 'app:1', 'artifact-type': 'docker', registry: 'ghcr.io' })).toEqual(
      [
        `'registry': given "ghcr.io" with artifact-type docker; expected only with artifact-type oci`
      ]
    )
  })

  it.each([
    ['a', 'display-name', 'displayName', 'a'],
    ['a 1000-character', 'display-name', 'displayName', 'x'.repeat(1000)]
  ])('accepts %s display-name', (_, name, key, value) => {
    expect(parse({ [name]: value })[key as keyof Config]).toBe(value)
  })

  it('refuses a display-name over 1000 characters', () => {
    expect(problems({ 'display-name': 'x'.repeat(1001) })).toEqual([
      `'display-name': given "${'x'.repeat(80)}… (1001 characters)"; expected at most 1000 characters`
    ])
  })
})

describe('parseInputs: trail and template-reference-name', () => {
  it.each(['main', 'v1.2.3', 'a', '9-x_y.z~w', SHA, 'Release_2024-01-01'])(
    'accepts trail %s',
    value => {
      expect(parse({ trail: value }).trail).toBe(value)
    }
  )

  it.each(['-main', '.hidden', '_x', '~x', 'feature/x', 'a b', 'a@b', 'a:b', 'ünï'])(
    'refuses trail %s',
    value => {
      expect(problems({ trail: value })).toEqual([
        `'trail': given ${JSON.stringify(value)}; expected a trail name matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_.~]*$`
      ])
    }
  )

  it.each(['backend', 'api-server', 'api_server', '-lead', '_lead', 'A1'])(
    'accepts template-reference-name %s',
    value => {
      expect(parse({ 'template-reference-name': value }).templateReferenceName).toBe(value)
    }
  )

  it.each(['api.server', 'api server', 'api/server', 'api~1'])(
    'refuses template-reference-name %s',
    value => {
      expect(problems({ 'template-reference-name': value })).toEqual([
        `'template-reference-name': given ${JSON.stringify(value)}; expected a name matching ^[a-zA-Z0-9\\-_]+$`
      ])
    }
  )

  it('refuses a bad KOSLI_NAME naming the variable', () => {
    expect(problems({}, { KOSLI_NAME: 'a.b' })).toEqual([
      `'template-reference-name' (from KOSLI_NAME): given "a.b"; expected a name matching ^[a-zA-Z0-9\\-_]+$`
    ])
  })
})

describe('parseInputs: annotations', () => {
  it('reads key=value lines, keeping = in values and skipping blank lines', () => {
    expect(
      parse({ annotations: 'team=payments\n\n  tier = 1 \nquery=a=b\nempty=' }).annotations
    ).toEqual({ team: 'payments', tier: '1', query: 'a=b', empty: '' })
  })

  const keyRule = 'annotation lines as key=value with keys matching ^[A-Za-z0-9_]+$'
  it.each([
    ['a key with a dash', 'bad-key=1', keyRule],
    ['a key with a dot', 'a.b=1', keyRule],
    ['no =', 'team', keyRule],
    ['an empty key', '=value', keyRule],
    ['a second bad line', 'ok=1\nbad key=2', keyRule],
    ['a repeated key', 'team=a\nteam=b', 'each key once (team is repeated)']
  ])('refuses %s', (_, value, expected) => {
    expect(problems({ annotations: value })).toEqual([
      `'annotations': given ${JSON.stringify(value)}; expected ${expected}`
    ])
  })
})

describe('parseInputs: external-urls', () => {
  it('reads label=url lines with an optional @fingerprint suffix', () => {
    expect(
      parse({
        'external-urls': [
          'docs=https://example.com/docs?a=1',
          `sbom=https://example.com/sbom.json@${FP.toUpperCase()}`,
          'test report=http://ci.example.com/report@latest'
        ].join('\n')
      }).externalUrls
    ).toEqual({
      docs: { href: 'https://example.com/docs?a=1' },
      sbom: { href: 'https://example.com/sbom.json', fingerprint: FP },
      'test report': { href: 'http://ci.example.com/report@latest' }
    })
  })

  const labelRule = 'label=url lines; a label has no "=" or "."'
  it.each([
    ['a label with a dot', 'v1.2=https://x.example', labelRule],
    ['a line without =', 'https://x.example', labelRule],
    ['an empty label', '=https://x.example', labelRule],
    [
      'a repeated label',
      'a=https://x.example\na=https://y.example',
      'each label once (a is repeated)'
    ],
    ['a javascript: url', 'a=javascript:alert(1)', 'an http(s) URL'],
    ['an ftp: url', 'a=ftp://files.example.com/x', 'an http(s) URL'],
    ['a data: url', 'a=data:text/html,<b>x</b>', 'an http(s) URL'],
    ['a relative url', 'a=/docs', 'an absolute http(s) URL'],
    ['a url missing', 'a=', 'an absolute http(s) URL'],
    ['a bare fingerprint', `a=@${FP}`, 'an absolute http(s) URL']
  ])('refuses %s', (_, value, expected) => {
    expect(problems({ 'external-urls': value })).toEqual([
      `'external-urls': given ${JSON.stringify(value)}; expected ${expected}`
    ])
  })

  it('a 63-hex suffix stays part of the url', () => {
    const url = `https://x.example/a@${FP.slice(0, 63)}`
    expect(parse({ 'external-urls': `a=${url}` }).externalUrls).toEqual({ a: { href: url } })
  })
})

describe('parseInputs: artifact paths stay in the workspace', () => {
  it.each(['../secrets/*', '../../etc/passwd', './../x.bin', '**/../../x'])(
    'refuses the relative pattern %s before any request',
    pattern => {
      expect(problems({ artifact: pattern })).toEqual([
        `'artifact': given ${JSON.stringify(pattern)}, which is outside the workspace; expected a path inside the workspace (give an absolute path if you mean it)`
      ])
    }
  )

  it.each(['build/app.jar', 'dist/**/*.js', '/tmp/build/app.jar', 'a/../b.jar'])(
    'accepts %s',
    pattern => {
      expect(parse({ artifact: pattern }).artifacts).toEqual([pattern])
    }
  )

  it('does not apply to image references', () => {
    expect(parse({ artifact: 'ghcr.io/acme/app:1', 'artifact-type': 'docker' }).artifacts).toEqual([
      'ghcr.io/acme/app:1'
    ])
  })
})

describe('parseInputs: user-data', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['an inline object', '{"team":"payments","n":[1,2]}', { team: 'payments', n: [1, 2] }],
    ['an inline object over several lines', '{\n  "a": {"b": null}\n}\n', { a: { b: null } }],
    ['a .json file relative to the workspace', 'meta/data.json', { team: 'payments', tier: 1 }],
    ['a ./ path', './meta/data.json', { team: 'payments', tier: 1 }],
    ['an absolute path', join(WORKSPACE, 'meta', 'data.json'), { team: 'payments', tier: 1 }]
  ])('reads %s', (_, value, expected) => {
    expect(parse({ 'user-data': value }).userData).toEqual(expected)
  })

  const objectOrFile = 'a JSON object, or the path of a .json file holding one'
  it.each([
    ['an array', '[1]', objectOrFile],
    ['a string', '"x"', objectOrFile],
    ['a number', '42', objectOrFile],
    ['null', 'null', objectOrFile],
    ['a non-.json path', 'data.txt', objectOrFile],
    ['a missing file', 'meta/missing.json', 'a readable .json file (ENOENT)'],
    ['a file holding an array', 'list.json', 'a JSON object in the file list.json, not an array'],
    [
      'a relative path that climbs out of the workspace',
      '../inputs-test-elsewhere/data.json',
      'a .json file inside the workspace (give an absolute path if you mean it)'
    ]
  ])('refuses %s', (_, value, expected) => {
    expect(problems({ 'user-data': value })).toEqual([
      `'user-data': given ${JSON.stringify(value)}; expected ${expected}`
    ])
  })

  it.each([
    ['a symlink to a file outside the workspace', 'kosli/user-data.json'],
    ['a path through a symlinked directory outside the workspace', 'linked-dir/runner.json']
  ])('refuses %s, naming where it leads, without reading it', (_, value) => {
    const list = problems({ 'user-data': value })
    expect(list).toEqual([
      `'user-data': given ${JSON.stringify(value)}; expected a .json file inside the workspace, but it leads out of it to ${JSON.stringify(join(realpathSync(OUTSIDE), 'runner.json'))} (through a symlink; give an absolute path if you mean it)`
    ])
    expect(list[0]).not.toContain('runner file')
  })

  it('follows a symlink that stays inside the workspace', () => {
    expect(parse({ 'user-data': 'kosli/inside.json' }).userData).toEqual({
      team: 'payments',
      tier: 1
    })
  })

  it('reads an absolute path through a symlink: the user named it', () => {
    expect(parse({ 'user-data': join(WORKSPACE, 'kosli', 'user-data.json') }).userData).toEqual({
      secret: 'runner file'
    })
  })

  it.each([
    [
      'inline',
      '{"team":',
      /^'user-data': given "\{\\"team\\":"; expected valid JSON in the value \(/
    ],
    [
      'in a file',
      'broken.json',
      /^'user-data': given "broken.json"; expected valid JSON in the file broken.json \(/
    ]
  ])('refuses invalid JSON %s', (_, value, expected) => {
    const list = problems({ 'user-data': value })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(expected)
  })

  it.each([
    ['in a file', 'private.json', 'the file private.json (line 3, column 10)'],
    ['inline', '{"team":\n  PRIVATE-VALUE}', 'the value (line 2, column 3)']
  ])('says where JSON %s goes wrong, without quoting it', (_, value, where) => {
    const list = problems({ 'user-data': value })
    expect(list).toHaveLength(1)
    expect(list[0]).toContain(`; expected valid JSON in ${where}`)
    expect(list[0].split('; expected')[1]).not.toMatch(/PRIVATE|payments/)
  })
})

describe('parseInputs: switches and lists', () => {
  it.each<[InputName, string, keyof Config, unknown]>([
    ['is-compliant', 'true', 'isCompliant', true],
    ['is-compliant', 'False', 'isCompliant', false],
    [
      'template',
      'artifact, unit-test,,security ',
      'template',
      ['artifact', 'unit-test', 'security']
    ],
    ['report', 'FALSE', 'report', 'false'],
    ['report', 'auto', 'report', 'auto'],
    ['git-commit', SHA, 'gitCommit', SHA],
    ['git-commit', SHA.toUpperCase(), 'gitCommit', SHA],
    ['commits-base', SHA.toUpperCase(), 'commitsBase', SHA],
    ['oldest-commit', SHA.toUpperCase(), 'oldestCommit', SHA],
    ['build-url', 'https://ci.example.com/run/1', 'buildUrl', 'https://ci.example.com/run/1'],
    ['commit-url', 'http://git.example.com/c/1', 'commitUrl', 'http://git.example.com/c/1'],
    ['repo-url', 'https://github.com/acme/app', 'repoUrl', 'https://github.com/acme/app'],
    [
      'redact-commit-info',
      'author, Message,branch,author',
      'redactCommitInfo',
      ['author', 'message', 'branch']
    ],
    ['approval', 'approve', 'approval', 'approve'],
    ['approval', 'Request', 'approval', 'request'],
    ['approval', 'none', 'approval', 'none'],
    ['approval-environment', 'production', 'approvalEnvironment', 'production'],
    ['approval-description', 'Line one\nline two', 'approvalDescription', 'Line one\nline two'],
    ['approver', 'octocat', 'approver', 'octocat'],
    ['deployment-environment', 'staging', 'deploymentEnvironment', 'staging'],
    ['physical-environment', 'eu-west-1', 'physicalEnvironment', 'eu-west-1'],
    ['cluster', 'main', 'cluster', 'main'],
    ['deployment-name', 'web-api', 'deploymentName', 'web-api'],
    ['deployment-status', 'decommissioned', 'deploymentStatus', 'decommissioned'],
    ['deployment-status', 'Deployed', 'deploymentStatus', 'deployed'],
    ['deployment-version', 'v1.2.3', 'deploymentVersion', 'v1.2.3'],
    [
      'deployment-tags',
      'a=1\nb=2\nc=3\nd=4\ne=5',
      'deploymentTags',
      { a: '1', b: '2', c: '3', d: '4', e: '5' }
    ],
    ['deployment-tags', 'team.name=x y', 'deploymentTags', { 'team.name': 'x y' }],
    [
      'runtime-risks',
      'internet-exposed, Sensitive-Data',
      'runtimeRisks',
      ['internet-exposed', 'sensitive-data']
    ],
    [
      'runtime-risks',
      'critical-resource,internet-exposed,lateral-movement,sensitive-data',
      'runtimeRisks',
      ['critical-resource', 'internet-exposed', 'lateral-movement', 'sensitive-data']
    ],
    ['github-org', 'acme-corp', 'githubOrg', 'acme-corp'],
    ['require-compliant', 'true', 'requireCompliant', true],
    ['dry-run', 'false', 'dryRun', false],
    ['on-kosli-unavailable', 'warn', 'onKosliUnavailable', 'warn'],
    ['on-kosli-unavailable', 'FAIL', 'onKosliUnavailable', 'fail'],
    ['max-retries', '0', 'maxRetries', 0],
    ['max-retries', '10', 'maxRetries', 10],
    ['max-retries', ' 7 ', 'maxRetries', 7],
    ['request-timeout', '1', 'requestTimeoutSeconds', 1],
    ['request-timeout', '600', 'requestTimeoutSeconds', 600],
    ['fingerprint-timeout', '1', 'fingerprintTimeoutSeconds', 1],
    ['fingerprint-timeout', ' 3600 ', 'fingerprintTimeoutSeconds', 3600],
    ['fingerprint-timeout', '9007199254740991', 'fingerprintTimeoutSeconds', 9007199254740991],
    ['description', 'multi\nline\ttext', 'description', 'multi\nline\ttext'],
    ['github-token', GH_TOKEN, 'githubToken', GH_TOKEN]
  ])('%s %j', (name, value, key, expected) => {
    expect(parse({ [name]: value })[key]).toEqual(expected)
  })

  const hex40 = 'a full 40-character hex git commit sha'
  const url = 'an absolute http(s) URL'
  it.each<[InputName, string, string]>([
    ['is-compliant', 'yes', 'true or false'],
    ['is-compliant', '1', 'true or false'],
    ['report', 'always', 'one of true, false, auto'],
    ['git-commit', SHA.slice(0, 7), hex40],
    ['git-commit', `${SHA}0`, hex40],
    ['git-commit', `${SHA.slice(0, 39)}g`, hex40],
    ['git-commit', 'HEAD', hex40],
    ['commits-base', 'main', hex40],
    ['oldest-commit', SHA.slice(1), hex40],
    ['build-url', 'not a url', url],
    ['build-url', 'javascript:alert(1)', 'an http(s) URL'],
    ['commit-url', 'ftp://example.com/c', 'an http(s) URL'],
    ['repo-url', 'github.com/acme/app', url],
    ['redact-commit-info', 'author,email', 'a comma-separated list of author, message, branch'],
    ['approval', 'approved', 'one of none, approve, request'],
    ['approval-environment', 'e'.repeat(129), 'at most 128 characters'],
    ['approver', 'a'.repeat(257), 'at most 256 characters'],
    ['deployment-environment', 'e'.repeat(129), 'at most 128 characters'],
    ['physical-environment', 'p'.repeat(129), 'at most 128 characters'],
    ['cluster', 'c'.repeat(129), 'at most 128 characters'],
    ['deployment-name', 'n'.repeat(257), 'at most 256 characters'],
    ['deployment-version', 'v'.repeat(101), 'at most 100 characters'],
    ['deployment-status', 'running', 'one of deployed, decommissioned'],
    ['deployment-tags', 'a=1\nb=2\nc=3\nd=4\ne=5\nf=6', 'at most 5 key=value lines'],
    ['deployment-tags', 'no-equals', 'tag lines as key=value with keys matching ^[^=\\s]+$'],
    ['deployment-tags', 'a=1\na=2', 'each key once (a is repeated)'],
    [
      'runtime-risks',
      'internet-exposed,public',
      'a comma-separated list of critical-resource, internet-exposed, lateral-movement, sensitive-data'
    ],
    ['runtime-risks', 'internet-exposed,Internet-Exposed', 'each runtime risk once'],
    [
      'runtime-risks',
      'critical-resource,internet-exposed,lateral-movement,sensitive-data,critical-resource',
      'each runtime risk once'
    ],
    [
      'github-org',
      '-acme',
      'a GitHub organization login matching ^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$'
    ],
    [
      'github-org',
      'a'.repeat(40),
      'a GitHub organization login matching ^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$'
    ],
    [
      'github-org',
      'acme_corp',
      'a GitHub organization login matching ^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$'
    ],
    ['require-compliant', 'on', 'true or false'],
    ['dry-run', 'yes', 'true or false'],
    ['on-kosli-unavailable', 'ignore', 'one of fail, warn'],
    ['max-retries', '11', 'a whole number from 0 to 10'],
    ['max-retries', '-1', 'a whole number from 0 to 10'],
    ['max-retries', '1.5', 'a whole number from 0 to 10'],
    ['max-retries', '3e0', 'a whole number from 0 to 10'],
    ['max-retries', '0x3', 'a whole number from 0 to 10'],
    ['max-retries', 'three', 'a whole number from 0 to 10'],
    ['request-timeout', '0', 'a whole number from 1 to 600'],
    ['request-timeout', '601', 'a whole number from 1 to 600'],
    ['request-timeout', '30s', 'a whole number from 1 to 600'],
    ['fingerprint-timeout', '0', 'a whole number of 1 or more'],
    ['fingerprint-timeout', '-5', 'a whole number of 1 or more'],
    ['fingerprint-timeout', '1.5', 'a whole number of 1 or more'],
    ['fingerprint-timeout', '15m', 'a whole number of 1 or more'],
    ['fingerprint-timeout', '9007199254740992', 'a whole number of 1 or more']
  ])('refuses %s %j', (name, value, expected) => {
    const shown = value.length > 80 ? `${value.slice(0, 80)}… (${value.length} characters)` : value
    expect(problems({ [name]: value })).toEqual([
      `'${name}': given ${JSON.stringify(shown)}; expected ${expected}`
    ])
  })

  it('a KOSLI_DRY_RUN that is not a boolean names the variable', () => {
    expect(problems({}, { KOSLI_DRY_RUN: '1' })).toEqual([
      `'dry-run' (from KOSLI_DRY_RUN): given "1"; expected true or false`
    ])
  })

  it.each(['true', 'TRUE'])('report %s with a fingerprint', value => {
    expect(parse({ report: value, fingerprint: FP }).report).toBe('true')
  })

  it('report true needs an artifact or fingerprint', () => {
    expect(problems({ report: 'true' })).toEqual([
      `'report': given "true" with neither 'artifact' nor 'fingerprint'; expected something to report`
    ])
    expect(parse({ report: 'true', fingerprint: FP }).report).toBe('true')
  })
})

describe('parseInputs: control characters and size', () => {
  const singleLine = 'a single line without control characters'
  it.each<[InputName, string]>([
    ['org', 'acme\r\nX-Injected: 1'],
    ['flow', 'web\napp'],
    ['trail', 'main\rX'],
    ['host', 'https://app.kosli.com\n'.repeat(2)],
    ['display-name', 'app\u0000.jar'],
    ['template-reference-name', 'a\tb'],
    ['approver', 'octo\u001bcat'],
    ['deployment-environment', 'prod\u007f'],
    ['git-commit', `${SHA}\n${SHA}`]
  ])('refuses control characters in single-line %s', (name, value) => {
    const list = problems({ [name]: value })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(new RegExp(`^'${name}': given ".*"; expected ${singleLine}$`))
  })

  it.each<[InputName, string]>([
    ['description', 'text\u0000'],
    ['annotations', 'a=1\u0007'],
    ['artifact', 'build/\u001bapp'],
    ['user-data', '{"a":"\u0008"}']
  ])('refuses control characters in multi-line %s', (name, value) => {
    const list = problems({ [name]: value })
    expect(list).toHaveLength(1)
    expect(list[0]).toMatch(
      new RegExp(`^'${name}': given ".*"; expected text without control characters$`)
    )
  })

  it('allows a trailing newline around a single-line value', () => {
    expect(parse({ org: 'acme\n', trail: '\tmain\n' })).toMatchObject({
      org: 'acme',
      trail: 'main'
    })
  })

  it('shows a control character escaped, never raw', () => {
    const [problem] = problems({ trail: 'main\r\nX-Evil: 1' })
    expect(problem).not.toMatch(/[\r\n]/)
    expect(problem).toContain('main')
  })

  it('accepts CRLF line breaks in multi-line inputs', () => {
    const config = parse({
      artifact: 'a.jar\r\nb.jar\r\n',
      annotations: 'a=1\r\nb=2',
      description: 'one\r\ntwo'
    })
    expect(config.artifacts).toEqual(['a.jar', 'b.jar'])
    expect(config.annotations).toEqual({ a: '1', b: '2' })
    expect(config.description).toBe('one\r\ntwo')
  })

  it('refuses a lone CR in a multi-line input', () => {
    expect(problems({ annotations: 'a=1\rb=2' })).toEqual([
      `'annotations': given "a=1\\rb=2"; expected text without control characters`
    ])
  })

  it('shows DEL escaped', () => {
    expect(problems({ cluster: 'main\u007f' })).toEqual([
      `'cluster': given "main\\u007f"; expected a single line without control characters`
    ])
  })

  it('refuses an input over 1 MiB without echoing it', () => {
    const big = 'x'.repeat(1024 * 1024 + 1)
    expect(problems({ description: big })).toEqual([
      `'description': given 1048577 bytes; expected at most 1 MiB`
    ])
  })

  it('counts bytes, not characters, for the 1 MiB limit', () => {
    const big = 'é'.repeat(512 * 1024 + 1)
    expect(problems({ description: big })).toEqual([
      `'description': given 1048578 bytes; expected at most 1 MiB`
    ])
  })

  it('accepts exactly 1 MiB', () => {
    const max = 'x'.repeat(1024 * 1024)
    expect(parse({ description: max }).description).toHaveLength(1024 * 1024)
  })
})

describe('parseInputs: secrets never appear in errors', () => {
  const cases: Array<[string, RawInputs, NodeJS.ProcessEnv, string, string]> = [
    ['api-token with a newline', { 'api-token': `${TOKEN}\nX: y` }, {}, TOKEN, 'api-token'],
    ['api-token with a NUL', { 'api-token': `${TOKEN}\u0000` }, {}, TOKEN, 'api-token'],
    ['api-token over 1 MiB', { 'api-token': TOKEN.repeat(50000) }, {}, TOKEN, 'api-token'],
    [
      'KOSLI_API_TOKEN with a newline',
      { 'api-token': '' },
      { KOSLI_API_TOKEN: `${TOKEN}\r\nx` },
      TOKEN,
      'api-token'
    ],
    [
      'github-token with a newline',
      { 'github-token': `${GH_TOKEN}\nx` },
      {},
      GH_TOKEN,
      'github-token'
    ],
    ['github-token with a tab', { 'github-token': `${GH_TOKEN}\tx` }, {}, GH_TOKEN, 'github-token'],
    [
      'registry-password with a newline',
      { 'registry-password': `${REGISTRY_PASSWORD}\nx` },
      {},
      REGISTRY_PASSWORD,
      'registry-password'
    ],
    [
      'KOSLI_REGISTRY_PASSWORD without oci',
      { artifact: 'app:1', 'artifact-type': 'docker' },
      { KOSLI_REGISTRY_PASSWORD: REGISTRY_PASSWORD },
      REGISTRY_PASSWORD,
      'registry-username'
    ]
  ]
  it.each(cases)('%s', (_, extra, env, secret, secretName) => {
    let thrown: unknown
    try {
      parse({ ...extra, trail: 'bad trail' }, env)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    const error = thrown as InputError
    expect(error.problems.length).toBeGreaterThanOrEqual(1)
    expect(error.problems.some(problem => problem.includes(`'${secretName}`))).toBe(true)
    expect(error.message).not.toContain(secret)
    expect(error.message).not.toContain(secret.slice(0, 12))
    expect(JSON.stringify(error.problems)).not.toContain(secret.slice(0, 12))
  })

  it('says a secret was given without showing it', () => {
    expect(problems({ 'api-token': `${TOKEN}\n` + 'x' })).toEqual([
      `'api-token': given a value (hidden); expected a single line without control characters`
    ])
  })
})

describe('parseInputs: several problems', () => {
  it('lists every bad input in one InputError', () => {
    let thrown: unknown
    try {
      parseInputs(
        {
          flow: 'web app',
          trail: 'bad trail',
          'max-retries': '99',
          annotations: 'no-equals',
          'user-data': '[1]'
        },
        {},
        WORKSPACE
      )
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(InputError)
    const error = thrown as InputError
    expect(error.name).toBe('InputError')
    const names = error.problems.map(problem => /^'([a-z-]+)'/.exec(problem)?.[1]).sort()
    expect(names).toEqual(
      ['annotations', 'api-token', 'flow', 'max-retries', 'org', 'trail', 'user-data'].sort()
    )
    expect(error.message.split('\n')[0]).toBe('Invalid inputs:')
    for (const problem of error.problems) expect(error.message).toContain(`- ${problem}`)
  })

  it('lists a control-character problem together with the other problems', () => {
    const list = problems({ org: 'ac\nme', trail: 'bad trail', 'request-timeout': '0' })
    expect(list.map(problem => /^'([a-z-]+)'/.exec(problem)?.[1]).sort()).toEqual([
      'org',
      'request-timeout',
      'trail'
    ])
  })

  it.each<[string, RawInputs, string[]]>([
    ['a bad dry-run does not also ask for api-token', { 'dry-run': 'yes' }, ['dry-run']],
    ['a refused org is not also reported missing', { org: 'ac\nme' }, ['org']],
    ['a refused flow is not also reported missing', { flow: 'a b' }, ['flow']],
    [
      'a bad fingerprint is not also reported together with artifact',
      { artifact: 'a.jar', fingerprint: 'xyz' },
      ['fingerprint']
    ],
    [
      'a bad artifact-type skips the registry check',
      { 'artifact-type': 'x', 'registry-username': 'u' },
      ['artifact-type']
    ]
  ])('%s', (_, extra, names) => {
    const raw: RawInputs = { org: 'acme', flow: 'web-app', ...extra }
    if (!('dry-run' in extra)) raw['api-token'] = TOKEN
    expect(problemsOf(raw).map(problem => /^'([a-z-]+)'/.exec(problem)?.[1])).toEqual(names)
  })

  it('reports a single problem as one line', () => {
    let thrown: unknown
    try {
      parse({ trail: 'bad trail' })
    } catch (error) {
      thrown = error
    }
    expect((thrown as Error).message).toBe(
      `Invalid input: 'trail': given "bad trail"; expected a trail name matching ^[a-zA-Z0-9][a-zA-Z0-9\\-_.~]*$`
    )
  })

  it('every problem names the input in quotes, shows the value and says what is expected', () => {
    const list = problems({
      host: 'http://example.com',
      fingerprint: 'nope',
      'deployment-status': 'up',
      'external-urls': 'x=ftp://a',
      'runtime-risks': 'none'
    })
    expect(list).toHaveLength(5)
    for (const problem of list) expect(problem).toMatch(/^'[a-z-]+': given "[^"]+"; expected \S/)
  })
})

describe('parseInputs: hostile values, one problem naming the input', () => {
  it.each<[string, RawInputs, InputName, RegExp]>([
    ['org whitespace only', { org: ' \t ' }, 'org', /given nothing; expected a Kosli organization/],
    ['flow whitespace only', { flow: '   ' }, 'flow', /given nothing; expected a Kosli flow name/],
    [
      'api-token whitespace only',
      { 'api-token': '  ' },
      'api-token',
      /given nothing.*unless dry-run is true/
    ],
    ['org with a space', { org: 'ac me' }, 'org', /given "ac me"; expected an organization name/],
    ['flow a/b', { flow: 'a/b' }, 'flow', /given "a\/b"; expected a flow name/],
    [
      'request-timeout -1',
      { 'request-timeout': '-1' },
      'request-timeout',
      /given "-1"; expected a whole number from 1 to 600/
    ],
    [
      'request-timeout 1e3',
      { 'request-timeout': '1e3' },
      'request-timeout',
      /given "1e3"; expected a whole number/
    ],
    [
      'is-compliant maybe',
      { 'is-compliant': 'maybe' },
      'is-compliant',
      /given "maybe"; expected true or false/
    ],
    [
      'require-compliant 1',
      { 'require-compliant': '1' },
      'require-compliant',
      /given "1"; expected true or false/
    ],
    [
      'commits-base HEAD~1',
      { 'commits-base': 'HEAD~1' },
      'commits-base',
      /given "HEAD~1"; expected a full 40-character/
    ],
    [
      'deployment-tags key with a space',
      { 'deployment-tags': 'team a=payments' },
      'deployment-tags',
      /expected tag lines as key=value/
    ],
    [
      'github-org with a space',
      { 'github-org': 'ac me' },
      'github-org',
      /given "ac me"; expected a GitHub organization login/
    ],
    [
      'a 10 MB annotation',
      { annotations: `big=${'x'.repeat(10 * 1024 * 1024)}` },
      'annotations',
      /given 10485764 bytes; expected at most 1 MiB/
    ],
    [
      'an escape sequence in display-name',
      { 'display-name': 'app\u001b[2J.bin' },
      'display-name',
      /given "app\\u001b\[2J\.bin"; expected a single line/
    ],
    [
      'a lone CR in description',
      { description: 'all good\rFAILED' },
      'description',
      /given "all good\\rFAILED"; expected text without/
    ],
    [
      'a newline in deployment-environment',
      { 'deployment-environment': 'prod\nstaging' },
      'deployment-environment',
      /expected a single line/
    ],
    [
      'a bell in exclude',
      { exclude: '*.log\ntmp\u0007' },
      'exclude',
      /given "\*\.log\\ntmp\\u0007"; expected text without/
    ],
    [
      'an escape sequence in approval-description',
      { 'approval-description': 'ok\u001b]0;pwned\u0007' },
      'approval-description',
      /expected text without control characters/
    ],
    [
      'a newline in template',
      { template: 'artifact,\nunit-test' },
      'template',
      /given "artifact,\\nunit-test"; expected a single line/
    ],
    [
      'external-urls file:',
      { 'external-urls': 'ok=https://example.com\nlocal=file:///etc/passwd' },
      'external-urls',
      /expected an http\(s\) URL/
    ],
    [
      'commit-url that is not a URL',
      { 'commit-url': 'commit 1234' },
      'commit-url',
      /given "commit 1234"; expected an absolute http\(s\) URL/
    ],
    [
      'repo-url file:',
      { 'repo-url': 'file:///etc/passwd' },
      'repo-url',
      /given "file:\/\/\/etc\/passwd"; expected an http\(s\) URL/
    ],
    [
      'relative artifact climbing out after a folder',
      { artifact: 'app.bin\nbuild/../../etc/passwd' },
      'artifact',
      /given "build\/\.\.\/\.\.\/etc\/passwd", which is outside/
    ]
  ])('%s', (_, extra, input, says) => {
    const list = problems(extra)
    expect(list).toHaveLength(1)
    expect(list[0]).toContain(`'${input}'`)
    expect(list[0]).toMatch(says)
  })

  it('CRLF in registry-username: shown escaped, the password never', () => {
    const list = problems({
      artifact: 'registry.example.com/acme/app:1',
      'artifact-type': 'oci',
      'registry-username': 'robot\r\nX-Injected: yes',
      'registry-password': REGISTRY_PASSWORD
    })
    expect(list[0]).toMatch(/^'registry-username': given "robot\\r\\nX-Injected: yes"; expected a/)
    expect(JSON.stringify(list)).not.toContain(REGISTRY_PASSWORD)
  })

  it('allows a whitespace-only api-token in a dry run', () => {
    expect(parse({ 'api-token': '  ', 'dry-run': 'true' })).toMatchObject({
      apiToken: undefined,
      dryRun: true
    })
  })
})

describe('a secret inside another input, quoted in a problem', () => {
  it('is hidden before the value is cut at 80 characters, at every offset around the cut', () => {
    for (const secret of [TOKEN, GH_TOKEN]) {
      for (let at = 80 - secret.length - 1; at <= 81; at++) {
        const found = problems({
          'github-token': GH_TOKEN,
          host: `${'h'.repeat(at)}${secret}${'-rest'.repeat(20)}`
        }).join('\n')
        expect(found).toContain("'host': given \"hhhh")
        // From 6 characters: "kosl" is in the expected https://app.kosli.com too.
        for (let n = 6; n <= secret.length; n++) expect(found).not.toContain(secret.slice(0, n))
      }
    }
  })
})

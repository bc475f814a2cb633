import { describe, expect, it } from '@jest/globals'
import {
  beginTrailData,
  commonFields,
  customData,
  customDataSchema,
  flowTemplateData,
  genericData,
  genericDataSchema,
  junitData,
  junitDataSchema,
  PayloadError,
  pullRequestData,
  snykData,
  splitAttestationName
} from '../../src/evidence/payloads.js'
import { assertPath, evidencePaths } from '../../src/kosli/paths.js'

const SHA = 'c'.repeat(40)
const FP = 'f'.repeat(64)
const COMMIT = {
  sha1: SHA,
  message: 'Fix',
  author: 'Ada <ada@example.com>',
  branch: 'main',
  timestamp: 1700000000
}

describe('splitAttestationName', () => {
  it('splits <artifact>.<attestation> into target_artifacts and attestation_name', () => {
    expect(splitAttestationName('web-app.unit-tests')).toEqual({
      attestation_name: 'unit-tests',
      target_artifacts: ['web-app']
    })
    expect(splitAttestationName('code-review')).toEqual({ attestation_name: 'code-review' })
  })

  it.each(['.foo', 'foo.', 'a.b.c', 'a b', 'a/b', ''])('refuses %p', name => {
    expect(() => splitAttestationName(name)).toThrow(PayloadError)
  })
})

describe('attestation data', () => {
  it('leaves out everything not given', () => {
    expect(genericData({ name: 'lint' }, true)).toEqual({
      attestation_name: 'lint',
      is_compliant: true
    })
  })

  it('binds by dot notation only with a commit or fingerprint', () => {
    expect(() => commonFields({ name: 'web-app.unit-tests' })).toThrow(
      /needs the commit \(git-commit\) or a fingerprint/
    )
    expect(commonFields({ name: 'web-app.unit-tests', gitCommit: COMMIT })).toEqual({
      attestation_name: 'unit-tests',
      target_artifacts: ['web-app'],
      git_commit_info: COMMIT
    })
  })

  it('carries the common fields, empty maps and descriptions left out', () => {
    const data = genericData(
      {
        name: 'lint',
        fingerprint: FP,
        gitCommit: COMMIT,
        repoInfo: {
          name: 'acme/app',
          url: 'https://github.com/acme/app',
          id: '42',
          provider: 'github'
        },
        originUrl: 'https://github.com/acme/app/actions/runs/1',
        externalUrls: { sbom: { href: 'https://example.com/sbom' } },
        annotations: {},
        userData: { ticket: 'A-1' },
        description: ''
      },
      false
    )
    expect(data).toEqual({
      attestation_name: 'lint',
      artifact_fingerprint: FP,
      git_commit_info: COMMIT,
      repo_info: {
        name: 'acme/app',
        url: 'https://github.com/acme/app',
        id: '42',
        provider: 'github'
      },
      origin_url: 'https://github.com/acme/app/actions/runs/1',
      external_urls: { sbom: { href: 'https://example.com/sbom' } },
      user_data: { ticket: 'A-1' },
      is_compliant: false
    })
  })

  it('sends is_compliant on generic only: the other schemas reject it', () => {
    expect(
      junitDataSchema.safeParse({ attestation_name: 'a', junit_results: [], is_compliant: true })
        .success
    ).toBe(false)
    expect(
      customDataSchema.safeParse({
        attestation_name: 'a',
        type_name: 't',
        attestation_data: {},
        is_compliant: true
      }).success
    ).toBe(false)
    expect(genericDataSchema.safeParse({ attestation_name: 'a' }).success).toBe(false)
  })

  it('builds each type', () => {
    expect(
      junitData({ name: 'ut' }, [
        { name: 's', total: 1, failures: 0, errors: 0, skipped: 0, duration: 0.1 }
      ])
    ).toEqual({
      attestation_name: 'ut',
      junit_results: [{ name: 's', total: 1, failures: 0, errors: 0, skipped: 0, duration: 0.1 }]
    })
    expect(pullRequestData({ name: 'pr', gitCommit: COMMIT }, [])).toEqual({
      attestation_name: 'pr',
      git_commit_info: COMMIT,
      git_provider: 'github',
      pull_requests: []
    })
    expect(
      snykData(
        { name: 'sast' },
        { schema_version: 1, tool: { name: 'Snyk', version: '' }, results: [] }
      )
    ).toEqual({
      attestation_name: 'sast',
      snyk_results: { schema_version: 1, tool: { name: 'Snyk', version: '' }, results: [] }
    })
    expect(customData({ name: 'risk' }, 'risk-v1', { score: 3 })).toEqual({
      attestation_name: 'risk',
      type_name: 'risk-v1',
      attestation_data: { score: 3 }
    })
  })

  it('refuses a pull request with merge_commit ""', () => {
    const pr = {
      url: 'u',
      state: 'OPEN',
      author: 'a',
      title: 't',
      created_at: 1,
      head_ref: 'h',
      merge_commit: '',
      approvers: [],
      commits: []
    }
    expect(() => pullRequestData({ name: 'pr' }, [pr as never])).toThrow()
  })
})

describe('beginTrailData', () => {
  it('sends only the name when nothing else is set, so a re-run keeps description and user data', () => {
    expect(beginTrailData({ name: SHA })).toEqual({ name: SHA })
  })

  it('sends what is set, and an explicit empty user data', () => {
    expect(
      beginTrailData({
        name: SHA,
        description: 'Release',
        userData: {},
        gitCommit: COMMIT,
        originUrl: 'https://x'
      })
    ).toEqual({
      name: SHA,
      description: 'Release',
      user_data: {},
      git_commit_info: COMMIT,
      origin_url: 'https://x'
    })
  })

  it('refuses bad trail names', () => {
    expect(() => beginTrailData({ name: '-x' })).toThrow()
  })
})

describe('flowTemplateData and paths', () => {
  it('always sends a description and never visibility', () => {
    expect(flowTemplateData('app', '')).toEqual({ name: 'app', description: '' })
  })

  it('encodes path segments', () => {
    expect(evidencePaths.attestation('acme', 'app', 'v1.0~rc', 'pull_request')).toBe(
      '/attestations/acme/app/trail/v1.0~rc/pull_request'
    )
    expect(evidencePaths.flowTemplate('acme')).toBe('/flows/acme/template_file')
    expect(evidencePaths.getTrail('acme', 'app', 'a b')).toBe('/trails/acme/app/a%20b')
  })

  it('asserts with flow_name always, plus environment_name or each policy_name', () => {
    expect(assertPath('acme', FP, { flow: 'app' })).toBe(
      `/asserts/acme/fingerprint/${FP}?flow_name=app`
    )
    expect(assertPath('acme', FP, { flow: 'app', environment: 'prod' })).toBe(
      `/asserts/acme/fingerprint/${FP}?flow_name=app&environment_name=prod`
    )
    expect(assertPath('acme', FP, { flow: 'app', policies: ['a', 'b c'] })).toBe(
      `/asserts/acme/fingerprint/${FP}?flow_name=app&policy_name=a&policy_name=b+c`
    )
    expect(() =>
      assertPath('acme', FP, { flow: 'app', environment: 'prod', policies: ['a'] })
    ).toThrow(/cannot be used together/)
  })
})

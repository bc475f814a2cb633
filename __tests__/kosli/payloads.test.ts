import { describe, expect, it } from '@jest/globals'
import { type Config, parseInputs, type RawInputs } from '../../src/inputs/index.js'
import { buildApprovalPayload, buildArtifactPayload } from '../../src/kosli/payloads.js'
import { createApprovalBodySchema, reportArtifactBodySchema } from '../../src/kosli/schemas.js'
import type { GitCommit, Provenance } from '../../src/provenance/index.js'

const FP = '3f'.repeat(32)
const OTHER_FP = 'c0'.repeat(32)
const HEAD = 'a'.repeat(40)
const PARENT = 'b'.repeat(40)
const OLDEST = 'c'.repeat(40)

function config(extra: RawInputs = {}): Config {
  return parseInputs({ 'api-token': 'tok', org: 'acme', flow: 'web', ...extra }, {}, '/nowhere')
}

function commit(sha: string, parents: string[]): GitCommit {
  return {
    sha1: sha,
    message: `Commit ${sha.slice(0, 7)}`,
    author: 'Ada Lovelace <ada@example.com>',
    author_username: 'ada',
    branch: 'main',
    timestamp: 1700000000,
    url: `https://github.com/acme/web/commit/${sha}`,
    parents
  }
}

const PROVENANCE: Provenance = {
  gitCommit: HEAD,
  gitCommitInfo: commit(HEAD, [PARENT]),
  commitsList: [commit(HEAD, [PARENT]), commit(PARENT, [OLDEST])],
  repoInfo: {
    name: 'acme/web',
    url: 'https://github.com/acme/web',
    id: '123456',
    description: 'The web app',
    provider: 'github'
  },
  repoUrl: 'https://github.com/acme/web',
  buildUrl: 'https://github.com/acme/web/actions/runs/42/attempts/1',
  commitUrl: `https://github.com/acme/web/commit/${HEAD}`,
  sources: ['commit details: test'],
  warnings: []
}

const ARTIFACT = { name: 'app.jar', fingerprint: FP }

describe('buildArtifactPayload', () => {
  it('fills every field from the config and the provenance', () => {
    const body = buildArtifactPayload(
      config({
        trail: 'release-1',
        'template-reference-name': 'backend',
        description: 'The backend\nbuilt by CI',
        'is-compliant': 'false',
        template: 'artifact,unit-test',
        'external-urls': `sbom=https://example.com/sbom@${OTHER_FP}\ndocs=https://example.com/docs`,
        annotations: 'team=payments\ntier=1',
        'user-data': '{"ticket":"PAY-1","n":2}'
      }),
      ARTIFACT,
      PROVENANCE
    )
    expect(body).toStrictEqual({
      fingerprint: FP,
      filename: 'app.jar',
      build_url: 'https://github.com/acme/web/actions/runs/42/attempts/1',
      commit_url: `https://github.com/acme/web/commit/${HEAD}`,
      trail_name: 'release-1',
      template_reference_name: 'backend',
      description: 'The backend\nbuilt by CI',
      git_commit: HEAD,
      git_commit_info: commit(HEAD, [PARENT]),
      repo_info: {
        name: 'acme/web',
        url: 'https://github.com/acme/web',
        id: '123456',
        description: 'The web app',
        provider: 'github'
      },
      commits_list: [commit(HEAD, [PARENT]), commit(PARENT, [OLDEST])],
      repo_url: 'https://github.com/acme/web',
      is_compliant: false,
      template: ['artifact', 'unit-test'],
      external_urls: {
        sbom: { href: 'https://example.com/sbom', fingerprint: OTHER_FP },
        docs: { href: 'https://example.com/docs' }
      },
      annotations: { team: 'payments', tier: '1' },
      user_data: { ticket: 'PAY-1', n: 2 }
    })
    expect(reportArtifactBodySchema.safeParse(body).success).toBe(true)
  })

  it('leaves optional fields out when they are not given, and defaults the trail to the commit', () => {
    const body = buildArtifactPayload(config(), ARTIFACT, PROVENANCE)
    expect(Object.keys(body).sort()).toEqual(
      [
        'build_url',
        'commit_url',
        'commits_list',
        'filename',
        'fingerprint',
        'git_commit',
        'git_commit_info',
        'repo_info',
        'repo_url',
        'trail_name'
      ].sort()
    )
    expect(body.trail_name).toBe(HEAD)
    expect(Object.values(body)).not.toContain(undefined)
    expect('annotations' in body).toBe(false)
    expect('external_urls' in body).toBe(false)
    expect(JSON.parse(JSON.stringify(body))).toStrictEqual(body)
    expect(reportArtifactBodySchema.safeParse(body).success).toBe(true)
  })

  it('sends is_compliant true and an empty commits_list as given', () => {
    const body = buildArtifactPayload(config({ 'is-compliant': 'TRUE' }), ARTIFACT, {
      ...PROVENANCE,
      commitsList: []
    })
    expect(body.is_compliant).toBe(true)
    expect(body.commits_list).toEqual([])
  })

  it.each([
    ['a short fingerprint', { name: 'app.jar', fingerprint: FP.slice(1) }],
    ['an upper-case fingerprint', { name: 'app.jar', fingerprint: FP.toUpperCase() }],
    ['a sha256: prefix', { name: 'app.jar', fingerprint: `sha256:${FP}` }],
    ['an empty filename', { name: '', fingerprint: FP }]
  ])('throws on %s', (_, artifact) => {
    expect(() => buildArtifactPayload(config(), artifact, PROVENANCE)).toThrow()
  })

  it('throws when the provenance commit is not a full sha', () => {
    expect(() =>
      buildArtifactPayload(config({ trail: 'main' }), ARTIFACT, {
        ...PROVENANCE,
        gitCommit: 'abc1234'
      })
    ).toThrow()
  })
})

describe('buildApprovalPayload', () => {
  const request = {
    fingerprint: FP,
    srcCommitList: [HEAD, PARENT],
    oldestCommit: OLDEST,
    description: 'Approved in Release run 7',
    approver: 'octocat',
    approvalUrl: 'https://github.com/acme/web/actions/runs/42/attempts/1'
  }

  it('approve: one APPROVED entry with comment, approved_by and approval_url', () => {
    const body = buildApprovalPayload(
      config({ approval: 'approve', 'approval-environment': 'production' }),
      request
    )
    expect(body).toStrictEqual({
      artifact_fingerprint: FP,
      description: 'Approved in Release run 7',
      src_commit_list: [HEAD, PARENT],
      environment: 'production',
      oldest_commit: OLDEST,
      approvals: [
        {
          state: 'APPROVED',
          comment: 'Approved in Release run 7',
          approved_by: 'octocat',
          approval_url: 'https://github.com/acme/web/actions/runs/42/attempts/1'
        }
      ]
    })
    expect(createApprovalBodySchema.safeParse(body).success).toBe(true)
  })

  it('request: an empty approvals list', () => {
    const body = buildApprovalPayload(
      config({ approval: 'request', 'approval-environment': 'production' }),
      request
    )
    expect(body.approvals).toStrictEqual([])
    expect(body.environment).toBe('production')
  })

  it('leaves oldest_commit and environment out when they are undefined', () => {
    const body = buildApprovalPayload(config({ approval: 'approve' }), {
      ...request,
      srcCommitList: [HEAD],
      oldestCommit: undefined
    })
    expect(Object.keys(body).sort()).toEqual(
      ['approvals', 'artifact_fingerprint', 'description', 'src_commit_list'].sort()
    )
    expect(Object.values(body)).not.toContain(undefined)
    expect(body.src_commit_list).toEqual([HEAD])
  })

  it.each([
    ['an empty src_commit_list', { ...request, srcCommitList: [] }],
    ['a short commit', { ...request, srcCommitList: ['abc1234'] }],
    ['a bad oldest commit', { ...request, oldestCommit: 'main' }],
    ['a bad fingerprint', { ...request, fingerprint: 'xyz' }]
  ])('throws on %s', (_, bad) => {
    expect(() => buildApprovalPayload(config({ approval: 'approve' }), bad)).toThrow()
  })
})

describe('the checks before sending', () => {
  it('name the field and its value when a body would be refused', () => {
    expect(() =>
      buildArtifactPayload(config(), { name: 'app.jar', fingerprint: FP.toUpperCase() }, PROVENANCE)
    ).toThrow(
      `The report-artifact body is not what Kosli's API accepts, so nothing was sent (please report this): fingerprint "${FP.toUpperCase()}" does not match ^[a-f0-9]{64}$`
    )
    expect(() =>
      buildApprovalPayload(config({ approval: 'request' }), {
        fingerprint: FP,
        srcCommitList: [HEAD, 'abc1234'],
        description: 'd',
        approver: 'a',
        approvalUrl: 'u'
      })
    ).toThrow(`src_commit_list[1] "abc1234" does not match ^[a-f0-9]{40}$`)
  })

  it('name every refused field by its path in the body, nested ones included', () => {
    const bad = { ...commit(HEAD, [PARENT]), sha1: 'abc1234', timestamp: 1.5 }
    expect(() =>
      buildArtifactPayload(
        { ...config(), externalUrls: { 'a.b': { href: 'https://example.com' } } },
        { name: '', fingerprint: FP },
        { ...PROVENANCE, gitCommitInfo: bad, commitsList: [commit(HEAD, [PARENT]), bad] }
      )
    ).toThrow(
      [
        'filename is empty',
        'git_commit_info.sha1 "abc1234" does not match ^[a-f0-9]{40}$',
        'git_commit_info.timestamp 1.5 is not a whole number',
        'commits_list[1].sha1 "abc1234" does not match ^[a-f0-9]{40}$',
        'commits_list[1].timestamp 1.5 is not a whole number',
        'external_urls label "a.b" does not match ^[^=.]+$'
      ].join('; ')
    )
    expect(() =>
      buildApprovalPayload(config({ approval: 'request' }), {
        fingerprint: FP,
        srcCommitList: [],
        oldestCommit: 'main',
        description: 'd',
        approver: 'a',
        approvalUrl: 'u'
      })
    ).toThrow('src_commit_list is empty; oldest_commit "main" does not match ^[a-f0-9]{40}$')
  })
})

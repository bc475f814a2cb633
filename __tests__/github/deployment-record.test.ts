import { describe, expect, it } from '@jest/globals'
import {
  artifactShortName,
  buildDeploymentRecord,
  type DeploymentRecordInput,
  defaultDeploymentName
} from '../../src/github/deployment-record.js'

const FP = 'e3'.repeat(32)

const INPUT: DeploymentRecordInput = {
  artifactName: 'ghcr.io/acme/api:1.2',
  fingerprint: FP,
  status: 'deployed',
  logicalEnvironment: 'production',
  version: 'v1.2.0',
  tags: {},
  runtimeRisks: [],
  repositoryName: 'web',
  githubRepository: 'web'
}

describe('artifactShortName', () => {
  it.each([
    ['app.jar', 'app.jar'],
    ['build/app.jar', 'app.jar'],
    ['build/libs/app-1.0.jar', 'app-1.0.jar'],
    ['dist', 'dist'],
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['ghcr.io/acme/api:1.2', 'api'],
    ['ghcr.io/acme/api', 'api'],
    ['localhost:5000/acme/api:1.2', 'api'],
    ['localhost:5000/api', 'api'],
    [`acme/api@sha256:${FP}`, 'api'],
    [`ghcr.io/acme/api:1.2@sha256:${FP}`, 'api'],
    [`registry.example.com:443/team/sub/api:v2@sha256:${FP.toUpperCase()}`, 'api']
  ])('%s → %s', (name, expected) => {
    expect(artifactShortName(name)).toBe(expected)
  })
})

describe('defaultDeploymentName', () => {
  it.each<[string, string, string | undefined, string]>([
    ['web', 'build/app.jar', undefined, 'web-app.jar'],
    ['web', 'ghcr.io/acme/api:1.2', undefined, 'web-api'],
    ['web', 'localhost:5000/acme/api:1.2', undefined, 'web-api'],
    ['web', `acme/api@sha256:${FP}`, undefined, 'web-api'],
    ['web', 'ghcr.io/acme/api:1.2', 'backend', 'web-backend'],
    ['web', 'build/app.jar', 'backend', 'web-backend']
  ])('%s + %s (template %s) → %s', (repo, artifact, template, expected) => {
    expect(defaultDeploymentName(repo, artifact, template)).toBe(expected)
  })
})

describe('buildDeploymentRecord', () => {
  it('builds the smallest record', () => {
    expect(buildDeploymentRecord(INPUT)).toStrictEqual({
      name: 'ghcr.io/acme/api:1.2',
      digest: `sha256:${FP}`,
      version: 'v1.2.0',
      status: 'deployed',
      logical_environment: 'production',
      deployment_name: 'web-api',
      github_repository: 'web'
    })
  })

  it('fills every field', () => {
    expect(
      buildDeploymentRecord({
        ...INPUT,
        artifactName: 'build/app.jar',
        templateReferenceName: 'backend',
        status: 'decommissioned',
        physicalEnvironment: 'eu-west-1',
        cluster: 'main',
        deploymentName: 'payments-api',
        tags: { team: 'payments', tier: '1' },
        runtimeRisks: ['internet-exposed', 'sensitive-data']
      })
    ).toStrictEqual({
      name: 'build/app.jar',
      digest: `sha256:${FP}`,
      version: 'v1.2.0',
      status: 'decommissioned',
      logical_environment: 'production',
      physical_environment: 'eu-west-1',
      cluster: 'main',
      deployment_name: 'payments-api',
      tags: { team: 'payments', tier: '1' },
      runtime_risks: ['internet-exposed', 'sensitive-data'],
      github_repository: 'web'
    })
  })

  it('leaves github_repository out when the repository is not in the receiving organization', () => {
    const body = buildDeploymentRecord({ ...INPUT, githubRepository: undefined })
    expect(body).not.toHaveProperty('github_repository')
    expect(body.deployment_name).toBe('web-api')
  })

  it('names the deployment by the template reference name when there is one', () => {
    expect(
      buildDeploymentRecord({ ...INPUT, templateReferenceName: 'backend' }).deployment_name
    ).toBe('web-backend')
  })

  it('gives two artifacts deployed together two deployment names', () => {
    const a = buildDeploymentRecord({ ...INPUT, artifactName: 'ghcr.io/acme/api:1.2' })
    const b = buildDeploymentRecord({ ...INPUT, artifactName: 'ghcr.io/acme/worker:1.2' })
    expect([a.deployment_name, b.deployment_name]).toEqual(['web-api', 'web-worker'])
  })

  it.each<[string, Partial<DeploymentRecordInput>, RegExp]>([
    [
      'name > 256',
      { artifactName: 'n'.repeat(257), deploymentName: 'd' },
      /^The deployment record for n+ is invalid: name: /
    ],
    [
      'version > 100',
      { version: 'v'.repeat(101) },
      /is invalid: version: Too big: expected string to have <=100 characters$/
    ],
    [
      'logical env > 128',
      { logicalEnvironment: 'e'.repeat(129) },
      /is invalid: logical_environment: Too big: expected string to have <=128 characters$/
    ],
    [
      'empty logical env',
      { logicalEnvironment: '' },
      /is invalid: logical_environment: Too small: /
    ],
    [
      'physical env > 128',
      { physicalEnvironment: 'p'.repeat(129) },
      /is invalid: physical_environment: Too big: expected string to have <=128 characters$/
    ],
    [
      'cluster > 128',
      { cluster: 'c'.repeat(129) },
      /is invalid: cluster: Too big: expected string to have <=128 characters$/
    ],
    [
      'deployment name > 256',
      { deploymentName: 'd'.repeat(257) },
      /is invalid: deployment_name: Too big: expected string to have <=256 characters$/
    ],
    [
      'default deployment name > 256',
      { repositoryName: 'r'.repeat(250), artifactName: 'abcdefgh.jar' },
      /is invalid: deployment_name: Too big: expected string to have <=256 characters$/
    ],
    [
      '6 tags',
      { tags: { a: '1', b: '2', c: '3', d: '4', e: '5', f: '6' } },
      /is invalid: tags: at most 5 tags$/
    ],
    [
      '5 runtime risks',
      {
        runtimeRisks: [
          'critical-resource',
          'internet-exposed',
          'lateral-movement',
          'sensitive-data',
          'critical-resource'
        ]
      },
      /is invalid: runtime_risks: /
    ],
    ['a bad fingerprint', { fingerprint: FP.toUpperCase() }, /is invalid: digest: /]
  ])('throws a clear message for %s', (_, change, message) => {
    expect(() => buildDeploymentRecord({ ...INPUT, ...change })).toThrow(message)
  })

  it('accepts the limits exactly', () => {
    const body = buildDeploymentRecord({
      ...INPUT,
      artifactName: 'n'.repeat(256),
      version: 'v'.repeat(100),
      logicalEnvironment: 'e'.repeat(128),
      physicalEnvironment: 'p'.repeat(128),
      cluster: 'c'.repeat(128),
      deploymentName: 'd'.repeat(256),
      tags: { a: '1', b: '2', c: '3', d: '4', e: '5' },
      runtimeRisks: ['critical-resource', 'internet-exposed', 'lateral-movement', 'sensitive-data']
    })
    expect(body.name).toHaveLength(256)
    expect(Object.keys(body.tags ?? {})).toHaveLength(5)
    expect(body.runtime_risks).toHaveLength(4)
  })
})

// Deploy jobs end to end: the action runs as dist/index.js against both stand-ins.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import type { DeploymentRecordAccess } from '../../test-support/github-server.js'
import type { RecordedRequest } from '../../test-support/http-stand-in.js'
import { defaultDeploymentEvent, defaultTagPushEvent } from '../../test-support/run-action.js'
import { allRequests, dryRunBodies, fingerprintOf, resetStandIns } from './deploy-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

const APP = fingerprintOf('build/app.jar')
const API = fingerprintOf('ghcr.io/acme/api:1.2')
const RECORD_PATH = '/orgs/acme/artifacts/metadata/deployment-record'
const PERMISSION_HINT =
  'The job needs `permissions: artifact-metadata: write`, and the repository must belong to an organization (github-org).'

let stands: StandIns
let head: string
let shortHead: string

beforeAll(async () => {
  stands = await startStandIns(5)
  head = stands.shas[stands.shas.length - 1]
  shortHead = head.slice(0, 7)
})

afterAll(async () => {
  await stands.close()
})

beforeEach(() => {
  resetStandIns(stands)
})

/** What the build job reported for the head commit: a jar and an image. */
function seedBuild(
  options: { trail?: string; templates?: boolean; apiState?: 'NON-COMPLIANT' | 'INCOMPLETE' } = {}
): void {
  stands.kosli.seedArtifact({
    fingerprint: APP,
    filename: 'build/app.jar',
    git_commit: head,
    trail_name: options.trail,
    template_reference_name: options.templates ? 'backend' : undefined
  })
  stands.kosli.seedArtifact({
    fingerprint: API,
    filename: 'ghcr.io/acme/api:1.2',
    git_commit: head,
    trail_name: options.trail,
    template_reference_name: options.templates ? 'api' : undefined,
    state: options.apiState,
    state_info: options.apiState ? 'Missing attestation: unit-tests' : undefined
  })
}

function recordPosts(): RecordedRequest[] {
  return stands.github.requests.filter(r => r.method === 'POST' && r.path === RECORD_PATH)
}

/** The record bodies sent, in a stable order (they are sent concurrently). */
function sentBodies(): Array<Record<string, unknown>> {
  return recordPosts()
    .map(r => r.body as Record<string, unknown>)
    .sort((a, b) => String(a.name).localeCompare(String(b.name)))
}

function appBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'build/app.jar',
    digest: `sha256:${APP}`,
    version: shortHead,
    status: 'deployed',
    logical_environment: 'production',
    deployment_name: 'app-app.jar',
    github_repository: 'app',
    ...overrides
  }
}

function apiBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'ghcr.io/acme/api:1.2',
    digest: `sha256:${API}`,
    version: shortHead,
    status: 'deployed',
    logical_environment: 'production',
    deployment_name: 'app-api',
    github_repository: 'app',
    ...overrides
  }
}

function artifactUrl(fingerprint: string): string {
  return `${stands.kosli.url}/acme/flows/app/artifacts/${fingerprint}`
}

describe('deploying what Kosli holds for the commit', () => {
  it('records one deployment per artifact, each under its own deployment name', async () => {
    seedBuild()
    const result = await stands.run({ inputs: { 'deployment-environment': 'production' } })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([appBody(), apiBody()])
    expect(
      stands.github.deploymentRecords('acme').map(r => [r.deployment_name, r.digest, r.status])
    ).toEqual(
      expect.arrayContaining([
        ['app-app.jar', `sha256:${APP}`, 'deployed'],
        ['app-api', `sha256:${API}`, 'deployed']
      ])
    )
    expect(stands.github.deploymentRecords()).toHaveLength(2)
    // Looked up, not re-reported.
    expect(stands.kosli.requests.map(r => `${r.method} ${r.path}`)).toContain(
      `GET /api/v2/artifacts/acme/app/commit_sha/${head}`
    )
    expect(stands.kosli.writes()).toEqual([])
  })

  it('sends every field of the record: environments, cluster, tags, runtime risks', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: {
        'deployment-environment': 'production',
        'physical-environment': 'eu-west-1',
        cluster: 'prod-eks',
        'deployment-tags': 'team=payments\ntier = backend\n',
        'runtime-risks': 'internet-exposed, sensitive-data',
        'deployment-version': '2024.06.1'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const fields = {
      version: '2024.06.1',
      physical_environment: 'eu-west-1',
      cluster: 'prod-eks',
      tags: { team: 'payments', tier: 'backend' },
      runtime_risks: ['internet-exposed', 'sensitive-data']
    }
    expect(sentBodies()).toEqual([appBody(fields), apiBody(fields)])
    expect(result.summary).toContain(
      '| build/app.jar | production / eu-west-1 | prod-eks | app-app.jar | deployed | ✅ COMPLIANT |'
    )
    expect(result.summary).toContain(
      '| ghcr.io/acme/api:1.2 | production / eu-west-1 | prod-eks | app-api | deployed | ✅ COMPLIANT |'
    )
  })

  it('sets deployment-record-ids, compliance-state and artifacts', async () => {
    seedBuild()
    const result = await stands.run({ inputs: { 'deployment-environment': 'production' } })

    expect(result.exitCode).toBe(0)
    const ids = stands.github
      .deploymentRecords()
      .map(r => r.id)
      .sort()
    expect(result.outputs['deployment-record-ids'].split(',').map(Number).sort()).toEqual(ids)
    expect(ids).toHaveLength(2)
    expect(result.outputs['compliance-state']).toBe('COMPLIANT')
    expect(result.outputs.fingerprint).toBe(APP)
    expect(JSON.parse(result.outputs.artifacts)).toEqual([
      {
        name: 'build/app.jar',
        fingerprint: APP,
        type: 'kosli',
        url: artifactUrl(APP),
        compliance_state: 'COMPLIANT'
      },
      {
        name: 'ghcr.io/acme/api:1.2',
        fingerprint: API,
        type: 'kosli',
        url: artifactUrl(API),
        compliance_state: 'COMPLIANT'
      }
    ])
  })

  it('uses the template reference name in the deployment name and filters by it', async () => {
    seedBuild({ templates: true })
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'template-reference-name': 'backend' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([appBody({ deployment_name: 'app-backend' })])
  })

  it('filters by display-name, matching the last segment of the filename', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'display-name': 'app.jar' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([appBody()])
  })

  it('passes the trail to the lookup', async () => {
    seedBuild({ trail: 'release-7' })
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', trail: 'release-7' }
    })

    expect(result.exitCode).toBe(0)
    const lookups = stands.kosli.requests.filter(r => r.path.includes('/commit_sha/'))
    expect(lookups.map(r => [r.path, r.query])).toEqual([
      [`/api/v2/artifacts/acme/app/commit_sha/${head}`, { trail: 'release-7' }]
    ])
    expect(recordPosts()).toHaveLength(2)
  })

  it('fails naming the flow, the commit and the filter when nothing matches', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'template-reference-name': 'frontend' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `No artifact with template-reference-name "frontend" was found in Kosli flow "app" for commit ${head} (it holds: build/app.jar, ghcr.io/acme/api:1.2). Report the artifact from the build job first, or give artifact or fingerprint.`
    ])
    expect(stands.github.requests).toEqual([])
    expect(stands.github.deploymentRecords()).toEqual([])
  })

  it('fails naming the flow, the trail and the commit when Kosli holds nothing', async () => {
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', trail: 'release-7' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `No artifact was found in Kosli flow "app" in trail "release-7" for commit ${head}. Report the artifact from the build job first, or give artifact or fingerprint.`
    ])
    expect(stands.github.requests).toEqual([])
  })

  it('checks the record against the endpoint limits before sending any', async () => {
    seedBuild()
    const longName = `build/${'n'.repeat(251)}.jar`
    stands.kosli.seedArtifact({
      fingerprint: fingerprintOf('long'),
      filename: longName,
      git_commit: head
    })
    const result = await stands.run({ inputs: { 'deployment-environment': 'production' } })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toMatch(
      new RegExp(
        `^The deployment record for ${longName} is invalid: name: .*256.*; deployment_name: .*256`
      )
    )
    expect(stands.github.requests).toEqual([])
  })

  it('refuses one deployment-name for several artifacts before recording any', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'deployment-name': 'app' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      'deployment-name "app" would be used for 2 artifacts, so each record would overwrite the last: leave deployment-name unset to get one per artifact.'
    ])
    expect(stands.github.requests).toEqual([])
  })
})

describe('require-compliant', () => {
  it('records the deployments when every artifact is COMPLIANT', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'require-compliant': 'true' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([appBody(), apiBody()])
    expect(result.outputs['compliance-state']).toBe('COMPLIANT')
  })

  it('fails listing each artifact that is not COMPLIANT, and records nothing', async () => {
    seedBuild({ apiState: 'NON-COMPLIANT' })
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'require-compliant': 'true' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `require-compliant is true, and 1 of 2 artifact(s) do not pass Kosli's assert against the template of flow 'app'; no deployment was recorded:\n- ghcr.io/acme/api:1.2 (${API.slice(0, 12)}): Kosli reports it NON-COMPLIANT: Missing attestation: unit-tests`
    ])
    expect(stands.github.requests).toEqual([])
    expect(stands.github.deploymentRecords()).toEqual([])
    expect(JSON.parse(result.outputs.artifacts)).toEqual([
      expect.objectContaining({ name: 'build/app.jar', compliance_state: 'COMPLIANT' }),
      expect.objectContaining({ name: 'ghcr.io/acme/api:1.2', compliance_state: 'NON-COMPLIANT' })
    ])
  })

  it('does not gate when require-compliant is not set', async () => {
    seedBuild({ apiState: 'INCOMPLETE' })
    const result = await stands.run({ inputs: { 'deployment-environment': 'production' } })

    expect(result.exitCode).toBe(0)
    expect(recordPosts()).toHaveLength(2)
    expect(result.summary).toContain(
      '| ghcr.io/acme/api:1.2 | production | – | app-api | deployed | ⚠️ INCOMPLETE |'
    )
  })
})

describe('the deployment event and the run', () => {
  it('takes the environment from a deployment event', async () => {
    seedBuild()
    const result = await stands.run({
      event: defaultDeploymentEvent({ environment: 'staging', sha: head })
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([
      appBody({ logical_environment: 'staging' }),
      apiBody({ logical_environment: 'staging' })
    ])
  })

  it('versions the deployment with the tag name on tag runs', async () => {
    seedBuild()
    const result = await stands.run({
      event: defaultTagPushEvent({ tag: 'v1.2.3', sha: head }),
      inputs: { 'deployment-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(sentBodies()).toEqual([appBody({ version: 'v1.2.3' }), apiBody({ version: 'v1.2.3' })])
  })

  it('records into another organization with github-org, under the given deployment-name', async () => {
    seedBuild()
    stands.github.configureOrg('acme-platform', { type: 'Organization' })
    const result = await stands.run({
      inputs: {
        'deployment-environment': 'production',
        'github-org': 'acme-platform',
        'display-name': 'app.jar',
        'deployment-name': 'payments-app'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(
      stands.github.requests.filter(r => r.method === 'POST').map(r => [r.path, r.body])
    ).toEqual([
      [
        '/orgs/acme-platform/artifacts/metadata/deployment-record',
        // acme/app is not acme-platform's: GitHub takes github_repository only from the org's own.
        appBody({ deployment_name: 'payments-app', github_repository: undefined })
      ]
    ])
    expect(stands.github.deploymentRecords('acme-platform')).toHaveLength(1)
  })
})

describe('an explicit fingerprint', () => {
  it('is recorded without being reported to Kosli again', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: {
        'deployment-environment': 'production',
        fingerprint: `sha256:${APP}`,
        'display-name': 'build/app.jar'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(stands.kosli.requests.filter(r => r.method === 'POST')).toEqual([])
    expect(sentBodies()).toEqual([appBody()])
    expect(result.outputs['compliance-state']).toBe('COMPLIANT')
    expect(JSON.parse(result.outputs.artifacts)).toEqual([
      {
        name: 'build/app.jar',
        fingerprint: APP,
        type: 'digest',
        url: artifactUrl(APP),
        compliance_state: 'COMPLIANT'
      }
    ])
  })

  it('fails require-compliant when Kosli does not know it', async () => {
    const result = await stands.run({
      inputs: {
        'deployment-environment': 'production',
        fingerprint: APP,
        'display-name': 'build/app.jar',
        'require-compliant': 'true'
      }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `require-compliant is true, and 1 of 1 artifact(s) do not pass Kosli's assert against the template of flow 'app'; no deployment was recorded:\n- build/app.jar (${APP.slice(0, 12)}): not found in flow 'app' in Kosli: report it from the build job first`
    ])
    expect(stands.github.requests).toEqual([])
  })

  it('takes the compliance state of a fingerprint built from another commit', async () => {
    stands.kosli.seedArtifact({
      fingerprint: APP,
      filename: 'build/app.jar',
      git_commit: stands.shas[1]
    })
    const result = await stands.run({
      inputs: {
        'deployment-environment': 'production',
        fingerprint: APP,
        'display-name': 'build/app.jar',
        'require-compliant': 'true'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(result.outputs['compliance-state']).toBe('COMPLIANT')
    expect(sentBodies()).toEqual([appBody()])
  })
})

describe('decommissioning', () => {
  it('updates the record of the deployment it tears down', async () => {
    seedBuild()
    const inputs = {
      'deployment-environment': 'production',
      'display-name': 'app.jar',
      cluster: 'prod-eks'
    }
    const deployed = await stands.run({ inputs })
    expect(deployed.exitCode).toBe(0)
    const [record] = stands.github.deploymentRecords()
    expect(record).toMatchObject({ status: 'deployed', writes: 1 })
    const id = record.id

    const decommissioned = await stands.run({
      inputs: { ...inputs, 'deployment-status': 'decommissioned' }
    })

    expect(decommissioned.errors).toEqual([])
    expect(decommissioned.exitCode).toBe(0)
    expect(recordPosts().map(r => r.body)).toEqual([
      appBody({ cluster: 'prod-eks' }),
      appBody({ cluster: 'prod-eks', status: 'decommissioned' })
    ])
    expect(stands.github.deploymentRecords()).toEqual([
      expect.objectContaining({
        id,
        status: 'decommissioned',
        deployment_name: 'app-app.jar',
        writes: 2
      })
    ])
    expect(decommissioned.outputs['deployment-record-ids']).toBe(String(id))
    expect(deployed.outputs['deployment-record-ids']).toBe(String(id))
  })
})

describe('GitHub refusing the record', () => {
  const cases: Array<[DeploymentRecordAccess, number, string, string]> = [
    ['missing-permission', 403, 'Resource not accessible by integration', ''],
    ['no-artifacts-403', 403, 'no artifacts found', ''],
    [
      'no-artifacts-404',
      404,
      'no artifacts found',
      ' GitHub Enterprise Server versions without artifact metadata answer 404 here too.'
    ]
  ]

  it.each(cases)(
    '%s: gives the artifact-metadata permission hint',
    async (access, status, message, extra) => {
      seedBuild()
      stands.github.configureOrg('acme', { deploymentRecords: access })
      const result = await stands.run({
        inputs: { 'deployment-environment': 'production', 'display-name': 'app.jar' }
      })

      expect(result.exitCode).toBe(1)
      expect(result.errors).toEqual([
        `POST ${RECORD_PATH} for build/app.jar (production) failed: ${status}: ${message}. ${PERMISSION_HINT}${extra}`
      ])
      expect(stands.github.deploymentRecords()).toEqual([])
    }
  )

  it('gives the hint for a repository owned by a user account', async () => {
    seedBuild()
    stands.github.configureOrg('acme', { type: 'User' })
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'display-name': 'app.jar' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`failed: 404: Not Found. ${PERMISSION_HINT}`)
  })
})

describe('dry run', () => {
  it('prints each record body and writes none', async () => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', 'dry-run': 'true', cluster: 'prod-eks' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const prefix = `Dry run: POST ${stands.github.url}${RECORD_PATH}`
    const bodies = dryRunBodies(result.stdout, prefix) as Array<Record<string, unknown>>
    expect(bodies.sort((a, b) => String(a.name).localeCompare(String(b.name)))).toEqual([
      appBody({ cluster: 'prod-eks' }),
      apiBody({ cluster: 'prod-eks' })
    ])
    expect(result.stdout).toContain(`::group::${prefix} (build/app.jar)`)
    expect(result.stdout).toContain(`::group::${prefix} (ghcr.io/acme/api:1.2)`)
    expect(stands.github.requests).toEqual([])
    expect(stands.github.deploymentRecords()).toEqual([])
    expect(stands.kosli.writes()).toEqual([])
    expect(result.outputs['deployment-record-ids']).toBeUndefined()
    expect(result.summary).toContain('| app-app.jar | deployed | ✅ COMPLIANT | dry run |')
  })
})

describe('invalid deployment input', () => {
  const long = (n: number): string => 'x'.repeat(n)
  const shown = (value: string): string =>
    JSON.stringify(
      value.length > 80 ? `${value.slice(0, 80)}… (${value.length} characters)` : value
    )
  const sixTags = 'a=1\nb=2\nc=3\nd=4\ne=5\nf=6'
  const cases: Array<[string, string, string]> = [
    ['physical-environment', long(129), 'at most 128 characters'],
    ['deployment-tags', sixTags, 'at most 5 key=value lines'],
    [
      'runtime-risks',
      'internet-exposed, everything',
      'a comma-separated list of critical-resource, internet-exposed, lateral-movement, sensitive-data'
    ],
    [
      'runtime-risks',
      'critical-resource,internet-exposed,lateral-movement,sensitive-data,critical-resource',
      'each runtime risk once'
    ],
    ['runtime-risks', 'internet-exposed,internet-exposed', 'each runtime risk once'],
    ['deployment-status', 'rolled-back', 'one of deployed, decommissioned'],
    ['deployment-version', long(101), 'at most 100 characters'],
    [
      'github-org',
      'acme corp',
      'a GitHub organization login matching ^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$'
    ]
  ]

  it.each(cases)('%s %j fails before any request', async (name, value, expected) => {
    seedBuild()
    const result = await stands.run({
      inputs: { 'deployment-environment': 'production', [name]: value }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `Invalid input: '${name}': given ${shown(value)}; expected ${expected}`
    ])
    expect(allRequests(stands)).toEqual([])
  })
})

// Approvals end to end: the action runs as dist/index.js against both stand-ins.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RecordedRequest } from '../../test-support/http-stand-in.js'
import {
  RUN_URL,
  allRequests,
  dryRunBodies,
  fingerprintOf,
  resetStandIns
} from './deploy-helpers.js'
import { type StandIns, startStandIns } from '../../test-support/stand-ins.js'

// Approval numbers link to the artifact's Kosli page; most assertions read the plain text.
const unlinked = (summary: string): string => summary.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')

const HISTORY = 305
const APP = fingerprintOf('app.jar at head')
const OLD_APP = fingerprintOf('app.jar four commits in')
const WEB = fingerprintOf('web.tar at head')

let stands: StandIns
let shas: string[]
let head: string

beforeAll(async () => {
  stands = await startStandIns(HISTORY)
  shas = stands.shas
  head = shas[shas.length - 1]
})

afterAll(async () => {
  await stands.close()
})

beforeEach(() => {
  resetStandIns(stands)
})

function approvalPosts(): RecordedRequest[] {
  return stands.kosli.requests.filter(
    r => r.method === 'POST' && r.path === '/api/v2/approvals/acme/app'
  )
}

function approvalListPages(): string[] {
  return stands.kosli.requests
    .filter(r => r.method === 'GET' && r.path === '/api/v2/approvals/acme/app')
    .map(r => `${r.query.page}/${r.query.per_page}`)
}

function seedHeadArtifact(fingerprint = APP, filename = 'app.jar'): void {
  stands.kosli.seedArtifact({ fingerprint, filename, git_commit: head })
}

/** An artifact built at shas[index], approved for the environment with the CLI's newest-first list. */
function seedApprovedBuild(index: number, environment = 'production'): number {
  stands.kosli.seedArtifact({ fingerprint: OLD_APP, filename: 'app.jar', git_commit: shas[index] })
  return stands.kosli.seedApproval({
    artifact_fingerprint: OLD_APP,
    environment,
    src_commit_list: [shas[index], shas[index - 1], shas[index - 2]],
    oldest_commit: shas[index - 3]
  }).release_number
}

/** shas[from..to], newest first. */
function newestFirst(from: number, to: number): string[] {
  return shas.slice(from, to + 1).reverse()
}

function approvedEntry(comment = 'Approved in CI run 42', by = 'octocat', url = RUN_URL): object {
  return { state: 'APPROVED', comment, approved_by: by, approval_url: url }
}

describe('approve', () => {
  it('with no earlier approval covers only the commit and leaves oldest_commit out', async () => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approved in CI run 42',
        src_commit_list: [head],
        environment: 'production',
        approvals: [approvedEntry()]
      }
    ])
    expect(stands.kosli.approvals()).toMatchObject([
      {
        release_number: 1,
        artifact_fingerprint: APP,
        environment: 'production',
        state: 'APPROVED',
        src_commit_list: [head],
        oldest_commit: null
      }
    ])
    expect(result.outputs['approval-number']).toBe('1')
    // Nothing is reported and no commit range is asked for.
    expect(stands.kosli.requests.filter(r => r.path === '/api/v2/artifacts/acme/app')).toEqual([])
    expect(stands.github.requests.filter(r => r.path.includes('/compare/'))).toEqual([])
  })

  it('defaults the approver to the actor, the description to the run and the URL to the run', async () => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' },
      github: {
        actor: 'release-manager',
        workflow: 'Release',
        runNumber: '17',
        runId: '555000111',
        runAttempt: '2'
      }
    })

    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => (r.body as { approvals: unknown }).approvals)).toEqual([
      [
        approvedEntry(
          'Approved in Release run 17',
          'release-manager',
          'https://github.com/acme/app/actions/runs/555000111/attempts/2'
        )
      ]
    ])
    expect(approvalPosts().map(r => (r.body as { description: unknown }).description)).toEqual([
      'Approved in Release run 17'
    ])
  })

  it('takes approver and approval-description when given', async () => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: {
        approval: 'approve',
        'approval-environment': 'production',
        approver: 'jane@example.com',
        'approval-description': 'CAB-1234 signed off'
      }
    })

    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'CAB-1234 signed off',
        src_commit_list: [head],
        environment: 'production',
        approvals: [approvedEntry('CAB-1234 signed off', 'jane@example.com')]
      }
    ])
  })

  it('finds the previous approval on the second page, behind other environments', async () => {
    const previous = seedApprovedBuild(300)
    for (let i = 0; i < 55; i++) {
      stands.kosli.seedApproval({
        artifact_fingerprint: fingerprintOf(`staging ${i}`),
        environment: 'staging',
        src_commit_list: [shas[i]]
      })
    }
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(previous).toBe(1)
    // Page 1 holds 50 staging approvals; page 2 the last 5 and the production one.
    expect(approvalListPages().slice(0, 2)).toEqual(['1/50', '2/50'])
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approved in CI run 42',
        src_commit_list: newestFirst(301, 304),
        environment: 'production',
        oldest_commit: shas[300],
        approvals: [approvedEntry()]
      }
    ])
    expect(result.outputs['approval-number']).toBe('57')
  })

  it('covers 300 commits since the previous approval, paging the compare API', async () => {
    seedApprovedBuild(4)
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const [body] = approvalPosts().map(
      r => r.body as { src_commit_list: string[]; oldest_commit: string }
    )
    expect(body.src_commit_list).toHaveLength(300)
    expect(body.src_commit_list).toEqual(newestFirst(5, 304))
    expect(body.src_commit_list[0]).toBe(head)
    expect(body.oldest_commit).toBe(shas[4])
    const compares = stands.github.requests.filter(r => r.path.includes('/compare/'))
    expect(compares.some(r => r.query.page === '2')).toBe(true)
    expect(stands.kosli.approvals()[1]).toMatchObject({
      release_number: 2,
      src_commit_list: newestFirst(5, 304),
      oldest_commit: shas[4]
    })
    expect(unlinked(result.summary)).toContain(
      `| app.jar | #2 | APPROVED | production | 300 after ${shas[4].slice(0, 7)} |`
    )
  })

  it("takes the previous approval's commit from Kosli's record of its artifact", async () => {
    // The approval's own commit list says nothing about where it ends: the artifact's git_commit does.
    stands.kosli.seedArtifact({ fingerprint: OLD_APP, filename: 'app.jar', git_commit: shas[299] })
    stands.kosli.seedApproval({
      artifact_fingerprint: OLD_APP,
      environment: 'production',
      src_commit_list: [shas[10], shas[11]]
    })
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toMatchObject([
      { src_commit_list: newestFirst(300, 304), oldest_commit: shas[299] }
    ])
    expect(
      stands.kosli.requests.filter(
        r => r.method === 'GET' && r.path === `/api/v2/artifacts/acme/app/fingerprint/${OLD_APP}`
      )
    ).toHaveLength(1)
  })

  it('skips newer PENDING and UNAPPROVED approvals: the base is the last APPROVED one', async () => {
    seedApprovedBuild(300)
    // Newer than the approved build, for the same environment, but never approved.
    for (const [label, index, state] of [
      ['pending build', 302, 'PENDING'],
      ['rejected build', 303, 'UNAPPROVED']
    ] as const) {
      const fingerprint = fingerprintOf(label)
      stands.kosli.seedArtifact({ fingerprint, git_commit: shas[index] })
      stands.kosli.seedApproval({
        artifact_fingerprint: fingerprint,
        environment: 'production',
        state,
        src_commit_list: [shas[index]]
      })
    }
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(stands.kosli.approvals().map(a => a.state)).toEqual([
      'APPROVED',
      'PENDING',
      'UNAPPROVED',
      'APPROVED'
    ])
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approved in CI run 42',
        src_commit_list: newestFirst(301, 304),
        environment: 'production',
        oldest_commit: shas[300],
        approvals: [approvedEntry()]
      }
    ])
  })

  it('covers only the commit when the environment has only pending and unapproved items', async () => {
    for (const state of ['PENDING', 'UNAPPROVED'] as const) {
      const fingerprint = fingerprintOf(`${state} build`)
      stands.kosli.seedArtifact({ fingerprint, git_commit: shas[302] })
      stands.kosli.seedApproval({
        artifact_fingerprint: fingerprint,
        environment: 'production',
        state
      })
    }
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toMatchObject([{ src_commit_list: [head] }])
    expect(approvalPosts()[0].body).not.toHaveProperty('oldest_commit')
  })

  it('keeps paging when the server caps pages below per_page: the base is on page 3 of 7', async () => {
    stands.kosli.setMaxPerPage(7)
    const previous = seedApprovedBuild(300)
    // 16 newer items: other environments, and requests here that were never approved.
    for (let i = 0; i < 16; i++) {
      const fingerprint = fingerprintOf(`newer ${i}`)
      stands.kosli.seedArtifact({ fingerprint, git_commit: shas[i] })
      stands.kosli.seedApproval({
        artifact_fingerprint: fingerprint,
        environment: i % 2 === 0 ? 'staging' : 'production',
        state: i % 2 === 0 ? 'APPROVED' : i % 4 === 1 ? 'PENDING' : 'UNAPPROVED',
        src_commit_list: [shas[i]]
      })
    }
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(previous).toBe(1)
    // Every page held 7 of the 50 asked for; the walk stops on page 3, where the base is.
    expect(approvalListPages().slice(0, 3)).toEqual(['1/50', '2/50', '3/50'])
    expect(approvalPosts().map(r => r.body)).toMatchObject([
      { src_commit_list: newestFirst(301, 304), oldest_commit: shas[300] }
    ])
    expect(result.outputs['approval-number']).toBe('18')
  })

  it('ends the walk at a page shorter than the largest seen, not at one shorter than asked', async () => {
    stands.kosli.setMaxPerPage(7)
    for (let i = 0; i < 10; i++) {
      stands.kosli.seedApproval({
        artifact_fingerprint: fingerprintOf(`staging ${i}`),
        environment: 'staging',
        src_commit_list: [shas[i]]
      })
    }
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    // 7, then 3: the end. No approval here before: only the commit is covered.
    expect(approvalListPages().slice(0, 2)).toEqual(['1/50', '2/50'])
    expect(approvalListPages().filter(page => page.startsWith('3/'))).toEqual([])
    expect(approvalPosts().map(r => r.body)).toMatchObject([{ src_commit_list: [head] }])
  })

  it("fails naming the approval when Kosli holds no commit for the base's artifact", async () => {
    const missing = fingerprintOf('never reported here')
    stands.kosli.seedApproval({ artifact_fingerprint: missing, environment: 'production' })
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `The commit range starts at approval #1, but its artifact ${missing} is not in flow "app": give oldest-commit explicitly.`
    ])
    expect(approvalPosts()).toEqual([])
  })

  it('lets an explicit oldest-commit win over the previous approval', async () => {
    seedApprovedBuild(4)
    seedHeadArtifact()

    const result = await stands.run({
      inputs: {
        approval: 'approve',
        'approval-environment': 'production',
        'oldest-commit': shas[301].toUpperCase()
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approved in CI run 42',
        src_commit_list: newestFirst(302, 304),
        environment: 'production',
        oldest_commit: shas[301],
        approvals: [approvedEntry()]
      }
    ])
  })

  it('creates nothing when re-run: the approval is reused with the same number', async () => {
    seedApprovedBuild(300)
    seedHeadArtifact()
    const inputs = { approval: 'approve', 'approval-environment': 'production' }

    const first = await stands.run({ inputs })
    expect(first.exitCode).toBe(0)
    expect(first.outputs['approval-number']).toBe('2')
    const postsAfterFirst = approvalPosts().length

    const second = await stands.run({ inputs })
    expect(second.errors).toEqual([])
    expect(second.exitCode).toBe(0)
    expect(approvalPosts()).toHaveLength(postsAfterFirst)
    expect(stands.kosli.approvals()).toHaveLength(2)
    expect(second.outputs['approval-number']).toBe('2')
    expect(unlinked(second.summary)).toContain(
      '| app.jar | #2 (reused) | APPROVED | production | 4 |'
    )
  })

  it('approves an artifact again for an environment after another one was approved there', async () => {
    seedHeadArtifact()
    const inputs = { approval: 'approve', 'approval-environment': 'production' }
    expect((await stands.run({ inputs })).exitCode).toBe(0)
    // Another environment's approval of the same artifact is no reuse for this one.
    const staging = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'staging' }
    })
    expect(staging.exitCode).toBe(0)
    expect(staging.outputs['approval-number']).toBe('2')
    expect(stands.kosli.approvals().map(a => [a.release_number, a.environment])).toEqual([
      [1, 'production'],
      [2, 'staging']
    ])
  })

  it('approves a pending request instead of reusing it', async () => {
    seedHeadArtifact()
    const request = await stands.run({
      inputs: { approval: 'request', 'approval-environment': 'production' }
    })
    expect(request.exitCode).toBe(0)
    const approve = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(approve.exitCode).toBe(0)
    expect(stands.kosli.approvals().map(a => [a.release_number, a.state])).toEqual([
      [1, 'PENDING'],
      [2, 'APPROVED']
    ])
    expect(approve.outputs['approval-number']).toBe('2')
  })
})

describe('request', () => {
  it('creates a pending request with an empty approvals list', async () => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: { approval: 'request', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(approvalPosts().map(r => r.body)).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approval requested in CI run 42',
        src_commit_list: [head],
        environment: 'production',
        approvals: []
      }
    ])
    expect(stands.kosli.approvals()).toMatchObject([
      { release_number: 1, state: 'PENDING', approvals: [] }
    ])
    expect(result.outputs['approval-number']).toBe('1')
    expect(unlinked(result.summary)).toContain('| app.jar | #1 | PENDING | production | 1 |')
  })

  it('reuses a pending request when the request is re-run', async () => {
    seedHeadArtifact()
    const inputs = { approval: 'request', 'approval-environment': 'production' }
    expect((await stands.run({ inputs })).exitCode).toBe(0)
    const again = await stands.run({ inputs })

    expect(again.exitCode).toBe(0)
    expect(approvalPosts()).toHaveLength(1)
    expect(again.outputs['approval-number']).toBe('1')
  })

  it('requests again after an approval: only an approval in the state it would create is reused', async () => {
    seedHeadArtifact()
    const approve = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })
    expect(approve.exitCode).toBe(0)
    const request = await stands.run({
      inputs: { approval: 'request', 'approval-environment': 'production' }
    })

    expect(request.errors).toEqual([])
    expect(request.exitCode).toBe(0)
    expect(stands.kosli.approvals().map(a => [a.release_number, a.state])).toEqual([
      [1, 'APPROVED'],
      [2, 'PENDING']
    ])
    expect(request.outputs['approval-number']).toBe('2')
  })
})

describe('the artifacts to approve', () => {
  it('are the artifacts Kosli holds for the commit when no artifact is given', async () => {
    seedApprovedBuild(300)
    seedHeadArtifact(APP, 'build/app.jar')
    seedHeadArtifact(WEB, 'web.tar')
    // Built from another commit: not approved here.
    stands.kosli.seedArtifact({ fingerprint: fingerprintOf('other'), git_commit: shas[302] })

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    const lookups = stands.kosli.requests.filter(
      r => r.method === 'GET' && r.path === `/api/v2/artifacts/acme/app/commit_sha/${head}`
    )
    expect(lookups.length).toBeGreaterThan(0)
    // Both approvals cover the commits since the approval before this step.
    const covered = {
      description: 'Approved in CI run 42',
      src_commit_list: newestFirst(301, 304),
      environment: 'production',
      oldest_commit: shas[300],
      approvals: [approvedEntry()]
    }
    expect(approvalPosts().map(r => r.body)).toEqual([
      { artifact_fingerprint: APP, ...covered },
      { artifact_fingerprint: WEB, ...covered }
    ])
    expect(result.outputs['approval-number']).toBe('2')
    expect(unlinked(result.summary)).toContain(
      `| build/app.jar | #2 | APPROVED | production | 4 after ${shas[300].slice(0, 7)} |`
    )
    expect(unlinked(result.summary)).toContain(
      `| web.tar | #3 | APPROVED | production | 4 after ${shas[300].slice(0, 7)} |`
    )
  })

  it('creates nothing for several artifacts when re-run', async () => {
    seedApprovedBuild(300)
    seedHeadArtifact(APP, 'build/app.jar')
    seedHeadArtifact(WEB, 'web.tar')
    const inputs = { approval: 'approve', 'approval-environment': 'production' }

    expect((await stands.run({ inputs })).exitCode).toBe(0)
    expect(stands.kosli.approvals()).toHaveLength(3)
    const again = await stands.run({ inputs })

    expect(again.errors).toEqual([])
    expect(again.exitCode).toBe(0)
    expect(stands.kosli.approvals()).toHaveLength(3)
    expect(again.outputs['approval-number']).toBe('2')
    expect(unlinked(again.summary)).toContain('| build/app.jar | #2 (reused) |')
    expect(unlinked(again.summary)).toContain('| web.tar | #3 (reused) |')
  })

  it('is the artifact reported in the same step: reported first, then approved', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'approve-e2e-'))
    try {
      await mkdir(join(workspace, 'build'))
      await writeFile(join(workspace, 'build', 'app.jar'), 'the jar')
      const fingerprint = createHash('sha256').update('the jar').digest('hex')

      const result = await stands.run({
        cwd: workspace,
        inputs: {
          artifact: 'build/app.jar',
          approval: 'approve',
          'approval-environment': 'production'
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(stands.kosli.writes().map(r => `${r.method} ${r.path}`)).toEqual([
        'POST /api/v2/artifacts/acme/app',
        'POST /api/v2/approvals/acme/app'
      ])
      expect(approvalPosts().map(r => r.body)).toEqual([
        {
          artifact_fingerprint: fingerprint,
          description: 'Approved in CI run 42',
          src_commit_list: [head],
          environment: 'production',
          approvals: [approvedEntry()]
        }
      ])
      expect(result.outputs.fingerprint).toBe(fingerprint)
      expect(result.outputs['approval-number']).toBe('1')
    } finally {
      await rm(workspace, { recursive: true, force: true })
    }
  })

  it('creates one approval for two paths with the same content', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'approve-e2e-'))
    try {
      await mkdir(join(workspace, 'build'))
      await writeFile(join(workspace, 'build', 'a.jar'), 'same bytes')
      await writeFile(join(workspace, 'build', 'b.jar'), 'same bytes')
      const fingerprint = createHash('sha256').update('same bytes').digest('hex')

      const result = await stands.run({
        cwd: workspace,
        inputs: {
          artifact: 'build/*.jar',
          approval: 'approve',
          'approval-environment': 'production'
        }
      })

      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(
        approvalPosts().map(r => (r.body as { artifact_fingerprint: string }).artifact_fingerprint)
      ).toEqual([fingerprint])
      expect(unlinked(result.summary)).toContain('| build/a.jar | #1 | APPROVED | production | 1 |')
      expect(unlinked(result.summary)).toContain(
        '| build/b.jar | #1 (reused) | APPROVED | production | 1 |'
      )
    } finally {
      await rm(workspace, { recursive: true, force: true })
    }
  })

  it('is a given fingerprint, which is reported and approved', async () => {
    const result = await stands.run({
      inputs: {
        fingerprint: `sha256:${APP.toUpperCase()}`,
        'display-name': 'app.jar',
        approval: 'approve',
        'approval-environment': 'production'
      }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(stands.kosli.artifact(APP)?.filename).toBe('app.jar')
    expect(
      approvalPosts().map(r => (r.body as { artifact_fingerprint: string }).artifact_fingerprint)
    ).toEqual([APP])
  })

  it('fails clearly when Kosli holds no artifact for the commit, creating nothing', async () => {
    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([
      `No artifact was found in Kosli flow "app" for commit ${head}. Report the artifact from the build job first, or give artifact or fingerprint.`
    ])
    expect(stands.kosli.writes()).toEqual([])
  })
})

describe('dry run', () => {
  it('prints the approval body and creates nothing', async () => {
    seedApprovedBuild(300)
    seedHeadArtifact()

    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production', 'dry-run': 'true' }
    })

    expect(result.errors).toEqual([])
    expect(result.exitCode).toBe(0)
    expect(dryRunBodies(result.stdout, 'Dry run: POST ')).toEqual([
      {
        artifact_fingerprint: APP,
        description: 'Approved in CI run 42',
        src_commit_list: newestFirst(301, 304),
        environment: 'production',
        oldest_commit: shas[300],
        approvals: [approvedEntry()]
      }
    ])
    expect(result.stdout).toContain(
      `::group::Dry run: POST ${stands.kosli.url}/api/v2/approvals/acme/app`
    )
    expect(approvalPosts()).toEqual([])
    expect(stands.kosli.writes()).toEqual([])
    expect(stands.kosli.approvals()).toHaveLength(1)
    expect(result.outputs['approval-number']).toBeUndefined()
    expect(unlinked(result.summary)).toContain('| app.jar | dry run | APPROVED | production |')
  })
})

describe('invalid input', () => {
  it.each([
    [
      { approval: 'maybe' },
      `Invalid input: 'approval': given "maybe"; expected one of none, approve, request`
    ],
    [
      { approval: 'approve', 'oldest-commit': 'abc' },
      `Invalid input: 'oldest-commit': given "abc"; expected a full 40-character hex git commit sha`
    ]
  ])('%j fails before any request', async (inputs, message) => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: { 'approval-environment': 'production', ...inputs }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toEqual([message])
    expect(allRequests(stands)).toEqual([])
  })

  it('fails before any request when approving from Kosli in a dry run without api-token', async () => {
    seedHeadArtifact()
    const result = await stands.run({
      inputs: {
        approval: 'approve',
        'approval-environment': 'production',
        'dry-run': 'true',
        'api-token': ''
      }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`'api-token': given nothing`)
    expect(allRequests(stands)).toEqual([])
  })

  it('fails before any request when approving a given fingerprint in a dry run without api-token', async () => {
    const result = await stands.run({
      inputs: {
        fingerprint: APP,
        approval: 'approve',
        'approval-environment': 'production',
        'dry-run': 'true',
        'api-token': ''
      }
    })

    expect(result.exitCode).toBe(1)
    expect(result.errors).toHaveLength(1)
    expect(result.errors[0]).toContain(`'api-token': given nothing`)
    expect(allRequests(stands)).toEqual([])
  })
})

describe('job summary', () => {
  it('shows the approval: number, state, environment and commits covered', async () => {
    seedApprovedBuild(300)
    seedHeadArtifact()
    const result = await stands.run({
      inputs: { approval: 'approve', 'approval-environment': 'production' }
    })

    expect(result.exitCode).toBe(0)
    expect(unlinked(result.summary)).toContain('### Approvals')
    expect(unlinked(result.summary)).toContain(
      '| Artifact | Approval | State | Environment | Commits covered |'
    )
    expect(unlinked(result.summary)).toContain(
      `| app.jar | #2 | APPROVED | production | 4 after ${shas[300].slice(0, 7)} |`
    )
    expect(result.summary).toContain(
      `| [#2](${stands.kosli.url}/acme/flows/app/artifacts/${APP}) |`
    )
  })
})

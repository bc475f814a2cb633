import { describe, expect, it } from '@jest/globals'
import {
  type CodeReviewInput,
  type DeploymentApprovalInput,
  type PullFact,
  codeReviewRecord,
  deploymentApprovalRecord
} from '../../src/evidence/approval-records.js'

const RUN = 'https://github.com/acme/app/actions/runs/7/attempts/1'

function approval(over: Partial<DeploymentApprovalInput> = {}): DeploymentApprovalInput {
  return {
    environment: 'production',
    reviews: [],
    runUrl: RUN,
    runAttempt: 1,
    actor: 'dev',
    triggeringActor: 'dev',
    requiredApprovals: 1,
    allowSelfApproval: false,
    ...over
  }
}
const review = (
  reviewer: string,
  state: 'approved' | 'rejected' | 'pending',
  envs = ['production']
) => ({
  environments: envs,
  state,
  reviewer,
  comment: `${state} by ${reviewer}`
})

describe('deployment-approval record', () => {
  it('has exactly the contract keys, schema_version 1, and is compliant with one approval', () => {
    const r = deploymentApprovalRecord(approval({ reviews: [review('ann', 'approved')] }))
    expect(Object.keys(r).sort()).toEqual(
      [
        'schema_version',
        'github_environment',
        'run_url',
        'run_attempt',
        'actor',
        'triggering_actor',
        'required_approvals',
        'reviews',
        'compliant',
        'reasons'
      ].sort()
    )
    expect(r).toMatchObject({
      schema_version: 1,
      github_environment: 'production',
      run_url: RUN,
      run_attempt: 1,
      compliant: true,
      reasons: [],
      reviews: [
        {
          reviewer: 'ann',
          state: 'approved',
          comment: 'approved by ann',
          counted: true,
          not_counted_because: null
        }
      ]
    })
  })

  it('a rejection fails the first attempt only; a later attempt ran because it was approved again', () => {
    const reviews = [review('ann', 'rejected'), review('bob', 'approved')]
    const first = deploymentApprovalRecord(approval({ reviews }))
    expect(first.compliant).toBe(false)
    expect(first.reasons.join(' ')).toContain('Rejected by ann')
    expect(first.reviews[0]).toMatchObject({ counted: false, not_counted_because: 'rejected' })
    const later = deploymentApprovalRecord(approval({ reviews, runAttempt: 2 }))
    expect(later.compliant).toBe(true)
    expect(later.reviews[0]).toMatchObject({ counted: false, not_counted_because: 'rejected' })
  })

  it('pending entries are listed, never counted', () => {
    const r = deploymentApprovalRecord(approval({ reviews: [review('ann', 'pending')] }))
    expect(r.compliant).toBe(false)
    expect(r.reviews[0]).toMatchObject({ counted: false, not_counted_because: 'pending' })
    expect(r.reasons.join(' ')).toContain('0 of 1 required approvals')
  })

  it('the actor or the one who re-ran it counts only with allow-self-approval', () => {
    for (const who of [{ actor: 'ann' }, { triggeringActor: 'ann' }]) {
      const r = deploymentApprovalRecord(approval({ ...who, reviews: [review('ann', 'approved')] }))
      expect(r.compliant).toBe(false)
      expect(r.reviews[0].not_counted_because).toBe('self-approval')
      expect(r.reasons[0]).toContain('allow-self-approval')
    }
    const allowed = deploymentApprovalRecord(
      approval({ actor: 'ann', allowSelfApproval: true, reviews: [review('ann', 'approved')] })
    )
    expect(allowed.compliant).toBe(true)
  })

  it('two required: distinct reviewers, one given twice is one', () => {
    const r = deploymentApprovalRecord(
      approval({
        requiredApprovals: 2,
        reviews: [review('ann', 'approved'), review('ann', 'approved')]
      })
    )
    expect(r.compliant).toBe(false)
    expect(r.reasons[0]).toContain('1 of 2 required approvals')
    const two = deploymentApprovalRecord(
      approval({
        requiredApprovals: 2,
        reviews: [review('ann', 'approved'), review('bob', 'approved')]
      })
    )
    expect(two.compliant).toBe(true)
  })

  it('reviews only for other environments: non-compliant, naming the environments the run names', () => {
    const r = deploymentApprovalRecord(
      approval({ reviews: [review('ann', 'approved', ['staging', 'prod'])] })
    )
    expect(r.compliant).toBe(false)
    expect(r.reviews).toEqual([])
    expect(r.reasons[0]).toContain("'prod', 'staging'")
    expect(r.reasons[0]).toContain('no required reviewers')
    const none = deploymentApprovalRecord(approval())
    expect(none.compliant).toBe(false)
    expect(none.reasons[0]).toContain('no reviews at all')
  })
})

const sha = (n: number) => n.toString(16).padStart(40, '0')
function commit(n: number, login = 'dev') {
  return { sha: sha(n), headline: `Change ${n}`, author: `Dev <dev@x>`, authorUsername: login }
}
function pull(
  number: number,
  shas: number[],
  options: {
    author?: string
    approvers?: string[]
    merged?: boolean
    mergeSha?: number
    commitLogin?: string
    changes?: string[]
  } = {}
): PullFact {
  const merged = options.merged ?? true
  return {
    pull: {
      number,
      html_url: `https://github.com/acme/app/pull/${number}`,
      state: merged ? 'closed' : 'open',
      title: `PR ${number}`,
      user: { login: options.author ?? 'dev' },
      created_at: '2024-05-01T10:00:00Z',
      merged_at: merged ? '2024-05-02T10:00:00Z' : null,
      merge_commit_sha: options.mergeSha === undefined ? sha(9000 + number) : sha(options.mergeSha),
      head: { ref: `f${number}` },
      base: { ref: 'main' }
    },
    reviews: [
      ...(options.approvers ?? ['rev']).map(login => ({
        user: { login },
        state: 'APPROVED',
        submitted_at: '2024-05-01T11:00:00Z'
      })),
      ...(options.changes ?? []).map(login => ({
        user: { login },
        state: 'CHANGES_REQUESTED',
        submitted_at: '2024-05-01T12:00:00Z'
      }))
    ],
    commits: shas.map(n => ({
      sha: sha(n),
      author: { login: options.commitLogin ?? 'dev' },
      commit: {
        message: `Change ${n}`,
        author: { name: 'Dev', email: 'dev@x', date: '2024-05-01T09:00:00Z' }
      }
    }))
  }
}
function range(over: Partial<CodeReviewInput>): CodeReviewInput {
  return {
    base: sha(0),
    baseSource: { kind: 'input' },
    head: sha(3),
    commits: [commit(1), commit(2), commit(3)],
    pulls: [],
    associated: new Map(),
    requiredApprovals: 1,
    notes: [],
    ...over
  }
}

describe('code-review record', () => {
  it('has exactly the contract keys and is compliant when every commit is in an approved merged pull request', () => {
    const { record, compliant } = codeReviewRecord(
      range({ pulls: [pull(1, [1, 2], { mergeSha: 3 })] })
    )
    expect(compliant).toBe(true)
    expect(Object.keys(record).sort()).toEqual(
      [
        'schema_version',
        'base',
        'base_source',
        'head',
        'commits',
        'reviewed',
        'unreviewed',
        'pull_requests',
        'required_approvals',
        'notes'
      ].sort()
    )
    expect(record).toMatchObject({
      schema_version: 1,
      commits: 3,
      reviewed: 3,
      unreviewed: [],
      pull_requests: [
        {
          number: 1,
          url: 'https://github.com/acme/app/pull/1',
          author: 'dev',
          approvers: ['rev'],
          merged_at: 1714644000,
          commits_listed: 2
        }
      ]
    })
    expect(Object.keys(record.pull_requests[0]).sort()).toEqual([
      'approvers',
      'author',
      'commits_listed',
      'merged_at',
      'number',
      'url'
    ])
  })

  it('names each unreviewed commit with its reason: pushed directly, open, author approved, superseded', () => {
    const { record, compliant, unreviewed } = codeReviewRecord(
      range({
        commits: [commit(1), commit(2), commit(3), commit(4), commit(5)],
        pulls: [
          pull(1, [2], { merged: false }),
          pull(2, [3], { approvers: ['dev'] }),
          pull(3, [4], { approvers: ['rev'], changes: ['rev'] }),
          pull(4, [5], { approvers: ['carol'], commitLogin: 'carol', author: 'dev' })
        ]
      })
    )
    expect(compliant).toBe(false)
    expect(record.reviewed).toBe(0)
    expect(Object.keys(record.unreviewed[0]).sort()).toEqual([
      'author',
      'author_username',
      'headline',
      'reason',
      'sha'
    ])
    expect(unreviewed.map(u => [u.sha, u.reason])).toEqual([
      [sha(1), 'pushed directly: no pull request contains it'],
      [sha(2), 'only in pull requests that are not merged (#1 open)'],
      [sha(3), expect.stringContaining('dev approved but authored it')],
      [sha(4), expect.stringContaining('#3 has 0 of 1')],
      [sha(5), expect.stringContaining('carol approved but authored it')]
    ])
  })

  it('a commit GitHub associates with a merged pull request (a rebase merge) is judged by it', () => {
    const { compliant } = codeReviewRecord(
      range({
        commits: [commit(1)],
        pulls: [pull(7, [100])],
        associated: new Map([[sha(1), [7]]])
      })
    )
    expect(compliant).toBe(true)
  })

  it('an empty range is compliant; the notes are kept', () => {
    const { record, compliant } = codeReviewRecord(
      range({ commits: [], notes: ['rollback: the head is behind the base'] })
    )
    expect(compliant).toBe(true)
    expect(record.notes).toEqual(['rollback: the head is behind the base'])
  })

  it('two required approvals need two independent approvers', () => {
    const one = codeReviewRecord(
      range({
        commits: [commit(1)],
        requiredApprovals: 2,
        pulls: [pull(1, [1], { approvers: ['a'] })]
      })
    )
    expect(one.compliant).toBe(false)
    const two = codeReviewRecord(
      range({
        commits: [commit(1)],
        requiredApprovals: 2,
        pulls: [pull(1, [1], { approvers: ['a', 'b'] })]
      })
    )
    expect(two.compliant).toBe(true)
  })

  it('notes a pull request judged on the 250 commits GitHub lists, and caps lists at 1,000', () => {
    const big = pull(
      1,
      Array.from({ length: 250 }, (_, i) => i + 10)
    )
    const many = Array.from({ length: 1001 }, (_, i) => commit(i + 5000))
    const { record, unreviewed } = codeReviewRecord(range({ commits: many, pulls: [big] }))
    // Exactly 250 may be all of its commits: the note does not claim there are more.
    expect(record.notes).toContain(
      'Pull request #1 lists 250 commits, the most GitHub lists; if it has more, it is judged on those 250.'
    )
    expect(record.notes.join(' ')).not.toContain('has more commits than')
    expect(record.unreviewed).toHaveLength(1000)
    expect(unreviewed).toHaveLength(1001)
    expect(record.notes.join(' ')).toContain('first 1000 of 1001')
  })
})

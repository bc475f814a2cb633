// attest/ deployment-approval and code-review, bundled, against the Kosli and GitHub stand-ins:
// who approved the run's deployment, and whether every commit since the last deployment was
// reviewed by someone other than its authors; sent as generic or custom:<type>.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  type ActionResult,
  DEFAULT_ACTION_TOKEN,
  type RunActionOptions
} from '../../test-support/run-action.js'
import { OWNER, REPO, type StandIns, startStandIns } from '../../test-support/stand-ins.js'
import { fortyMergedPullRequests, seedReleaseHistory } from '../../test-support/release-history.js'
import { makeWorkspace, removeWorkspace, secretLeaks } from './report-helpers.js'

const RUN_ID = 9876543210
const RUN_CREATED = '2024-06-01T10:00:00Z'
const TRAIL = 'release-1'
const TEMPLATE = {
  version: 1 as const,
  trail: {
    attestations: [
      { name: 'approval', type: 'generic' },
      { name: 'code-review', type: 'generic' }
    ]
  }
}

describe('deployment-approval and code-review (e2e, bundled attest/)', () => {
  let s: StandIns
  let workspace: string
  let results: ActionResult[] = []

  async function attest(inputs: Record<string, string>, options: RunActionOptions = {}) {
    const result = await s.run({
      cwd: workspace,
      subAction: 'attest',
      ...options,
      inputs: { 'max-retries': '0', trail: TRAIL, ...inputs }
    })
    results.push(result)
    return result
  }
  const recorded = () => s.kosli.evidence.attestations()
  const kosliWrites = () => s.kosli.requests.filter(r => r.method !== 'GET')
  const review = (
    login: string | null,
    state: 'approved' | 'rejected' | 'pending',
    environments = ['production']
  ) =>
    s.github.deployments.seedRunReview(OWNER, REPO, RUN_ID, {
      environments,
      state,
      login,
      comment: `${state} by ${login}`
    })

  beforeAll(async () => {
    s = await startStandIns(3)
    workspace = await makeWorkspace({ 'x.txt': 'x' })
  })
  afterAll(async () => {
    await s.close()
    await removeWorkspace(workspace)
  })
  beforeEach(() => {
    s.kosli.reset()
    s.kosli.evidence.seedTrail('acme', 'app', TRAIL, TEMPLATE)
    s.github.clearFaults()
    s.github.setRateLimitRemaining(5000)
    s.github.pulls.reset()
    s.github.deployments.reset()
    s.github.requests.length = 0
    s.github.deployments.seedRun({ owner: OWNER, repo: REPO, id: RUN_ID, createdAt: RUN_CREATED })
  })
  afterEach(() => {
    const ran = results
    results = []
    for (const result of ran) {
      expect(secretLeaks(result, [s.kosli.token, DEFAULT_ACTION_TOKEN])).toEqual([])
    }
  })

  describe('deployment-approval', () => {
    const approval = (inputs: Record<string, string> = {}, options: RunActionOptions = {}) =>
      attest(
        {
          type: 'deployment-approval',
          name: 'approval',
          'github-environment': 'production',
          ...inputs
        },
        options
      )

    it('records an approved run as generic evidence: is_compliant true, the record as user_data', async () => {
      review('ann', 'approved')
      const result = await approval()
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      const [one] = recorded()
      expect(one.kind).toBe('generic')
      expect(one.data.is_compliant).toBe(true)
      const record = one.data.user_data as Record<string, unknown>
      expect(Object.keys(record).sort()).toEqual(
        [
          'actor',
          'compliant',
          'github_environment',
          'reasons',
          'required_approvals',
          'reviews',
          'run_attempt',
          'run_url',
          'schema_version',
          'triggering_actor'
        ].sort()
      )
      expect(record).toMatchObject({
        schema_version: 1,
        github_environment: 'production',
        run_url: `https://github.com/${OWNER}/${REPO}/actions/runs/${RUN_ID}/attempts/1`,
        run_attempt: 1,
        actor: 'octocat',
        compliant: true,
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
      expect(result.outputs.compliant).toBe('true')
      expect(result.summary).toMatch(/Compliant\*\*: ann approved the deployment/)
    })

    it('a rejection on the first attempt is non-compliant; a later attempt ran because it was approved again', async () => {
      review('ann', 'rejected')
      review('bob', 'approved')
      const first = await approval()
      expect(first.exitCode).toBe(0)
      expect(first.outputs.compliant).toBe('false')
      expect(recorded()[0].data.is_compliant).toBe(false)
      s.kosli.reset()
      s.kosli.evidence.seedTrail('acme', 'app', TRAIL, TEMPLATE)
      const later = await approval({}, { github: { runAttempt: '2' } })
      expect(later.outputs.compliant).toBe('true')
      const record = recorded()[0].data.user_data as { reviews: Array<Record<string, unknown>> }
      expect(record.reviews[0]).toMatchObject({ counted: false, not_counted_because: 'rejected' })
    })

    it('pending reviews are listed, never counted; fail-on-non-compliant fails after recording', async () => {
      review('ann', 'pending')
      const result = await approval({ 'fail-on-non-compliant': 'true' })
      expect(result.exitCode).toBe(1)
      expect(recorded()).toHaveLength(1)
      expect(result.errors.join('\n')).toContain('0 of 1 required approvals')
      expect(result.summary).toContain('pending')
    })

    it('a self-approval counts only with allow-self-approval', async () => {
      review('octocat', 'approved')
      expect((await approval()).outputs.compliant).toBe('false')
      expect(
        (recorded()[0].data.user_data as { reviews: Array<Record<string, unknown>> }).reviews[0]
      ).toMatchObject({ counted: false, not_counted_because: 'self-approval' })
      expect((await approval({ 'allow-self-approval': 'true' })).outputs.compliant).toBe('true')
    })

    it('two required but one given is non-compliant', async () => {
      review('ann', 'approved')
      const result = await approval({ 'required-approvals': '2' })
      expect(result.outputs.compliant).toBe('false')
      expect(result.summary).toContain('1 of 2 required approvals')
    })

    it('reviews only for another environment: non-compliant, the warning names the ones reviewed', async () => {
      review('ann', 'approved', ['prod', 'staging'])
      const result = await approval()
      expect(result.outputs.compliant).toBe('false')
      expect(result.warnings.join('\n')).toContain("The run's reviews name: 'prod', 'staging'")
    })

    it('no reviews at all: non-compliant, saying the environment has no required reviewers', async () => {
      const result = await approval()
      expect(result.outputs.compliant).toBe('false')
      expect(result.warnings.join('\n')).toContain('no required reviewers')
      expect(result.warnings.join('\n')).toContain('no reviews at all')
    })

    it('record-as custom:<type> sends the record as attestation_data', async () => {
      s.kosli.evidence.seedCustomType('acme', 'approval-v1')
      review('ann', 'approved')
      const result = await approval({ 'record-as': 'custom:approval-v1' })
      expect(result.errors).toEqual([])
      const [one] = recorded()
      expect(one.type).toBe('custom:approval-v1')
      expect(one.data).toMatchObject({
        type_name: 'approval-v1',
        attestation_data: { schema_version: 1, compliant: true }
      })
      expect(one.data.is_compliant).toBeUndefined()
      expect(result.outputs.compliant).toBe('true')
    })

    it('dry run: reads GitHub, prints the generic data_json with the record, sends nothing', async () => {
      review('ann', 'approved')
      const result = await approval({ 'dry-run': 'true' })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(kosliWrites()).toEqual([])
      expect(result.stdout).toContain('"is_compliant": true')
      expect(result.stdout).toContain('"github_environment": "production"')
      expect(result.outputs.compliant).toBe('true')
    })

    it('a hostile review comment is shown as text in the summary', async () => {
      s.github.deployments.seedRunReview(OWNER, REPO, RUN_ID, {
        environments: ['production'],
        state: 'rejected',
        login: 'ann',
        comment: '<script>x</script> ::error::pwned [y](https://evil.example)'
      })
      const result = await approval()
      expect(result.exitCode).toBe(0)
      expect(result.errors).toEqual([])
      expect(result.summary).toContain('rejected')
      expect(result.summary).toContain('pwned')
      expect(result.summary).not.toMatch(/(?<!\\)<script>/)
      expect(result.summary).not.toMatch(/(?<!\\)\]\(https:\/\/evil/)
    })

    it('GitHub down: fails naming what it could not read and the permission; nothing reaches Kosli', async () => {
      s.github.injectFault({ status: 503 }, { times: Infinity })
      const result = await approval()
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(
        `Could not read the review history of run ${RUN_ID}`
      )
      expect(result.errors.join('\n')).toContain('actions: read')
      expect(kosliWrites()).toEqual([])
    })

    it.each([
      [{ environment: 'production' }, 'did you mean github-environment'],
      [{ 'github-environment': '' }, "'github-environment': given nothing"],
      [{ 'user-data': '{"a":1}' }, "'user-data': given with type deployment-approval"],
      [{ compliant: 'true' }, '\'compliant\': given "true" with type deployment-approval'],
      [{ 'record-as': 'kosli' }, "'record-as'"]
    ])('refuses %j before any request', async (inputs, expected) => {
      const result = await approval(inputs)
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain(expected)
      expect(s.kosli.requests).toEqual([])
      expect(s.github.requests).toEqual([])
    })
  })

  describe('code-review', () => {
    const codeReview = (inputs: Record<string, string> = {}, options: RunActionOptions = {}) =>
      attest({ type: 'code-review', name: 'code-review', ...inputs }, options)

    it('squash, merge and rebase merges, a direct push, an open pull request, an author who approved, a superseded approval', async () => {
      const { base, head, changes } = seedReleaseHistory(s.github, OWNER, REPO, [
        { kind: 'squash', commits: 3 },
        { kind: 'merge', commits: 2 },
        { kind: 'rebase', commits: 2 },
        { kind: 'direct' },
        { kind: 'open' },
        { kind: 'merge', author: 'ann', reviews: [['ann', 'APPROVED']] },
        {
          kind: 'merge',
          reviews: [
            ['rev', 'APPROVED'],
            ['rev', 'CHANGES_REQUESTED']
          ]
        }
      ])
      const result = await codeReview({ 'commits-base': base, 'git-commit': head })
      expect(result.errors).toEqual([])
      expect(result.exitCode).toBe(0)
      expect(result.outputs.compliant).toBe('false')
      expect(result.outputs.commits).toBe('12')
      const unreviewed = JSON.parse(result.outputs.unreviewed) as string[]
      expect(unreviewed.sort()).toEqual(
        [
          ...changes[3].onMain,
          ...changes[4].onMain,
          ...changes[5].onMain,
          ...changes[6].onMain
        ].sort()
      )
      const [one] = recorded()
      expect(one.data.is_compliant).toBe(false)
      const record = one.data.user_data as Record<string, unknown>
      expect(Object.keys(record).sort()).toEqual(
        [
          'base',
          'base_source',
          'commits',
          'head',
          'notes',
          'pull_requests',
          'required_approvals',
          'reviewed',
          'schema_version',
          'unreviewed'
        ].sort()
      )
      expect(record).toMatchObject({
        schema_version: 1,
        base,
        base_source: { kind: 'input' },
        head,
        commits: 12,
        reviewed: 6
      })
      // The verdict first, then each unreviewed commit with its link, headline, author and reason.
      const summary = result.summary
      expect(summary.indexOf('Non-compliant')).toBeLessThan(summary.indexOf('Direct 4.1'))
      expect(summary).toContain(`/commit/${changes[3].onMain[0]}`)
      expect(summary).toContain('pushed directly')
      expect(summary).toContain('ann approved but authored it')
    })

    it('takes the base from the last successful deployment before this run: a deploy job after an approve job, and a re-run, review the same commits', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [
        { kind: 'merge' },
        { kind: 'squash' }
      ])
      const previous = s.github.deployments.seedDeployment({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha: base,
        createdAt: '2024-05-20T10:00:00Z',
        statuses: ['success']
      })
      // This run's own deployment (its approve job deployed already), created after the run.
      s.github.deployments.seedDeployment({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha: head,
        createdAt: '2024-06-01T10:03:00Z',
        statuses: ['success']
      })
      for (const runAttempt of ['1', '2']) {
        s.kosli.reset()
        s.kosli.evidence.seedTrail('acme', 'app', TRAIL, TEMPLATE)
        const result = await codeReview(
          { 'github-environment': 'production', 'git-commit': head },
          { github: { runAttempt } }
        )
        expect(result.errors).toEqual([])
        expect(result.outputs.commits).toBe('3')
        expect(result.outputs.compliant).toBe('true')
        const record = recorded()[0].data.user_data as Record<string, unknown>
        expect(record).toMatchObject({
          base,
          base_source: {
            kind: 'github-deployment',
            deployment_id: previous.id,
            created_at: Date.parse('2024-05-20T10:00:00Z') / 1000
          }
        })
        expect(result.summary).toContain('2024-05-20T10:00:00Z')
      }
    })

    it('first deployment: reviews the head alone and says so', async () => {
      const { head } = seedReleaseHistory(s.github, OWNER, REPO, [{ kind: 'direct' }])
      const result = await codeReview({ 'github-environment': 'production', 'git-commit': head })
      expect(result.outputs.commits).toBe('1')
      const record = recorded()[0].data.user_data as Record<string, unknown>
      expect(record).toMatchObject({ base: null, base_source: null, commits: 1, reviewed: 0 })
      expect((record.notes as string[])[0]).toContain('first deployment')
      expect(result.warnings.join('\n')).toContain(
        "no deployment names the environment 'production'"
      )
    })

    it('a rollback (behind) and an identical head are compliant with nothing to review', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [{ kind: 'direct' }])
      const behind = await codeReview({ 'commits-base': head, 'git-commit': base })
      expect(behind.outputs).toMatchObject({ compliant: 'true', commits: '0', unreviewed: '[]' })
      expect(behind.summary).toContain('rollback')
      const same = await codeReview({ 'commits-base': head, 'git-commit': head })
      expect(same.outputs.compliant).toBe('true')
      expect(same.warnings.join('\n')).toContain('nothing new is deployed')
    })

    it('a diverged base reviews the commits since the merge base', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [{ kind: 'merge' }])
      const [hotfix] = s.github.seedCommits(
        OWNER,
        REPO,
        [{ message: 'Hotfix', authorName: 'A', authorEmail: 'a@x', timestamp: 9, parents: [base] }],
        { branch: 'hotfix' }
      )
      const result = await codeReview({ 'commits-base': hotfix, 'git-commit': head })
      expect(result.outputs).toMatchObject({ compliant: 'true', commits: '2' })
      expect(result.summary).toContain('diverged')
    })

    it('a range over max-commits fails before anything is sent, naming the count and commits-base', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [
        { kind: 'direct', commits: 6 }
      ])
      const result = await codeReview({
        'commits-base': base,
        'git-commit': head,
        'max-commits': '5'
      })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('holds 6 commits, more than max-commits (5)')
      expect(result.errors.join('\n')).toContain('commits-base')
      expect(kosliWrites()).toEqual([])
    })

    it('an estimate over the rate limit left fails before the lookups, naming both numbers and the reset', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [
        { kind: 'squash' },
        { kind: 'squash' },
        { kind: 'squash' }
      ])
      s.github.setRateLimitRemaining(5)
      const sentBefore = s.github.requests.length
      const result = await codeReview({ 'commits-base': base, 'git-commit': head })
      expect(result.exitCode).toBe(1)
      // What is left is what the step's reads before the estimate (the commit, the compare) used up.
      const left = 5 - (s.github.requests.length - sentBefore)
      expect(result.errors.join('\n')).toMatch(
        new RegExp(`needs about 9 GitHub requests .* has ${left} left .* resets at \\d{4}-`)
      )
      expect(s.github.requests.filter(r => r.path.endsWith('/pulls'))).toEqual([])
      expect(kosliWrites()).toEqual([])
    })

    it('pages every paginated list: compare, a pull request of 120 commits and 130 reviews', async () => {
      const { base, head, changes } = seedReleaseHistory(s.github, OWNER, REPO, [
        {
          kind: 'merge',
          commits: 120,
          reviews: [
            ...Array.from({ length: 130 }, (_, i): [string, 'COMMENTED'] => [`r${i}`, 'COMMENTED']),
            ['rev', 'APPROVED']
          ]
        }
      ])
      const result = await codeReview({ 'commits-base': base, 'git-commit': head })
      expect(result.errors).toEqual([])
      expect(result.outputs).toMatchObject({ compliant: 'true', commits: '121' })
      const pages = (suffix: string) =>
        s.github.requests.filter(r => r.path.endsWith(suffix)).map(r => r.query.page ?? '1')
      expect(pages(`/pulls/${changes[0].number}/commits`)).toEqual(['1', '2'])
      expect(pages(`/pulls/${changes[0].number}/reviews`)).toEqual(['1', '2'])
      expect(pages(`...${head}`)).toEqual(['1', '2'])
    })

    it('pages the deployments of an environment', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [{ kind: 'merge' }])
      s.github.deployments.seedDeployment({
        owner: OWNER,
        repo: REPO,
        environment: 'production',
        sha: base,
        createdAt: '2024-05-01T10:00:00Z',
        statuses: ['success']
      })
      for (let i = 0; i < 150; i++) {
        s.github.deployments.seedDeployment({
          owner: OWNER,
          repo: REPO,
          environment: 'production',
          sha: head,
          createdAt: '2024-06-02T10:00:00Z',
          statuses: ['success']
        })
      }
      const result = await codeReview({ 'github-environment': 'production', 'git-commit': head })
      expect(result.errors).toEqual([])
      expect(result.outputs.commits).toBe('2')
      const listed = s.github.requests.filter(r => r.path === `/repos/${OWNER}/${REPO}/deployments`)
      expect(listed.map(r => r.query.page ?? '1')).toEqual(['1', '2'])
    })

    it('GitHub down: fails naming the read and the permission; nothing reaches Kosli', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, [{ kind: 'merge' }])
      s.github.injectFault({ status: 502 }, { times: Infinity, match: { path: /\/pulls$/ } })
      const result = await codeReview({ 'commits-base': base, 'git-commit': head })
      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('Could not read the pull requests of commit')
      expect(result.errors.join('\n')).toContain('pull-requests: read')
      expect(kosliWrites()).toEqual([])
    })

    it('outside text (a headline, a comment) stays inert in the log and the summary', async () => {
      const base = s.github.repository(OWNER, REPO)?.branches.get('main') as string
      const [head] = s.github.seedCommits(OWNER, REPO, [
        {
          message: '::error::pwned <img src=x onerror=alert(1)> [x](https://evil.example)',
          authorName: 'Eve',
          authorEmail: 'eve@example.com',
          timestamp: 42
        }
      ])
      const result = await codeReview({ 'commits-base': base, 'git-commit': head })
      expect(result.exitCode).toBe(0)
      expect(result.errors).toEqual([])
      // Escaped for markdown (\\<, \\]): shown as the text it is, never a tag or a link.
      expect(result.summary).toContain('pwned')
      expect(result.summary).not.toMatch(/(?<!\\)<img/)
      expect(result.summary).not.toMatch(/(?<!\\)\]\(https:\/\/evil/)
      expect(result.stdout).not.toMatch(/^\s*::error::pwned/m)
    })

    it('the 300-commit fixture: 40 merge-committed pull requests cost at most the contract budget (about 127)', async () => {
      const { base, head } = seedReleaseHistory(s.github, OWNER, REPO, fortyMergedPullRequests())
      s.github.requests.length = 0
      const result = await codeReview({
        'commits-base': base,
        'git-commit': head,
        'max-commits': '300'
      })
      expect(result.errors).toEqual([])
      expect(result.outputs).toMatchObject({ compliant: 'true', commits: '300' })
      const requests = s.github.requests.length
      process.stdout.write(`e2e 300-commit fixture: ${requests} GitHub requests\n`)
      expect(requests).toBeLessThanOrEqual(127)
      expect(s.github.requests.filter(r => r.path.endsWith('/pulls')).length).toBeLessThanOrEqual(
        43
      )
    })
  })
})

import { describe, expect, it } from '@jest/globals'
import { type Config, InputError, parseInputs, type RawInputs } from '../../src/inputs/index.js'
import { planRun } from '../../src/inputs/index.js'
import type { RunContext } from '../../src/provenance/index.js'
import { RUN_SHA, runContext } from '../../test-support/run-context.js'

const SHA = RUN_SHA
const PR_HEAD = 'fedcba0987654321fedcba0987654321fedcba09'
const GIVEN = 'abcdef'.repeat(6) + 'abcd'
const FP = '9e'.repeat(32)

function config(extra: RawInputs = {}): Config {
  return parseInputs(
    { 'api-token': 'tok', 'github-token': 'ght', org: 'acme', flow: 'web', ...extra },
    {},
    '/nowhere'
  )
}

function problemsOf(cfg: Config, ctx: RunContext = runContext()): string[] {
  let thrown: unknown
  try {
    planRun(cfg, ctx)
  } catch (error) {
    thrown = error
  }
  if (!(thrown instanceof InputError)) throw new Error(`expected an InputError, got ${thrown}`)
  return thrown.problems
}

const deploymentEvent = (environment: unknown) =>
  runContext({ eventName: 'deployment', payload: { deployment: { environment } } })

describe('planRun: report', () => {
  it.each<[string, RawInputs, RunContext, boolean, string | undefined, boolean]>([
    [
      'auto, artifact, no environment',
      { artifact: 'app.jar' },
      runContext(),
      true,
      undefined,
      false
    ],
    [
      'auto, fingerprint, no environment',
      { fingerprint: FP },
      runContext(),
      true,
      undefined,
      false
    ],
    [
      'auto, artifact, deployment-environment',
      { artifact: 'app.jar', 'deployment-environment': 'prod' },
      runContext(),
      false,
      'prod',
      false
    ],
    [
      'true, artifact, deployment-environment',
      { artifact: 'app.jar', report: 'true', 'deployment-environment': 'prod' },
      runContext(),
      true,
      'prod',
      false
    ],
    [
      'false, artifact, no environment',
      { artifact: 'app.jar', report: 'false' },
      runContext(),
      false,
      undefined,
      false
    ],
    [
      'false, artifact, deployment-environment',
      { artifact: 'app.jar', report: 'false', 'deployment-environment': 'prod' },
      runContext(),
      false,
      'prod',
      false
    ],
    [
      'auto, nothing given, deployment-environment: from Kosli',
      { 'deployment-environment': 'prod' },
      runContext(),
      false,
      'prod',
      true
    ],
    [
      'auto, artifact, deployment event',
      { artifact: 'app.jar' },
      deploymentEvent('staging'),
      false,
      'staging',
      false
    ],
    [
      'auto, nothing given, approval: from Kosli',
      { approval: 'approve' },
      runContext(),
      false,
      undefined,
      true
    ],
    [
      'auto, artifact, approval request',
      { artifact: 'app.jar', approval: 'request' },
      runContext(),
      true,
      undefined,
      false
    ]
  ])('%s', (_, raw, ctx, report, environment, fromKosli) => {
    expect(planRun(config(raw), ctx)).toStrictEqual({
      gitCommit: SHA,
      deploymentEnvironment: environment,
      report,
      fromKosli
    })
  })
})

describe('planRun: deployment environment', () => {
  it('takes the environment of a deployment event', () => {
    expect(planRun(config(), deploymentEvent('production')).deploymentEnvironment).toBe(
      'production'
    )
  })

  it('prefers the deployment-environment input over the event', () => {
    expect(
      planRun(config({ 'deployment-environment': 'qa' }), deploymentEvent('production'))
        .deploymentEnvironment
    ).toBe('qa')
  })

  it.each<[string, RunContext]>([
    [
      'a push event with a deployment payload',
      runContext({ payload: { deployment: { environment: 'x' } } })
    ],
    [
      'a deployment event without an environment',
      runContext({ eventName: 'deployment', payload: {} })
    ],
    ['a deployment event with a non-string environment', deploymentEvent(42)]
  ])('has no environment on %s', (_, ctx) => {
    expect(planRun(config({ artifact: 'app.jar' }), ctx).deploymentEnvironment).toBeUndefined()
  })

  it.each<[string, string, string]>([
    ['empty', '', 'empty'],
    ['over 128 characters', 'p'.repeat(129), `"${'p'.repeat(80)}… (129 characters)"`],
    ['with a newline', 'prod\n::error::x', '"prod\\n::error::x"'],
    ['with a NUL', 'prod\u0000', '"prod\\u0000"'],
    ['with DEL', 'prod\u007f', '"prod\\u007f"']
  ])(
    'refuses a deployment event environment %s, naming deployment-environment',
    (_, env, shownValue) => {
      expect(problemsOf(config({ artifact: 'app.jar' }), deploymentEvent(env))).toEqual([
        `'deployment-environment': given nothing, and the deployment event's environment is ${shownValue}; expected 1 to 128 characters without control characters (or set deployment-environment)`
      ])
    }
  )

  it('accepts 128 characters, and the input over a bad event environment', () => {
    const long = 'p'.repeat(128)
    expect(planRun(config(), deploymentEvent(long)).deploymentEnvironment).toBe(long)
    expect(
      planRun(config({ 'deployment-environment': 'qa' }), deploymentEvent('')).deploymentEnvironment
    ).toBe('qa')
  })
})

describe('planRun: git commit', () => {
  it.each<[string, RawInputs, RunContext, string]>([
    ['the run commit', {}, runContext(), SHA],
    ['the git-commit input', { 'git-commit': GIVEN.toUpperCase() }, runContext(), GIVEN],
    [
      'the pull request head',
      {},
      runContext({
        eventName: 'pull_request',
        payload: { pull_request: { head: { sha: PR_HEAD } } }
      }),
      PR_HEAD
    ],
    [
      'git-commit over the pull request head',
      { 'git-commit': GIVEN },
      runContext({
        eventName: 'pull_request_target',
        payload: { pull_request: { head: { sha: PR_HEAD } } }
      }),
      GIVEN
    ]
  ])('uses %s', (_, raw, ctx, expected) => {
    expect(planRun(config({ artifact: 'app.jar', ...raw }), ctx).gitCommit).toBe(expected)
  })

  it.each(['', 'abc1234'])('refuses a run commit of %j', sha => {
    expect(problemsOf(config({ artifact: 'app.jar' }), runContext({ sha }))).toEqual([
      `'git-commit': given nothing, and the run's commit (GITHUB_SHA) is ${JSON.stringify(sha)}; expected a 40-character hex sha`
    ])
  })
})

describe('planRun: problems', () => {
  it('refuses a run with nothing to do', () => {
    expect(problemsOf(config())).toEqual([
      `'artifact': given nothing; expected an artifact or fingerprint to report, approval / deployment-environment to act on what Kosli already holds, or flow-template / begin-trail`
    ])
  })

  it('refuses nothing to do with report false too', () => {
    expect(problemsOf(config({ report: 'false' }))).toHaveLength(1)
  })

  const needsToken = (why: string): string =>
    `'api-token': given nothing; ${why} needs a token, even in dry run`
  const lookup = "looking up the commit's artifacts in Kosli"
  it.each<[string, RawInputs, RunContext, string]>([
    [
      'a deploy job looking artifacts up',
      { 'deployment-environment': 'prod' },
      runContext(),
      lookup
    ],
    ['a deployment event looking artifacts up', {}, deploymentEvent('prod'), lookup],
    ['an approval looking artifacts up', { approval: 'request' }, runContext(), lookup],
    [
      'an approval of a local artifact',
      { artifact: 'app.jar', approval: 'approve' },
      runContext(),
      'finding the previous approval in Kosli'
    ],
    [
      'require-compliant with a local artifact',
      { artifact: 'app.jar', 'deployment-environment': 'prod', 'require-compliant': 'true' },
      runContext(),
      'checking compliance in Kosli'
    ]
  ])('needs api-token for %s, even in dry run', (_, raw, ctx, why) => {
    const cfg = parseInputs(
      { org: 'acme', flow: 'web', 'github-token': 'ght', 'dry-run': 'true', ...raw },
      {},
      '/nowhere'
    )
    expect(problemsOf(cfg, ctx)).toEqual([needsToken(why)])
  })

  it('does not need api-token in dry run for a local deploy without require-compliant', () => {
    const cfg = parseInputs(
      {
        org: 'acme',
        flow: 'web',
        'dry-run': 'true',
        artifact: 'a.jar',
        'deployment-environment': 'p'
      },
      {},
      '/nowhere'
    )
    expect(planRun(cfg, runContext()).deploymentEnvironment).toBe('p')
  })

  const needsGithubToken = `'github-token': given nothing; recording a deployment in GitHub needs a token`
  it.each<[string, RawInputs, RunContext]>([
    [
      'deployment-environment',
      { artifact: 'app.jar', 'deployment-environment': 'prod' },
      runContext()
    ],
    ['a deployment event', { artifact: 'app.jar' }, deploymentEvent('prod')]
  ])('needs github-token to record a deployment (%s)', (_, raw, ctx) => {
    const cfg = parseInputs(
      { org: 'acme', flow: 'web', 'api-token': 'tok', ...raw },
      {},
      '/nowhere'
    )
    expect(problemsOf(cfg, ctx)).toEqual([needsGithubToken])
  })

  it('does not need github-token in dry run', () => {
    const cfg = parseInputs(
      {
        org: 'acme',
        flow: 'web',
        'api-token': 'tok',
        'dry-run': 'true',
        artifact: 'a.jar',
        'deployment-environment': 'p'
      },
      {},
      '/nowhere'
    )
    expect(planRun(cfg, runContext()).report).toBe(false)
  })

  it('does not need github-token without a deployment', () => {
    const cfg = parseInputs(
      { org: 'acme', flow: 'web', 'api-token': 'tok', artifact: 'a.jar' },
      {},
      '/nowhere'
    )
    expect(planRun(cfg, runContext()).report).toBe(true)
  })

  it('lists every problem at once', () => {
    const cfg = parseInputs(
      { org: 'acme', flow: 'web', 'dry-run': 'false', 'api-token': 'tok' },
      {},
      '/nowhere'
    )
    const noCommit = runContext({ sha: '' })
    const list = problemsOf(cfg, noCommit)
    expect(list.map(problem => problem.slice(0, problem.indexOf(':')))).toEqual([
      `'artifact'`,
      `'git-commit'`
    ])
    const deployCfg = parseInputs(
      { org: 'acme', flow: 'web', 'dry-run': 'true', 'deployment-environment': 'p' },
      {},
      '/nowhere'
    )
    expect(
      problemsOf({ ...deployCfg, dryRun: false }, noCommit).map(problem =>
        problem.slice(0, problem.indexOf(':'))
      )
    ).toEqual([`'api-token'`, `'github-token'`, `'git-commit'`])
  })
})

describe('flow and trail inputs, and the environment of require-compliant', () => {
  function problems(raw: RawInputs): string[] {
    try {
      config(raw)
    } catch (error) {
      if (error instanceof InputError) return error.problems
      throw error
    }
    return []
  }

  it.each<[string, RawInputs, string]>([
    [
      'flow-description without flow-template',
      { artifact: 'a.jar', 'flow-description': 'The web app' },
      "'flow-description': given without 'flow-template'"
    ],
    [
      'trail-description without begin-trail',
      { artifact: 'a.jar', 'trail-description': 'Release 1' },
      "'trail-description': given without begin-trail: true or trail-template"
    ],
    [
      'kosli-environment without require-compliant',
      { 'deployment-environment': 'prod', 'kosli-environment': 'production' },
      `'kosli-environment': given "production" without require-compliant: true`
    ],
    [
      'a flow template outside the workspace',
      { 'flow-template': '../kosli.yml' },
      `'flow-template': given "../kosli.yml", which is outside the workspace`
    ],
    [
      'a trail template outside the workspace',
      { 'trail-template': 'a/../../t.yml' },
      `'trail-template': given "a/../../t.yml", which is outside the workspace`
    ],
    [
      'a kosli-environment that is not a name',
      { 'require-compliant': 'true', 'kosli-environment': 'prod env' },
      `'kosli-environment': given "prod env"; expected a Kosli environment name`
    ]
  ])('refuses %s', (_, raw, message) => {
    const found = problems(raw)
    expect(found).toHaveLength(1)
    expect(found[0]).toContain(message)
  })

  it.each<[string, RawInputs]>([
    ['flow-template alone', { 'flow-template': 'kosli.yml', 'flow-description': 'x' }],
    ['begin-trail alone', { 'begin-trail': 'true', 'trail-description': 'x' }],
    ['trail-template alone (it implies begin-trail)', { 'trail-template': 't.yml' }]
  ])('accepts a step that only does %s', (_, raw) => {
    expect(planRun(config(raw), runContext()).report).toBe(false)
  })

  it('needs api-token in dry run to keep the description of the flow', () => {
    const cfg = parseInputs(
      { org: 'acme', flow: 'web', 'dry-run': 'true', 'flow-template': 'kosli.yml' },
      {},
      '/nowhere'
    )
    expect(problemsOf(cfg)).toEqual([
      `'api-token': given nothing; reading the flow's description from Kosli (flow-template without flow-description keeps it) needs a token, even in dry run`
    ])
    const described = parseInputs(
      {
        org: 'acme',
        flow: 'web',
        'dry-run': 'true',
        'flow-template': 'kosli.yml',
        'flow-description': 'The web app'
      },
      {},
      '/nowhere'
    )
    expect(planRun(described, runContext()).report).toBe(false)
  })
})

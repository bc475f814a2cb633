import { describe, it, expect } from '@jest/globals'
import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import {
  ROOT as root,
  SUB_ACTIONS,
  THIS_ACTION,
  actionOf,
  isMapping,
  jobsOf,
  readYamlFile as readYaml,
  stepProblems,
  stepsOf,
  stepsOfFragment,
  usesThisAction,
  type Mapping
} from '../test-support/workflow-check.js'

// The copy-paste workflows in examples/ and this repository's own workflows: valid YAML, only
// inputs and outputs that action.yml declares, least permissions, third-party actions pinned.

function yamlFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir))
    .filter(name => /\.ya?ml$/.test(name))
    .sort()
    .map(name => `${dir}/${name}`)
}

/** `uses:` lines of a file's text, with the comment that follows each. */
function usesLines(file: string): { ref: string; comment: string }[] {
  const text = readFileSync(path.join(root, file), 'utf8')
  return [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)[ \t]*(#.*)?$/gm)].map(match => ({
    ref: match[1],
    comment: match[2] ?? ''
  }))
}

/** Third-party actions: pinned by full commit SHA, with the release in a trailing comment. */
function expectPinned(file: string): void {
  for (const { ref, comment } of usesLines(file)) {
    if (ref.startsWith('./') || ref.startsWith('docker://')) continue
    if (
      ref === THIS_ACTION ||
      SUB_ACTIONS.some(sub => ref === THIS_ACTION.replace('@', `/${sub}@`))
    )
      continue
    expect({ file, ref, pinned: /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref) }).toEqual({
      file,
      ref,
      pinned: true
    })
    expect({ file, ref, comment: /^# v\d+\.\d+\.\d+$/.test(comment) }).toEqual({
      file,
      ref,
      comment: true
    })
  }
}

const examples = yamlFiles('examples')

describe('examples/', () => {
  it('holds the documented examples', () => {
    expect(examples).toEqual(
      expect.arrayContaining([
        'examples/build-report.yml',
        'examples/container-digest.yml',
        'examples/matrix.yml',
        'examples/build-approve-deploy.yml',
        'examples/pull-request.yml',
        'examples/monorepo.yml',
        'examples/dry-run-when-kosli-down.yml',
        'examples/evidence.yml',
        'examples/release-approvals.yml'
      ])
    )
  })

  it('are each linked from the README', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8')
    for (const file of examples)
      expect({ file, linked: readme.includes(`(${file})`) }).toEqual({
        file,
        linked: true
      })
  })

  describe.each(examples)('%s', file => {
    const workflow = readYaml(file)
    const jobs = jobsOf(workflow)
    const ours = (stepsOfFragment(workflow) ?? []).filter(usesThisAction)

    it('is a workflow: it has on and jobs, and uses this action', () => {
      expect(workflow).toHaveProperty('on')
      expect(jobs.length).toBeGreaterThan(0)
      expect(ours.length).toBeGreaterThan(0)
    })

    it(`refers to this action as ${THIS_ACTION} (or a sub-action of it)`, () => {
      const allowed = [THIS_ACTION, ...SUB_ACTIONS.map(sub => THIS_ACTION.replace('@', `/${sub}@`))]
      for (const step of ours) expect(allowed).toContain(step.uses)
    })

    it('gives this action only inputs that action.yml declares, and the required ones', () => {
      for (const step of ours) {
        expect({ job: step.job, problems: stepProblems(step, actionOf(step)) }).toEqual({
          job: step.job,
          problems: []
        })
      }
    })

    it("reads only outputs that action.yml declares from this action's steps", () => {
      const text = readFileSync(path.join(root, file), 'utf8')
      for (const step of ours.filter(step => step.id)) {
        const read = [...text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g'))]
        const known = actionOf(step).outputs
        const unknown = read.map(match => match[1]).filter(name => !known.has(name))
        expect({ step: step.id, unknown }).toEqual({ step: step.id, unknown: [] })
      }
    })

    it('declares permissions on every job that uses this action', () => {
      for (const [name, job] of jobs) {
        if (!stepsOf(name, job).some(usesThisAction)) continue
        expect({ job: name, permissions: isMapping(job.permissions) }).toEqual({
          job: name,
          permissions: true
        })
        const permissions = job.permissions as Mapping
        expect({ job: name, contents: permissions.contents }).toEqual({
          job: name,
          contents: 'read'
        })
      }
    })

    it('grants artifact-metadata: write to deploy jobs, and only to them', () => {
      for (const [name, job] of jobs) {
        const deploys = stepsOf(name, job).some(
          step => usesThisAction(step) && step.with['deployment-environment'] !== undefined
        )
        const permissions = isMapping(job.permissions) ? job.permissions : {}
        expect({ job: name, 'artifact-metadata': permissions['artifact-metadata'] }).toEqual({
          job: name,
          'artifact-metadata': deploys ? 'write' : undefined
        })
      }
    })

    it('pins every other action by commit SHA', () => {
      expectPinned(file)
    })
  })
})

const workflows = yamlFiles('.github/workflows')

describe('.github/workflows/', () => {
  it('holds CI, check-dist, release and CodeQL', () => {
    expect(workflows).toEqual([
      '.github/workflows/check-dist.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/codeql.yml',
      '.github/workflows/release.yml'
    ])
  })

  describe.each(workflows)('%s', file => {
    const workflow = readYaml(file)

    it('reads only contents at the top level; writes are granted per job', () => {
      expect(workflow.permissions).toEqual({ contents: 'read' })
    })

    it('pins every third-party action by commit SHA', () => {
      expectPinned(file)
    })
  })

  it('grants contents: write only to the release job', () => {
    const grants = workflows.flatMap(file =>
      jobsOf(readYaml(file))
        .filter(([, job]) => isMapping(job.permissions) && job.permissions.contents === 'write')
        .map(([name]) => `${file}:${name}`)
    )
    expect(grants).toEqual(['.github/workflows/release.yml:release'])
  })

  it('runs the action from the checkout in dry run, with no token', () => {
    const jobs = new Map(jobsOf(readYaml('.github/workflows/ci.yml')))
    const job = jobs.get('dry-run')
    if (!job) throw new Error('ci.yml has no dry-run job')
    const step = stepsOf('dry-run', job).find(step => step.uses === './')
    expect(step?.with).toMatchObject({ 'dry-run': true, artifact: 'action.yml' })
    expect(step?.with).not.toHaveProperty('api-token')
  })
})

describe('.github/dependabot.yml', () => {
  it('updates npm and GitHub Actions weekly', () => {
    const config = readYaml('.github/dependabot.yml')
    const updates = (config.updates as Mapping[]).map(update => ({
      ecosystem: update['package-ecosystem'],
      interval: (update.schedule as Mapping).interval
    }))
    expect(updates).toEqual([
      { ecosystem: 'npm', interval: 'weekly' },
      { ecosystem: 'github-actions', interval: 'weekly' }
    ])
  })
})

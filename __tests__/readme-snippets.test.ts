import { describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import {
  ACTION_PATH,
  ROOT,
  actionOf,
  actionReferences,
  isCanonicalUses,
  parseYaml,
  readAction,
  stepProblems,
  stepsOfFragment,
  usesThisAction
} from '../test-support/workflow-check.js'

// Every ```yaml block of the README is a workflow, a job or a list of steps a user can paste:
// valid YAML, checked against action.yml like the examples, with this action's one uses: path.

/** The fenced yaml blocks of a Markdown text, dedented, with the line each starts on. */
export function yamlBlocks(markdown: string): { line: number; text: string }[] {
  const blocks: { line: number; text: string }[] = []
  const lines = markdown.split('\n')
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ya?ml\s*$/.test(lines[i])) continue
    const start = i + 1
    let end = start
    while (end < lines.length && !/^```\s*$/.test(lines[end])) end++
    const body = lines.slice(start, end)
    const indent = Math.min(
      ...body.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length)
    )
    blocks.push({ line: start + 1, text: body.map(l => l.slice(indent)).join('\n') + '\n' })
    i = end
  }
  return blocks
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8')
const blocks = yamlBlocks(readme)
const action = readAction()

describe('README.md yaml snippets', () => {
  it('are there to check', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6)
  })

  describe.each(blocks.map(block => [`line ${block.line}`, block] as const))('%s', (_, block) => {
    const { value, problems } = parseYaml(block.text)

    it('is valid YAML', () => {
      expect(problems).toEqual([])
    })

    it('is a workflow, a jobs: entry or a list of steps', () => {
      expect(stepsOfFragment(value)).toBeDefined()
    })

    it('gives this action only inputs that action.yml declares, and the required ones', () => {
      const ours = (stepsOfFragment(value) ?? []).filter(usesThisAction)
      for (const step of ours)
        expect({ uses: step.uses, problems: stepProblems(step, actionOf(step)) }).toEqual({
          uses: step.uses,
          problems: []
        })
    })
  })
})

describe('the checker', () => {
  it('finds the invalid flow mapping a snippet once had', () => {
    const [block] = yamlBlocks(
      '```yaml\n      - uses: docker/build-push-action@v6\n' +
        '        with: { push: true, tags: ghcr.io/acme/api:${{ github.sha }} }\n```\n'
    )
    expect(parseYaml(block.text).problems).not.toEqual([])
  })

  it('finds an unknown input, a missing required one and a non-canonical path', () => {
    const steps = stepsOfFragment([
      { uses: 'owner/kosli-report-action@v1', with: { org: 'acme', 'no-such-input': 1 } }
    ])
    expect(stepProblems(steps![0], action)).toEqual([
      `uses: owner/kosli-report-action@v1 is not ${ACTION_PATH}@<ref>`,
      'input no-such-input is not in action.yml',
      'required input api-token is missing (nor is KOSLI_API_TOKEN set)',
      'required input flow is missing (nor is KOSLI_FLOW set)'
    ])
  })

  it("checks a sub-action's step against its own action.yml", () => {
    const steps = stepsOfFragment([
      {
        uses: `${ACTION_PATH}/attest@v1`,
        with: { 'api-token': 't', org: 'o', flow: 'f', type: 'junit', approval: 'approve' }
      },
      {
        uses: `${ACTION_PATH}/assert@v1`,
        with: { 'api-token': 't', org: 'o', flow: 'f', environment: 'prod' }
      }
    ])!
    expect(stepProblems(steps[0], actionOf(steps[0]))).toEqual([
      'input approval is not in action.yml',
      'required input name is missing'
    ])
    expect(stepProblems(steps[1], actionOf(steps[1]))).toEqual([])
    expect(stepProblems(steps[1], action)).toContain('input environment is not in action.yml')
  })

  it('accepts the canonical path at a major tag, a version or a commit, and sub-actions', () => {
    for (const ref of ['@v1', '@v1.0.0', `@${'a'.repeat(40)}`, '/attest@v1', '/assert@v1'])
      expect(isCanonicalUses(`${ACTION_PATH}${ref}`)).toBe(true)
    for (const ref of ['owner/kosli-report-action@v1', 'acme/kosli-report-action@main'])
      expect(isCanonicalUses(ref)).toBe(false)
  })
})

describe(`every reference to this action is ${ACTION_PATH}`, () => {
  const files = [
    'README.md',
    'CONTRIBUTING.md',
    'CHANGELOG.md',
    'action.yml',
    'attest/action.yml',
    'assert/action.yml',
    ...readdirSync(path.join(ROOT, 'examples')).map(name => `examples/${name}`)
  ].filter(file => existsSync(path.join(ROOT, file)))

  it.each(files)('%s', file => {
    const references = actionReferences(readFileSync(path.join(ROOT, file), 'utf8'))
    expect(references.filter(ref => !isCanonicalUses(ref))).toEqual([])
  })

  it('is found in the README, so the check above is not vacuous', () => {
    expect(actionReferences(readme).length).toBeGreaterThan(5)
  })
})

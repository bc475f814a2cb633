import { describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { attestInputChecks } from '../../src/attestations/inputs.js'
import { type Config, InputError, type RawInputs, parseInputs } from '../../src/inputs/index.js'

// The inputs of attest/'s sbom, sonar, jira and decision types, as the runner gives them: with
// action.yml's defaults (sonar-wait, ignore-branch-match, attach-results) always filled.
const WORKSPACE = mkdtempSync(join(tmpdir(), 'more-types-inputs-'))
const BASE: RawInputs = {
  'api-token': 'secret-token',
  org: 'acme',
  flow: 'app',
  'sonar-wait': '60',
  'ignore-branch-match': 'false',
  'attach-results': 'true'
}

function parse(extra: RawInputs): Config {
  return parseInputs({ ...BASE, ...extra }, {}, WORKSPACE, 'attest', attestInputChecks())
}

function problems(extra: RawInputs): string[] {
  try {
    parse(extra)
  } catch (error) {
    if (error instanceof InputError) return error.problems
    throw error
  }
  throw new Error('expected an InputError')
}

describe('attest inputs of sbom, sonar, jira and decision', () => {
  it('accepts each type with its inputs, the defaults of the others filled', () => {
    expect(
      parse({ type: 'decision', name: 'd', control: 'RCTL-1', compliant: 'success' })
    ).toMatchObject({ control: 'RCTL-1', compliant: true })
    expect(parse({ type: 'sbom', name: 's', results: 'sbom.json' }).results).toEqual(['sbom.json'])
    expect(parse({ type: 'sonar', name: 'q', 'sonar-token': 't' }).sonarWaitSeconds).toBe(60)
    expect(
      parse({
        type: 'jira',
        name: 'j',
        'jira-url': 'https://acme.atlassian.net/',
        'jira-pat': 'p',
        'jira-project-keys': 'web, api\nops'
      })
    ).toMatchObject({
      jiraUrl: 'https://acme.atlassian.net',
      jiraProjectKeys: ['WEB', 'API', 'OPS']
    })
  })

  it('decision needs control and compliant; control is refused elsewhere', () => {
    expect(problems({ type: 'decision', name: 'd' })).toEqual([
      expect.stringContaining(
        "'compliant': given nothing; expected true, false or a step outcome for type decision"
      ),
      expect.stringContaining("'control': given nothing")
    ])
    expect(problems({ type: 'generic', name: 'g', compliant: 'true', control: 'X' })).toEqual([
      '\'control\': given "X" with type generic; expected it only with type decision'
    ])
  })

  it('sbom: one file, no attachments, no attach-results: false, no sbom_* annotations', () => {
    expect(problems({ type: 'sbom', name: 's' })[0]).toContain(
      "'results': given nothing with type sbom"
    )
    expect(problems({ type: 'sbom', name: 's', results: 'a.json\nb.json' })[0]).toContain(
      'given 2 lines'
    )
    const refused = problems({
      type: 'sbom',
      name: 's',
      results: 'a.json',
      attachments: 'x.txt',
      'attach-results': 'false',
      annotations: 'sbom_format=x\nsbom_sha256=y'
    })
    expect(refused).toHaveLength(4)
    expect(refused.join('\n')).toMatch(/'attachments'.*'attach-results'.*sbom_format.*sbom_sha256/s)
  })

  it('sonar: a token; a report file or a project key with one of branch and pull request', () => {
    expect(problems({ type: 'sonar', name: 'q' })[0]).toContain("'sonar-token': given nothing")
    expect(
      problems({ type: 'sonar', name: 'q', 'sonar-token': 't', 'sonar-project-key': 'k' })[0]
    ).toContain("without 'sonar-branch' or 'sonar-pull-request'")
    expect(
      problems({
        type: 'sonar',
        name: 'q',
        'sonar-token': 't',
        'sonar-project-key': 'k',
        'sonar-branch': 'b',
        'sonar-pull-request': '1'
      })[0]
    ).toContain('together with')
    expect(
      problems({
        type: 'sonar',
        name: 'q',
        'sonar-token': 't',
        'sonar-project-key': 'k',
        'sonar-branch': 'b',
        results: 'r.txt'
      })[0]
    ).toContain("together with 'results'")
    expect(
      problems({ type: 'sonar', name: 'q', 'sonar-token': 't', 'sonar-branch': 'b' })[0]
    ).toContain("'sonar-branch': given without 'sonar-project-key'")
    expect(
      problems({
        type: 'sonar',
        name: 'q',
        'sonar-token': 't',
        'sonar-url': 'http://sonar.acme.example'
      })[0]
    ).toContain('http:// only for loopback hosts')
  })

  it('jira: a URL and one kind of credentials; project keys as Jira writes them', () => {
    expect(problems({ type: 'jira', name: 'j' })).toEqual([
      expect.stringContaining("'jira-url': given nothing"),
      expect.stringContaining("'jira-api-token': given nothing")
    ])
    expect(
      problems({ type: 'jira', name: 'j', 'jira-url': 'https://j.example', 'jira-username': 'u' })
    ).toEqual([
      "'jira-api-token': given nothing; expected jira-username and jira-api-token together"
    ])
    expect(
      problems({
        type: 'jira',
        name: 'j',
        'jira-url': 'https://j.example',
        'jira-pat': 'p',
        'jira-api-token': 't',
        'jira-username': 'u'
      })[0]
    ).toContain("'jira-pat': given together with")
    expect(
      problems({
        type: 'jira',
        name: 'j',
        'jira-url': 'https://j.example',
        'jira-pat': 'p',
        'jira-project-keys': '1AB'
      })[0]
    ).toContain('Jira project keys')
  })

  it('names no secret in an error', () => {
    const text = problems({
      type: 'generic',
      name: 'g',
      compliant: 'true',
      'sonar-token': 'sekrit-sonar',
      'jira-pat': 'sekrit-pat'
    }).join('\n')
    expect(text).toContain("'sonar-token': given a value (hidden) with type generic")
    expect(text).not.toMatch(/sekrit/)
  })
})

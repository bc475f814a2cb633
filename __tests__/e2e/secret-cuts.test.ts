// A server that echoes a token back in a long error text: the bundle hides the token in the
// whole text before it cuts the text, so not even a prefix of it is printed. Each cut is tried
// with the token starting at every offset around it (one offset per retry of one run).
import { describe, expect, it } from '@jest/globals'
import { type ActionResult, runAction } from '../../test-support/run-action.js'
import { pushEvent, tokenStandIns, withoutMaskCommands } from './report-helpers.js'

const KOSLI_TOKEN = 'kosli-tok-0123456789abcdefXYZ' // 29 characters, as in the finding
const GITHUB_TOKEN = 'ghs_0123456789abcdefghiJK' // 25 characters
const RETRIES = 10 // the most max-retries takes: one offset per attempt

/** Every prefix of 4 or more characters of `token` in the run's log and summary. */
function prefixesShown(result: ActionResult, token: string): string[] {
  const text = `${withoutMaskCommands(result.stdout)}\n${result.stderr}\n${result.summary}`
  const found: string[] = []
  for (let n = 4; n <= token.length; n++) {
    if (text.includes(token.slice(0, n))) found.push(token.slice(0, n))
  }
  return found
}

/** The offsets at which a token may start for a cut at `cut` to fall inside it, and one each side. */
function offsets(cut: number, token: string): number[] {
  const all: number[] = []
  for (let at = cut - token.length - 1; at <= cut + 1; at++) all.push(at)
  return all
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

describe('a token echoed across a cut is never printed, even in part (e2e, bundled action)', () => {
  const s = tokenStandIns({ kosli: KOSLI_TOKEN, github: GITHUB_TOKEN })

  function run(): Promise<ActionResult> {
    return runAction({
      cwd: s.workspace,
      event: pushEvent(s.github, s.shas, s.shas[1]),
      github: { apiUrl: s.github.url, token: GITHUB_TOKEN },
      inputs: {
        artifact: 'app.jar',
        'api-token': KOSLI_TOKEN,
        'github-token': GITHUB_TOKEN,
        org: 'acme',
        flow: 'app',
        host: s.kosli.url,
        'max-retries': String(RETRIES)
      }
    })
  }

  // Retry lines show the server's words cut at 300 characters (plain text, an HTML page).
  const bodies: Record<string, (text: string) => string> = {
    'plain text': text => text,
    'an HTML page': text => `<html><body><p>${text}</p></body></html>`
  }
  // Each service can echo only what it was sent: Kosli the Kosli token, GitHub the GitHub token.
  for (const [kind, body] of Object.entries(bodies)) {
    it(`Kosli retry lines, ${kind} echoing the token at every offset around the cut at 300`, async () => {
      for (const batch of chunks(offsets(300, KOSLI_TOKEN), RETRIES)) {
        s.kosli.reset()
        for (const at of batch) {
          s.kosli.injectFault(
            {
              status: 503,
              body: body(`${'x'.repeat(at)}${KOSLI_TOKEN}${' tail'.repeat(80)}`),
              headers: { 'Retry-After': '0', 'Content-Type': 'text/plain' }
            },
            { match: { method: 'POST' } }
          )
        }
        const result = await run()

        expect(result.exitCode).toBe(0)
        // Each fault was answered and printed as a retry line: the offsets were all tried.
        expect(result.stdout.match(/503 Service Unavailable: x+/g)?.length).toBe(batch.length)
        expect(prefixesShown(result, KOSLI_TOKEN)).toEqual([])
      }
    })

    it(`GitHub retry lines, ${kind} echoing the token at every offset around the cut at 300`, async () => {
      for (const batch of chunks(offsets(300, GITHUB_TOKEN), RETRIES)) {
        s.kosli.reset()
        s.github.clearFaults()
        for (const at of batch) {
          s.github.injectFault({
            status: 503,
            body: body(`${'x'.repeat(at)}${GITHUB_TOKEN}${' tail'.repeat(80)}`),
            headers: { 'Retry-After': '0', 'Content-Type': 'text/plain' }
          })
        }
        const result = await run()

        expect(result.exitCode).toBe(0)
        expect(result.stdout.match(/503 Service Unavailable: x+/g)?.length).toBe(batch.length)
        expect(prefixesShown(result, GITHUB_TOKEN)).toEqual([])
      }
    })
  }

  it('a GitHub error whose JSON message echoes the token at every offset around 1000', async () => {
    for (const at of offsets(1000, GITHUB_TOKEN)) {
      s.github.clearFaults()
      s.github.injectFault(
        {
          status: 401,
          body: { message: `${'x'.repeat(at)}${GITHUB_TOKEN}${' tail'.repeat(250)}` }
        },
        { times: Infinity }
      )
      const result = await run()

      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('HTTP 401 (xxx')
      expect(prefixesShown(result, GITHUB_TOKEN)).toEqual([])
    }
  })

  it('a Kosli error whose plain-text page echoes the token at every offset around 300', async () => {
    for (const at of offsets(300, KOSLI_TOKEN)) {
      s.kosli.reset()
      s.kosli.injectFault(
        {
          status: 400,
          body: `${'x'.repeat(at)}${KOSLI_TOKEN}${' tail'.repeat(80)}`,
          headers: { 'Content-Type': 'text/plain' }
        },
        { match: { method: 'POST' } }
      )
      const result = await run()

      expect(result.exitCode).toBe(1)
      expect(result.errors.join('\n')).toContain('400 Bad Request: xxx')
      expect(prefixesShown(result, KOSLI_TOKEN)).toEqual([])
    }
  })
})

import { afterEach, describe, expect, it } from '@jest/globals'
import { createGitHubReader } from '../../src/github/reader.js'
import { apiCompare } from '../../src/provenance/github-api.js'
import type { RunContext } from '../../src/provenance/index.js'
import { type Stub, json, recorder, serve, stopStubs } from '../../test-support/stub-server.js'

const TOKEN = 'ghs_pagingsecret0123456789'
const ctx = { owner: 'acme', repo: 'app' } as RunContext
const COMPARE = '/repos/acme/app/compare/base...head'

afterEach(stopStubs)

function commit(i: number) {
  const sha = i.toString(16).padStart(40, '0')
  const person = { name: 'Dev', email: 'dev@example.com', date: '2026-01-01T00:00:00Z' }
  return { sha, commit: { message: `change ${i}`, author: person }, parents: [] }
}

function page(req: { url?: string }): number | undefined {
  const value = new URL(req.url ?? '/', 'http://x').searchParams.get('page')
  return value === null ? undefined : Number(value)
}

function github(stub: Stub) {
  return createGitHubReader({
    token: TOKEN,
    baseUrl: stub.origin,
    maxRetries: 0,
    timeoutMs: 5000,
    log: recorder().log
  })
}

describe('compare paging through Link: rel="next"', () => {
  it('does not follow a next link to another origin, warns, and keeps what it has', async () => {
    const elsewhere = await serve((_req, res) => json(res, 200, { total_commits: 1, commits: [] }))
    const api = await serve((req, res) => {
      const n = page(req)
      if (n === undefined) return json(res, 200, { total_commits: 300, commits: [commit(299)] })
      json(
        res,
        200,
        { total_commits: 300, commits: [commit(0), commit(1)] },
        { Link: `<${elsewhere.origin}${COMPARE}?per_page=100&page=2>; rel="next"` }
      )
    })
    const warnings: string[] = []
    const commits = await apiCompare(github(api), ctx, 'base', 'head', line => warnings.push(line))
    expect(elsewhere.seen).toEqual([])
    expect(api.seen.map(req => req.headers.authorization)).toEqual([
      `token ${TOKEN}`,
      `token ${TOKEN}`
    ])
    expect(commits.map(c => c.message)).toEqual(['change 0', 'change 1', 'change 299'])
    expect(warnings).toEqual([
      `GitHub compare base...head: the next page link points to ${elsewhere.origin}, not to the ` +
        `GitHub API (${api.origin}), so it was not followed; commits_list holds the 3 of 300 ` +
        'commits read so far.'
    ])
  })

  it('does not follow a next link to the same host over another scheme or port', async () => {
    const api = await serve((req, res) => {
      const port = Number(new URL(api.origin).port) + 1
      if (page(req) === undefined) return json(res, 200, { total_commits: 9, commits: [] })
      json(
        res,
        200,
        { total_commits: 9, commits: [commit(0)] },
        { Link: `<http://127.0.0.1:${port}${COMPARE}?page=2>; rel="next"` }
      )
    })
    const warnings: string[] = []
    await apiCompare(github(api), ctx, 'base', 'head', line => warnings.push(line))
    expect(api.seen).toHaveLength(2)
    expect(warnings[0]).toContain('so it was not followed')
  })

  it('follows at most 100 pages, then warns and uses what it has', async () => {
    const api = await serve((req, res) => {
      const n = page(req)
      if (n === undefined) return json(res, 200, { total_commits: 1_000_000, commits: [] })
      json(
        res,
        200,
        { total_commits: 1_000_000, commits: [commit(n)] },
        { Link: `<${api.origin}${COMPARE}?per_page=100&page=${n + 1}>; rel="next"` }
      )
    })
    const warnings: string[] = []
    const commits = await apiCompare(github(api), ctx, 'base', 'head', line => warnings.push(line))
    // The unpaged call, then pages 1 to 100.
    expect(api.seen).toHaveLength(101)
    expect(page(api.seen[100])).toBe(100)
    expect(commits).toHaveLength(100)
    expect(warnings).toEqual([
      'GitHub compare base...head: stopped after 100 pages; commits_list holds the 100 of ' +
        '1000000 commits read so far.'
    ])
  })
})

import type { GitHubClient } from './reader.js'

/** The most pages of one list the action follows through `Link: rel="next"`. */
export const MAX_PAGES = 100

type NextPage = { url: string } | { refused: string } | undefined

/**
 * The `rel="next"` page of a Link header, followed only on the API's own origin (scheme, host and
 * port): the token goes with the request, so an answer must not be able to send it elsewhere.
 */
export function nextPage(link: string | undefined, client: GitHubClient): NextPage {
  return nextPageOn(link, client.baseUrl)
}

/** As nextPage, for a caller that holds the API's base URL itself rather than an Octokit. */
export function nextPageOn(link: string | undefined, apiBase: string): NextPage {
  const target = link?.match(/<([^>]+)>\s*;\s*rel="next"/)?.[1]
  if (!target) return undefined
  const api = new URL(apiBase)
  let next: URL
  try {
    next = new URL(target, api)
  } catch {
    return { refused: `the next page link is not a URL (${JSON.stringify(target)})` }
  }
  if (next.origin !== api.origin) {
    return {
      refused: `the next page link points to ${next.origin}, not to the GitHub API (${api.origin}), so it was not followed`
    }
  }
  return { url: next.href }
}

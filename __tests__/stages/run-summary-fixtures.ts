// What the main action's summary tests render: a run's outcome and its artifacts, and the HTML a
// person sees of it.
import { marked } from 'marked'
import {
  type ReportedArtifact,
  type RunOutcome,
  renderSummary
} from '../../src/stages/run-summary.js'

// GitHub renders the job summary as GitHub-flavoured markdown; marked (gfm) stands in for it,
// so these tests read what a person sees, not the markdown source.
export const html = (outcome: RunOutcome): string =>
  marked.parse(renderSummary(outcome), { gfm: true }) as string

export const HOST = 'https://app.kosli.com'
/** A distinct fingerprint for each n below 65,536. */
export const fp = (n: number): string => n.toString(16).padStart(4, '0').repeat(16)
export const page = (fingerprint: string): string =>
  `${HOST}/acme/flows/shop/artifacts/${fingerprint}`

export function artifact(n: number, extra: Partial<ReportedArtifact> = {}): ReportedArtifact {
  return {
    name: `build/part-${n}.jar`,
    fingerprint: fp(n),
    type: 'file',
    url: page(fp(n)),
    reported: true,
    ...extra
  }
}

/** One artifact reported to acme/shop, nothing else. */
export function outcome(extra: Partial<RunOutcome> = {}): RunOutcome {
  return {
    dryRun: false,
    org: 'acme',
    flow: 'shop',
    host: HOST,
    gitCommit: 'a'.repeat(40),
    commitUrl: `https://github.com/acme/shop/commit/${'a'.repeat(40)}`,
    artifacts: [artifact(1)],
    approvals: [],
    deployments: [],
    ...extra
  }
}

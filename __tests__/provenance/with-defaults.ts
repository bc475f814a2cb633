// gatherProvenance takes every value resolved; main computes the defaults from the run context
// first, and so does this wrapper for the tests that give only some values.
import {
  type GitHubClient,
  type LocalGit,
  type Provenance,
  type ProvenanceOptions,
  type RunContext,
  defaultBuildUrl,
  defaultCommitUrl,
  defaultCommitsBase,
  defaultGitCommit,
  gatherProvenance
} from '../../src/provenance/index.js'

export function gatherWithDefaults(
  ctx: RunContext,
  given: Partial<ProvenanceOptions> & Pick<ProvenanceOptions, 'redact'>,
  deps: { github?: GitHubClient; git: LocalGit; log?: (line: string) => void }
): Promise<Provenance> {
  const gitCommit = given.gitCommit ?? defaultGitCommit(ctx)
  return gatherProvenance(
    ctx,
    {
      commitsBase: defaultCommitsBase(ctx),
      buildUrl: defaultBuildUrl(ctx),
      commitUrl: defaultCommitUrl(ctx, gitCommit),
      ...given,
      gitCommit
    },
    deps
  )
}

import type { AttestationTypeModule, TypeInputs } from './type.js'
import type { MoreKind } from './more.js'

// sbom, sonar, jira and decision: each reads its local evidence first (prepared by the action
// before any request), then asks its outside service, then builds its data (more.ts).

export function moreType(
  kind: MoreKind,
  doc: string,
  inputs: TypeInputs,
  segment?: string
): AttestationTypeModule {
  return {
    input: kind,
    kind,
    doc,
    inputs,
    ...(segment ? { segment } : {}),
    read: async (settings, sources) => {
      const { buildMoreEvidence, prepareMoreEvidence } = await import('./more.js')
      const more = {
        control: settings.control,
        compliant: settings.compliant,
        results: settings.results,
        workspace: settings.workspace,
        sonar: settings.sonar,
        jira: settings.jira
      }
      const prepared = settings.prepared ?? (await prepareMoreEvidence(kind, more))
      return {
        results: [],
        build: async common => {
          const built = await buildMoreEvidence(kind, more, common, prepared, sources)
          return {
            data: built.data,
            file: built.file,
            verdict: {
              compliant: built.compliant,
              details: built.details,
              ...(built.nonCompliantBecause
                ? { nonCompliantBecause: built.nonCompliantBecause }
                : {})
            }
          }
        }
      }
    }
  }
}

import type { ApprovalEvidenceType } from '../evidence/names.js'
import type { ParsedInputs } from '../inputs/table.js'
import type { AttestationTypeModule, InputsOk } from './type.js'

// deployment-approval and code-review: evidence the action computes from GitHub's record of the
// release, sent as generic (the record in user_data) or, with record-as, as a custom type.

export function approvalType(evidence: ApprovalEvidenceType, doc: string): AttestationTypeModule {
  return {
    input: evidence,
    kind: 'generic',
    doc,
    read: async (settings, { gatherApprovalEvidence: gather }) => {
      if (!gather) throw new Error(`The ${evidence} type needs GitHub access, and none was set up.`)
      const { customData, genericData } = await import('../evidence/payloads.js')
      const { type } = settings
      return {
        results: [],
        // GitHub's facts are read before anything is sent: when they cannot be read, Kosli gets nothing.
        build: async common => {
          const approval = await gather()
          const record = approval.record as Record<string, unknown>
          return {
            data:
              type.kind === 'custom'
                ? customData(common, type.typeName ?? '', record)
                : genericData({ ...common, userData: record }, approval.compliant),
            verdict: {
              compliant: approval.compliant,
              approval,
              ...(approval.nonCompliantBecause
                ? { nonCompliantBecause: approval.nonCompliantBecause }
                : {})
            }
          }
        }
      }
    },
    outputs: ({ approval }): Record<string, string> =>
      approval?.commits !== undefined
        ? {
            commits: String(approval.commits),
            unreviewed: JSON.stringify(approval.unreviewed ?? [])
          }
        : {},
    inputs: {
      refuses: {
        compliant: "the action computes the verdict from GitHub's record",
        'attestation-data': `record-as: custom:<type-name> sends the ${evidence} record as the attestation data`
      },
      check: (inputs, _values, ok) => approvalChecks(evidence, inputs, ok)
    }
  }
}

/** The record is the evidence: user-data, which every other type takes, is refused here. */
function approvalChecks(
  evidence: ApprovalEvidenceType,
  inputs: ParsedInputs,
  ok: InputsOk
): string[] {
  const problems: string[] = []
  if (inputs.userData !== undefined) {
    problems.push(
      `'user-data': given with type ${evidence}; expected nothing (the ${evidence} record is the user data)`
    )
  }
  if (evidence === 'deployment-approval' && !inputs.githubEnvironment && ok('github-environment')) {
    problems.push(
      `'github-environment': given nothing; expected the GitHub environment the job deploys to (the job's environment: name) for type deployment-approval`
    )
  }
  if (!inputs.githubToken && ok('github-token')) {
    problems.push(
      `'github-token': given nothing; ${evidence} reads GitHub's record, which needs a token (${evidence === 'deployment-approval' ? 'actions: read' : 'contents: read, pull-requests: read, deployments: read and actions: read'})`
    )
  }
  return problems
}

/**
 * The record-as input of deployment-approval and code-review: `generic`, or `custom:<type-name>`
 * to send the record as that custom type's attestation_data.
 */
export function recordAs<T extends { kind: string; evidence?: ApprovalEvidenceType }>(
  type: T,
  recordAsInput: string | undefined
): { kind: string; typeName?: string; evidence?: ApprovalEvidenceType } {
  if (!type.evidence) return type
  const custom = /^custom:(\S+)$/.exec(recordAsInput?.trim() ?? '')
  return custom
    ? { kind: 'custom', typeName: custom[1], evidence: type.evidence }
    : { kind: 'generic', evidence: type.evidence }
}

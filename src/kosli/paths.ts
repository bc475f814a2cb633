import { PayloadError } from '../shapes/patterns.js'

// Every Kosli endpoint path the action calls, under /api/v2, each value encoded as one segment.

/** Builds a path under /api/v2, encoding every interpolated value: kosliPath`/artifacts/${org}/${flow}`. */
export function kosliPath(
  strings: TemplateStringsArray,
  ...values: Array<string | number>
): string {
  return strings.reduce(
    (path, part, i) =>
      path + part + (i < values.length ? encodeURIComponent(String(values[i])) : ''),
    ''
  )
}

/** The evidence endpoints: flow templates, trails and attestations. */
export const evidencePaths = {
  flowTemplate: (org: string) => kosliPath`/flows/${org}/template_file`,
  trail: (org: string, flow: string) => kosliPath`/trails/${org}/${flow}`,
  getTrail: (org: string, flow: string, trail: string) =>
    kosliPath`/trails/${org}/${flow}/${trail}`,
  /** `kind`: the type's path segment (generic, junit, pull_request, snyk, custom, …). */
  attestation: (org: string, flow: string, trail: string, kind: string) =>
    kosliPath`/attestations/${org}/${flow}/trail/${trail}/${kind}`
}

interface AssertQuery {
  /** Undefined: no flow_name, so Kosli asserts across every flow that holds the artifact. */
  flow?: string
  environment?: string
  policies?: readonly string[]
}

/** GET /asserts/{org}/fingerprint/{fp}: flow_name when given, plus environment_name or each policy_name. */
export function assertPath(org: string, fp: string, query: AssertQuery): string {
  const policies = query.policies ?? []
  if (query.environment && policies.length > 0) {
    throw new PayloadError('environment and policy cannot be used together; give one of them.')
  }
  const params = new URLSearchParams()
  if (query.flow) params.set('flow_name', query.flow)
  if (query.environment) params.set('environment_name', query.environment)
  for (const policy of policies) params.append('policy_name', policy)
  const search = params.toString()
  return `${kosliPath`/asserts/${org}/fingerprint/${fp}`}${search ? `?${search}` : ''}`
}

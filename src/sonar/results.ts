import type { SonarResults } from '../evidence/more-payloads.js'
export async function readSonarResults(
  _a: unknown,
  _b: unknown,
  _c: unknown
): Promise<SonarResults> {
  throw new Error('not yet')
}

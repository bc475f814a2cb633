export type SonarSource = { kind: 'todo' }
export async function sonarSource(_s: unknown, _w: string): Promise<SonarSource> {
  throw new Error('not yet')
}

import type { Answer } from './transport.js'

/** Reads the decoded body, at most `cap` bytes: past it, stops reading (the rest never arrives). */
export async function readCapped(
  answer: Pick<Answer, 'body' | 'cancel'>,
  cap: number
): Promise<{ bytes: Buffer; over: boolean }> {
  const chunks: Uint8Array[] = []
  let size = 0
  try {
    for await (const value of answer.body) {
      if (size + value.byteLength > cap) {
        chunks.push(value.subarray(0, cap - size))
        // Closing the connection stops a gzip bomb or an endless body here.
        answer.cancel()
        return { bytes: Buffer.concat(chunks, cap), over: true }
      }
      chunks.push(value)
      size += value.byteLength
    }
  } catch (error) {
    answer.cancel()
    throw error
  }
  return { bytes: Buffer.concat(chunks, size), over: false }
}

/** `10 MiB`, `4 MiB`, `512 KiB`, `100 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

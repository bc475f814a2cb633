/** Reads the decoded body, at most `cap` bytes: past it, stops reading (the rest never arrives). */
export async function readCapped(
  response: Response,
  cap: number
): Promise<{ bytes: Buffer; over: boolean }> {
  if (!response.body) return { bytes: Buffer.alloc(0), over: false }
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) return { bytes: Buffer.concat(chunks, size), over: false }
    if (size + value.byteLength > cap) {
      chunks.push(value.subarray(0, cap - size))
      // Cancelling closes the connection, so a gzip bomb or an endless body stops here.
      await reader.cancel().catch(() => undefined)
      return { bytes: Buffer.concat(chunks, cap), over: true }
    }
    chunks.push(value)
    size += value.byteLength
  }
}

/** `10 MiB`, `4 MiB`, `512 KiB`, `100 bytes`. */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  return `${bytes} bytes`
}

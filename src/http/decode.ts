import { type Readable, Transform, pipeline } from 'node:stream'
import * as zlib from 'node:zlib'

// No body to decode in these answers (fetch leaves them alone too).
const NULL_BODY = new Set([101, 204, 205, 304])

/**
 * The body as fetch gives it: each content coding undone, the last applied first. A coding
 * fetch does not know is passed on as it came. (undici's request() leaves the body as sent.)
 */
export function decoded(
  body: Readable,
  method: string,
  status: number,
  encoding: string | null
): AsyncIterable<Uint8Array> {
  const codings = (encoding ?? '')
    .toLowerCase()
    .split(',')
    .map(coding => coding.trim())
    .filter(Boolean)
    .reverse()
  if (codings.length === 0 || method.toUpperCase() === 'HEAD' || NULL_BODY.has(status)) {
    return body
  }
  const decoders: Transform[] = []
  for (const coding of codings) {
    const decoder = decoderFor(coding)
    if (!decoder) return body
    decoders.push(decoder)
  }
  // A broken or cut stream destroys every stage with its error, so the reader sees it.
  let out: Readable = body
  for (const decoder of decoders) out = pipeline(out, decoder, () => undefined)
  return out
}

// Lenient about an answer cut short, as fetch is: what arrived is decoded.
const FLUSH = { flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH }

function decoderFor(coding: string): Transform | undefined {
  if (coding === 'gzip' || coding === 'x-gzip') return zlib.createGunzip(FLUSH)
  if (coding === 'deflate') return inflate()
  if (coding === 'br') {
    const brotli = zlib.constants.BROTLI_OPERATION_FLUSH
    return zlib.createBrotliDecompress({ flush: brotli, finishFlush: brotli })
  }
  return undefined
}

// `deflate` is meant as zlib-wrapped, but some servers send it raw: the first byte tells, as
// fetch tells it (a zlib header's low nibble is 8, the deflate method).
function inflate(): Transform {
  let inner: zlib.Inflate | zlib.InflateRaw | undefined
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (!inner) {
        const raw = (chunk[0] & 0x0f) !== 0x08
        inner = raw ? zlib.createInflateRaw(FLUSH) : zlib.createInflate(FLUSH)
        inner.on('data', (data: Buffer) => this.push(data))
        inner.on('error', error => this.destroy(error))
      }
      inner.write(chunk, () => done())
    },
    flush(done) {
      if (!inner) return done()
      inner.once('end', () => done())
      inner.end()
    },
    destroy(error, done) {
      inner?.destroy()
      done(error)
    }
  })
}

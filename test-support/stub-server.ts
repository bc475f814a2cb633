// A tiny HTTP stub for the client tests: `handler` answers the n-th request (1-based), and
// every request and every connection accepted is recorded. Call stopStubs() after each test.
import * as http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Log } from '../src/redact.js'

export interface SeenRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

export type StubHandler = (req: http.IncomingMessage, res: http.ServerResponse, n: number) => void

export interface Stub {
  origin: string
  seen: SeenRequest[]
  /** The connections the server accepted, to count how many requests shared one. */
  sockets: Socket[]
  close(): Promise<void>
}

const open: Stub[] = []

export async function serve(handler: StubHandler): Promise<Stub> {
  const seen: SeenRequest[] = []
  const sockets: Socket[] = []
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', c => chunks.push(c as Buffer))
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8')
      })
      handler(req, res, seen.length)
    })
  })
  server.on('connection', socket => sockets.push(socket))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const stub: Stub = {
    origin: `http://127.0.0.1:${port}`,
    seen,
    sockets,
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
  open.push(stub)
  return stub
}

export async function stopStubs(): Promise<void> {
  await Promise.all(open.splice(0).map(stub => stub.close()))
}

export function json(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {}
): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers })
  res.end(JSON.stringify(body))
}

/** A Log that keeps every line, prefixed with its level. */
export function recorder(): { log: Log; lines: string[]; text(): string } {
  const lines: string[] = []
  return {
    lines,
    text: () => lines.join('\n'),
    log: {
      info: m => lines.push(`info: ${m}`),
      debug: m => lines.push(`debug: ${m}`),
      warning: m => lines.push(`warning: ${m}`),
      startGroup: n => lines.push(`group: ${n}`),
      endGroup: () => lines.push('endgroup')
    }
  }
}

/** The error a request failed with; throws when it did not fail. */
export async function failure<E extends Error = Error>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise
  } catch (error) {
    return error as E
  }
  throw new Error('expected the request to fail')
}

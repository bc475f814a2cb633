// A forwarding proxy for the tests: it answers CONNECT only, resolves the test host names itself
// (the machine's resolver knows none of them) and records where each tunnel went.
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'

export interface Tunnel {
  /** As the client asked for it: `kosli.test:40123`. */
  target: string
  host: string
  port: number
  /** The Proxy-Authorization header, if sent. */
  authorization?: string
  /** False when the proxy refused it (a name it does not know, or the target refused). */
  opened: boolean
}

export class ConnectProxy {
  readonly tunnels: Tunnel[] = []
  /** Requests that were not CONNECT (a client sending a plain request to the proxy). */
  readonly plainRequests: string[] = []
  private readonly server: Server
  private readonly sockets = new Set<Socket>()
  private origin = ''

  /**
   * `hosts`: the names it resolves, to addresses (e.g. `{ 'kosli.test': '127.0.0.1' }`).
   * `authorization`: the Proxy-Authorization it asks for (407 without it), e.g. `Basic dTpw`.
   */
  constructor(
    private readonly hosts: Record<string, string>,
    private readonly authorization?: string
  ) {
    this.server = createServer((req, res) => {
      this.plainRequests.push(`${req.method} ${req.url}`)
      res.writeHead(405, { 'content-type': 'text/plain' }).end('this proxy only tunnels (CONNECT)')
    })
    this.server.on('connection', socket => this.track(socket))
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) =>
      this.tunnel(req, client, head)
    )
  }

  /** e.g. http://127.0.0.1:40125 */
  get url(): string {
    return this.origin
  }

  /** The tunnels opened to a host (any port), or to `host:port`. */
  tunnelsTo(target: string): Tunnel[] {
    return this.tunnels.filter(t => t.opened && (t.target === target || t.host === target))
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject)
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject)
        resolve()
      })
    })
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this
  }

  async close(): Promise<void> {
    if (!this.server.listening) return
    const closed = new Promise<void>(resolve => this.server.close(() => resolve()))
    for (const socket of this.sockets) socket.destroy()
    await closed
  }

  private tunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    const target = req.url ?? ''
    const match = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target)
    const host = match?.[1].toLowerCase() ?? target
    const port = Number(match?.[2] ?? 0)
    const authorization = req.headers['proxy-authorization']
    const tunnel: Tunnel = {
      target,
      host,
      port,
      opened: false,
      ...(authorization ? { authorization } : {})
    }
    this.tunnels.push(tunnel)
    if (this.authorization && authorization !== this.authorization) {
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\n' +
          'proxy-authenticate: Basic realm="test"\r\nconnection: close\r\n\r\n'
      )
      return
    }
    const address = this.hosts[host]
    if (!address || !port) {
      client.end(`HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n`)
      return
    }
    const upstream = this.track(connect(port, address))
    upstream.once('connect', () => {
      tunnel.opened = true
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    upstream.on('error', () => {
      if (tunnel.opened) client.destroy()
      else client.end(`HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\n\r\n`)
    })
    client.on('error', () => upstream.destroy())
    client.on('close', () => upstream.destroy())
  }

  private track(socket: Socket): Socket {
    this.sockets.add(socket)
    socket.on('close', () => this.sockets.delete(socket))
    return socket
  }
}

export async function startConnectProxy(
  hosts: Record<string, string>,
  authorization?: string
): Promise<ConnectProxy> {
  return new ConnectProxy(hosts, authorization).listen()
}

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received { path: string, headers: IncomingHttpHeaders, body: string }

/**
 * A partner's webhook receiver on 127.0.0.1: records every request and answers with the status
 * `respond` gives (200 unless told otherwise), or never answers when it gives 'hang'.
 */
export class Receiver {
  readonly received: Received[] = []
  respond: (r: Received) => number | 'hang' = () => 200
  /** The answer's body. */
  respondBody = 'ok'
  private server: Server | null = null
  private port = 0

  async start (): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (c: Buffer) => chunks.push(c))
      req.on('end', () => {
        const r: Received = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }
        this.received.push(r)
        const status = this.respond(r)
        if (status === 'hang') return
        res.writeHead(status, { 'content-type': 'text/plain' }).end(this.respondBody)
      })
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    this.port = (this.server.address() as AddressInfo).port
    return this
  }

  url (path = '/hooks'): string { return `http://127.0.0.1:${this.port}${path}` }

  /** Headers as Standard Webhooks' verify() takes them. */
  static headers (r: Received): Record<string, string> {
    return Object.fromEntries(Object.entries(r.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v ?? '']))
  }

  async close (): Promise<void> {
    if (!this.server) return
    this.server.closeAllConnections()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }
}

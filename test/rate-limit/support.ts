import { randomBytes } from 'node:crypto'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { Redis } from 'ioredis'
import { expect } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { openTestDb, TestClock } from '../support/harness.js'
import type { Reply } from '../api/helpers.js'

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** A Redis namespace of its own for each test, so parallel runs never share counters. */
export function uniquePrefix (): string {
  return `partner-api-test:${randomBytes(6).toString('hex')}`
}

/** Deletes every counter a test left under its prefix. */
export async function dropPrefix (prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL)
  try {
    const keys = await redis.keys(`${prefix}:*`)
    if (keys.length) await redis.del(...keys)
  } finally {
    await redis.quit()
  }
}

/** The rate-limit headers of a reply, as sent. */
export function rateHeaders (res: Reply): { limit: unknown, remaining: unknown, reset: unknown } {
  return { limit: res.headers['ratelimit-limit'], remaining: res.headers['ratelimit-remaining'], reset: res.headers['ratelimit-reset'] }
}

/**
 * Asserts a 429 exactly: the guide's error body, Retry-After, and the headers of the refusal.
 * `retryAfterS` is the one value Retry-After must have, or (real-time windows) the values it may have.
 */
export function expectTooMany (res: Reply, limit: number, retryAfterS: number | number[]): void {
  const allowed = [retryAfterS].flat()
  const sent = Number(res.headers['retry-after'])
  const s = allowed.includes(sent) ? sent : allowed[0]
  expect({ statusCode: res.statusCode, body: res.json(), retryAfter: res.headers['retry-after'], ...rateHeaders(res) }).toEqual({
    statusCode: 429,
    body: {
      statusCode: 429,
      message: `Too many requests, retry in ${s} ${s === 1 ? 'second' : 'seconds'}`,
      error: 'Too Many Requests',
      code: 'rate_limited',
      requestId: res.headers['x-request-id']
    },
    retryAfter: String(s),
    limit: String(limit),
    remaining: '0',
    reset: String(s)
  })
}

/** A reply, with when its request left and when its answer came (ms). */
export type Timed = Reply & { sentAt: number, answeredAt: number }

export async function timed (send: () => Promise<Reply>): Promise<Timed> {
  const sentAt = Date.now()
  const res = await send()
  return Object.assign(res, { sentAt, answeredAt: Date.now() })
}

/**
 * The seconds a real-time window (or block) of `lengthS` that `opener` opened can have left when
 * `res` is answered: one value when the test runs at its usual pace, a range only as wide as the
 * time the test itself took, so a slow machine cannot make the assertion flaky.
 */
export function secondsLeft (lengthS: number, opener: Timed, res: Timed = opener): number[] {
  const lo = Math.max(1, Math.ceil((opener.sentAt + lengthS * 1000 - res.answeredAt) / 1000))
  const hi = Math.min(lengthS, Math.ceil((opener.answeredAt + lengthS * 1000 - res.sentAt) / 1000))
  const values: number[] = []
  for (let v = lo; v <= hi; v++) values.push(v)
  return values
}

/** Matches a header that holds one of `values`. */
export const oneOf = (values: number[]) => expect.stringMatching(new RegExp(`^(${values.join('|')})$`))

export interface LogLine { level: number, msg: string }

export interface Instance { app: App, db: Db, logs: LogLine[], close: () => Promise<void> }

/**
 * One service process: its own database, or `shared` (another instance's, as two processes behind
 * a load balancer share one), with its log lines captured.
 */
export async function startInstance (env: Record<string, string>, shared?: Db): Promise<Instance> {
  const config = loadConfig({ PUBLIC_BASE_URL: 'http://partner.test', ...env })
  const own = shared ? null : await openTestDb()
  const db = shared ?? own!.db
  const logs: LogLine[] = []
  const stream = { write: (line: string) => { logs.push(JSON.parse(line) as LogLine) } }
  let app: App
  try {
    app = await buildApp({ config, db, clock: new TestClock(), logger: { level: 'info', stream } })
    await app.ready()
  } catch (err) {
    await own?.drop()
    throw err
  }
  return { app, db, logs, close: async () => { await app.close(); await own?.drop() } }
}

export const warnings = (logs: LogLine[]): string[] => logs.filter((l) => l.level >= 40).map((l) => l.msg)
export const rateLimiterLogs = (logs: LogLine[]): Array<[number, string]> =>
  logs.filter((l) => l.msg.startsWith('rate limiter:')).map((l) => [l.level, l.msg])

export async function waitFor (what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms))

/**
 * A TCP proxy in front of the shared Redis that a test can cut and restore: the service loses
 * Redis exactly as it would if Redis went down, without stopping the server other tests use.
 */
export class TcpProxy {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  port = 0

  constructor (private readonly target: { host: string, port: number }) {}

  static toRedis (): TcpProxy {
    const url = new URL(REDIS_URL)
    return new TcpProxy({ host: url.hostname, port: Number(url.port || 6379) })
  }

  get url (): string { return `redis://127.0.0.1:${this.port}` }

  async start (): Promise<void> { await this.listen(0) }

  /** Stops accepting connections and drops every open one. */
  async cut (): Promise<void> {
    const server = this.server
    this.server = null
    for (const socket of this.sockets) socket.destroy()
    this.sockets.clear()
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Accepts connections again, on the same port. */
  async restore (): Promise<void> { await this.listen(this.port) }

  private async listen (port: number): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host)
      for (const s of [client, upstream]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => { client.destroy(); upstream.destroy() })
      }
      client.pipe(upstream).pipe(client)
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => resolve())
    })
    this.port = (server.address() as { port: number }).port
    this.server = server
  }
}

import net from 'node:net'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import errorsPlugin from '../../src/plugins/errors.js'
import type { App } from '../../src/types.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { openTestDb } from '../support/harness.js'
import { TEST_ENV } from '../api/helpers.js'

interface LogLine { level: number, msg: string, err?: unknown }

function logSink () {
  const lines: LogLine[] = []
  const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
  return { lines, stream }
}

describe('a client hanging up mid-body', () => {
  let app: App
  let key: PartnerKey
  let port: number
  let drop: () => Promise<void>
  const log = logSink()

  beforeAll(async () => {
    const opened = await openTestDb()
    drop = opened.drop
    app = await buildApp({ config: loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test' }), db: opened.db, logger: { level: 'info', stream: log.stream } })
    await app.listen({ port: 0, host: '127.0.0.1' })
    port = (app.server.address() as net.AddressInfo).port
    key = await createKey(app, 'acme')
  })
  afterAll(async () => { await app.close(); await drop() })

  it('is logged at info at most, never as "database unavailable", and the service keeps answering', async () => {
    const before = log.lines.length
    for (let i = 0; i < 3; i++) {
      const socket = net.connect(port, '127.0.0.1')
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
      socket.write([
        'POST /partner/session HTTP/1.1', 'Host: partner.test', 'Content-Type: application/json',
        `x-api-key: ${key.key}`, 'Content-Length: 5000', '', '{"params":{"metadata":{"note":"'
      ].join('\r\n'))
      await sleep(50)
      socket.destroy()
    }
    await sleep(200)
    const lines = log.lines.slice(before)
    expect(lines.filter((l) => /database/i.test(l.msg))).toEqual([])
    expect(lines.filter((l) => l.level > 30)).toEqual([]) // nothing above info
    expect(lines.some((l) => l.msg === 'client closed the connection before its request was read')).toBe(true)
    const res = await fetch(`http://127.0.0.1:${port}/readyz`)
    expect(res.status).toBe(200)
  })
})

describe('database-down detection', () => {
  const thrown = async (err: Error) => {
    const app = Fastify()
    await app.register(errorsPlugin)
    app.get('/boom', async () => { throw err })
    try { return await app.inject({ url: '/boom' }) } finally { await app.close() }
  }

  it('an ECONNRESET from elsewhere than the database (an outgoing call) is a 500, not a 503', async () => {
    const res = await thrown(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))
    expect(res.statusCode).toBe(500)
    expect(res.headers['retry-after']).toBeUndefined()
  })

  it.each([
    ['PostgreSQL shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['PostgreSQL starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a connection failure (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ['a statement timeout (57014)', Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['SQLite busy', Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' })]
  ])('%s is a 503 with Retry-After', async (_what, err) => {
    const res = await thrown(err)
    expect(res.statusCode).toBe(503)
    expect(res.headers['retry-after']).toBe('5')
  })
})

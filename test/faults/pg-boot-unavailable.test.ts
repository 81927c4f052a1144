import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { Writable } from 'node:stream'
import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { usingPostgres } from '../support/harness.js'
import { TEST_ENV } from '../api/helpers.js'

/** A port that refuses connections until `open()`, then forwards them to `target` (the test's PostgreSQL). */
async function switchableProxy (target: URL) {
  const reserve = net.createServer()
  await new Promise<void>((resolve) => reserve.listen(0, '127.0.0.1', resolve))
  const port = (reserve.address() as net.AddressInfo).port
  await new Promise<void>((resolve) => reserve.close(() => resolve())) // nothing listens: ECONNREFUSED
  const sockets = new Set<net.Socket>()
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => s.destroy()); s.on('close', () => sockets.delete(s)) }
    client.pipe(upstream).pipe(client)
  })
  return {
    port,
    open: async () => { await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve)) },
    close: async () => {
      for (const s of sockets) s.destroy()
      if (proxy.listening) await new Promise<void>((resolve) => proxy.close(() => resolve()))
    }
  }
}

describe.runIf(usingPostgres())('serve booting while PostgreSQL is down', () => {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => { for (const c of cleanups.reverse()) await c() })

  it('listens, answers 503 (/readyz too, /healthz 200), logs one line, and serves once the database is reachable', async () => {
    const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}` // dropped by global-setup
    await ensurePgSchema(url.href, schema)
    const proxy = await switchableProxy(url)
    cleanups.push(proxy.close)
    const viaProxy = new URL(url.href)
    viaProxy.host = `127.0.0.1:${proxy.port}`

    const lines: Array<{ level: number, msg: string }> = []
    const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
    const db: Db = createDatabase({ databaseUrl: viaProxy.href, dataDir: '', pgSchema: schema, pgPoolSize: 2 })
    const config = loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test', DATABASE_URL: viaProxy.href })
    const app: App = await buildApp({ config, db, waitForDatabase: true, logger: { level: 'info', stream } })
    cleanups.push(async () => { await app.close(); await db.close() })
    await app.ready()

    const readyz = await app.inject({ url: '/readyz' })
    expect(readyz.statusCode).toBe(503)
    expect(readyz.json()).toEqual({ statusCode: 503, message: 'Database is not reachable', error: 'Service Unavailable', code: 'database_unavailable', requestId: expect.any(String) })
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' })
    const route = await app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': 'pk_whatever' }, payload: { params: {} } })
    expect(route.statusCode).toBe(503)
    expect(route.headers['retry-after']).toBe('5')
    expect(route.json()).toEqual({ statusCode: 503, message: 'Service temporarily unavailable, try again shortly', error: 'Service Unavailable', code: 'database_unavailable', requestId: expect.any(String) })

    await sleep(1200) // a few retries: still one line, no stack
    const errors = lines.filter((l) => l.level >= 50)
    expect(errors.map((l) => l.msg)).toEqual([expect.stringMatching(/^database unavailable at boot \(.*ECONNREFUSED.*\): listening, answering 503, retrying in the background$/)])

    await proxy.open()
    const opened = Date.now()
    while (Date.now() - opened < 8000 && (await app.inject({ url: '/readyz' })).statusCode !== 200) await sleep(100)
    expect((await app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', database: 'postgres', databaseId: expect.stringMatching(/^[0-9a-f]{16}$/) })
    expect(lines.some((l) => l.msg === 'database reachable: migrations applied, serving requests')).toBe(true)
    const key = await app.ctx.keys.create({ team: 'acme', reviewerId: null, name: null })
    const created = await app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: new Date(Date.now() + 86400_000).toISOString() } } })
    expect(created.statusCode).toBe(201)
  })

  it('without waitForDatabase (tests, commands) a database down at boot still fails the build', async () => {
    const proxy = await switchableProxy(url)
    const viaProxy = new URL(url.href)
    viaProxy.host = `127.0.0.1:${proxy.port}`
    const db = createDatabase({ databaseUrl: viaProxy.href, dataDir: '', pgPoolSize: 1 })
    cleanups.push(async () => { await db.close() })
    const config = loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test' })
    await expect(buildApp({ config, db })).rejects.toMatchObject({ code: 'ECONNREFUSED' })
  })
})

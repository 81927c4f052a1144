import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp, ROOT_DIR } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { Receiver } from '../webhooks/receiver.js'

/**
 * `partner-api serve --workers 2` (the built executable) on PostgreSQL and Redis: two processes run
 * the expiry sweep and webhook dispatch every second on one database, and each event reaches the
 * partner's receiver once. PostgreSQL only (vitest.config.ts).
 */
const BIN = join(ROOT_DIR, 'bin', 'partner-api.js')
const SECRET = 'cluster-test-server-secret-0123456789abcdef'
const SESSIONS = 24

async function freePort (): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

async function until (what: string, check: () => boolean | Promise<boolean>, ms = 40_000): Promise<void> {
  const deadline = Date.now() + ms
  while (!await check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

describe('serve --workers 2 on PostgreSQL', () => {
  const url = process.env.TEST_DATABASE_URL ?? ''
  const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}`
  const receiver = new Receiver()
  const dataDir = mkdtempSync(join(tmpdir(), 'partner-api-cluster-'))
  let child: ChildProcess
  let out = ''
  let base = ''
  let db: Db
  let app: App

  beforeAll(async () => {
    await receiver.start()
    await ensurePgSchema(url, schema)
    const port = await freePort()
    base = `http://127.0.0.1:${port}`
    child = spawn(process.execPath, [BIN, 'serve', '--workers', '2'], {
      cwd: ROOT_DIR,
      env: {
        PATH: process.env.PATH ?? '',
        DATABASE_URL: url,
        PGOPTIONS: `-c search_path=${schema}`,
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        SERVER_SECRET: SECRET,
        DATA_DIR: dataDir,
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_BASE_URL: base,
        LOG_FORMAT: 'json',
        EXPIRY_SWEEP_INTERVAL_S: '1',
        WEBHOOK_DISPATCH_INTERVAL_S: '1',
        WEBHOOK_ALLOW_PRIVATE_URLS: 'true'
      }
    })
    child.stdout?.on('data', (d) => { out += String(d) })
    child.stderr?.on('data', (d) => { out += String(d) })
    // Both workers listening (each logs its boot line).
    await until('two workers listening', () => out.split('partner-api listening on').length - 1 >= 2, 100_000)
      .catch((err: Error) => { throw new Error(`${err.message}; output: ${out}`) })
    // The keys, from an app of our own on the schema the workers migrated (no background jobs).
    db = createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 2 })
    app = await buildApp({ config: loadConfig({ SERVER_SECRET: SECRET, DATA_DIR: dataDir, LOG_LEVEL: 'silent' }), db })
    await app.ready()
  }, 120_000)

  afterAll(async () => {
    if (child.exitCode === null) {
      const closed = new Promise((resolve) => child.on('close', resolve))
      child.kill('SIGTERM')
      await closed
    }
    await app?.close()
    await db?.close()
    await receiver.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('starts two workers, and delivers each event once though both sweep and dispatch every second', async () => {
    expect(out).toContain('starting 2 workers')
    const { key } = await app.ctx.keys.create({ team: 'cluster' })
    const headers = { 'x-api-key': key, 'content-type': 'application/json' }
    const hook = await fetch(`${base}/partner/webhooks`, { method: 'POST', headers, body: JSON.stringify({ url: receiver.url() }) })
    expect(hook.status).toBe(201)

    // Sessions that expire within seconds: each makes session.created, then (by a sweep) session.expired.
    const expiryDate = new Date(Date.now() + 3000).toISOString()
    const ids: number[] = []
    for (let i = 0; i < SESSIONS; i++) {
      const res = await fetch(`${base}/partner/session`, { method: 'POST', headers, body: JSON.stringify({ params: { expiryDate } }) })
      expect(res.status).toBe(201)
      ids.push(((await res.json()) as { data: { id: number } }).data.id)
    }
    await until('every event delivered', () => receiver.received.length >= 2 * SESSIONS, 60_000)
    // A few more rounds of both workers: nothing is sent again.
    await new Promise((resolve) => setTimeout(resolve, 3000))

    const eventIds = receiver.received.map((r) => r.headers['webhook-id'])
    expect(new Set(eventIds).size).toBe(eventIds.length)
    expect(eventIds).toHaveLength(2 * SESSIONS)
    const bodies = receiver.received.map((r) => JSON.parse(r.body) as { type: string, data: { sessionId: number } })
    for (const type of ['session.created', 'session.expired']) {
      expect(bodies.filter((b) => b.type === type).map((b) => b.data.sessionId).sort((a, b) => a - b)).toEqual(ids)
    }
    // The database agrees: one expiry per session, each event dispatched once, every delivery sent once.
    const expired = await db.kysely.selectFrom('events').select('sessionId').where('type', '=', 'session.expired').execute()
    expect(expired).toHaveLength(SESSIONS)
    const deliveries = await db.kysely.selectFrom('webhookDeliveries').select(['status', 'attempts']).execute()
    expect(deliveries).toHaveLength(2 * SESSIONS)
    expect(deliveries.every((d) => d.status === 'DELIVERED' && Number(d.attempts) === 1)).toBe(true)
  }, 120_000)
})

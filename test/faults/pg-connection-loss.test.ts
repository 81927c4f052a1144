import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, databaseFault, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { createKey, futureIso, type PartnerKey } from '../support/factories.js'
import { usingPostgres } from '../support/harness.js'
import { TEST_ENV } from '../api/helpers.js'

// PostgreSQL-only behaviour: SQLite has no connection to lose. The service's own connections are
// found by an application_name of their own and terminated; the machine's server is never stopped.
describe.runIf(usingPostgres())('PostgreSQL connection loss', () => {
  const url = process.env.TEST_DATABASE_URL!
  const apps: Array<{ app: App, db: Db }> = []

  /** An app on a fresh schema whose pool connects as `applicationName`. */
  async function pgApp (applicationName: string, dbOptions: { pgStatementTimeoutMs?: number, pgIdleTxTimeoutMs?: number } = {}, extra?: (app: App) => void) {
    const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}` // dropped by global-setup
    await ensurePgSchema(url, schema)
    const db = createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 5, pgApplicationName: applicationName, ...dbOptions })
    const config = loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test' })
    const app = await buildApp({ config, db })
    extra?.(app)
    await app.ready()
    apps.push({ app, db })
    return { app, db }
  }

  async function terminate (applicationName: string): Promise<number> {
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    try {
      const { rows } = await admin.query('select pg_terminate_backend(pid) as done from pg_stat_activity where application_name = $1', [applicationName])
      return rows.filter((r) => r.done).length
    } finally {
      await admin.end()
    }
  }

  afterAll(async () => {
    for (const { app, db } of apps) { await app.close(); await db.close() }
  })

  describe('connections terminated during a burst of POST /partner/session', () => {
    const applicationName = `partner-api-test-${randomBytes(4).toString('hex')}`
    let app: App
    let db: Db
    let key: PartnerKey

    beforeAll(async () => {
      ({ app, db } = await pgApp(applicationName))
      key = await createKey(app, 'acme')
    })

    const createSession = async () => await app.inject({
      method: 'POST',
      url: '/partner/session',
      headers: { 'x-api-key': key.key },
      payload: { params: { expiryDate: futureIso(app), metadata: { burst: true } } }
    })

    it('keeps the process up, answers 201 or 503 with Retry-After, recovers within 5 s and loses no acknowledged session', async () => {
      const answers: Array<{ status: number, retryAfter: unknown, id?: number, body: string }> = []
      const burst = { running: true }
      const worker = async () => {
        while (burst.running) {
          const res = await createSession()
          answers.push({ status: res.statusCode, retryAfter: res.headers['retry-after'], id: res.statusCode === 201 ? res.json().data.id : undefined, body: res.body })
        }
      }
      const workers = Array.from({ length: 8 }, worker)

      await sleep(300)
      const terminated = [await terminate(applicationName)]
      await sleep(150)
      terminated.push(await terminate(applicationName))
      const lastTermination = Date.now()
      await sleep(300)
      burst.running = false
      await Promise.all(workers)

      expect(terminated[0]).toBeGreaterThan(0)
      const statuses = new Set(answers.map((a) => a.status))
      expect([...statuses].filter((s) => s !== 201 && s !== 503), JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 503).slice(0, 3))).toEqual([])
      for (const a of answers.filter((a) => a.status === 503)) {
        expect(a.retryAfter).toBe('5')
        expect(JSON.parse(a.body)).toEqual({ statusCode: 503, message: 'Service temporarily unavailable, try again shortly', error: 'Service Unavailable', code: 'database_unavailable', requestId: expect.any(String) })
      }

      // Answers 201 again by itself, within 5 s of the database being reachable again.
      let recoveredAfterMs: number | null = null
      while (Date.now() - lastTermination < 5000) {
        if ((await createSession()).statusCode === 201) { recoveredAfterMs = Date.now() - lastTermination; break }
        await sleep(50)
      }
      expect(recoveredAfterMs).not.toBeNull()

      const acknowledged = answers.filter((a) => a.status === 201).map((a) => a.id!)
      expect(acknowledged.length).toBeGreaterThan(0)
      const stored = await db.kysely.selectFrom('sessions').select('id').where('id', 'in', acknowledged).execute()
      expect(stored.map((r) => r.id).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b))
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200)
    })

    it('a connection terminated while idle in the pool costs no request', async () => {
      expect((await createSession()).statusCode).toBe(201)
      expect(await terminate(applicationName)).toBeGreaterThan(0)
      await sleep(100) // the pool hears of it and drops the client
      expect((await createSession()).statusCode).toBe(201)
    })
  })

  describe('query timeouts', () => {
    it('statement_timeout cuts a hung query: 503 with Retry-After, not a request held for its duration', async () => {
      const { app } = await pgApp(`partner-api-test-${randomBytes(4).toString('hex')}`, { pgStatementTimeoutMs: 200 }, (a) => {
        a.get('/test/hung-query', { config: { auth: 'none' } }, async () => {
          await sql`select pg_sleep(5)`.execute(a.ctx.db.kysely)
          return { finished: true }
        })
      })
      const started = Date.now()
      const res = await app.inject({ url: '/test/hung-query' })
      expect(Date.now() - started).toBeLessThan(2000)
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.json()).toEqual({ statusCode: 503, message: 'Service temporarily unavailable, try again shortly', error: 'Service Unavailable', code: 'database_unavailable', requestId: expect.any(String) })
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200) // the connection stays usable
    })

    it('idle_in_transaction_session_timeout ends a transaction left open, without ending the process', async () => {
      const { db } = await pgApp(`partner-api-test-${randomBytes(4).toString('hex')}`, { pgIdleTxTimeoutMs: 200 })
      const err = await db.kysely.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx)
        await sleep(700)
        await sql`select 1`.execute(trx)
      }).then(() => null, (e: unknown) => e)
      expect(err).not.toBeNull()
      expect(databaseFault(err)).toBe('unavailable')
      expect(await db.ping()).toBe(true)
    })

    it('every connection carries the configured timeouts', async () => {
      const { db } = await pgApp(`partner-api-test-${randomBytes(4).toString('hex')}`, { pgStatementTimeoutMs: 1234, pgIdleTxTimeoutMs: 5678 })
      const { rows } = await sql<{ s: string, i: string }>`select current_setting('statement_timeout') as s, current_setting('idle_in_transaction_session_timeout') as i`.execute(db.kysely)
      expect(rows[0]).toEqual({ s: '1234ms', i: '5678ms' })
    })
  })
})

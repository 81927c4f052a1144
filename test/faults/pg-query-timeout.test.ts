import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { sql } from 'kysely'
import { createDatabase, databaseFault, ensurePgSchema, PG_CLIENT_TIMEOUT_MARGIN_MS } from '../../src/db/database.js'
import { usingPostgres } from '../support/harness.js'

/** Forwards to the test's PostgreSQL until `freeze()`: then every byte either way is held back (a hung server or network). */
async function freezableProxy (target: URL) {
  let frozen = false
  const sockets = new Set<net.Socket>()
  const proxy = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname)
    for (const s of [client, upstream]) { sockets.add(s); s.on('error', () => s.destroy()); s.on('close', () => sockets.delete(s)) }
    client.on('data', (chunk) => { if (!frozen) upstream.write(chunk) })
    upstream.on('data', (chunk) => { if (!frozen) client.write(chunk) })
    client.on('close', () => upstream.destroy())
    upstream.on('close', () => client.destroy())
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  return {
    port: (proxy.address() as net.AddressInfo).port,
    freeze: () => { frozen = true },
    thaw: () => { frozen = false },
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => proxy.close(() => resolve()))
    }
  }
}

describe.runIf(usingPostgres())('PostgreSQL client-side query timeout', () => {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  const cleanups: Array<() => Promise<void>> = []
  afterAll(async () => { for (const c of cleanups.reverse()) await c() })

  it('a hung connection costs a query the statement timeout plus the margin, is reported as a timeout, and is not reused', async () => {
    const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}` // dropped by global-setup
    await ensurePgSchema(url.href, schema)
    const proxy = await freezableProxy(url)
    cleanups.push(proxy.close)
    const viaProxy = new URL(url.href)
    viaProxy.host = `127.0.0.1:${proxy.port}`
    const db = createDatabase({ databaseUrl: viaProxy.href, dataDir: '', pgSchema: schema, pgPoolSize: 1, pgStatementTimeoutMs: 300 })
    cleanups.push(async () => { await db.close() })

    expect((await sql<{ one: number }>`select 1 as one`.execute(db.kysely)).rows).toEqual([{ one: 1 }])

    proxy.freeze()
    const started = Date.now()
    const err = await sql`select 1`.execute(db.kysely).then(() => null, (e: unknown) => e)
    const elapsed = Date.now() - started
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).message).toBe('Query read timeout')
    expect(databaseFault(err)).toBe('timeout')
    // Without the client-side limit the query waits as long as the hang lasts (here: for ever).
    expect(elapsed).toBeGreaterThanOrEqual(300 + PG_CLIENT_TIMEOUT_MARGIN_MS - 50)
    expect(elapsed).toBeLessThan(10_000)

    // The pool holds one connection: had the hung client gone back to it, this query would queue behind the hung one.
    proxy.thaw()
    expect((await sql<{ two: number }>`select 2 as two`.execute(db.kysely)).rows).toEqual([{ two: 2 }])
  })

  it('migrations keep no client-side limit (they may outlast a request) and restore it afterwards', async () => {
    const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}`
    await ensurePgSchema(url.href, schema)
    const db = createDatabase({ databaseUrl: url.href, dataDir: '', pgSchema: schema, pgPoolSize: 1, pgStatementTimeoutMs: 200 })
    cleanups.push(async () => { await db.close() })
    await db.kysely.connection().execute(async (conn) => {
      await sql.raw('set statement_timeout = 0').execute(conn)
      await sql`select pg_sleep(${(200 + PG_CLIENT_TIMEOUT_MARGIN_MS + 300) / 1000})`.execute(conn)
      await sql.raw('reset statement_timeout').execute(conn)
    })
    const err = await sql`select pg_sleep(1)`.execute(db.kysely).then(() => null, (e: unknown) => e)
    expect(databaseFault(err)).toBe('timeout')
  })
})

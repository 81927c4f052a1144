import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { usingPostgres } from '../support/harness.js'

/**
 * Several stateless processes start at once on one fresh database (a deploy, an autoscaler): each
 * migrates and, finding no sources, imports the default catalog. All of them must come up.
 */
describe('several instances booting at once on one fresh database', () => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => { for (const c of cleanup.splice(0).reverse()) await c() })

  /** `n` separate connections (pools) to one new database, as separate processes would have. */
  async function sharedDatabases (n: number): Promise<Db[]> {
    if (usingPostgres()) {
      const url = process.env.TEST_DATABASE_URL as string
      const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}`
      await ensurePgSchema(url, schema)
      return Array.from({ length: n }, () => createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 3 }))
    }
    const dir = mkdtempSync(join(tmpdir(), 'partner-api-boot-'))
    cleanup.push(async () => { rmSync(dir, { recursive: true, force: true }) })
    return Array.from({ length: n }, () => createDatabase({ databaseUrl: null, dataDir: dir }))
  }

  it('every instance starts, and the catalog is imported once', async () => {
    const dbs = await sharedDatabases(4)
    for (const db of dbs) cleanup.push(async () => { await db.close() })
    const config = loadConfig({ PUBLIC_BASE_URL: 'http://partner.test', APP_DEEPLINK_BASE_URL: 'https://app.partner.test' })
    const outcomes = await Promise.allSettled(dbs.map(async (db) => await buildApp({ config, db })))
    for (const o of outcomes) if (o.status === 'fulfilled') cleanup.push(async () => { await (o.value as App).close() })
    const failures = outcomes.flatMap((o) => o.status === 'rejected' ? [String((o.reason as Error)?.message ?? o.reason)] : [])
    expect(failures).toEqual([])

    const k = dbs[0].kysely
    const keys = await k.selectFrom('sources').select('sourceNameKey').execute()
    expect(keys.length).toBeGreaterThan(0)
    expect(new Set(keys.map((r) => r.sourceNameKey)).size).toBe(keys.length)
  })
})

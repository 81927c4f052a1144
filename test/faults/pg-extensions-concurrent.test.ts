import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { createDatabase, ensurePgSchema, migrateToLatest, type Db } from '../../src/db/database.js'
import { usingPostgres } from '../support/harness.js'

// Migrations 0012 (pg_trgm) and 0027 (btree_gin) create extensions, which belong to the database, not
// to a schema: two deployments (or a deployment and its tests) migrating two schemas of one new
// database at the same moment must take turns, not fail on the catalog's unique key
// ("duplicate key value violates unique constraint pg_extension_name_index"). They do because Kysely's
// migrator holds one advisory lock for the whole database (not per schema) while it migrates; this
// pins it. A database of its own, created here and dropped after, so that neither extension exists
// when the race starts.
describe.runIf(usingPostgres())('PostgreSQL: two schemas migrated at once in a new database', () => {
  const url = new URL(process.env.TEST_DATABASE_URL!)
  const name = `pa_ext_${randomBytes(5).toString('hex')}`
  const dbs: Db[] = []

  async function admin<T> (run: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url.toString() })
    await client.connect()
    try { return await run(client) } finally { await client.end() }
  }

  afterAll(async () => {
    await Promise.all(dbs.map(async (db) => await db.close()))
    await admin(async (c) => await c.query(`drop database if exists ${name} with (force)`))
  })

  it('creates pg_trgm and btree_gin once, and both schemas end migrated with the search index', async () => {
    await admin(async (c) => await c.query(`create database ${name}`))
    const own = new URL(url.toString())
    own.pathname = `/${name}`
    const schemas = ['one', 'two']
    for (const schema of schemas) await ensurePgSchema(own.toString(), schema)
    for (const schema of schemas) dbs.push(createDatabase({ databaseUrl: own.toString(), dataDir: '', pgSchema: schema, pgPoolSize: 2 }))
    const results = await Promise.allSettled(dbs.map(async (db) => await migrateToLatest(db)))
    expect(results.map((r) => r.status === 'rejected' ? String(r.reason) : 'ok')).toEqual(['ok', 'ok'])
    const client = new pg.Client({ connectionString: own.toString() })
    await client.connect()
    try {
      const { rows: extensions } = await client.query("select extname from pg_extension where extname in ('pg_trgm', 'btree_gin') order by extname")
      expect(extensions.map((r) => r.extname)).toEqual(['btree_gin', 'pg_trgm'])
      const { rows: indexes } = await client.query("select schemaname from pg_indexes where indexname = 'sessions_search_hour_idx' order by schemaname")
      expect(indexes.map((r) => r.schemaname)).toEqual(schemas)
    } finally {
      await client.end()
    }
  })
})

import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { createDatabase, databaseFault, ensurePgSchema, type Db } from '../../src/db/database.js'
import { PREPARE_SEARCH } from '../../src/db/pg-prepared.js'

// PostgreSQL only (vitest.config.ts pgOnly). Named prepared statements (src/db/pg-prepared.ts): one
// connection (a pool of 1), so pg_prepared_statements shows what it prepared.
describe('PostgreSQL named prepared statements', () => {
  const url = process.env.TEST_DATABASE_URL as string
  let schema: string
  let db: Db
  const prepared = async () => (await sql<{ name: string, statement: string, runs: number }>`select name, statement,
    generic_plans + custom_plans as runs from pg_prepared_statements where name like 'pa\\_%' order by statement`.execute(db.kysely)).rows

  beforeAll(async () => {
    schema = `t_${inject('pgRun')}_prep_${randomBytes(4).toString('hex')}`
    await ensurePgSchema(url, schema)
    db = createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 1, pgPreparedStatements: 3 })
    await sql`create table items (id integer primary key, name text)`.execute(db.kysely)
    await sql`insert into items values (1, 'one'), (2, 'two'), (3, 'three')`.execute(db.kysely)
  })
  afterAll(async () => { await db.close() })

  const byId = async (id: number) => await (db.kysely as any).selectFrom('items').selectAll().where('id', '=', id).executeTakeFirst()

  it('prepares a statement with parameters once and runs it again by name', async () => {
    await sql`deallocate all`.execute(db.kysely)
    expect(await byId(1)).toEqual({ id: 1, name: 'one' })
    expect(await byId(2)).toEqual({ id: 2, name: 'two' })
    const rows = await prepared()
    expect(rows).toHaveLength(1)
    expect(rows[0].statement).toBe('select * from "items" where "id" = $1')
    expect(Number(rows[0].runs)).toBe(2)
  })

  it('keeps at most the bound per connection, the least recently used deallocated', async () => {
    await sql`deallocate all`.execute(db.kysely)
    const k = db.kysely as any
    await k.selectFrom('items').select('id').where('id', '=', 1).execute()
    await k.selectFrom('items').select('name').where('id', '=', 1).execute()
    await k.selectFrom('items').select(['id', 'name']).where('id', '=', 1).execute()
    await k.selectFrom('items').select('id').where('name', '=', 'one').execute()
    await k.selectFrom('items').select('name').where('name', '=', 'one').execute()
    const rows = await prepared()
    expect(rows.length).toBeLessThanOrEqual(3)
    expect(rows.map((r) => r.statement)).not.toContain('select "id" from "items" where "id" = $1')
    // Evicted, then asked again: prepared anew, same answer.
    expect(await k.selectFrom('items').select('id').where('id', '=', 1).execute()).toEqual([{ id: 1 }])
  })

  it('sends searches (like) and statements without parameters unnamed', async () => {
    await sql`deallocate all`.execute(db.kysely)
    const k = db.kysely as any
    expect(await k.selectFrom('items').select('id').where('name', 'like', 't%').orderBy('id').execute()).toEqual([{ id: 2 }, { id: 3 }])
    await sql`select count(*) from items`.execute(db.kysely)
    expect(await prepared()).toEqual([])
    // A search marked as one whose plan does not depend on its pattern is prepared.
    const marked = async (pattern: string) => (await sql<{ id: number }>`${sql.raw(PREPARE_SEARCH)}select id from items where name like ${pattern} order by id`.execute(db.kysely)).rows
    expect(await marked('t%')).toEqual([{ id: 2 }, { id: 3 }])
    expect(await marked('o%')).toEqual([{ id: 1 }])
    const rows = await prepared()
    expect(rows.map((r) => [r.statement, Number(r.runs)])).toEqual([[`${PREPARE_SEARCH}select id from items where name like $1 order by id`, 2]])
  })

  it('after a column is added under a prepared select *: retried at once outside a transaction; in a transaction, where statements of every column are never prepared, nothing fails (a rolling upgrade)', async () => {
    await sql`deallocate all`.execute(db.kysely)
    expect(await byId(3)).toEqual({ id: 3, name: 'three' })
    // Another process migrates (a rolling upgrade).
    const other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
    await other.connect()
    try { await other.query('alter table items add column colour text') } finally { await other.end() }
    expect(await byId(3)).toEqual({ id: 3, name: 'three', colour: null })
    // Prepared again (a new name), then another migration, met inside a transaction this time.
    expect(await byId(3)).toEqual({ id: 3, name: 'three', colour: null })
    const again = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
    await again.connect()
    try { await again.query('alter table items add column size integer') } finally { await again.end() }
    // The same statement in a transaction: unnamed (every column: never prepared there), so the new column is simply there.
    expect(await db.kysely.transaction().execute(async (trx) => await (trx as any).selectFrom('items').selectAll().where('id', '=', 3).executeTakeFirst()))
      .toEqual({ id: 3, name: 'three', colour: null, size: null })
    // Outside, the prepared one meets the change: retried unnamed at once.
    expect(await byId(3)).toEqual({ id: 3, name: 'three', colour: null, size: null })
    // In a transaction, statements naming their columns are prepared, those of every column are not.
    await sql`deallocate all`.execute(db.kysely)
    await db.kysely.transaction().execute(async (trx) => {
      await (trx as any).selectFrom('items').select('name').where('id', '=', 1).executeTakeFirst()
      await (trx as any).updateTable('items').set({ colour: 'red' }).where('id', '=', 1).execute()
      await (trx as any).updateTable('items').set({ size: 2 }).where('id', '=', 2).returningAll().execute()
      await (trx as any).selectFrom('items').selectAll('items').where('id', '=', 2).execute()
    })
    expect((await prepared()).map((r) => r.statement)).toEqual(['select "name" from "items" where "id" = $1', 'update "items" set "colour" = $1 where "id" = $2'])
    expect(await byId(1)).toEqual({ id: 1, name: 'one', colour: 'red', size: null })
    expect((await prepared()).map((r) => r.statement)).toContain('select * from "items" where "id" = $1')
  })

  it('a column\'s type changed under a prepared statement naming it, in a transaction: unavailable (503) once, then works', async () => {
    const named = async () => await db.kysely.transaction().execute(async (trx) => await (trx as any).selectFrom('items').select('name').where('id', '=', 2).executeTakeFirst())
    expect(await named()).toEqual({ name: 'two' })
    const other = new pg.Client({ connectionString: url, options: `-c search_path=${schema}` })
    await other.connect()
    try { await other.query('alter table items alter column name type varchar(100)') } finally { await other.end() }
    // PostgreSQL aborted the transaction: not retried inside it (that would answer 25P02, a 500).
    expect(databaseFault(await named().catch((err: unknown) => err))).toBe('unavailable')
    expect(await named()).toEqual({ name: 'two' })
  })
})

import SQLite from 'better-sqlite3'
import { CamelCasePlugin, Kysely, SqliteDialect, sql, type Generated } from 'kysely'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createDatabase, migrateToLatest, type Db } from '../../src/db/database.js'
import { withStatementCache } from '../../src/db/sqlite-statement-cache.js'

interface TestDb { items: { id: Generated<number>, name: string } }

function open (maxSize?: number) {
  const sqlite = new SQLite(':memory:')
  sqlite.exec('create table items (id integer primary key, name text not null)')
  const prepare = vi.spyOn(sqlite, 'prepare')
  const cached = withStatementCache(sqlite, maxSize)
  const kysely = new Kysely<TestDb>({ dialect: new SqliteDialect({ database: cached }), plugins: [new CamelCasePlugin()] })
  return { sqlite, prepare, cached, kysely }
}

const preparedSql = (prepare: { mock: { calls: unknown[][] } }) => prepare.mock.calls.map((c) => String(c[0]))

describe('SQLite statement cache', () => {
  let kysely: Kysely<TestDb> | undefined
  afterEach(async () => { await kysely?.destroy(); kysely = undefined })

  it('prepares a repeated query once and answers each call with its own parameters', async () => {
    const t = open()
    kysely = t.kysely
    for (let i = 1; i <= 5; i++) await kysely.insertInto('items').values({ id: i, name: `item ${i}` }).execute()
    const names = []
    for (let i = 1; i <= 5; i++) {
      names.push((await kysely.selectFrom('items').select('name').where('id', '=', i).executeTakeFirst())?.name)
    }
    expect(names).toEqual(['item 1', 'item 2', 'item 3', 'item 4', 'item 5'])
    expect(preparedSql(t.prepare)).toEqual([
      'insert into "items" ("id", "name") values (?, ?)',
      'select "name" from "items" where "id" = ?'
    ])
    expect(t.cached.cachedStatements).toBe(2)
  })

  it('keeps writes as writes: run() reports affected rows and inserted ids through a cached statement', async () => {
    const t = open()
    kysely = t.kysely
    await kysely.insertInto('items').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).execute()
    const update = async (from: string) => kysely!.updateTable('items').set({ name: 'z' }).where('name', '=', from).executeTakeFirst()
    expect((await update('a')).numUpdatedRows).toBe(1n)
    expect((await update('a')).numUpdatedRows).toBe(0n)
    expect((await update('b')).numUpdatedRows).toBe(1n)
    const inserted = await kysely.insertInto('items').values({ name: 'c' }).executeTakeFirst()
    expect(inserted.insertId).toBe(3n)
    // RETURNING makes a write a reader: all() runs it, and it still writes.
    const returned = await kysely.insertInto('items').values({ name: 'd' }).returning('id').execute()
    expect(returned).toEqual([{ id: 4 }])
    expect(await kysely.selectFrom('items').select(['id', 'name']).orderBy('id').execute())
      .toEqual([{ id: 1, name: 'z' }, { id: 2, name: 'z' }, { id: 3, name: 'c' }, { id: 4, name: 'd' }])
    expect(preparedSql(t.prepare).filter((s) => s.startsWith('update'))).toHaveLength(1)
  })

  it('evicts the least recently used statement beyond its bound', async () => {
    const t = open(2)
    kysely = t.kysely
    const q1 = async () => sql`select 1 as v`.execute(kysely!)
    const q2 = async () => sql`select 2 as v`.execute(kysely!)
    const q3 = async () => sql`select 3 as v`.execute(kysely!)
    await q1(); await q2(); await q1(); await q3() // q2 is the least recently used: evicted
    expect(t.cached.cachedStatements).toBe(2)
    await q1()
    await q2()
    expect(preparedSql(t.prepare)).toEqual(['select 1 as v', 'select 2 as v', 'select 3 as v', 'select 2 as v'])
    expect((await q3()).rows).toEqual([{ v: 3 }])
  })

  it('prepares a fresh statement while the cached one is still iterating (streamed query)', async () => {
    const t = open()
    kysely = t.kysely
    await kysely.insertInto('items').values([{ id: 1, name: 'a' }, { id: 2, name: 'b' }]).execute()
    const query = 'select name from items order by id'
    const outer = t.cached.prepare(query)
    const seen: unknown[] = []
    for (const row of outer.iterate([])) {
      // Same SQL while the first statement is busy: a second statement, not the busy one.
      seen.push(row, t.cached.prepare(query).all([]))
    }
    expect(seen).toEqual([{ name: 'a' }, [{ name: 'a' }, { name: 'b' }], { name: 'b' }, [{ name: 'a' }, { name: 'b' }]])
    expect(t.cached.prepare(query)).toBe(outer)
  })

  it('sees schema changes made after a statement was cached', async () => {
    const t = open()
    kysely = t.kysely
    await kysely.insertInto('items').values({ id: 1, name: 'a' }).execute()
    const all = async () => sql`select * from items`.execute(kysely!)
    expect((await all()).rows).toEqual([{ id: 1, name: 'a' }])
    t.sqlite.exec("alter table items add column note text not null default 'n'")
    expect((await all()).rows).toEqual([{ id: 1, name: 'a', note: 'n' }])
  })
})

describe('createDatabase on SQLite', () => {
  let db: Db | undefined
  afterEach(async () => { await db?.close(); db = undefined })

  it('serves the migrated schema through the cache and keeps BEGIN IMMEDIATE transactions', async () => {
    db = createDatabase({ databaseUrl: null, dataDir: '', sqliteFile: ':memory:' })
    await migrateToLatest(db)
    const insertTeam = async (name: string) => db!.kysely.insertInto('teams').values({ name, createdAt: '2026-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()
    const a = await insertTeam('a')
    const b = await insertTeam('b')
    expect(b.id).toBe(a.id + 1)
    // A failed transaction rolls back through the cached begin/rollback statements, twice.
    for (let i = 0; i < 2; i++) {
      await expect(db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('teams').values({ name: 'rolled back', createdAt: '2026-01-01T00:00:00.000Z' }).execute()
        throw new Error('abort')
      })).rejects.toThrow('abort')
    }
    const names = await db.kysely.selectFrom('teams').select('name').orderBy('id').execute()
    expect(names).toEqual([{ name: 'a' }, { name: 'b' }])
  })
})

describe('SQLite statement cache of size 0', () => {
  it('prepares every query afresh (the cache switched off)', async () => {
    const t = open(0)
    const kysely = t.kysely
    for (let i = 0; i < 3; i++) await sql`select 1 as v`.execute(kysely)
    expect(t.prepare).toHaveBeenCalledTimes(3)
    expect(t.cached.cachedStatements).toBe(0)
    await kysely.destroy()
  })
})

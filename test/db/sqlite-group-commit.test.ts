import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, SqliteDialect, sql, type Driver, type Generated } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { withGroupCommit } from '../../src/db/sqlite-group-commit.js'

interface T { items: { id: Generated<number>, name: string, parent: number | null } }

/** A file database (WAL, as served) whose transactions group (maxGroup), with the COMMITs it ran counted. */
function open (maxGroup: number) {
  const dir = mkdtempSync(join(tmpdir(), 'pa-group-commit-'))
  const file = join(dir, 'db.sqlite')
  const sqlite = new SQLite(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.exec('create table items (id integer primary key, name text not null unique, parent integer references items (id) deferrable initially deferred)')
  const stats = { commits: 0, begins: 0 }
  const database = {
    prepare: (text: string) => {
      if (/^commit$/i.test(text)) stats.commits++
      if (/^begin/i.test(text)) stats.begins++
      return sqlite.prepare(text)
    },
    close: () => sqlite.close()
  }
  class GroupDialect extends SqliteDialect {
    override createDriver (): Driver {
      const driver = super.createDriver()
      withGroupCommit(driver, () => sqlite.inTransaction, maxGroup)
      return driver
    }
  }
  const db = new Kysely<T>({ dialect: new GroupDialect({ database }) })
  // A second connection: it sees only what was committed.
  const reader = new SQLite(file, { readonly: true })
  const committed = () => (reader.prepare('select name from items order by id').all() as Array<{ name: string }>).map((r) => r.name)
  return { db, sqlite, stats, committed, close: async () => { reader.close(); await db.destroy(); rmSync(dir, { recursive: true, force: true }) } }
}

describe('SQLite group commit', () => {
  const cleanup: Array<() => Promise<void>> = []
  afterEach(async () => { for (const c of cleanup.splice(0)) await c() })

  it('transactions arriving together share a COMMIT; each is stored once its caller hears it committed', async () => {
    const t = open(64)
    cleanup.push(t.close)
    const seenAtResolve: boolean[] = []
    await Promise.all(Array.from({ length: 40 }, async (_, i) => {
      await new Promise((resolve) => setImmediate(resolve))
      await t.db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: `a${i}`, parent: null }).execute()
        await sql`select 1`.execute(trx)
      })
      seenAtResolve.push(t.committed().includes(`a${i}`))
    }))
    expect(t.committed()).toHaveLength(40)
    expect(seenAtResolve.every(Boolean)).toBe(true)
    expect(t.stats.commits).toBeLessThan(40)
    expect(t.stats.commits).toBe(t.stats.begins)
    expect(t.sqlite.inTransaction).toBe(false)
  })

  it('commits each transaction alone with maxGroup 1', async () => {
    const t = open(1)
    cleanup.push(t.close)
    await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      await t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: `b${i}`, parent: null }).execute() })
    }))
    expect(t.stats.commits).toBe(10)
    expect(t.committed()).toHaveLength(10)
  })

  it('a transaction that fails in a group is rolled back alone; the others are stored', async () => {
    const t = open(64)
    cleanup.push(t.close)
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, async (_, i) => {
      await new Promise((resolve) => setImmediate(resolve))
      await t.db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: `c${i}`, parent: null }).execute()
        if (i === 5) throw new Error('refused')
        // A unique violation fails its statement only: the transaction rolls back on the thrown error.
        if (i === 7) await trx.insertInto('items').values({ name: 'c0', parent: null }).execute()
      })
    }))
    expect(outcomes.map((o) => o.status)).toEqual(Array.from({ length: 12 }, (_, i) => i === 5 || i === 7 ? 'rejected' : 'fulfilled'))
    expect(t.committed().sort()).toEqual(Array.from({ length: 12 }, (_, i) => `c${i}`).filter((n) => n !== 'c5' && n !== 'c7').sort())
    expect(t.sqlite.inTransaction).toBe(false)
  })

  it('a COMMIT that fails fails every transaction of its group, and none of them is stored', async () => {
    const t = open(64)
    cleanup.push(t.close)
    // A deferred foreign key is checked at COMMIT only: the one bad row makes the group's COMMIT fail.
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, async (_, i) => {
      await t.db.transaction().execute(async (trx) => {
        await trx.insertInto('items').values({ name: `d${i}`, parent: i === 3 ? 999 : null }).execute()
      })
    }))
    const failed = outcomes.filter((o) => o.status === 'rejected')
    expect(failed.length).toBeGreaterThan(1)
    for (const o of failed) expect(String((o as PromiseRejectedResult).reason)).toMatch(/FOREIGN KEY/)
    const stored = t.committed()
    // Stored: exactly the transactions that were told they committed.
    expect(stored.sort()).toEqual(outcomes.flatMap((o, i) => o.status === 'fulfilled' ? [`d${i}`] : []).sort())
    expect(stored).not.toContain('d3')
    expect(t.sqlite.inTransaction).toBe(false)
    // The connection works on.
    await t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: 'after', parent: null }).execute() })
    expect(t.committed()).toContain('after')
  })

  it('a read made while a group is open never sees its rows before their COMMIT: a COMMIT that fails was never read', async () => {
    const t = open(64)
    cleanup.push(t.close)
    const names = async () => (await t.db.selectFrom('items').select('name').orderBy('id').execute()).map((r) => r.name)
    // The first transaction commits while the read and the second one wait: it hands the connection on,
    // the group still open; its deferred foreign key fails the group's COMMIT.
    const [bad, read, good, later] = await Promise.allSettled([
      t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: 'bad', parent: 999 }).execute() }),
      names(),
      t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: 'good', parent: null }).execute() }),
      names()
    ])
    expect(bad.status).toBe('rejected')
    // Stored: exactly the transactions told they committed ('good' too, unless it shared the failed COMMIT).
    expect(t.committed()).toEqual(good.status === 'fulfilled' ? ['good'] : [])
    // Each read returned committed rows only: never 'bad'.
    for (const r of [read, later]) {
      expect(r.status).toBe('fulfilled')
      const value = (r as PromiseFulfilledResult<string[]>).value
      expect(value).not.toContain('bad')
      expect(t.committed()).toEqual(expect.arrayContaining(value))
    }
    expect(t.sqlite.inTransaction).toBe(false)

    // Rows a read returns are committed ones, whatever the interleaving.
    const seen: string[][] = []
    await Promise.all(Array.from({ length: 30 }, async (_, i) => {
      await new Promise((resolve) => setImmediate(resolve))
      if (i % 3 === 2) {
        const rows = await names()
        seen.push(rows.filter((n) => !t.committed().includes(n)))
      } else {
        await t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: `f${i}`, parent: null }).execute() })
      }
    }))
    expect(seen).toHaveLength(10)
    expect(seen.flat()).toEqual([])
  })

  it('reads between transactions run on, and nothing stays open once the connection is idle', async () => {
    const t = open(64)
    cleanup.push(t.close)
    const reads: number[] = []
    await Promise.all(Array.from({ length: 20 }, async (_, i) => {
      await new Promise((resolve) => setImmediate(resolve))
      if (i % 2 === 0) {
        await t.db.transaction().execute(async (trx) => { await trx.insertInto('items').values({ name: `e${i}`, parent: null }).execute() })
      } else {
        reads.push((await t.db.selectFrom('items').select('id').execute()).length)
      }
    }))
    expect(reads).toHaveLength(10)
    expect(t.committed()).toHaveLength(10)
    expect(t.sqlite.inTransaction).toBe(false)
  })
})

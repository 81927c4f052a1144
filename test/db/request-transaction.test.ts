import { sql } from 'kysely'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { migrateToLatest, type Db } from '../../src/db/database.js'
import { openTestDb } from '../support/harness.js'

/**
 * RequestTransaction (src/db/request-transaction.ts): the queries of a request's scope share one
 * transaction; once it has ended, what the scope still does (an onSend hook after the commit) runs
 * on a connection of its own that it gives back, so nothing after it waits forever.
 */

let db: Db
let drop: () => Promise<void>
beforeEach(async () => {
  ({ db, drop } = await openTestDb())
  await migrateToLatest(db)
  await db.kysely.insertInto('teams').values({ name: 'tx-team', createdAt: '2026-12-06T00:00:00.000Z' }).execute()
})
afterEach(async () => { await drop() })

const teamNames = async () => (await db.kysely.selectFrom('teams').select('name').orderBy('id').execute()).map((r) => r.name)
const addTeam = async (name: string) => { await db.kysely.insertInto('teams').values({ name, createdAt: '2026-12-06T00:00:00.000Z' }).execute() }
/** Rejects when `p` takes longer than `ms` (a connection never given back). */
const within = async <T>(p: Promise<T>, ms = 5000): Promise<T> =>
  await Promise.race([p, new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))])

describe('a request transaction', () => {
  it('commits the scope\'s queries together, and a query made in the scope after the commit gives its connection back', async () => {
    const tx = db.requestTransaction()
    await tx.run(async () => {
      await addTeam('in-tx')
      await db.kysely.transaction().execute(async (trx) => { await trx.insertInto('teams').values({ name: 'in-savepoint', createdAt: '2026-12-06T00:00:00.000Z' }).execute() })
      await tx.commit()
      // Still in the scope, the transaction ended: its own connection (and, on SQLite, the same one again).
      await within(addTeam('after-commit'))
      await within(db.kysely.transaction().execute(async (trx) => { await trx.insertInto('teams').values({ name: 'after-commit-tx', createdAt: '2026-12-06T00:00:00.000Z' }).execute() }))
    })
    // Outside the scope nothing waits for a connection left held.
    expect(await within(teamNames())).toEqual(['tx-team', 'in-tx', 'in-savepoint', 'after-commit', 'after-commit-tx'])
    expect(Number((await within(sql<{ n: number }>`select count(*) as n from teams`.execute(db.kysely))).rows[0].n)).toBe(5)
  })

  it('rolls the scope\'s queries back, and a query after the rollback stands on its own', async () => {
    const tx = db.requestTransaction()
    await tx.run(async () => {
      await addTeam('rolled-back')
      await tx.rollback()
      await within(addTeam('after-rollback'))
    })
    expect(await within(teamNames())).toEqual(['tx-team', 'after-rollback'])
  })
})

import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import { useTestApp, usingPostgres } from '../support/harness.js'
import { HttpError } from '../../src/lib/http-errors.js'
import { createUser, signIn } from '../console/support.js'

/**
 * The team's last enabled admin (409 user_last_admin): the check and the change are one transaction
 * under the team's lock, so of two admins demoting or disabling each other at once exactly one
 * succeeds and the team keeps an admin. Regression guard for issue 19's follow-up: the check read
 * the admins, then wrote, with nothing held in between.
 */
const t = useTestApp({ ...TEST_ENV })

const enabledAdmins = async (team: string) =>
  (await t.app.ctx.users.listWithTeams(team)).filter((u) => u.role === 'admin' && u.disabledAt === null).length

/** Backends of this database waiting for a lock in an UPDATE of users or the team lock (PostgreSQL). */
async function lockWaiters (): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from pg_stat_activity
    where datname = current_database() and wait_event_type = 'Lock'
    and (query like 'update "users"%' or query like 'select "id" from "teams"%')`.execute(t.db.kysely)
  return Number(rows[0].n)
}

/**
 * Runs the changes at once. On PostgreSQL a SHARE lock on the users table (reads pass, writes wait)
 * is held until both are waiting on a lock: each has read the team's admins before either writes,
 * the interleaving that, without the team's lock, let both checks see two admins. On SQLite they
 * simply start together (the one connection interleaves their queries unless a transaction holds it).
 */
async function race (start: () => Array<Promise<unknown>>): Promise<Array<PromiseSettledResult<unknown>>> {
  if (!usingPostgres()) return await Promise.allSettled(start())
  const { running } = await t.db.kysely.transaction().execute(async (trx) => {
    await sql`lock table users in share mode`.execute(trx)
    const running = Promise.allSettled(start())
    const deadline = Date.now() + 5000
    while (await lockWaiters() < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20))
    return { running }
  })
  return await running
}

const statusOf = (r: PromiseSettledResult<unknown>): number | string => {
  if (r.status === 'rejected') return r.reason instanceof HttpError ? r.reason.code : String(r.reason)
  return (r.value as { statusCode?: number }).statusCode ?? 'ok'
}

describe('the team\'s last enabled admin, under concurrent changes', () => {
  it('two admins demoting each other at once: one succeeds, the other is a 409 user_last_admin', async () => {
    const ana = await createUser(t.app, 'race-demote', 'ana@race.example', 'admin')
    const bo = await createUser(t.app, 'race-demote', 'bo@race.example', 'admin')
    const [a, b] = [await signIn(t.app, 'ana@race.example'), await signIn(t.app, 'bo@race.example')]
    const results = await race(() => [
      t.app.inject({ method: 'PATCH', url: `/partner/users/${bo.id}`, headers: a.headers(true), payload: { role: 'viewer' } }),
      t.app.inject({ method: 'PATCH', url: `/partner/users/${ana.id}`, headers: b.headers(true), payload: { role: 'viewer' } })
    ])
    expect(results.map(statusOf).sort()).toEqual([200, 409])
    const refused = results.find((r) => statusOf(r) === 409) as PromiseFulfilledResult<{ json: () => { code: string } }>
    expect(refused.value.json().code).toBe('user_last_admin')
    expect(await enabledAdmins('race-demote')).toBe(1)
  })

  it('a team key disabling one admin while demoting the other: one succeeds, one admin remains', async () => {
    const cy = await createUser(t.app, 'race-disable', 'cy@race.example', 'admin')
    const di = await createUser(t.app, 'race-disable', 'di@race.example', 'admin')
    const key = await createKey(t.app, 'race-disable')
    const results = await race(() => [
      t.app.inject({ method: 'PATCH', url: `/partner/users/${cy.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: true } }),
      t.app.inject({ method: 'PATCH', url: `/partner/users/${di.id}`, headers: { 'x-api-key': key.key }, payload: { role: 'reviewer' } })
    ])
    expect(results.map(statusOf).sort()).toEqual([200, 409])
    expect(await enabledAdmins('race-disable')).toBe(1)
  })

  it('the service alone (no request transaction around it) holds the same rule', async () => {
    const ed = await createUser(t.app, 'race-service', 'ed@race.example', 'admin', { password: null })
    const fa = await createUser(t.app, 'race-service', 'fa@race.example', 'admin', { password: null })
    const results = await race(() => [
      t.app.ctx.users.update(ed.teamId, ed.id, { disabled: true }),
      t.app.ctx.users.update(fa.teamId, fa.id, { disabled: true })
    ])
    expect(results.map((r) => r.status === 'fulfilled' ? 'ok' : statusOf(r)).sort()).toEqual(['ok', 'user_last_admin'])
    expect(await enabledAdmins('race-service')).toBe(1)
  })
})

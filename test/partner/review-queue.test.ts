import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, inject, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { createDatabase, ensurePgSchema, type Db } from '../../src/db/database.js'
import type { App } from '../../src/types.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, moveSessionTo, sessionIn, type PartnerKey } from '../support/factories.js'
import { usingPostgres, useTestApp } from '../support/harness.js'
import { setReviewPolicy } from './review-policy.js'

/** Issue 21 item 4: review due dates, the overdue filter and event, round-robin assignment. */
describe('review queues', () => {
  const t = useTestApp({ ...TEST_ENV })
  const call = async (key: PartnerKey, url: string) => await t.app.inject({ url, headers: { 'x-api-key': key.key } })
  const list = async (key: PartnerKey, query: string) => (await call(key, `/partner/reviewer/sessions?${query}`)).json()
  const overdueEvents = async (sessionId: number) => (await t.db.kysely.selectFrom('events').selectAll()
    .where('sessionId', '=', sessionId).where('type', '=', 'session.review_overdue').execute()).map((e) => JSON.parse(e.payload))

  describe('due dates', () => {
    let team: PartnerKey
    beforeAll(async () => {
      team = await createKey(t.app, 'sla-team')
      await setReviewPolicy(t, team, { reviewSlaHours: 1.5 })
    })

    it('a session entering REVIEWING is due reviewSlaHours later (fractions allowed); the event says when', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      const due = new Date(t.clock.ms() + 1.5 * 3_600_000).toISOString()
      expect((await call(team, `/partner/session/${session.id}`)).json().data.dueAt).toBe(due)
      const reviewing = await t.db.kysely.selectFrom('events').select('payload').where('sessionId', '=', session.id).where('type', '=', 'session.reviewing').executeTakeFirstOrThrow()
      expect(JSON.parse(reviewing.payload)).toMatchObject({ dueAt: due })
      // A team without reviewSlaHours has no due dates.
      const other = await createKey(t.app, 'no-sla-team')
      const plain = await sessionIn(t.app, other.key, 'REVIEWING')
      expect((await call(other, `/partner/session/${plain.session.id}`)).json().data.dueAt).toBeNull()
    })

    it('the list sorts by dueAt (undated last ascending, first descending) and pages through it with startingAfter', async () => {
      const key = await createKey(t.app, 'sort-team')
      await setReviewPolicy(t, key, { reviewSlaHours: 10 })
      const ids: number[] = []
      for (let i = 0; i < 3; i++) {
        ids.push((await sessionIn(t.app, key.key, 'REVIEWING')).session.id)
        t.clock.advance(60)
      }
      const undated = (await sessionIn(t.app, key.key, 'PENDING')).session.id
      // The second session's review is made due earliest by a shorter SLA at its re-entry.
      await setReviewPolicy(t, key, { reviewSlaHours: 0.25 })
      const decided = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${ids[1]}/decision`, headers: { 'x-api-key': key.key }, payload: { decision: 'REQUEST_MORE', message: 'again', reasons: ['proof_incomplete'] } })
      expect(decided.statusCode).toBe(200)
      await moveSessionTo(t.app, ids[1], 'REVIEWING')
      const asc = [ids[1], ids[0], ids[2], undated]
      expect((await list(key, 'sortBy=dueAt&sortOrder=asc')).data.map((s: any) => s.id)).toEqual(asc)
      expect((await list(key, 'sortBy=dueAt&sortOrder=desc')).data.map((s: any) => s.id)).toEqual([...asc].reverse())
      for (const order of ['asc', 'desc']) {
        const expected = order === 'asc' ? asc : [...asc].reverse()
        const seen: number[] = []
        let after = ''
        for (;;) {
          const page = await list(key, `sortBy=dueAt&sortOrder=${order}&limit=1${after}`)
          seen.push(...page.data.map((s: any) => s.id))
          if (!page.hasMore) break
          after = `&startingAfter=${page.data[0].id as number}`
        }
        expect(seen).toEqual(expected)
      }
    })

    it('overdue=true lists REVIEWING sessions past their due date; overdue=false the rest', async () => {
      const key = await createKey(t.app, 'overdue-team')
      await setReviewPolicy(t, key, { reviewSlaHours: 1 })
      const early = (await sessionIn(t.app, key.key, 'REVIEWING')).session.id
      t.clock.advance(1800)
      const late = (await sessionIn(t.app, key.key, 'REVIEWING')).session.id
      const pending = (await sessionIn(t.app, key.key, 'PENDING')).session.id
      expect((await list(key, 'overdue=true')).data).toEqual([])
      t.clock.advance(1800) // `early` is due now
      expect((await list(key, 'overdue=true')).data.map((s: any) => s.id)).toEqual([early])
      expect((await list(key, 'overdue=false')).data.map((s: any) => s.id)).toEqual([pending, late])
      t.clock.advance(1800)
      const both = await list(key, 'overdue=true&sortBy=dueAt&sortOrder=asc')
      expect(both.data.map((s: any) => s.id)).toEqual([early, late])
      expect(both.total).toBe(2)
      expectError(await call(key, '/partner/reviewer/sessions?overdue=maybe'), 400, 'querystring.overdue must be of type boolean')
    })

    it('session.review_overdue fires once per due date, for undecided sessions only, whichever sweep gets there first', async () => {
      const key = await createKey(t.app, 'sweep-team')
      await setReviewPolicy(t, key, { reviewSlaHours: 2 })
      const waiting = (await sessionIn(t.app, key.key, 'REVIEWING')).session.id
      const decidedInTime = (await sessionIn(t.app, key.key, 'REVIEWING')).session.id
      expect((await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${decidedInTime}/decision`, headers: { 'x-api-key': key.key }, payload: { decision: 'APPROVE' } })).statusCode).toBe(200)
      await t.app.ctx.sessions.sweepReviewOverdue()
      expect(await overdueEvents(waiting)).toEqual([])
      t.clock.advance(2 * 3600)
      // Two sweeps at once (two workers), then another: one event.
      await Promise.all([t.app.ctx.sessions.sweepReviewOverdue(), t.app.ctx.sessions.sweepReviewOverdue()])
      expect(await t.app.ctx.sessions.sweepReviewOverdue()).toBe(0)
      const events = await overdueEvents(waiting)
      expect(events).toHaveLength(1)
      expect(events[0]).toMatchObject({ sessionId: waiting, status: 'REVIEWING', dueAt: new Date(t.clock.ms()).toISOString() })
      expect(await overdueEvents(decidedInTime)).toEqual([])
      expect((await t.app.ctx.repos.lifecycle.auditTrail(waiting)).at(-1)).toMatchObject({ actor: 'system', action: 'session.review_overdue' })
      // A request for more and a new review: a new due date, which may pass again.
      const more = await t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${waiting}/decision`, headers: { 'x-api-key': key.key }, payload: { decision: 'REQUEST_MORE', message: 'x', reasons: ['proof_incomplete'] } })
      expect(more.json().data.dueAt).toBeNull()
      await moveSessionTo(t.app, waiting, 'REVIEWING')
      t.clock.advance(2 * 3600)
      expect(await t.app.ctx.sessions.sweepReviewOverdue()).toBe(1)
      expect(await overdueEvents(waiting)).toHaveLength(2)
    })
  })

  describe('round-robin assignment', () => {
    it('gives sessions entering REVIEWING without a reviewer to the team\'s active reviewers in turn, evenly', async () => {
      const team = await createKey(t.app, 'rr-team')
      const keys = await Promise.all(['carol', 'alice', 'bob'].map(async (r) => await createKey(t.app, 'rr-team', { reviewerId: r })))
      const dave = await createKey(t.app, 'rr-team', { reviewerId: 'dave' })
      expect(await t.app.ctx.keys.revoke(dave.id)).toBe(true) // a revoked key's reviewer gets nothing
      await setReviewPolicy(t, team, { autoAssign: 'round_robin' })
      const assigned: Array<string | null> = []
      for (let i = 0; i < 6; i++) {
        const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
        assigned.push((await call(team, `/partner/session/${session.id}`)).json().data.reviewerId)
      }
      expect(assigned).toEqual(['alice', 'bob', 'carol', 'alice', 'bob', 'carol'])
      // A session that has a reviewer keeps it; the turn is not used.
      const mine = await sessionIn(t.app, team.key, 'REVIEWING', { reviewerId: 'zed' })
      expect((await call(team, `/partner/session/${mine.session.id}`)).json().data.reviewerId).toBe('zed')
      const next = await sessionIn(t.app, team.key, 'REVIEWING')
      expect((await call(team, `/partner/session/${next.session.id}`)).json().data.reviewerId).toBe('alice')
      // The assignment is audited, and each reviewer's list (and its counts) has its sessions.
      expect((await t.app.ctx.repos.lifecycle.auditTrail(next.session.id)).find((a) => a.action === 'session.assigned'))
        .toMatchObject({ actor: 'system', detail: JSON.stringify({ from: null, to: 'alice', policy: 'round_robin' }) })
      const alice = keys[1]
      const aliceList = await list(alice, 'status=REVIEWING&counts=true')
      expect(aliceList.total).toBe(3)
      expect(aliceList.counts.REVIEWING).toBe(3)
      expect((await list(team, 'counts=true')).counts.REVIEWING).toBe(8)
    })

    it('none: sessions stay in the team\'s queue', async () => {
      const team = await createKey(t.app, 'rr-none')
      await createKey(t.app, 'rr-none', { reviewerId: 'alice' })
      await setReviewPolicy(t, team, { autoAssign: 'none' })
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      expect((await call(team, `/partner/session/${session.id}`)).json().data.reviewerId).toBeNull()
    })

    it('stays even when many sessions enter REVIEWING at once (the turn is counted in the database, not in a process)', async () => {
      const team = await createKey(t.app, 'rr-busy')
      for (const r of ['r1', 'r2', 'r3']) await createKey(t.app, 'rr-busy', { reviewerId: r })
      await setReviewPolicy(t, team, { autoAssign: 'round_robin' })
      const sessions = await Promise.all(Array.from({ length: 12 }, async () => await createSession(t.app, team.key)))
      await Promise.all(sessions.map(async (s) => await moveSessionTo(t.app, s.id, 'REVIEWING')))
      const rows = await t.db.kysely.selectFrom('sessions').select('reviewerId').where('id', 'in', sessions.map((s) => s.id)).execute()
      const per = new Map<string, number>()
      for (const r of rows) per.set(r.reviewerId as string, (per.get(r.reviewerId as string) ?? 0) + 1)
      expect(Object.fromEntries(per)).toEqual({ r1: 4, r2: 4, r3: 4 })
    })
  })

  it('two workers, each with its own database connections, share the turns: sessions entering REVIEWING through either are spread evenly', async () => {
    // Two app instances on one database (a PostgreSQL schema, or a SQLite file in WAL mode), as
    // `serve --workers 2` runs them: nothing of the turn lives in a process.
    const config = loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test', SERVER_SECRET: 'test-server-secret-0123456789abcdef' })
    let open: () => Db
    let cleanup = () => {}
    if (usingPostgres()) {
      const url = process.env.TEST_DATABASE_URL as string
      const schema = `t_${inject('pgRun')}_${randomBytes(6).toString('hex')}` // dropped with the run's schemas
      await ensurePgSchema(url, schema)
      open = () => createDatabase({ databaseUrl: url, dataDir: '', pgSchema: schema, pgPoolSize: 4 })
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'review-rr-'))
      cleanup = () => { rmSync(dir, { recursive: true, force: true }) }
      open = () => createDatabase({ databaseUrl: null, dataDir: dir })
    }
    const dbs = [open(), open()]
    const apps: App[] = []
    try {
      for (const db of dbs) {
        const app = await buildApp({ config, db })
        await app.ready()
        apps.push(app)
      }
      const [one, two] = apps
      const team = await createKey(one, 'rr-workers')
      for (const r of ['w1', 'w2', 'w3', 'w4']) await createKey(one, 'rr-workers', { reviewerId: r })
      const patched = await one.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': team.key }, payload: { autoAssign: 'round_robin' } })
      expect(patched.statusCode, patched.body).toBe(200)
      const sessions = await Promise.all(Array.from({ length: 16 }, async () => await createSession(one, team.key)))
      // Alternate sessions go through either worker: all at once on PostgreSQL; one after the other on
      // SQLite, whose two connections in one process would wait on each other's write lock (its
      // service runs one process; what matters there is that the turn is not the process's).
      const move = async (s: { id: number }, i: number) => await moveSessionTo(i % 2 === 0 ? one : two, s.id, 'REVIEWING')
      if (usingPostgres()) await Promise.all(sessions.map(move))
      else for (const [i, s] of sessions.entries()) await move(s, i)
      const rows = await dbs[0].kysely.selectFrom('sessions').select('reviewerId').where('id', 'in', sessions.map((s) => s.id)).execute()
      const per: Record<string, number> = {}
      for (const r of rows) per[r.reviewerId as string] = (per[r.reviewerId as string] ?? 0) + 1
      expect(per).toEqual({ w1: 4, w2: 4, w3: 4, w4: 4 })
      const turns = await dbs[0].kysely.selectFrom('reviewRotation').select('turns').where('teamId', '=', team.teamId).executeTakeFirstOrThrow()
      expect(Number(turns.turns)).toBe(16)
    } finally {
      for (const app of apps) await app.close()
      for (const db of dbs) await db.close()
      cleanup()
    }
  }, 60_000)
})

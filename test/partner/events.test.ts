import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'

const t = useTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })

const events = async (key: PartnerKey, query = '') =>
  await t.app.inject({ url: `/partner/events${query}`, headers: { 'x-api-key': key.key } })

/** A new team with a session walked to REVIEWING: session.created, session.processing, step.verified, session.reviewing. */
async function teamWithEvents (team: string) {
  const key = await createKey(t.app, team)
  const session = await createSession(t.app, key.key, { applicantId: 'appl-7', metadata: { orderId: 'o-1' } })
  await moveSessionTo(t.app, session.id, 'REVIEWING')
  return { key, session }
}

describe('GET /partner/events', () => {
  it('lists the team\'s events newest first, each with what a partner acts on', async () => {
    const { key, session } = await teamWithEvents('events-list')
    const res = await events(key)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.hasMore).toBe(false)
    expect(body.data.map((e: { type: string }) => e.type)).toEqual(['session.reviewing', 'step.verified', 'session.processing', 'session.created'])
    for (const e of body.data) expect(e.id).toMatch(/^evt_\d+$/)
    const [reviewing, verified, , created] = body.data
    const common = { sessionId: session.id, applicantId: 'appl-7', metadata: { orderId: 'o-1' }, livemode: true }
    expect(created).toEqual({ id: created.id, type: 'session.created', createdAt: session.createdAt, apiVersion: '2026-12-01', data: { ...common, status: 'PENDING', previousStatus: null, statusReason: null } })
    expect(reviewing.data).toEqual({ ...common, status: 'REVIEWING', previousStatus: 'PROCESSING', statusReason: null, dueAt: null, reviewerId: null })
    const [step] = await t.app.ctx.repos.steps.listForSession(session.id)
    expect(verified.data).toEqual({
      ...common,
      stepId: step.id,
      sourceId: 1,
      sourceName: expect.any(String),
      status: 'VERIFIED',
      stepStatus: 'VERIFIED',
      previousStatus: 'IN_PROGRESS',
      sessionStatus: 'PROCESSING',
      statusReason: null
    })
  })

  it('filters by an exact type or a prefix', async () => {
    const { key } = await teamWithEvents('events-type')
    const exact = (await events(key, '?type=step.verified')).json().data
    expect(exact.map((e: { type: string }) => e.type)).toEqual(['step.verified'])
    const prefix = (await events(key, '?type=session.*')).json().data
    expect(prefix.map((e: { type: string }) => e.type)).toEqual(['session.reviewing', 'session.processing', 'session.created'])
    expect((await events(key, '?type=session.completed')).json()).toEqual({ success: true, data: [], hasMore: false })
  })

  it('pages with startingAfter and says hasMore', async () => {
    const { key } = await teamWithEvents('events-pages')
    const all = (await events(key)).json().data.map((e: { id: string }) => e.id)
    const first = (await events(key, '?limit=3')).json()
    expect(first.data.map((e: { id: string }) => e.id)).toEqual(all.slice(0, 3))
    expect(first.hasMore).toBe(true)
    const second = (await events(key, `?limit=3&startingAfter=${first.data[2].id}`)).json()
    expect(second).toMatchObject({ hasMore: false })
    expect(second.data.map((e: { id: string }) => e.id)).toEqual(all.slice(3))
    // The bare number names the same event.
    const bare = (await events(key, `?limit=3&startingAfter=${first.data[2].id.slice(4)}`)).json()
    expect(bare.data.map((e: { id: string }) => e.id)).toEqual(all.slice(3))
  })

  it('keeps teams and modes apart: another team\'s event is a 404 cursor, a test key sees test events only', async () => {
    const a = await teamWithEvents('events-iso-a')
    const b = await teamWithEvents('events-iso-b')
    const theirs = (await events(b.key)).json().data[0].id
    expect((await events(a.key)).json().data.every((e: { data: { sessionId: number } }) => e.data.sessionId === a.session.id)).toBe(true)
    expectError(await events(a.key, `?startingAfter=${theirs}`), 404, 'Event not found', 'event_not_found')
    expectError(await events(a.key, '?startingAfter=evt_999999'), 404, 'Event not found', 'event_not_found')
    // Past the 32-bit ids (found by the fuzz suite: a PostgreSQL 500 before).
    expectError(await events(a.key, '?startingAfter=2147483648'), 404, 'Event not found', 'event_not_found')

    const test = await t.app.ctx.keys.create({ team: 'events-iso-a', reviewerId: null, name: null, test: true })
    expect((await events(test)).json()).toEqual({ success: true, data: [], hasMore: false })
    const sandboxSession = await createSession(t.app, test.key)
    const listed = (await events(test)).json().data
    expect(listed).toHaveLength(1)
    expect(listed[0].data).toMatchObject({ sessionId: sandboxSession.id, livemode: false })
    expect((await events(a.key)).json().data.some((e: { data: { sessionId: number } }) => e.data.sessionId === sandboxSession.id)).toBe(false)
  })

  it('refuses a reviewer\'s key with 403 and bad queries with 400', async () => {
    const { key } = await teamWithEvents('events-refuse')
    const reviewer = await createKey(t.app, 'events-refuse', { reviewerId: 'rita' })
    expectError(await events(reviewer), 403, 'Events are read with a team API key; this key is scoped to a reviewer', 'team_key_required')
    for (const q of ['?limit=0', '?limit=101', '?type=Session', '?type=session.*.x', '?startingAfter=abc', '?startingAfter=evt_0', '?other=1']) {
      const res = await events(key, q)
      expect(res.statusCode, q).toBe(400)
      expect(res.json().code, q).toBe('validation_failed')
    }
  })

  it('purges events older than 30 days in the sweep, but never one with a PENDING delivery', async () => {
    const { key } = await teamWithEvents('events-purge')
    const hook = await t.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url: 'http://127.0.0.1:9/hooks' } })
    expect(hook.statusCode).toBe(201)
    const listed = (await events(key)).json().data.map((e: { id: string }) => Number(e.id.slice(4)))
    const now = t.clock.iso()
    const delivery = (eventId: number, status: string) => ({
      endpointId: hook.json().data.id, eventId, status, attempts: 1, nextAttemptAt: now, createdAt: now, updatedAt: now
    })
    await t.db.kysely.insertInto('webhookDeliveries').values([delivery(listed[0], 'PENDING'), delivery(listed[1], 'DELIVERED')]).execute()
    await t.db.kysely.updateTable('events').set({ dispatchedAt: now }).execute()

    t.clock.advance(29 * 24 * 3600)
    expect(await t.app.ctx.webhooks.purgeEvents()).toBe(0)
    t.clock.advance(2 * 24 * 3600)
    await t.app.ctx.webhooks.purgeEvents()
    const left = await t.db.kysely.selectFrom('events').select('id').where('id', 'in', listed).execute()
    expect(left.map((e) => e.id)).toEqual([listed[0]]) // its delivery is still PENDING
    expect(await t.db.kysely.selectFrom('webhookDeliveries').select('eventId').where('endpointId', '=', hook.json().data.id).execute())
      .toEqual([{ eventId: listed[0] }])
    // Past 30 days an event is no longer listed, even while it is kept for its delivery.
    expect((await events(key)).json().data).toEqual([])
    const res = await expectNoChange(t.db, async () => await events(key, `?startingAfter=evt_${listed[0]}`))
    expectError(res, 404, 'Event not found', 'event_not_found')
  })
})

describe('GET /partner/events for reconciliation', () => {
  it('filters by session, in either order, and pages oldest-first with startingAfter', async () => {
    const { key, session } = await teamWithEvents('events-session')
    const other = await createSession(t.app, key.key)
    const mine = (await events(key, `?sessionId=${session.id}`)).json()
    expect(mine.data.map((e: { type: string }) => e.type)).toEqual(['session.reviewing', 'step.verified', 'session.processing', 'session.created'])
    expect(mine.data.every((e: { data: { sessionId: number } }) => e.data.sessionId === session.id)).toBe(true)
    expect((await events(key, `?sessionId=${other.id}`)).json().data.map((e: { type: string }) => e.type)).toEqual(['session.created'])

    const first = (await events(key, '?order=asc&limit=2')).json()
    expect(first.data.map((e: { type: string }) => e.type)).toEqual(['session.created', 'session.processing'])
    expect(first.hasMore).toBe(true)
    const next = (await events(key, `?order=asc&limit=2&startingAfter=${first.data[1].id}`)).json()
    expect(next.data.map((e: { type: string }) => e.type)).toEqual(['step.verified', 'session.reviewing'])
    const last = (await events(key, `?order=asc&startingAfter=${next.data[1].id}`)).json()
    expect(last).toEqual({ success: true, data: [expect.objectContaining({ type: 'session.created', data: expect.objectContaining({ sessionId: other.id }) })], hasMore: false })
    const ids = [...first.data, ...next.data, ...last.data].map((e: { id: string }) => Number(e.id.slice(4)))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))

    expect((await events(key, `?order=asc&sessionId=${session.id}&type=session.*`)).json().data.map((e: { type: string }) => e.type))
      .toEqual(['session.created', 'session.processing', 'session.reviewing'])
  })

  it('answers 400 for a type that matches no event, and for an unknown order, instead of an empty list', async () => {
    const { key } = await teamWithEvents('events-unknown')
    const res = await events(key, '?type=session.complete')
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^querystring.type matches no event; events are session.created, /) })
    expect((await events(key, '?type=sesion.*')).statusCode).toBe(400)
    expect((await events(key, '?order=newest')).statusCode).toBe(400)
    expect((await events(key, '?sessionId=0')).statusCode).toBe(400)
  })

  it('reads another team\'s session as no events', async () => {
    const { session } = await teamWithEvents('events-owner')
    const stranger = await createKey(t.app, 'events-stranger')
    expect((await events(stranger, `?sessionId=${session.id}`)).json()).toEqual({ success: true, data: [], hasMore: false })
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey, createSession, exchange, futureIso, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { dbState, expectError, expectNoChange, TEST_ENV } from './helpers.js'

describe('GET /partner/reviewer/sessions', () => {
  const t = useTestApp({ ...TEST_ENV })
  let teamKey: PartnerKey // acme, no reviewer: sees the whole team
  let alice: PartnerKey // acme, reviewer "alice"
  let bob: PartnerKey // acme, reviewer "bob"
  let globex: PartnerKey // another team
  // acme's sessions in creation order, one minute apart: s1 alice, s2 bob, s3 team-wide, s4 alice.
  let s1: number, s2: number, s3: number, s4: number, g1: number

  beforeAll(async () => {
    teamKey = await createKey(t.app, 'acme')
    alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    bob = await createKey(t.app, 'acme', { reviewerId: 'bob' })
    globex = await createKey(t.app, 'globex')
    const next = async (key: PartnerKey) => { t.clock.advance(60); return (await createSession(t.app, key.key, { expiryDate: futureIso(t.app, 30 * 24 * 3600) })) }
    const first = await next(alice)
    s1 = first.id
    s2 = (await next(bob)).id
    s3 = (await next(teamKey)).id
    s4 = (await next(alice)).id
    g1 = (await next(globex)).id
    // s1 moves to PROCESSING last, so it is the most recently updated.
    t.clock.advance(60)
    const csrf = await exchange(t.app, s1, first.verificationLink.token)
    const sel = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: s1 } })
    expect(sel.statusCode).toBe(200)
  })

  const list = async (key: PartnerKey, query = '') =>
    await t.app.inject({ url: `/partner/reviewer/sessions${query ? `?${query}` : ''}`, headers: { 'x-api-key': key.key } })
  const ids = async (key: PartnerKey, query = '') => {
    const res = await list(key, query)
    expect(res.statusCode).toBe(200)
    return res.json().data.map((s: { id: number }) => s.id)
  }

  it('answers the guide\'s envelope with defaults limit 20, offset 0, newest first', async () => {
    const res = await list(teamKey)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ success: true, total: 4, limit: 20, offset: 0 })
    expect(Object.keys(body).sort()).toEqual(['data', 'hasMore', 'limit', 'offset', 'success', 'total'])
    expect(body.data.map((s: { id: number }) => s.id)).toEqual([s4, s3, s2, s1])
    const row = await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', s2).executeTakeFirstOrThrow()
    expect(body.data[2]).toEqual({
      id: s2,
      status: 'PENDING',
      livemode: true,
      teamId: teamKey.teamId,
      reviewerId: 'bob',
      verificationTypeId: null,
      userId: null,
      expiryDate: row.expiryDate,
      applicantId: null,
      applicantFirstName: null,
      applicantLastName: null,
      applicantEmail: null,
      applicantData: null,
      instructions: null,
      metadata: null,
      selectedPlatform: null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      decidedAt: null,
      decisionNote: null,
      statusReason: null,
      redactedAt: null,
      parentSessionId: null,
      locale: null,
      purpose: null,
      purposeText: null,
      consent: null,
      decisionReasons: [],
      tags: [],
      dueAt: null,
      moreRequest: null,
      canDecide: false,
      canCancel: true,
      canReissueLink: true,
      canRedact: false
    })
  })

  it('never shows the verification link or its token', async () => {
    const res = await list(teamKey)
    expect(res.body).not.toContain('verificationLink')
    expect(res.body).not.toContain('token')
  })

  describe('scoping', () => {
    it('a team-wide key sees every session of its team and none of another team\'s', async () => {
      expect(await ids(teamKey)).toEqual([s4, s3, s2, s1])
      expect(await ids(globex)).toEqual([g1])
    })

    it('a reviewer\'s key sees only the sessions of its reviewer', async () => {
      expect(await ids(alice)).toEqual([s4, s1])
      expect(await ids(bob)).toEqual([s2])
      expect((await list(alice)).json().total).toBe(2)
    })

    it('a reviewer of the same name in another team sees nothing of this team', async () => {
      const otherAlice = await createKey(t.app, 'initech', { reviewerId: 'alice' })
      const res = await list(otherAlice)
      expect(res.json()).toEqual({ success: true, data: [], total: 0, limit: 20, offset: 0, hasMore: false })
    })
  })

  describe('filters, paging and sorting', () => {
    it('filters by status', async () => {
      expect(await ids(teamKey, 'status=PROCESSING')).toEqual([s1])
      expect(await ids(teamKey, 'status=PENDING')).toEqual([s4, s3, s2])
      expect((await list(teamKey, 'status=COMPLETED')).json()).toEqual({ success: true, data: [], total: 0, limit: 20, offset: 0, hasMore: false })
      expect(await ids(alice, 'status=PENDING')).toEqual([s4])
    })

    it('pages with limit and offset; total counts every match', async () => {
      const res = await list(teamKey, 'limit=2&offset=1')
      expect(res.json()).toMatchObject({ success: true, total: 4, limit: 2, offset: 1 })
      expect(res.json().data.map((s: { id: number }) => s.id)).toEqual([s3, s2])
      expect(await ids(teamKey, 'limit=2&offset=2')).toEqual([s2, s1])
      expect(await ids(teamKey, 'limit=1')).toEqual([s4])
      expect(await ids(teamKey, 'limit=100')).toEqual([s4, s3, s2, s1])
    })

    it('answers an empty page past the end, with the total', async () => {
      expect((await list(teamKey, 'offset=10')).json()).toEqual({ success: true, data: [], total: 4, limit: 20, offset: 10, hasMore: false })
    })

    it.each([
      ['createdAt', 'asc', () => [s1, s2, s3, s4]],
      ['createdAt', 'desc', () => [s4, s3, s2, s1]],
      ['updatedAt', 'asc', () => [s2, s3, s4, s1]],
      ['updatedAt', 'desc', () => [s1, s4, s3, s2]],
      // Statuses sort as text: PENDING before PROCESSING; ties in id order of the same direction.
      ['status', 'asc', () => [s2, s3, s4, s1]],
      ['status', 'desc', () => [s1, s4, s3, s2]]
    ])('sorts by %s %s', async (sortBy, sortOrder, expected) => {
      expect(await ids(teamKey, `sortBy=${sortBy}&sortOrder=${sortOrder}`)).toEqual(expected())
    })

    it('sorts descending when only sortBy is given', async () => {
      expect(await ids(teamKey, 'sortBy=updatedAt')).toEqual([s1, s4, s3, s2])
    })
  })

  describe('out-of-range values are refused, not clamped', () => {
    it.each([
      ['limit=0', 'querystring.limit must be >= 1'],
      ['limit=101', 'querystring.limit must be <= 100'],
      ['limit=-1', 'querystring.limit must be >= 1'],
      ['limit=abc', 'querystring.limit must be an integer'],
      ['limit=2.5', 'querystring.limit must be an integer'],
      ['limit=', 'querystring.limit must be an integer'],
      ['offset=-1', 'querystring.offset must be >= 0'],
      ['offset=abc', 'querystring.offset must be an integer'],
      ['sortBy=foo', 'querystring.sortBy must be one of createdAt, updatedAt, status, dueAt'],
      ['sortBy=created_at', 'querystring.sortBy must be one of createdAt, updatedAt, status, dueAt'],
      ['sortOrder=up', 'querystring.sortOrder must be one of asc, desc'],
      ['status=NOPE', 'querystring.status must be one of PENDING, PROCESSING, COMPLETED, REVIEWING, FAILED, EXPIRED, REJECTED'],
      ['status=pending', 'querystring.status must be one of PENDING, PROCESSING, COMPLETED, REVIEWING, FAILED, EXPIRED, REJECTED'],
      ['page=2', 'querystring has an unknown field "page"']
    ])('400 for %s', async (query, message) => {
      const res = await expectNoChange(t.db, async () => await list(teamKey, query))
      expectError(res, 400, message)
    })
  })

  it('shows sessions past their expiry as EXPIRED without writing, and filters on it once the sweep ran', async () => {
    const hooli = await createKey(t.app, 'hooli')
    const soon = await createSession(t.app, hooli.key, { expiryDate: futureIso(t.app, 30) })
    const later = await createSession(t.app, hooli.key, { expiryDate: futureIso(t.app, 3600) })
    t.clock.advance(31)
    const shown = (res: { json: () => { data: Array<{ id: number, status: string, statusReason: string | null }> } }) =>
      res.json().data.map((s) => [s.id, s.status, s.statusReason])
    // The read path writes nothing: the list, the reviewer detail and GET /partner/session/:id derive it.
    const res = await expectNoChange(t.db, async () => await list(hooli))
    expect(shown(res)).toEqual([[later.id, 'PENDING', null], [soon.id, 'EXPIRED', 'expired']])
    expect(res.json().total).toBe(2)
    for (const url of [`/partner/reviewer/sessions/${soon.id}`, `/partner/session/${soon.id}`]) {
      // The reviewer detail adds its session.viewed audit entry (issue 19), and nothing else.
      const before = await dbState(t.db)
      const one = await t.app.inject({ url, headers: { 'x-api-key': hooli.key } })
      const after = await dbState(t.db)
      const viewed = url.startsWith('/partner/reviewer/') ? 1 : 0
      expect(after).toEqual({ ...before, counts: { ...before.counts, audit_entries: before.counts.audit_entries + viewed } })
      expect(one.statusCode).toBe(200)
      expect(one.json().data).toMatchObject({ id: soon.id, status: 'EXPIRED', statusReason: 'expired' })
    }
    // Until the periodic sweep moves it, status filters and counts see its stored status.
    expect(await ids(hooli, 'status=EXPIRED')).toEqual([])
    expect(await t.app.ctx.sessions.sweepExpired()).toBeGreaterThanOrEqual(1)
    expect(await ids(hooli, 'status=EXPIRED')).toEqual([soon.id])
    expect(await ids(hooli, 'status=PENDING')).toEqual([later.id])
    expect((await list(hooli, 'status=EXPIRED')).json().total).toBe(1)
    expect((await list(hooli, 'counts=true')).json().counts).toMatchObject({ PENDING: 1, EXPIRED: 1 })
  })

  it('keeps total and counts exact through creations, transitions and assignments (session_counts)', async () => {
    const initech = await createKey(t.app, 'initech')
    const milton = await createKey(t.app, 'initech', { reviewerId: 'milton' })
    const made = []
    for (let i = 0; i < 6; i++) made.push((await createSession(t.app, (i % 2 === 0 ? initech : milton).key, { expiryDate: futureIso(t.app, 3600) })).id)
    await moveSessionTo(t.app, made[0], 'COMPLETED')
    await moveSessionTo(t.app, made[1], 'FAILED')
    await moveSessionTo(t.app, made[2], 'REVIEWING')
    await moveSessionTo(t.app, made[3], 'EXPIRED')
    const cancel = await t.app.inject({ method: 'POST', url: `/partner/session/${made[4]}/cancel`, headers: { 'x-api-key': initech.key }, payload: {} })
    expect(cancel.statusCode).toBe(200)
    for (const [id, reviewerId] of [[made[0], 'milton'], [made[1], null], [made[2], 'milton']] as const) {
      const res = await t.app.inject({ method: 'POST', url: `/partner/session/${id}/assign`, headers: { 'x-api-key': initech.key }, payload: { reviewerId } })
      expect(res.statusCode).toBe(200)
    }
    // What the list answers from session_counts equals counting the rows, for every key and filter.
    const exact = async (reviewerId: string | null, statuses: string[]) => {
      let q = t.db.kysely.selectFrom('sessions').where('teamId', '=', initech.teamId)
      if (reviewerId !== null) q = q.where('reviewerId', '=', reviewerId)
      if (statuses.length > 0) q = q.where('status', 'in', statuses as never[])
      return Number((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    }
    for (const [key, reviewerId] of [[initech, null], [milton, 'milton']] as const) {
      for (const statuses of [[], ['PENDING'], ['COMPLETED', 'REVIEWING'], ['EXPIRED'], ['FAILED']]) {
        const res = await list(key, statuses.length > 0 ? `status=${statuses.join(',')}` : '')
        expect(res.json().total).toBe(await exact(reviewerId, statuses))
      }
      const counts = (await list(key, 'counts=true')).json().counts as Record<string, number>
      for (const [status, n] of Object.entries(counts)) expect(n).toBe(await exact(reviewerId, [status]))
    }
    expect((await list(milton)).json().total).toBe(4)
    expect((await list(initech, 'status=EXPIRED')).json().total).toBe(2)
  })
})

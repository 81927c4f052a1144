import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

describe('GET /partner/reviewer/sessions: filters, cursor paging, counts and facts', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let alice: PartnerKey
  let globex: PartnerKey
  // acme's sessions, one minute apart: a1 (alice, REVIEWING), a2 (team, PENDING), a3 (alice, FAILED), a4 (team, COMPLETED), a5 (team, PENDING)
  const ids: Record<string, number> = {}
  let start = ''

  beforeAll(async () => {
    team = await createKey(t.app, 'acme')
    alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    globex = await createKey(t.app, 'globex')
    start = t.clock.iso()
    const make = async (name: string, key: PartnerKey, params: Record<string, unknown>) => {
      t.clock.advance(60)
      ids[name] = (await createSession(t.app, key.key, { expiryDate: new Date(t.clock.ms() + 30 * 86400_000).toISOString(), ...params })).id
    }
    await make('a1', alice, { applicantFirstName: 'Maria', applicantLastName: 'Lopez', applicantEmail: 'maria@example.com', applicantId: 'ap-1' })
    await make('a2', team, { applicantFirstName: 'Mario', applicantLastName: 'Rossi', applicantEmail: 'm.rossi@example.com', applicantId: 'ap-2' })
    await make('a3', alice, { applicantFirstName: 'Ann', applicantLastName: 'Marsh', applicantEmail: 'ann@example.com', applicantId: 'ap-1' })
    await make('a4', team, { applicantFirstName: '100%_Real', applicantLastName: 'Smith', applicantEmail: 'smith@example.com' })
    await make('a5', team, { applicantFirstName: 'Zed', applicantLastName: 'Zulu', applicantEmail: 'ZED@EXAMPLE.COM' })
    await make('g1', globex, { applicantFirstName: 'Maria', applicantId: 'ap-1' })
    await moveSessionTo(t.app, ids.a1, 'REVIEWING')
    await moveSessionTo(t.app, ids.a3, 'FAILED')
    await moveSessionTo(t.app, ids.a4, 'COMPLETED')
  })

  const list = async (key: PartnerKey, query: string) => await t.app.inject({ url: `/partner/reviewer/sessions?${query}`, headers: { 'x-api-key': key.key } })
  const idsOf = async (key: PartnerKey, query: string) => {
    const res = await list(key, query)
    expect(res.statusCode, res.body).toBe(200)
    return res.json().data.map((s: { id: number }) => s.id)
  }

  it('filters by several statuses', async () => {
    expect(await idsOf(team, 'status=REVIEWING,FAILED')).toEqual([ids.a3, ids.a1])
    expect(await idsOf(team, 'status=PENDING')).toEqual([ids.a5, ids.a2])
    expect(await idsOf(alice, 'status=PENDING,FAILED')).toEqual([ids.a3])
  })

  it('refuses an unknown status in the list with 400 and changes nothing', async () => {
    const res = await expectNoChange(t.db, async () => await list(team, 'status=REVIEWING,NOPE'))
    expectError(res, 400, 'querystring.status must be one of PENDING, PROCESSING, COMPLETED, REVIEWING, FAILED, EXPIRED, REJECTED')
    expect((await list(team, 'status=REVIEWING,')).statusCode).toBe(400)
  })

  it('filters by applicantId, within the team only', async () => {
    expect(await idsOf(team, 'applicantId=ap-1')).toEqual([ids.a3, ids.a1])
    expect(await idsOf(globex, 'applicantId=ap-1')).toEqual([ids.g1])
  })

  it('q matches a case-insensitive substring (3+ characters) or start (fewer) of first name, last name, email or applicant id, with wildcards taken literally', async () => {
    expect(await idsOf(team, 'q=mar')).toEqual([ids.a3, ids.a2, ids.a1])
    expect(await idsOf(team, 'q=ROSSI')).toEqual([ids.a2])
    expect(await idsOf(team, 'q=zed%40example')).toEqual([ids.a5])
    // Inside a name (Maria), not only at its start; two characters only at the start of a field.
    expect(await idsOf(team, 'q=aria')).toEqual([ids.a1])
    expect(await idsOf(team, 'q=ar')).toEqual([])
    expect(await idsOf(team, 'q=AP-1')).toEqual([ids.a3, ids.a1])
    expect(await idsOf(team, 'q=%25')).toEqual([])
    expect(await idsOf(team, 'q=_')).toEqual([])
    expect(await idsOf(team, 'q=100%25_')).toEqual([ids.a4])
  })

  it('createdAfter and createdBefore bound the creation date, and refuse what is not a date-time', async () => {
    const at = (minutes: number) => encodeURIComponent(new Date(Date.parse(start) + minutes * 60_000).toISOString())
    expect(await idsOf(team, `createdAfter=${at(2)}&createdBefore=${at(5)}`)).toEqual([ids.a4, ids.a3])
    expect(await idsOf(team, `createdAfter=${encodeURIComponent(new Date(Date.parse(start) + 2 * 60_000).toISOString().replace('Z', '+00:00'))}`)).toEqual([ids.a5, ids.a4, ids.a3])
    for (const bad of ['createdAfter=yesterday', 'createdBefore=2026-13-01T00:00:00Z', 'createdAfter=2026-01-01']) {
      const res = await expectNoChange(t.db, async () => await list(team, bad))
      expect(res.statusCode, bad).toBe(400)
      expect(Object.keys(res.json()).sort()).toEqual(['code', 'error', 'errors', 'message', 'requestId', 'statusCode'])
    }
  })

  // Found by the fuzz suite: year 0 passes the date-time format, and its ISO form ("0000-..." or
  // "-000001-...") was a 500 on PostgreSQL (its timestamptz refuses it) and a text comparison on SQLite.
  it('createdAfter and createdBefore: 400 outside the years 1 to 9999, on both dialects, and change nothing', async () => {
    for (const bad of ['createdAfter=0000-01-01T00:00:00Z', 'createdBefore=0000-01-01T00:00:00%2B14:00', 'createdAfter=0001-01-01T00:00:00%2B00:01', 'createdBefore=9999-12-31T23:59:59-00:01']) {
      const name = bad.split('=')[0]
      expectError(await expectNoChange(t.db, async () => await list(team, bad)), 400, `querystring.${name} must be an ISO 8601 date-time from 0001-01-01 to 9999-12-31`)
    }
    expect(await idsOf(team, 'createdAfter=0001-01-01T00:00:00Z&createdBefore=9999-12-31T23:59:59.999Z')).toHaveLength(5) // acme's five
  })

  it('startingAfter gives the page after a session in the sort order, with hasMore', async () => {
    const first = (await list(team, 'limit=2')).json()
    expect(first.data.map((s: { id: number }) => s.id)).toEqual([ids.a5, ids.a4])
    expect(first).toMatchObject({ total: 5, hasMore: true })
    const second = (await list(team, `limit=2&startingAfter=${ids.a4}`)).json()
    expect(second.data.map((s: { id: number }) => s.id)).toEqual([ids.a3, ids.a2])
    expect(second).toMatchObject({ total: 5, limit: 2, offset: 0, hasMore: true })
    const third = (await list(team, `limit=2&startingAfter=${ids.a2}`)).json()
    expect(third.data.map((s: { id: number }) => s.id)).toEqual([ids.a1])
    expect(third.hasMore).toBe(false)
    expect(await idsOf(team, `sortOrder=asc&startingAfter=${ids.a2}&limit=2`)).toEqual([ids.a3, ids.a4])
    expect(await idsOf(team, `sortBy=status&sortOrder=asc&startingAfter=${ids.a4}`)).toEqual([ids.a3, ids.a2, ids.a5, ids.a1])
    expect(await idsOf(team, 'sortBy=status&sortOrder=asc')).toEqual([ids.a4, ids.a3, ids.a2, ids.a5, ids.a1])
    expect((await list(team, 'limit=2&offset=2')).json()).toMatchObject({ hasMore: true, offset: 2 })
    expect((await list(team, 'limit=2&offset=4')).json()).toMatchObject({ hasMore: false })
  })

  it('startingAfter: 400 together with offset, 404 for a session not in the caller\'s list', async () => {
    expectError(await list(team, `startingAfter=${ids.a4}&offset=0`), 400, 'querystring.startingAfter cannot be used together with offset')
    expectError(await list(globex, `startingAfter=${ids.a4}`), 404, 'Session not found')
    expectError(await list(alice, `startingAfter=${ids.a4}`), 404, 'Session not found')
    expectError(await list(team, 'startingAfter=999999'), 404, 'Session not found')
    expect((await list(team, 'startingAfter=abc')).statusCode).toBe(400)
  })

  it('counts=true adds the sessions per status of the caller\'s scope, whatever the status filter', async () => {
    const body = (await list(team, 'counts=true&status=FAILED')).json()
    expect(body.counts).toEqual({ PENDING: 2, PROCESSING: 0, COMPLETED: 1, REVIEWING: 1, FAILED: 1, EXPIRED: 0, REJECTED: 0 })
    expect(body.data.map((s: { id: number }) => s.id)).toEqual([ids.a3])
    expect((await list(alice, 'counts=true')).json().counts).toMatchObject({ PENDING: 0, REVIEWING: 1, FAILED: 1, COMPLETED: 0 })
    expect((await list(globex, 'counts=true')).json().counts).toMatchObject({ PENDING: 1, REVIEWING: 0 })
    expect((await list(team, '')).json()).not.toHaveProperty('counts')
  })

  it('include=facts adds each session\'s verified facts', async () => {
    const body = (await list(team, 'include=facts')).json()
    const byId = new Map(body.data.map((s: { id: number, facts: unknown[] }) => [s.id, s.facts]))
    const [step] = await t.app.ctx.repos.steps.listForSession(ids.a4)
    const [proof] = await t.app.ctx.repos.proofs.listForSteps([step.id])
    expect(byId.get(ids.a4)).toEqual([{ name: 'monthlyIncome', value: '5400.00', sourceName: 'PayPal', stepId: step.id, proofIdentifier: proof.identifier, hashed: false, teeNonce: 'absent' }])
    expect(byId.get(ids.a1)).toHaveLength(1)
    expect(byId.get(ids.a2)).toEqual([])
    expect(byId.get(ids.a3)).toEqual([])
    expect((await list(team, '')).json().data[0]).not.toHaveProperty('facts')
    expect((await list(team, 'include=everything')).statusCode).toBe(400)
  })
})

import { sql } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import type { SessionRow } from '../../src/db/types.js'
import { SessionsRepository, type ListQuery } from '../../src/modules/sessions/sessions.repository.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

// The search, applicant and date filters of the reviewer list count their total themselves (capped)
// and a search reads its candidates through the lower(column) indexes of migration 0010. With small
// limits, every path (few candidates, many candidates, total under and over the cap) is compared
// with the same filter computed here from all of the team's rows.
describe('reviewer list: search and date filters with capped totals', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let other: PartnerKey
  let all: SessionRow[] = []
  const FIRST = ['Maria', 'mario', 'MARK', 'Ann', 'anna', 'Zoë', null, '100%_x', 'Mar_a']
  const LAST = ['Lopez', 'Marsh', null, 'Smith']
  const base = Date.parse('2026-06-01T00:00:00.000Z')

  beforeAll(async () => {
    team = await createKey(t.app, 'acme')
    other = await createKey(t.app, 'globex')
    const statuses = ['PENDING', 'REVIEWING', 'COMPLETED', 'FAILED'] as const
    const rows = Array.from({ length: 60 }, (_, i) => ({
      teamId: i % 10 === 9 ? other.teamId : team.teamId,
      livemode: i % 7 === 6 ? 0 : 1,
      reviewerId: i % 3 === 0 ? 'alice' : null,
      status: statuses[i % statuses.length],
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: `hash-${i}`,
      createdAt: new Date(base + i * 60_000).toISOString(),
      updatedAt: new Date(base + ((i * 37) % 60) * 60_000).toISOString(),
      applicantFirstName: FIRST[i % FIRST.length],
      applicantLastName: LAST[i % LAST.length],
      applicantEmail: i % 5 === 0 ? null : `${['mary', 'ann', 'zed'][i % 3]}${i}@Example.com`,
      applicantId: `ap-${i % 4}`
    }))
    await t.db.kysely.insertInto('sessions').values(rows).execute()
    all = await t.db.kysely.selectFrom('sessions').selectAll().execute()
  })

  const starts = (value: string | null, q: string) => value !== null && value.toLowerCase().startsWith(q.toLowerCase())
  /** The list as a plain filter and sort of every row would give it. */
  function expected (q: ListQuery): SessionRow[] {
    const rows = all.filter((r) => r.teamId === q.teamId && r.livemode === (q.livemode ? 1 : 0) &&
      (q.reviewerId === null || r.reviewerId === q.reviewerId) &&
      (q.statuses === undefined || q.statuses.includes(r.status)) &&
      (q.applicantId === undefined || r.applicantId === q.applicantId) &&
      (q.createdAfter === undefined || r.createdAt > q.createdAfter) &&
      (q.createdBefore === undefined || r.createdAt < q.createdBefore) &&
      (q.q === undefined || starts(r.applicantFirstName, q.q) || starts(r.applicantLastName, q.q) || starts(r.applicantEmail, q.q)))
    const sign = q.sortOrder === 'asc' ? 1 : -1
    return rows.sort((a, b) => a[q.sortBy] < b[q.sortBy] ? -sign : a[q.sortBy] > b[q.sortBy] ? sign : (a.id - b.id) * sign)
  }

  const query = (over: Partial<ListQuery>): ListQuery => ({
    teamId: team.teamId, livemode: true, reviewerId: null, limit: 5, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', ...over
  })
  const cases: Array<[string, Partial<ListQuery>]> = [
    ['q=mar', { q: 'mar' }],
    ['q=MAR, reviewer', { q: 'MAR', reviewerId: 'alice' }],
    ['q=an sorted by updatedAt asc', { q: 'an', sortBy: 'updatedAt', sortOrder: 'asc' }],
    ['q=mar_ (wildcards literal)', { q: 'mar_' }],
    ['q=100% (wildcards literal)', { q: '100%' }],
    ['q=zo (non-ASCII)', { q: 'zo' }],
    ['q=nobody', { q: 'nobody' }],
    ['q=m with a status', { q: 'm', statuses: ['REVIEWING', 'FAILED'] }],
    ['q=a, test mode', { q: 'a', livemode: false }],
    ['createdAfter', { createdAfter: new Date(base + 20 * 60_000).toISOString() }],
    ['createdBefore, status', { createdBefore: new Date(base + 40 * 60_000).toISOString(), statuses: ['PENDING'] }],
    ['applicantId', { applicantId: 'ap-1' }],
    ['q and dates', { q: 'm', createdAfter: new Date(base + 10 * 60_000).toISOString(), createdBefore: new Date(base + 50 * 60_000).toISOString() }]
  ]

  // Few candidates (up to 50: every search here reads its page from them), many (up to 2: a page
  // walks the list's index), with a cap above and below each total.
  for (const limits of [{ searchCandidates: 50, countCap: 100 }, { searchCandidates: 2, countCap: 100 }, { searchCandidates: 2, countCap: 4 }, { searchCandidates: 3, countCap: 3 }, { searchCandidates: 50, countCap: 4 }]) {
    it(`pages, totals and counts match a plain filter (candidates ${limits.searchCandidates}, cap ${limits.countCap})`, async () => {
      const repo = new SessionsRepository(t.db.kysely, limits)
      for (const [name, over] of cases) {
        const q = query(over)
        const want = expected(q)
        // Every page through the cursor, then the total.
        const seen: number[] = []
        let after: SessionRow | undefined
        for (;;) {
          const page = await repo.list({ ...q, after })
          seen.push(...page.rows.map((r) => r.id))
          // Exact up to the cap (a search with more candidates than the cap may say inexact sooner).
          if (want.length > limits.countCap) expect(page.totalExact, name).toBe(false)
          else if (q.q === undefined) expect(page.totalExact, name).toBe(true)
          if (page.totalExact) expect(page.total, name).toBe(want.length)
          else {
            // A lower bound: never above the list, never below what this page shows (and one more when more follow).
            expect(page.total, name).toBeLessThanOrEqual(want.length)
            expect(page.total, name).toBeGreaterThanOrEqual(page.rows.length + (page.hasMore ? 1 : 0))
          }
          if (!page.hasMore) break
          after = page.rows[page.rows.length - 1]
        }
        expect(seen, name).toEqual(want.map((r) => r.id))
        // counts=true: per status of the list without its status filter, exact while under the cap.
        const byStatus = await repo.countByStatus({ ...q, statuses: undefined })
        const unfiltered = expected({ ...q, statuses: undefined })
        const sum = byStatus.counts.reduce((n, c) => n + c.n, 0)
        if (unfiltered.length <= limits.countCap && q.q === undefined) expect(byStatus.exact, name).toBe(true)
        if (unfiltered.length > limits.countCap) expect(byStatus.exact, name).toBe(false)
        if (byStatus.exact) {
          const want = new Map<string, number>()
          for (const r of unfiltered) want.set(r.status, (want.get(r.status) ?? 0) + 1)
          expect(new Map(byStatus.counts.map((c) => [c.status, c.n])), name).toEqual(want)
        } else {
          // Lower bounds: each at most the cap and at most that status's true count.
          expect(sum, name).toBeLessThanOrEqual(unfiltered.length)
          for (const c of byStatus.counts) {
            expect(c.n, name).toBeLessThanOrEqual(Math.min(limits.countCap, unfiltered.filter((r) => r.status === c.status).length))
          }
        }
      }
    })
  }

  it('says nothing of totalExact over HTTP while the total is exact (a plain list, a search or dates under the cap)', async () => {
    for (const path of ['/partner/reviewer/sessions', '/partner/reviewer/sessions?q=mar', '/partner/reviewer/sessions?createdAfter=2026-06-01T00:10:00Z']) {
      const res = await t.app.inject({ url: path, headers: { 'x-api-key': team.key } })
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).not.toHaveProperty('totalExact')
    }
    const res = await t.app.inject({ url: '/partner/reviewer/sessions?q=mar', headers: { 'x-api-key': team.key } })
    expect(res.json().total).toBe(expected(query({ q: 'mar' })).length)
  })

  it('reads a search page through its candidates (the primary key), not the team, without planner statistics (query plan)', async () => {
    // These tables were never analysed: the case where both databases were seen walking the team.
    const k = t.db.kysely
    const repo = new SessionsRepository(k)
    const page = (repo as unknown as { filtered: (f: ListQuery, withStatus: boolean, among: number) => any })
      .filtered(query({ q: 'mar', statuses: ['PENDING', 'REVIEWING'] }), true, 11).selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(21).compile()
    const plan = t.db.dialect === 'sqlite'
      ? (await k.executeQuery<{ detail: string }>({ ...page, sql: `explain query plan ${page.sql}` })).rows.map((r) => r.detail)
      : await k.connection().execute(async (c) => {
        await sql`set enable_seqscan = off`.execute(c)
        try {
          return (await c.executeQuery<{ 'QUERY PLAN': string }>({ ...page, sql: `explain ${page.sql}` })).rows.map((r) => r['QUERY PLAN'])
        } finally {
          await sql`reset enable_seqscan`.execute(c)
        }
      })
    const text = plan.join('\n')
    expect(text).toMatch(t.db.dialect === 'sqlite' ? /SEARCH sessions USING INTEGER PRIMARY KEY/ : /Index Scan (using|on) sessions_pkey/)
    expect(text).not.toMatch(/sessions_list_/)
  })

  it('reads a search through the lower(column) indexes, not by walking the team (query plan)', async () => {
    const k = t.db.kysely
    const plan = t.db.dialect === 'sqlite'
      ? (await sql<{ detail: string }>`explain query plan select id from sessions where team_id = 1 and livemode = 1
          and lower(applicant_first_name) >= 'mar' and lower(applicant_first_name) < 'mar' || char(1114111)`.execute(k)).rows.map((r) => r.detail)
      // A table this small is cheaper to scan; with scans priced out, the index must still match the query's expression and collation.
      : await k.connection().execute(async (c) => {
        await sql`set enable_seqscan = off`.execute(c)
        try {
          const rows = (await sql<{ 'QUERY PLAN': string }>`explain select id from sessions where team_id = 1 and livemode = 1
            and lower(applicant_first_name) collate "C" >= 'mar' and lower(applicant_first_name) collate "C" < ${'mar\u{10FFFF}'}`.execute(c)).rows
          return rows.map((r) => r['QUERY PLAN'])
        } finally {
          await sql`reset enable_seqscan`.execute(c)
        }
      })
    expect(plan.join('\n')).toContain('sessions_search_applicant_first_name_idx')
  })
})

describe('reviewer list: a date filter matching more than 10,000 sessions', () => {
  const t = useTestApp({ ...TEST_ENV })

  it('answers total 10000 with totalExact false, and the page as usual', async () => {
    const key = await createKey(t.app, 'big')
    const base = Date.parse('2026-06-01T00:00:00.000Z')
    for (let from = 0; from < 10_050; from += 500) {
      await t.db.kysely.insertInto('sessions').values(Array.from({ length: Math.min(500, 10_050 - from) }, (_, k) => ({
        teamId: key.teamId,
        status: 'PENDING',
        expiryDate: '2099-01-01T00:00:00.000Z',
        linkTokenHash: `big-${from + k}`,
        createdAt: new Date(base + (from + k) * 1000).toISOString(),
        updatedAt: new Date(base + (from + k) * 1000).toISOString()
      }))).execute()
    }
    const res = await t.app.inject({ url: '/partner/reviewer/sessions?limit=2&createdAfter=2026-05-01T00:00:00Z', headers: { 'x-api-key': key.key } })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ total: 10_000, totalExact: false, hasMore: true })
    const counted = await t.app.inject({ url: '/partner/reviewer/sessions?limit=2&counts=true&status=REVIEWING&createdAfter=2026-05-01T00:00:00Z', headers: { 'x-api-key': key.key } })
    // No REVIEWING session: the total is exact (0), the counts (every status) are not.
    expect(counted.json()).toMatchObject({ total: 0, totalExact: false, counts: { PENDING: 10_000, REVIEWING: 0 } })
    expect(body.data.map((s: { createdAt: string }) => s.createdAt)).toEqual([new Date(base + 10_049_000).toISOString(), new Date(base + 10_048_000).toISOString()])
    // Fewer than the cap: exact again, and said so by saying nothing.
    const few = await t.app.inject({ url: `/partner/reviewer/sessions?createdAfter=${new Date(base + 10_000_000).toISOString()}`, headers: { 'x-api-key': key.key } })
    expect(few.json().total).toBe(49)
    expect(few.json()).not.toHaveProperty('totalExact')
  })
})

import { sql, type CompiledQuery } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import type { SessionRow } from '../../src/db/types.js'
import { SEARCH_WINDOW, SessionsRepository, searchTerm, type ListQuery, type SearchTerm } from '../../src/modules/sessions/sessions.repository.js'
import { createKey, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { planOf as planOfQuery } from '../support/query-plan.js'

// The search, applicant and date filters of the reviewer list count their total themselves (capped)
// and a search reads its candidates through the search index of migration 0012 (SQLite FTS5 trigram,
// PostgreSQL pg_trgm): a term of three characters or more matches a substring of the first name, last
// name, email or applicant id, a shorter one the start of one of them, in any ASCII case. With small
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
    // The rows were written around LifecycleRepository: their counts as it would have kept them
    // (a search reads the list's size from them to choose its plan).
    await new SessionsRepository(t.db.kysely).recount()
    all = await t.db.kysely.selectFrom('sessions').selectAll().execute()
  })

  // ASCII case only, as SQLite's lower() (the data holds no non-ASCII capital).
  const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  const hit = (value: string | null, q: string) => value !== null && ([...q].length >= 3 ? fold(value).includes(fold(q)) : fold(value).startsWith(fold(q)))
  /** The list as a plain filter and sort of every row would give it. */
  function expected (q: ListQuery): SessionRow[] {
    const rows = all.filter((r) => r.teamId === q.teamId && r.livemode === (q.livemode ? 1 : 0) &&
      (q.reviewerId === null || r.reviewerId === q.reviewerId) &&
      (q.statuses === undefined || q.statuses.includes(r.status)) &&
      (q.applicantId === undefined || r.applicantId === q.applicantId) &&
      (q.createdAfter === undefined || r.createdAt > q.createdAfter) &&
      (q.createdBefore === undefined || r.createdAt < q.createdBefore) &&
      (q.q === undefined || [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId].some((v) => hit(v, q.q as string))))
    const sign = q.sortOrder === 'asc' ? 1 : -1
    // sortBy=status: then createdAt and id (the indexes that serve it); the other sorts then id (the cases here never sort by dueAt).
    const keys = q.sortBy === 'status' ? ['status', 'createdAt', 'id'] as const : [q.sortBy as 'createdAt' | 'updatedAt', 'id'] as const
    return rows.sort((a, b) => {
      for (const k of keys) if (a[k] !== b[k]) return (a[k] < b[k] ? -1 : 1) * sign
      return 0
    })
  }

  const query = (over: Partial<ListQuery>): ListQuery => ({
    teamId: team.teamId, livemode: true, reviewerId: null, limit: 5, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', ...over
  })
  const cases: Array<[string, Partial<ListQuery>]> = [
    ['q=mar', { q: 'mar' }],
    ['q=ari (inside a name)', { q: 'ari' }],
    ['q=ple.co (inside an email)', { q: 'ple.co' }],
    ['q=p-2 (inside an applicant id)', { q: 'p-2' }],
    ['q=z (one character: a start)', { q: 'z' }],
    ['q=ez (two characters: a start, not inside Lopez)', { q: 'ez' }],
    ['q=sh" (a quote)', { q: 'sh"' }],
    ['q=rsh sorted by status', { q: 'rsh', sortBy: 'status', sortOrder: 'asc' }],
    ['q=e sorted by status desc, reviewer', { q: 'e', sortBy: 'status', sortOrder: 'desc', reviewerId: 'alice' }],
    ['q=MAR, reviewer', { q: 'MAR', reviewerId: 'alice' }],
    ['q=an sorted by updatedAt asc', { q: 'an', sortBy: 'updatedAt', sortOrder: 'asc' }],
    ['q=mar_ (wildcards literal)', { q: 'mar_' }],
    ['q=100% (wildcards literal)', { q: '100%' }],
    ['q=zo (non-ASCII)', { q: 'zo' }],
    ['q=zoë (non-ASCII)', { q: 'ZOË'.slice(0, 2) + 'ë' }],
    ['q=nobody', { q: 'nobody' }],
    ['q=m with a status', { q: 'm', statuses: ['REVIEWING', 'FAILED'] }],
    ['q=a, test mode', { q: 'a', livemode: false }],
    ['createdAfter', { createdAfter: new Date(base + 20 * 60_000).toISOString() }],
    ['createdBefore, status', { createdBefore: new Date(base + 40 * 60_000).toISOString(), statuses: ['PENDING'] }],
    ['applicantId', { applicantId: 'ap-1' }],
    ['sortBy=status', { sortBy: 'status', sortOrder: 'asc', createdAfter: '2000-01-01T00:00:00.000Z' }],
    ['q and dates', { q: 'm', createdAfter: new Date(base + 10 * 60_000).toISOString(), createdBefore: new Date(base + 50 * 60_000).toISOString() }]
  ]

  // Few candidates (up to 50: every search here reads its page from them), many (up to 2: a page
  // walks the list's index), with a cap above and below each total.
  // rare: on SQLite, a term whose rarest trigram few documents hold reads every match through its rare
  // trigrams (every term here is rare), else (0) the other paths.
  for (const limits of [
    { searchCandidates: 50, countCap: 100, rareTermDocuments: 0 }, { searchCandidates: 2, countCap: 100, rareTermDocuments: 0 },
    { searchCandidates: 2, countCap: 4, rareTermDocuments: 0 }, { searchCandidates: 3, countCap: 3, rareTermDocuments: 0 },
    { searchCandidates: 50, countCap: 4, rareTermDocuments: 0 }, { searchCandidates: 2, countCap: 100, rareTermDocuments: 5000 },
    { searchCandidates: 2, countCap: 4, rareTermDocuments: 5000 }, { searchCandidates: 2, countCap: 4, rareTermDocuments: 0, idOrderSearch: false }
  ]) {
    it(`pages, totals and counts match a plain filter (candidates ${limits.searchCandidates}, cap ${limits.countCap}, rare ${limits.rareTermDocuments}${limits.idOrderSearch === false ? ', no id order' : ''})`, async () => {
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
          // Exact up to the cap (a search with more candidates than the cap may say inexact sooner; one
          // whose first page held every match, read in id order, knows its total whatever the cap).
          if (want.length > limits.countCap && want.length > q.limit) expect(page.totalExact, name).toBe(false)
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

  it('answers a term many sessions share from the first rows of the list\'s order, its total a lower bound (the matches among them)', async () => {
    // 46 live sessions, more than 2 candidates: the search tests the first SEARCH_WINDOW x (limit + 1) rows of the list.
    // The window is for the sorts the id-order read does not serve (SQLite reads a search sorted by creation in id order: reviewer-list-id-order.test.ts).
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 2, countCap: 100, idOrderSearch: false, rareTermDocuments: 0 })
    let windowed = 0
    const matches = (r: SessionRow, q: string) => [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId].some((v) => hit(v, q))
    for (const [q, over] of [['a', {}], ['mar', {}], ['ari', { sortBy: 'status', sortOrder: 'asc' }], ['an', { reviewerId: 'alice' }], ['m', { statuses: ['REVIEWING', 'FAILED'] }]] as Array<[string, Partial<ListQuery>]>) {
      const query1 = query({ q, limit: 1, ...over })
      const unsearched = expected({ ...query1, q: undefined })
      const window = unsearched.slice(0, SEARCH_WINDOW * 2)
      const inWindow = window.filter((r) => matches(r, q)).length
      const page = await repo.list(query1)
      expect(page.rows.map((r) => r.id), q).toEqual(expected(query1).slice(0, 1).map((r) => r.id))
      if (unsearched.length > 2 && inWindow >= 2) {
        expect(page, q).toMatchObject({ totalExact: false, hasMore: true, total: Math.max(inWindow, 2) })
        windowed++
        // counts=true: the same page, the statuses of the matches among the list's first rows (without
        // its status filter) as lower bounds, and a total at least the filtered ones among them.
        const counted = await repo.list(query1, { counts: true })
        expect(counted.rows.map((r) => r.id), q).toEqual(page.rows.map((r) => r.id))
        const all = expected({ ...query1, statuses: undefined })
        const firstRows = expected({ ...query1, q: undefined, statuses: undefined }).slice(0, SEARCH_WINDOW * 2).filter((r) => matches(r, q))
        const byStatus = counted.byStatus as NonNullable<typeof counted.byStatus>
        expect(byStatus.exact, q).toBe(false)
        for (const c of byStatus.counts) {
          expect(c.n, q).toBe(firstRows.filter((r) => r.status === c.status).length)
          expect(c.n, q).toBeLessThanOrEqual(all.filter((r) => r.status === c.status).length)
        }
        const filtered = byStatus.counts.filter((c) => query1.statuses === undefined || query1.statuses.includes(c.status)).reduce((n, c) => n + c.n, 0)
        expect(counted, q).toMatchObject({ totalExact: false, total: Math.max(page.total, filtered) })
        expect(counted.total, q).toBeLessThanOrEqual(expected(query1).length)
      }
    }
    expect(windowed).toBeGreaterThanOrEqual(4)
    // A term the window holds no page of reads its candidates as before (here: one match, exact).
    const rare = await repo.list(query({ q: 'ple.co', limit: 1, reviewerId: 'alice' }))
    expect(rare.rows.map((r) => r.id)).toEqual(expected(query({ q: 'ple.co', limit: 1, reviewerId: 'alice' })).slice(0, 1).map((r) => r.id))
  })

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
    const internals = repo as unknown as {
      filtered: (f: ListQuery, withStatus: boolean, among: number[], term: SearchTerm) => any
      candidates: (f: ListQuery, term: SearchTerm, limit: number) => { compile: (db: unknown) => CompiledQuery }
    }
    const f = query({ q: 'mar', statuses: ['PENDING', 'REVIEWING'] })
    const page = internals.filtered(f, true, all.slice(0, 11).map((r) => r.id), searchTerm('mar') as SearchTerm)
      .selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(21).compile()
    const text = (await planOf(page)).join('\n')
    expect(text).toMatch(t.db.dialect === 'sqlite' ? /SEARCH sessions USING INTEGER PRIMARY KEY/ : /Index Scan (using|on) sessions_pkey/)
    expect(text).not.toMatch(/sessions_list_/)
    // The candidates themselves come from the search index (the FTS5 table first, then each session by its key).
    const candidates = (await planOf(internals.candidates(f, searchTerm('mar') as SearchTerm, 11).compile(k))).join('\n')
    expect(candidates).toMatch(t.db.dialect === 'sqlite' ? /SCAN m VIRTUAL TABLE INDEX[\s\S]*SEARCH s USING INTEGER PRIMARY KEY/ : /Bitmap Index Scan on sessions_search_hour_idx/)
  })

  it('walks the list\'s index for a term many sessions share, testing each row (query plan)', async () => {
    const repo = new SessionsRepository(t.db.kysely)
    const page = (repo as unknown as { filtered: (f: ListQuery, withStatus: boolean, among: undefined, term: SearchTerm) => any })
      .filtered(query({ q: 'mar' }), true, undefined, searchTerm('mar') as SearchTerm).selectAll().orderBy('createdAt', 'desc').orderBy('id', 'desc').limit(21).compile()
    const text = (await planOf(page)).join('\n')
    expect(text).toContain('sessions_list_created_at_idx')
    expect(text).not.toMatch(/TEMP B-TREE|Sort/)
  })

  const planOf = async (query: CompiledQuery) => await planOfQuery(t.db, query)
})

describe('reviewer list: the search index follows every change of the searched fields', () => {
  const t = useTestApp({ ...TEST_ENV })

  it('tests a row as its search document would: a short term starts a field or follows a U+0001 in one, a longer one is inside a field (the row test and the index agree)', async () => {
    const key = await createKey(t.app, 'row-test')
    const names: Array<[string | null, string | null]> = [['x\u0001ab', null], ['Abz', 'Q'], ['zab', null], [null, 'AB-10%_\\'], ['nothing', 'here']]
    const ids: number[] = []
    for (const [i, [first, last]] of names.entries()) {
      const [row] = await t.db.kysely.insertInto('sessions').values({
        teamId: key.teamId,
        status: 'PENDING',
        expiryDate: '2099-01-01T00:00:00.000Z',
        linkTokenHash: `row-test-${i}`,
        applicantFirstName: first,
        applicantLastName: last,
        createdAt: new Date(Date.parse('2026-03-01T00:00:00Z') + i * 1000).toISOString(),
        updatedAt: '2026-03-01T00:00:00.000Z'
      }).returning('id').execute()
      ids.push(row.id)
    }
    const repo = new SessionsRepository(t.db.kysely)
    const rowTest = (repo as unknown as { filtered: (f: ListQuery, withStatus: boolean, among: undefined, term: SearchTerm) => any }).filtered.bind(repo)
    const viaIndex = (repo as unknown as { candidates: (f: ListQuery, term: SearchTerm, limit: number) => { execute: (db: unknown) => Promise<{ rows: Array<{ id: number }> }> } }).candidates.bind(repo)
    const f = (q: string): ListQuery => ({ teamId: key.teamId, livemode: true, reviewerId: null, limit: 20, offset: 0, sortBy: 'createdAt', sortOrder: 'asc', q })
    for (const [q, want] of [['ab', [0, 1, 3]], ['AB', [0, 1, 3]], ['zab', [2]], ['b-1', [3]], ['10%_', [3]], ['%', []], ['q', [1]], ['e', []], ['her', [4]]] as Array<[string, number[]]>) {
      const term = searchTerm(q) as SearchTerm
      const tested = (await rowTest(f(q), true, undefined, term).select('id').orderBy('id').execute()).map((r: { id: number }) => r.id)
      expect(tested, q).toEqual(want.map((i) => ids[i]))
      const indexed = (await viaIndex(f(q), term, 100).execute(t.db.kysely)).rows.map((r) => Number(r.id)).sort((a, b) => a - b)
      expect(indexed, q).toEqual(want.map((i) => ids[i]))
    }
  })

  it('finds a session by its new names after an update, not its old ones; nothing once redacted or deleted', async () => {
    const key = await createKey(t.app, 'follow')
    const search = async (q: string) => {
      const res = await t.app.inject({ url: `/partner/reviewer/sessions?q=${encodeURIComponent(q)}`, headers: { 'x-api-key': key.key } })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().data.map((s: { id: number }) => s.id)
    }
    const created = await t.app.inject({
      method: 'POST',
      url: '/partner/session',
      headers: { 'x-api-key': key.key },
      payload: { params: { expiryDate: new Date(Date.now() + 86400_000).toISOString(), applicantFirstName: 'Wilhelmina', applicantLastName: 'Quarrington', applicantEmail: 'wq@Example.org', applicantId: 'cust-48151' } }
    })
    expect(created.statusCode, created.body).toBe(201)
    const id = created.json().data.id as number
    for (const q of ['helmi', 'QUARR', 'wq@ex', 'st-4815', 'wi', 'q']) expect(await search(q), q).toEqual([id])
    // Written around the service (as an operator's tool would): the index follows the row.
    await t.db.kysely.updateTable('sessions').set({ applicantFirstName: 'Ottoline', applicantEmail: null }).where('id', '=', id).execute()
    expect(await search('helmi')).toEqual([])
    expect(await search('wq@ex')).toEqual([])
    expect(await search('ottol')).toEqual([id])
    expect(await search('quarr')).toEqual([id])
    // Redaction erases the applicant's fields, and the search finds it by none of them.
    await moveSessionTo(t.app, id, 'COMPLETED')
    const redacted = await t.app.inject({ method: 'POST', url: `/partner/session/${id}/redact`, headers: { 'x-api-key': key.key } })
    expect(redacted.statusCode, redacted.body).toBe(200)
    for (const q of ['ottol', 'quarr', 'st-4815', 'o']) expect(await search(q), q).toEqual([])
    // A session deleted leaves no entry behind (SQLite's FTS table is its own; PostgreSQL's index follows the table).
    const other = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: new Date(Date.now() + 86400_000).toISOString(), applicantFirstName: 'Zebedee' } } })
    const otherId = other.json().data.id as number
    expect(await search('zebed')).toEqual([otherId])
    await t.db.kysely.deleteFrom('auditLog').where('sessionId', '=', otherId).execute()
    await t.db.kysely.deleteFrom('sessions').where('id', '=', otherId).execute()
    expect(await search('zebed')).toEqual([])
    if (t.db.dialect === 'sqlite') {
      const left = await sql<{ n: number }>`select count(*) as n from sessions_search where rowid in (${id}, ${otherId})`.execute(t.db.kysely)
      expect(left.rows[0].n).toBe(0)
      const words = await sql<{ n: number }>`select count(*) as n from sessions_words where rowid in (${id}, ${otherId})`.execute(t.db.kysely)
      expect(words.rows[0].n).toBe(0)
    }
  })
})

describe('reviewer list: a date filter matching more than 1,000 sessions', () => {
  const t = useTestApp({ ...TEST_ENV })

  /** `n` PENDING sessions of the team, created one a second from `base` on (inserted 500 at a time). */
  async function oneASecond (teamId: number, prefix: string, base: number, n: number): Promise<void> {
    for (let from = 0; from < n; from += 500) {
      await t.db.kysely.insertInto('sessions').values(Array.from({ length: Math.min(500, n - from) }, (_, k) => ({
        teamId,
        status: 'PENDING',
        expiryDate: '2099-01-01T00:00:00.000Z',
        linkTokenHash: `${prefix}-${from + k}`,
        createdAt: new Date(base + (from + k) * 1000).toISOString(),
        updatedAt: new Date(base + (from + k) * 1000).toISOString()
      }))).execute()
    }
  }

  it('answers total 1000 with totalExact false, and the page as usual', async () => {
    const key = await createKey(t.app, 'big')
    const base = Date.parse('2026-06-01T00:00:00.000Z')
    await oneASecond(key.teamId, 'big', base, 1_050)
    const res = await t.app.inject({ url: '/partner/reviewer/sessions?limit=2&createdAfter=2026-05-01T00:00:00Z', headers: { 'x-api-key': key.key } })
    expect(res.statusCode, res.body).toBe(200)
    const body = res.json()
    expect(body).toMatchObject({ total: 1_000, totalExact: false, hasMore: true })
    const counted = await t.app.inject({ url: '/partner/reviewer/sessions?limit=2&counts=true&status=REVIEWING&createdAfter=2026-05-01T00:00:00Z', headers: { 'x-api-key': key.key } })
    // No REVIEWING session: the total is exact (0), the counts (every status) are not.
    expect(counted.json()).toMatchObject({ total: 0, totalExact: false, counts: { PENDING: 1_000, REVIEWING: 0 } })
    expect(body.data.map((s: { createdAt: string }) => s.createdAt)).toEqual([new Date(base + 1_049_000).toISOString(), new Date(base + 1_048_000).toISOString()])
    // Fewer than the cap: exact again, and said so by saying nothing.
    const few = await t.app.inject({ url: `/partner/reviewer/sessions?createdAfter=${new Date(base + 1_000_000).toISOString()}`, headers: { 'x-api-key': key.key } })
    expect(few.json().total).toBe(49)
    expect(few.json()).not.toHaveProperty('totalExact')
  })

  it('counts a date filter\'s total through the list\'s index in creation order, not the table in storage order (query plan, analysed)', async () => {
    // Storage order is creation order, so a scan of the table for `createdAfter` at a tenth of the range
    // reads the first tenth before its first match: PostgreSQL planned that at a million sessions.
    const key = await createKey(t.app, 'plan')
    const base = Date.parse('2025-01-01T00:00:00.000Z')
    const n = 20_000
    await oneASecond(key.teamId, 'plan', base, n)
    await sql`analyze`.execute(t.db.kysely)
    const repo = new SessionsRepository(t.db.kysely)
    const matching = (repo as unknown as { matching: (f: ListQuery, withStatus: boolean, plan: object, limit: number) => any }).matching.bind(repo)
    const f: ListQuery = { teamId: key.teamId, livemode: true, reviewerId: null, limit: 20, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', createdAfter: new Date(base + n * 100).toISOString() }
    const count = t.db.kysely.selectFrom(matching(f, true, { complete: true, none: false }, 1_001).select('id').as('m')).select(sql<number>`count(*)`.as('n')).compile()
    const explain = `${t.db.dialect === 'sqlite' ? 'explain query plan' : 'explain'} ${count.sql}`
    const plan = (await t.db.kysely.executeQuery<Record<string, string>>({ ...count, sql: explain })).rows.map((r) => r.detail ?? r['QUERY PLAN']).join('\n')
    expect(plan).toContain('sessions_list_created_at_idx')
    expect(plan).not.toMatch(/Seq Scan|TEMP B-TREE|Sort/)
    expect(Number((await t.db.kysely.executeQuery<{ n: number }>(count)).rows[0].n)).toBe(1_001)
  })
})

import { Writable } from 'node:stream'
import { sql } from 'kysely'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { SessionRow } from '../../src/db/types.js'
import { SessionsRepository, searchTerm, type ListPage, type ListQuery, type SearchTerm } from '../../src/modules/sessions/sessions.repository.js'
import { createKey, type PartnerKey } from '../support/factories.js'
import { openTestDb, usingPostgres, useTestApp } from '../support/harness.js'
import { capturing, planOf } from '../support/query-plan.js'

// A search sorted by creation reads its page from the search index in id order on SQLite (FTS5 reads
// rowids in order and the page stops it), and corrects for creation times that stray from the ids'
// order by reading the rows within session_order.lag_ms of the page's edges (migration 0026). Here
// the rows' times stray by up to 4.5 s, so pages whose edges fall among them must still come out in
// the list's exact order (created_at, then id) through every cursor. On PostgreSQL the same pages come
// from the other plans (its index has no order), and must be the same.
const hit = (value: string | null, q: string) => value !== null && ([...q].length >= 3 ? value.toLowerCase().includes(q.toLowerCase()) : value.toLowerCase().startsWith(q.toLowerCase()))

/** The search's matches among `all` (team, mode, reviewer, statuses, term), by a plain filter, in the list's order (created_at, then id). */
function expectedOf (all: SessionRow[], q: ListQuery): SessionRow[] {
  const sign = q.sortOrder === 'asc' ? 1 : -1
  return all.filter((r) => r.teamId === q.teamId && r.livemode === (q.livemode ? 1 : 0) && (q.reviewerId === null || r.reviewerId === q.reviewerId) &&
    (q.statuses === undefined || q.statuses.includes(r.status)) &&
    [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId].some((v) => hit(v, q.q as string)))
    .sort((a, b) => (a.createdAt === b.createdAt ? a.id - b.id : a.createdAt < b.createdAt ? -1 : 1) * sign)
}

/**
 * Every page of the search through its cursor, checked against `want`: how many pages `read` (the
 * repository's id-order or hours read) answered, and how many first pages said a lower-bound total.
 */
async function pageThrough (repo: SessionsRepository, q: ListQuery, want: SessionRow[], read: 'searchInIdOrder' | 'searchInHours'): Promise<{ answered: number, boundedFirst: number }> {
  const spy = vi.spyOn(SessionsRepository.prototype as unknown as Record<typeof read, () => Promise<ListPage | null>>, read)
  const seen: number[] = []
  let boundedFirst = 0
  let after: SessionRow | undefined
  for (let pages = 0; ; pages++) {
    expect(pages, `${q.q} runs away`).toBeLessThan(want.length + 2)
    const page = await repo.list({ ...q, after })
    // A page after one that said more follow holds some (hasMore is not a guess).
    if (after !== undefined) expect(page.rows.length, `${q.q}: hasMore, then nothing`).toBeGreaterThan(0)
    seen.push(...page.rows.map((r) => r.id))
    if (page.totalExact) expect(page.total, q.q).toBe(want.length)
    else {
      if (after === undefined) boundedFirst++
      expect(page.total, q.q).toBeLessThanOrEqual(want.length)
      expect(page.total, q.q).toBeGreaterThanOrEqual(page.rows.length + (page.hasMore ? 1 : 0))
    }
    if (!page.hasMore) break
    after = page.rows[page.rows.length - 1]
  }
  expect(seen, JSON.stringify(q)).toEqual(want.map((r) => r.id))
  let answered = 0
  for (const r of spy.mock.results) if (await r.value !== null) answered++
  spy.mockRestore()
  return { answered, boundedFirst }
}

describe('reviewer list: a search sorted by creation, read in id order', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let all: SessionRow[] = []
  const FIRST = ['Maria', 'mario', 'Ann', 'anna', 'Zed', 'Eve', null]
  const LAST = ['Lopez', 'Marsh', 'Smith', null, 'Garcia']
  const base = Date.parse('2026-06-01T00:00:00.000Z')
  /** Row i's creation time: i seconds after base, but every fifth row 4.5 s earlier, and every eleventh 2 s earlier (crossing its neighbours). */
  const createdAt = (i: number) => new Date(base + i * 1000 - (i % 5 === 3 ? 4500 : i % 11 === 7 ? 2000 : 0)).toISOString()
  const N = 240

  beforeAll(async () => {
    team = await createKey(t.app, 'acme')
    const other = await createKey(t.app, 'globex')
    const statuses = ['PENDING', 'REVIEWING', 'COMPLETED', 'FAILED'] as const
    const rows = Array.from({ length: N }, (_, i) => ({
      teamId: i % 10 === 9 ? other.teamId : team.teamId,
      livemode: 1,
      reviewerId: i % 3 === 0 ? 'alice' : null,
      status: statuses[i % statuses.length],
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: `io-${i}`,
      createdAt: createdAt(i),
      updatedAt: createdAt(i),
      applicantFirstName: FIRST[i % FIRST.length],
      applicantLastName: LAST[(i * 3) % LAST.length],
      applicantEmail: i % 4 === 0 ? null : `${['mary', 'ann', 'zed'][i % 3]}${i}@example.com`,
      applicantId: `ap-${i}`
    }))
    // One row at a time, in order: ids follow i.
    for (const row of rows) await t.db.kysely.insertInto('sessions').values(row).execute()
    await new SessionsRepository(t.db.kysely).recount()
    all = await t.db.kysely.selectFrom('sessions').selectAll().orderBy('id').execute()
  })

  afterEach(() => { vi.restoreAllMocks() })

  const expected = (q: ListQuery) => expectedOf(all, q)
  const query = (over: Partial<ListQuery>): ListQuery => ({
    teamId: team.teamId, livemode: true, reviewerId: null, limit: 5, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', ...over
  })

  const pageThroughIdOrder = async (repo: SessionsRepository, q: ListQuery) => (await pageThrough(repo, q, expected(q), 'searchInIdOrder')).answered

  it('records how far creation times stray from the ids\' order (SQLite)', async () => {
    if (t.db.dialect !== 'sqlite') return
    let max = ''
    let lag = 0
    for (const r of all) {
      if (r.createdAt < max) lag = Math.max(lag, Date.parse(max) - Date.parse(r.createdAt))
      if (r.createdAt > max) max = r.createdAt
    }
    expect(lag).toBe(3500) // row 3 (at 3 s - 4.5 s) inserted after row 2 (at 2 s)
    const { rows } = await sql<{ lagMs: number, maxId: number }>`select lag_ms, max_id from session_order`.execute(t.db.kysely)
    expect(rows).toHaveLength(1)
    expect(rows[0].lagMs).toBeCloseTo(lag, 0)
    expect(rows[0].maxId).toBe(all[all.length - 1].id)
  })

  it('pages every search in the list\'s exact order, through every cursor, whatever the page size', async () => {
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 50 })
    let answered = 0
    for (const over of [
      { q: 'mar' }, { q: 'an' }, { q: 'a' }, { q: 'zed' }, { q: 'e', sortOrder: 'asc' as const }, { q: 'ar', reviewerId: 'alice' },
      { q: 'ex', statuses: ['REVIEWING' as const, 'FAILED' as const] }, { q: 'smith', sortOrder: 'asc' as const }, { q: 'ap-1' }
    ]) {
      for (const limit of [1, 2, 3, 7, 40]) answered += await pageThroughIdOrder(repo, query({ ...over, limit }))
    }
    // On SQLite the pages came from the id-order read (every search here matches more than 5 sessions of the team).
    if (t.db.dialect === 'sqlite') expect(answered).toBeGreaterThan(100)
  })

  it('counts a search\'s statuses among its first matches (counts=true): exact when they are all, else lower bounds, and the total at least theirs', async () => {
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 20 })
    let exact = 0
    let bounded = 0
    for (const over of [{ q: 'mar' }, { q: 'zed' }, { q: 'e' }, { q: 'an', statuses: ['REVIEWING' as const] }, { q: 'smith', reviewerId: 'alice' }]) {
      const q = query({ ...over, limit: 3 })
      const page = await repo.list(q, { counts: true })
      const want = expected(q)
      const unfiltered = expected({ ...q, statuses: undefined })
      expect(page.rows.map((r) => r.id), q.q).toEqual(want.slice(0, 3).map((r) => r.id))
      const byStatus = page.byStatus as NonNullable<ListPage['byStatus']>
      const truth = new Map<string, number>()
      for (const r of unfiltered) truth.set(r.status, (truth.get(r.status) ?? 0) + 1)
      if (byStatus.exact) {
        exact++
        expect(new Map(byStatus.counts.map((c) => [c.status, c.n])), q.q).toEqual(truth)
        expect(page, q.q).toMatchObject({ total: want.length, totalExact: true })
      } else {
        bounded++
        for (const c of byStatus.counts) expect(c.n, q.q).toBeLessThanOrEqual(Math.min(20, truth.get(c.status) ?? 0))
        expect(page.totalExact, q.q).toBe(false)
        expect(page.total, q.q).toBeLessThanOrEqual(want.length)
        expect(page.total, q.q).toBeGreaterThanOrEqual(page.rows.length + (page.hasMore ? 1 : 0))
      }
    }
    // Both kinds came up on SQLite. On PostgreSQL these rare terms' first pages come from their last
    // hours (searchInHours: the rows here span two hours), whose counts are lower bounds.
    if (t.db.dialect === 'sqlite') expect(exact, 'exact').toBeGreaterThan(0)
    expect(bounded, 'bounded').toBeGreaterThan(0)
  })

  it('gives the same pages as the other plans', async () => {
    const ordered = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 50 })
    const other = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 50, idOrderSearch: false })
    for (const q of ['mar', 'an', 'e']) {
      const a = await ordered.list(query({ q, limit: 4 }))
      const b = await other.list(query({ q, limit: 4 }))
      expect(a.rows.map((r) => r.id), q).toEqual(b.rows.map((r) => r.id))
      expect(a.hasMore, q).toBe(b.hasMore)
    }
  })

  it('reads a rare term through the runs of its rare trigrams, a common one through its rarest trigram (SQLite\'s FTS5 query)', async () => {
    if (t.db.dialect !== 'sqlite') return
    const repo = new SessionsRepository(t.db.kysely) as unknown as { rareRuns: (term: SearchTerm, counts: Map<string, number>) => Promise<string> }
    const top = all[all.length - 1].id // a fiftieth of the documents: top / 50
    const runs = async (q: string, counts: Record<string, number>) => await repo.rareRuns(searchTerm(q) as SearchTerm, new Map(Object.entries(counts)))
    // A last name after a common stem: the two rare trigrams are next to one another, one phrase.
    // Only the two rarest: a third rare one (i-g, -ga) would be one more posting list to read.
    expect(await runs('kowalski-ga12', { kow: top, owa: top, wal: top, als: top, lsk: top, ski: top, 'ki-': top, 'i-g': 3, '-ga': 3, ga1: 1, a12: 2 })).toBe('"ga12"')
    // An applicant id: 777 and 077 (at most four times as common) make "0777".
    expect(await runs('ap-00000777', { 'ap-': top, 'p-0': top, '-00': top, '000': top, '007': top, '077': 3, 777: 1 })).toBe('"0777"')
    // The next rarest more than four times as common: the rarest alone.
    expect(await runs('ap-00000777', { 'ap-': top, 'p-0': top, '-00': top, '000': top, '007': top, '077': 5, 777: 1 })).toBe('"777"')
    // Rare trigrams apart in the term: one phrase each, ANDed.
    expect(await runs('xab-cdx', { xab: 1, 'ab-': top, 'b-c': top, '-cd': top, cdx: 2 })).toBe('"xab" AND "cdx"')
    // A trigram a fiftieth of the documents hold: most rows it reads match, it is read alone.
    expect(await runs('maria', { mar: Math.ceil(top / 50), ari: top, ria: top })).toBe('"mar"')
  })

  it('keeps a small list\'s total exact (it reads every match)', async () => {
    const repo = new SessionsRepository(t.db.kysely)
    const q = query({ q: 'mar' })
    const page = await repo.list(q)
    expect(page).toMatchObject({ total: expected(q).length, totalExact: true })
  })

  it('searches as before once a creation time is changed (the order is no longer bounded), with the same answers', async () => {
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 50 })
    const moved = all.find((r) => r.teamId === team.teamId && r.applicantFirstName === 'Maria') as SessionRow
    const old = moved.createdAt
    await t.db.kysely.updateTable('sessions').set({ createdAt: '2026-05-01T00:00:00.000Z' }).where('id', '=', moved.id).execute()
    moved.createdAt = '2026-05-01T00:00:00.000Z'
    try {
      expect(await pageThroughIdOrder(repo, query({ q: 'mar', limit: 3 }))).toBe(0)
      if (t.db.dialect === 'sqlite') {
        const { rows } = await sql<{ lagMs: number }>`select lag_ms from session_order`.execute(t.db.kysely)
        expect(rows[0].lagMs).toBeGreaterThan(1e15)
      }
    } finally {
      await t.db.kysely.updateTable('sessions').set({ createdAt: old }).where('id', '=', moved.id).execute()
      moved.createdAt = old
    }
  })
})

describe('session_order: the bound kept by every insert (SQLite)', () => {
  const t = useTestApp({ ...TEST_ENV })

  it('is 0 while sessions are created in order through the API, grows by a late insert, and is unbounded for a time not written as toISOString writes it', async () => {
    if (t.db.dialect !== 'sqlite') return
    const key = await createKey(t.app, 'order')
    const lag = async () => Number((await sql<{ lagMs: number }>`select lag_ms from session_order`.execute(t.db.kysely)).rows[0].lagMs)
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: new Date(Date.now() + 86400_000).toISOString(), applicantFirstName: `Ord${i}` } } })
      expect(res.statusCode, res.body).toBe(201)
    }
    expect(await lag()).toBe(0)
    const last = await t.db.kysely.selectFrom('sessions').select('createdAt').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()
    const row = (hash: string, at: string) => ({ teamId: key.teamId, status: 'PENDING' as const, expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: hash, createdAt: at, updatedAt: at })
    await t.db.kysely.insertInto('sessions').values(row('late', new Date(Date.parse(last.createdAt) - 1234).toISOString())).execute()
    expect(await lag()).toBeCloseTo(1234, 0)
    await t.db.kysely.insertInto('sessions').values(row('odd', '2999-01-01 00:00:00')).execute()
    expect(await lag()).toBeGreaterThan(1e15)
  })

  it('reads no bound once a session was inserted without the trigger (a migration rebuilding sessions would drop it)', async () => {
    if (t.db.dialect !== 'sqlite') return
    const key = await createKey(t.app, 'untracked')
    const repo = new SessionsRepository(t.db.kysely) as unknown as { creationLag: () => Promise<number | null> }
    await sql`update session_order set lag_ms = 0`.execute(t.db.kysely)
    expect(await repo.creationLag()).toBe(0)
    await sql`drop trigger session_order_insert`.execute(t.db.kysely)
    const at = new Date().toISOString()
    await t.db.kysely.insertInto('sessions').values({ teamId: key.teamId, status: 'PENDING' as const, expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: 'untracked', createdAt: at, updatedAt: at }).execute()
    expect(await repo.creationLag()).toBeNull()
  })
})

describe.skipIf(usingPostgres())('reviewer list: the id order turned off is logged once (SQLite)', () => {
  it('warns once when a search finds creation times strayed past the bound, without applicant data; again only after it was put right and lost again', async () => {
    const lines: Array<Record<string, unknown>> = []
    const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk)) as Record<string, unknown>); done() } })
    const { db, drop } = await openTestDb()
    const app = await buildApp({ config: loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test' }), db, logger: { level: 'info', stream } })
    try {
      await app.ready()
      const key = await createKey(app, 'lagged')
      // One a second, all named Smith: more than RARE_TERM_DOCUMENTS (5000) and searchCandidates (1000), so a search for it reads in id order.
      await sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < 5100)
        insert into sessions (team_id, livemode, status, expiry_date, link_token_hash, created_at, updated_at, applicant_last_name)
        select ${key.teamId}, 1, 'PENDING', '2099-01-01T00:00:00.000Z', 'lag-' || i,
          strftime('%Y-%m-%dT%H:%M:%fZ', '2026-06-01', '+' || i || ' seconds'), strftime('%Y-%m-%dT%H:%M:%fZ', '2026-06-01', '+' || i || ' seconds'), 'Smith'
        from n`.execute(db.kysely)
      await app.ctx.repos.sessions.recount()
      const search = async () => {
        const res = await app.inject({ url: '/partner/reviewer/sessions?q=smith&limit=5', headers: { 'x-api-key': key.key } })
        expect(res.statusCode, res.body).toBe(200)
        expect(res.json().data).toHaveLength(5)
      }
      const warnings = () => lines.filter((l) => l.level === 40)
      const read = vi.spyOn(SessionsRepository.prototype as unknown as { searchInIdOrder: () => Promise<ListPage | null> }, 'searchInIdOrder')
      await search()
      expect(await read.mock.results[0].value).not.toBeNull() // read in id order
      expect(warnings()).toEqual([])

      // An operator edits a creation time: no bound any more. Two searches, one line.
      const [moved] = await db.kysely.selectFrom('sessions').select(['id', 'createdAt']).where('teamId', '=', key.teamId).orderBy('id').limit(1).offset(500).execute()
      await db.kysely.updateTable('sessions').set({ createdAt: '2026-05-01T00:00:00.000Z' }).where('id', '=', moved.id).execute()
      await search()
      await search()
      expect(await read.mock.results[2].value).toBeNull()
      expect(warnings()).toHaveLength(1)
      const [warning] = warnings()
      expect(warning).toMatchObject({ level: 40, lagMs: null, maxLagMs: 60_000, reason: 'lag' })
      expect(warning.msg).toContain('partner-api search order --recompute')
      expect(JSON.stringify(warning).toLowerCase()).not.toContain('smith')

      // Put right and measured again: read in id order, no line; lost again: a second line.
      await db.kysely.updateTable('sessions').set({ createdAt: moved.createdAt }).where('id', '=', moved.id).execute()
      expect(await app.ctx.repos.sessions.searchOrder(true)).toMatchObject({ lagMs: 0, idOrder: true })
      await search()
      expect(warnings()).toHaveLength(1)
      await db.kysely.updateTable('sessions').set({ createdAt: '2026-05-01T00:00:00.000Z' }).where('id', '=', moved.id).execute()
      await search()
      expect(warnings()).toHaveLength(2)
      read.mockRestore()
    } finally {
      await app.close()
      await drop()
    }
  })
})

describe('reviewer list: a rare term\'s counts gone stale as the table grows', () => {
  const t = useTestApp({ ...TEST_ENV })

  it('reads at most the limit of candidates, answers all the same, and counts again', async () => {
    const key = await createKey(t.app, 'grow')
    const at = (i: number) => new Date(Date.parse('2026-06-01T00:00:00.000Z') + i * 1000).toISOString()
    const add = async (from: number, count: number) => {
      for (let i = from; i < from + count; i++) {
        await t.db.kysely.insertInto('sessions').values({
          teamId: key.teamId,
          livemode: 1,
          status: 'PENDING' as const,
          expiryDate: '2099-01-01T00:00:00.000Z',
          linkTokenHash: `grow-${i}`,
          createdAt: at(i),
          updatedAt: at(i),
          applicantLastName: i % 2 === 0 ? `Quixote${i}` : `Other${i}`
        }).execute()
      }
      await new SessionsRepository(t.db.kysely).recount()
    }
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 2, countCap: 1000, rareTermDocuments: 6 })
    const ids = async () => (await t.db.kysely.selectFrom('sessions').select('id').where('applicantLastName', 'like', 'Quixote%').orderBy('createdAt', 'desc').orderBy('id', 'desc').execute()).map((r) => r.id)
    const q: ListQuery = { teamId: key.teamId, livemode: true, reviewerId: null, limit: 50, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', q: 'quixo' }
    await add(0, 8) // 4 matches: rare
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(await ids())
    await add(8, 40) // 24 matches: the counts kept say rare
    const kept = SessionsRepository.prototype as unknown as Record<string, unknown>
    const spied = vi.spyOn(kept as { rareCandidates: () => Promise<number[] | null> }, 'rareCandidates')
    const page = await repo.list(q)
    expect(page.rows.map((r) => r.id)).toEqual(await ids())
    expect(page.total).toBe(24)
    // It found the counts stale (more candidates than the limit) and did not answer from them.
    const answers = await Promise.all(spied.mock.results.map((r) => r.value))
    expect(answers[0]).toBeNull()
  })

  it('searches all the same when PostgreSQL\'s trigram sample cannot be taken (only a hint)', async () => {
    if (t.db.dialect !== 'postgres') return
    const key = await createKey(t.app, 'nosample')
    const at = new Date().toISOString()
    await t.db.kysely.insertInto('sessions').values({ teamId: key.teamId, status: 'PENDING' as const, expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: 'nosample', createdAt: at, updatedAt: at, applicantLastName: 'Zanzibarian' }).execute()
    const repo = new SessionsRepository(t.db.kysely)
    const sampled = (repo as unknown as { sampledTrigrams: { of: () => Promise<unknown> } }).sampledTrigrams
    vi.spyOn(sampled, 'of').mockRejectedValue(new Error('function show_trgm(text) does not exist'))
    const page = await repo.list({ teamId: key.teamId, livemode: true, reviewerId: null, limit: 5, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', q: 'zibar' })
    expect(page.rows.map((r) => r.applicantLastName)).toEqual(['Zanzibarian'])
  })
})

// PostgreSQL: a rare term's page sorted by creation is read from the list's last (or first) hours
// only (migration 0027 keys the search index by creation hour; searchInHours), as far back as the
// trigram sample says a page lies, further when the hours read hold less: the pages must be the
// list's exact pages through every cursor, whatever the filters, and the read must stop short of the
// whole history when a page lies in its last hours.
describe('reviewer list: a rare term sorted by creation, read hour by hour (PostgreSQL)', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let all: SessionRow[] = []
  const base = Date.parse('2026-06-01T00:00:00.000Z')
  const N = 400
  // Three rows at a time every 20 minutes (about 44 hours; ties on the hour, HH:00:00.000), every
  // seventh a millisecond earlier (HH:59:59.999 of the hour before), two teams interleaved.
  const createdAt = (i: number) => new Date(base + Math.floor(i / 3) * 20 * 60_000 - (i % 7 === 0 ? 1 : 0)).toISOString()
  const LAST = ['Quist', 'Marsh', 'Lopez', 'Quigley', 'Smith', 'Garcia', 'Nakamura', 'Olsen', 'Quinn', 'Petrov']

  beforeAll(async () => {
    if (t.db.dialect !== 'postgres') return
    team = await createKey(t.app, 'hours')
    const other = await createKey(t.app, 'hours-other')
    const statuses = ['PENDING', 'REVIEWING', 'COMPLETED', 'FAILED', 'REJECTED'] as const
    const rows = Array.from({ length: N }, (_, i) => ({
      teamId: i % 4 === 3 ? other.teamId : team.teamId,
      livemode: i % 17 === 5 ? 0 : 1,
      reviewerId: i % 3 === 0 ? 'alice' : null,
      status: statuses[i % statuses.length],
      expiryDate: '2099-01-01T00:00:00.000Z',
      linkTokenHash: `hours-${i}`,
      createdAt: createdAt(i),
      updatedAt: createdAt(i),
      applicantFirstName: i % 5 === 0 ? 'Ana' : 'Bo',
      applicantLastName: LAST[(i * 7) % LAST.length],
      applicantEmail: `person${i}@example.com`,
      applicantId: `hr-${String(i).padStart(5, '0')}`
    }))
    await t.db.kysely.insertInto('sessions').values(rows).execute()
    await new SessionsRepository(t.db.kysely).recount()
    all = await t.db.kysely.selectFrom('sessions').selectAll().orderBy('id').execute()
  })

  afterEach(() => { vi.restoreAllMocks() })

  const expected = (q: ListQuery) => expectedOf(all, q)
  const query = (over: Partial<ListQuery>): ListQuery => ({
    teamId: team.teamId, livemode: true, reviewerId: null, limit: 4, offset: 0, sortBy: 'createdAt', sortOrder: 'desc', ...over
  })
  const hoursRead = () => vi.spyOn(SessionsRepository.prototype as unknown as { searchInHours: () => Promise<ListPage | null> }, 'searchInHours')

  it('pages every rare term in the list\'s exact order through every cursor, most pages from the last hours alone', async () => {
    if (t.db.dialect !== 'postgres') return
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000 })
    let fromHours = 0
    let partial = 0
    for (const over of [
      { q: 'quist' }, { q: 'quin', sortOrder: 'asc' as const }, { q: 'garcia', reviewerId: 'alice' }, { q: 'olsen', statuses: ['REVIEWING' as const, 'FAILED' as const] },
      { q: 'nakamura', livemode: false }, { q: 'hr-001' }, { q: 'marsh', sortOrder: 'asc' as const, statuses: ['COMPLETED' as const] }
    ]) {
      for (const limit of [1, 3, 10]) {
        const q = query({ ...over, limit })
        const paged = await pageThrough(repo, q, expected(q), 'searchInHours')
        fromHours += paged.answered
        partial += paged.boundedFirst
      }
    }
    expect(fromHours, 'pages read hour by hour').toBeGreaterThan(40)
    // First pages that stopped short of the whole history (their total a lower bound).
    expect(partial, 'first pages read from the last hours only').toBeGreaterThan(5)
  })

  it('counts the statuses of the matches read (counts=true): lower bounds of the list\'s, exact only when every hour was read', async () => {
    if (t.db.dialect !== 'postgres') return
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 6 })
    let bounded = 0
    for (const over of [{ q: 'quist' }, { q: 'garcia', statuses: ['PENDING' as const] }, { q: 'smith', statuses: ['REJECTED' as const], sortOrder: 'asc' as const }]) {
      const q = query(over)
      const spy = hoursRead()
      const page = await repo.list(q, { counts: true })
      if (q.q === 'quist') expect(await spy.mock.results[0].value, q.q).not.toBeNull()
      const want = expected(q)
      expect(page.rows.map((r) => r.id)).toEqual(want.slice(0, q.limit).map((r) => r.id))
      const truth = new Map<string, number>()
      for (const r of expected({ ...q, statuses: undefined })) truth.set(r.status, (truth.get(r.status) ?? 0) + 1)
      const byStatus = page.byStatus as NonNullable<ListPage['byStatus']>
      if (byStatus.exact) {
        expect(new Map(byStatus.counts.map((c) => [c.status, c.n])), q.q).toEqual(truth)
        expect(page, q.q).toMatchObject({ total: want.length, totalExact: true })
      } else {
        bounded++
        // Lower bounds, said as the count cap at most (as the other plans say them).
        for (const c of byStatus.counts) expect(c.n, `${q.q} ${c.status}`).toBeLessThanOrEqual(Math.min(6, truth.get(c.status) ?? 0))
        expect(byStatus.counts.reduce((s, c) => s + c.n, 0)).toBeGreaterThan(0)
        if (page.totalExact) expect(page.total, q.q).toBe(want.length)
        else {
          expect(page.total, q.q).toBeLessThanOrEqual(want.length)
          expect(page.total, q.q).toBeGreaterThanOrEqual(page.rows.length + (page.hasMore ? 1 : 0))
        }
      }
      spy.mockRestore()
    }
    expect(bounded, 'lower bounds (a page from the last hours)').toBeGreaterThan(0)
  })

  it('reads every match of a term no sampled session holds (rareCandidates), exact', async () => {
    if (t.db.dialect !== 'postgres') return
    const at = new Date(base + 3 * 3600_000).toISOString()
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000 })
    // The sample is taken before the lone row is stored: it holds none of "xylophon"'s trigrams.
    await (repo as unknown as { sampledTrigrams: { of: (t: string[]) => Promise<unknown> } }).sampledTrigrams.of(['xyl'])
    await t.db.kysely.insertInto('sessions').values({ teamId: team.teamId, livemode: 1, status: 'PENDING' as const, expiryDate: '2099-01-01T00:00:00.000Z', linkTokenHash: 'hours-lone', createdAt: at, updatedAt: at, applicantLastName: 'Xylophonist' }).execute()
    await new SessionsRepository(t.db.kysely).recount()
    const spy = hoursRead()
    const page = await repo.list(query({ q: 'xylophon' }))
    expect(page).toMatchObject({ total: 1, totalExact: true, hasMore: false })
    expect(page.rows.map((r) => r.applicantLastName)).toEqual(['Xylophonist'])
    expect(await spy.mock.results[0].value).toBeNull()
  })

  it('reads further back when the hours read hold less than a page, and answers from the other plans when the sample fails', async () => {
    if (t.db.dialect !== 'postgres') return
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000, wordsFirst: 0 })
    const sampled = (repo as unknown as { sampledTrigrams: { creationBound: (...a: unknown[]) => Promise<number | null> } }).sampledTrigrams
    const real = sampled.creationBound.bind(sampled)
    // The sample says a page lies five times nearer than it does: the first hours read hold too few.
    const bound = vi.spyOn(sampled, 'creationBound').mockImplementation(async (used, scope, matches, desc, after) => await real(used, scope, (matches as number) / 5, desc, after))
    const spy = hoursRead()
    for (const q of [query({ q: 'quist', limit: 6 }), query({ q: 'quin', limit: 6, sortOrder: 'asc' })]) {
      const calls = bound.mock.calls.length
      const page = await repo.list(q)
      expect(page.rows.map((r) => r.id), q.q).toEqual(expected(q).slice(0, 6).map((r) => r.id))
      expect(bound.mock.calls.length - calls, q.q).toBeGreaterThan(1) // the check (the first read's estimate too), a read further back
    }
    for (const r of spy.mock.results) expect(await r.value).not.toBeNull()
    // Read back to the whole history holding exactly a page of matches: no more follow.
    for (const term of ['hr-0039', 'quist']) {
      const every = expected(query({ q: term }))
      const q = query({ q: term, limit: every.length })
      const calls = spy.mock.results.length
      const page = await repo.list(q)
      expect(page.rows.map((r) => r.id), term).toEqual(every.map((r) => r.id))
      expect(page, term).toMatchObject({ hasMore: false, total: every.length })
      expect(spy.mock.results.length - calls, term).toBe(1)
      expect(await spy.mock.results[calls].value, term).not.toBeNull()
    }
    spy.mockRestore()
    bound.mockRejectedValue(new Error('sample lost'))
    const q = query({ q: 'quist', limit: 6 })
    const page = await repo.list(q)
    expect(page.rows.map((r) => r.id)).toEqual(expected(q).slice(0, 6).map((r) => r.id))
  })

  it('reads a term\'s word hour by hour, one lexeme an hour (migration 0030), with the same pages through every cursor', async () => {
    if (t.db.dialect !== 'postgres') return
    const k = t.db.kysely
    const { kysely, sent } = capturing(t.db)
    const repo = new SessionsRepository(kysely, { searchCandidates: 5, countCap: 1000, wordsFirst: 0 })
    let fromHours = 0
    // Applicant ids hr-00000 to hr-00399 (words "00031", ...), emails personN@example.com (a whole word "example").
    for (const over of [
      { q: 'hr-0031' }, { q: 'hr-003', sortOrder: 'asc' as const }, { q: 'n12@example.' }, { q: 'hr-00', statuses: ['REVIEWING' as const] },
      { q: '-0021', reviewerId: 'alice' }, { q: 'hr-001', livemode: false }, { q: 'x-quist' },
      // The team's newest hour and its oldest: the ends of the hours named.
      { q: 'hr-0039' }, { q: 'hr-0000', sortOrder: 'asc' as const }
    ]) {
      for (const limit of [1, 3]) {
        const q = query({ ...over, limit })
        fromHours += (await pageThrough(repo, q, expected(q), 'searchInHours')).answered
      }
    }
    expect(fromHours, 'pages read hour by hour').toBeGreaterThan(10)
    const byWord = sent.filter((c) => c.sql.includes('generate_series'))
    expect(byWord.length, 'reads through a word\'s hours').toBeGreaterThan(10)
    const plan = (await planOf(t.db, byWord[0])).join('\n')
    expect(plan).toMatch(/Bitmap Index Scan on sessions_search_word_hours_idx/)
    expect(plan).not.toMatch(/sessions_search_hour_idx/)
    // The hours' lexemes as the statement names them: "_<hour>_<word>", the hour counted from 1970 (UTC).
    const { rows } = await sql<{ q: string }>`select string_agg(format(${"'_%s_%s'%s"}, h, 'ga12', ':*'), ' | ') as q from generate_series(494530::bigint, 494531) h`.execute(k)
    expect(rows[0].q).toBe("'_494530_ga12':* | '_494531_ga12':*")
    const [row] = all.filter((r) => r.teamId === team.teamId && r.applicantId === 'hr-00012')
    const hour = Math.floor(Date.parse(row.createdAt) / 3_600_000)
    const { rows: held } = await sql<{ id: number }>`select id from sessions where id = ${row.id}
      and array_to_tsvector(array_remove(regexp_split_to_array(regexp_replace(regexp_replace(lower(applicant_id), '[^a-z0-9]+', ' ', 'g'), '[a-z0-9]+', '\\& _' || ${hour}::bigint::text || '_\\&', 'g'), ' '), '')) @@ cast(${`_${hour}_00012`} as tsquery)`.execute(k)
    expect(held.map((r) => r.id)).toEqual([row.id])
  })

  it('counts a rare word\'s documents once a sample (kept by a hash, never its text), and counts again once the sample is found stale', async () => {
    if (t.db.dialect !== 'postgres') return
    const { kysely, sent } = capturing(t.db)
    const repo = new SessionsRepository(kysely, { searchCandidates: 5, countCap: 1000, wordsFirst: 0 })
    const counted = () => sent.filter((c) => c.sql.includes('@@') && c.sql.includes('select 1 from sessions'))
    const q = query({ q: 'hr-0031' })
    for (let i = 0; i < 3; i++) expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(expected(q).slice(0, 4).map((r) => r.id))
    expect(counted()).toHaveLength(1)
    expect(counted()[0].parameters).toContain('0031:*')
    // Every session with a word starting "0031", of either team or mode: hr-00310 to hr-00319.
    const truth = all.filter((r) => [r.applicantFirstName, r.applicantLastName, r.applicantEmail, r.applicantId].some((v) => (v ?? '').toLowerCase().split(/[^a-z0-9]+/).some((w) => w.startsWith('0031'))))
    expect(truth).toHaveLength(10)
    const sampled = Reflect.get(repo, 'sampledTrigrams') as { forget: () => void }
    const sample = await (Reflect.get(sampled, 'sample') as Promise<{ words: Map<unknown, Promise<number>> }>)
    expect([...sample.words.keys()].every((k) => typeof k === 'number')).toBe(true)
    expect(await Promise.all([...sample.words.values()])).toEqual([truth.length])
    sampled.forget()
    await repo.list(q)
    expect(counted()).toHaveLength(2)
  })

  it('reads a rare word\'s last hours when its trigrams, by the sample, are not rare (its documents counted)', async () => {
    if (t.db.dialect !== 'postgres') return
    // "003" and "031" are in hr-00031 and hr-00310 to hr-00319 (11 sessions, over the limit of 10);
    // a word starting "0031" is in ten.
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000, wordsFirst: 0, rareTermDocuments: 10 })
    const spy = hoursRead()
    // A page of one (twice a page of matches: fewer than the team's; more, and reading them all costs no more).
    const q = query({ q: 'hr-0031', limit: 1 })
    const page = await repo.list(q)
    expect(page.rows.map((r) => r.id)).toEqual(expected(q).slice(0, 1).map((r) => r.id))
    expect(spy).toHaveBeenCalledTimes(1)
    expect(await spy.mock.results[0].value).toMatchObject({ totalExact: false, hasMore: true })
    // A session's row as any read gives it: the window counts it was read with are not on it.
    expect(page.rows[0]).toEqual(all.find((r) => r.id === page.rows[0].id))
    spy.mockRestore()
    // Every page through its cursor, in either order and with a status filter, as the plain filter has them.
    let answered = 0
    for (const over of [{}, { sortOrder: 'asc' as const }, { statuses: ['PENDING' as const, 'REVIEWING' as const, 'FAILED' as const] }]) {
      const paged = query({ q: 'hr-0031', limit: 1, ...over })
      answered += (await pageThrough(repo, paged, expected(paged), 'searchInHours')).answered
    }
    expect(answered).toBeGreaterThan(2)
    // A page the hours cannot place (twice a page is more than the team's matches): every match read
    // through the word, exact, not the common terms' plans.
    const words = vi.spyOn(SessionsRepository.prototype as unknown as { wordCandidates: () => Promise<number[] | null> }, 'wordCandidates')
    const whole = query({ q: 'hr-0031', limit: 3 })
    const wholePage = await repo.list(whole)
    expect(wholePage.rows.map((r) => r.id)).toEqual(expected(whole).slice(0, 3).map((r) => r.id))
    expect(wholePage).toMatchObject({ total: expected(whole).length, totalExact: true })
    expect(await words.mock.results[words.mock.results.length - 1].value).toHaveLength(expected(whole).length)
  })

  it('counts a word whose read held more than its sample said (for the next searches), and answers from the other plans meanwhile', async () => {
    if (t.db.dialect !== 'postgres') return
    // Words first for a word in at most one document (its read stops past 4 of the team's); the sample
    // is made to find "0031" in none (the team's live sessions hold it more than 4 times, the table 10).
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000, wordsFirst: 1 })
    const sampled = Reflect.get(repo, 'sampledTrigrams') as { holding: (t: string[]) => Promise<number>, countedWord: (key: string) => Promise<number | undefined> }
    const real = sampled.holding.bind(sampled)
    vi.spyOn(sampled, 'holding').mockImplementation(async (trigrams) => trigrams.join() === '003,031' ? 0 : await real(trigrams))
    const q = query({ q: 'hr-0031' })
    expect(expected(q).length).toBeGreaterThan(4)
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(expected(q).slice(0, 4).map((r) => r.id))
    await vi.waitFor(async () => { expect(await sampled.countedWord('"0031"*')).toBe(10) })
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(expected(q).slice(0, 4).map((r) => r.id))
  })

  it('answers from the last sample while the next is taken (past its lifetime), and waits for one found stale', async () => {
    if (t.db.dialect !== 'postgres') return
    const repo = new SessionsRepository(t.db.kysely, { searchCandidates: 5, countCap: 1000 })
    const sampled = Reflect.get(repo, 'sampledTrigrams') as { forget: () => void }
    const q = query({ q: 'quist' })
    const want = expected(q).slice(0, 4).map((r) => r.id)
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(want)
    const first = Reflect.get(sampled, 'sample') as unknown
    const take = Reflect.get(sampled, 'take') as () => Promise<unknown>
    let release = () => {}
    const held = new Promise<void>((resolve) => { release = resolve })
    Reflect.set(sampled, 'take', async () => { await held; return await take.call(sampled) })
    Reflect.set(sampled, 'at', 0)
    // The next sample is held back: the search answers all the same, from the last one.
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(want)
    expect(Reflect.get(sampled, 'sample')).toBe(first)
    release()
    await vi.waitFor(() => { expect(Reflect.get(sampled, 'sample')).not.toBe(first) })
    const second = Reflect.get(sampled, 'sample') as unknown
    sampled.forget()
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(want)
    expect(Reflect.get(sampled, 'sample')).not.toBe(second)
    expect(Reflect.get(sampled, 'sample')).not.toBeNull()
    // A sample begun before a forget, done after the next one: never the sample kept.
    let releaseOld = () => {}
    const oldHeld = new Promise<void>((resolve) => { releaseOld = resolve })
    Reflect.set(sampled, 'take', async () => { await oldHeld; return await take.call(sampled) })
    Reflect.set(sampled, 'at', 0)
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(want)
    sampled.forget()
    Reflect.set(sampled, 'take', async () => await take.call(sampled))
    expect((await repo.list(q)).rows.map((r) => r.id)).toEqual(want)
    const newest = Reflect.get(sampled, 'sample') as unknown
    releaseOld()
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(Reflect.get(sampled, 'sample')).toBe(newest)
  })

  it('reads the hours through the search index (query plan)', async () => {
    if (t.db.dialect !== 'postgres') return
    const k = t.db.kysely
    const hour = "date_trunc('hour', created_at at time zone 'UTC')"
    const doc = "lower(E'\\x01\\x01' || coalesce(applicant_first_name, '') || E'\\x01\\x01' || coalesce(applicant_last_name, '') || E'\\x01\\x01' || coalesce(applicant_email, '') || E'\\x01\\x01' || coalesce(applicant_id, '') || E'\\x01')"
    const plan = await k.connection().execute(async (c) => {
      await sql`set enable_seqscan = off`.execute(c)
      try {
        return (await sql.raw<{ 'QUERY PLAN': string }>(`explain select id from sessions where ${hour} >= '2026-06-02T10:00:00'::timestamp and ${doc} like '%quis%'`).execute(c)).rows.map((r) => r['QUERY PLAN']).join('\n')
      } finally {
        await sql`reset enable_seqscan`.execute(c)
      }
    })
    expect(plan).toMatch(/Bitmap Index Scan on sessions_search_hour_idx[\s\S]*Index Cond: \(\(date_trunc/)
  })
})

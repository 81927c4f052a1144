import { sql, type Kysely, type Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { AuditRow, Database, SessionRow } from '../../db/types.js'
import { FINAL_SESSION_STATUSES, OPEN_SESSION_STATUSES, type SessionStatus } from '../lifecycle/lifecycle.js'

/** What a partner's key may see: its team's rows of its own mode (live or test). */
export interface PartnerScope { teamId: number, livemode: boolean }

export interface ListFilters {
  teamId: number
  livemode: boolean
  reviewerId: string | null
  statuses?: SessionStatus[]
  applicantId?: string
  /** Case-insensitive prefix of the applicant's first or last name or email. */
  q?: string
  createdAfter?: string
  createdBefore?: string
}

export interface ListQuery extends ListFilters {
  limit: number
  offset: number
  sortBy: 'createdAt' | 'updatedAt' | 'status'
  sortOrder: 'asc' | 'desc'
  /** Keyset paging: only rows after this one in the sort order (its sort key, then id). */
  after?: SessionRow
}

/** Lists whose total session_counts answers: no search, applicant or date filter. */
const countable = (f: ListFilters) => f.applicantId === undefined && f.q === undefined && f.createdAfter === undefined && f.createdBefore === undefined

/** How far the reviewer list goes for a search or date filter before it stops counting exactly. */
export interface ListLimits {
  /** A search whose index ranges hold at most this many sessions each pages over them alone; more, and the page walks the list's order. */
  searchCandidates: number
  /** A total counted (search, applicant or date filter) stops at this many: `totalExact` false, `total` a lower bound. */
  countCap: number
}

export const DEFAULT_LIST_LIMITS: ListLimits = { searchCandidates: 10000, countCap: 10000 }

/** Sessions per status; `exact` false when counted up to the cap (the counts are then lower bounds). */
export interface StatusCounts { counts: Array<{ status: SessionStatus, n: number }>, exact: boolean }

/** How a list with a search reads (SessionsRepository.searchPlan). */
interface SearchPlan { among?: number, none: boolean, complete: boolean }

/** The columns the search matches by prefix, each with its index on lower(column) (migration 0010). */
const SEARCH_COLUMNS = ['applicant_first_name', 'applicant_last_name', 'applicant_email'] as const

/** Above every character: `prefix + TOP` bounds the range of strings starting with `prefix`. */
const TOP = '\u{10FFFF}'

/** A LIKE prefix pattern matching `text` literally (\\ escapes). */
const likePrefix = (text: string) => `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Reads of sessions and the idempotency records of their creation; status changes go through LifecycleRepository. */
/** Which teams' sessions a retention pass reads: one team (its own setting), or all but those with one. */
export interface RetentionTeams { teamId?: number, exceptTeamIds?: number[] }

export class SessionsRepository {
  private readonly pg: boolean

  constructor (private readonly db: Kysely<Database>, private readonly limits: ListLimits = DEFAULT_LIST_LIMITS) {
    this.pg = isPostgres(db)
  }

  /** How many sessions of the team and mode name this applicant (by email or by applicant id) since `since`. */
  async countForApplicant (scope: { teamId: number, livemode: number }, applicant: { email: string | null, applicantId: string | null }, since: string): Promise<number> {
    if (applicant.email === null && applicant.applicantId === null) return 0
    const row = await this.db.selectFrom('sessions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode).where('createdAt', '>=', since)
      .where((eb) => eb.or([
        ...(applicant.email !== null ? [eb('applicantEmail', '=', applicant.email)] : []),
        ...(applicant.applicantId !== null ? [eb('applicantId', '=', applicant.applicantId)] : [])
      ]))
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  async findById (id: number): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A session of this team only: another team's row reads as missing. */
  async findForTeam (id: number, scope: PartnerScope): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('teamId', '=', scope.teamId)
      .where('livemode', '=', scope.livemode ? 1 : 0).executeTakeFirst()
  }

  async findByLinkTokenHash (hash: string): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('linkTokenHash', '=', hash).executeTakeFirst()
  }

  async allowedSourceIds (sessionId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('sessionAllowedSources').select('sourceId')
      .where('sessionId', '=', sessionId).orderBy('sourceId').execute()
    return rows.map((r) => r.sourceId)
  }

  /**
   * The list's WHERE: team and mode, reviewer, statuses, applicant, dates, search. `among` narrows it
   * to the search's index ranges, each read up to that many entries (see `searchRanges`), and makes
   * those candidates drive the query whatever the planner's statistics say (without them, both
   * databases were seen walking the whole team and testing each row against the candidates): team,
   * mode and status are then written so that no index can serve them (a unary `+`, or `|| ''` for
   * PostgreSQL's text), leaving the primary key lookup of the candidates, which PostgreSQL gathers
   * once (`id = any(array(...))`).
   */
  private filtered (f: ListFilters, withStatus = true, among?: number) {
    const driven = among !== undefined
    const col = (name: string) => !driven ? sql.ref(name) : this.pg && name === 'status' ? sql`(${sql.ref(name)} || '')` : sql`+${sql.ref(name)}`
    let base = this.db.selectFrom('sessions').where(col('team_id'), '=', f.teamId).where(col('livemode'), '=', f.livemode ? 1 : 0)
    if (among !== undefined) {
      const ids = sql`select id from (${this.searchRanges(f, among)}) c`
      base = this.pg ? base.where(sql<boolean>`id = any(array(${ids}))`) : base.where('id', 'in', sql<number>`(${ids})`)
    }
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where(col('status'), 'in', f.statuses)
    if (f.applicantId !== undefined) base = base.where('applicantId', '=', f.applicantId)
    if (f.createdAfter !== undefined) base = base.where('createdAt', '>', f.createdAfter)
    if (f.createdBefore !== undefined) base = base.where('createdAt', '<', f.createdBefore)
    if (f.q !== undefined) {
      const pattern = likePrefix(f.q)
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
      base = base.where((eb) => eb.or(SEARCH_COLUMNS.map(like)))
    }
    return base
  }

  /**
   * Sessions of the team and mode whose first name, last name or email starts with the search (any
   * case), through the three lower(column) indexes: a prefix is a range of each (byte order; on
   * PostgreSQL collate "C", as the indexes are). Each range is cut at `each` entries, so a prefix
   * matching most of a large team costs no more than one matching `each`. Rows (id, c), c the
   * column's number; an id may repeat. Candidates only: the list applies its LIKE and other filters.
   */
  private searchRanges (f: ListFilters, each: number) {
    const from = (f.q as string).toLowerCase()
    const to = from + TOP
    const collate = this.pg ? sql` collate "C"` : sql``
    const one = (column: string, c: number) => sql`select id, ${sql.lit(c)} as c from (select id from sessions where team_id = ${f.teamId}
      and livemode = ${f.livemode ? 1 : 0} and lower(${sql.ref(column)})${collate} >= ${from} and lower(${sql.ref(column)})${collate} < ${to}
      limit ${each}) ${sql.id(`r${c}`)}`
    return sql.join(SEARCH_COLUMNS.map(one), sql` union all `)
  }

  /** The largest of the search's three ranges, counted up to `limit` + 1 in the indexes (no row read). */
  private async searchSpread (f: ListFilters, limit: number): Promise<number> {
    const { rows } = await sql<{ n: number }>`select count(*) as n from (${this.searchRanges(f, limit + 1)}) r group by c`.execute(this.db)
    return Math.max(0, ...rows.map((r) => Number(r.n)))
  }

  /**
   * How a search reads its page: among its candidates when no range holds more than
   * `searchCandidates` (the page then sorts at most that many rows per column), else by walking the
   * list's own index until the page is full: quick when matches are spread over the team's history
   * (names are), slow when more than that many matches all lie far back in the sort order (a million
   * sessions, 100,000 matches created long ago: seconds on SQLite; BENCHMARKS.md).
   * `none` when the search matches nothing at all; `complete` when no range holds more than the
   * count cap (a capped count over the candidates is then exact up to the cap). One count of the
   * ranges serves all three.
   */
  private async searchPlan (f: ListFilters): Promise<SearchPlan> {
    if (f.q === undefined) return { none: false, complete: true }
    const { searchCandidates, countCap } = this.limits
    const spread = await this.searchSpread(f, Math.max(searchCandidates, countCap))
    return { among: spread <= searchCandidates ? searchCandidates + 1 : undefined, none: spread === 0, complete: spread <= countCap }
  }

  /** One page (limit + 1 rows are read, so the caller knows whether more follow) and the total of the filtered list. */
  async list (q: ListQuery, options: { counts?: boolean } = {}): Promise<{ rows: SessionRow[], total: number, totalExact: boolean, hasMore: boolean, byStatus?: StatusCounts }> {
    const plan = await this.searchPlan(q)
    if (plan.none) return { rows: [], total: 0, totalExact: true, hasMore: false, ...(options.counts === true ? { byStatus: { counts: [], exact: true } } : {}) }
    let page = this.filtered(q, true, plan.among).selectAll()
    if (q.after) {
      const cmp = q.sortOrder === 'desc' ? '<' : '>'
      const key = q.after[q.sortBy]
      const id = q.after.id
      page = page.where((eb) => eb.or([eb(q.sortBy, cmp, key), eb.and([eb(q.sortBy, '=', key), eb('id', cmp, id)])]))
    }
    const [rows, counted] = await Promise.all([
      page.orderBy(q.sortBy, q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit + 1).offset(q.offset).execute(),
      countable(q)
        ? this.counted(q).select(sql<number>`coalesce(sum(n), 0)`.as('total')).executeTakeFirstOrThrow().then((r) => ({ total: Number(r.total), exact: true }))
        : this.countCapped(q, plan)
    ])
    const hasMore = rows.length > q.limit
    const shown = rows.slice(0, q.limit)
    // An inexact count is a lower bound of the list; it is never below what this page shows.
    const total = counted.exact ? counted.total : Math.max(counted.total, q.offset + shown.length + (hasMore ? 1 : 0))
    // counts=true: the same search plan (it depends on neither status nor reviewer), counted once.
    const byStatus = options.counts === true ? await this.statusCounts(q, plan) : undefined
    return { rows: shown, total, totalExact: counted.exact, hasMore, ...(byStatus === undefined ? {} : { byStatus }) }
  }

  /**
   * Sessions per status of the filtered list, whatever status filter it has. Exact from
   * session_counts; with a search, applicant or date filter counted over at most the cap's number of
   * sessions (`exact` false when it reached it: the counts are then lower bounds).
   */
  async countByStatus (f: ListFilters): Promise<StatusCounts> {
    return await this.statusCounts(f, await this.searchPlan(f))
  }

  private async statusCounts (f: ListFilters, plan: SearchPlan): Promise<StatusCounts> {
    if (countable(f)) {
      const rows = await this.counted(f, false).select(['status', sql<number>`sum(n)`.as('n')]).groupBy('status').execute()
      return { counts: rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) })), exact: true }
    }
    if (plan.none) return { counts: [], exact: true }
    const { countCap } = this.limits
    const rows = await this.db.selectFrom(this.matching(f, false, plan.among, countCap + 1).select('status').as('m'))
      .select(['m.status', sql<number>`count(*)`.as('n')]).groupBy('m.status').execute()
    const counts = rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) }))
    const exact = plan.complete && counts.reduce((sum, c) => sum + c.n, 0) <= countCap
    // Past the cap each count is a lower bound, said as the cap at most (as the total is).
    return { counts: exact ? counts : counts.map((c) => ({ ...c, n: Math.min(c.n, countCap) })), exact }
  }

  /**
   * The total of a list session_counts cannot answer (search, applicant, dates): a count that stops
   * at the cap. A search whose ranges hold more than the cap counts among the first cap + 1 entries
   * of each (a lower bound, not exact).
   */
  private async countCapped (f: ListFilters, plan: SearchPlan): Promise<{ total: number, exact: boolean }> {
    const { countCap } = this.limits
    const { n } = await this.db.selectFrom(this.matching(f, true, plan.among, countCap + 1).select('id').as('m'))
      .select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
    return { total: Math.min(Number(n), countCap), exact: Number(n) <= countCap && plan.complete }
  }

  /**
   * The filtered list's rows, at most `limit` (what a capped count reads). A search reads its
   * candidates through the search indexes (`among`, or cap + 1 of each range), never by walking the team.
   */
  private matching (f: ListFilters, withStatus: boolean, among: number | undefined, limit: number) {
    return this.filtered(f, withStatus, f.q !== undefined ? among ?? this.limits.countCap + 1 : undefined).limit(limit)
  }

  /** The session_counts rows of a list without search, applicant or date filters (kept by LifecycleRepository). */
  private counted (f: ListFilters, withStatus = true) {
    let base = this.db.selectFrom('sessionCounts').where('teamId', '=', f.teamId).where('livemode', '=', f.livemode ? 1 : 0)
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where('status', 'in', f.statuses)
    return base
  }

  /** Rebuilds session_counts from the sessions table (for rows written around LifecycleRepository: bulk seeding). */
  async recount (): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sessionCounts').execute()
      await sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
        select team_id, livemode, coalesce(reviewer_id, ''), status, 0, count(*) from sessions
        group by team_id, livemode, coalesce(reviewer_id, ''), status`.execute(trx)
    })
  }

  /**
   * Runs `fn` unless another process runs it now (PostgreSQL: a session advisory lock on a connection
   * of its own; SQLite has one process). Returns null when the lock was taken elsewhere.
   */
  async exclusively<T> (lockId: number, fn: () => Promise<T>): Promise<T | null> {
    if (!isPostgres(this.db)) return await fn()
    return await this.db.connection().execute(async (conn) => {
      const got = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${lockId}) as locked`.execute(conn)
      if (got.rows[0]?.locked !== true) return null
      try {
        return await fn()
      } finally {
        await sql`select pg_advisory_unlock(${lockId})`.execute(conn)
      }
    })
  }

  /** Open sessions whose expiry has passed, oldest first (the sweep's batch). */
  async findOverdue (now: string, limit: number, teamId?: number): Promise<SessionRow[]> {
    let q = this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...OPEN_SESSION_STATUSES]).where('expiryDate', '<=', now)
    if (teamId !== undefined) q = q.where('teamId', '=', teamId)
    return await q.orderBy('expiryDate').limit(limit).execute()
  }

  /** Final sessions not redacted yet whose last change (their final transition) is at or before `before`. */
  async findRetentionDue (before: string, limit: number, teams: RetentionTeams = {}): Promise<SessionRow[]> {
    let query = this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...FINAL_SESSION_STATUSES]).where('redactedAt', 'is', null).where('updatedAt', '<=', before)
    if (teams.teamId !== undefined) query = query.where('teamId', '=', teams.teamId)
    if (teams.exceptTeamIds !== undefined && teams.exceptTeamIds.length > 0) query = query.where('teamId', 'not in', teams.exceptTeamIds)
    return await query.orderBy('updatedAt').limit(limit).execute()
  }

  async findIdempotent (teamId: number, keyHash: string, since: string) {
    return await this.db.selectFrom('idempotencyKeys').selectAll()
      .where('teamId', '=', teamId).where('keyHash', '=', keyHash).where('createdAt', '>', since)
      .executeTakeFirst()
  }

  /** Idempotency rows past the replay window (they hold sealed responses; keep none longer than needed). */
  async purgeIdempotent (before: string): Promise<number> {
    const res = await this.db.deleteFrom('idempotencyKeys').where('createdAt', '<=', before).executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  /** Rows older than the replay window no longer bind their key. */
  async deleteStaleIdempotent (teamId: number, keyHash: string, before: string): Promise<void> {
    await this.db.deleteFrom('idempotencyKeys').where('teamId', '=', teamId).where('keyHash', '=', keyHash)
      .where('createdAt', '<=', before).execute()
  }

  /** Inside the session's transaction: a concurrent twin with the same key fails on the primary key. */
  async saveIdempotent (trx: Transaction<Database>, row: { teamId: number, keyHash: string, requestHash: string, sessionId: number, response: string, createdAt: string }): Promise<void> {
    await trx.insertInto('idempotencyKeys').values(row).execute()
  }

  async auditTrail (sessionId: number): Promise<AuditRow[]> {
    return await this.db.selectFrom('auditLog').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }
}

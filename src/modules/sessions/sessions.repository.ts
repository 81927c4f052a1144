import { sql, type Kysely, type Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, SessionRow } from '../../db/types.js'
import { FINAL_SESSION_STATUSES, OPEN_SESSION_STATUSES, type SessionStatus } from '../lifecycle/lifecycle.js'

/** What a partner's key may see: its team's rows of its own mode (live or test). */
export interface PartnerScope { teamId: number, livemode: boolean }

export interface ListFilters {
  teamId: number
  livemode: boolean
  reviewerId: string | null
  statuses?: SessionStatus[]
  applicantId?: string
  /** Substring (three characters or more) or start (fewer) of the applicant's first or last name, email or applicant id, any ASCII case. */
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

/**
 * The list's order: the sort column, then id; sortBy=status then created_at and id, which the status
 * filter's indexes (team, mode[, reviewer], status, created_at, id) serve (migration 0012).
 */
function sortKeys (sortBy: ListQuery['sortBy']): Array<'status' | 'createdAt' | 'updatedAt' | 'id'> {
  return sortBy === 'status' ? ['status', 'createdAt', 'id'] : [sortBy, 'id']
}

/** Lists whose total session_counts answers: no search, applicant or date filter. */
const countable = (f: ListFilters) => f.applicantId === undefined && f.q === undefined && f.createdAfter === undefined && f.createdBefore === undefined

/** How far the reviewer list goes for a search or date filter before it stops counting exactly. */
export interface ListLimits {
  /**
   * A search matching at most this many sessions of the team and mode pages over them alone (sorted
   * from the search index's candidates); more, and the page walks the list's order testing each row,
   * and the total counts at most this many + 1 of them (`totalExact` false).
   */
  searchCandidates: number
  /** A total counted (applicant or date filter) stops at this many: `totalExact` false, `total` a lower bound. */
  countCap: number
}

export const DEFAULT_LIST_LIMITS: ListLimits = { searchCandidates: 1000, countCap: 10000 }

/** Sessions per status; `exact` false when counted up to the cap (the counts are then lower bounds). */
export interface StatusCounts { counts: Array<{ status: SessionStatus, n: number }>, exact: boolean }

/** How a list with a search reads (SessionsRepository.searchPlan). */
interface SearchPlan {
  term?: SearchTerm
  /** The search's candidates, read once from the search index: at most searchCandidates + 1 ids. */
  ids?: number[]
  /** The page is read among `ids` (they are every match); else it walks the list's order. */
  among: boolean
  none: boolean
  complete: boolean
}

/** A search as the search index reads it (migration 0012). */
export interface SearchTerm {
  /** FTS5 phrase (SQLite). */
  phrase: string
  /** LIKE pattern over the search document (escape \\). */
  pattern: string
}

/** Separates the fields of the search document (migration 0012); a term never holds it. */
const SEP = '\u0001'

/**
 * The term of `q`: ASCII-lower-cased as SQLite's lower() (the document is), without U+0001. Three
 * characters or more: a substring of a field; fewer: the start of one (the separators before each
 * field complete the trigram). Null when nothing is left to search for.
 */
export function searchTerm (q: string): SearchTerm | null {
  const text = q.replaceAll(SEP, '').replace(/[A-Z]+/g, (c) => c.toLowerCase())
  const length = [...text].length
  if (length === 0) return null
  const prefix = length < 3 ? SEP.repeat(3 - length) : ''
  return {
    phrase: `"${(prefix + text).replaceAll('"', '""')}"`,
    pattern: `%${length < 3 ? SEP : ''}${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  }
}

/**
 * The search document of a sessions row, as migration 0012 indexes it: first name, last name, email
 * and applicant id, each after two U+0001, one U+0001 at the end, lower-cased. On PostgreSQL the very
 * expression of the GIN index, so the planner can use it.
 */
function searchDocument (pg: boolean) {
  const field = (column: string) => sql`coalesce(${sql.ref(`sessions.${column}`)}, '')`
  const sep = pg ? sql`E'\\x01\\x01'` : sql`char(1, 1)`
  const end = pg ? sql`E'\\x01'` : sql`char(1)`
  return sql`lower(${sep} || ${field('applicant_first_name')} || ${sep} || ${field('applicant_last_name')} || ${sep} || ${field('applicant_email')} || ${sep} || ${field('applicant_id')} || ${end})`
}

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
   * to the search's candidates (ids of the team's and mode's sessions the search index found, see
   * `candidates`) and makes them drive the query whatever the planner's statistics say
   * (without them, both databases were seen walking the whole team and testing each row against the
   * candidates): team, mode and status are then written so that no index can serve them (a unary `+`,
   * or `|| ''` for PostgreSQL's text), leaving the primary key lookup of the candidates. Without
   * `among` a search tests each row's document (LIKE), which is how a page walks the list's own
   * index for a term many sessions share.
   */
  private filtered (f: ListFilters, withStatus = true, among?: number[], term?: SearchTerm) {
    const driven = among !== undefined
    const col = (name: string) => !driven ? sql.ref(name) : this.pg && name === 'status' ? sql`(${sql.ref(name)} || '')` : sql`+${sql.ref(name)}`
    let base = this.db.selectFrom('sessions').where(col('team_id'), '=', f.teamId).where(col('livemode'), '=', f.livemode ? 1 : 0)
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where(col('status'), 'in', f.statuses)
    if (f.applicantId !== undefined) base = base.where('applicantId', '=', f.applicantId)
    if (f.createdAfter !== undefined) base = base.where('createdAt', '>', f.createdAfter)
    if (f.createdBefore !== undefined) base = base.where('createdAt', '<', f.createdBefore)
    if (term !== undefined) {
      if (among !== undefined) {
        base = this.pg ? base.where(sql<boolean>`id = any(${among}::integer[])`) : base.where('id', 'in', among)
      } else {
        base = base.where(this.matches(term))
      }
    }
    return base
  }

  /** The search's test of one row: its document holds the term (a LIKE the search index answers too). */
  private matches (term: SearchTerm) {
    return this.pg
      ? sql<boolean>`${searchDocument(true)} like lower(${term.pattern}) escape '\\'`
      : sql<boolean>`${searchDocument(false)} like ${term.pattern} escape '\\'`
  }

  /**
   * Ids of the team's and mode's sessions matching the search, through the search index (SQLite: the
   * FTS5 trigram table; PostgreSQL: the GIN index, the only index left usable by the `+` on team and
   * mode), at most `limit` of them. Candidates only: the list applies its other filters.
   */
  private candidates (f: ListFilters, term: SearchTerm, limit: number) {
    if (this.pg) {
      return sql<{ id: number }>`select id from sessions where +team_id = ${f.teamId} and +livemode = ${f.livemode ? 1 : 0}
        and ${this.matches(term)} limit ${limit}`
    }
    return sql<{ id: number }>`select s.id as id from sessions_search m join sessions s on s.id = m.rowid
      where sessions_search match ${term.phrase} and s.team_id = ${f.teamId} and s.livemode = ${f.livemode ? 1 : 0} limit ${limit}`
  }

  /**
   * How a search reads its page: among its candidates when the team and mode hold at most
   * `searchCandidates` matching sessions (the page then sorts at most that many rows), else by walking
   * the list's own index and testing each row until the page is full: quick when the matches are
   * spread over the team's history (a term a tenth of the sessions share: a page in about 200 rows),
   * slow only when more than that many matches all lie far back in the sort order.
   * `none` when the search matches nothing at all; `complete` when every match was counted.
   */
  private async searchPlan (f: ListFilters): Promise<SearchPlan> {
    if (f.q === undefined) return { among: false, none: false, complete: true }
    const term = searchTerm(f.q)
    if (term === null) return { among: false, none: true, complete: true }
    const { searchCandidates } = this.limits
    const { rows } = await this.candidates(f, term, searchCandidates + 1).execute(this.db)
    const ids = rows.map((r) => Number(r.id))
    const complete = ids.length <= searchCandidates
    return { term, ids, among: complete, none: ids.length === 0, complete }
  }

  /** One page (limit + 1 rows are read, so the caller knows whether more follow) and the total of the filtered list. */
  async list (q: ListQuery, options: { counts?: boolean } = {}): Promise<{ rows: SessionRow[], total: number, totalExact: boolean, hasMore: boolean, byStatus?: StatusCounts }> {
    const plan = await this.searchPlan(q)
    if (plan.none) return { rows: [], total: 0, totalExact: true, hasMore: false, ...(options.counts === true ? { byStatus: { counts: [], exact: true } } : {}) }
    let page = this.filtered(q, true, plan.among ? plan.ids : undefined, plan.term).selectAll()
    const keys = sortKeys(q.sortBy)
    const after = q.after
    if (after) {
      // Keyset: the rows after this one in the order of the sort keys (lexicographically).
      const cmp = q.sortOrder === 'desc' ? '<' : '>'
      page = page.where((eb) => eb.or(keys.map((k, i) => eb.and([...keys.slice(0, i).map((e) => eb(e, '=', after[e])), eb(k, cmp, after[k])]))))
    }
    for (const k of keys) page = page.orderBy(k, q.sortOrder)
    const [rows, counted] = await Promise.all([
      page.limit(q.limit + 1).offset(q.offset).execute(),
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
    const rows = await this.db.selectFrom(this.matching(f, false, plan, countCap + 1).select('status').as('m'))
      .select(['m.status', sql<number>`count(*)`.as('n')]).groupBy('m.status').execute()
    const counts = rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) }))
    const exact = plan.complete && counts.reduce((sum, c) => sum + c.n, 0) <= countCap
    // Past the cap each count is a lower bound, said as the cap at most (as the total is).
    return { counts: exact ? counts : counts.map((c) => ({ ...c, n: Math.min(c.n, countCap) })), exact }
  }

  /**
   * The total of a list session_counts cannot answer (search, applicant, dates): a count that stops
   * at the cap. A search matching more than searchCandidates sessions counts among the first
   * searchCandidates + 1 of them (a lower bound, not exact).
   */
  private async countCapped (f: ListFilters, plan: SearchPlan): Promise<{ total: number, exact: boolean }> {
    const { countCap } = this.limits
    const { n } = await this.db.selectFrom(this.matching(f, true, plan, countCap + 1).select('id').as('m'))
      .select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()
    return { total: Math.min(Number(n), countCap), exact: Number(n) <= countCap && plan.complete }
  }

  /**
   * The filtered list's rows, at most `limit` (what a capped count reads). A search counts among its
   * candidates (at most searchCandidates + 1, through the search index), never by walking the team:
   * past them its count is a lower bound (`plan.complete` false).
   */
  private matching (f: ListFilters, withStatus: boolean, plan: SearchPlan, limit: number) {
    return this.filtered(f, withStatus, plan.ids, plan.term).limit(limit)
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

  /** Redaction (in its transaction): the sealed replay of the session's creation holds the applicant's data. */
  async eraseIdempotent (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.deleteFrom('idempotencyKeys').where('sessionId', '=', sessionId).execute()
  }

  /** Inside the session's transaction: a concurrent twin with the same key fails on the primary key. */
  async saveIdempotent (trx: Transaction<Database>, row: { teamId: number, keyHash: string, requestHash: string, sessionId: number, response: string, createdAt: string }): Promise<void> {
    await trx.insertInto('idempotencyKeys').values(row).execute()
  }
}

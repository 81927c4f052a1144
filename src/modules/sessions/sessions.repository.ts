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

/** A LIKE prefix pattern matching `text` literally (\\ escapes). */
const likePrefix = (text: string) => `${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`

/** Reads of sessions and the idempotency records of their creation; status changes go through LifecycleRepository. */
export class SessionsRepository {
  constructor (private readonly db: Kysely<Database>) {}

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

  private filtered (f: ListFilters, withStatus = true) {
    let base = this.db.selectFrom('sessions').where('teamId', '=', f.teamId).where('livemode', '=', f.livemode ? 1 : 0)
    if (f.reviewerId !== null) base = base.where('reviewerId', '=', f.reviewerId)
    if (withStatus && f.statuses && f.statuses.length > 0) base = base.where('status', 'in', f.statuses)
    if (f.applicantId !== undefined) base = base.where('applicantId', '=', f.applicantId)
    if (f.createdAfter !== undefined) base = base.where('createdAt', '>', f.createdAfter)
    if (f.createdBefore !== undefined) base = base.where('createdAt', '<', f.createdBefore)
    if (f.q !== undefined) {
      const pattern = likePrefix(f.q)
      const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '\\'`
      base = base.where((eb) => eb.or([like('applicant_first_name'), like('applicant_last_name'), like('applicant_email')]))
    }
    return base
  }

  /** One page (limit + 1 rows are read, so the caller knows whether more follow) and the total of the filtered list. */
  async list (q: ListQuery): Promise<{ rows: SessionRow[], total: number, hasMore: boolean }> {
    const base = this.filtered(q)
    let page = base.selectAll()
    if (q.after) {
      const cmp = q.sortOrder === 'desc' ? '<' : '>'
      const key = q.after[q.sortBy]
      const id = q.after.id
      page = page.where((eb) => eb.or([eb(q.sortBy, cmp, key), eb.and([eb(q.sortBy, '=', key), eb('id', cmp, id)])]))
    }
    const [rows, total] = await Promise.all([
      page.orderBy(q.sortBy, q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit + 1).offset(q.offset).execute(),
      countable(q)
        ? this.counted(q).select(sql<number>`coalesce(sum(n), 0)`.as('total')).executeTakeFirstOrThrow().then((r) => Number(r.total))
        : base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow().then((r) => Number(r.total))
    ])
    return { rows: rows.slice(0, q.limit), total, hasMore: rows.length > q.limit }
  }

  /** Sessions per status of the filtered list, whatever status filter it has. */
  async countByStatus (f: ListFilters): Promise<Array<{ status: SessionStatus, n: number }>> {
    const rows = countable(f)
      ? await this.counted(f, false).select(['status', sql<number>`sum(n)`.as('n')]).groupBy('status').execute()
      : await this.filtered(f, false).select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute()
    return rows.map((r) => ({ status: r.status as SessionStatus, n: Number(r.n) }))
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
  async findRetentionDue (before: string, limit: number): Promise<SessionRow[]> {
    return await this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...FINAL_SESSION_STATUSES]).where('redactedAt', 'is', null).where('updatedAt', '<=', before)
      .orderBy('updatedAt').limit(limit).execute()
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

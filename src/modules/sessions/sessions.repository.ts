import { sql, type Kysely, type Transaction } from 'kysely'
import type { AuditRow, Database, SessionRow } from '../../db/types.js'
import { FINAL_SESSION_STATUSES, OPEN_SESSION_STATUSES, type SessionStatus } from '../lifecycle/lifecycle.js'

export interface ListQuery {
  teamId: number
  reviewerId: string | null
  status?: SessionStatus
  limit: number
  offset: number
  sortBy: 'createdAt' | 'updatedAt' | 'status'
  sortOrder: 'asc' | 'desc'
}

/** Reads of sessions and the idempotency records of their creation; status changes go through LifecycleRepository. */
export class SessionsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async findById (id: number): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A session of this team only: another team's row reads as missing. */
  async findForTeam (id: number, teamId: number): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('id', '=', id).where('teamId', '=', teamId).executeTakeFirst()
  }

  async findByLinkTokenHash (hash: string): Promise<SessionRow | undefined> {
    return await this.db.selectFrom('sessions').selectAll().where('linkTokenHash', '=', hash).executeTakeFirst()
  }

  async allowedSourceIds (sessionId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('sessionAllowedSources').select('sourceId')
      .where('sessionId', '=', sessionId).orderBy('sourceId').execute()
    return rows.map((r) => r.sourceId)
  }

  async list (q: ListQuery): Promise<{ rows: SessionRow[], total: number }> {
    let base = this.db.selectFrom('sessions').where('teamId', '=', q.teamId)
    if (q.reviewerId !== null) base = base.where('reviewerId', '=', q.reviewerId)
    if (q.status) base = base.where('status', '=', q.status)
    const [rows, count] = await Promise.all([
      base.selectAll().orderBy(q.sortBy, q.sortOrder).orderBy('id', q.sortOrder).limit(q.limit).offset(q.offset).execute(),
      base.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow()
    ])
    return { rows, total: Number(count.total) }
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

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, NewSession, SessionRow, StepRow } from '../../db/types.js'
import { AuditRepository } from '../audit/audit.repository.js'
import { OPEN_SESSION_STATUSES, OPEN_STEP_STATUSES, type SessionStatus } from './session-status.js'

export interface ListQuery {
  teamId: number
  reviewerId: string | null
  status?: string
  limit: number
  offset: number
  sortBy: 'createdAt' | 'updatedAt' | 'status'
  sortOrder: 'asc' | 'desc'
}

export interface TransitionInput {
  sessionId: number
  teamId: number
  from: readonly SessionStatus[]
  to: SessionStatus
  actor: string
  action: string
  at: string
  detail?: string | null
  extra?: { decidedAt?: string, decisionNote?: string | null }
}

export class SessionsRepository {
  private readonly audit = new AuditRepository()
  constructor (private readonly db: Kysely<Database>) {}

  /** Inserts a session, its allowed sources, audit row and event; `within` runs in the same transaction. */
  async insert (session: NewSession, allowedSourceIds: number[], actor: string,
    within?: (trx: Kysely<Database>, row: SessionRow) => Promise<void>): Promise<SessionRow> {
    return await this.db.transaction().execute(async (trx) => {
      const [row] = await trx.insertInto('sessions').values(session).returningAll().execute()
      if (allowedSourceIds.length > 0) {
        await trx.insertInto('sessionAllowedSources')
          .values(allowedSourceIds.map((sourceId) => ({ sessionId: row.id, sourceId }))).execute()
      }
      await this.audit.record(trx, { sessionId: row.id, actor, action: 'session.created', toStatus: row.status, at: row.createdAt })
      await this.audit.emit(trx, { teamId: row.teamId, sessionId: row.id, type: 'session.created', payload: { sessionId: row.id, status: row.status }, createdAt: row.createdAt })
      if (within) await within(trx, row)
      return row
    })
  }

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

  /**
   * One conditional UPDATE (race-free on both dialects) plus its audit row and outbox event, in one
   * transaction. Returns false when the session was not in one of `from`.
   */
  async transition (db: Kysely<Database>, t: TransitionInput): Promise<boolean> {
    const res = await db.updateTable('sessions')
      .set({ status: t.to, updatedAt: t.at, ...(t.extra ?? {}) })
      .where('id', '=', t.sessionId).where('status', 'in', [...t.from])
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return false
    await this.audit.record(db, { sessionId: t.sessionId, actor: t.actor, action: t.action, fromStatus: t.from.length === 1 ? t.from[0] : null, toStatus: t.to, detail: t.detail ?? null, at: t.at })
    await this.audit.emit(db, { teamId: t.teamId, sessionId: t.sessionId, type: `session.${t.to.toLowerCase()}`, payload: { sessionId: t.sessionId, status: t.to }, createdAt: t.at })
    return true
  }

  /**
   * Inside a transaction: the session's current row, locked until the transaction ends on PostgreSQL
   * (FOR NO KEY UPDATE, which still lets other transactions insert rows referencing it). A check of
   * its status made here cannot be overtaken by a concurrent transition (verification, expiry,
   * decision), which either committed before, and is seen, or waits for this transaction. On SQLite
   * a write transaction already runs alone.
   */
  async lockForUpdate (trx: Kysely<Database>, sessionId: number): Promise<SessionRow | undefined> {
    const q = trx.selectFrom('sessions').selectAll().where('id', '=', sessionId)
    return await (isPostgres(trx) ? q.forNoKeyUpdate() : q).executeTakeFirst()
  }

  /** Expires one session whose expiry has passed, with its open steps. */
  async expire (session: SessionRow, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const moved = await this.transition(trx, {
        sessionId: session.id, teamId: session.teamId, from: OPEN_SESSION_STATUSES, to: 'EXPIRED', actor: 'system', action: 'session.expired', at
      })
      if (!moved) return false
      await trx.updateTable('steps').set({ status: 'EXPIRED', updatedAt: at })
        .where('sessionId', '=', session.id).where('status', 'in', [...OPEN_STEP_STATUSES]).execute()
      return true
    })
  }

  /** Open sessions whose expiry has passed, oldest first (the sweep's batch). */
  async findOverdue (now: string, limit: number, teamId?: number): Promise<SessionRow[]> {
    let q = this.db.selectFrom('sessions').selectAll()
      .where('status', 'in', [...OPEN_SESSION_STATUSES]).where('expiryDate', '<=', now)
    if (teamId !== undefined) q = q.where('teamId', '=', teamId)
    return await q.orderBy('expiryDate').limit(limit).execute()
  }

  async stepsOf (sessionId: number): Promise<StepRow[]> {
    return await this.db.selectFrom('steps').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
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
  async saveIdempotent (trx: Kysely<Database>, row: { teamId: number, keyHash: string, requestHash: string, sessionId: number, response: string, createdAt: string }): Promise<void> {
    await trx.insertInto('idempotencyKeys').values(row).execute()
  }
}

import type { Kysely } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, StepRow } from '../../db/types.js'

export interface InitiateUpdate {
  /** The step as the caller read it: the update applies only if nothing moved since. */
  observed: StepRow
  contextMessage: string
  reclaimSessionId: string
  callbackTokenHash: string
  metadata: string | null
  at: string
}

/**
 * The SQL of a step's proof attempts: initiation, the IN_PROGRESS claim that serialises submissions,
 * and the outcomes. Every update is conditional on the status it expects, so concurrent requests
 * cannot both move a step.
 */
export class ReclaimRepository {
  constructor (readonly db: Kysely<Database>) {}

  async findByCallbackTokenHash (hash: string): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('callbackTokenHash', '=', hash).executeTakeFirst()
  }

  async findStep (id: number): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** False when the step changed since it was read (another initiation or a submission won). */
  async initiate (trx: Kysely<Database>, u: InitiateUpdate): Promise<boolean> {
    let q = trx.updateTable('steps')
      .set({
        status: 'INITIATED',
        contextMessage: u.contextMessage,
        reclaimSessionId: u.reclaimSessionId,
        callbackTokenHash: u.callbackTokenHash,
        metadata: u.metadata,
        initiatedAt: u.at,
        failureReason: null,
        updatedAt: u.at
      })
      .where('id', '=', u.observed.id)
      .where('status', '=', u.observed.status)
      .where('attempts', '=', u.observed.attempts)
    q = u.observed.contextMessage === null ? q.where('contextMessage', 'is', null) : q.where('contextMessage', '=', u.observed.contextMessage)
    const res = await q.executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /**
   * Moves the step to IN_PROGRESS if it is still as observed (same status, same initiation): of
   * concurrent submissions exactly one gets true.
   */
  async claim (observed: StepRow, at: string): Promise<boolean> {
    if (observed.contextMessage === null) return false
    const res = await this.db.updateTable('steps')
      .set({ status: 'IN_PROGRESS', updatedAt: at })
      .where('id', '=', observed.id)
      .where('status', '=', observed.status)
      .where('contextMessage', '=', observed.contextMessage)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /** Puts a claimed step back exactly as it was, for submissions that must change nothing. */
  async release (observed: StepRow): Promise<void> {
    await this.db.updateTable('steps')
      .set({ status: observed.status, updatedAt: observed.updatedAt })
      .where('id', '=', observed.id).where('status', '=', 'IN_PROGRESS')
      .execute()
  }

  async markVerified (trx: Kysely<Database>, stepId: number, at: string): Promise<boolean> {
    const res = await trx.updateTable('steps')
      .set({ status: 'VERIFIED', verifiedAt: at, failureReason: null, updatedAt: at })
      .where('id', '=', stepId).where('status', '=', 'IN_PROGRESS')
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /** Counts the failed attempt; returns the step's attempts after it, or null if the step was no longer claimed. */
  async markFailed (trx: Kysely<Database>, stepId: number, reason: string, at: string): Promise<number | null> {
    const rows = await trx.updateTable('steps')
      .set((eb) => ({ status: 'FAILED', failureReason: reason, attempts: eb('attempts', '+', 1), updatedAt: at }))
      .where('id', '=', stepId).where('status', '=', 'IN_PROGRESS')
      .returning('attempts')
      .execute()
    return rows.length === 1 ? Number(rows[0].attempts) : null
  }

  /**
   * Serialises the "is every step verified?" check of one session: on PostgreSQL two steps verified
   * at once would each see the other still IN_PROGRESS and neither would move the session on.
   * SQLite runs one write transaction at a time, so there is nothing to lock.
   */
  async lockSession (trx: Kysely<Database>, sessionId: number): Promise<void> {
    if (!isPostgres(trx)) return
    await trx.selectFrom('sessions').select('id').where('id', '=', sessionId).forNoKeyUpdate().execute()
  }

  async allStepsVerified (trx: Kysely<Database>, sessionId: number): Promise<boolean> {
    const rows = await trx.selectFrom('steps').select('status').where('sessionId', '=', sessionId).execute()
    return rows.length > 0 && rows.every((r) => r.status === 'VERIFIED')
  }
}

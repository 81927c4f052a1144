import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.js'

export interface IdempotentRecord { teamId: number, keyHash: string, createdAt: string }

/** The generic Idempotency-Key records (idempotency.plugin.ts). */
export class IdempotencyRepository {
  constructor (private readonly db: Kysely<Database>) {}

  /**
   * Claims the key for a request about to execute: true when this request holds it now. A record past
   * the replay window, or still executing past its lease (its request died), no longer binds the key.
   */
  async claim (row: IdempotentRecord & { requestHash: string, sessionId: number | null }, windowStart: string, leaseStart: string): Promise<boolean> {
    await this.db.deleteFrom('idempotentRequests').where('teamId', '=', row.teamId).where('keyHash', '=', row.keyHash)
      .where((eb) => eb.or([eb('createdAt', '<=', windowStart), eb.and([eb('statusCode', 'is', null), eb('createdAt', '<=', leaseStart)])]))
      .execute()
    const inserted = await this.db.insertInto('idempotentRequests')
      .values({ ...row, statusCode: null, response: null })
      .onConflict((oc) => oc.columns(['teamId', 'keyHash']).doNothing())
      .returning('keyHash').execute()
    return inserted.length === 1
  }

  /**
   * Redaction (in its transaction): stored replays hold the session's data as it was; a request
   * still executing (the redaction's own) answers from now on.
   */
  async eraseForSession (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.deleteFrom('idempotentRequests').where('sessionId', '=', sessionId).where('statusCode', 'is not', null).execute()
  }

  async find (teamId: number, keyHash: string) {
    return await this.db.selectFrom('idempotentRequests').select(['requestHash', 'statusCode', 'response', 'createdAt'])
      .where('teamId', '=', teamId).where('keyHash', '=', keyHash).executeTakeFirst()
  }

  /** Stores the answer of the request that claimed the key (unless the record was erased or taken over meanwhile). */
  async complete (r: IdempotentRecord, statusCode: number, response: string): Promise<void> {
    await this.db.updateTable('idempotentRequests').set({ statusCode, response })
      .where('teamId', '=', r.teamId).where('keyHash', '=', r.keyHash).where('createdAt', '=', r.createdAt).where('statusCode', 'is', null)
      .execute()
  }

  /** Frees the key of a request whose answer is not to be replayed (a fault, a rate limit), so it can be retried. */
  async release (r: IdempotentRecord): Promise<void> {
    await this.db.deleteFrom('idempotentRequests')
      .where('teamId', '=', r.teamId).where('keyHash', '=', r.keyHash).where('createdAt', '=', r.createdAt).where('statusCode', 'is', null)
      .execute()
  }

  async purge (before: string): Promise<number> {
    const res = await this.db.deleteFrom('idempotentRequests').where('createdAt', '<=', before).executeTakeFirst()
    return Number(res.numDeletedRows)
  }
}

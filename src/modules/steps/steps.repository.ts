import type { Kysely } from 'kysely'
import type { Database, StepRow } from '../../db/types.js'
import { PROVEN_STEP_STATUSES } from '../lifecycle/lifecycle.js'

/** Reads of steps; every change of a step's status goes through LifecycleRepository. */
export class StepsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async listForSession (sessionId: number): Promise<StepRow[]> {
    return await this.db.selectFrom('steps').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  /** The proven steps (verified, or completed with their session) of these sessions, in id order. */
  async listProvenForSessions (sessionIds: number[]): Promise<StepRow[]> {
    if (sessionIds.length === 0) return []
    return await this.db.selectFrom('steps').selectAll()
      .where('sessionId', 'in', sessionIds).where('status', 'in', [...PROVEN_STEP_STATUSES]).orderBy('id').execute()
  }

  /** Redaction (in its transaction): what the steps recorded of the applicant. */
  async eraseForSession (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.updateTable('steps').set({ metadata: null, failureReason: null }).where('sessionId', '=', sessionId).execute()
  }

  async find (id: number): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A step of this session only: another session's step reads as missing. */
  async findInSession (id: number, sessionId: number): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('id', '=', id).where('sessionId', '=', sessionId).executeTakeFirst()
  }

  async findByCallbackTokenHash (hash: string): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('callbackTokenHash', '=', hash).executeTakeFirst()
  }
}

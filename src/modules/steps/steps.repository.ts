import type { Kysely } from 'kysely'
import type { Database, StepRow } from '../../db/types.js'

/** Reads of steps; every change of a step goes through LifecycleRepository. */
export class StepsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async listForSession (sessionId: number): Promise<StepRow[]> {
    return await this.db.selectFrom('steps').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
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

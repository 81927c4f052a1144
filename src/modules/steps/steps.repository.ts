import type { Kysely } from 'kysely'
import type { Database, StepRow } from '../../db/types.js'

export class StepsRepository {
  constructor (readonly db: Kysely<Database>) {}

  async listForSession (sessionId: number): Promise<StepRow[]> {
    return await this.db.selectFrom('steps').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  async findById (id: number): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('id', '=', id).executeTakeFirst()
  }

  /** A step of this session only: another session's step reads as missing. */
  async findInSession (id: number, sessionId: number): Promise<StepRow | undefined> {
    return await this.db.selectFrom('steps').selectAll().where('id', '=', id).where('sessionId', '=', sessionId).executeTakeFirst()
  }

  /**
   * Inserts steps for sources not selected yet; returns the ids of sources that got a new step (as
   * the database answered, so of two concurrent selections of one source only one reports it).
   */
  async insertMissing (db: Kysely<Database>, sessionId: number, sourceIds: number[], type: string, now: string): Promise<number[]> {
    if (sourceIds.length === 0) return []
    const inserted = await db.insertInto('steps').values(sourceIds.map((sourceId) => ({
      sessionId, sourceId, type, status: 'PENDING', attempts: 0, createdAt: now, updatedAt: now
    }))).onConflict((oc) => oc.columns(['sessionId', 'sourceId']).doNothing()).returning('sourceId').execute()
    const fresh = new Set(inserted.map((r) => r.sourceId))
    return sourceIds.filter((id) => fresh.has(id))
  }
}

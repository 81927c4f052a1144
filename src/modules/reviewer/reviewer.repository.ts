import type { Kysely } from 'kysely'
import type { AuditRow, Database } from '../../db/types.js'
import { AuditRepository } from '../audit/audit.repository.js'

export class ReviewerRepository {
  private readonly audit = new AuditRepository()
  constructor (readonly db: Kysely<Database>) {}

  /** On approval, inside the decision's transaction; returns how many steps moved. */
  async completeVerifiedSteps (trx: Kysely<Database>, sessionId: number, at: string): Promise<number> {
    const res = await trx.updateTable('steps').set({ status: 'COMPLETED', updatedAt: at })
      .where('sessionId', '=', sessionId).where('status', '=', 'VERIFIED')
      .executeTakeFirst()
    return Number(res.numUpdatedRows)
  }

  async auditTrail (sessionId: number): Promise<AuditRow[]> {
    return await this.audit.listForSession(this.db, sessionId)
  }
}

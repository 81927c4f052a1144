import type { Kysely } from 'kysely'
import type { Database } from '../../db/types.js'
import type { DecisionReason, ReasonKind } from './decision-reasons.schemas.js'

/** A team's decision reasons; an empty answer means the team uses the defaults. */
export class DecisionReasonsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async list (teamId: number): Promise<DecisionReason[]> {
    const rows = await this.db.selectFrom('decisionReasons').select(['code', 'label', 'kind'])
      .where('teamId', '=', teamId).orderBy('position').execute()
    return rows.map((r) => ({ code: r.code, label: r.label, kind: r.kind as ReasonKind }))
  }

  /** Replaces the team's list in one transaction. */
  async replace (teamId: number, reasons: DecisionReason[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('decisionReasons').where('teamId', '=', teamId).execute()
      await trx.insertInto('decisionReasons')
        .values(reasons.map((r, position) => ({ teamId, code: r.code, label: r.label, kind: r.kind, position }))).execute()
    })
  }
}

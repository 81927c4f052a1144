import type { Kysely } from 'kysely'
import type { Database, SessionRow } from '../../db/types.js'
import { recount } from './counts.js'
import { SESSION_CHANGES } from './lifecycle.js'
import { audit, lockSession, type Actor } from './records.js'

/**
 * Moves a session to a reviewer's queue (null: the team's). updated_at stays: of a final session it
 * says when it ended, which RETENTION_DAYS counts from.
 */
export async function assignSession (db: Kysely<Database>, session: SessionRow, reviewerId: string | null, actor: Actor, at: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const current = await lockSession(trx, session.id)
    await trx.updateTable('sessions').set({ reviewerId }).where('id', '=', session.id).execute()
    if (current) await recount(trx, current, [[current.reviewerId, current.status, -1], [reviewerId, current.status, 1]])
    await audit(trx, { sessionId: session.id, actor, action: SESSION_CHANGES.assign.action, detail: JSON.stringify({ from: session.reviewerId, to: reviewerId }), at })
  })
}

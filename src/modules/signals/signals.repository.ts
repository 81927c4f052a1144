import type { Kysely, Transaction } from 'kysely'
import type { Database, SignalRow } from '../../db/types.js'

export interface NewSignal { sessionId: number, stepId: number | null, code: string, score: number | null, sentence: string, details: string, createdAt: string }
export interface NewFingerprint { teamId: number, sessionId: number, sourceId: number, kind: 'account' | 'owner', valueHash: string, applicantHash: string, createdAt: string }

/** The signals table and the keyed fingerprints they are compared by. */
export class SignalsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  async listForSession (sessionId: number): Promise<SignalRow[]> {
    return await this.db.selectFrom('signals').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  /** Sessions of the team (other than `sessionId`) where the same fingerprint was seen for another applicant since `since`. */
  async otherApplicants (f: { teamId: number, sessionId: number, kind: 'account' | 'owner', valueHash: string, applicantHash: string, since: string | null }): Promise<number[]> {
    let q = this.db.selectFrom('signalFingerprints').select('sessionId').distinct()
      .where('teamId', '=', f.teamId).where('kind', '=', f.kind).where('valueHash', '=', f.valueHash)
      .where('applicantHash', '!=', f.applicantHash).where('sessionId', '!=', f.sessionId)
    if (f.since !== null) q = q.where('createdAt', '>=', f.since)
    return (await q.orderBy('sessionId').limit(20).execute()).map((r) => r.sessionId)
  }

  /** Stores the step's signals and fingerprints in the transaction that verifies the step. */
  async save (trx: Transaction<Database>, signals: NewSignal[], fingerprints: NewFingerprint[]): Promise<void> {
    if (signals.length > 0) await trx.insertInto('signals').values(signals).execute()
    if (fingerprints.length > 0) await trx.insertInto('signalFingerprints').values(fingerprints).execute()
  }
}

import type { Insertable, Kysely } from 'kysely'
import type { Database, ProofRow, ProofsTable } from '../../db/types.js'

/** What a redacted proof's owner reads (the column is required). */
const REDACTED = '[redacted]'

export type NewProof = Insertable<ProofsTable>

/** A unique-key violation on either dialect (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation (err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
}

export class ProofsRepository {
  constructor (private readonly db: Kysely<Database>) {}

  /** The identifiers among these that were ever accepted, in any session of any team. */
  async usedIdentifiers (identifiers: string[]): Promise<string[]> {
    if (identifiers.length === 0) return []
    const rows = await this.db.selectFrom('proofs').select('identifier').where('identifier', 'in', identifiers).execute()
    return rows.map((r) => r.identifier)
  }

  /** Inside the step's transaction; the unique identifier index is the last word on replays. */
  async insertMany (trx: Kysely<Database>, rows: NewProof[]): Promise<void> {
    if (rows.length > 0) await trx.insertInto('proofs').values(rows).execute()
  }

  /** Redaction (in its transaction): the proofs' contents go; identifiers, steps and times stay (replay protection needs them). */
  async eraseForSteps (trx: Kysely<Database>, stepIds: number[]): Promise<void> {
    if (stepIds.length === 0) return
    await trx.updateTable('proofs').set({ owner: REDACTED, extracted: '{}', raw: '{}' }).where('stepId', 'in', stepIds).execute()
  }

  async listForSteps (stepIds: number[]): Promise<ProofRow[]> {
    if (stepIds.length === 0) return []
    return await this.db.selectFrom('proofs').selectAll().where('stepId', 'in', stepIds).orderBy('stepId').orderBy('id').execute()
  }
}

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Issue 21 item 6: a session's report carries "the source's proof requirements at the time". Each
// proof keeps the requirements of its source as it was verified against them (hosts, provider
// hashes, parameters, paths, extraction), so that a report made after the source changed (a new
// catalog, `sources import`) still names, and re-checks the proof with, the rules it met. Proofs
// accepted before have none (null): their report reads the source as it is.
export async function up (db: Kysely<any>): Promise<void> {
  const json = isPostgres(db) ? sql`jsonb` : sql`text`
  await db.schema.alterTable('proofs').addColumn('requirements', json).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proofs').dropColumn('requirements').execute()
}

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Issue 23 (docs/proof-verification.md, rules 5.7 and 5.8, and the reviewer's view of each fact):
// sources gain the request paths their proofs may use and, per declared parameter, the redaction
// that extracts it, and the provider version each pin was made from (`sources pin --version`);
// proofs keep which rules bound their facts. Existing sources start unbound (empty) and get the
// shipped catalog's paths and extractions at the next boot, matched by source_name; existing proofs
// have no bindings (null), as proofs accepted before source binding have no host.
export async function up (db: Kysely<any>): Promise<void> {
  const json = isPostgres(db) ? sql`jsonb` : sql`text`
  await db.schema.alterTable('sources').addColumn('proof_paths', json, (c) => c.notNull().defaultTo(sql`'[]'`)).execute()
  await db.schema.alterTable('sources').addColumn('proof_extraction', json, (c) => c.notNull().defaultTo(sql`'{}'`)).execute()
  await db.schema.alterTable('sources').addColumn('provider_hash_versions', json, (c) => c.notNull().defaultTo(sql`'{}'`)).execute()
  await db.schema.alterTable('proofs').addColumn('bindings', json).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('proofs').dropColumn('bindings').execute()
  await db.schema.alterTable('sources').dropColumn('provider_hash_versions').execute()
  await db.schema.alterTable('sources').dropColumn('proof_extraction').execute()
  await db.schema.alterTable('sources').dropColumn('proof_paths').execute()
}

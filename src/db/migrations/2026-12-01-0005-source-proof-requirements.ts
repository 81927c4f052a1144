import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// What a genuine proof of each source looks like (docs/proof-verification.md, rule 5): the exact
// https hosts its request may go to and the extracted parameters it must carry; provider_hashes
// (the pins) already exists. Existing rows start empty and get the shipped catalog's values from the
// catalog seeding at the next boot (SourcesService.seedDefaultCatalog), matched by source_name.
export async function up (db: Kysely<any>): Promise<void> {
  const json = isPostgres(db) ? sql`jsonb` : sql`text`
  await db.schema.alterTable('sources').addColumn('proof_hosts', json, (c) => c.notNull().defaultTo(sql`'[]'`)).execute()
  await db.schema.alterTable('sources').addColumn('proof_parameters', json, (c) => c.notNull().defaultTo(sql`'[]'`)).execute()
  await db.schema.alterTable('sources').addColumn('hosts_verified', 'integer', (c) => c.notNull().defaultTo(0)).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sources').dropColumn('hosts_verified').execute()
  await db.schema.alterTable('sources').dropColumn('proof_parameters').execute()
  await db.schema.alterTable('sources').dropColumn('proof_hosts').execute()
}

import { sql, type ColumnDefinitionBuilder, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Issue 21: signals raised when a step is verified (name_mismatch, account_reused, ...), the keyed
// fingerprints they are compared by (HMAC with the server secret: no raw value is stored twice),
// and re-verification's link from a session to the one it re-verifies.
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = (c: ColumnDefinitionBuilder) => pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()
  await db.schema.createTable('signals')
    .addColumn('id', 'integer', id)
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('step_id', 'integer')
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('score', 'integer')
    .addColumn('sentence', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull()) // JSON: ids, counts and hashes only, never a name
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('signals_session_id_idx').on('signals').columns(['session_id', 'id']).execute()
  await db.schema.createTable('signal_fingerprints')
    .addColumn('id', 'integer', id)
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('source_id', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // account | owner
    .addColumn('value_hash', 'text', (c) => c.notNull())
    .addColumn('applicant_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('signal_fingerprints_lookup_idx').on('signal_fingerprints')
    .columns(['team_id', 'kind', 'value_hash', 'created_at']).execute()
  await db.schema.alterTable('sessions').addColumn('parent_session_id', 'integer').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('parent_session_id').execute()
  await db.schema.dropTable('signal_fingerprints').execute()
  await db.schema.dropTable('signals').execute()
}

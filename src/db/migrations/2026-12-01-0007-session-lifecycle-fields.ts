import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Why a session ended (canceled, expired, attempts_exhausted, approved, rejected) beside its status,
// which stays within the guide's set; and when its applicant's data was erased.
export async function up (db: Kysely<any>): Promise<void> {
  const ts = isPostgres(db) ? sql`timestamptz` : sql`text`
  await db.schema.alterTable('sessions').addColumn('status_reason', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('redacted_at', ts).execute()
  // The retention sweep looks for final sessions not yet redacted, oldest change first.
  await db.schema.createIndex('sessions_status_updated_at_unredacted_idx').on('sessions')
    .columns(['status', 'updated_at']).where(sql.ref('redacted_at'), 'is', null).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('sessions_status_updated_at_unredacted_idx').execute()
  await db.schema.alterTable('sessions').dropColumn('redacted_at').execute()
  await db.schema.alterTable('sessions').dropColumn('status_reason').execute()
}

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// The applicant's language (params.locale), why the partner asks (params.purpose, purposeText) and
// the applicant's consent record ({version, textHash, locale, acceptedAt, ip, userAgent} as JSON),
// on the session. The consent record outlives redaction (without the IP): it is the legal record.
export async function up (db: Kysely<any>): Promise<void> {
  const json = isPostgres(db) ? sql`jsonb` : sql`text`
  await db.schema.alterTable('sessions').addColumn('locale', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('purpose', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('purpose_text', 'text').execute()
  await db.schema.alterTable('sessions').addColumn('consent', json).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const column of ['consent', 'purpose_text', 'purpose', 'locale']) {
    await db.schema.alterTable('sessions').dropColumn(column).execute()
  }
}

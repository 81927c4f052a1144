import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Two-step sign-in (TOTP, RFC 6238) for console users: the shared secret sealed with the server
// secret (a database dump alone cannot mint codes), a secret waiting for its first code while the
// user enrolls, when it was turned on, and the last time step used (a code is accepted once).
export async function up (db: Kysely<any>): Promise<void> {
  const ts = isPostgres(db) ? sql`timestamptz` : sql`text`
  await db.schema.alterTable('users').addColumn('totp_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_pending_secret', 'text').execute()
  await db.schema.alterTable('users').addColumn('totp_enabled_at', ts).execute()
  await db.schema.alterTable('users').addColumn('totp_last_step', 'integer').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const column of ['totp_last_step', 'totp_enabled_at', 'totp_pending_secret', 'totp_secret']) {
    await db.schema.alterTable('users').dropColumn(column).execute()
  }
}

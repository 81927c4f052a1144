import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Reconciliation and idempotency:
// - webhook_deliveries.response: the start of the receiver's answer body (at most 2 KiB), kept when an
//   attempt completes so a partner can see what its receiver said.
// - events are listed per team and mode, newest first, and purged after 30 days by created_at.
// - idempotent_requests: the generic Idempotency-Key record of every POST route that declares it
//   (POST /partner/session keeps its own idempotency_keys). status_code null = still executing.
export async function up (db: Kysely<any>): Promise<void> {
  const ts = isPostgres(db) ? sql`timestamptz` : sql`text`
  await db.schema.alterTable('webhook_deliveries').addColumn('response', 'text').execute()
  await db.schema.createIndex('events_team_livemode_id_idx').on('events').columns(['team_id', 'livemode', 'id']).execute()
  await db.schema.createIndex('events_created_at_idx').on('events').column('created_at').execute()

  await db.schema.createTable('idempotent_requests')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('key_hash', 'text', (c) => c.notNull()) // HMAC of mode, route, path params and the key
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('session_id', 'integer') // the session the route names, so redaction can erase the replay
    .addColumn('status_code', 'integer')
    .addColumn('response', 'text') // sealed: AES-GCM keyed by the Idempotency-Key and the server secret
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotent_requests_pk', ['team_id', 'key_hash'])
    .execute()
  await db.schema.createIndex('idempotent_requests_created_at_idx').on('idempotent_requests').column('created_at').execute()
  await db.schema.createIndex('idempotent_requests_session_id_idx').on('idempotent_requests').column('session_id').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('idempotent_requests').execute()
  await db.schema.dropIndex('events_created_at_idx').execute()
  await db.schema.dropIndex('events_team_livemode_id_idx').execute()
  await db.schema.alterTable('webhook_deliveries').dropColumn('response').execute()
}

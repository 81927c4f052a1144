import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// What the webhook dispatcher needs beyond the initial tables:
// - events.dispatched_at marks an event fanned out into deliveries. A cursor over event ids would skip
//   events on PostgreSQL, where ids are allocated before commit and commit out of order; a per-row
//   mark, claimed with FOR UPDATE SKIP LOCKED, is exact with any number of processes.
// - the previous secret of a rotated endpoint keeps signing (beside the new one) for a grace period.
// - one delivery per (endpoint, event): a fan-out retried after a crash inserts nothing twice.
export async function up (db: Kysely<any>): Promise<void> {
  const ts = isPostgres(db) ? sql`timestamptz` : sql`text`

  await db.schema.alterTable('events').addColumn('dispatched_at', ts).execute()
  // Events written before webhooks existed had no endpoint to go to.
  await sql`update events set dispatched_at = created_at`.execute(db)
  await db.schema.createIndex('events_undispatched_idx').on('events').column('id')
    .where(sql.ref('dispatched_at'), 'is', null).execute()

  await db.schema.alterTable('webhook_endpoints').addColumn('previous_secret', 'text').execute()
  await db.schema.alterTable('webhook_endpoints').addColumn('previous_secret_expires_at', ts).execute()

  await db.schema.alterTable('webhook_deliveries').addColumn('last_attempt_at', ts).execute()
  await db.schema.createIndex('webhook_deliveries_endpoint_event_unique').on('webhook_deliveries')
    .columns(['endpoint_id', 'event_id']).unique().execute()
  await db.schema.createIndex('webhook_deliveries_endpoint_id_idx').on('webhook_deliveries').columns(['endpoint_id', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_endpoint_id_idx').execute()
  await db.schema.dropIndex('webhook_deliveries_endpoint_event_unique').execute()
  await db.schema.alterTable('webhook_deliveries').dropColumn('last_attempt_at').execute()
  await db.schema.alterTable('webhook_endpoints').dropColumn('previous_secret_expires_at').execute()
  await db.schema.alterTable('webhook_endpoints').dropColumn('previous_secret').execute()
  await db.schema.dropIndex('events_undispatched_idx').execute()
  await db.schema.alterTable('events').dropColumn('dispatched_at').execute()
}

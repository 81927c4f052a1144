import type { Kysely } from 'kysely'

// The periodic purge deletes idempotency rows past their 24 h window by created_at.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('idempotency_keys_created_at_idx').on('idempotency_keys').column('created_at').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('idempotency_keys_created_at_idx').execute()
}

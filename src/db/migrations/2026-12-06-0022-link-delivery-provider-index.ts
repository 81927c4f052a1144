import type { Kysely } from 'kysely'

// A gateway's status callback and a mail server's bounce name the message by the id the provider
// gave it (the gateway's MessageSid, the SMTP Message-ID): they look it up by that id.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('link_deliveries_provider_id_idx').ifNotExists().on('link_deliveries').columns(['provider_id', 'channel']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('link_deliveries_provider_id_idx').ifExists().execute()
}

import { sql, type Kysely } from 'kysely'

// Test mode (the sandbox): a key, and every session, webhook endpoint and event made through it,
// belongs to one mode. Rows that existed before are live (1), so an upgraded instance's keys and
// sessions keep working as they did.
const TABLES = ['api_keys', 'sessions', 'webhook_endpoints', 'events'] as const

export async function up (db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    await db.schema.alterTable(table).addColumn('livemode', 'integer', (c) => c.notNull().defaultTo(1)).execute()
  }
  await db.schema.createIndex('sessions_team_livemode_created_at_idx').on('sessions')
    .columns(['team_id', 'livemode', 'created_at', 'id']).execute()
  // What the reviewer reads beside each fact: the host the proof's request went to, whether its
  // provider hash was pinned, and who attested it (null for proofs accepted before this release).
  await db.schema.alterTable('proofs').addColumn('host', 'text').execute()
  await db.schema.alterTable('proofs').addColumn('pinned', 'integer').execute()
  await db.schema.alterTable('proofs').addColumn('signers', 'text').execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const column of ['signers', 'pinned', 'host']) await sql`alter table proofs drop column ${sql.ref(column)}`.execute(db)
  await db.schema.dropIndex('sessions_team_livemode_created_at_idx').execute()
  for (const table of [...TABLES].reverse()) {
    await sql`alter table ${sql.table(table)} drop column livemode`.execute(db)
  }
}

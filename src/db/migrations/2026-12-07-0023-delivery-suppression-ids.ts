import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Suppressions a partner can list and lift (DELETE /partner/delivery/suppressions/:id), and the
// hard bounces that now make one: each row gets an id, and a bounce's row says which message
// bounced (its session and delivery) and the provider's status code (5.1.1, 30005), never the
// address (the keyed hash that suppresses is all that is kept). The table is made anew (SQLite
// cannot add an identity column) and the STOP and unsubscribe rows are copied into it.
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    pg
      ? t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())

  await id(db.schema.createTable('delivery_suppressions_v2'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull()) // HMAC of the normalised address (link_deliveries.to_hash)
    .addColumn('reason', 'text', (c) => c.notNull()) // sms_stop | email_unsubscribe | bounced
    .addColumn('code', 'text') // a bounce's status (5.1.1) or gateway error code (30005)
    .addColumn('session_id', 'integer') // a bounce: the session and message that bounced
    .addColumn('delivery_id', 'integer')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addUniqueConstraint('delivery_suppressions_team_channel_address_uq', ['team_id', 'channel', 'address_hash'])
    .execute()
  await sql`insert into delivery_suppressions_v2 (team_id, channel, address_hash, reason, created_at)
    select team_id, channel, address_hash, reason, created_at from delivery_suppressions order by created_at`.execute(db)
  await db.schema.dropTable('delivery_suppressions').execute()
  await db.schema.alterTable('delivery_suppressions_v2').renameTo('delivery_suppressions').execute()
  // The list's pages, newest first per team.
  await db.schema.createIndex('delivery_suppressions_team_id_idx').on('delivery_suppressions').columns(['team_id', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  const ts = isPostgres(db) ? sql`timestamptz` : sql`text`
  await db.schema.createTable('delivery_suppressions_v1')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_suppressions_pk', ['team_id', 'channel', 'address_hash'])
    .execute()
  // Bounces did not suppress before: only the applicants' own requests go back.
  await sql`insert into delivery_suppressions_v1 (team_id, channel, address_hash, reason, created_at)
    select team_id, channel, address_hash, reason, created_at from delivery_suppressions where reason <> 'bounced'`.execute(db)
  await db.schema.dropIndex('delivery_suppressions_team_id_idx').ifExists().execute()
  await db.schema.dropTable('delivery_suppressions').execute()
  await db.schema.alterTable('delivery_suppressions_v1').renameTo('delivery_suppressions').execute()
}

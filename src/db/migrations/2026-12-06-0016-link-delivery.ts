import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Sending the verification link to the applicant (issue 20): a session's delivery plan (addresses,
// channels, language, reminders, the link sealed), the outbox of messages a background worker sends
// (one row per send and channel, so no send reaches an address twice), and the addresses that asked
// for no more messages (SMS STOP, the email's unsubscribe link), per team.
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const json = pg ? sql`jsonb` : sql`text`
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    pg
      ? t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())

  await db.schema.createTable('delivery_plans')
    .addColumn('session_id', 'integer', (c) => c.primaryKey().references('sessions.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('channels', json, (c) => c.notNull()) // ["email", "sms"]
    .addColumn('locale', 'text')
    .addColumn('timezone', 'text')
    .addColumn('reminder_hours', json) // number[]; null = the team's setting
    .addColumn('link_sealed', 'text') // the link token, sealed with the server secret
    .addColumn('sends', 'integer', (c) => c.notNull()) // sends made (links and reminders): the next one's number
    .addColumn('reminders_sent', 'integer', (c) => c.notNull())
    .addColumn('anchor_at', ts) // the last link sent at the partner's request: reminders count from it
    .addColumn('next_reminder_at', ts)
    .addColumn('opened_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('delivery_plans_next_reminder_at_idx').on('delivery_plans').column('next_reminder_at')
    .where(sql.ref('next_reminder_at'), 'is not', null).execute()

  await id(db.schema.createTable('link_deliveries'))
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('livemode', 'integer', (c) => c.notNull())
    .addColumn('send_no', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // link | reminder
    .addColumn('channel', 'text', (c) => c.notNull()) // email | sms
    .addColumn('to_address', 'text') // erased by redaction
    .addColumn('to_masked', 'text', (c) => c.notNull())
    .addColumn('to_hash', 'text', (c) => c.notNull()) // HMAC of the address (suppressions, STOP)
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sent | failed | bounced | opened
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('claimed_until', ts) // an attempt is in flight until then
    .addColumn('last_error', 'text')
    .addColumn('transport', 'text') // smtp | sms_gateway | outbox
    .addColumn('provider_id', 'text') // the SMTP Message-ID or the gateway's message id
    .addColumn('content', 'text') // the rendered message, sealed with the server secret
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addColumn('opened_at', ts)
    .addUniqueConstraint('link_deliveries_send_channel_uq', ['session_id', 'send_no', 'channel'])
    .execute()
  await db.schema.createIndex('link_deliveries_due_idx').on('link_deliveries').columns(['status', 'next_attempt_at']).execute()
  await db.schema.createIndex('link_deliveries_to_hash_idx').on('link_deliveries').column('to_hash').execute()

  await db.schema.createTable('delivery_suppressions')
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('address_hash', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull()) // sms_stop | email_unsubscribe
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('delivery_suppressions_pk', ['team_id', 'channel', 'address_hash'])
    .execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('delivery_suppressions').execute()
  await db.schema.dropTable('link_deliveries').execute()
  await db.schema.dropTable('delivery_plans').execute()
}

import type { Kysely } from 'kysely'

// GET /partner/events?sessionId= reads one session's events, and redaction rewrites them: with only
// (team_id, livemode, id) to go by, both walked every event of the team kept for 30 days.
export async function up (db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_session_id_idx').ifNotExists().on('events').columns(['session_id', 'id']).execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('events_session_id_idx').ifExists().execute()
}

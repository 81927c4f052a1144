import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Issue 19, items 5 to 7: keys managed over the API (permissions, expiry for rolled keys), the
// API version a key and a webhook endpoint are pinned to, and the team's audit log.
//
// The audit log is a table of its own, `audit_entries`, beside the session trail `audit_log`: a
// session's trail keeps details that may hold the applicant's data, which redaction erases (an
// UPDATE), whereas audit entries hold no applicant data at all (ids, actions, staff names), so
// nothing ever needs to change them and the database refuses to (triggers below).

/** The version every key and endpoint made before this release is pinned to (the only one then). */
const FIRST_VERSION = '2026-12-01'

export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const json = pg ? sql`jsonb` : sql`text`

  // permissions: JSON list of permission names, or null for the key's defaults (a team key may do
  // everything a team key does, a reviewer's key what a reviewer does): keys made before keep working.
  await db.schema.alterTable('api_keys').addColumn('permissions', 'text').execute()
  await db.schema.alterTable('api_keys').addColumn('api_version', 'text', (c) => c.notNull().defaultTo(FIRST_VERSION)).execute()
  await db.schema.alterTable('api_keys').addColumn('expires_at', ts).execute()
  // When the key was rolled (replaced by a new key; it works until expires_at): a key is rolled once.
  await db.schema.alterTable('api_keys').addColumn('rolled_at', ts).execute()
  await db.schema.alterTable('webhook_endpoints').addColumn('api_version', 'text', (c) => c.notNull().defaultTo(FIRST_VERSION)).execute()

  const table = db.schema.createTable('audit_entries')
  await (pg
    ? table.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    // No foreign keys: an entry outlives what it names (a key, a session, even a team's rows).
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('livemode', 'integer') // 1 live, 0 test, null for what has no mode (sign-ins, users)
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull()) // user | key | applicant | system
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('session_id', 'integer')
    .addColumn('ip', 'text')
    .addColumn('request_id', 'text')
    .addColumn('details', json, (c) => c.notNull())
    // Set only for entries recorded at most once per period (session.viewed: per actor, session and
    // minute); a unique index makes that hold across processes. Null elsewhere (nulls never collide).
    .addColumn('dedup_key', 'text', (c) => c.unique())
    .execute()
  await db.schema.createIndex('audit_entries_team_id_idx').on('audit_entries').columns(['team_id', 'id']).execute()
  await db.schema.createIndex('audit_entries_team_session_idx').on('audit_entries').columns(['team_id', 'session_id', 'id']).execute()
  await db.schema.createIndex('audit_entries_team_actor_idx').on('audit_entries').columns(['team_id', 'actor_id', 'id']).execute()

  if (pg) {
    await sql`create function audit_entries_append_only() returns trigger language plpgsql as $$
      begin
        raise exception 'audit entries are append-only: % refused', tg_op using errcode = 'P0001';
      end $$`.execute(db)
    await sql`create trigger audit_entries_no_change before update or delete on audit_entries
      for each row execute function audit_entries_append_only()`.execute(db)
    await sql`create trigger audit_entries_no_truncate before truncate on audit_entries
      for each statement execute function audit_entries_append_only()`.execute(db)
  } else {
    await sql`create trigger audit_entries_no_update before update on audit_entries
      begin select raise(abort, 'audit entries are append-only: UPDATE refused'); end`.execute(db)
    await sql`create trigger audit_entries_no_delete before delete on audit_entries
      begin select raise(abort, 'audit entries are append-only: DELETE refused'); end`.execute(db)
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  // Dropping the table drops its triggers (both dialects); the function is PostgreSQL's alone.
  await db.schema.dropTable('audit_entries').execute()
  if (isPostgres(db)) await sql`drop function audit_entries_append_only()`.execute(db)
  await sql`alter table webhook_endpoints drop column api_version`.execute(db)
  for (const column of ['rolled_at', 'expires_at', 'api_version', 'permissions']) await sql`alter table api_keys drop column ${sql.ref(column)}`.execute(db)
}

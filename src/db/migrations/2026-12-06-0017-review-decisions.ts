import { sql, type ColumnDefinitionBuilder, type CreateTableBuilder, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// Decisions that stand up to an examiner (issue 21, items 1-4):
// - a team's decision reasons (a team without rows uses the defaults of decision-reasons.ts);
// - on the session: the reasons of its decision, its tags (also one row each in session_tags, for
//   the list's `tag=` filter), the reviewer's last request for more (count, message, reasons,
//   when), its review due date and whether its overdue event was written;
// - reviewers' notes on a session;
// - the round-robin counter of a team's automatic assignment (one row per team, incremented in the
//   transaction that enters REVIEWING: concurrent workers take turns on its row lock).
// `if not exists` on indexes: SQLite runs migrations outside a transaction (a stopped run can be re-run).
export async function up (db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db)
  const ts = pg ? sql`timestamptz` : sql`text`
  const json = pg ? sql`jsonb` : sql`text`
  const id = <T extends string>(t: CreateTableBuilder<T, never>) =>
    pg
      ? t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c: ColumnDefinitionBuilder) => c.primaryKey().autoIncrement())

  await db.schema.createTable('decision_reasons').ifNotExists()
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_reasons_pk', ['team_id', 'code'])
    .execute()

  for (const [name, type] of [
    ['decision_reasons', json], // [{code, label}] as chosen at the decision
    ['tags', json], // string[]
    ['more_requests', sql`integer`], // how many times a reviewer asked for more
    ['more_request', json], // the last request: {message, reasons, sourceIds, at}
    ['due_at', ts], // when the review is due (set on entering REVIEWING)
    ['overdue_notified_at', ts] // when session.review_overdue was written for the current due date
  ] as const) {
    const exists = await columnExists(db, 'sessions', name)
    if (!exists) await db.schema.alterTable('sessions').addColumn(name, type).execute()
  }
  // The overdue sweep: REVIEWING sessions past their due date not yet announced.
  await db.schema.createIndex('sessions_review_due_idx').ifNotExists().on('sessions').columns(['status', 'due_at'])
    .where(sql.ref('overdue_notified_at'), 'is', null).execute()
  // The queue sorted by due date (status REVIEWING, the team's or a reviewer's), undated sessions
  // last: the list orders by (due_at is null, due_at, id), which these indexes hold as they are.
  await sql`create index if not exists sessions_list_status_due_at_idx on sessions (team_id, livemode, status, (due_at is null), due_at, id)`.execute(db)
  await sql`create index if not exists sessions_list_reviewer_status_due_at_idx on sessions (team_id, livemode, reviewer_id, status, (due_at is null), due_at, id)`.execute(db)

  await db.schema.createTable('session_tags').ifNotExists()
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('team_id', 'integer', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('session_tags_pk', ['session_id', 'tag'])
    .execute()
  await db.schema.createIndex('session_tags_team_tag_idx').ifNotExists().on('session_tags').columns(['team_id', 'tag', 'session_id']).execute()

  await id(db.schema.createTable('session_notes').ifNotExists())
    .addColumn('session_id', 'integer', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('body', 'text') // null once the session is redacted
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute()
  await db.schema.createIndex('session_notes_session_id_idx').ifNotExists().on('session_notes').columns(['session_id', 'id']).execute()

  await db.schema.createTable('review_rotation').ifNotExists()
    .addColumn('team_id', 'integer', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('turns', 'bigint', (c) => c.notNull())
    .execute()
}

async function columnExists (db: Kysely<any>, table: string, column: string): Promise<boolean> {
  if (isPostgres(db)) {
    const { rows } = await sql<{ n: number }>`select count(*) as n from information_schema.columns
      where table_schema = current_schema() and table_name = ${table} and column_name = ${column}`.execute(db)
    return Number(rows[0]?.n ?? 0) > 0
  }
  const { rows } = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
  return rows.some((r) => r.name === column)
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('review_rotation').execute()
  await db.schema.dropTable('session_notes').execute()
  await db.schema.dropTable('session_tags').execute()
  await db.schema.dropIndex('sessions_list_reviewer_status_due_at_idx').execute()
  await db.schema.dropIndex('sessions_list_status_due_at_idx').execute()
  await db.schema.dropIndex('sessions_review_due_idx').execute()
  for (const name of ['overdue_notified_at', 'due_at', 'more_request', 'more_requests', 'tags', 'decision_reasons']) {
    await db.schema.alterTable('sessions').dropColumn(name).execute()
  }
  await db.schema.dropTable('decision_reasons').execute()
}

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// The reviewer list reads a team's sessions of one mode (live or test). The list indexes of 0001 and
// 0003 began with team_id alone: a live list of a team holding many test sessions walked past every
// one of them. They now begin with (team_id, livemode), and replace the old ones (same count, so a
// session insert maintains no more indexes than before, apart from the applicant id's and the search's).
//
// The search (`q`, a prefix of the applicant's first or last name or email, any case) had no index:
// 0.4 s (PostgreSQL) to 2 s (SQLite) per page in a team of 100,000. One index per column on
// lower(column), in byte order (COLLATE "C" on PostgreSQL, SQLite's default), so that a prefix is a
// range of it (SessionsRepository.searchRanges). On PostgreSQL the indexes are built inside the
// migration's transaction, which holds writes to sessions while it runs (seconds per index at a
// million sessions): run `partner-api migrate` in a quiet moment on a large instance.
const SORTS = ['created_at', 'updated_at', 'status'] as const
const OLD = [
  ...SORTS.flatMap((s) => [`sessions_team_${s}_idx`, `sessions_team_reviewer_${s}_idx`]),
  'sessions_team_status_created_at_idx',
  'sessions_team_reviewer_status_created_at_idx',
  'sessions_team_status_updated_at_idx',
  'sessions_team_reviewer_status_updated_at_idx',
  'sessions_team_livemode_created_at_idx'
]
const SEARCH_COLUMNS = ['applicant_first_name', 'applicant_last_name', 'applicant_email'] as const

// `if not exists` throughout: SQLite runs migrations outside a transaction, so a process stopped
// half-way through these builds can run the migration again.
export async function up (db: Kysely<any>): Promise<void> {
  for (const name of OLD) await db.schema.dropIndex(name).ifExists().execute()
  for (const sort of SORTS) {
    await db.schema.createIndex(`sessions_list_${sort}_idx`).ifNotExists().on('sessions').columns(['team_id', 'livemode', sort, 'id']).execute()
    await db.schema.createIndex(`sessions_list_reviewer_${sort}_idx`).ifNotExists().on('sessions').columns(['team_id', 'livemode', 'reviewer_id', sort, 'id']).execute()
  }
  for (const sort of ['created_at', 'updated_at']) {
    await db.schema.createIndex(`sessions_list_status_${sort}_idx`).ifNotExists().on('sessions').columns(['team_id', 'livemode', 'status', sort, 'id']).execute()
    await db.schema.createIndex(`sessions_list_reviewer_status_${sort}_idx`).ifNotExists().on('sessions').columns(['team_id', 'livemode', 'reviewer_id', 'status', sort, 'id']).execute()
  }
  // A partner looks its own applicant up (applicantId): no longer a walk of the team, and the
  // default order (newest first) read straight from the index.
  await db.schema.createIndex('sessions_list_applicant_id_idx').ifNotExists().on('sessions').columns(['team_id', 'livemode', 'applicant_id', 'created_at', 'id']).execute()
  const collate = isPostgres(db) ? sql` collate "C"` : sql``
  for (const column of SEARCH_COLUMNS) {
    await sql`create index if not exists ${sql.id(`sessions_search_${column}_idx`)} on sessions (team_id, livemode, (lower(${sql.ref(column)}))${collate})`.execute(db)
  }
}

export async function down (db: Kysely<any>): Promise<void> {
  for (const column of SEARCH_COLUMNS) await db.schema.dropIndex(`sessions_search_${column}_idx`).execute()
  await db.schema.dropIndex('sessions_list_applicant_id_idx').execute()
  for (const sort of ['created_at', 'updated_at']) {
    await db.schema.dropIndex(`sessions_list_status_${sort}_idx`).execute()
    await db.schema.dropIndex(`sessions_list_reviewer_status_${sort}_idx`).execute()
  }
  for (const sort of SORTS) {
    await db.schema.dropIndex(`sessions_list_${sort}_idx`).execute()
    await db.schema.dropIndex(`sessions_list_reviewer_${sort}_idx`).execute()
  }
  for (const sort of SORTS) {
    await db.schema.createIndex(`sessions_team_${sort}_idx`).on('sessions').columns(['team_id', sort, 'id']).execute()
    await db.schema.createIndex(`sessions_team_reviewer_${sort}_idx`).on('sessions').columns(['team_id', 'reviewer_id', sort, 'id']).execute()
  }
  await db.schema.createIndex('sessions_team_status_created_at_idx').on('sessions').columns(['team_id', 'status', 'created_at', 'id']).execute()
  await db.schema.createIndex('sessions_team_reviewer_status_created_at_idx').on('sessions').columns(['team_id', 'reviewer_id', 'status', 'created_at', 'id']).execute()
  await db.schema.createIndex('sessions_team_status_updated_at_idx').on('sessions').columns(['team_id', 'status', 'updated_at', 'id']).execute()
  await db.schema.createIndex('sessions_team_reviewer_status_updated_at_idx').on('sessions').columns(['team_id', 'reviewer_id', 'status', 'updated_at', 'id']).execute()
  await db.schema.createIndex('sessions_team_livemode_created_at_idx').on('sessions').columns(['team_id', 'livemode', 'created_at', 'id']).execute()
}

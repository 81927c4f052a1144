import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// PostgreSQL: the search index (GIN over the search document's trigrams, migration 0012) also keys
// each session by the hour (UTC) it was created in, so that a search sorted by creation reads the
// matches of the last (or first) hours only, not every match of the table (issue 22). A GIN index
// answers in bitmaps with no order to stop in: for a page of 25, a last name 0.2% of a million
// sessions share read and checked its 2,222 matches (10 ms warm); the newest hours holding a page of
// them hold about 40.
//
// The hour column is btree_gin's (a trusted extension of contrib, as pg_trgm is), created in `public`
// when missing. The hour is `date_trunc('hour', created_at at time zone 'UTC')`: the explicit zone
// makes it immutable (created_at is timestamptz). Not the team: a GIN index ANDs its keys by stepping
// through their posting lists, and a team's is as long as the table (an applicant id's read went from
// 0.4 to 8 ms with it). One GIN index replaces 0012's: a search on the document alone reads the same
// trigram entries.
//
// SQLite: nothing (FTS5 gives its rowids in order, migration 0026).

/** The search document, as migration 0012 indexes it. */
function searchDocument () {
  const field = (column: string) => sql`coalesce(${sql.ref(`sessions.${column}`)}, '')`
  const sep = sql`E'\\x01\\x01'`
  return sql`lower(${sep} || ${field('applicant_first_name')} || ${sep} || ${field('applicant_last_name')} || ${sep} || ${field('applicant_email')} || ${sep} || ${field('applicant_id')} || E'\\x01')`
}

async function extensionSchema (db: Kysely<any>, name: string): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = ${name}`.execute(db)
  return rows[0]?.schema ?? null
}

export async function up (db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  // Extensions are the database's, shared by its schemas: migrations of two schemas at once take turns.
  await sql`select pg_advisory_xact_lock(hashtext('partner-api: create extension'))`.execute(db)
  if (await extensionSchema(db, 'btree_gin') === null) await sql`create extension if not exists btree_gin with schema public`.execute(db)
  const trgm = await extensionSchema(db, 'pg_trgm') ?? 'public'
  // Built inside the migration's transaction: writes to sessions wait while it runs (about 10 s at a million sessions).
  await sql`create index if not exists sessions_search_hour_idx on sessions using gin
    ((date_trunc('hour', created_at at time zone 'UTC')), (${searchDocument()}) ${sql.id(trgm)}.gin_trgm_ops)`.execute(db)
  await sql`drop index if exists sessions_search_idx`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  const trgm = await extensionSchema(db, 'pg_trgm') ?? 'public'
  await sql`create index if not exists sessions_search_idx on sessions using gin ((${searchDocument()}) ${sql.id(trgm)}.gin_trgm_ops)`.execute(db)
  await sql`drop index if exists sessions_search_hour_idx`.execute(db)
}

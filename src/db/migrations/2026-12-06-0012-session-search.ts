import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// The reviewer list's search (`q`) through the database's own text search, and fewer indexes on
// sessions (issue 22).
//
// Search: a substring of three characters or more of the applicant's first name, last name, email or
// applicant id matches (any ASCII case); a shorter term matches the start of one of them. The four
// fields are indexed as one document, each preceded by two U+0001 and the last followed by one, so
// that a term (which never holds U+0001) cannot match across two fields, and the start of a field is
// a trigram of its own: "\u0001\u0001m" for a one-character prefix, "\u0001ma" for two.
// - SQLite: an FTS5 table with the trigram tokenizer, contentless (the text lives in sessions only),
//   kept in step by triggers in the transaction of every insert, update of those fields (redaction
//   empties them, and the document with them) and delete.
// - PostgreSQL: a GIN index of pg_trgm over the same document (an expression, kept by PostgreSQL).
//   pg_trgm is a trusted extension (any user allowed to create in the database may add it); it is
//   created in `public` when missing, and its operator class named by the schema it is in.
//
// Indexes dropped (17 -> 12 on SQLite, 18 -> 14 on PostgreSQL, the primary key counted): the three
// lower(column) prefix indexes of 0010 (the search index replaces them) and the two (team, mode
// [, reviewer], status, id) indexes of the status sort: sortBy=status now orders by status, then
// created_at and id, which the status filter's (team, mode[, reviewer], status, created_at, id)
// indexes serve. And events' (team_id, id) of 0001: every read of a team's events names its mode too,
// which (team_id, livemode, id) of 0008 serves; every session change writes an event.
const DROPPED = [
  'sessions_search_applicant_first_name_idx',
  'sessions_search_applicant_last_name_idx',
  'sessions_search_applicant_email_idx',
  'sessions_list_status_idx',
  'sessions_list_reviewer_status_idx'
]

/** The search document of a sessions row (`row` = new or old in a trigger, or the table), lower-cased (ASCII, as SQLite's lower). Migration 0029 indexes the same document. */
export function searchDocument (row: string, pg: boolean) {
  const field = (column: string) => sql`coalesce(${sql.ref(`${row}.${column}`)}, '')`
  const sep = pg ? sql`E'\\x01\\x01'` : sql`char(1, 1)`
  const end = pg ? sql`E'\\x01'` : sql`char(1)`
  return sql`lower(${sep} || ${field('applicant_first_name')} || ${sep} || ${field('applicant_last_name')} || ${sep} || ${field('applicant_email')} || ${sep} || ${field('applicant_id')} || ${end})`
}

const SEARCHED = ['applicant_first_name', 'applicant_last_name', 'applicant_email', 'applicant_id']
/** Whether the row has any searched field (a row with none has no document). */
export const anySearched = (row: string) => sql.join(SEARCHED.map((c) => sql`${sql.ref(`${row}.${c}`)} is not null`), sql` or `)

export async function up (db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    let schema = await trgmSchema(db)
    if (schema === null) {
      await sql`create extension if not exists pg_trgm with schema public`.execute(db)
      schema = await trgmSchema(db) ?? 'public'
    }
    // Built inside the migration's transaction: writes to sessions wait while it runs (seconds at a million sessions).
    await sql`create index if not exists sessions_search_idx on sessions using gin ((${searchDocument('sessions', true)}) ${sql.id(schema)}.gin_trgm_ops)`.execute(db)
  } else {
    await sql`create virtual table if not exists sessions_search using fts5(doc, tokenize = 'trigram case_sensitive 1', content = '', contentless_delete = 1)`.execute(db)
    await sql`create trigger if not exists sessions_search_insert after insert on sessions when ${anySearched('new')} begin
      insert into sessions_search (rowid, doc) values (new.id, ${searchDocument('new', false)}); end`.execute(db)
    await sql`create trigger if not exists sessions_search_update after update of applicant_first_name, applicant_last_name, applicant_email, applicant_id on sessions begin
      delete from sessions_search where rowid = old.id;
      insert into sessions_search (rowid, doc) select new.id, ${searchDocument('new', false)} where ${anySearched('new')}; end`.execute(db)
    await sql`create trigger if not exists sessions_search_delete after delete on sessions begin
      delete from sessions_search where rowid = old.id; end`.execute(db)
    // Rebuilt from the table, so that a migration stopped half-way can run again.
    await sql`delete from sessions_search`.execute(db)
    await sql`insert into sessions_search (rowid, doc) select id, ${searchDocument('sessions', false)} from sessions where ${anySearched('sessions')}`.execute(db)
  }
  for (const name of DROPPED) await db.schema.dropIndex(name).ifExists().execute()
  await db.schema.dropIndex('events_team_id_idx').ifExists().execute()
}

export async function down (db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('events_team_id_idx').ifNotExists().on('events').columns(['team_id', 'id']).execute()
  const collate = isPostgres(db) ? sql` collate "C"` : sql``
  for (const column of ['applicant_first_name', 'applicant_last_name', 'applicant_email']) {
    await sql`create index if not exists ${sql.id(`sessions_search_${column}_idx`)} on sessions (team_id, livemode, (lower(${sql.ref(column)}))${collate})`.execute(db)
  }
  await db.schema.createIndex('sessions_list_status_idx').ifNotExists().on('sessions').columns(['team_id', 'livemode', 'status', 'id']).execute()
  await db.schema.createIndex('sessions_list_reviewer_status_idx').ifNotExists().on('sessions').columns(['team_id', 'livemode', 'reviewer_id', 'status', 'id']).execute()
  if (isPostgres(db)) {
    await sql`drop index if exists sessions_search_idx`.execute(db)
  } else {
    for (const t of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.id(`sessions_search_${t}`)}`.execute(db)
    await sql`drop table if exists sessions_search`.execute(db)
  }
}

async function trgmSchema (db: Kysely<any>): Promise<string | null> {
  const { rows } = await sql<{ schema: string }>`select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db)
  return rows[0]?.schema ?? null
}

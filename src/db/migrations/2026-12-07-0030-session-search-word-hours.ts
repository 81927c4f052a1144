import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'
import { searchDocument } from './2026-12-06-0012-session-search.js'

// PostgreSQL: the word index (0029) also keys each word of a session by the hour (UTC) it was created
// in, so that a term's newest (or oldest) matches are read through its word hour by hour, each hour a
// lookup of one key, not the table's sessions of those hours (issue 22, item 2). A last name 0.2% of a
// million sessions share ("kowalski-ga12", its word "ga12"): its page sorted by creation was read
// through its trigrams and the hours of 0027's index, whose range scan put the 52,711 sessions of the
// last 15 hours in a bitmap (0.8 ms) to keep about 40; through "_<hour>_ga12" for each of those hours
// it reads the 40 alone.
// - Each word w of the document (0029's: runs of a-z and 0-9) is indexed twice: as w, and as
//   "_<h>_w", h the creation hour counted from 1970 (UTC). A word's lexemes start with a letter or a
//   digit, an hour's with "_": a word's prefix query ("ga12:*") never reads an hour's lexemes.
// - One GIN index in place of 0029's, built from the same expression with the hour's lexemes added
//   (regexp_replace writes "w _<h>_w" for each word, then the document is split on spaces).
// - The hour is immutable: created_at at time zone 'UTC' is a timestamp without zone, its epoch fixed.
// SQLite: nothing (its FTS5 tables give rowids in order: a page sorted by creation reads in id order, 0026).

/** The document's words and their hour's lexemes as a tsvector (the index's expression); `row` names the table or its alias. */
export function searchWordHours (row: string) {
  const hour = sql`floor(extract(epoch from ${sql.ref(`${row}.created_at`)} at time zone 'UTC') / 3600)::bigint::text`
  const spaced = sql`regexp_replace(${searchDocument(row, true)}, '[^a-z0-9]+', ' ', 'g')`
  return sql`array_to_tsvector(array_remove(regexp_split_to_array(regexp_replace(${spaced}, '[a-z0-9]+', '\\& _' || ${hour} || '_\\&', 'g'), ' '), ''))`
}

export async function up (db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  // Built inside the migration's transaction: writes to sessions wait while it runs.
  await sql`create index if not exists sessions_search_word_hours_idx on sessions using gin ((${searchWordHours('sessions')}))`.execute(db)
  await sql`drop index if exists sessions_search_words_idx`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return
  await sql`create index if not exists sessions_search_words_idx on sessions using gin
    ((array_to_tsvector(array_remove(regexp_split_to_array(${searchDocument('sessions', true)}, '[^a-z0-9]+'), ''))))`.execute(db)
  await sql`drop index if exists sessions_search_word_hours_idx`.execute(db)
}

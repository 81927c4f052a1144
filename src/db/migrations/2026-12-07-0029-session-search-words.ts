import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'
import { anySearched, searchDocument } from './2026-12-06-0012-session-search.js'

// A word index of the search document besides its trigrams (issue 22, item 2: a rare term at a
// million sessions). A word is a run of ASCII letters and digits. A term holding a word with a
// separator before it in the term (a character that is neither an ASCII letter nor an ASCII digit,
// "-" in "ap-00000777") matches only documents with a word starting with it (ending there too when a
// separator follows it in the term). That word's documents are read through this index: an entry
// lookup, whatever the table's size. Through the trigrams, "ap-00000777" sent 1,432 candidates
// ("0777") to the check at a million sessions (2.3 ms), because the thousand trigrams of ten digits
// hold a thousandth of the table each; through its word "00000777" it sends one (0.14 ms).
// Terms with no such word (one word, "sofia" or "0777") read the trigrams as before.
// - SQLite: an FTS5 table with the `ascii` tokenizer (ASCII letters and digits make words; any other
//   ASCII character separates them; ASCII case folded), contentless, kept by triggers in the
//   transaction of every insert, update of the searched fields (redaction empties it) and delete,
//   as sessions_search (0012). Non-ASCII characters belong to words here: the read only ever asks for
//   a word's ASCII start, which a longer word still starts with.
// - PostgreSQL: a GIN index of the document's words as a tsvector: the lower-cased document (0012's
//   expression) split on every character but a-z and 0-9, as lexemes as they are (array_to_tsvector:
//   no parser, no dictionary). A word's start is a prefix query (`word:*`).

export async function up (db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    // Built inside the migration's transaction: writes to sessions wait while it runs.
    await sql`create index if not exists sessions_search_words_idx on sessions using gin
      ((array_to_tsvector(array_remove(regexp_split_to_array(${searchDocument('sessions', true)}, '[^a-z0-9]+'), ''))))`.execute(db)
    return
  }
  await sql`create virtual table if not exists sessions_words using fts5(doc, tokenize = 'ascii', content = '', contentless_delete = 1)`.execute(db)
  await sql`create trigger if not exists sessions_words_insert after insert on sessions when ${anySearched('new')} begin
    insert into sessions_words (rowid, doc) values (new.id, ${searchDocument('new', false)}); end`.execute(db)
  await sql`create trigger if not exists sessions_words_update after update of applicant_first_name, applicant_last_name, applicant_email, applicant_id on sessions begin
    delete from sessions_words where rowid = old.id;
    insert into sessions_words (rowid, doc) select new.id, ${searchDocument('new', false)} where ${anySearched('new')}; end`.execute(db)
  await sql`create trigger if not exists sessions_words_delete after delete on sessions begin
    delete from sessions_words where rowid = old.id; end`.execute(db)
  // Rebuilt from the table, so that a migration stopped half-way can run again.
  await sql`delete from sessions_words`.execute(db)
  await sql`insert into sessions_words (rowid, doc) select id, ${searchDocument('sessions', false)} from sessions where ${anySearched('sessions')}`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index if exists sessions_search_words_idx`.execute(db)
    return
  }
  for (const t of ['insert', 'update', 'delete']) await sql`drop trigger if exists ${sql.id(`sessions_words_${t}`)}`.execute(db)
  await sql`drop table if exists sessions_words`.execute(db)
}

import { sql, type Kysely } from 'kysely'
import { isPostgres } from '../dialect.js'

// How far sessions' creation times stray from their ids' order (SQLite), so a search can read its
// matches from the search index in id order (FTS5 reads its rowids in order and stops at the page)
// and still answer in the list's order, created_at then id (issue 22).
//
// One row: the largest id and created_at inserted so far, and `lag_ms`, the most a session's
// created_at was ever below the largest created_at of the sessions inserted before it (0 when the
// table is in order: created_at never decreases with the id). A row created at t with a larger id
// than a row created at t' > t shows that two creations crossed (the time is taken before the
// insert); the reader then also reads the rows within lag_ms of its page's edges. A created_at that
// is changed or not written as toISOString writes it, or an id below the largest one inserted, makes
// lag_ms infinite (the reader then searches as before). Kept by a trigger in the transaction of every insert.
//
// PostgreSQL has no such row: its search index (GIN over trigrams) has no order to read in.
export const UNBOUNDED_LAG_MS = 1e18

/** created_at as the service writes it (toISOString): only then is its text order its time order. */
const ISO = sql.lit('[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z')

/**
 * session_order's row computed from the sessions stored (id, max_id, max_created_at, lag_ms): the
 * migration's backfill, and `partner-api search order --recompute` after lag_ms went unbounded.
 */
export function sessionOrderOfStored () {
  return sql`select 1, coalesce(max(id), 0), coalesce(max(created_at), ''),
      coalesce(max(case when created_at not glob ${ISO} then ${sql.lit(UNBOUNDED_LAG_MS)} when before > created_at
        then coalesce((julianday(before) - julianday(created_at)) * 86400000.0, ${sql.lit(UNBOUNDED_LAG_MS)}) end), 0)
    from (select id, created_at, max(created_at) over (order by id rows between unbounded preceding and 1 preceding) as before from sessions)`
}

export async function up (db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  await sql`create table session_order (
    id integer primary key check (id = 1),
    max_id integer not null,
    max_created_at text not null,
    lag_ms real not null
  )`.execute(db)
  // The sessions already stored: each one's distance below the largest created_at before it.
  await sql`insert into session_order (id, max_id, max_created_at, lag_ms) ${sessionOrderOfStored()}`.execute(db)
  await sql`create trigger session_order_insert after insert on sessions begin
    update session_order set
      lag_ms = case
        when new.id <= max_id or new.created_at not glob ${ISO} then ${sql.lit(UNBOUNDED_LAG_MS)}
        when new.created_at < max_created_at
          then max(lag_ms, coalesce((julianday(max_created_at) - julianday(new.created_at)) * 86400000.0, ${sql.lit(UNBOUNDED_LAG_MS)}))
        else lag_ms end,
      max_id = max(max_id, new.id),
      max_created_at = max(max_created_at, new.created_at)
    where id = 1; end`.execute(db)
  await sql`create trigger session_order_update after update of created_at, id on sessions
    when new.created_at is not old.created_at or new.id is not old.id begin
    update session_order set lag_ms = ${sql.lit(UNBOUNDED_LAG_MS)} where id = 1; end`.execute(db)
}

export async function down (db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return
  await sql`drop trigger if exists session_order_update`.execute(db)
  await sql`drop trigger if exists session_order_insert`.execute(db)
  await sql`drop table if exists session_order`.execute(db)
}

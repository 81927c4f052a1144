import { createHash } from 'node:crypto'
import type pg from 'pg'

/**
 * Named prepared statements on one PostgreSQL connection (issue 22, item 4). Kysely sends every query
 * unnamed, which PostgreSQL parses and plans each time: for the service's typical statements the
 * planning took 2 to 10 times their execution (bench/pg-planning.js). A statement with parameters is
 * prepared once per connection under a name derived from its text, then only bound and executed.
 *
 * - Bounded: at most `max` statements per connection, the least recently used deallocated beyond.
 * - Not prepared: statements without parameters (begin, commit, DDL) and searches (`like`), whose
 *   best plan depends on the pattern: a generic plan could read a whole GIN posting list for a term
 *   a tenth of the sessions share. A search whose plan cannot depend on its pattern starts with
 *   PREPARE_SEARCH (a comment) and is prepared: the reviewer list's word read from the last hours,
 *   whose index condition is computed by the statement itself and whose LIKE only filters the rows
 *   read (its planning took 0.5 ms a call, as long as its execution).
 * - A migration adding a column while this process runs (a rolling upgrade) makes PostgreSQL refuse a
 *   prepared statement whose result is every column (`select *`, `t.*`, `returning *`) with "cached
 *   plan must not change result type" (0A000). Outside a transaction the connection then forgets
 *   every statement it prepared (a new generation of names; the old ones deallocated at the next
 *   statement outside a transaction) and runs the query again unnamed, so the request never sees it.
 *   Inside one the error would abort the transaction and fail the request (it did: 503, once per
 *   connection), so there such statements are sent unnamed; those naming their columns are prepared
 *   (a migration changing a column's type under one of them still aborts its transaction: 503 with
 *   Retry-After, once per connection).
 */
/** The start of a search (`like`) statement that may be prepared: its plan does not depend on the pattern. */
export const PREPARE_SEARCH = '/* prepared search */ '

/** A statement whose result is every column of a table: its result type changes when a migration adds one. */
const EVERY_COLUMN = /(\bselect\s+\*|\.\*|\breturning\s+\*)/i

export function prepareStatements (client: pg.ClientBase, max: number): void {
  const query = client.query.bind(client) as (...args: unknown[]) => Promise<pg.QueryResult>
  // pg's own record of what this connection has parsed (name -> text): an evicted name must leave it too.
  const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements ?? {}
  const names = new Map<string, string>() // text -> name, least recently used first
  let generation = 0
  let inTransaction = false
  let stale = false

  const forget = (name: string) => { delete parsed[name] }

  const prepared = async (text: string, values: unknown[]): Promise<pg.QueryResult> => {
    if (stale && !inTransaction) {
      stale = false
      void query('deallocate all').catch(() => {})
      for (const name of Object.keys(parsed)) if (name.startsWith('pa_')) forget(name)
    }
    let name = names.get(text)
    if (name !== undefined) {
      names.delete(text)
    } else {
      name = `pa_${generation}_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`
      if (names.size >= max) {
        const [oldText, oldName] = names.entries().next().value as [string, string]
        names.delete(oldText)
        forget(oldName)
        void query(`deallocate ${oldName}`).catch(() => {})
      }
    }
    names.set(text, name)
    try {
      return await query({ name, text, values })
    } catch (err) {
      if (!isCachedPlanChange(err)) throw err
      names.clear()
      generation++
      stale = true
      // Inside a transaction PostgreSQL has aborted it: the request answers 503 and its retry runs on
      // fresh statements (only a column's type changed under a statement naming its columns gets here).
      if (inTransaction) throw err
      return await query(text, values)
    }
  }

  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    if (typeof config === 'string') {
      if (/^\s*(begin|start transaction)\b/i.test(config)) inTransaction = true
      else if (/^\s*(commit|rollback|end)\s*$/i.test(config)) inTransaction = false
      if (Array.isArray(values) && values.length > 0 && callback === undefined && (config.startsWith(PREPARE_SEARCH) || !/\blike\b/i.test(config)) && !(inTransaction && EVERY_COLUMN.test(config))) return prepared(config, values)
    }
    return query(config, values, callback)
  }) as typeof client.query
}

/** PostgreSQL refusing a prepared statement whose result columns changed under it (a migration ran meanwhile). */
export function isCachedPlanChange (err: unknown): boolean {
  return err !== null && typeof err === 'object' && (err as { code?: unknown }).code === '0A000' &&
    /cached plan must not change result type/.test(String((err as { message?: unknown }).message))
}

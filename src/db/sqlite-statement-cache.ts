import type BetterSqlite3 from 'better-sqlite3'
import type { SqliteDatabase, SqliteStatement } from 'kysely'

/** How many distinct SQL texts keep a prepared statement; Kysely's queries come in a few hundred shapes. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 500

export interface CachedSqliteDatabase extends SqliteDatabase {
  /** Statements currently cached (for tests and metrics). */
  readonly cachedStatements: number
}

/**
 * The better-sqlite3 database as Kysely's SqliteDriver sees it, with `prepare` served from an LRU cache
 * keyed by SQL text. The driver prepares every query on every call; preparing costs about as much as
 * running a point read (11% of the reviewer list's CPU profile, issue 12).
 *
 * Reuse is safe: a better-sqlite3 statement binds its parameters per call and resets after `all`/`run`,
 * and SQLite re-prepares it by itself after a schema change. Its `reader` flag is fixed by its SQL, so
 * the driver's choice between `all` and `run` is unchanged. The one statement that cannot be shared
 * is one still busy (an unfinished `iterate` of a streamed query): then a fresh, uncached one is
 * prepared. Only the driver sees this wrapper; the database's own `pragma`, `exec` and `prepare`
 * (used by the CLI and tests) are untouched.
 */
export function withStatementCache (sqlite: BetterSqlite3.Database, maxSize = DEFAULT_STATEMENT_CACHE_SIZE): CachedSqliteDatabase {
  if (maxSize <= 0) return { prepare: (sql) => sqlite.prepare(sql), close: () => sqlite.close(), cachedStatements: 0 }
  // A Map iterates in insertion order: deleting and re-inserting on a hit keeps the least recently
  // used statement first, which is the one evicted.
  const cache = new Map<string, BetterSqlite3.Statement>()
  return {
    prepare (sql: string): SqliteStatement {
      const cached = cache.get(sql)
      if (cached !== undefined) {
        if (cached.busy) return sqlite.prepare(sql)
        cache.delete(sql)
        cache.set(sql, cached)
        return cached
      }
      const stmt = sqlite.prepare(sql)
      cache.set(sql, stmt)
      // Evicted statements are finalised by V8's collector (better-sqlite3 has no explicit finalize).
      if (cache.size > maxSize) cache.delete(cache.keys().next().value as string)
      return stmt
    },
    close (): void {
      cache.clear()
      sqlite.close()
    },
    get cachedStatements () { return cache.size }
  }
}

import { sql, type CompiledQuery, type Kysely, type KyselyPlugin } from 'kysely'
import type { Db } from '../../src/db/database.js'
import type { Database } from '../../src/db/types.js'

/**
 * A compiled query's plan, a line each: SQLite's `explain query plan` details, or PostgreSQL's
 * `explain` with sequential scans priced out (a test's tables are too small to need an index).
 */
export async function planOf (db: Db, query: CompiledQuery): Promise<string[]> {
  const k = db.kysely
  if (db.dialect === 'sqlite') return (await k.executeQuery<{ detail: string }>({ ...query, sql: `explain query plan ${query.sql}` })).rows.map((r) => r.detail)
  return await k.connection().execute(async (c) => {
    await sql`set enable_seqscan = off`.execute(c)
    try {
      return (await c.executeQuery<{ 'QUERY PLAN': string }>({ ...query, sql: `explain ${query.sql}` })).rows.map((r) => r['QUERY PLAN'])
    } finally {
      await sql`reset enable_seqscan`.execute(c)
    }
  })
}

/** The database's Kysely with a plugin keeping every query it sends, compiled (in `sent`). */
export function capturing (db: Db): { kysely: Kysely<Database>, sent: CompiledQuery[] } {
  const k = db.kysely
  const sent: CompiledQuery[] = []
  const plugin: KyselyPlugin = {
    transformQuery: (args) => { sent.push(k.getExecutor().compileQuery(args.node, args.queryId)); return args.node },
    transformResult: async (args) => args.result
  }
  return { kysely: k.withPlugin(plugin) as Kysely<Database>, sent }
}

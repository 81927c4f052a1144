import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { CamelCasePlugin, CompiledQuery, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Driver } from 'kysely'
import type { Database } from './types.js'
import type { DialectName } from './dialect.js'
import { migrationProvider } from './migrations/index.js'
import { withStatementCache } from './sqlite-statement-cache.js'

export interface Db {
  kysely: Kysely<Database>
  dialect: DialectName
  /** Answers whether the database can be queried (readiness). */
  ping: () => Promise<boolean>
  close: () => Promise<void>
}

export interface DatabaseOptions {
  databaseUrl: string | null
  dataDir: string
  /** SQLite file name under dataDir, or ':memory:'. */
  sqliteFile?: string
  /** PostgreSQL schema to use (created when missing); tests give each app its own. */
  pgSchema?: string
  pgPoolSize?: number
  /** SQLite prepared statements kept for reuse (default 500; 0 prepares every query afresh). */
  sqliteStatementCacheSize?: number
}

// Driver type parsing, pinned here so both dialects hand repositories the same shapes:
// - int8 (COUNT(*), bigint columns) as a JS number: our counts and unix seconds fit in 2^53;
// - timestamptz as an ISO 8601 string, which is how SQLite stores it and how the API prints it;
// - json/jsonb as raw text, which is what SQLite returns, so one JSON.parse path serves both.
const PG_INT8 = 20
const PG_TIMESTAMPTZ = 1184
const PG_JSON = 114
const PG_JSONB = 3802
const pgTypes = {
  getTypeParser (oid: number, format?: any) {
    if (oid === PG_INT8) return (v: string) => Number(v)
    if (oid === PG_TIMESTAMPTZ) return (v: string) => new Date(v).toISOString()
    if (oid === PG_JSON || oid === PG_JSONB) return (v: string) => v
    return pg.types.getTypeParser(oid, format)
  }
}

/**
 * SQLite transactions that take the write lock when they begin (BEGIN IMMEDIATE), waiting for it up to
 * busy_timeout. Every transaction here writes; begun DEFERRED, one that reads first holds a snapshot,
 * and if another process (the command) commits meanwhile, SQLite refuses the upgrade to a write with
 * SQLITE_BUSY_SNAPSHOT at once, without waiting: the request fails.
 */
class ImmediateSqliteDialect extends SqliteDialect {
  override createDriver (): Driver {
    const driver = super.createDriver()
    driver.beginTransaction = async (connection) => {
      await connection.executeQuery(CompiledQuery.raw('begin immediate'))
    }
    return driver
  }
}

function wrap (kysely: Kysely<Database>, dialect: DialectName): Db {
  return {
    kysely,
    dialect,
    ping: async () => {
      try { await sql`select 1`.execute(kysely); return true } catch { return false }
    },
    close: async () => { await kysely.destroy() }
  }
}

export function createDatabase (options: DatabaseOptions): Db {
  const plugins = [new CamelCasePlugin()]
  if (options.databaseUrl) {
    const schema = options.pgSchema
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      types: pgTypes,
      connectionTimeoutMillis: 5000,
      ...(schema ? { options: `-c search_path=${schema}` } : {})
    })
    // An idle client losing its server must not crash the process; the next query reports it.
    pool.on('error', () => {})
    return wrap(new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins }), 'postgres')
  }

  const file = options.sqliteFile ?? 'partner-api.sqlite'
  let path = file
  if (file !== ':memory:') {
    mkdirSync(options.dataDir, { recursive: true })
    path = join(options.dataDir, file)
  }
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  // The CLI writes while the service runs: wait for the other writer instead of failing.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  return wrap(new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: withStatementCache(sqlite, options.sqliteStatementCacheSize) }), plugins }), 'sqlite')
}

/** Creates the PostgreSQL schema named by pgSchema, if any (tests isolate each app this way). */
export async function ensurePgSchema (databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try { await client.query(`create schema if not exists ${schema}`) } finally { await client.end() }
}

export async function dropPgSchema (databaseUrl: string, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${schema}`)
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try { await client.query(`drop schema if exists ${schema} cascade`) } finally { await client.end() }
}

export async function migrateToLatest (db: Db): Promise<string[]> {
  // Unless told which schema, Kysely's Migrator takes migration tables found in ANY schema for its own:
  // on a PostgreSQL database shared with another Kysely user (or another schema of ours) it would find
  // theirs, skip creating ours, and fail or believe us migrated. Pin it to the schema we write to.
  const migrationTableSchema = db.dialect === 'postgres'
    ? (await sql<{ current: string | null }>`select current_schema() as current`.execute(db.kysely)).rows[0]?.current ?? undefined
    : undefined
  const migrator = new Migrator({ db: db.kysely, provider: migrationProvider, migrationTableSchema })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

import { createHash } from 'node:crypto'
import { join, resolve } from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Driver, type SqliteDialectConfig } from 'kysely'
import type { Database } from './types.js'
import type { DialectName } from './dialect.js'
import { ensurePrivateDir, ensurePrivateFile } from '../lib/data-dir.js'
import { migrationProvider } from './migrations/index.js'
import { withStatementCache } from './sqlite-statement-cache.js'
import { DEFAULT_SQLITE_GROUP_COMMIT, withGroupCommit } from './sqlite-group-commit.js'
import { withRequestTransactions, type RequestTransaction } from './request-transaction.js'
import { isCachedPlanChange, prepareStatements } from './pg-prepared.js'

export interface Db {
  kysely: Kysely<Database>
  dialect: DialectName
  /** Answers whether the database can be queried (readiness). */
  ping: () => Promise<boolean>
  /** A transaction around a request's whole work (RequestTransaction): its queries in `run` go to it. */
  requestTransaction: () => RequestTransaction
  close: () => Promise<void>
}

/** The SQLite database's file under DATA_DIR. */
export const SQLITE_FILE = 'partner-api.sqlite'

export interface DatabaseOptions {
  databaseUrl: string | null
  dataDir: string
  /** SQLite file name under dataDir, or ':memory:'. */
  sqliteFile?: string
  /** PostgreSQL schema to use (created when missing); tests give each app its own. */
  pgSchema?: string
  pgPoolSize?: number
  /** Server-side limit on every PostgreSQL statement, ms (statement_timeout); unset = none. */
  pgStatementTimeoutMs?: number
  /** How long PostgreSQL keeps a session idle inside a transaction before ending it, ms; unset = forever. */
  pgIdleTxTimeoutMs?: number
  /** application_name of the pool's connections, as seen in pg_stat_activity. */
  pgApplicationName?: string
  /** PostgreSQL named prepared statements kept per connection (default 200; 0 sends every query unnamed, see pg-prepared.ts). */
  pgPreparedStatements?: number
  /** SQLite prepared statements kept for reuse (default 500; 0 prepares every query afresh). */
  sqliteStatementCacheSize?: number
  /** SQLite transactions sharing one COMMIT at most (default 64; 0 or 1 commits each alone, see sqlite-group-commit.ts). */
  sqliteGroupCommit?: number
}

// Driver type parsing, pinned here so both dialects hand repositories the same shapes:
// - int8 (COUNT(*), bigint columns) as a JS number: our counts and unix seconds fit in 2^53;
// - timestamptz as an ISO 8601 string, which is how SQLite stores it and how the API prints it;
// - json/jsonb as raw text, which is what SQLite returns, so one JSON.parse path serves both.
const PG_INT8 = 20
const PG_TIMESTAMPTZ = 1184
const PG_JSON = 114
const PG_JSONB = 3802
/** PostgreSQL's text of a timestamptz in UTC (DateStyle ISO, TimeZone UTC): date, time, up to six decimals, "+00". */
const PG_UTC_TIMESTAMPTZ = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?\+00$/

/**
 * A timestamptz as PostgreSQL prints it, as an ISO 8601 string in milliseconds (as SQLite stores it):
 * read from the text itself when the session prints UTC (five times quicker than Date's parser, and
 * a list page holds dozens), else through Date (another zone, or another DateStyle). The same as
 * Date's answer from year 100 on; before it Date reads the year as two digits (0050 as 1950), the
 * text as it is.
 */
export function isoOfPgTimestamptz (v: string): string {
  const m = PG_UTC_TIMESTAMPTZ.exec(v)
  if (m === null) return new Date(v).toISOString()
  return `${m[1]}T${m[2]}.${m[3] === undefined ? '000' : (m[3] + '00').slice(0, 3)}Z`
}

/**
 * Kysely's CamelCasePlugin with a quicker row mapping for flat rows (every value a scalar or null:
 * the rows of this service): a loop, not a reduce testing each value for an object. A row holding an
 * object or an array is mapped by the plugin's own code.
 */
export class RowsCamelCasePlugin extends CamelCasePlugin {
  protected override mapRow (row: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {}
    for (const key of Object.keys(row)) {
      const value = row[key]
      if (value !== null && typeof value === 'object') return super.mapRow(row)
      out[this.camelCase(key)] = value
    }
    return out
  }
}

const pgTypes = {
  getTypeParser (oid: number, format?: any) {
    if (oid === PG_INT8) return (v: string) => Number(v)
    if (oid === PG_TIMESTAMPTZ) return isoOfPgTimestamptz
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
  requestTransaction: (() => RequestTransaction) | null = null
  constructor (config: SqliteDialectConfig, private readonly sqlite: SQLite.Database, private readonly groupCommit: number,
    private readonly alone: () => boolean) { super(config) }

  override createDriver (): Driver {
    const driver = super.createDriver()
    // Transactions begin with BEGIN IMMEDIATE, alone or as savepoints of a group (sqlite-group-commit.ts).
    withGroupCommit(driver, () => this.sqlite.inTransaction, this.groupCommit, this.alone)
    this.requestTransaction = withRequestTransactions(driver)
    return driver
  }
}

// A database fault is told apart from a client's by where it was raised: errno codes such as
// ECONNRESET also come from a client hanging up mid-body, so they count only on errors the database
// layer tagged. SQLSTATE and SQLite codes, and the drivers' own messages, say so by themselves.
const DATABASE_ERROR = Symbol('partner-api.database-error')
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])
// 57P01..57P05 admin/crash shutdown, cannot connect now, idle session timeout; 53300 too many
// connections; 08xxx connection exceptions; 25P03 idle_in_transaction_session_timeout.
const PG_UNAVAILABLE = /^(57P0[1-5]|53300|08...|25P03)$/
const PG_QUERY_CANCELED = '57014' // statement_timeout
const SQLITE_UNAVAILABLE = new Set(['SQLITE_BUSY', 'SQLITE_CANTOPEN', 'SQLITE_IOERR', 'SQLITE_FULL'])
// pg's own client-side query_timeout (the server or the network hung past statement_timeout).
const PG_CLIENT_TIMEOUT = 'Query read timeout'
const DRIVER_MESSAGES = /^(Connection terminated|Client was closed and is not queryable|Client has encountered a connection error|timeout exceeded when trying to connect|Cannot use a pool after calling end|driver has already been destroyed|Postgres connection has been discarded)/

function tagged<T> (err: T): T {
  if (err !== null && typeof err === 'object' && !Object.isFrozen(err)) {
    Object.defineProperty(err, DATABASE_ERROR, { value: true, enumerable: false })
  }
  return err
}

/**
 * Why the database could not serve a query, when it is the database's fault: 'unavailable' (down,
 * unreachable, connection lost, busy) or 'timeout' (statement_timeout cut the query); null for
 * anything else, including a client's connection reset.
 */
export function databaseFault (err: unknown): 'unavailable' | 'timeout' | null {
  if (err === null || typeof err !== 'object') return null
  const { code, message } = err as { code?: unknown, message?: unknown }
  if (typeof code === 'string') {
    if (code === PG_QUERY_CANCELED) return 'timeout'
    if (PG_UNAVAILABLE.test(code)) return 'unavailable'
    if (SQLITE_UNAVAILABLE.has(code)) return 'unavailable'
    if (NETWORK_CODES.has(code) && (err as any)[DATABASE_ERROR]) return 'unavailable'
  }
  if (message === PG_CLIENT_TIMEOUT && (err as any)[DATABASE_ERROR]) return 'timeout'
  if (typeof message === 'string' && DRIVER_MESSAGES.test(message)) return 'unavailable'
  // A prepared statement outlived a migration inside a transaction (pg-prepared.ts): the retry succeeds.
  if (isCachedPlanChange(err)) return 'unavailable'
  return null
}

/** PostgreSQL through a pool whose every error, connecting or querying, is tagged as the database's. */
class TaggingPostgresDialect extends PostgresDialect {
  requestTransaction: (() => RequestTransaction) | null = null
  override createDriver (): Driver {
    const driver = super.createDriver()
    const acquire = driver.acquireConnection.bind(driver)
    const wrapped = new WeakSet<object>()
    driver.acquireConnection = async () => {
      let connection: Awaited<ReturnType<Driver['acquireConnection']>>
      try { connection = await acquire() } catch (err) { throw tagged(err) }
      if (!wrapped.has(connection)) {
        // Transactions' begin/commit/rollback go through executeQuery too.
        const execute = connection.executeQuery.bind(connection)
        connection.executeQuery = async (query) => {
          try { return await execute(query) } catch (err) { throw tagged(err) }
        }
        wrapped.add(connection)
      }
      return connection
    }
    this.requestTransaction = withRequestTransactions(driver)
    return driver
  }
}

function wrap (kysely: Kysely<Database>, dialect: DialectName, driver: ImmediateSqliteDialect | TaggingPostgresDialect): Db {
  const requestTransaction = driver.requestTransaction
  if (requestTransaction === null) throw new Error('the dialect created no driver')
  return {
    kysely,
    dialect,
    requestTransaction,
    ping: async () => {
      try { await sql`select 1`.execute(kysely); return true } catch { return false }
    },
    close: async () => { await kysely.destroy() }
  }
}

/** Margin of the client-side query_timeout over statement_timeout, ms: the server's own cancel (57014) answers first when it can. */
export const PG_CLIENT_TIMEOUT_MARGIN_MS = 2000

const HUNG = Symbol('partner-api.pg-client-hung')
const UNLIMITED = 'set statement_timeout = 0'
const LIMITED = 'reset statement_timeout'

/**
 * The pool as Kysely sees it: a client whose query hit pg's query_timeout still has that query in
 * flight (the server or the network hung), so it is destroyed on release instead of going back to
 * the pool, where the next request would queue behind the hung query.
 */
function destroyingHungClients (pool: pg.Pool) {
  return {
    connect: async () => {
      const client = await pool.connect()
      const release = client.release
      client.release = (err?: Error | boolean) =>
        release((client as any)[HUNG] === true ? new Error('query timed out client-side') : err)
      return client
    },
    end: async () => { await pool.end() }
  }
}

/** How many SQLite connections this process holds per database file (sqlite-group-commit.ts). */
const openSqliteFiles = new Map<string, number>()

export function createDatabase (options: DatabaseOptions): Db {
  const plugins = [new RowsCamelCasePlugin()]
  if (options.databaseUrl) {
    const schema = options.pgSchema
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      types: pgTypes,
      connectionTimeoutMillis: 5000,
      application_name: options.pgApplicationName ?? 'partner-api',
      // Sent in each connection's startup packet: no extra round trip, and a connection the pool
      // replaces gets them too. A hung query or a forgotten transaction holds no request longer.
      // query_timeout is pg's own timer: a hung server or network costs a request at most the
      // statement timeout plus a margin, not the length of the hang.
      ...(options.pgStatementTimeoutMs ? { statement_timeout: options.pgStatementTimeoutMs, query_timeout: options.pgStatementTimeoutMs + PG_CLIENT_TIMEOUT_MARGIN_MS } : {}),
      ...(options.pgIdleTxTimeoutMs ? { idle_in_transaction_session_timeout: options.pgIdleTxTimeoutMs } : {}),
      ...(schema ? { options: `-c search_path=${schema}` } : {})
    })
    // A client losing its server (a restart, a failover, pg_terminate_backend: 57P01) emits 'error'.
    // pg-pool listens on idle clients only; a client checked out by a query has no listener, and an
    // unheard 'error' event ends the process. The query in flight fails on its own (503), and the
    // pool drops the dead client when it is released, so both listeners only have to exist.
    pool.on('error', () => {})
    const prepared = options.pgPreparedStatements ?? 200
    pool.on('connect', (client) => {
      client.on('error', () => {})
      const query = client.query.bind(client) as (...args: unknown[]) => unknown
      const params = (client as any).connectionParameters as { query_timeout?: number }
      const limit = params.query_timeout
      ;(client as any).query = (...args: unknown[]) => {
        // migrateToLatest lifts statement_timeout on its connection: lift the client-side limit with it.
        const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: unknown } | null)?.text
        if (text === UNLIMITED) params.query_timeout = undefined
        else if (text === LIMITED) params.query_timeout = limit
        const result = query(...args)
        if (result instanceof Promise) result.catch((err: unknown) => { if ((err as Error)?.message === PG_CLIENT_TIMEOUT) (client as any)[HUNG] = true })
        return result
      }
      // Over the timeout's wrapper: a prepared statement is sent through it as a query config.
      if (prepared > 0) prepareStatements(client, prepared)
    })
    const pgDialect = new TaggingPostgresDialect({ pool: destroyingHungClients(pool) })
    return wrap(new Kysely<Database>({ dialect: pgDialect, plugins }), 'postgres', pgDialect)
  }

  const file = options.sqliteFile ?? SQLITE_FILE
  let path = file
  if (file !== ':memory:') {
    ensurePrivateDir(options.dataDir)
    path = join(options.dataDir, file)
    ensurePrivateFile(path)
  }
  const sqlite = new SQLite(path)
  sqlite.pragma('journal_mode = WAL')
  // The CLI writes while the service runs: wait for the other writer instead of failing.
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('foreign_keys = ON')
  // 32 MiB of pages kept (SQLite's default is 2 MiB): at a million sessions the list's indexes no
  // longer fit the default, and each page read became a system call (list throughput -40%).
  sqlite.pragma('cache_size = -32768')
  // Connections of this process per file: group commit only while a connection is its file's only one.
  const opened = resolve(path)
  openSqliteFiles.set(opened, (openSqliteFiles.get(opened) ?? 0) + 1)
  let closed = false
  const close = sqlite.close.bind(sqlite)
  sqlite.close = () => {
    if (!closed) {
      closed = true
      const left = (openSqliteFiles.get(opened) ?? 1) - 1
      if (left > 0) openSqliteFiles.set(opened, left)
      else openSqliteFiles.delete(opened)
    }
    return close()
  }
  const alone = file === ':memory:' ? () => true : () => (openSqliteFiles.get(opened) ?? 0) <= 1
  const sqliteDialect = new ImmediateSqliteDialect({ database: withStatementCache(sqlite, options.sqliteStatementCacheSize) }, sqlite,
    options.sqliteGroupCommit ?? DEFAULT_SQLITE_GROUP_COMMIT, alone)
  return wrap(new Kysely<Database>({ dialect: sqliteDialect, plugins }), 'sqlite', sqliteDialect)
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

/**
 * Which database a configuration names, as a short hash: /readyz shows it (without saying where the
 * database is), so a CLI command can tell whether the service on this machine uses its database.
 */
export function databaseFingerprint (config: { databaseUrl: string | null, dataDir: string }): string {
  let identity: string
  if (config.databaseUrl) {
    const url = new URL(config.databaseUrl)
    identity = `postgres:${url.hostname || 'localhost'}:${url.port || '5432'}${url.pathname}`
  } else {
    identity = `sqlite:${resolve(config.dataDir, 'partner-api.sqlite')}`
  }
  return createHash('sha256').update(identity).digest('hex').slice(0, 16)
}

export async function migrateToLatest (db: Db): Promise<string[]> {
  if (db.dialect !== 'postgres') return await migrateWith(db.kysely, undefined)
  // On one connection with no statement_timeout: a migration may rightly outlast a request's limit
  // (an index on a big table), and Kysely's migrator first lists the tables of every schema of the
  // database, which on a database shared with many schemas takes longer than a tight limit allows.
  return await db.kysely.connection().execute(async (conn) => {
    await sql.raw(UNLIMITED).execute(conn)
    try {
      // Unless told which schema, Kysely's Migrator takes migration tables found in ANY schema for its
      // own: on a PostgreSQL database shared with another Kysely user (or another schema of ours) it
      // would find theirs, skip creating ours, and fail or believe us migrated. Pin it to ours.
      const current = (await sql<{ current: string | null }>`select current_schema() as current`.execute(conn)).rows[0]?.current ?? undefined
      return await migrateWith(conn, current)
    } finally {
      await sql.raw(LIMITED).execute(conn)
    }
  })
}

async function migrateWith (kysely: Kysely<Database>, migrationTableSchema: string | undefined): Promise<string[]> {
  // Migration numbers are handed out per change and may land out of order (0018 after 0019): each runs once.
  const migrator = new Migrator({ db: kysely, provider: migrationProvider, migrationTableSchema, allowUnorderedMigrations: true })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

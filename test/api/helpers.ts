import { STATUS_CODES } from 'node:http'
import { sql } from 'kysely'
import { expect } from 'vitest'
import type { Db } from '../../src/db/database.js'

/**
 * Environment for test apps of these suites: rate limits out of the way (every injected request
 * comes from one address and a handful of keys; rate limiting has its own tests).
 */
export const TEST_ENV = { RATE_LIMIT_LIMIT: '1000000', APPLICANT_RATE_LIMIT_LIMIT: '1000000', AUTH_FAILURE_LIMIT: '1000000' } as const

/** What `app.inject` answers; only the parts these tests read. */
export interface Reply { statusCode: number, headers: Record<string, unknown>, body: string, json: () => any }

/** Asserts the guide's error body exactly: `{statusCode, message, error}` and nothing else. */
export function expectError (res: Reply, statusCode: number, message: string): void {
  expect({ statusCode: res.statusCode, body: safeJson(res.body) })
    .toEqual({ statusCode, body: { statusCode, message, error: STATUS_CODES[statusCode] } })
}

function safeJson (text: string): unknown {
  try { return JSON.parse(text) } catch { return text }
}

// Every table of the schema (snake_case, as stored), for counts and for "no column holds a secret".
export const ALL_TABLES = ['teams', 'api_keys', 'sources', 'sessions', 'session_allowed_sources', 'csrf_tokens', 'steps',
  'proofs', 'sdk_sessions', 'idempotency_keys', 'events', 'webhook_endpoints', 'webhook_deliveries', 'audit_log'] as const

/** Every row of every table, as JSON text: what a database dump would reveal. */
export async function dumpDatabase (db: Db): Promise<string> {
  const out: Record<string, unknown[]> = {}
  for (const table of ALL_TABLES) {
    out[table] = (await sql`select * from ${sql.table(table)}`.execute(db.kysely)).rows
  }
  return JSON.stringify(out)
}

export interface DbState {
  counts: Record<string, number>
  sessions: unknown[]
  steps: unknown[]
}

/**
 * What a rejected request must leave untouched: the row count of every table, and the status and
 * update time of every session and step. (api_keys.last_used_at is informative and excluded.)
 */
export async function dbState (db: Db): Promise<DbState> {
  const counts: Record<string, number> = {}
  for (const table of ALL_TABLES) counts[table] = await countRows(db, table)
  const sessions = await db.kysely.selectFrom('sessions').select(['id', 'status', 'updatedAt', 'expiryDate']).orderBy('id').execute()
  const steps = await db.kysely.selectFrom('steps').select(['id', 'status', 'attempts', 'updatedAt']).orderBy('id').execute()
  return { counts, sessions, steps }
}

/** Runs `request` and asserts that the database is exactly as it was before. */
export async function expectNoChange<T> (db: Db, request: () => Promise<T>): Promise<T> {
  const before = await dbState(db)
  const result = await request()
  expect(await dbState(db)).toEqual(before)
  return result
}

export async function countRows (db: Db, table: typeof ALL_TABLES[number]): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db.kysely)
  return Number(rows[0].n)
}

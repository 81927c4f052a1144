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

/**
 * Asserts an error answer: the guide's `{statusCode, message, error}` exactly, plus `requestId` equal
 * to the answer's X-Request-Id header and `code` a snake_case name (exactly `code` when given);
 * `errors` (the failing fields) is allowed on a 400 only, and nothing else.
 */
export function expectError (res: Reply, statusCode: number, message: string, code?: string): void {
  const body = safeJson(res.body) as Record<string, unknown>
  const requestId = res.headers['x-request-id']
  expect(typeof requestId === 'string' && requestId.length > 0, 'X-Request-Id header').toBe(true)
  const { code: actualCode, requestId: bodyRequestId, errors, ...guide } = typeof body === 'object' && body !== null ? body : { body }
  expect({ statusCode: res.statusCode, body: guide }).toEqual({ statusCode, body: { statusCode, message, error: STATUS_CODES[statusCode] } })
  expect(bodyRequestId).toBe(requestId)
  expect(actualCode).toMatch(/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/)
  if (code !== undefined) expect(actualCode).toBe(code)
  if (statusCode === 400 && errors !== undefined) {
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: expect.any(String), message: expect.any(String) })]))
  } else {
    expect(errors).toBeUndefined()
  }
}

function safeJson (text: string): unknown {
  try { return JSON.parse(text) } catch { return text }
}

// Every table of the schema (snake_case, as stored), for counts and for "no column holds a secret".
export const ALL_TABLES = ['teams', 'api_keys', 'sources', 'sessions', 'session_allowed_sources', 'csrf_tokens', 'steps',
  'proofs', 'sdk_sessions', 'idempotency_keys', 'idempotent_requests', 'events', 'webhook_endpoints', 'webhook_deliveries', 'audit_log', 'session_counts', 'audit_entries', 'team_settings',
  'decision_reasons', 'session_tags', 'session_notes', 'review_rotation',
  'users', 'user_setup_tokens', 'console_sessions', 'console_oidc_flows', 'console_sign_in_failures', 'delivery_plans', 'link_deliveries', 'delivery_suppressions'] as const

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
  // Every count in one round trip (the fuzz suite takes a snapshot per request).
  const { rows } = await sql<{ t: string, n: number | string }>`${sql.join(ALL_TABLES.map((table) => sql`select ${sql.lit(table)} as t, count(*) as n from ${sql.table(table)}`), sql` union all `)}`.execute(db.kysely)
  const counts: Record<string, number> = {}
  for (const table of ALL_TABLES) counts[table] = Number(rows.find((r) => r.t === table)?.n)
  const sessions = await db.kysely.selectFrom('sessions').select(['id', 'status', 'updatedAt', 'expiryDate', 'tags', 'reviewerId']).orderBy('id').execute()
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

import type { Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, NewSession, SessionRow, SessionsTable } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import type { EventType } from './lifecycle.js'

/**
 * What every change of a session writes beside it, in its transaction: the audit row and the outbox
 * event; and the lock that serialises changes of one session. Shared by the lifecycle's transitions
 * (lifecycle.repository.ts), redaction and assignment.
 */

export type Trx = Transaction<Database>

/** Who made a change, as the audit trail names it: "partner:key:<id>", "applicant", "reclaim", "reviewer:<id>", "system". */
export type Actor = string

export interface AuditEntry { sessionId: number, stepId?: number, actor: Actor, action: string, fromStatus?: string | null, toStatus?: string | null, detail?: string | null, at: string }

export function auditRow (entry: AuditEntry) {
  return {
    sessionId: entry.sessionId,
    stepId: entry.stepId ?? null,
    actor: entry.actor,
    action: entry.action,
    fromStatus: entry.fromStatus ?? null,
    toStatus: entry.toStatus ?? null,
    detail: entry.detail ?? null,
    at: entry.at
  }
}

export function eventRow (session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string) {
  const data = {
    sessionId: session.id,
    applicantId: session.applicantId,
    metadata: parseJson<unknown>(session.metadata, null),
    status: session.status,
    previousStatus: null,
    statusReason: session.statusReason,
    ...payload,
    livemode: session.livemode === 1
  }
  return { teamId: session.teamId, sessionId: session.id, livemode: session.livemode, type, payload: JSON.stringify(data), createdAt: at }
}

const insertTexts = new Map<string, string>()

/**
 * `insert into sessions (...) values (...) returning *` as plain SQL, its text cached per column set
 * (the same for every creation, so both databases reuse one prepared statement). Columns whose value
 * is undefined are left out, as Kysely's builder does.
 */
export function insertStatement (session: NewSession, pg: boolean): { text: string, values: unknown[] } {
  const columns = Object.keys(session).filter((k) => (session as Record<string, unknown>)[k] !== undefined)
  const key = `${pg ? 'p' : 's'}:${columns.join(',')}`
  let text = insertTexts.get(key)
  if (text === undefined) {
    const names = columns.map((k) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`))
    const marks = columns.map((_, i) => pg ? `$${i + 1}` : '?')
    text = `insert into sessions (${names.join(', ')}) values (${marks.join(', ')}) returning *`
    if (insertTexts.size < 64) insertTexts.set(key, text)
  }
  return { text, values: columns.map((k) => (session as Record<string, unknown>)[k]) }
}

/**
 * The PostgreSQL type of each column a creation may set (all but id): a batch of creations sends
 * each column as one array (LifecycleRepository.insertSessionsPg). Typed against the table, so a new
 * column fails to compile until it is listed here.
 */
export const SESSION_COLUMN_TYPES = {
  teamId: 'integer',
  reviewerId: 'text',
  verificationTypeId: 'integer',
  userId: 'text',
  applicantId: 'text',
  applicantFirstName: 'text',
  applicantLastName: 'text',
  applicantEmail: 'text',
  applicantData: 'jsonb',
  instructions: 'text',
  metadata: 'jsonb',
  selectedPlatform: 'integer',
  status: 'text',
  expiryDate: 'timestamptz',
  linkTokenHash: 'text',
  createdAt: 'timestamptz',
  updatedAt: 'timestamptz',
  decidedAt: 'timestamptz',
  decisionNote: 'text',
  livemode: 'integer',
  statusReason: 'text',
  redactedAt: 'timestamptz',
  decisionReasons: 'jsonb',
  tags: 'jsonb',
  moreRequests: 'integer',
  moreRequest: 'jsonb',
  dueAt: 'timestamptz',
  overdueNotifiedAt: 'timestamptz',
  locale: 'text',
  purpose: 'text',
  purposeText: 'text',
  consent: 'jsonb',
  parentSessionId: 'integer'
} as const satisfies Record<Exclude<keyof SessionsTable, 'id'>, 'integer' | 'text' | 'jsonb' | 'timestamptz'>

const SESSION_COLUMNS = Object.keys(SESSION_COLUMN_TYPES) as Array<keyof typeof SESSION_COLUMN_TYPES>

/**
 * `insert into sessions (...) select ... from unnest($1::t1[], ...) returning *`: every column a
 * creation may set, one array each (jsonb sent as text and cast), `values` the arrays of `sessions`
 * in order. An unset column is null, but livemode, whose default (1) is written out. `offset`: the
 * number of the first parameter.
 */
export function insertManyStatement (sessions: NewSession[], offset = 1): { text: string, values: unknown[] } {
  const names = SESSION_COLUMNS.map((k) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`))
  const arrays = SESSION_COLUMNS.map((k, i) => `$${offset + i}::${SESSION_COLUMN_TYPES[k] === 'jsonb' ? 'text' : SESSION_COLUMN_TYPES[k]}[]`)
  const picks = SESSION_COLUMNS.map((k, i) => SESSION_COLUMN_TYPES[k] === 'jsonb' ? `u.c${i}::jsonb` : `u.c${i}`)
  const text = `insert into sessions (${names.join(', ')}) select ${picks.join(', ')} from unnest(${arrays.join(', ')}) as u(${SESSION_COLUMNS.map((_, i) => `c${i}`).join(', ')}) returning *`
  const values = SESSION_COLUMNS.map((k) => sessions.map((s) => (s as Record<string, unknown>)[k] ?? (k === 'livemode' ? 1 : null)))
  return { text, values }
}

export async function audit (trx: Trx, entry: AuditEntry): Promise<void> {
  await trx.insertInto('auditLog').values(auditRow(entry)).execute()
}

/**
 * An outbox event of the session's team and mode (a test session's events reach test endpoints
 * only), carrying what a partner acts on without a second call: the session, its applicant id, the
 * partner's metadata, its status and why; `payload` adds the change's own fields.
 */
export async function emit (trx: Trx, session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string): Promise<void> {
  await trx.insertInto('events').values(eventRow(session, type, payload, at)).execute()
}

/**
 * The session's current row, locked until the transaction ends on PostgreSQL (FOR NO KEY UPDATE,
 * which still lets other transactions insert rows referencing it): a check of its status made here
 * cannot be overtaken by a concurrent transition, which either committed before, and is seen, or
 * waits. On SQLite a write transaction (BEGIN IMMEDIATE) already runs alone.
 */
export async function lockSession (trx: Trx, sessionId: number): Promise<SessionRow | undefined> {
  const q = trx.selectFrom('sessions').selectAll().where('id', '=', sessionId)
  return await (isPostgres(trx) ? q.forNoKeyUpdate() : q).executeTakeFirst()
}

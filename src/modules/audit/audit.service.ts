import type { Kysely } from 'kysely'
// The browser module the console's CSV uses too (types: csv-formula.d.ts): one rule for both CSVs.
import { neutraliseFormula } from '../../../public/shared/csv-formula.js'
import type { AuditEntryRow, Database } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { isoInstant } from '../../lib/instants.js'
import { parseJson } from '../../lib/json.js'
import type { AuditRepository, NewAuditEntry } from './audit.repository.js'
import type { AuditEntryView, AuditLogQuery } from './audit.schemas.js'

/**
 * The team audit log (issue 19, item 6): who did what, when, from where. Entries name people, keys
 * and sessions by id and never carry an applicant's data (no names, emails, notes, reasons, metadata
 * or extracted values), so they need no redaction and the database keeps them unchanged forever
 * (UPDATE and DELETE are refused by triggers). The session's own trail (`audit_log`, shown in the
 * reviewer detail) is another table: its details may hold the applicant's data and are redacted.
 */

export const AUDIT_ACTOR_TYPES = ['user', 'key', 'applicant', 'system'] as const
export type AuditActorType = typeof AUDIT_ACTOR_TYPES[number]

export interface AuditActor { type: AuditActorType, id: string | null, label: string | null }

/** Who acted and where the request came from. */
export interface AuditOrigin { actor: AuditActor, ip: string | null, requestId: string | null }

export interface AuditRecord {
  teamId: number
  /** The mode of what was touched (a test key's or test session's), null for what has none (users, sign-ins). */
  livemode: boolean | null
  /** A dotted name: session.approved, api_key.rolled, webhook_endpoint.created, user.signed_in... */
  action: string
  sessionId?: number | null
  /** Ids, names of staff and settings only; never an applicant's data (see above). */
  details?: Record<string, unknown>
  /** 'minute': at most one entry per actor, action, session and minute (reads of applicant data). */
  once?: 'minute'
}

export const SYSTEM_CLI: AuditOrigin = { actor: { type: 'system', id: 'cli', label: 'partner-api command' }, ip: null, requestId: null }
export const SYSTEM_JOBS: AuditOrigin = { actor: { type: 'system', id: 'jobs', label: 'background jobs' }, ip: null, requestId: null }

const MAX_ENTRY_ID = 2_147_483_647
export const ENTRY_ID_PREFIX = 'aud_'

function viewEntry (row: AuditEntryRow): AuditEntryView {
  const view: AuditEntryView = {
    id: `${ENTRY_ID_PREFIX}${row.id}`,
    at: row.at,
    actor: { type: row.actorType as AuditActorType, id: row.actorId, label: row.actorLabel },
    action: row.action,
    ip: row.ip,
    requestId: row.requestId,
    details: parseJson<Record<string, unknown>>(row.details, {})
  }
  if (row.sessionId !== null) view.sessionId = row.sessionId
  return view
}

/** The scope a caller reads: its team, and its mode (null: every mode). */
export interface AuditScope { teamId: number, livemode: boolean | null }

export class AuditService {
  constructor (private readonly repo: AuditRepository, private readonly clock: Clock) {}

  /**
   * Appends one entry; within `trx` when the change it records is made in a transaction (so the
   * entry and the change commit together). Returns false when `once` found it already recorded.
   * For other helpers: `ctx.audit.record(auditOriginOf(request), { teamId, livemode: null, action: 'user.signed_in', details: { userId } })`.
   */
  async record (origin: AuditOrigin, entry: AuditRecord, trx?: Kysely<Database>): Promise<boolean> {
    return await this.repo.insert(this.row(origin, entry, this.clock.ms()), trx)
  }

  /**
   * Appends these entries in one statement (a list's reads: one entry per session it showed), each
   * skipped whose `once` finds it already recorded. One statement for a page of 25 sessions where one
   * each cost a round trip (PostgreSQL) or a write transaction (SQLite) per session shown.
   */
  async recordAll (origin: AuditOrigin, entries: AuditRecord[]): Promise<void> {
    const nowMs = this.clock.ms()
    await this.repo.insertAll(entries.map((entry) => this.row(origin, entry, nowMs)))
  }

  private row (origin: AuditOrigin, entry: AuditRecord, nowMs: number): NewAuditEntry {
    const sessionId = entry.sessionId ?? null
    const actor = origin.actor
    return {
      teamId: entry.teamId,
      livemode: entry.livemode === null ? null : entry.livemode ? 1 : 0,
      at: new Date(nowMs).toISOString(),
      actorType: actor.type,
      actorId: actor.id,
      actorLabel: actor.label,
      action: entry.action,
      sessionId,
      // An applicant's address is their personal data: never kept here.
      ip: actor.type === 'applicant' ? null : origin.ip,
      requestId: origin.requestId,
      details: JSON.stringify(entry.details ?? {}),
      dedupKey: entry.once === 'minute'
        ? `${entry.teamId}:${actor.type}:${actor.id ?? ''}:${entry.action}:${sessionId ?? ''}:${Math.floor(nowMs / 60_000)}`
        : null
    }
  }

  /**
   * A console sign-in, or a failed one, in the user's team (the accounts module calls it): actor the
   * user, action `user.signed_in` or `user.sign_in_failed` (`details.reason`: wrong_password,
   * rate_limited, no_role...). A failure for an email with no account belongs to no team's log.
   */
  async recordSignIn (from: { ip: string | null, requestId: string | null }, user: { id: number, teamId: number, email: string },
    outcome: 'signed_in' | 'sign_in_failed', details: Record<string, unknown> = {}): Promise<void> {
    await this.record({ actor: { type: 'user', id: String(user.id), label: user.email }, ...from },
      { teamId: user.teamId, livemode: null, action: `user.${outcome}`, details: { userId: user.id, ...details } })
  }

  /** One page of the team's entries, newest first; `startingAfter` names an entry of the same list. */
  async list (scope: AuditScope, q: AuditLogQuery, maxLimit: number): Promise<{ data: AuditEntryView[], hasMore: boolean }> {
    const from = q.from === undefined ? undefined : isoInstant(q.from, 'querystring.from')
    const to = q.to === undefined ? undefined : isoInstant(q.to, 'querystring.to')
    if (from !== undefined && to !== undefined && from >= to) throw fail('validation_failed', 'querystring.from must be before querystring.to')
    let beforeId: number | undefined
    if (q.startingAfter !== undefined) {
      beforeId = Number(q.startingAfter.slice(ENTRY_ID_PREFIX.length))
      // Ids are 32-bit: a larger one names no entry (PostgreSQL would refuse to compare it).
      if (beforeId > MAX_ENTRY_ID || !await this.repo.findForTeam(beforeId, scope.teamId, scope.livemode)) {
        throw fail('audit_entry_not_found')
      }
    }
    const limit = Math.min(q.limit ?? 20, maxLimit)
    const prefix = q.action?.endsWith('.*') === true
    const rows = await this.repo.list({
      ...scope,
      from,
      to,
      actorId: q.actorId,
      action: prefix ? q.action?.slice(0, -1) : q.action,
      actionPrefix: prefix,
      sessionId: q.sessionId,
      beforeId,
      limit
    })
    return { data: rows.slice(0, limit).map(viewEntry), hasMore: rows.length > limit }
  }
}

// CSV (RFC 4180, every field quoted). A cell a spreadsheet would run as a formula is prefixed with a
// single quote, by the rule the console's queue export uses too (public/shared/csv-formula.js).
export function csvCell (value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)
  return `"${neutraliseFormula(text).replace(/"/g, '""')}"`
}

export const CSV_COLUMNS = ['id', 'at', 'actorType', 'actorId', 'actorLabel', 'action', 'sessionId', 'ip', 'requestId', 'details'] as const

export function auditCsv (entries: AuditEntryView[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const e of entries) {
    lines.push([e.id, e.at, e.actor.type, e.actor.id, e.actor.label, e.action, e.sessionId ?? null, e.ip, e.requestId, e.details].map(csvCell).join(','))
  }
  return lines.join('\r\n') + '\r\n'
}

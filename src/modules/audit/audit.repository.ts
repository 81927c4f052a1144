import type { Kysely } from 'kysely'
import type { AuditRow, Database } from '../../db/types.js'

export interface AuditEntry {
  sessionId: number
  stepId?: number | null
  actor: string // "partner:key:<id>", "applicant", "reviewer:<id>", "system"
  action: string
  fromStatus?: string | null
  toStatus?: string | null
  detail?: string | null
  at: string
}

export interface OutboxEvent { teamId: number, sessionId: number | null, type: string, payload: unknown, createdAt: string }

/** Audit rows and outbox events; callers pass their transaction so both commit with the change. */
export class AuditRepository {
  async record (db: Kysely<Database>, entry: AuditEntry): Promise<void> {
    await db.insertInto('auditLog').values({
      sessionId: entry.sessionId,
      stepId: entry.stepId ?? null,
      actor: entry.actor,
      action: entry.action,
      fromStatus: entry.fromStatus ?? null,
      toStatus: entry.toStatus ?? null,
      detail: entry.detail ?? null,
      at: entry.at
    }).execute()
  }

  async emit (db: Kysely<Database>, event: OutboxEvent): Promise<void> {
    await db.insertInto('events').values({
      teamId: event.teamId,
      sessionId: event.sessionId,
      type: event.type,
      payload: JSON.stringify(event.payload),
      createdAt: event.createdAt
    }).execute()
  }

  async listForSession (db: Kysely<Database>, sessionId: number): Promise<AuditRow[]> {
    return await db.selectFrom('auditLog').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }
}

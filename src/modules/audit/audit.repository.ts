import { sql, type Kysely } from 'kysely'
import type { AuditEntriesTable, AuditEntryRow, Database } from '../../db/types.js'
import type { Insertable } from 'kysely'

export type NewAuditEntry = Insertable<AuditEntriesTable>

export interface AuditQuery {
  teamId: number
  /** The caller's mode: entries of that mode and those without one. Null: every mode (users). */
  livemode: boolean | null
  from?: string
  to?: string
  actorId?: string
  action?: string
  /** A prefix when it ends with '.' (from `session.*`). */
  actionPrefix?: boolean
  sessionId?: number
  /** Only entries older than this one (newest first). */
  beforeId?: number
  limit: number
}

/** The team audit log: append-only (the database refuses updates and deletes). */
export class AuditRepository {
  constructor (private readonly db: Kysely<Database>) {}

  /**
   * Appends an entry (in `trx` when given). An entry with a dedup key already recorded is skipped:
   * returns false then.
   */
  async insert (entry: NewAuditEntry, trx: Kysely<Database> = this.db): Promise<boolean> {
    let q = trx.insertInto('auditEntries').values(entry)
    if (entry.dedupKey != null) q = q.onConflict((oc) => oc.column('dedupKey').doNothing())
    const res = await q.executeTakeFirst()
    return Number(res.numInsertedOrUpdatedRows ?? 1) > 0
  }

  /** Appends entries in one statement; each whose dedup key is already recorded is skipped. */
  async insertAll (entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return
    await this.db.insertInto('auditEntries').values(entries).onConflict((oc) => oc.column('dedupKey').doNothing()).execute()
  }

  async findForTeam (id: number, teamId: number, livemode: boolean | null): Promise<{ id: number } | undefined> {
    let q = this.db.selectFrom('auditEntries').select('id').where('id', '=', id).where('teamId', '=', teamId)
    if (livemode !== null) q = q.where((eb) => eb.or([eb('livemode', '=', livemode ? 1 : 0), eb('livemode', 'is', null)]))
    return await q.executeTakeFirst()
  }

  /** One page, newest first (limit + 1 rows, so the caller knows whether more follow). */
  async list (q: AuditQuery): Promise<AuditEntryRow[]> {
    let query = this.db.selectFrom('auditEntries').selectAll().where('teamId', '=', q.teamId)
    if (q.livemode !== null) {
      const mode = q.livemode ? 1 : 0
      query = query.where((eb) => eb.or([eb('livemode', '=', mode), eb('livemode', 'is', null)]))
    }
    if (q.from !== undefined) query = query.where('at', '>=', q.from)
    if (q.to !== undefined) query = query.where('at', '<', q.to)
    if (q.actorId !== undefined) query = query.where('actorId', '=', q.actorId)
    if (q.action !== undefined) {
      query = q.actionPrefix === true
        ? query.where(sql<string>`substr(action, 1, ${q.action.length})`, '=', q.action)
        : query.where('action', '=', q.action)
    }
    if (q.sessionId !== undefined) query = query.where('sessionId', '=', q.sessionId)
    if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId)
    return await query.orderBy('id', 'desc').limit(q.limit + 1).execute()
  }
}

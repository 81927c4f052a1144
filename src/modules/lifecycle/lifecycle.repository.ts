import { sql, type Insertable, type Kysely, type Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, NewSession, ProofsTable, SessionRow, StepRow } from '../../db/types.js'
import {
  OPEN_SESSION_STATUSES, SESSION_CHANGES, SESSION_TRANSITIONS, STEP_TRANSITIONS, STEP_TYPE,
  type EventType, type SessionStatus, type SessionTransitionName, type StepStatus
} from './lifecycle.js'
import { parseJson } from '../../lib/json.js'

type Trx = Transaction<Database>

/** Who made a change, as the audit trail names it: "partner:key:<id>", "applicant", "reclaim", "reviewer:<id>", "system". */
export type Actor = string

/** Why a change could not be made; the service turns it into an HTTP answer. */
export type Refusal =
  | { refused: 'not_found' }
  | { refused: 'expired' }
  | { refused: 'status', status: SessionStatus }
  | { refused: 'moved' }

export type Outcome<T = undefined> = { refused: null, value: T } | Refusal
const DONE: Outcome = { refused: null, value: undefined }

export interface InitiateStep {
  /** The step as the caller read it: the update applies only if nothing moved since. */
  observed: StepRow
  session: SessionRow
  contextMessage: string
  reclaimSessionId: string
  callbackTokenHash: string
  metadata: string | null
  detail: string
  at: string
}

/**
 * The one place a session's or a step's status changes. Every change is one conditional UPDATE
 * (race-free on both dialects) with its audit row and outbox event in the same transaction, named
 * after a transition of lifecycle.ts. The repository owns its transactions: callers never hold one.
 */
export class LifecycleRepository {
  private readonly pg: boolean
  constructor (private readonly db: Kysely<Database>) { this.pg = isPostgres(db) }

  /** Inserts a session, its allowed sources, audit row and event; `within` runs in the same transaction. */
  async createSession (session: NewSession, allowedSourceIds: number[], actor: Actor,
    within?: (trx: Trx, row: SessionRow) => Promise<void>): Promise<SessionRow> {
    return await this.db.transaction().execute(async (trx) => {
      const [row] = await trx.insertInto('sessions').values(session).returningAll().execute()
      if (allowedSourceIds.length > 0) {
        await trx.insertInto('sessionAllowedSources')
          .values(allowedSourceIds.map((sourceId) => ({ sessionId: row.id, sourceId }))).execute()
      }
      const t = SESSION_TRANSITIONS.create
      await this.record(trx, row, [[row.reviewerId, row.status, 1]],
        { sessionId: row.id, actor, action: t.action, toStatus: t.to, at: row.createdAt },
        { session: row, type: t.event, payload: { status: row.status, previousStatus: null }, at: row.createdAt })
      if (within) await within(trx, row)
      return row
    })
  }

  /**
   * Adds a step per source not selected yet and moves a PENDING session to PROCESSING. The status is
   * checked again under the session's lock: the caller's read may be stale by now.
   */
  async selectSources (sessionId: number, sourceIds: number[], at: string): Promise<Outcome> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      const session = await this.lockSession(trx, sessionId)
      if (!session) return { refused: 'not_found' }
      if (session.status === 'EXPIRED') return { refused: 'expired' }
      if (session.status !== 'PENDING' && session.status !== 'PROCESSING') return { refused: 'status', status: session.status }
      const inserted = await trx.insertInto('steps').values(sourceIds.map((sourceId) => ({
        sessionId, sourceId, type: STEP_TYPE, status: STEP_TRANSITIONS.select.to, attempts: 0, createdAt: at, updatedAt: at
      }))).onConflict((oc) => oc.columns(['sessionId', 'sourceId']).doNothing()).returning('sourceId').execute()
      // As the database answered: of two concurrent selections of one source only one reports it.
      const fresh = new Set(inserted.map((r) => r.sourceId))
      const added = sourceIds.filter((id) => fresh.has(id))
      if (added.length > 0) {
        await this.audit(trx, { sessionId, actor: 'applicant', action: STEP_TRANSITIONS.select.action, detail: JSON.stringify({ dataSourceIds: added }), at })
      }
      await this.moveLocked(trx, session, 'startProcessing', 'applicant', at)
      return DONE
    })
  }

  /** INITIATED with a fresh binding; refused as 'moved' when the step changed since it was read. */
  async initiateStep (u: InitiateStep): Promise<Outcome> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      let q = trx.updateTable('steps')
        .set({
          status: STEP_TRANSITIONS.initiate.to,
          contextMessage: u.contextMessage,
          reclaimSessionId: u.reclaimSessionId,
          callbackTokenHash: u.callbackTokenHash,
          metadata: u.metadata,
          initiatedAt: u.at,
          failureReason: null,
          updatedAt: u.at
        })
        .where('id', '=', u.observed.id)
        .where('status', '=', u.observed.status)
        .where('attempts', '=', u.observed.attempts)
      q = u.observed.contextMessage === null ? q.where('contextMessage', 'is', null) : q.where('contextMessage', '=', u.observed.contextMessage)
      const res = await q.executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return { refused: 'moved' }
      await this.audit(trx, {
        sessionId: u.session.id,
        stepId: u.observed.id,
        actor: 'applicant',
        action: STEP_TRANSITIONS.initiate.action,
        fromStatus: u.observed.status,
        toStatus: STEP_TRANSITIONS.initiate.to,
        detail: u.detail,
        at: u.at
      })
      return DONE
    })
  }

  /**
   * Moves the step to IN_PROGRESS if it is still as observed (same status, same initiation): of
   * concurrent submissions exactly one gets true.
   */
  async claimStep (observed: StepRow, at: string): Promise<boolean> {
    if (observed.contextMessage === null) return false
    const res = await this.db.updateTable('steps')
      .set({ status: STEP_TRANSITIONS.claim.to, updatedAt: at })
      .where('id', '=', observed.id)
      .where('status', 'in', [...STEP_TRANSITIONS.claim.from])
      .where('status', '=', observed.status)
      .where('contextMessage', '=', observed.contextMessage)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /** Puts a claimed step back exactly as it was, for submissions that must change nothing. */
  async releaseStep (observed: StepRow): Promise<void> {
    await this.db.updateTable('steps')
      .set({ status: observed.status, updatedAt: observed.updatedAt })
      .where('id', '=', observed.id).where('status', '=', STEP_TRANSITIONS.claim.to)
      .execute()
  }

  /**
   * A claimed step's proofs are accepted: the proofs stored (the unique identifier index settles a
   * replay racing this one), the step VERIFIED, and the session REVIEWING once every step is.
   * Refused as 'expired' when the claim was lost (the session expired meanwhile).
   */
  async verifyStep (session: SessionRow, step: StepRow, proofs: Array<Insertable<ProofsTable>>, actor: Actor, detail: string, at: string,
    /** Runs in the same transaction once the step is VERIFIED; each payload it answers is a session.signal_raised event. */
    signals?: (trx: Trx) => Promise<Array<Record<string, unknown>>>): Promise<Outcome> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      // Serialises "is every step verified?": two steps verified at once would each see the other
      // still IN_PROGRESS and neither would move the session on.
      const locked = await this.lockSession(trx, session.id) ?? session
      // The session may have ended since the claim (another step used its last attempt, and it
      // may even be redacted by now): nothing more is proven in it.
      assertStillProcessing(locked)
      if (proofs.length > 0) await trx.insertInto('proofs').values(proofs).execute()
      const t = STEP_TRANSITIONS.verify
      const res = await trx.updateTable('steps')
        .set({ status: t.to, verifiedAt: at, failureReason: null, updatedAt: at })
        .where('id', '=', step.id).where('status', 'in', [...t.from])
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) throw new LostClaim()
      await this.audit(trx, { sessionId: session.id, stepId: step.id, actor, action: t.action, fromStatus: step.status, toStatus: t.to, detail, at })
      await this.emit(trx, locked, t.event, await this.stepFields(trx, locked, step, t.to), at)
      if (signals) {
        const c = SESSION_CHANGES.raiseSignal
        for (const payload of await signals(trx)) {
          await this.audit(trx, { sessionId: session.id, stepId: step.id, actor: 'system', action: c.action, detail: JSON.stringify({ code: payload.code }), at })
          await this.emit(trx, locked, c.event, payload, at)
        }
      }
      const statuses = await trx.selectFrom('steps').select('status').where('sessionId', '=', session.id).execute()
      if (statuses.length > 0 && statuses.every((r) => r.status === 'VERIFIED')) {
        await this.moveLocked(trx, locked, 'review', 'system', at)
      }
      return DONE
    }).catch(lostClaimAsExpired)
  }

  /**
   * A claimed step's proof is refused: the step FAILED with the attempt counted, and the session
   * FAILED when that was the last attempt. Returns the attempts used.
   */
  async failStep (session: SessionRow, step: StepRow, reason: string, rule: string, actor: Actor, maxAttempts: number, at: string): Promise<Outcome<number>> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome<number>> => {
      const locked = await this.lockSession(trx, session.id) ?? session
      assertStillProcessing(locked)
      const t = STEP_TRANSITIONS.fail
      const rows = await trx.updateTable('steps')
        .set((eb) => ({ status: t.to, failureReason: reason, attempts: eb('attempts', '+', 1), updatedAt: at }))
        .where('id', '=', step.id).where('status', 'in', [...t.from])
        .returning('attempts')
        .execute()
      if (rows.length !== 1) throw new LostClaim()
      const attempts = Number(rows[0].attempts)
      await this.audit(trx, {
        sessionId: session.id,
        stepId: step.id,
        actor,
        action: t.action,
        fromStatus: step.status,
        toStatus: t.to,
        detail: JSON.stringify({ rule, reason, attempts, maxAttempts }),
        at
      })
      await this.emit(trx, locked, t.event, { ...await this.stepFields(trx, locked, step, t.to), attempts, maxAttempts }, at)
      if (attempts >= maxAttempts) {
        // A final session has no open step (as expiry and cancellation leave it): a submission for
        // another step, claimed meanwhile, cannot settle in it.
        if (await this.moveLocked(trx, locked, 'exhaustAttempts', 'system', at, `step ${step.id} used all ${maxAttempts} attempts`)) {
          await this.expireOpenSteps(trx, session.id, at, step.id)
        }
      }
      return { refused: null, value: attempts }
    }).catch(lostClaimAsExpired)
  }

  /** REVIEWING -> COMPLETED (with its verified steps) or REJECTED. Refused as 'moved' if the session changed. */
  async decide (session: SessionRow, approve: boolean, actor: Actor, note: string | null, at: string): Promise<Outcome> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      const moved = await this.moveSession(trx, session, approve ? 'approve' : 'reject', actor, at, note, { decidedAt: at, decisionNote: note })
      if (!moved) return { refused: 'moved' }
      if (approve) {
        const t = STEP_TRANSITIONS.complete
        const res = await trx.updateTable('steps').set({ status: t.to, updatedAt: at })
          .where('sessionId', '=', session.id).where('status', 'in', [...t.from])
          .executeTakeFirst()
        await this.audit(trx, { sessionId: session.id, actor, action: t.action, fromStatus: t.from[0], toStatus: t.to, detail: JSON.stringify({ steps: Number(res.numUpdatedRows) }), at })
      }
      return DONE
    })
  }

  /** Expires one session whose expiry has passed, with its open steps; false if it had moved on. */
  async expireSession (session: SessionRow, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      if (!await this.moveSession(trx, session, 'expire', 'system', at)) return false
      await this.expireOpenSteps(trx, session.id, at)
      return true
    })
  }

  /** The partner ends an open session at once (EXPIRED, reason "canceled"), with its open steps; false if it was no longer open. */
  async cancelSession (session: SessionRow, actor: Actor, reason: string | null, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const detail = reason === null ? null : JSON.stringify({ reason })
      if (!await this.moveSession(trx, session, 'cancel', actor, at, detail, {}, { reason })) return false
      await this.expireOpenSteps(trx, session.id, at)
      return true
    })
  }

  /**
   * A new link token for an open session: the old one and every CSRF token issued for the session
   * stop working with the same commit. False when the session is no longer open.
   */
  async reissueLink (session: SessionRow, linkTokenHash: string, actor: Actor, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('sessions').set({ linkTokenHash, updatedAt: at })
        .where('id', '=', session.id).where('status', 'in', [...OPEN_SESSION_STATUSES])
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return false
      await trx.deleteFrom('csrfTokens').where('sessionId', '=', session.id).execute()
      await this.audit(trx, { sessionId: session.id, actor, action: SESSION_CHANGES.reissueLink.action, at })
      return true
    })
  }

  /**
   * Erases the applicant's data of a final session: the session's personal fields, audit details,
   * proof contents (identifiers, steps and times stay: replay protection needs them), step metadata,
   * event payloads and the sealed idempotency replay. Already redacted: nothing more is written.
   * False when the session is not (or no longer) final.
   */
  async redactSession (session: SessionRow, actor: Actor, finalStatuses: readonly SessionStatus[], at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const current = await this.lockSession(trx, session.id)
      if (!current || !finalStatuses.includes(current.status)) return false
      if (current.redactedAt !== null) return true
      await trx.updateTable('sessions').set({
        applicantFirstName: null,
        applicantLastName: null,
        applicantEmail: null,
        applicantId: null,
        userId: null,
        applicantData: null,
        metadata: null,
        instructions: null,
        decisionNote: null,
        redactedAt: at
      }).where('id', '=', session.id).execute()
      await trx.updateTable('auditLog').set({ detail: null }).where('sessionId', '=', session.id).execute()
      const steps = trx.selectFrom('steps').select('id').where('sessionId', '=', session.id)
      await trx.updateTable('proofs').set({ owner: REDACTED, extracted: '{}', raw: '{}' }).where('stepId', 'in', steps).execute()
      await trx.updateTable('steps').set({ metadata: null, failureReason: null }).where('sessionId', '=', session.id).execute()
      // Webhook deliveries carry no copy of the payload (they are signed from the event when sent),
      // but a receiver's answer may echo it: the stored start of each answer goes too.
      await trx.updateTable('events').set({ payload: JSON.stringify({ sessionId: session.id, redacted: true }) })
        .where('sessionId', '=', session.id).execute()
      const events = trx.selectFrom('events').select('id').where('sessionId', '=', session.id)
      await trx.updateTable('webhookDeliveries').set({ response: null }).where('eventId', 'in', events).where('response', 'is not', null).execute()
      await trx.deleteFrom('idempotencyKeys').where('sessionId', '=', session.id).execute()
      // Stored replays hold the data as it was; a request still executing (this redaction's own) answers from now on.
      await trx.deleteFrom('idempotentRequests').where('sessionId', '=', session.id).where('statusCode', 'is not', null).execute()
      const c = SESSION_CHANGES.redact
      await this.audit(trx, { sessionId: session.id, actor, action: c.action, at })
      // The row as it is now: the event must not carry what was just erased.
      const erased = { ...current, applicantId: null, metadata: null, redactedAt: at }
      await this.emit(trx, erased, c.event, { status: current.status, previousStatus: current.status, redactedAt: at }, at)
      return true
    })
  }

  /**
   * Moves a session to a reviewer's queue (null: the team's). updated_at stays: of a final session it
   * says when it ended, which RETENTION_DAYS counts from.
   */
  async assignSession (session: SessionRow, reviewerId: string | null, actor: Actor, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const current = await this.lockSession(trx, session.id)
      await trx.updateTable('sessions').set({ reviewerId }).where('id', '=', session.id).execute()
      if (current) await this.recount(trx, current, [[current.reviewerId, current.status, -1], [reviewerId, current.status, 1]])
      await this.audit(trx, { sessionId: session.id, actor, action: SESSION_CHANGES.assign.action, detail: JSON.stringify({ from: session.reviewerId, to: reviewerId }), at })
    })
  }

  private async expireOpenSteps (trx: Trx, sessionId: number, at: string, exceptStepId?: number): Promise<void> {
    const t = STEP_TRANSITIONS.expire
    let q = trx.updateTable('steps').set({ status: t.to, updatedAt: at })
      .where('sessionId', '=', sessionId).where('status', 'in', [...t.from])
    if (exceptStepId !== undefined) q = q.where('id', '!=', exceptStepId)
    await q.execute()
  }

  /**
   * The session's current row, locked until the transaction ends on PostgreSQL (FOR NO KEY UPDATE,
   * which still lets other transactions insert rows referencing it): a check of its status made here
   * cannot be overtaken by a concurrent transition, which either committed before, and is seen, or
   * waits. On SQLite a write transaction (BEGIN IMMEDIATE) already runs alone.
   */
  private async lockSession (trx: Trx, sessionId: number): Promise<SessionRow | undefined> {
    const q = trx.selectFrom('sessions').selectAll().where('id', '=', sessionId)
    return await (isPostgres(trx) ? q.forNoKeyUpdate() : q).executeTakeFirst()
  }

  /** One session transition: the conditional UPDATE, its audit row and its event. False when the session was not in a from-status. */
  private async moveSession (trx: Trx, session: SessionRow, name: SessionTransitionName, actor: Actor, at: string,
    detail: string | null = null, extra: { decidedAt?: string, decisionNote?: string | null } = {},
    payload: Record<string, unknown> = {}): Promise<boolean> {
    // The row as it was, locked: the status it leaves (for the counts and previousStatus), and its
    // applicant and metadata for the event.
    const before = await this.lockSession(trx, session.id)
    return before !== undefined && await this.moveLocked(trx, before, name, actor, at, detail, extra, payload)
  }

  /** moveSession for a caller that locked the session in this transaction already (`before` is that row). */
  private async moveLocked (trx: Trx, before: SessionRow, name: SessionTransitionName, actor: Actor, at: string,
    detail: string | null = null, extra: { decidedAt?: string, decisionNote?: string | null } = {},
    payload: Record<string, unknown> = {}): Promise<boolean> {
    const t = SESSION_TRANSITIONS[name]
    const statusReason = 'reason' in t ? t.reason : null
    if (!(t.from as readonly SessionStatus[]).includes(before.status)) return false
    const from = before.status
    const moved = await trx.updateTable('sessions')
      .set({ status: t.to, updatedAt: at, ...(statusReason === null ? {} : { statusReason }), ...extra })
      .where('id', '=', before.id).where('status', '=', from)
      .returning(['teamId', 'livemode', 'reviewerId'])
      .executeTakeFirst()
    if (moved === undefined) return false
    await this.record(trx, moved, [[moved.reviewerId, from, -1], [moved.reviewerId, t.to, 1]],
      { sessionId: before.id, actor, action: t.action, fromStatus: t.from.length === 1 ? t.from[0] : null, toStatus: t.to, detail, at },
      { session: before, type: t.event, payload: { status: t.to, previousStatus: before.status, statusReason: statusReason ?? before.statusReason, ...payload }, at })
    return true
  }

  /**
   * Keeps session_counts in step with a change, in its transaction: each delta lands on a random
   * shard of its key (concurrent changes of one team rarely wait on one row), applied in key order
   * so that two transactions touching the same keys lock them in the same order.
   */
  private async recount (trx: Trx, scope: { teamId: number, livemode: number }, deltas: CountDeltas): Promise<void> {
    for (const row of countRows(scope, deltas)) {
      await trx.insertInto('sessionCounts').values(row)
        .onConflict((oc) => oc.columns(['teamId', 'livemode', 'reviewerId', 'status', 'shard'])
          .doUpdateSet((eb) => ({ n: eb('sessionCounts.n', '+', eb.ref('excluded.n')) })))
        .execute()
    }
  }

  /**
   * A session change's bookkeeping in its transaction: the session_counts deltas (as recount applies
   * them: random shards, key order, one multi-row upsert), the audit row and the outbox event, as
   * plain SQL (Kysely's builders cost more CPU than SQLite takes to run these statements). On
   * PostgreSQL one statement (data-modifying CTEs): one round trip instead of three.
   */
  private async record (trx: Trx, scope: { teamId: number, livemode: number }, deltas: CountDeltas,
    entry: AuditEntry, event: { session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string }): Promise<void> {
    const a = auditRow(entry)
    const e = eventRow(event.session, event.type, event.payload, event.at)
    const counts = sql`insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
      values ${sql.join(countRows(scope, deltas).map((c) => sql`(${c.teamId}, ${c.livemode}, ${c.reviewerId}, ${c.status}, ${c.shard}, ${c.n})`))}
      on conflict (team_id, livemode, reviewer_id, status, shard) do update set n = session_counts.n + excluded.n`
    const audit = sql`insert into audit_log (session_id, step_id, actor, action, from_status, to_status, detail, at)
      values (${a.sessionId}, ${a.stepId}, ${a.actor}, ${a.action}, ${a.fromStatus}, ${a.toStatus}, ${a.detail}, ${a.at})`
    const emit = sql`insert into events (team_id, session_id, livemode, type, payload, created_at)
      values (${e.teamId}, ${e.sessionId}, ${e.livemode}, ${e.type}, ${e.payload}, ${e.createdAt})`
    if (this.pg) {
      await sql`with counted as (${counts}), audited as (${audit}) ${emit}`.execute(trx)
    } else {
      await counts.execute(trx)
      await audit.execute(trx)
      await emit.execute(trx)
    }
  }

  private async audit (trx: Trx, entry: AuditEntry): Promise<void> {
    await trx.insertInto('auditLog').values(auditRow(entry)).execute()
  }

  /** What a step event adds: the step, its source and its status (`status` stays the step's, as it always was). */
  private async stepFields (trx: Trx, session: SessionRow, step: StepRow, to: StepStatus): Promise<Record<string, unknown>> {
    const source = await trx.selectFrom('sources').select('sourceName').where('id', '=', step.sourceId).executeTakeFirst()
    return {
      stepId: step.id,
      sourceId: step.sourceId,
      sourceName: source?.sourceName ?? null,
      status: to,
      stepStatus: to,
      previousStatus: step.status,
      sessionStatus: session.status
    }
  }

  /**
   * An outbox event of the session's team and mode (a test session's events reach test endpoints
   * only), carrying what a partner acts on without a second call: the session, its applicant id, the
   * partner's metadata, its status and why; `payload` adds the change's own fields.
   */
  private async emit (trx: Trx, session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string): Promise<void> {
    await trx.insertInto('events').values(eventRow(session, type, payload, at)).execute()
  }
}

type CountDeltas = Array<[reviewerId: string | null, status: string, delta: number]>

interface AuditEntry { sessionId: number, stepId?: number, actor: Actor, action: string, fromStatus?: string | null, toStatus?: string | null, detail?: string | null, at: string }

/** The session_counts rows of a change: each delta on a random shard of its key, in key order (see recount). */
function countRows (scope: { teamId: number, livemode: number }, deltas: CountDeltas) {
  return deltas.map(([reviewerId, status, n]) => ({
    teamId: scope.teamId, livemode: scope.livemode, reviewerId: reviewerId ?? '', status, shard: Math.floor(Math.random() * COUNT_SHARDS), n
  })).sort((a, b) => a.reviewerId < b.reviewerId ? -1 : a.reviewerId > b.reviewerId ? 1 : a.status < b.status ? -1 : a.status > b.status ? 1 : a.shard - b.shard)
}

function auditRow (entry: AuditEntry) {
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

function eventRow (session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string) {
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

/** Shards per session_counts key (see recount). */
const COUNT_SHARDS = 8

/** What a redacted proof's owner reads (the column is required). */
const REDACTED = '[redacted]'

/** Thrown inside a transaction to roll it back when a claimed step is no longer IN_PROGRESS, or its session no longer PROCESSING. */
class LostClaim extends Error {
  constructor (readonly refusal: Refusal = { refused: 'expired' }) { super('claim lost') }
}

/** Proofs settle only in a session still being worked on (canSubmitInSession). */
function assertStillProcessing (session: SessionRow): void {
  if (session.status === 'PROCESSING') return
  throw new LostClaim(session.status === 'EXPIRED' ? { refused: 'expired' } : { refused: 'status', status: session.status })
}

function lostClaimAsExpired (err: unknown): Refusal {
  if (err instanceof LostClaim) return err.refusal
  throw err
}

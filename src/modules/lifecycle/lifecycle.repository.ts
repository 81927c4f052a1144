import { CompiledQuery, sql, type Insertable, type Kysely } from 'kysely'
import { Batcher, type BatchResult } from '../../db/batcher.js'
import { isPostgres } from '../../db/dialect.js'
import { inRequestTransaction } from '../../db/request-transaction.js'
import type { AuditRow, Database, NewSession, ProofsTable, SessionNoteRow, SessionRow, SessionUpdate, StepRow } from '../../db/types.js'
import { assignSession } from './assignment.js'
import { countRows, countsStatement, type CountDeltas } from './counts.js'
import {
  canSelectSources, canSubmitInSession, initiationOf, isExpiredSession, MAX_MORE_REQUESTS, OPEN_SESSION_STATUSES, REVIEW_STATUS, SESSION_CHANGES,
  SESSION_TRANSITIONS, STEP_TRANSITIONS, STEP_TYPE, type DeliveryChangeName, type EventType, type SessionStatus, type SessionTransitionName, type StepStatus
} from './lifecycle.js'
import { parseJson } from '../../lib/json.js'
import { redactSession, type SessionEraser } from './redaction.js'
import { moveStep } from './step-moves.js'
import { audit, auditRow, emit, eventRow, insertManyStatement, insertStatement, lockSession, type Actor, type AuditEntry, type Trx } from './records.js'

export type { Actor, Trx } from './records.js'
export type { SessionEraser } from './redaction.js'

/** Why a change could not be made; the service turns it into an HTTP answer. */
export type Refusal =
  | { refused: 'not_found' }
  | { refused: 'expired' }
  | { refused: 'status', status: SessionStatus }
  | { refused: 'moved' }

/**
 * What the lifecycle's transactions ask of the modules owning the other tables they touch (wired
 * in context.ts; src/db/table-owners.ts says who owns what): each owner writes its own rows, in the
 * transaction it is handed.
 */
export interface LifecycleParticipants {
  /** Stores a verified step's proofs (the proofs module): its unique identifier index settles a replay racing this one. */
  storeProofs: (trx: Trx, rows: Array<Insertable<ProofsTable>>) => Promise<void>
  /** A source's sourceName (the sources module), which step events carry. */
  sourceName: (sourceId: number) => Promise<string | null>
  /** Redaction: each erases the session's applicant data from its own tables (redaction.ts). */
  erasers: readonly SessionEraser[]
}

export type Outcome<T = undefined> = { refused: null, value: T } | Refusal
const DONE: Outcome = { refused: null, value: undefined }

export interface InitiateStep {
  /** The step as the caller read it: the update applies only if nothing moved since, and only from a status the table's initiate (or reinitiateAbandoned) lists. */
  observed: StepRow
  session: SessionRow
  contextMessage: string
  reclaimSessionId: string
  callbackTokenHash: string
  metadata: string | null
  detail: string
  at: string
}

/** A reason as a decision keeps it. */
export interface ChosenReason { code: string, label: string }

/** How a team's sessions enter review: a due date this many hours later, and who reviews a session that has no reviewer. */
export interface ReviewPolicy { reviewSlaHours: number | null, autoAssign: 'round_robin' | 'none' }
export const NO_REVIEW_POLICY: ReviewPolicy = { reviewSlaHours: null, autoAssign: 'none' }

/** Where the review policy and the team's active reviewers come from (settings and people live in other modules). */
export interface ReviewSources {
  policy: (teamId: number) => Promise<ReviewPolicy>
  /** The team's active reviewers for a session of this mode, in a stable order (round-robin turns go through it). */
  reviewers: (teamId: number, livemode: boolean) => Promise<string[]>
}

export interface MoreRequest {
  message: string
  reasons: ChosenReason[]
  /** Sources to add as new PENDING steps (not yet steps of the session). */
  addSourceIds: number[]
  /** Proven steps to open again for a new proof. */
  reopenStepIds: number[]
  /** Sources to add to the session's allowed list (when it has one). */
  allowSourceIds: number[]
  /** The sourceIds the reviewer named, as they named them (for the record). */
  sourceIds: number[]
}

/**
 * The one place a session's or a step's status changes. Every change is one conditional UPDATE
 * (race-free on both dialects) with its audit row and outbox event in the same transaction, named
 * after a transition of lifecycle.ts. The repository owns its transactions: callers never hold one.
 */
const CREATED_EVENT_HEAD = '{"sessionId":0'

/**
 * The payload of a new session's `session.created` event as eventRow writes it, after its session id
 * (the first key): the creation's statement puts the id the insert gave in front of it.
 */
function createdEventTail (session: NewSession): string {
  const t = SESSION_TRANSITIONS.create
  const payload = eventRow({ ...session, id: 0, livemode: session.livemode ?? 1, applicantId: session.applicantId ?? null, metadata: session.metadata ?? null, statusReason: session.statusReason ?? null } as unknown as SessionRow,
    t.event, { status: session.status as SessionStatus, previousStatus: null }, session.createdAt as string).payload
  if (!payload.startsWith(CREATED_EVENT_HEAD)) throw new Error('an event payload begins with its sessionId')
  return payload.slice(CREATED_EVENT_HEAD.length)
}

/** A creation waiting for its batch (PostgreSQL). */
interface PendingCreation { session: NewSession, allowedSourceIds: number[], actor: Actor }

/** Creations one batch serves at most, and batches running at once (createSession on PostgreSQL). */
export const CREATION_BATCH = { max: 32, inFlight: 2 }

export class LifecycleRepository {
  private readonly pg: boolean
  private readonly creations: Batcher<PendingCreation, SessionRow> | null
  private review: ReviewSources = { policy: async () => NO_REVIEW_POLICY, reviewers: async () => [] }
  constructor (private readonly db: Kysely<Database>, private readonly participants: LifecycleParticipants, batch = CREATION_BATCH) {
    this.pg = isPostgres(db)
    this.creations = this.pg && batch.max > 1 ? new Batcher((b) => this.insertSessionsPg(b), batch) : null
  }

  /** Wires the team settings and roster the REVIEWING entry reads (due date, round-robin assignment). */
  useReviewSources (sources: ReviewSources): void { this.review = sources }

  /**
   * What entering REVIEWING needs from outside this module, read before the transaction (reads on
   * the pool inside a SQLite transaction would wait for its one connection): the team's policy, and
   * its reviewers when the session would be assigned.
   */
  private async reviewInputs (session: SessionRow): Promise<{ policy: ReviewPolicy, reviewers: string[] }> {
    const policy = await this.review.policy(session.teamId)
    const reviewers = policy.autoAssign === 'round_robin' && session.reviewerId === null ? await this.review.reviewers(session.teamId, session.livemode === 1) : []
    return { policy, reviewers }
  }

  /**
   * PROCESSING -> REVIEWING under the session's lock: the due date (reviewSlaHours after now), a
   * fresh overdue mark, and with round_robin a reviewer for a session without one: the team's next
   * turn, counted on review_rotation's row in this transaction, so that concurrent workers take
   * turns on its lock and the team's reviewers get sessions evenly.
   */
  private async enterReview (trx: Trx, locked: SessionRow, inputs: { policy: ReviewPolicy, reviewers: string[] }, at: string): Promise<boolean> {
    const { policy, reviewers } = inputs
    const dueAt = policy.reviewSlaHours === null ? null : new Date(Date.parse(at) + policy.reviewSlaHours * 3_600_000).toISOString()
    let reviewerId = locked.reviewerId
    if (reviewerId === null && policy.autoAssign === 'round_robin' && reviewers.length > 0) {
      const { rows } = await sql<{ turns: number | string }>`insert into review_rotation (team_id, turns) values (${locked.teamId}, 1)
        on conflict (team_id) do update set turns = review_rotation.turns + 1 returning turns`.execute(trx)
      reviewerId = reviewers[(Number(rows[0].turns) - 1) % reviewers.length]
    }
    const moved = await this.moveLocked(trx, locked, 'review', 'system', at, null, { dueAt, overdueNotifiedAt: null, reviewerId }, { dueAt, reviewerId })
    if (moved && reviewerId !== locked.reviewerId) {
      await audit(trx, { sessionId: locked.id, actor: 'system', action: SESSION_CHANGES.assign.action, detail: JSON.stringify({ from: null, to: reviewerId, policy: 'round_robin' }), at })
    }
    return moved
  }

  /**
   * Inserts a session, its allowed sources, audit row and event; `within` runs in the same transaction.
   * The session's insert is plain SQL (its text depends only on the columns given, so it is prepared
   * once: Kysely's builder compiled 23 columns on every creation). On PostgreSQL the session, its
   * allowed sources, counts, audit row and event are one statement (data-modifying CTEs, the session's
   * id flowing from its insert), which is atomic by itself: without `within` no transaction is opened
   * (two round trips fewer); with it, the statement and `within` share one.
   */
  async createSession (session: NewSession, allowedSourceIds: number[], actor: Actor,
    within?: (trx: Trx, row: SessionRow) => Promise<void>): Promise<SessionRow> {
    if (this.pg && within === undefined) {
      // Inside a request's transaction (an Idempotency-Key) the statement is that transaction's; else batched.
      if (inRequestTransaction() || this.creations === null) return await this.insertSessionPg(this.db, session, allowedSourceIds, actor)
      return await this.creations.call({ session, allowedSourceIds, actor })
    }
    return await this.db.transaction().execute(async (trx) => {
      let row: SessionRow
      if (this.pg) {
        row = await this.insertSessionPg(trx, session, allowedSourceIds, actor)
      } else {
        const insert = insertStatement(session, false)
        row = (await trx.executeQuery<SessionRow>(CompiledQuery.raw(insert.text, insert.values))).rows[0]
        if (allowedSourceIds.length > 0) {
          await trx.insertInto('sessionAllowedSources')
            .values(allowedSourceIds.map((sourceId) => ({ sessionId: row.id, sourceId }))).execute()
        }
        const t = SESSION_TRANSITIONS.create
        await this.record(trx, row, [[row.reviewerId, row.status, 1]],
          { sessionId: row.id, actor, action: t.action, toStatus: t.to, at: row.createdAt },
          { session: row, type: t.event, payload: { status: row.status, previousStatus: null }, at: row.createdAt })
      }
      if (within) await within(trx, row)
      return row
    })
  }

  /** The creation's one PostgreSQL statement (see createSession); the same rows record() writes for a created session. */
  private async insertSessionPg (db: Kysely<Database> | Trx, session: NewSession, allowedSourceIds: number[], actor: Actor): Promise<SessionRow> {
    const t = SESSION_TRANSITIONS.create
    const insert = insertStatement(session, true)
    const values: unknown[] = [...insert.values]
    const p = (value: unknown) => { values.push(value); return `$${values.length}` }
    const status = session.status as SessionStatus
    const at = session.createdAt as string
    const livemode = session.livemode ?? 1 // the column's default
    const [c] = countRows({ teamId: session.teamId, livemode }, [[session.reviewerId ?? null, status, 1]])
    const text = `with s as (${insert.text}),
      counted as (insert into session_counts (team_id, livemode, reviewer_id, status, shard, n) values (${p(c.teamId)}, ${p(c.livemode)}, ${p(c.reviewerId)}, ${p(c.status)}, ${p(c.shard)}, ${p(c.n)})
        on conflict (team_id, livemode, reviewer_id, status, shard) do update set n = session_counts.n + excluded.n),
      audited as (insert into audit_log (session_id, actor, action, to_status, at) select s.id, ${p(actor)}::text, ${p(t.action)}::text, ${p(t.to)}::text, ${p(at)}::timestamptz from s),
      emitted as (insert into events (team_id, session_id, livemode, type, payload, created_at)
        select s.team_id, s.id, s.livemode, ${p(t.event)}::text, (${p('{"sessionId":')}::text || s.id::text || ${p(createdEventTail(session))}::text)::jsonb, ${p(at)}::timestamptz from s)${allowedSourceIds.length > 0
        ? `,
      allowed as (insert into session_allowed_sources (session_id, source_id) select s.id, x from s, unnest(${p(allowedSourceIds)}::integer[]) as x)`
        : ''}
      select * from s`
    return (await db.executeQuery<SessionRow>(CompiledQuery.raw(text, values))).rows[0]
  }

  /**
   * Creations served together (db/batcher.ts): one alone as insertSessionPg's statement; several as
   * one statement of the same shape over arrays (insertManyStatement), each session's counts, audit
   * row, event and allowed sources joined to it by its link token hash (unique). The statement is
   * atomic: a batch refused by the database for its data (a constraint: SQLSTATE classes 22 and 23)
   * wrote nothing, and each creation is then tried alone, so that one bad creation fails alone; any
   * other failure (the connection) fails the batch, as it would have failed each statement.
   */
  private async insertSessionsPg (batch: PendingCreation[]): Promise<Array<BatchResult<SessionRow>>> {
    const alone = async (c: PendingCreation): Promise<BatchResult<SessionRow>> => {
      try {
        return { ok: true, value: await this.insertSessionPg(this.db, c.session, c.allowedSourceIds, c.actor) }
      } catch (error) {
        return { ok: false, error }
      }
    }
    if (batch.length === 1) {
      const only = await alone(batch[0])
      if (!only.ok) throw only.error
      return [only]
    }
    const t = SESSION_TRANSITIONS.create
    const tails = batch.map(({ session }) => createdEventTail(session))
    const insert = insertManyStatement(batch.map((c) => c.session), 9)
    const shards = batch.map((c) => countRows({ teamId: c.session.teamId, livemode: c.session.livemode ?? 1 }, [[null, c.session.status as SessionStatus, 1]])[0].shard)
    const text = `with x as (select * from unnest($1::text[], $2::text[], $3::integer[], $4::text[], $5::text[]) as x(h, actor, shard, tail, sources)),
      s as (${insert.text}),
      j as (select s.id, s.team_id, s.livemode, s.reviewer_id, s.status, s.created_at, x.actor, x.shard, x.tail, x.sources from s join x on x.h = s.link_token_hash),
      counted as (insert into session_counts (team_id, livemode, reviewer_id, status, shard, n)
        select team_id, livemode, coalesce(reviewer_id, ''), status, shard, count(*) from j group by 1, 2, 3, 4, 5 order by 1, 2, 3, 4, 5
        on conflict (team_id, livemode, reviewer_id, status, shard) do update set n = session_counts.n + excluded.n),
      audited as (insert into audit_log (session_id, actor, action, to_status, at) select j.id, j.actor, $6::text, $7::text, j.created_at from j),
      emitted as (insert into events (team_id, session_id, livemode, type, payload, created_at)
        select j.team_id, j.id, j.livemode, $8::text, ('{"sessionId":' || j.id::text || j.tail)::jsonb, j.created_at from j order by j.id),
      allowed as (insert into session_allowed_sources (session_id, source_id)
        select j.id, v.id::integer from j cross join lateral jsonb_array_elements_text(j.sources::jsonb) as v(id))
      select * from s`
    const values = [
      batch.map((c) => c.session.linkTokenHash), batch.map((c) => c.actor), shards, tails, batch.map((c) => JSON.stringify(c.allowedSourceIds)),
      t.action, t.to, t.event, ...insert.values
    ]
    let rows: SessionRow[]
    try {
      rows = (await this.db.executeQuery<SessionRow>(CompiledQuery.raw(text, values))).rows
    } catch (err) {
      const code = String((err as { code?: unknown }).code ?? '')
      if (code.startsWith('22') || code.startsWith('23')) return await Promise.all(batch.map(alone))
      throw err
    }
    const byHash = new Map(rows.map((r) => [r.linkTokenHash, r]))
    return batch.map((c): BatchResult<SessionRow> => {
      const row = byHash.get(c.session.linkTokenHash as string)
      return row === undefined ? { ok: false, error: new Error('a batched creation returned no row') } : { ok: true, value: row }
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
      if (isExpiredSession(session.status)) return { refused: 'expired' }
      if (!canSelectSources(session.status)) return { refused: 'status', status: session.status }
      const inserted = await trx.insertInto('steps').values(sourceIds.map((sourceId) => ({
        sessionId, sourceId, type: STEP_TYPE, status: STEP_TRANSITIONS.select.to, attempts: 0, createdAt: at, updatedAt: at
      }))).onConflict((oc) => oc.columns(['sessionId', 'sourceId']).doNothing()).returning('sourceId').execute()
      // As the database answered: of two concurrent selections of one source only one reports it.
      const fresh = new Set(inserted.map((r) => r.sourceId))
      const added = sourceIds.filter((id) => fresh.has(id))
      if (added.length > 0) {
        await audit(trx, { sessionId, actor: 'applicant', action: STEP_TRANSITIONS.select.action, detail: JSON.stringify({ dataSourceIds: added }), at })
      }
      await this.moveLocked(trx, session, 'startProcessing', 'applicant', at)
      return DONE
    })
  }

  /**
   * INITIATED with a fresh binding, from a status the table lists (initiate's, or an abandoned claim
   * by reinitiateAbandoned; any other is refused here, whatever the caller checked); refused as
   * 'moved' when the step changed since it was read.
   */
  async initiateStep (u: InitiateStep): Promise<Outcome> {
    const name = initiationOf(u.observed, Date.parse(u.at))
    if (name === null) return { refused: 'moved' }
    const t = STEP_TRANSITIONS[name]
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      const moved = await moveStep(trx, name, { stepId: u.observed.id }, {
        observed: { status: u.observed.status, attempts: u.observed.attempts, contextMessage: u.observed.contextMessage },
        set: {
          contextMessage: u.contextMessage,
          reclaimSessionId: u.reclaimSessionId,
          callbackTokenHash: u.callbackTokenHash,
          metadata: u.metadata,
          initiatedAt: u.at,
          failureReason: null,
          updatedAt: u.at
        }
      })
      if (moved.length !== 1) return { refused: 'moved' }
      await audit(trx, {
        sessionId: u.session.id,
        stepId: u.observed.id,
        actor: 'applicant',
        action: t.action,
        fromStatus: u.observed.status,
        toStatus: t.to,
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
    const moved = await moveStep(this.db, 'claim', { stepId: observed.id },
      { observed: { status: observed.status, contextMessage: observed.contextMessage }, set: { updatedAt: at } })
    return moved.length === 1
  }

  /** Puts a claimed step back exactly as it was (the table's release), for submissions that must change nothing. */
  async releaseStep (observed: StepRow): Promise<void> {
    await moveStep(this.db, 'release', { stepId: observed.id }, { to: observed.status, set: { updatedAt: observed.updatedAt } })
  }

  /**
   * A claimed step's proofs are accepted: the proofs stored (the unique identifier index settles a
   * replay racing this one), the step VERIFIED, and the session REVIEWING once every step is.
   * Refused as 'expired' when the claim was lost (the session expired meanwhile).
   */
  async verifyStep (session: SessionRow, step: StepRow, proofs: Array<Insertable<ProofsTable>>, actor: Actor, detail: string, at: string,
    /** Runs in the same transaction once the step is VERIFIED; each payload it answers is a session.signal_raised event. */
    signals?: (trx: Trx) => Promise<Array<Record<string, unknown>>>): Promise<Outcome> {
    const inputs = await this.reviewInputs(session)
    const sourceName = await this.participants.sourceName(step.sourceId)
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      // Serialises "is every step verified?": two steps verified at once would each see the other
      // still IN_PROGRESS and neither would move the session on.
      const locked = await this.lockSession(trx, session.id) ?? session
      // The session may have ended since the claim (another step used its last attempt, and it
      // may even be redacted by now): nothing more is proven in it.
      assertStillProcessing(locked)
      if (proofs.length > 0) await this.participants.storeProofs(trx, proofs)
      const t = STEP_TRANSITIONS.verify
      const moved = await moveStep(trx, 'verify', { stepId: step.id }, { set: { verifiedAt: at, failureReason: null, updatedAt: at } })
      if (moved.length !== 1) throw new LostClaim()
      await audit(trx, { sessionId: session.id, stepId: step.id, actor, action: t.action, fromStatus: step.status, toStatus: t.to, detail, at })
      await emit(trx, locked, t.event, stepFields(locked, step, sourceName, t.to), at)
      if (signals) {
        const c = SESSION_CHANGES.raiseSignal
        for (const payload of await signals(trx)) {
          await audit(trx, { sessionId: session.id, stepId: step.id, actor: 'system', action: c.action, detail: JSON.stringify({ code: payload.code }), at })
          await emit(trx, locked, c.event, payload, at)
        }
      }
      const statuses = await trx.selectFrom('steps').select('status').where('sessionId', '=', session.id).execute()
      if (statuses.length > 0 && statuses.every((r) => r.status === t.to)) {
        await this.enterReview(trx, locked, inputs, at)
      }
      return DONE
    }).catch(lostClaimAsExpired)
  }

  /**
   * A claimed step's proof is refused: the step FAILED with the attempt counted, and the session
   * FAILED when that was the last attempt. Returns the attempts used.
   */
  async failStep (session: SessionRow, step: StepRow, reason: string, rule: string, actor: Actor, maxAttempts: number, at: string): Promise<Outcome<number>> {
    const sourceName = await this.participants.sourceName(step.sourceId)
    return await this.db.transaction().execute(async (trx): Promise<Outcome<number>> => {
      const locked = await this.lockSession(trx, session.id) ?? session
      assertStillProcessing(locked)
      const t = STEP_TRANSITIONS.fail
      const moved = await moveStep(trx, 'fail', { stepId: step.id }, { countAttempt: true, set: { failureReason: reason, updatedAt: at } })
      if (moved.length !== 1) throw new LostClaim()
      const attempts = moved[0].attempts
      await audit(trx, {
        sessionId: session.id,
        stepId: step.id,
        actor,
        action: t.action,
        fromStatus: step.status,
        toStatus: t.to,
        detail: JSON.stringify({ rule, reason, attempts, maxAttempts }),
        at
      })
      await emit(trx, locked, t.event, { ...stepFields(locked, step, sourceName, t.to), attempts, maxAttempts }, at)
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

  /**
   * REVIEWING -> COMPLETED (with its verified steps) or REJECTED, with the decision's reasons (kept on
   * the session, in the audit detail and in the event). Refused as 'moved' if the session changed.
   */
  async decide (session: SessionRow, approve: boolean, actor: Actor, note: string | null, at: string, reasons: ChosenReason[] = []): Promise<Outcome> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome> => {
      const detail = JSON.stringify({ decision: approve ? 'APPROVE' : 'REJECT', reasons: reasons.map((r) => r.code), note })
      const moved = await this.moveSession(trx, session, approve ? 'approve' : 'reject', actor, at, detail,
        { decidedAt: at, decisionNote: note, decisionReasons: JSON.stringify(reasons) }, { reasons })
      if (!moved) return { refused: 'moved' }
      if (approve) {
        const t = STEP_TRANSITIONS.complete
        const completed = await moveStep(trx, 'complete', { sessionId: session.id }, { set: { updatedAt: at } })
        await audit(trx, { sessionId: session.id, actor, action: t.action, fromStatus: t.from[0], toStatus: t.to, detail: JSON.stringify({ steps: completed.length }), at })
      }
      return DONE
    })
  }

  /**
   * REVIEWING -> PROCESSING: the reviewer asks the applicant for more. New PENDING steps for the
   * sources asked for that the session has no step of, proven steps opened again (a new proof, a
   * fresh set of attempts), the request kept on the session (shown on the hosted page). Refused as
   * 'limit' after MAX_MORE_REQUESTS requests, 'moved' when the session is no longer REVIEWING.
   */
  async requestMore (session: SessionRow, request: MoreRequest, actor: Actor, at: string): Promise<Outcome<{ count: number }> | { refused: 'limit' }> {
    return await this.db.transaction().execute(async (trx): Promise<Outcome<{ count: number }> | { refused: 'limit' }> => {
      const locked = await this.lockSession(trx, session.id)
      if (!locked) return { refused: 'not_found' }
      const count = (locked.moreRequests ?? 0) + 1
      if (!(SESSION_TRANSITIONS.requestMore.from as readonly SessionStatus[]).includes(locked.status)) return { refused: 'moved' }
      if (count > MAX_MORE_REQUESTS) return { refused: 'limit' }
      const record = { message: request.message, reasons: request.reasons, sourceIds: request.sourceIds, at }
      const detail = JSON.stringify({ reasons: request.reasons.map((r) => r.code), sourceIds: request.sourceIds, addedSourceIds: request.addSourceIds, reopenedStepIds: request.reopenStepIds, count })
      const moved = await this.moveLocked(trx, locked, 'requestMore', actor, at, detail,
        { moreRequests: count, moreRequest: JSON.stringify(record), dueAt: null, overdueNotifiedAt: null },
        { message: request.message, reasons: request.reasons, sourceIds: request.sourceIds, moreRequests: count })
      if (!moved) return { refused: 'moved' }
      if (request.allowSourceIds.length > 0) {
        await trx.insertInto('sessionAllowedSources').values(request.allowSourceIds.map((sourceId) => ({ sessionId: session.id, sourceId })))
          .onConflict((oc) => oc.doNothing()).execute()
      }
      if (request.addSourceIds.length > 0) {
        const t = STEP_TRANSITIONS.select
        await trx.insertInto('steps').values(request.addSourceIds.map((sourceId) => ({
          sessionId: session.id, sourceId, type: STEP_TYPE, status: t.to, attempts: 0, createdAt: at, updatedAt: at
        }))).onConflict((oc) => oc.columns(['sessionId', 'sourceId']).doNothing()).execute()
        await audit(trx, { sessionId: session.id, actor, action: t.action, detail: JSON.stringify({ dataSourceIds: request.addSourceIds }), at })
      }
      if (request.reopenStepIds.length > 0) {
        const t = STEP_TRANSITIONS.reopen
        const reopened: Array<{ id: number }> = []
        for (const stepId of request.reopenStepIds) {
          reopened.push(...await moveStep(trx, 'reopen', { stepId, sessionId: session.id }, {
            resetAttempts: true,
            set: { contextMessage: null, reclaimSessionId: null, callbackTokenHash: null, initiatedAt: null, verifiedAt: null, failureReason: null, updatedAt: at }
          }))
        }
        for (const { id } of reopened) {
          await audit(trx, { sessionId: session.id, stepId: id, actor, action: t.action, fromStatus: t.from[0], toStatus: t.to, at })
        }
      }
      return { refused: null, value: { count } }
    })
  }

  /** A reviewer's note on a session (any status; not once redacted): the note and its audit row. */
  async addNote (session: SessionRow, author: Actor, body: string, at: string): Promise<SessionNoteRow | null> {
    return await this.db.transaction().execute(async (trx) => {
      const current = await this.lockSession(trx, session.id)
      if (!current || current.redactedAt !== null) return null
      const [note] = await trx.insertInto('sessionNotes').values({ sessionId: session.id, author, body, createdAt: at }).returningAll().execute()
      await audit(trx, { sessionId: session.id, actor: author, action: SESSION_CHANGES.note.action, detail: JSON.stringify({ noteId: note.id }), at })
      return note
    })
  }

  /** Replaces a session's tags (the column the views read and the rows the list filters by), audited with the change. */
  async setTags (session: SessionRow, tags: string[], actor: Actor, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const current = await this.lockSession(trx, session.id) ?? session
      const before = parseJson<string[]>(current.tags, [])
      await trx.updateTable('sessions').set({ tags: JSON.stringify(tags) }).where('id', '=', session.id).execute()
      await trx.deleteFrom('sessionTags').where('sessionId', '=', session.id).execute()
      if (tags.length > 0) {
        await trx.insertInto('sessionTags').values(tags.map((tag) => ({ sessionId: session.id, teamId: session.teamId, tag }))).execute()
      }
      await audit(trx, { sessionId: session.id, actor, action: SESSION_CHANGES.tag.action, detail: JSON.stringify({ from: before, to: tags }), at })
    })
  }

  /**
   * session.review_overdue for a REVIEWING session past its due date, once per due date: the mark
   * is set by one conditional UPDATE, so of concurrent sweeps (several workers) exactly one writes
   * the event. False when it was written already or the session moved on.
   */
  async markReviewOverdue (session: SessionRow, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('sessions').set({ overdueNotifiedAt: at })
        .where('id', '=', session.id).where('status', '=', REVIEW_STATUS).where('overdueNotifiedAt', 'is', null)
        .where('dueAt', 'is not', null).where('dueAt', '<=', at)
        .executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return false
      const c = SESSION_CHANGES.reviewOverdue
      await audit(trx, { sessionId: session.id, actor: 'system', action: c.action, detail: JSON.stringify({ dueAt: session.dueAt }), at })
      await emit(trx, session, c.event, { status: session.status, previousStatus: session.status, dueAt: session.dueAt, reviewerId: session.reviewerId }, at)
      return true
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
   * Records the applicant's consent on the session (once: a consent already recorded stays as it
   * was), with its audit row and event; false when the session may no longer answer it.
   */
  async acceptConsent (session: SessionRow, consent: string, detail: string, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const current = await this.lockSession(trx, session.id)
      if (!current || !(SESSION_TRANSITIONS.declineConsent.from as readonly SessionStatus[]).includes(current.status)) return false
      if (current.consent !== null) return true
      await trx.updateTable('sessions').set({ consent }).where('id', '=', session.id).execute()
      const c = SESSION_CHANGES.acceptConsent
      await audit(trx, { sessionId: session.id, actor: 'applicant', action: c.action, detail, at })
      await emit(trx, current, c.event, { status: current.status, previousStatus: current.status, consent: JSON.parse(detail) as unknown }, at)
      return true
    })
  }

  /** The applicant declines the consent text: EXPIRED (reason "consent_declined") with its open steps; false if it could no longer answer. */
  async declineConsent (session: SessionRow, detail: string, at: string): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      if (!await this.moveSession(trx, session, 'declineConsent', 'applicant', at, detail)) return false
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
      await audit(trx, { sessionId: session.id, actor, action: SESSION_CHANGES.reissueLink.action, at })
      return true
    })
  }

  /** The session's current row, locked until the transaction ends (records.ts). */
  private async lockSession (trx: Trx, sessionId: number): Promise<SessionRow | undefined> {
    return await lockSession(trx, sessionId)
  }

  /** The session's audit trail, oldest first (the audit log is the lifecycle's: every change writes its row). */
  async auditTrail (sessionId: number): Promise<AuditRow[]> {
    return await this.db.selectFrom('auditLog').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  /** Erases the applicant's data of a final session (redaction.ts). */
  async redactSession (session: SessionRow, actor: Actor, finalStatuses: readonly SessionStatus[], at: string): Promise<boolean> {
    return await redactSession(this.db, this.participants.erasers, session, actor, finalStatuses, at)
  }

  /** Moves a session to a reviewer's queue, null for the team's (assignment.ts). */
  async assignSession (session: SessionRow, reviewerId: string | null, actor: Actor, at: string): Promise<void> {
    await assignSession(this.db, session, reviewerId, actor, at)
  }

  /**
   * A change of the session's link delivery (a message sent or failed, a reminder, the first
   * opening): \`within\` applies it; when it answers true, its audit row and event follow in the same
   * transaction, so a change is announced exactly once. False when the session is gone or \`within\`
   * declined.
   */
  async recordDelivery (sessionId: number, change: DeliveryChangeName, actor: Actor, payload: Record<string, unknown>, at: string,
    within: (trx: Trx) => Promise<boolean>): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const session = await trx.selectFrom('sessions').selectAll().where('id', '=', sessionId).executeTakeFirst()
      if (!session || !await within(trx)) return false
      const c = SESSION_CHANGES[change]
      await audit(trx, { sessionId, actor, action: c.action, detail: JSON.stringify(payload), at })
      await emit(trx, session, c.event, payload, at)
      return true
    })
  }

  private async expireOpenSteps (trx: Trx, sessionId: number, at: string, exceptStepId?: number): Promise<void> {
    await moveStep(trx, 'expire', { sessionId, exceptStepId }, { set: { updatedAt: at } })
  }

  /** One session transition: the conditional UPDATE, its audit row and its event. False when the session was not in a from-status. */
  private async moveSession (trx: Trx, session: SessionRow, name: SessionTransitionName, actor: Actor, at: string,
    detail: string | null = null, extra: SessionUpdate = {},
    payload: Record<string, unknown> = {}): Promise<boolean> {
    // The row as it was, locked: the status it leaves (for the counts and previousStatus), and its
    // applicant and metadata for the event.
    const before = await this.lockSession(trx, session.id)
    return before !== undefined && await this.moveLocked(trx, before, name, actor, at, detail, extra, payload)
  }

  /** moveSession for a caller that locked the session in this transaction already (`before` is that row). */
  private async moveLocked (trx: Trx, before: SessionRow, name: SessionTransitionName, actor: Actor, at: string,
    detail: string | null = null, extra: SessionUpdate = {},
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
    // The reviewer may change with the move (round-robin assignment on entering REVIEWING).
    await this.record(trx, moved, [[before.reviewerId, from, -1], [moved.reviewerId, t.to, 1]],
      { sessionId: before.id, actor, action: t.action, fromStatus: t.from.length === 1 ? t.from[0] : null, toStatus: t.to, detail, at },
      { session: before, type: t.event, payload: { status: t.to, previousStatus: before.status, statusReason: statusReason ?? before.statusReason, ...payload }, at })
    return true
  }

  /**
   * A session change's bookkeeping in its transaction: the session_counts deltas (counts.ts), the
   * audit row and the outbox event (records.ts), as plain SQL (Kysely's builders cost more CPU than
   * SQLite takes to run these statements). On PostgreSQL one statement (data-modifying CTEs): one
   * round trip instead of three.
   */
  private async record (trx: Trx, scope: { teamId: number, livemode: number }, deltas: CountDeltas,
    entry: AuditEntry, event: { session: SessionRow, type: EventType, payload: Record<string, unknown>, at: string }): Promise<void> {
    const a = auditRow(entry)
    const e = eventRow(event.session, event.type, event.payload, event.at)
    const counts = countsStatement(scope, deltas)
    const audited = sql`insert into audit_log (session_id, step_id, actor, action, from_status, to_status, detail, at)
      values (${a.sessionId}, ${a.stepId}, ${a.actor}, ${a.action}, ${a.fromStatus}, ${a.toStatus}, ${a.detail}, ${a.at})`
    const emitted = sql`insert into events (team_id, session_id, livemode, type, payload, created_at)
      values (${e.teamId}, ${e.sessionId}, ${e.livemode}, ${e.type}, ${e.payload}, ${e.createdAt})`
    if (this.pg) {
      await sql`with counted as (${counts}), audited as (${audited}) ${emitted}`.execute(trx)
    } else {
      await counts.execute(trx)
      await audited.execute(trx)
      await emitted.execute(trx)
    }
  }
}

/** What a step event adds: the step, its source and its status (`status` stays the step's, as it always was). */
function stepFields (session: SessionRow, step: StepRow, sourceName: string | null, to: StepStatus): Record<string, unknown> {
  return {
    stepId: step.id,
    sourceId: step.sourceId,
    sourceName,
    status: to,
    stepStatus: to,
    previousStatus: step.status,
    sessionStatus: session.status
  }
}

/** Thrown inside a transaction to roll it back when a claimed step is no longer IN_PROGRESS, or its session no longer PROCESSING. */
class LostClaim extends Error {
  constructor (readonly refusal: Refusal = { refused: 'expired' }) { super('claim lost') }
}

/** Proofs settle only in a session still being worked on (canSubmitInSession). */
function assertStillProcessing (session: SessionRow): void {
  if (canSubmitInSession(session.status)) return
  throw new LostClaim(isExpiredSession(session.status) ? { refused: 'expired' } : { refused: 'status', status: session.status })
}

function lostClaimAsExpired (err: unknown): Refusal {
  if (err instanceof LostClaim) return err.refusal
  throw err
}

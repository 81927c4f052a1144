import type { Insertable, Kysely, Transaction } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import type { Database, DeliveryPlanRow, DeliveryPlansTable, DeliverySuppressionRow, LinkDeliveriesTable, LinkDeliveryRow } from '../../db/types.js'

export type Executor = Kysely<Database> | Transaction<Database>
export type NewPlan = Insertable<DeliveryPlansTable>
export type NewMessage = Insertable<LinkDeliveriesTable>

/** What an attempt ended in; `null` leaves the column as it is. */
export interface MessageOutcome {
  status: 'queued' | 'sent' | 'failed' | 'suppressed'
  /** The attempts counted; left out, the claim's count stands (a suppressed message was not attempted). */
  attempts?: number
  nextAttemptAt: string
  lastError: string | null
  transport: string | null
  providerId: string | null
  sentAt: string | null
  updatedAt: string
}

/** A message a worker has claimed: its attempt is in flight until `claimedUntil`. */
export type ClaimedMessage = Pick<LinkDeliveryRow, 'id' | 'sessionId' | 'teamId' | 'livemode' | 'kind' | 'channel' | 'toAddress' | 'toMasked' |
'toHash' | 'attempts' | 'content' | 'sendNo'>

/** An outbox message as `partner-api outbox list` and the console show it (content still sealed). */
export type OutboxRow = Pick<LinkDeliveryRow, 'id' | 'sessionId' | 'teamId' | 'livemode' | 'kind' | 'channel' | 'toAddress' | 'toMasked' | 'status' |
'content' | 'createdAt' | 'sentAt' | 'openedAt'>

/** Why an address is suppressed: the applicant's own request (STOP, unsubscribe) or a hard bounce. */
export type SuppressionReason = 'sms_stop' | 'email_unsubscribe' | 'bounced'

/** A hard bounce's suppression: which message bounced, and the provider's code (never the address). */
export interface BounceSuppression { teamId: number, channel: string, addressHash: string, code: string | null, sessionId: number, deliveryId: number, createdAt: string }

export class DeliveryRepository {
  private readonly pg: boolean
  constructor (private readonly db: Kysely<Database>) { this.pg = isPostgres(db) }

  /** Redaction (in its transaction): the link's addresses, the sealed link and the messages (masked addresses read [redacted]). */
  async eraseForSession (trx: Executor, sessionId: number, at: string): Promise<void> {
    await trx.updateTable('deliveryPlans').set({ email: null, phone: null, linkSealed: null, nextReminderAt: null, updatedAt: at })
      .where('sessionId', '=', sessionId).execute()
    await trx.updateTable('linkDeliveries').set({ toAddress: null, toMasked: '[redacted]', content: null })
      .where('sessionId', '=', sessionId).execute()
    // A server's or gateway's answer often names the address (550 <jane@example.com>: user unknown).
    await trx.updateTable('linkDeliveries').set({ lastError: '[redacted]' })
      .where('sessionId', '=', sessionId).where('lastError', 'is not', null).execute()
  }

  async findPlan (sessionId: number, db: Executor = this.db): Promise<DeliveryPlanRow | undefined> {
    return await db.selectFrom('deliveryPlans').selectAll().where('sessionId', '=', sessionId).executeTakeFirst()
  }

  /** A plan for a session that has none yet (a concurrent call may have made it: then nothing). */
  async insertPlanIfAbsent (plan: NewPlan): Promise<void> {
    await this.db.insertInto('deliveryPlans').values(plan).onConflict((oc) => oc.column('sessionId').doNothing()).execute()
  }

  /** The plan and its first send's messages (in the session's creation transaction when given one). */
  async insertPlan (plan: NewPlan, messages: NewMessage[], db: Executor = this.db): Promise<void> {
    await db.insertInto('deliveryPlans').values(plan).execute()
    if (messages.length > 0) await db.insertInto('linkDeliveries').values(messages).execute()
  }

  /**
   * A new send of the plan: its counter moves from `observedSends` (so two concurrent sends cannot
   * both take the same number) with `changes`, and its messages are queued, in one transaction.
   * False when the plan changed meanwhile.
   */
  async startSend (sessionId: number, observedSends: number, changes: Partial<NewPlan>, messages: NewMessage[]): Promise<boolean> {
    return await this.db.transaction().execute(async (trx) => {
      const res = await trx.updateTable('deliveryPlans').set({ ...changes, sends: observedSends + 1 })
        .where('sessionId', '=', sessionId).where('sends', '=', observedSends).executeTakeFirst()
      if (Number(res.numUpdatedRows) !== 1) return false
      if (messages.length > 0) await trx.insertInto('linkDeliveries').values(messages).execute()
      return true
    })
  }

  async updatePlan (sessionId: number, changes: Partial<NewPlan>): Promise<void> {
    await this.db.updateTable('deliveryPlans').set(changes).where('sessionId', '=', sessionId).execute()
  }

  /** Moves a due reminder on (to its next time, or none), unless another worker did first. */
  async advanceReminder (plan: Pick<DeliveryPlanRow, 'sessionId' | 'nextReminderAt' | 'remindersSent'>, next: { nextReminderAt: string | null, remindersSent: number }, at: string): Promise<boolean> {
    let query = this.db.updateTable('deliveryPlans').set({ ...next, updatedAt: at })
      .where('sessionId', '=', plan.sessionId).where('remindersSent', '=', plan.remindersSent)
    query = plan.nextReminderAt === null ? query.where('nextReminderAt', 'is', null) : query.where('nextReminderAt', '=', plan.nextReminderAt)
    const res = await query.executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  async dueReminders (now: string, limit: number): Promise<DeliveryPlanRow[]> {
    return await this.db.selectFrom('deliveryPlans').selectAll()
      .where('nextReminderAt', 'is not', null).where('nextReminderAt', '<=', now)
      .orderBy('nextReminderAt').limit(limit).execute()
  }

  async listForSession (sessionId: number): Promise<LinkDeliveryRow[]> {
    return await this.db.selectFrom('linkDeliveries').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute()
  }

  /**
   * Claims up to `limit` due messages: counts the attempt and leases it until `leaseUntil`, so no
   * other worker (of this process or another) takes it meanwhile. On PostgreSQL the claim skips
   * rows another transaction holds; on SQLite the transaction is the lock. The UPDATE is
   * conditional, so a row claimed first by someone else is left alone.
   */
  async claimDue (now: string, leaseUntil: string, limit: number): Promise<ClaimedMessage[]> {
    return await this.db.transaction().execute(async (trx) => {
      let due = trx.selectFrom('linkDeliveries').select('id')
        .where('status', '=', 'queued').where('nextAttemptAt', '<=', now).where('claimedUntil', 'is', null)
        .orderBy('nextAttemptAt').orderBy('id').limit(limit)
      if (this.pg) due = due.forUpdate().skipLocked()
      const ids = (await due.execute()).map((r) => r.id)
      if (ids.length === 0) return []
      return await trx.updateTable('linkDeliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), claimedUntil: leaseUntil, updatedAt: now }))
        .where('id', 'in', ids).where('status', '=', 'queued').where('claimedUntil', 'is', null)
        .returning(['id', 'sessionId', 'teamId', 'livemode', 'kind', 'channel', 'toAddress', 'toMasked', 'toHash', 'attempts', 'content', 'sendNo'])
        .execute()
    })
  }

  /** Messages whose attempt's lease ran out without an outcome (the worker stopped mid-attempt). */
  async abandoned (now: string, limit: number): Promise<LinkDeliveryRow[]> {
    return await this.db.selectFrom('linkDeliveries').selectAll()
      .where('status', '=', 'queued').where('claimedUntil', 'is not', null).where('claimedUntil', '<', now)
      .orderBy('id').limit(limit).execute()
  }

  /** Records an attempt's outcome, unless the message moved meanwhile (another attempt, redaction); in `db`'s transaction. */
  async finish (id: number, attempt: number, outcome: MessageOutcome, db: Executor = this.db): Promise<boolean> {
    const res = await db.updateTable('linkDeliveries').set({ ...outcome, claimedUntil: null })
      .where('id', '=', id).where('attempts', '=', attempt).where('status', '=', 'queued').where('claimedUntil', 'is not', null)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /**
   * The session's first opening: sets the plan's openedAt (true only for the call that did), and
   * marks the latest sent message of the channel opened.
   */
  async markOpened (db: Executor, sessionId: number, channel: string | null, at: string): Promise<boolean> {
    const res = await db.updateTable('deliveryPlans').set({ openedAt: at, updatedAt: at })
      .where('sessionId', '=', sessionId).where('openedAt', 'is', null).executeTakeFirst()
    if (Number(res.numUpdatedRows) !== 1) return false
    if (channel !== null) {
      const latest = await db.selectFrom('linkDeliveries').select('id').where('sessionId', '=', sessionId).where('channel', '=', channel)
        .where('status', '=', 'sent').orderBy('id', 'desc').limit(1).executeTakeFirst()
      if (latest) await db.updateTable('linkDeliveries').set({ status: 'opened', openedAt: at, updatedAt: at }).where('id', '=', latest.id).execute()
    }
    return true
  }

  /** The message a provider's id names (the gateway's MessageSid, the SMTP Message-ID). */
  async findByProvider (channel: string, providerId: string): Promise<LinkDeliveryRow | undefined> {
    return await this.db.selectFrom('linkDeliveries').selectAll()
      .where('providerId', '=', providerId).where('channel', '=', channel).orderBy('id', 'desc').limit(1).executeTakeFirst()
  }

  /** A sent message the provider later reported lost: `bounced` or `failed`, with its error; false when it is no longer `sent`. */
  async markLost (db: Executor, id: number, status: 'bounced' | 'failed', error: string, at: string): Promise<boolean> {
    const res = await db.updateTable('linkDeliveries').set({ status, lastError: error, updatedAt: at })
      .where('id', '=', id).where('status', '=', 'sent').executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  /** The team's suppression of an address on a channel, if any (in `db`'s transaction when given one). */
  async findSuppression (teamId: number, channel: string, addressHash: string, db: Executor = this.db): Promise<DeliverySuppressionRow | undefined> {
    return await db.selectFrom('deliverySuppressions').selectAll()
      .where('teamId', '=', teamId).where('channel', '=', channel).where('addressHash', '=', addressHash).executeTakeFirst()
  }

  /**
   * The applicant's own request (STOP, unsubscribe) for each team: a new suppression, or one that
   * replaces a bounce's (the applicant's word is what stands then: a partner may lift a bounce).
   */
  async suppress (teamIds: number[], channel: string, addressHash: string, reason: Exclude<SuppressionReason, 'bounced'>, at: string): Promise<void> {
    if (teamIds.length === 0) return
    await this.db.insertInto('deliverySuppressions')
      .values(teamIds.map((teamId) => ({ teamId, channel, addressHash, reason, code: null, sessionId: null, deliveryId: null, createdAt: at })))
      .onConflict((oc) => oc.columns(['teamId', 'channel', 'addressHash'])
        .doUpdateSet({ reason, code: null, sessionId: null, deliveryId: null, createdAt: at })
        .where('deliverySuppressions.reason', '=', 'bounced'))
      .execute()
  }

  /** A hard bounce's suppression, in the transaction that marks the message bounced; an address already suppressed stays as it is. */
  async suppressBounced (db: Executor, s: BounceSuppression): Promise<void> {
    await db.insertInto('deliverySuppressions').values({ ...s, reason: 'bounced' })
      .onConflict((oc) => oc.columns(['teamId', 'channel', 'addressHash']).doNothing()).execute()
  }

  /** The applicant's START: every suppression of the number for these teams ends (it can receive, and wants to). */
  async unsuppress (teamIds: number[], channel: string, addressHash: string): Promise<void> {
    if (teamIds.length === 0) return
    await this.db.deleteFrom('deliverySuppressions').where('teamId', 'in', teamIds).where('channel', '=', channel).where('addressHash', '=', addressHash).execute()
  }

  /** The team's suppressions, newest first: `limit + 1` rows, so the caller knows whether more follow. */
  async listSuppressions (q: { teamId: number, channel?: string, reason?: string, addressHash?: string, beforeId?: number, limit: number }): Promise<DeliverySuppressionRow[]> {
    let query = this.db.selectFrom('deliverySuppressions').selectAll().where('teamId', '=', q.teamId)
    if (q.channel !== undefined) query = query.where('channel', '=', q.channel)
    if (q.reason !== undefined) query = query.where('reason', '=', q.reason)
    if (q.addressHash !== undefined) query = query.where('addressHash', '=', q.addressHash)
    if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId)
    return await query.orderBy('id', 'desc').limit(q.limit + 1).execute()
  }

  async findSuppressionById (teamId: number, id: number): Promise<DeliverySuppressionRow | undefined> {
    return await this.db.selectFrom('deliverySuppressions').selectAll().where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
  }

  /** Lifts one suppression of the team; false when it is gone (lifted meanwhile). */
  async deleteSuppression (teamId: number, id: number): Promise<boolean> {
    const res = await this.db.deleteFrom('deliverySuppressions').where('teamId', '=', teamId).where('id', '=', id).executeTakeFirst()
    return Number(res.numDeletedRows) === 1
  }

  /** Teams that have sent messages to an address. */
  async teamsThatMessaged (channel: string, addressHash: string): Promise<number[]> {
    const rows = await this.db.selectFrom('linkDeliveries').select('teamId').distinct()
      .where('toHash', '=', addressHash).where('channel', '=', channel).execute()
    return rows.map((r) => r.teamId)
  }

  async listOutbox (q: { teamId?: number, livemode?: boolean, limit: number }): Promise<OutboxRow[]> {
    let query = this.db.selectFrom('linkDeliveries')
      .select(['id', 'sessionId', 'teamId', 'livemode', 'kind', 'channel', 'toAddress', 'toMasked', 'status', 'content', 'createdAt', 'sentAt', 'openedAt'])
      .where('transport', '=', 'outbox')
    if (q.teamId !== undefined) query = query.where('teamId', '=', q.teamId)
    if (q.livemode !== undefined) query = query.where('livemode', '=', q.livemode ? 1 : 0)
    return await query.orderBy('id', 'desc').limit(q.limit).execute()
  }
}

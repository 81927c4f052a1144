import { sql, type ExpressionBuilder, type Kysely } from 'kysely'
import { isPostgres } from '../../db/dialect.js'
import { lockTeam } from '../keys/keys.repository.js'
import type { Database, WebhookEndpointRow } from '../../db/types.js'
import type { EventType } from '../lifecycle/lifecycle.js'

/** A team's endpoints of one mode: test keys manage test endpoints, which receive test events only. */
export interface EndpointScope { teamId: number, livemode: boolean }

export interface NewEndpoint { teamId: number, livemode: boolean, url: string, secret: string, events: string[], createdAt: string, apiVersion: string }

export interface EndpointChanges { url?: string, events?: string[], enabled?: boolean }

/** An event not yet fanned out into deliveries. */
export interface OutboxEventRow { id: number, teamId: number, livemode: number, type: string, payload: string, createdAt: string }

export interface DeliveryTarget { endpointId: number, eventId: number }

/** A delivery this process has claimed (leased) to attempt now, with what it needs to send it. */
export interface ClaimedDelivery {
  id: number
  attempts: number // including the attempt now being made
  endpointId: number
  url: string
  secret: string
  previousSecret: string | null
  previousSecretExpiresAt: string | null
  enabled: number
  eventId: number
  eventType: string
  payload: string
  eventCreatedAt: string
  apiVersion: string // the endpoint's: the version its payloads are shaped by
}

export interface DeliveryOutcome {
  status: 'PENDING' | 'DELIVERED' | 'FAILED'
  nextAttemptAt: string
  lastStatusCode: number | null
  lastError: string | null
  updatedAt: string
  response: string | null
}

export interface DeliveryListRow {
  id: number
  eventId: number
  eventType: string
  status: string
  attempts: number
  nextAttemptAt: string
  lastAttemptAt: string | null
  lastStatusCode: number | null
  lastError: string | null
  createdAt: string
  updatedAt: string
  payload: string
  response: string | null
}

/** An event as the reconciliation list reads it. */
export interface EventListRow { id: number, type: string, payload: string, createdAt: string }

export interface EventListQuery {
  /** An exact type, or every type under a prefix (`session.`) when `prefix` is set. */
  type?: string
  prefix?: boolean
  /** Only one session's events. */
  sessionId?: number
  /** `desc` newest first (the default), `asc` oldest first. */
  order?: 'asc' | 'desc'
  /** Only events past this one in the list's order (older for `desc`, newer for `asc`). */
  afterId?: number
  /** Only events created after this instant (the retention window). */
  since: string
  limit: number
}

const DELIVERY_COLUMNS = ['d.id', 'd.eventId', 'e.type as eventType', 'd.status', 'd.attempts', 'd.nextAttemptAt', 'd.lastAttemptAt',
  'd.lastStatusCode', 'd.lastError', 'd.createdAt', 'd.updatedAt', 'e.payload', 'd.response'] as const

// Rows per INSERT: well under both dialects' limits on bound parameters.
const INSERT_CHUNK = 500

export class WebhooksRepository {
  private readonly pg: boolean
  constructor (private readonly db: Kysely<Database>) {
    this.pg = isPostgres(db)
  }

  /**
   * Redaction (in its transaction): the session's event payloads say only that it was redacted.
   * Deliveries carry no copy of the payload (they are signed from the event when sent), but a
   * receiver's answer may echo it: the stored start of each answer goes too.
   */
  async eraseForSession (trx: Kysely<Database>, sessionId: number): Promise<void> {
    await trx.updateTable('events').set({ payload: JSON.stringify({ sessionId, redacted: true }) })
      .where('sessionId', '=', sessionId).execute()
    const events = trx.selectFrom('events').select('id').where('sessionId', '=', sessionId)
    await trx.updateTable('webhookDeliveries').set({ response: null }).where('eventId', 'in', events).where('response', 'is not', null).execute()
  }

  /**
   * Inserts the endpoint unless the team already has `max`; null when it has. Count and insert are
   * one transaction that holds the team's lock, so concurrent creates cannot all see room: on
   * PostgreSQL the team row is locked (FOR UPDATE), on SQLite the transaction takes the database's
   * write lock when it begins (BEGIN IMMEDIATE, see db/database.ts).
   */
  async insertEndpointWithinCap (e: NewEndpoint, max: number): Promise<WebhookEndpointRow | null> {
    return await this.db.transaction().execute(async (trx) => {
      if (this.pg) await lockTeam(trx, e.teamId)
      const { n } = await trx.selectFrom('webhookEndpoints').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('teamId', '=', e.teamId).where('livemode', '=', e.livemode ? 1 : 0).executeTakeFirstOrThrow()
      if (Number(n) >= max) return null
      const [row] = await trx.insertInto('webhookEndpoints').values({
        teamId: e.teamId,
        livemode: e.livemode ? 1 : 0,
        url: e.url,
        secret: e.secret,
        events: JSON.stringify(e.events),
        enabled: 1,
        createdAt: e.createdAt,
        updatedAt: e.createdAt,
        apiVersion: e.apiVersion
      }).returningAll().execute()
      return row
    })
  }

  /** An outbox event that belongs to no session (api_key.*), in `trx` when given (the change it announces commits with it). */
  async insertEvent (e: { teamId: number, livemode: boolean, type: EventType, payload: Record<string, unknown>, createdAt: string }, trx: Kysely<Database> = this.db): Promise<void> {
    await trx.insertInto('events').values({
      teamId: e.teamId, sessionId: null, livemode: e.livemode ? 1 : 0, type: e.type, payload: JSON.stringify({ ...e.payload, livemode: e.livemode }), createdAt: e.createdAt
    }).execute()
  }

  async listForTeam (scope: EndpointScope): Promise<WebhookEndpointRow[]> {
    return await this.db.selectFrom('webhookEndpoints').selectAll().where('teamId', '=', scope.teamId)
      .where('livemode', '=', scope.livemode ? 1 : 0).orderBy('id').execute()
  }

  /** An endpoint of this team only: another team's reads as missing. */
  async findForTeam (id: number, scope: EndpointScope): Promise<WebhookEndpointRow | undefined> {
    return await this.db.selectFrom('webhookEndpoints').selectAll().where('id', '=', id).where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode ? 1 : 0).executeTakeFirst()
  }

  /** Applies the changes; disabling also fails the endpoint's pending deliveries, in the same transaction. */
  async update (id: number, scope: EndpointScope, changes: EndpointChanges, now: string): Promise<WebhookEndpointRow | undefined> {
    return await this.db.transaction().execute(async (trx) => {
      const [row] = await trx.updateTable('webhookEndpoints').set({
        ...(changes.url !== undefined ? { url: changes.url } : {}),
        ...(changes.events !== undefined ? { events: JSON.stringify(changes.events) } : {}),
        ...(changes.enabled !== undefined ? { enabled: changes.enabled ? 1 : 0 } : {}),
        updatedAt: now
      }).where('id', '=', id).where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode ? 1 : 0).returningAll().execute()
      if (row && changes.enabled === false) {
        await trx.updateTable('webhookDeliveries')
          .set({ status: 'FAILED', lastError: 'Endpoint disabled', updatedAt: now })
          .where('endpointId', '=', id).where('status', '=', 'PENDING').execute()
      }
      return row
    })
  }

  async rotateSecret (id: number, scope: EndpointScope, secret: string, previousExpiresAt: string, now: string): Promise<WebhookEndpointRow | undefined> {
    const [row] = await this.db.updateTable('webhookEndpoints')
      .set((eb) => ({ previousSecret: eb.ref('secret'), previousSecretExpiresAt: previousExpiresAt, secret, updatedAt: now }))
      .where('id', '=', id).where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode ? 1 : 0).returningAll().execute()
    return row
  }

  /** Deletes the endpoint and (by cascade) its deliveries. */
  async delete (id: number, scope: EndpointScope): Promise<boolean> {
    const res = await this.db.deleteFrom('webhookEndpoints').where('id', '=', id).where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode ? 1 : 0).executeTakeFirst()
    return Number(res.numDeletedRows) === 1
  }

  async listDeliveries (endpointId: number, q: { status?: string, limit: number }): Promise<DeliveryListRow[]> {
    let query = this.db.selectFrom('webhookDeliveries as d').innerJoin('events as e', 'e.id', 'd.eventId')
      .select(DELIVERY_COLUMNS)
      .where('d.endpointId', '=', endpointId)
    if (q.status) query = query.where('d.status', '=', q.status)
    return await query.orderBy('d.id', 'desc').limit(q.limit).execute()
  }

  async findDelivery (endpointId: number, deliveryId: number): Promise<DeliveryListRow | undefined> {
    return await this.db.selectFrom('webhookDeliveries as d').innerJoin('events as e', 'e.id', 'd.eventId')
      .select(DELIVERY_COLUMNS).where('d.endpointId', '=', endpointId).where('d.id', '=', deliveryId).executeTakeFirst()
  }

  /**
   * Queues a new attempt of a delivery now. A DELIVERED or FAILED one becomes PENDING again with a
   * fresh set of retries; a PENDING one is brought forward only when no attempt of it can be in
   * flight (its last one began before `leaseStart`, so its lease has run out): a claimed delivery is
   * never handed to a second sender. Each is one conditional UPDATE, so concurrent calls are safe.
   */
  async redeliver (endpointId: number, deliveryId: number, now: string, leaseStart: string): Promise<void> {
    await this.db.updateTable('webhookDeliveries').set({ status: 'PENDING', attempts: 0, nextAttemptAt: now, updatedAt: now })
      .where('id', '=', deliveryId).where('endpointId', '=', endpointId).where('status', 'in', ['DELIVERED', 'FAILED'])
      .execute()
    await this.db.updateTable('webhookDeliveries').set({ nextAttemptAt: now, updatedAt: now })
      .where('id', '=', deliveryId).where('endpointId', '=', endpointId).where('status', '=', 'PENDING')
      .where('nextAttemptAt', '>', now)
      .where((eb) => eb.or([eb('lastAttemptAt', 'is', null), eb('lastAttemptAt', '<', leaseStart)]))
      .execute()
  }

  /** One page of a team's events of one mode, in id order (limit + 1 rows, so the caller knows whether more follow). */
  async listEvents (scope: EndpointScope, q: EventListQuery): Promise<EventListRow[]> {
    let query = this.db.selectFrom('events').select(['id', 'type', 'payload', 'createdAt'])
      .where('teamId', '=', scope.teamId).where('livemode', '=', scope.livemode ? 1 : 0).where('createdAt', '>', q.since)
    if (q.type !== undefined) {
      query = q.prefix
        ? query.where(sql<string>`substr(${sql.ref('type')}, 1, ${q.type.length})`, '=', q.type)
        : query.where('type', '=', q.type)
    }
    if (q.sessionId !== undefined) query = query.where('sessionId', '=', q.sessionId)
    const asc = q.order === 'asc'
    if (q.afterId !== undefined) query = query.where('id', asc ? '>' : '<', q.afterId)
    return await query.orderBy('id', asc ? 'asc' : 'desc').limit(q.limit + 1).execute()
  }

  async findEvent (id: number, scope: EndpointScope, since: string): Promise<{ id: number } | undefined> {
    return await this.db.selectFrom('events').select('id').where('id', '=', id).where('teamId', '=', scope.teamId)
      .where('livemode', '=', scope.livemode ? 1 : 0).where('createdAt', '>', since).executeTakeFirst()
  }

  /**
   * Deletes up to `limit` events created at or before `before`, with their finished deliveries. An
   * event still waiting to be fanned out, or with a PENDING delivery, stays until that is done.
   */
  async purgeEvents (before: string, limit: number): Promise<number> {
    return await this.db.transaction().execute(async (trx) => {
      const pending = (eb: ExpressionBuilder<Database, 'events'>) => eb.exists(eb.selectFrom('webhookDeliveries as p').select('p.id')
        .whereRef('p.eventId', '=', 'events.id').where('p.status', '=', 'PENDING'))
      let due = trx.selectFrom('events').select('id').where('createdAt', '<=', before).where('dispatchedAt', 'is not', null)
        .where((eb) => eb.not(pending(eb))).orderBy('id').limit(limit)
      if (this.pg) due = due.forUpdate().skipLocked()
      const ids = (await due.execute()).map((r) => r.id)
      if (ids.length === 0) return 0
      await trx.deleteFrom('webhookDeliveries').where('eventId', 'in', ids).where('status', '<>', 'PENDING').execute()
      // A delivery made PENDING meanwhile (a redelivery) keeps its event.
      const res = await trx.deleteFrom('events').where('id', 'in', ids).where((eb) => eb.not(pending(eb))).executeTakeFirst()
      return Number(res.numDeletedRows)
    })
  }

  /**
   * Claims up to `limit` events not yet fanned out, asks `plan` which deliveries they make, inserts
   * those and marks the events dispatched, in one transaction. On PostgreSQL the claim skips rows
   * another process holds, so concurrent dispatchers split the backlog; on SQLite the transaction
   * is the lock. The unique (endpoint, event) index makes a repeated fan-out insert nothing twice.
   */
  async fanOut (limit: number, now: string,
    plan: (events: OutboxEventRow[], endpoints: WebhookEndpointRow[]) => DeliveryTarget[]): Promise<{ events: number, deliveries: number }> {
    return await this.db.transaction().execute(async (trx) => {
      let claim = trx.selectFrom('events').select(['id', 'teamId', 'livemode', 'type', 'payload', 'createdAt'])
        .where('dispatchedAt', 'is', null).orderBy('id').limit(limit)
      if (this.pg) claim = claim.forUpdate().skipLocked()
      const events = await claim.execute()
      if (events.length === 0) return { events: 0, deliveries: 0 }

      const teamIds = [...new Set(events.map((e) => e.teamId))]
      const endpoints = await trx.selectFrom('webhookEndpoints').selectAll()
        .where('teamId', 'in', teamIds).where('enabled', '=', 1).execute()
      const targets = plan(events, endpoints)
      let deliveries = 0
      for (let i = 0; i < targets.length; i += INSERT_CHUNK) {
        const res = await trx.insertInto('webhookDeliveries')
          .values(targets.slice(i, i + INSERT_CHUNK).map((t) => ({
            endpointId: t.endpointId,
            eventId: t.eventId,
            status: 'PENDING',
            attempts: 0,
            nextAttemptAt: now,
            createdAt: now,
            updatedAt: now
          })))
          .onConflict((oc) => oc.columns(['endpointId', 'eventId']).doNothing())
          .executeTakeFirst()
        deliveries += Number(res.numInsertedOrUpdatedRows ?? 0)
      }
      await trx.updateTable('events').set({ dispatchedAt: now }).where('id', 'in', events.map((e) => e.id)).execute()
      return { events: events.length, deliveries }
    })
  }

  /**
   * Claims up to `limit` due deliveries: counts the attempt and pushes next_attempt_at to
   * `leaseUntil`, so no other process picks them while this one sends them. A process that dies
   * mid-attempt leaves the lease to run out, and the delivery is tried again (at least once).
   */
  async claimDue (now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    return await this.db.transaction().execute(async (trx) => {
      let due = trx.selectFrom('webhookDeliveries').select('id')
        .where('status', '=', 'PENDING').where('nextAttemptAt', '<=', now)
        .orderBy('nextAttemptAt').orderBy('id').limit(limit)
      if (this.pg) due = due.forUpdate().skipLocked()
      const ids = (await due.execute()).map((r) => r.id)
      if (ids.length === 0) return []
      // Conditional, so that on SQLite too a row some other writer claimed first is left alone.
      const claimed = await trx.updateTable('webhookDeliveries')
        .set((eb) => ({ attempts: eb('attempts', '+', 1), nextAttemptAt: leaseUntil, lastAttemptAt: now, updatedAt: now }))
        .where('id', 'in', ids).where('status', '=', 'PENDING').where('nextAttemptAt', '<=', now)
        .returning('id').execute()
      if (claimed.length === 0) return []
      return await trx.selectFrom('webhookDeliveries as d')
        .innerJoin('webhookEndpoints as w', 'w.id', 'd.endpointId')
        .innerJoin('events as e', 'e.id', 'd.eventId')
        .select(['d.id', 'd.attempts', 'd.endpointId', 'w.url', 'w.secret', 'w.previousSecret', 'w.previousSecretExpiresAt', 'w.enabled',
          'd.eventId', 'e.type as eventType', 'e.payload', 'e.createdAt as eventCreatedAt', 'w.apiVersion'])
        .where('d.id', 'in', claimed.map((r) => r.id))
        .orderBy('d.id')
        .execute()
    })
  }

  /** Records an attempt's outcome, unless the delivery changed meanwhile (disabled, deleted, re-claimed). */
  async finish (id: number, attempt: number, outcome: DeliveryOutcome): Promise<boolean> {
    const res = await this.db.updateTable('webhookDeliveries').set(outcome)
      .where('id', '=', id).where('attempts', '=', attempt).where('status', '=', 'PENDING')
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }
}

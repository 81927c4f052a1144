import { randomBytes } from 'node:crypto'
import type { WebhookEndpointRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { parseJson } from '../../lib/json.js'
import { eventDataFor } from '../../lib/api-versions.js'
import type { Principal } from '../../lib/permissions.js'
import { EVENT_TYPES } from '../lifecycle/lifecycle.js'
import { eventMatches, webhookId, type DispatchResult, type WebhookDispatcher, type WebhookTestResult } from './webhook-dispatcher.js'
import type { DeliveryListRow, EndpointScope, EventListRow, WebhooksRepository } from './webhooks.repository.js'
import type {
  CreateWebhookBody, EventView, ListDeliveriesQuery, ListEventsQuery, UpdateWebhookBody, WebhookDeliveryView, WebhookEndpointView,
  WebhookEndpointWithSecret
} from './webhooks.schemas.js'

export const MAX_ENDPOINTS_PER_TEAM = 20
const MAX_EVENT_ID = 2_147_483_647
/** How long the secret replaced by a rotation keeps signing deliveries beside the new one (ms). */
export const ROTATION_GRACE_MS = 24 * 60 * 60 * 1000

/** `whsec_` + base64 of 24 random bytes: the Standard Webhooks secret format. */
export function newWebhookSecret (): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/**
 * An absolute http(s) URL a partner can receive at, normalised; a message for the caller otherwise.
 * WHATWG parsing is lenient ("https:host" parses), so the raw text is checked too.
 */
export function checkWebhookUrl (raw: string): { url: string } | { error: string } {
  const bad = { error: 'body.url must be an absolute http or https URL' }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f]/.test(raw) || !/^https?:\/\/[^/?#]/i.test(raw)) return bad
  let parsed: URL
  try { parsed = new URL(raw) } catch { return bad }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') return bad
  if (!validHost(parsed.hostname)) return { error: 'body.url must name a valid host (labels of 1 to 63 letters, digits or hyphens, separated by single dots)' }
  if (parsed.username !== '' || parsed.password !== '') return { error: 'body.url must not contain credentials' }
  if (parsed.hash !== '' || raw.includes('#')) return { error: 'body.url must not contain a fragment' }
  if (parsed.href.length > 2000) return { error: 'body.url must be at most 2000 characters long' }
  return { url: parsed.href }
}

/** A DNS label of a host name as WHATWG leaves it (lower case, IDNs in punycode); `_` as some internal names have. */
const LABEL = /^(?!-)[a-z0-9_-]{1,63}(?<!-)$/

/** A host name whose labels are DNS labels ("a..b", ".a" or "-a" could never be reached), or an IP literal. */
function validHost (hostname: string): boolean {
  if (hostname.startsWith('[')) return true // an IPv6 literal: URL parsed it already
  const name = hostname.endsWith('.') ? hostname.slice(0, -1) : hostname // "host." is fully qualified
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label))
}

function viewEndpoint (row: WebhookEndpointRow): WebhookEndpointView {
  return {
    id: row.id,
    url: row.url,
    events: parseJson<string[]>(row.events, []),
    enabled: row.enabled === 1,
    apiVersion: row.apiVersion,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt
  }
}

/** A delivery of an endpoint pinned to `apiVersion`: its payload as that version shapes it (as its body's `data` is sent). */
function viewDelivery (row: DeliveryListRow, apiVersion: string): WebhookDeliveryView {
  return {
    id: row.id,
    eventId: webhookId(row.eventId),
    eventType: row.eventType,
    apiVersion,
    status: row.status as WebhookDeliveryView['status'],
    attempts: row.attempts,
    nextAttemptAt: row.status === 'PENDING' ? row.nextAttemptAt : null,
    lastAttemptAt: row.lastAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    payload: eventDataFor(apiVersion, row.eventType, parseJson<unknown>(row.payload, {})),
    response: row.response
  }
}

/** An event as `apiVersion` (the caller's) shapes it. */
function viewEvent (row: EventListRow, apiVersion: string): EventView {
  return { id: webhookId(row.id), type: row.type, createdAt: row.createdAt, apiVersion, data: eventDataFor(apiVersion, row.type, parseJson<unknown>(row.payload, {})) }
}

/** Events are kept this long (ms) for the reconciliation list; the periodic sweep purges older ones. */
export const EVENT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000

/** "*", an event type ("session.completed"), or every type under a prefix ("session.*"). */

const EVENT_PATTERN = /^(\*|[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*)?)$/

/** The subscribed event types, checked and de-duplicated; every event when none are given. */
function checkEvents (events: string[] | undefined): string[] {
  if (events === undefined) return ['*']
  events.forEach((e, i) => {
    if (!EVENT_PATTERN.test(e)) throw fail('validation_failed', `body.events.${i} must be "*", an event type such as session.completed, or a prefix such as session.*`)
    // A typo would otherwise subscribe to nothing, silently.
    if (!EVENT_TYPES.some((type) => eventMatches([e], type))) {
      throw fail('bad_request', `body.events.${i} matches no event; events are ${EVENT_TYPES.join(', ')}`)
    }
  })
  return [...new Set(events)]
}

/** Webhook endpoints of a team, their deliveries, and the dispatcher that sends them. */
export class WebhooksService {
  constructor (
    private readonly repo: WebhooksRepository,
    private readonly dispatcher: WebhookDispatcher,
    private readonly clock: Clock
  ) {}

  private now (): string { return this.clock.iso() }

  /**
   * The endpoints of the caller's team and mode. Endpoints receive every event of the team, so their
   * routes need the `webhooks` permission (declared on the routes), which a key scoped to one
   * reviewer does not have.
   */
  private teamOf (principal: Principal): EndpointScope {
    return { teamId: principal.teamId, livemode: principal.livemode }
  }

  /** A URL the SSRF guard would refuse at every delivery is refused now, rather than accepted to fail later. */
  private async checkTarget (url: string): Promise<void> {
    if (await this.dispatcher.refuses(url)) {
      throw fail('validation_failed', 'body.url must not point to a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it')
    }
  }

  private async own (principal: Principal, id: number): Promise<WebhookEndpointRow> {
    const row = await this.repo.findForTeam(id, this.teamOf(principal))
    if (!row) throw fail('webhook_not_found')
    return row
  }

  /** `apiVersion`: the version the creating request is served with, which the endpoint keeps. */
  async create (principal: Principal, body: CreateWebhookBody, apiVersion: string): Promise<{ success: true, data: WebhookEndpointWithSecret }> {
    const scope = this.teamOf(principal)
    const checked = checkWebhookUrl(body.url)
    if ('error' in checked) throw fail('validation_failed', checked.error)
    const events = checkEvents(body.events)
    await this.checkTarget(checked.url)
    const secret = newWebhookSecret()
    const row = await this.repo.insertEndpointWithinCap({ ...scope, url: checked.url, secret, events, createdAt: this.now(), apiVersion }, MAX_ENDPOINTS_PER_TEAM)
    if (!row) throw fail('webhook_limit_reached', `A team can have at most ${MAX_ENDPOINTS_PER_TEAM} webhook endpoints; delete one first`)
    return { success: true, data: { ...viewEndpoint(row), secret } }
  }

  async list (principal: Principal): Promise<{ success: true, data: WebhookEndpointView[] }> {
    const rows = await this.repo.listForTeam(this.teamOf(principal))
    return { success: true, data: rows.map(viewEndpoint) }
  }

  async get (principal: Principal, id: number): Promise<{ success: true, data: WebhookEndpointView }> {
    return { success: true, data: viewEndpoint(await this.own(principal, id)) }
  }

  async update (principal: Principal, id: number, body: UpdateWebhookBody): Promise<{ success: true, data: WebhookEndpointView }> {
    const scope = this.teamOf(principal)
    if (body.url === undefined && body.events === undefined && body.enabled === undefined) {
      throw fail('validation_failed', 'body must set at least one of url, events, enabled')
    }
    let url: string | undefined
    if (body.url !== undefined) {
      const checked = checkWebhookUrl(body.url)
      if ('error' in checked) throw fail('validation_failed', checked.error)
      await this.checkTarget(checked.url)
      url = checked.url
    }
    const row = await this.repo.update(id, scope, {
      url,
      events: body.events === undefined ? undefined : checkEvents(body.events),
      enabled: body.enabled
    }, this.now())
    if (!row) throw fail('webhook_not_found')
    return { success: true, data: viewEndpoint(row) }
  }

  /** A new secret, shown once; the old one keeps signing (as a second signature) for ROTATION_GRACE_MS. */
  async rotateSecret (principal: Principal, id: number): Promise<{ success: true, data: WebhookEndpointWithSecret }> {
    const scope = this.teamOf(principal)
    const secret = newWebhookSecret()
    const row = await this.repo.rotateSecret(id, scope, secret, this.clock.iso(ROTATION_GRACE_MS), this.now())
    if (!row) throw fail('webhook_not_found')
    return { success: true, data: { ...viewEndpoint(row), secret } }
  }

  async remove (principal: Principal, id: number): Promise<void> {
    if (!await this.repo.delete(id, this.teamOf(principal))) throw fail('webhook_not_found')
  }

  async deliveries (principal: Principal, id: number, q: ListDeliveriesQuery): Promise<{ success: true, data: WebhookDeliveryView[] }> {
    const endpoint = await this.own(principal, id)
    const rows = await this.repo.listDeliveries(endpoint.id, { status: q.status, limit: q.limit ?? 20 })
    return { success: true, data: rows.map((row) => viewDelivery(row, endpoint.apiVersion)) }
  }

  /**
   * Queues a new attempt of a delivery's event to its endpoint now (see WebhooksRepository.redeliver):
   * at least once, never two sends of it at the same time.
   */
  async redeliver (principal: Principal, id: number, deliveryId: number): Promise<{ success: true, data: WebhookDeliveryView }> {
    const endpoint = await this.own(principal, id)
    if (!await this.repo.findDelivery(endpoint.id, deliveryId)) throw fail('delivery_not_found')
    if (endpoint.enabled !== 1) throw fail('webhook_disabled')
    await this.repo.redeliver(endpoint.id, deliveryId, this.now(), this.clock.iso(-this.dispatcher.leaseMs))
    const row = await this.repo.findDelivery(endpoint.id, deliveryId)
    if (!row) throw fail('delivery_not_found')
    return { success: true, data: viewDelivery(row, endpoint.apiVersion) }
  }

  /** Sends a signed `webhook.test` event to the endpoint now and reports the receiver's answer (also while disabled: it is a check). */
  async test (principal: Principal, id: number): Promise<{ success: true, data: WebhookTestResult }> {
    const row = await this.own(principal, id)
    return { success: true, data: await this.dispatcher.sendTest(row) }
  }

  /**
   * The team's events of the key's mode, newest first, for catching up after an outage: every event
   * webhooks send, kept EVENT_RETENTION_MS. Its route needs the `events` permission (team keys).
   */
  async events (principal: Principal, q: ListEventsQuery, apiVersion: string): Promise<{ success: true, data: EventView[], hasMore: boolean }> {
    const scope = { teamId: principal.teamId, livemode: principal.livemode }
    const since = this.clock.iso(-EVENT_RETENTION_MS)
    // A typo would otherwise read as "no events": the caller would believe it has caught up.
    if (q.type !== undefined && !EVENT_TYPES.some((type) => eventMatches([q.type as string], type))) {
      throw fail('validation_failed', `querystring.type matches no event; events are ${EVENT_TYPES.join(', ')}`)
    }
    let afterId: number | undefined
    if (q.startingAfter !== undefined) {
      afterId = Number(q.startingAfter.replace(/^evt_/, ''))
      // Ids are 32-bit: a larger one names no event (PostgreSQL would refuse to compare it).
      if (afterId > MAX_EVENT_ID || !await this.repo.findEvent(afterId, scope, since)) throw fail('event_not_found')
    }
    const prefix = q.type?.endsWith('.*') === true
    const limit = q.limit ?? 20
    const rows = await this.repo.listEvents(scope, {
      type: prefix ? q.type?.slice(0, -1) : q.type, prefix, sessionId: q.sessionId, order: q.order ?? 'desc', afterId, since, limit
    })
    return { success: true, data: rows.slice(0, limit).map((row) => viewEvent(row, apiVersion)), hasMore: rows.length > limit }
  }

  /** Deletes events past EVENT_RETENTION_MS (never one with a PENDING delivery); returns how many. */
  async purgeEvents (batch = 1000): Promise<number> {
    const before = this.clock.iso(-EVENT_RETENTION_MS)
    let purged = 0
    for (;;) {
      const n = await this.repo.purgeEvents(before, batch)
      purged += n
      if (n < batch) return purged
    }
  }

  /** Fans out new events and attempts due deliveries; the app runs it periodically, tests call it by hand. */
  async dispatchDue (): Promise<DispatchResult> {
    return await this.dispatcher.dispatchDue()
  }

  async stop (): Promise<void> {
    await this.dispatcher.stop()
  }
}

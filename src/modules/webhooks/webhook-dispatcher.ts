import { randomBytes } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import { Agent, buildConnector, fetch } from 'undici'
import type { Clock } from '../../lib/clock.js'
import type { ClaimedDelivery, DeliveryOutcome, DeliveryTarget, OutboxEventRow, WebhooksRepository } from './webhooks.repository.js'
import type { WebhookEndpointRow } from '../../db/types.js'
import { parseJson } from '../../lib/json.js'
import { eventDataFor } from '../../lib/api-versions.js'
import { connectAddress, PrivateTargetError, isRefusedTarget, systemResolveAll, type ResolveAll } from './private-address.js'

/** Wait after the n-th failed attempt (seconds); once they are used up the delivery is FAILED. */
export const RETRY_DELAYS_S = [30, 120, 600, 3600, 21600] as const
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1

export interface DispatcherOptions {
  timeoutMs?: number // per attempt: connect, send, and the answer's status line
  concurrency?: number // attempts in flight at once (also the claim size)
  fanOutBatch?: number // events claimed per fan-out transaction
  maxAttemptsPerRun?: number // bounds one dispatchDue() so shutdown never waits long
  userAgent?: string
  allowPrivateTargets?: boolean // deliver to loopback and private networks (tests, single-host set-ups)
  resolveAll?: ResolveAll // DNS; tests inject one that answers differently on each call
}

/**
 * An undici connector that resolves the host itself and connects to the very address it checked,
 * so nothing can resolve the name differently between the check and the connection. TLS still
 * verifies the certificate against the name (undici derives the servername from `host`).
 */
export function safeConnector (resolveAll: ResolveAll, allowPrivate: boolean, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs })
  return (opts, callback) => {
    connectAddress(opts.hostname, resolveAll, allowPrivate).then(
      (address) => { connect({ ...opts, hostname: address }, callback) },
      (err: Error) => { callback(err, null) }
    )
  }
}

export interface DispatchResult {
  queued: number // deliveries created from new events
  delivered: number
  retrying: number // failed attempts that will be retried
  failed: number // failed attempts that exhausted the retries (or whose endpoint was disabled)
}

/** Whether an endpoint's subscriptions cover an event type: `*`, the exact type, or a `prefix.*`. */
export function eventMatches (patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))))
}

/** The `webhook-id` of an event: the same on every attempt and every endpoint, for receivers to de-duplicate. */
export const webhookId = (eventId: number): string => `evt_${eventId}`

/** The Standard Webhooks body: `{type, timestamp, apiVersion, data}`, `data` shaped by the endpoint's pinned version. */
export function webhookBody (d: Pick<ClaimedDelivery, 'eventType' | 'eventCreatedAt' | 'payload' | 'apiVersion'>): string {
  return JSON.stringify({ type: d.eventType, timestamp: d.eventCreatedAt, apiVersion: d.apiVersion, data: eventDataFor(d.apiVersion, d.eventType, parseJson(d.payload, {})) })
}

/**
 * Standard Webhooks headers. During a rotation's grace period the delivery carries one signature per
 * secret (space-separated, as the spec allows), so receivers holding either secret verify it.
 */
export function signedHeaders (d: Pick<ClaimedDelivery, 'eventId' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>,
  body: string, at: Date): Record<string, string> {
  return signedAs(webhookId(d.eventId), d, body, at)
}

function signedAs (msgId: string, d: Pick<ClaimedDelivery, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, body: string, at: Date): Record<string, string> {
  const secrets = [d.secret]
  if (d.previousSecret && d.previousSecretExpiresAt && Date.parse(d.previousSecretExpiresAt) > at.getTime()) secrets.push(d.previousSecret)
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': secrets.map((s) => new Webhook(s).sign(msgId, at, body)).join(' ')
  }
}

/** What a delivery keeps of the receiver's answer body (bytes): enough to see why it refused. */
export const RESPONSE_KEPT_BYTES = 2048

export interface WebhookTestResult {
  eventId: string
  type: 'webhook.test'
  delivered: boolean
  statusCode: number | null
  error: string | null
  response: string | null
  durationMs: number
}

/**
 * The first `max` bytes of an answer body as text (the rest is not read), or null when there is none.
 * NUL characters are dropped: PostgreSQL text cannot hold them.
 */
async function readStart (body: ReadableStream<Uint8Array> | null, max: number): Promise<string | null> {
  if (!body) return null
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = body.getReader()
  try {
    while (size < max) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      size += value.byteLength
    }
  } catch {
    // A body cut short (timeout, reset) keeps what arrived.
  } finally {
    await reader.cancel().catch(() => {})
  }
  const bytes = Buffer.concat(chunks).subarray(0, max)
  // eslint-disable-next-line no-control-regex -- NUL is exactly what is dropped
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/\u0000/g, '')
}

function describeFailure (err: unknown, timeoutMs: number): string {
  const e = err as { name?: string, message?: string, cause?: { code?: string, message?: string } }
  if (e?.name === 'TimeoutError') return `Timed out after ${timeoutMs / 1000} s`
  if (e?.cause instanceof PrivateTargetError) return e.cause.message
  const cause = e?.cause?.code ?? e?.cause?.message
  return `Request failed: ${cause ?? e?.message ?? String(err)}`.slice(0, 500)
}

/**
 * Turns outbox events into deliveries and sends the due ones. Every step is a database claim, so
 * any number of processes may run it at once (see WebhooksRepository.fanOut and claimDue); within
 * one process overlapping calls share a single run.
 */
export class WebhookDispatcher {
  private readonly timeoutMs: number
  private readonly allowPrivateTargets: boolean
  private readonly concurrency: number
  private readonly fanOutBatch: number
  private readonly maxAttemptsPerRun: number
  private readonly userAgent: string
  private running: Promise<DispatchResult> | null = null
  private stopping = false
  private readonly shutdown = new AbortController()
  private readonly resolveAll: ResolveAll
  private readonly agent: Agent

  constructor (private readonly repo: WebhooksRepository, private readonly clock: Clock, options: DispatcherOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000
    this.allowPrivateTargets = options.allowPrivateTargets ?? false
    this.concurrency = options.concurrency ?? 8
    this.fanOutBatch = options.fanOutBatch ?? 200
    this.maxAttemptsPerRun = options.maxAttemptsPerRun ?? 1000
    this.userAgent = options.userAgent ?? 'partner-api-webhooks'
    this.resolveAll = options.resolveAll ?? systemResolveAll
    this.agent = new Agent({ connect: safeConnector(this.resolveAll, this.allowPrivateTargets, this.timeoutMs) })
  }

  /** Whether the guard refuses a URL as an endpoint (with this dispatcher's DNS and setting). */
  async refuses (url: string): Promise<boolean> {
    return !this.allowPrivateTargets && await isRefusedTarget(url, this.resolveAll)
  }

  private iso (offsetMs = 0): string { return this.clock.iso(offsetMs) }

  /** How long a claimed delivery stays leased to its sender (ms): past it, no attempt of it is in flight. */
  get leaseMs (): number { return this.timeoutMs + 60_000 }

  /** Fans out new events, then attempts every due delivery. */
  async dispatchDue (): Promise<DispatchResult> {
    if (this.stopping) return { queued: 0, delivered: 0, retrying: 0, failed: 0 }
    if (!this.running) {
      this.running = this.run().finally(() => { this.running = null })
    }
    return await this.running
  }

  /** Stops taking work, aborts attempts in flight (their leases run out; they are retried later) and waits. */
  async stop (): Promise<void> {
    this.stopping = true
    this.shutdown.abort()
    await this.running?.catch(() => {})
    await this.agent.close().catch(() => {})
  }

  private async run (): Promise<DispatchResult> {
    const result: DispatchResult = { queued: 0, delivered: 0, retrying: 0, failed: 0 }
    for (;;) {
      const { events, deliveries } = await this.repo.fanOut(this.fanOutBatch, this.iso(), (e, w) => this.plan(e, w))
      result.queued += deliveries
      if (events < this.fanOutBatch || this.stopping) break
    }
    let attempted = 0
    while (!this.stopping && attempted < this.maxAttemptsPerRun) {
      // The lease outlasts the attempt: claimed rows are sent at once, all within timeoutMs.
      const claimed = await this.repo.claimDue(this.iso(), this.iso(this.leaseMs), this.concurrency)
      if (claimed.length === 0) break
      attempted += claimed.length
      const outcomes = await Promise.all(claimed.map(async (d) => await this.attempt(d)))
      for (const o of outcomes) if (o) result[o]++
    }
    return result
  }

  /** Each event goes to every enabled endpoint of its team that subscribes to it and existed when it happened. */
  private plan (events: OutboxEventRow[], endpoints: WebhookEndpointRow[]): DeliveryTarget[] {
    const subscriptions = endpoints.map((w) => ({ w, patterns: parseJson<string[]>(w.events, []) }))
    const targets: DeliveryTarget[] = []
    for (const event of events) {
      for (const { w, patterns } of subscriptions) {
        if (w.teamId === event.teamId && w.livemode === event.livemode && w.createdAt <= event.createdAt && eventMatches(patterns, event.type)) {
          targets.push({ endpointId: w.id, eventId: event.id })
        }
      }
    }
    return targets
  }

  /** One signed POST to a receiver: its status, the start of its answer, or why it failed; null when shutting down. */
  private async post (url: string, signed: Record<string, string>, body: string): Promise<{ statusCode: number | null, error: string | null, response: string | null } | null> {
    try {
      // The guard runs in the agent's connector, on every connection: what a name resolves to can change.
      const res = await fetch(url, {
        dispatcher: this.agent,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': this.userAgent, ...signed },
        body,
        redirect: 'manual', // a redirect could point anywhere; the endpoint's URL is the one the partner registered
        signal: AbortSignal.any([AbortSignal.timeout(this.timeoutMs), this.shutdown.signal])
      })
      const response = await readStart(res.body, RESPONSE_KEPT_BYTES)
      let error: string | null = null
      if (res.status < 200 || res.status >= 300) {
        error = res.status >= 300 && res.status < 400 ? `Endpoint answered HTTP ${res.status} (redirects are not followed)` : `Endpoint answered HTTP ${res.status}`
      }
      return { statusCode: res.status, error, response }
    } catch (err) {
      if (this.stopping) return null
      return { statusCode: null, error: describeFailure(err, this.timeoutMs), response: null }
    }
  }

  /**
   * Sends a `webhook.test` event to an endpoint now, signed like every delivery (with both secrets
   * during a rotation), and reports the receiver's answer. Nothing is stored or retried.
   */
  async sendTest (endpoint: Pick<WebhookEndpointRow, 'id' | 'url' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt' | 'apiVersion'>): Promise<WebhookTestResult> {
    const at = new Date(this.clock.ms())
    const eventId = `evt_test_${randomBytes(12).toString('hex')}`
    // Shaped as every delivery is ({type, timestamp, apiVersion, data}), with the endpoint's pinned version.
    const body = JSON.stringify({ type: 'webhook.test', timestamp: at.toISOString(), apiVersion: endpoint.apiVersion, data: { endpointId: endpoint.id, message: 'A test event sent from partner-api: your endpoint receives and verifies deliveries.' } })
    const started = performance.now()
    const sent = await this.post(endpoint.url, signedAs(eventId, endpoint, body, at), body) ?? { statusCode: null, error: 'The service is shutting down', response: null }
    return { eventId, type: 'webhook.test', delivered: sent.error === null, ...sent, durationMs: Math.round(performance.now() - started) }
  }

  private async attempt (d: ClaimedDelivery): Promise<'delivered' | 'retrying' | 'failed' | null> {
    if (d.enabled !== 1) {
      await this.repo.finish(d.id, d.attempts, { status: 'FAILED', nextAttemptAt: this.iso(), lastStatusCode: null, lastError: 'Endpoint disabled', updatedAt: this.iso(), response: null })
      return 'failed'
    }
    const body = webhookBody(d)
    const sent = await this.post(d.url, signedHeaders(d, body, new Date(this.clock.ms())), body)
    // Shutting down: leave the claim; its lease runs out and the attempt is made again.
    if (sent === null) return null
    const { statusCode, error, response } = sent

    const now = this.iso()
    let outcome: DeliveryOutcome
    let label: 'delivered' | 'retrying' | 'failed'
    if (error === null) {
      outcome = { status: 'DELIVERED', nextAttemptAt: now, lastStatusCode: statusCode, lastError: null, updatedAt: now, response }
      label = 'delivered'
    } else if (d.attempts < MAX_ATTEMPTS) {
      outcome = { status: 'PENDING', nextAttemptAt: this.iso(RETRY_DELAYS_S[d.attempts - 1] * 1000), lastStatusCode: statusCode, lastError: error, updatedAt: now, response }
      label = 'retrying'
    } else {
      outcome = { status: 'FAILED', nextAttemptAt: now, lastStatusCode: statusCode, lastError: error, updatedAt: now, response }
      label = 'failed'
    }
    return await this.repo.finish(d.id, d.attempts, outcome) ? label : null
  }
}

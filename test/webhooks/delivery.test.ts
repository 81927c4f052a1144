import { Webhook } from 'standardwebhooks'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { WebhookDispatcher } from '../../src/modules/webhooks/webhook-dispatcher.js'
import { buildTestApp, openTestDb, type TestApp } from '../support/harness.js'
import { createKey, createSession, exchange, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import type { ResolveAll } from '../../src/modules/webhooks/private-address.js'
import { Receiver, type Received } from './receiver.js'

interface Endpoint { id: number, secret: string, apiVersion: string }

const PRIVATE_400 = 'body.url must not point to a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it'
const PRIVATE_ERROR = 'Endpoint URL points to a private or reserved address; set WEBHOOK_ALLOW_PRIVATE_URLS=true to allow it'

let t: TestApp
let receiver: Receiver
let acme: PartnerKey

// The test receiver listens on 127.0.0.1, which the SSRF guard refuses unless told otherwise.
const ENV = { ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' }

beforeEach(async () => {
  t = await buildTestApp(ENV)
  receiver = await new Receiver().start()
  acme = await createKey(t.app, 'acme')
})
afterEach(async () => {
  await t.close()
  await receiver.close()
})

async function subscribe (key: PartnerKey, url: string, events?: string[]): Promise<Endpoint> {
  const res = await t.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url, ...(events ? { events } : {}) } })
  if (res.statusCode !== 201) throw new Error(`subscribe: ${res.statusCode} ${res.body}`)
  return res.json().data
}

async function deliveries (key: PartnerKey, endpoint: Endpoint): Promise<any[]> {
  const res = await t.app.inject({ url: `/partner/webhooks/${endpoint.id}/deliveries`, headers: { 'x-api-key': key.key } })
  expect(res.statusCode).toBe(200)
  return res.json().data
}

const iso = (offsetS = 0) => new Date(t.clock.ms() + offsetS * 1000).toISOString()
const typesAt = (path: string) => receiver.received.filter((r) => r.path === path).map((r) => JSON.parse(r.body).type)

/** Moves a session to PROCESSING (emits session.processing) by selecting a source as its applicant. */
async function startSession (key: PartnerKey): Promise<number> {
  const session = await createSession(t.app, key.key)
  const csrf = await exchange(t.app, session.id, session.verificationLink.token)
  const res = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: session.id } })
  expect(res.statusCode).toBe(200)
  return session.id
}

describe('webhook delivery', () => {
  it('by default refuses to register an endpoint on this host or a private network with 400', async () => {
    const guarded = await buildTestApp({ ...TEST_ENV })
    try {
      const key = await createKey(guarded.app, 'acme')
      for (const url of [receiver.url(), 'http://[::1]:8080/hooks', 'http://169.254.169.254/latest/meta-data', 'http://[::ffff:10.0.0.1]/', 'http://localhost:8080/hooks']) {
        const res = await expectNoChange(guarded.db, async () =>
          await guarded.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url } }))
        expectError(res, 400, PRIVATE_400)
      }
      const created = await guarded.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url: 'https://93.184.216.34/hooks' } })
      expect(created.statusCode).toBe(201)
      const moved = await expectNoChange(guarded.db, async () => await guarded.app.inject({
        method: 'PATCH', url: `/partner/webhooks/${created.json().data.id}`, headers: { 'x-api-key': key.key }, payload: { url: 'http://10.0.0.5:5432/' }
      }))
      expectError(moved, 400, PRIVATE_400)
    } finally {
      await guarded.close()
    }
  })

  it('refuses at connection time an endpoint that now points to a private address, without saying where', async () => {
    // Registered while private targets were allowed; the guarded dispatcher still will not call it.
    const endpoint = await subscribe(acme, receiver.url())
    await createSession(t.app, acme.key)
    const guarded = new WebhookDispatcher(t.app.ctx.repos.webhooks, t.clock)
    expect(await guarded.dispatchDue()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0 })
    await guarded.stop()
    expect(receiver.received).toHaveLength(0)
    expect(await deliveries(acme, endpoint)).toMatchObject([{ status: 'PENDING', attempts: 1, lastStatusCode: null, lastError: PRIVATE_ERROR }])
  })

  it('connects to the address it checked: a name that rebinds to 127.0.0.1 after the check is refused', async () => {
    const asked: string[] = []
    // Public to the first question (the check at registration), loopback to every one after.
    const rebinding: ResolveAll = async (host) => { asked.push(host); return asked.length === 1 ? ['93.184.216.34'] : ['127.0.0.1'] }
    const dispatcher = new WebhookDispatcher(t.app.ctx.repos.webhooks, t.clock, { resolveAll: rebinding })
    const url = receiver.url().replace('127.0.0.1', 'rebind.example')
    expect(await dispatcher.refuses(url)).toBe(false)
    const endpoint = await subscribe(acme, url) // this app allows private targets; the guarded dispatcher above sends
    await createSession(t.app, acme.key)
    expect(await dispatcher.dispatchDue()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0 })
    await dispatcher.stop()
    expect(asked).toEqual(['rebind.example', 'rebind.example'])
    expect(receiver.received).toHaveLength(0)
    const [delivery] = await deliveries(acme, endpoint)
    expect(delivery).toMatchObject({ status: 'PENDING', attempts: 1, lastStatusCode: null, lastError: PRIVATE_ERROR })
    expect(delivery.lastError).not.toContain('127.0.0.1')
  })

  it('sends to the address its resolver gave, not to what the system would resolve', async () => {
    // rebind.example resolves nowhere for the system; delivered only if the connection used our answer.
    const dispatcher = new WebhookDispatcher(t.app.ctx.repos.webhooks, t.clock, { allowPrivateTargets: true, resolveAll: async () => ['127.0.0.1'] })
    await subscribe(acme, receiver.url().replace('127.0.0.1', 'rebind.example'))
    await createSession(t.app, acme.key)
    expect(await dispatcher.dispatchDue()).toEqual({ queued: 1, delivered: 1, retrying: 0, failed: 0 })
    await dispatcher.stop()
    expect(receiver.received).toHaveLength(1)
    expect(receiver.received[0].headers.host).toBe(new URL(receiver.url().replace('127.0.0.1', 'rebind.example')).host)
  })

  it('posts a session event, signed so the receiver verifies it with the endpoint secret', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    const session = await createSession(t.app, acme.key)

    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 1, delivered: 1, retrying: 0, failed: 0 })
    expect(receiver.received).toHaveLength(1)
    const [r] = receiver.received
    const verified = new Webhook(endpoint.secret).verify(r.body, Receiver.headers(r))
    expect(verified).toEqual({ type: 'session.created', timestamp: session.createdAt, apiVersion: '2026-12-01', data: { sessionId: session.id, applicantId: null, metadata: null, status: 'PENDING', previousStatus: null, statusReason: null, livemode: true } })
    expect(r.path).toBe('/hooks')
    expect(r.headers['content-type']).toBe('application/json')
    expect(r.headers['webhook-id']).toMatch(/^evt_\d+$/)
    expect(r.headers['webhook-timestamp']).toBe(String(Math.floor(t.clock.ms() / 1000)))
    // Another secret, or a body changed on the way, fails verification.
    expect(() => new Webhook('whsec_' + Buffer.alloc(24, 7).toString('base64')).verify(r.body, Receiver.headers(r))).toThrow('No matching signature found')
    expect(() => new Webhook(endpoint.secret).verify(r.body.replace('PENDING', 'COMPLETED'), Receiver.headers(r))).toThrow('No matching signature found')

    expect(await deliveries(acme, endpoint)).toEqual([{
      id: expect.any(Number),
      eventId: r.headers['webhook-id'],
      eventType: 'session.created',
      apiVersion: (verified as { apiVersion: string }).apiVersion, // the version the body was shaped by
      status: 'DELIVERED',
      attempts: 1,
      nextAttemptAt: null,
      lastAttemptAt: iso(),
      lastStatusCode: 200,
      lastError: null,
      createdAt: iso(),
      updatedAt: iso(),
      payload: (verified as { data: unknown }).data,
      response: 'ok'
    }])

    // Delivered once: a later run sends nothing.
    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 })
    expect(receiver.received).toHaveLength(1)
  })

  it('sends an endpoint only the event types it subscribes to', async () => {
    await subscribe(acme, receiver.url('/exact'), ['session.processing'])
    await subscribe(acme, receiver.url('/prefix'), ['session.*'])
    await subscribe(acme, receiver.url('/completed'), ['session.completed'])
    await subscribe(acme, receiver.url('/all'))
    const sessionId = await startSession(acme)
    // An event type another module may add later travels the same way.
    await t.db.kysely.insertInto('events').values({ teamId: acme.teamId, sessionId, type: 'step.verified', payload: JSON.stringify({ sessionId, stepId: 1 }), createdAt: iso() }).execute()

    await t.app.ctx.webhooks.dispatchDue()
    expect(typesAt('/exact')).toEqual(['session.processing'])
    expect(typesAt('/prefix').sort()).toEqual(['session.created', 'session.processing'])
    expect(typesAt('/completed')).toEqual([])
    expect(typesAt('/all').sort()).toEqual(['session.created', 'session.processing', 'step.verified'])
  })

  it('retries a delivery answered with 500 after 30 s, with the same webhook-id, and records the failure', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    let answers = [500, 200]
    receiver.respond = () => answers.shift() ?? 200
    await createSession(t.app, acme.key)

    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 1, delivered: 0, retrying: 1, failed: 0 })
    const failedAt = iso()
    expect(await deliveries(acme, endpoint)).toMatchObject([{
      status: 'PENDING', attempts: 1, nextAttemptAt: iso(30), lastAttemptAt: failedAt, lastStatusCode: 500, lastError: 'Endpoint answered HTTP 500'
    }])

    // Not before its time.
    await t.app.ctx.webhooks.dispatchDue()
    t.clock.advance(29)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(1)

    t.clock.advance(1)
    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 0, delivered: 1, retrying: 0, failed: 0 })
    expect(receiver.received).toHaveLength(2)
    const [first, second] = receiver.received
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id'])
    expect(second.body).toBe(first.body)
    expect(second.headers['webhook-timestamp']).toBe(String(Math.floor(t.clock.ms() / 1000)))
    expect(() => new Webhook(endpoint.secret).verify(second.body, Receiver.headers(second))).not.toThrow()
    expect(await deliveries(acme, endpoint)).toMatchObject([{
      status: 'DELIVERED', attempts: 2, nextAttemptAt: null, lastAttemptAt: iso(), lastStatusCode: 200, lastError: null
    }])
    answers = []
  })

  it('backs off 30 s, 2 min, 10 min, 1 h and 6 h, then marks the delivery FAILED', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    receiver.respond = () => 503
    await createSession(t.app, acme.key)

    await t.app.ctx.webhooks.dispatchDue()
    for (const delay of [30, 120, 600, 3600, 21600]) {
      const [d] = await deliveries(acme, endpoint)
      expect(d).toMatchObject({ status: 'PENDING', nextAttemptAt: iso(delay), lastStatusCode: 503 })
      t.clock.advance(delay - 1)
      await t.app.ctx.webhooks.dispatchDue()
      t.clock.advance(1)
      await t.app.ctx.webhooks.dispatchDue()
    }
    expect(receiver.received).toHaveLength(6)
    expect(await deliveries(acme, endpoint)).toMatchObject([{ status: 'FAILED', attempts: 6, nextAttemptAt: null, lastStatusCode: 503, lastError: 'Endpoint answered HTTP 503' }])

    t.clock.advance(7 * 24 * 3600)
    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 })
    expect(receiver.received).toHaveLength(6)
  })

  it('treats a redirect as a failure and does not follow it', async () => {
    const endpoint = await subscribe(acme, receiver.url('/moved'))
    receiver.respond = (r) => r.path === '/moved' ? 302 : 200
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received.map((r) => r.path)).toEqual(['/moved'])
    expect(await deliveries(acme, endpoint)).toMatchObject([{ status: 'PENDING', lastStatusCode: 302, lastError: 'Endpoint answered HTTP 302 (redirects are not followed)' }])
  })

  it('records a refused connection and a timeout as errors without a status code', async () => {
    const closed = await new Receiver().start()
    const refusedUrl = closed.url()
    await closed.close()
    const refused = await subscribe(acme, refusedUrl)
    const hanging = await subscribe(acme, receiver.url('/hang'))
    receiver.respond = () => 'hang'
    await createSession(t.app, acme.key)

    // A dispatcher of its own, with a short timeout (the app's is 10 s).
    const dispatcher = new WebhookDispatcher(t.app.ctx.repos.webhooks, t.clock, { timeoutMs: 300, allowPrivateTargets: true })
    expect(await dispatcher.dispatchDue()).toEqual({ queued: 2, delivered: 0, retrying: 2, failed: 0 })
    await dispatcher.stop()
    expect(await deliveries(acme, refused)).toMatchObject([{ status: 'PENDING', attempts: 1, lastStatusCode: null, lastError: 'Request failed: ECONNREFUSED', nextAttemptAt: iso(30) }])
    expect(await deliveries(acme, hanging)).toMatchObject([{ status: 'PENDING', attempts: 1, lastStatusCode: null, lastError: 'Timed out after 0.3 s', nextAttemptAt: iso(30) }])
  })

  it('never sends a team\'s events to another team\'s endpoint', async () => {
    const globex = await createKey(t.app, 'globex')
    const acmeHook = await subscribe(acme, receiver.url('/acme'))
    const globexHook = await subscribe(globex, receiver.url('/globex'))

    const acmeSession = await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received.map((r) => r.path)).toEqual(['/acme'])
    expect(JSON.parse(receiver.received[0].body).data.sessionId).toBe(acmeSession.id)
    expect(await deliveries(globex, globexHook)).toEqual([])

    const globexSession = await createSession(t.app, globex.key)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received.map((r) => r.path)).toEqual(['/acme', '/globex'])
    expect(JSON.parse(receiver.received[1].body).data.sessionId).toBe(globexSession.id)
    expect(await deliveries(acme, acmeHook)).toHaveLength(1)
  })

  it('sends nothing to an endpoint for events from before it existed, while disabled, or once deleted', async () => {
    await createSession(t.app, acme.key)
    t.clock.advance(1)
    const endpoint = await subscribe(acme, receiver.url())
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(0)

    await t.app.inject({ method: 'PATCH', url: `/partner/webhooks/${endpoint.id}`, headers: { 'x-api-key': acme.key }, payload: { enabled: false } })
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(0)

    await t.app.inject({ method: 'PATCH', url: `/partner/webhooks/${endpoint.id}`, headers: { 'x-api-key': acme.key }, payload: { enabled: true } })
    receiver.respond = () => 500
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(1) // failed; due again in 30 s
    const del = await t.app.inject({ method: 'DELETE', url: `/partner/webhooks/${endpoint.id}`, headers: { 'x-api-key': acme.key } })
    expect(del.statusCode).toBe(204)
    t.clock.advance(60)
    expect(await t.app.ctx.webhooks.dispatchDue()).toEqual({ queued: 0, delivered: 0, retrying: 0, failed: 0 })
    expect(receiver.received).toHaveLength(1)
  })

  it('fails the pending deliveries of an endpoint when it is disabled', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    receiver.respond = () => 500
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    await t.app.inject({ method: 'PATCH', url: `/partner/webhooks/${endpoint.id}`, headers: { 'x-api-key': acme.key }, payload: { enabled: false } })
    expect(await deliveries(acme, endpoint)).toMatchObject([{ status: 'FAILED', attempts: 1, nextAttemptAt: null, lastStatusCode: 500, lastError: 'Endpoint disabled' }])
    t.clock.advance(60)
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(1)
  })

  it('signs with the old and the new secret for a day after a rotation', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    const rotated = await t.app.inject({ method: 'POST', url: `/partner/webhooks/${endpoint.id}/rotate-secret`, headers: { 'x-api-key': acme.key } })
    const newSecret = rotated.json().data.secret as string
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    const [r] = receiver.received
    expect(String(r.headers['webhook-signature']).split(' ')).toHaveLength(2)
    for (const secret of [endpoint.secret, newSecret]) {
      expect(() => new Webhook(secret).verify(r.body, Receiver.headers(r))).not.toThrow()
    }
  })

  it('delivers each event once when several dispatchers run at the same time', async () => {
    await subscribe(acme, receiver.url())
    const sessions = 12
    for (let i = 0; i < sessions; i++) await createSession(t.app, acme.key)
    const repo = t.app.ctx.repos.webhooks
    const dispatchers = [1, 2, 3].map(() => new WebhookDispatcher(repo, t.clock, { concurrency: 2, fanOutBatch: 3, allowPrivateTargets: true }))
    const results = await Promise.all([...dispatchers.map(async (d) => await d.dispatchDue()), t.app.ctx.webhooks.dispatchDue()])
    expect(results.reduce((n, r) => n + r.queued, 0)).toBe(sessions)
    expect(results.reduce((n, r) => n + r.delivered, 0)).toBe(sessions)
    const ids = receiver.received.map((r: Received) => r.headers['webhook-id'])
    expect(ids).toHaveLength(sessions)
    expect(new Set(ids).size).toBe(sessions)
    const rows = await t.db.kysely.selectFrom('webhookDeliveries').select(['status', 'attempts']).execute()
    expect(rows).toEqual(Array.from({ length: sessions }, () => ({ status: 'DELIVERED', attempts: 1 })))
  })
})

describe('webhook dispatch in the background', () => {
  it('runs on an interval when background jobs are on, and stops on close', async () => {
    const config = loadConfig({ ...ENV, PUBLIC_BASE_URL: 'http://partner.test', WEBHOOK_DISPATCH_INTERVAL_S: '1' })
    const { db, drop } = await openTestDb()
    const app = await buildApp({ config, db, backgroundJobs: true })
    try {
      const key = await app.ctx.keys.create({ team: 'acme' })
      const res = await app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url: receiver.url() } })
      const secret = res.json().data.secret as string
      await createSession(app, key.key)
      const deadline = Date.now() + 5000
      while (receiver.received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50))
      expect(receiver.received).toHaveLength(1)
      expect(new Webhook(secret).verify(receiver.received[0].body, Receiver.headers(receiver.received[0]))).toMatchObject({ type: 'session.created' })
    } finally {
      await app.close()
      await drop()
    }
  })
})

describe('POST /partner/webhooks/:id/test', () => {
  const test = async (key: PartnerKey, id: number) =>
    await t.app.inject({ method: 'POST', url: `/partner/webhooks/${id}/test`, headers: { 'x-api-key': key.key } })

  it('sends a signed webhook.test event now and reports the receiver\'s answer, storing nothing', async () => {
    const endpoint = await subscribe(acme, receiver.url(), ['session.completed'])
    receiver.respondBody = 'thanks'
    const res = await expectNoChange(t.db, async () => await test(acme, endpoint.id))
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toEqual({ eventId: expect.stringMatching(/^evt_test_[0-9a-f]{24}$/), type: 'webhook.test', delivered: true, statusCode: 200, error: null, response: 'thanks', durationMs: expect.any(Number) })
    expect(receiver.received).toHaveLength(1)
    const [r] = receiver.received
    expect(r.headers['webhook-id']).toBe(res.json().data.eventId)
    expect(new Webhook(endpoint.secret).verify(r.body, Receiver.headers(r))).toEqual({ type: 'webhook.test', timestamp: t.clock.iso(), apiVersion: endpoint.apiVersion, data: { endpointId: endpoint.id, message: expect.any(String) } })
  })

  it('reports a refusal with its status and a refused connection with its error', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    receiver.respond = () => 503
    receiver.respondBody = 'down for maintenance'
    expect((await test(acme, endpoint.id)).json().data).toMatchObject({ delivered: false, statusCode: 503, error: 'Endpoint answered HTTP 503', response: 'down for maintenance' })
    const closed = await subscribe(acme, 'http://127.0.0.1:9/hooks')
    expect((await test(acme, closed.id)).json().data).toMatchObject({ delivered: false, statusCode: null, response: null, error: expect.any(String) })
  })

  it('is a 404 for another team\'s endpoint and a 403 for a reviewer\'s key, sending nothing', async () => {
    const endpoint = await subscribe(acme, receiver.url())
    const globex = await createKey(t.app, 'globex')
    const reviewer = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    expect((await test(globex, endpoint.id)).statusCode).toBe(404)
    expect((await test(reviewer, endpoint.id)).statusCode).toBe(403)
    expect(receiver.received).toHaveLength(0)
  })
})

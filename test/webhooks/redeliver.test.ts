import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { createKey, createSession, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { RESPONSE_KEPT_BYTES } from '../../src/modules/webhooks/webhook-dispatcher.js'
import { Receiver } from './receiver.js'

let t: TestApp
let receiver: Receiver
let acme: PartnerKey

beforeEach(async () => {
  t = await buildTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
  receiver = await new Receiver().start()
  acme = await createKey(t.app, 'acme')
})
afterEach(async () => {
  await t.close()
  await receiver.close()
})

async function subscribe (key: PartnerKey): Promise<number> {
  const res = await t.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url: receiver.url() } })
  expect(res.statusCode).toBe(201)
  return res.json().data.id
}

const redeliver = async (key: PartnerKey, endpointId: number, deliveryId: number) =>
  await t.app.inject({ method: 'POST', url: `/partner/webhooks/${endpointId}/deliveries/${deliveryId}/redeliver`, headers: { 'x-api-key': key.key } })

const deliveries = async (key: PartnerKey, endpointId: number) =>
  (await t.app.inject({ url: `/partner/webhooks/${endpointId}/deliveries`, headers: { 'x-api-key': key.key } })).json().data

describe('POST /partner/webhooks/:id/deliveries/:deliveryId/redeliver', () => {
  it('sends a FAILED delivery\'s event again, with the same webhook-id, and keeps the receiver\'s answer', async () => {
    const endpoint = await subscribe(acme)
    await createSession(t.app, acme.key)
    receiver.respond = () => 500
    await t.app.ctx.webhooks.dispatchDue()
    for (let i = 0; i < 5; i++) { t.clock.advance(6 * 3600); await t.app.ctx.webhooks.dispatchDue() }
    const [failed] = await deliveries(acme, endpoint)
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 6, lastStatusCode: 500, response: 'ok' })

    receiver.respond = () => 200
    const res = await redeliver(acme, endpoint, failed.id)
    expect(res.statusCode).toBe(202)
    expect(res.json()).toEqual({ success: true, data: { ...failed, status: 'PENDING', attempts: 0, nextAttemptAt: t.clock.iso(), updatedAt: t.clock.iso() } })
    expect(await t.app.ctx.webhooks.dispatchDue()).toMatchObject({ delivered: 1 })
    expect(receiver.received).toHaveLength(7)
    expect(receiver.received[6].headers['webhook-id']).toBe(failed.eventId)
    expect(receiver.received[6].body).toBe(receiver.received[0].body)
    expect((await deliveries(acme, endpoint))[0]).toMatchObject({ status: 'DELIVERED', attempts: 1, lastStatusCode: 200 })
  })

  it('redelivers a DELIVERED one; of concurrent redeliveries exactly one send follows', async () => {
    const endpoint = await subscribe(acme)
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    const [delivered] = await deliveries(acme, endpoint)
    expect(delivered.status).toBe('DELIVERED')
    const answers = await Promise.all([1, 2, 3].map(async () => await redeliver(acme, endpoint, delivered.id)))
    expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202])
    await t.app.ctx.webhooks.dispatchDue()
    await t.app.ctx.webhooks.dispatchDue()
    expect(receiver.received).toHaveLength(2)
  })

  it('brings a PENDING delivery waiting to retry forward, but never one that may be in flight', async () => {
    const endpoint = await subscribe(acme)
    await createSession(t.app, acme.key)
    receiver.respond = () => 503
    await t.app.ctx.webhooks.dispatchDue()
    const [waiting] = await deliveries(acme, endpoint)
    expect(waiting).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: t.clock.iso(30_000) })
    // Within the lease of its last attempt, it is left as it is.
    expect((await redeliver(acme, endpoint, waiting.id)).json().data.nextAttemptAt).toBe(t.clock.iso(30_000))
    // A claimed delivery (in flight) is never handed out again.
    const leased = t.clock.iso(10 * 60_000)
    await t.db.kysely.updateTable('webhookDeliveries').set({ nextAttemptAt: leased, lastAttemptAt: t.clock.iso() }).where('id', '=', waiting.id).execute()
    expect((await redeliver(acme, endpoint, waiting.id)).json().data.nextAttemptAt).toBe(leased)
    // Once no attempt can be in flight, it is due now.
    t.clock.advance(71)
    const res = await redeliver(acme, endpoint, waiting.id)
    expect(res.json().data).toMatchObject({ status: 'PENDING', attempts: 1, nextAttemptAt: t.clock.iso() })
  })

  it('keeps at most 2 KiB of the receiver\'s answer', async () => {
    const endpoint = await subscribe(acme)
    await createSession(t.app, acme.key)
    receiver.respondBody = 'x'.repeat(10_000)
    await t.app.ctx.webhooks.dispatchDue()
    const [d] = await deliveries(acme, endpoint)
    expect(d.response).toBe('x'.repeat(RESPONSE_KEPT_BYTES))
  })

  it('is a 404 for another team\'s or mode\'s endpoint or delivery, a 403 for a reviewer\'s key, a 409 while disabled, and changes nothing', async () => {
    const endpoint = await subscribe(acme)
    await createSession(t.app, acme.key)
    await t.app.ctx.webhooks.dispatchDue()
    const [d] = await deliveries(acme, endpoint)
    const globex = await createKey(t.app, 'globex')
    const other = await subscribe(globex)
    const test = await t.app.ctx.keys.create({ team: 'acme', reviewerId: null, name: null, test: true })
    const reviewer = await createKey(t.app, 'acme', { reviewerId: 'rita' })
    const refused = async (key: PartnerKey, e: number, id: number) => await expectNoChange(t.db, async () => await redeliver(key, e, id))
    expectError(await refused(globex, endpoint, d.id), 404, 'Webhook endpoint not found', 'webhook_not_found')
    expectError(await refused(test, endpoint, d.id), 404, 'Webhook endpoint not found', 'webhook_not_found')
    expectError(await refused(globex, other, d.id), 404, 'Webhook delivery not found', 'delivery_not_found')
    expectError(await refused(acme, endpoint, d.id + 1000), 404, 'Webhook delivery not found', 'delivery_not_found')
    expectError(await refused(reviewer, endpoint, d.id), 403, 'Webhook endpoints are managed with a team API key; this key is scoped to a reviewer', 'team_key_required')
    await t.app.inject({ method: 'PATCH', url: `/partner/webhooks/${endpoint}`, headers: { 'x-api-key': acme.key }, payload: { enabled: false } })
    expectError(await refused(acme, endpoint, d.id), 409, 'Webhook endpoint is disabled; enable it before redelivering', 'webhook_disabled')
  })
})

describe('redaction and webhook delivery records', () => {
  it('empties the receivers\' echoed answers and the payloads of the session\'s deliveries', async () => {
    const endpoint = await subscribe(acme)
    const session = await createSession(t.app, acme.key, { applicantFirstName: 'Ysolde', applicantEmail: 'ysolde.marchetti@example.com' })
    const other = await createSession(t.app, acme.key, { applicantFirstName: 'Keeper' })
    receiver.respondBody = 'received {"applicantFirstName":"Ysolde","applicantEmail":"ysolde.marchetti@example.com"}'
    await t.app.ctx.webhooks.dispatchDue()
    const before = await deliveries(acme, endpoint)
    expect(before.map((d: { response: string }) => d.response)).toEqual([receiver.respondBody, receiver.respondBody])

    const canceled = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/cancel`, headers: { 'x-api-key': acme.key } })
    expect(canceled.statusCode).toBe(200)
    const redacted = await t.app.inject({ method: 'POST', url: `/partner/session/${session.id}/redact`, headers: { 'x-api-key': acme.key } })
    expect(redacted.statusCode).toBe(200)

    const rows = await t.db.kysely.selectFrom('webhookDeliveries').innerJoin('events', 'events.id', 'webhookDeliveries.eventId')
      .select(['events.sessionId', 'events.payload', 'webhookDeliveries.response']).execute()
    const of = (id: number) => rows.filter((r) => r.sessionId === id)
    expect(of(session.id).length).toBeGreaterThan(0)
    for (const r of of(session.id)) {
      expect(r.response).toBeNull()
      expect(r.payload).not.toContain('Ysolde')
    }
    // Another session's records are left as they were.
    expect(of(other.id).map((r) => r.response)).toEqual([receiver.respondBody])
    const listed = (await deliveries(acme, endpoint)) as Array<{ payload: { sessionId: number } }>
    const ofRedacted = listed.filter((d) => d.payload.sessionId === session.id)
    expect(ofRedacted.length).toBeGreaterThan(0)
    expect(JSON.stringify(ofRedacted)).not.toMatch(/ysolde/i)
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { expectError } from '../api/helpers.js'
import { createKey, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { TestClock } from '../support/harness.js'
import { INBOUND_TOKEN, useDeliveryApp } from './support.js'
import { afterQuietHours, isQuiet } from '../../src/modules/delivery/quiet-hours.js'

/**
 * Reminders: the link sent again after the hours a session (or its team) names, on the same
 * channels, while the applicant has proven nothing; never in the applicant's night, never after the
 * session ended or the applicant said STOP or unsubscribed. Real SMTP server, local SMS gateway.
 */

// Monday 2026-12-07 15:00 UTC: 10:00 in New York, 07:00 in Los Angeles.
const START = Date.parse('2026-12-07T15:00:00.000Z')
const HOUR = 3600

const { t, mail, gateway } = useDeliveryApp({ clock: new TestClock(START) })
let team: PartnerKey

beforeAll(async () => {
  gateway.respond = () => 201
  team = await createKey(t.app, 'acme-reminders')
  const res = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': team.key }, payload: { displayName: 'Acme', timezone: 'America/New_York', reminders: { afterHours: [24, 72] } } })
  expect(res.statusCode).toBe(200)
})

const iso = (ms: number) => new Date(ms).toISOString()
const create = async (params: Record<string, unknown>) => {
  const res = await t.app.inject({
    method: 'POST', url: '/partner/session', headers: { 'x-api-key': team.key }, payload: { params: { expiryDate: iso(t.clock.ms() + 7 * 86400_000), ...params } }
  })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data as { id: number, verificationLink: { token: string } }
}
const deliveries = async (id: number) => (await t.app.inject({ method: 'GET', url: `/partner/session/${id}`, headers: { 'x-api-key': team.key } })).json().data.deliveries as Array<{ kind: string, channel: string, status: string }>
const mailsTo = (address: string) => mail.received.filter((m) => m.to.includes(address))
const smsTo = (phone: string) => gateway.received.filter((r) => new URLSearchParams(r.body).get('To') === phone)
const eventTypes = async (id: number) => (await t.db.kysely.selectFrom('events').select('type').where('sessionId', '=', id).orderBy('id').execute()).map((e) => e.type)
const planOf = async (id: number) => await t.db.kysely.selectFrom('deliveryPlans').selectAll().where('sessionId', '=', id).executeTakeFirstOrThrow()
/** Moves the clock to `at` and runs the worker. */
const runAt = async (at: number) => { t.clock.now = at; return await t.app.ctx.delivery.dispatchDue() }

describe('quiet hours', () => {
  it('are 21:00 to 08:00 in the zone named, and end at the next 08:00 there (across a DST change too)', () => {
    expect(isQuiet(Date.parse('2026-12-08T01:59:00Z'), 'America/New_York')).toBe(false) // 20:59 EST
    expect(isQuiet(Date.parse('2026-12-08T01:00:00Z'), 'America/New_York')).toBe(false) // 20:00 EST
    expect(isQuiet(Date.parse('2026-12-08T02:00:00Z'), 'America/New_York')).toBe(true) // 21:00 EST
    expect(isQuiet(Date.parse('2026-12-08T12:59:00Z'), 'America/New_York')).toBe(true) // 07:59 EST
    expect(isQuiet(Date.parse('2026-12-08T13:00:00Z'), 'America/New_York')).toBe(false) // 08:00 EST
    expect(iso(afterQuietHours(Date.parse('2026-12-08T03:30:00Z'), 'America/New_York'))).toBe('2026-12-08T13:00:00.000Z')
    expect(iso(afterQuietHours(Date.parse('2026-12-08T10:00:00Z'), 'Asia/Tokyo'))).toBe('2026-12-08T10:00:00.000Z') // 19:00 JST
    expect(iso(afterQuietHours(Date.parse('2026-12-08T13:00:00Z'), 'Asia/Tokyo'))).toBe('2026-12-08T23:00:00.000Z') // 22:00 -> 08:00 JST
    // The night of 2027-03-13 to 14 loses an hour in New York: 08:00 EDT is 12:00 UTC.
    expect(iso(afterQuietHours(Date.parse('2027-03-14T03:00:00Z'), 'America/New_York'))).toBe('2027-03-14T12:00:00.000Z')
  })
})

describe('reminders', () => {
  it('follow the team\'s setting on the session\'s channels, then stop: two reminders, events, the same link', async () => {
    t.clock.now = START
    const s = await create({ applicantEmail: 'r1@example.com', applicantPhone: '+15551110001', delivery: { channels: ['email', 'sms'] } })
    await runAt(START)
    expect(mailsTo('r1@example.com')).toHaveLength(1)
    expect((await planOf(s.id)).nextReminderAt).toBe(iso(START + 24 * HOUR * 1000))

    expect(await runAt(START + 24 * HOUR * 1000 - 1000)).toMatchObject({ reminders: 0 })
    expect(await runAt(START + 24 * HOUR * 1000)).toMatchObject({ reminders: 1, sent: 2 })
    const reminder = mailsTo('r1@example.com')[1]
    expect(reminder.parsed.subject).toBe('Reminder: Acme is waiting for your verification')
    expect(reminder.parsed.text).toContain(`token=${s.verificationLink.token}&sessionId=${s.id}&c=e`)
    expect(new URLSearchParams(smsTo('+15551110001')[1].body).get('Body')).toMatch(/^Reminder from Acme: .*c=s/)

    await runAt(START + 72 * HOUR * 1000)
    expect(mailsTo('r1@example.com')).toHaveLength(3)
    expect(smsTo('+15551110001')).toHaveLength(3)
    expect((await planOf(s.id)).nextReminderAt).toBeNull()
    await runAt(START + 200 * HOUR * 1000)
    expect(mailsTo('r1@example.com')).toHaveLength(3)
    expect((await deliveries(s.id)).map((d) => `${d.kind}:${d.channel}:${d.status}`)).toEqual([
      'link:email:sent', 'link:sms:sent', 'reminder:email:sent', 'reminder:sms:sent', 'reminder:email:sent', 'reminder:sms:sent'
    ])
    expect((await eventTypes(s.id)).filter((e) => e.startsWith('session.'))).toEqual([
      'session.created', 'session.link_sent', 'session.link_sent', 'session.reminder_sent', 'session.reminder_sent', 'session.reminder_sent', 'session.reminder_sent'
    ])
  })

  it('wait for 08:00 in params.timezone when due at night there', async () => {
    t.clock.now = START // 07:00 in Los Angeles
    const s = await create({ applicantEmail: 'night@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [14] }, timezone: 'America/Los_Angeles' })
    await runAt(START)
    // START + 14 h = 05:00 UTC = 21:00 in Los Angeles: quiet; the reminder moves to 08:00 there (16:00 UTC).
    expect((await planOf(s.id)).nextReminderAt).toBe('2026-12-08T16:00:00.000Z')
    await runAt(Date.parse('2026-12-08T05:00:00Z'))
    expect(mailsTo('night@example.com')).toHaveLength(1)
    await runAt(Date.parse('2026-12-08T16:00:00Z'))
    expect(mailsTo('night@example.com')).toHaveLength(2)
  })

  it('are not sent once a step is verified, or the session ended', async () => {
    t.clock.now = START
    const verified = await create({ applicantEmail: 'proven@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [1] } })
    const canceled = await create({ applicantEmail: 'canceled@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [1] } })
    await runAt(START)
    await moveSessionTo(t.app, verified.id, 'REVIEWING')
    expect((await t.app.inject({ method: 'POST', url: `/partner/session/${canceled.id}/cancel`, headers: { 'x-api-key': team.key } })).statusCode).toBe(200)
    expect(await runAt(START + HOUR * 1000)).toMatchObject({ reminders: 0 })
    expect(mailsTo('proven@example.com')).toHaveLength(1)
    expect(mailsTo('canceled@example.com')).toHaveLength(1)
    expect((await planOf(verified.id)).nextReminderAt).toBeNull()
  })

  it('are sent by one worker only when several run at once', async () => {
    t.clock.now = START
    const s = await create({ applicantEmail: 'once@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [2] } })
    await runAt(START)
    t.clock.now = START + 2 * HOUR * 1000
    const { createContext } = await import('../../src/context.js')
    const others = [createContext(t.config, t.db, t.clock), createContext(t.config, t.db, t.clock)]
    await Promise.all([t.app.ctx, ...others].map(async (c) => await c.delivery.dispatchDue()))
    await Promise.all([t.app.ctx, ...others].map(async (c) => await c.delivery.dispatchDue()))
    expect(mailsTo('once@example.com')).toHaveLength(2)
    expect((await deliveries(s.id)).map((d) => d.kind)).toEqual(['link', 'reminder'])
    for (const o of others) await o.delivery.stop()
  })
})

describe('STOP and unsubscribe', () => {
  const inbound = async (body: Record<string, string>, auth: string | null = `Basic ${Buffer.from(`gateway:${INBOUND_TOKEN}`).toString('base64')}`) => await t.app.inject({
    method: 'POST',
    url: '/partner/delivery/sms/inbound',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: auth } : {}) },
    payload: new URLSearchParams(body).toString()
  })

  it('refuses an inbound message without the gateway\'s credentials', async () => {
    expectError(await inbound({ From: '+15551110002', Body: 'STOP' }, null), 401, 'Missing or invalid SMS gateway credentials', 'sms_inbound_unauthorized')
    expectError(await inbound({ From: '+15551110002', Body: 'STOP' }, `Basic ${Buffer.from('gateway:wrong-token-0000000').toString('base64')}`), 401, 'Missing or invalid SMS gateway credentials', 'sms_inbound_unauthorized')
  })

  it('a STOP reply ends the reminders and further SMS to that number; START restores them', async () => {
    t.clock.now = START
    const s = await create({ applicantPhone: '+15551110002', delivery: { channels: ['sms'] }, reminders: { afterHours: [1, 2] } })
    await runAt(START)
    expect(smsTo('+15551110002')).toHaveLength(1)
    const stop = await inbound({ From: '+15551110002', To: '+15005550006', Body: ' stop ', MessageSid: 'SM1' })
    expect(stop.statusCode, stop.body).toBe(200)
    expect(stop.json()).toEqual({ success: true, data: { action: 'stopped', teams: 1 } })
    await runAt(START + HOUR * 1000)
    expect(smsTo('+15551110002')).toHaveLength(1)
    // The reminder's turn came: recorded `suppressed`, not sent.
    expect((await deliveries(s.id)).at(-1)).toMatchObject({ kind: 'reminder', channel: 'sms', status: 'suppressed' })
    // An explicit new link to a stopped number is recorded as suppressed, not sent.
    const res = await t.app.inject({ method: 'POST', url: `/partner/session/${s.id}/link`, headers: { 'x-api-key': team.key }, payload: { delivery: { channels: ['sms'] } } })
    expect(res.statusCode).toBe(201)
    await runAt(START + HOUR * 1000)
    expect(smsTo('+15551110002')).toHaveLength(1)
    expect((await deliveries(s.id)).at(-1)).toMatchObject({ kind: 'link', channel: 'sms', status: 'suppressed', attempts: 0, transport: null, lastError: expect.stringMatching(/^Not sent: the address is suppressed for the team \(the applicant replied STOP; suppression \d+\)$/) })
    expect((await inbound({ From: '+15551110002', Body: 'START' })).json()).toEqual({ success: true, data: { action: 'started', teams: 1 } })
    expect((await inbound({ From: '+15551110002', Body: 'hello?' })).json()).toEqual({ success: true, data: { action: 'ignored', teams: 0 } })
    await runAt(START + 2 * HOUR * 1000)
    expect(smsTo('+15551110002')).toHaveLength(2)
  })

  it('the email\'s unsubscribe link asks on GET (nothing changes), stops the team\'s emails on POST', async () => {
    t.clock.now = START
    const s = await create({ applicantEmail: 'unsub@example.com', delivery: { channels: ['email'], locale: 'es' }, reminders: { afterHours: [1] } })
    await runAt(START)
    const [first] = mailsTo('unsub@example.com')
    const unsubscribe = new URL(/(http:\/\/partner\.test\/partner\/delivery\/unsubscribe\?t=\S+)/.exec(first.parsed.text ?? '')?.[1] ?? '')
    const page = await t.app.inject({ method: 'GET', url: `${unsubscribe.pathname}${unsubscribe.search}`, headers: { 'accept-language': 'es-MX,es;q=0.9' } })
    expect(page.statusCode).toBe(200)
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(page.body).toContain('¿Dejar de recibir mensajes de verificación de Acme en esta dirección?')
    expect(await t.db.kysely.selectFrom('deliverySuppressions').selectAll().execute()).not.toContainEqual(expect.objectContaining({ channel: 'email' }))
    // The mail client's one-click unsubscribe (RFC 8058).
    const done = await t.app.inject({ method: 'POST', url: `${unsubscribe.pathname}${unsubscribe.search}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' })
    expect(done.statusCode).toBe(200)
    // In the email's language (the link says it): the mail client sends no Accept-Language.
    expect(unsubscribe.searchParams.get('lang')).toBe('es')
    expect(done.body).toContain('Listo: Acme no enviará más mensajes de verificación a esta dirección.')
    await runAt(START + HOUR * 1000)
    expect(mailsTo('unsub@example.com')).toHaveLength(1)
    expect((await planOf(s.id)).remindersSent).toBe(1) // its turn came, and nothing was sent

    // A forged or altered token gets a page saying the link is not valid, and stops nothing.
    const before = await t.db.kysely.selectFrom('deliverySuppressions').selectAll().execute()
    const token = unsubscribe.searchParams.get('t') ?? ''
    const forged = token.replace(/.$/, (c) => c === '0' ? '1' : '0')
    const refused = await t.app.inject({ method: 'POST', url: `${unsubscribe.pathname}?t=${forged}&lang=es` })
    expect(refused.statusCode).toBe(200)
    expect(refused.body).toContain('Este enlace para darse de baja no es válido.')
    const other = await t.app.inject({ method: 'POST', url: `${unsubscribe.pathname}?t=${encodeURIComponent(unsubscribe.searchParams.get('t')?.replace(/^\d+/, '999') ?? '')}` })
    expect(other.body).toContain('This unsubscribe link is not valid.') // no lang, no Accept-Language
    expect(await t.db.kysely.selectFrom('deliverySuppressions').selectAll().execute()).toEqual(before)

    // Per address and team: another team still reaches the address, and Acme still reaches another address.
    const globex = await createKey(t.app, 'globex-reminders')
    const fromGlobex = await t.app.inject({
      method: 'POST', url: '/partner/session', headers: { 'x-api-key': globex.key }, payload: { params: { expiryDate: iso(t.clock.ms() + 7 * 86400_000), applicantEmail: 'unsub@example.com', delivery: { channels: ['email'] } } }
    })
    expect(fromGlobex.statusCode, fromGlobex.body).toBe(201)
    const again = await create({ applicantEmail: 'UNSUB@example.com', delivery: { channels: ['email'] } })
    const elsewhere = await create({ applicantEmail: 'still.here@example.com', delivery: { channels: ['email'] } })
    await runAt(t.clock.ms())
    expect(mailsTo('unsub@example.com')).toHaveLength(2)
    expect(mailsTo('unsub@example.com')[1].parsed.subject).toBe('globex-reminders asks you to verify your information')
    expect(mailsTo('still.here@example.com')).toHaveLength(1)
    expect(await deliveries(again.id)).toMatchObject([{ channel: 'email', status: 'suppressed' }])
    expect(await deliveries(elsewhere.id)).toMatchObject([{ channel: 'email', status: 'sent' }])
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectNoChange } from '../api/helpers.js'
import { createKey, futureIso, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { BOUNCE_TOKEN, dsn, INBOUND_TOKEN, linkIn, secondWorker, useDeliveryApp } from './support.js'
import { gsmLength } from '../../src/modules/delivery/sms-encoding.js'

/**
 * The link sent by email through a real SMTP server (smtp-server, each message parsed with
 * mailparser) and by SMS through a local HTTP receiver playing a Twilio-compatible gateway.
 */

const { t, mail, gateway } = useDeliveryApp({
  smsWebhookUrl: (receiver) => receiver.url('/2010-04-01/Accounts/AC123/Messages.json').replace('http://', 'http://AC123:gateway-secret@')
})
let team: PartnerKey
const basic = (password: string, user = 'mta') => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`

beforeAll(async () => {
  team = await createKey(t.app, 'acme-delivery')
  const settings = await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': team.key }, payload: { displayName: 'Acme Leasing', supportEmail: 'help@acme.example' } })
  expect(settings.statusCode).toBe(200)
})

const create = async (params: Record<string, unknown>, key = team) => await t.app.inject({
  method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: futureIso(t.app), ...params } }
})
const detail = async (id: number) => (await t.app.inject({ method: 'GET', url: `/partner/session/${id}`, headers: { 'x-api-key': team.key } })).json().data
const eventsOf = async (sessionId: number) => (await t.db.kysely.selectFrom('events').select(['type', 'payload']).where('sessionId', '=', sessionId).orderBy('id').execute())
  .map((e) => ({ type: e.type, ...JSON.parse(e.payload) as Record<string, unknown> }))

describe('email through SMTP', () => {
  it('sends one multipart message with the team\'s name, the instructions and a link that works; the answer says queued', async () => {
    const before = mail.received.length
    const res = await create({ applicantEmail: 'Jane.Doe@Example.com', applicantFirstName: 'Jane', instructions: 'Your last two payslips, please.\nThank you!', delivery: { channels: ['email'] } })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json().data
    expect(created.delivery).toBe('queued')
    expect((await detail(created.id)).deliveries).toEqual([
      { id: expect.any(Number), channel: 'email', kind: 'link', to: 'J***@Example.com', status: 'queued', attempts: 0, lastError: null, transport: null, at: t.clock.iso() }
    ])

    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1, failed: 0, retrying: 0 })
    expect(mail.received.length).toBe(before + 1)
    const m = mail.received[mail.received.length - 1]
    expect(m.to.map((a) => a.toLowerCase())).toEqual(['jane.doe@example.com'])
    expect(m.from).toBe('verify@partner.test')
    expect(m.parsed.subject).toBe('Acme Leasing asks you to verify your information')
    expect(m.parsed.from?.value).toEqual([{ name: 'Verify', address: 'verify@partner.test' }])
    expect(m.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click\r?$/m)
    expect(m.raw.replace(/\r?\n[ \t]+/g, ' ')).toMatch(/^List-Unsubscribe: <http:\/\/partner\.test\/partner\/delivery\/unsubscribe\?t=[0-9]+\.[0-9a-f]{64}\.[0-9a-f]{32}&lang=en>/m)
    expect(m.raw).toMatch(/Content-Type: multipart\/alternative/i)
    const text = m.parsed.text ?? ''
    const html = String(m.parsed.html)
    for (const part of [text, html]) {
      expect(part).toContain('Acme Leasing')
      expect(part).toContain('Your last two payslips, please.')
      expect(part).toContain('help@acme.example')
    }
    expect(text).toContain('Hello Jane,')
    expect(html).toContain('Thank you!')
    const link = linkIn(text)
    expect(html).toContain(link.replace(/&/g, '&amp;'))
    expect(link).toMatch(new RegExp(`^http://partner\\.test/partner/verification/verify\\?token=[A-Za-z0-9_-]{43}&sessionId=${created.id}&c=e$`))
    expect(link).toBe(`${created.verificationLink.manualVerificationLink}&c=e`)

    const [delivery] = (await detail(created.id)).deliveries
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, lastError: null, transport: 'smtp' })
    expect((await eventsOf(created.id)).map((e) => e.type)).toEqual(['session.created', 'session.link_sent'])
    expect((await eventsOf(created.id))[1]).toMatchObject({ deliveryId: delivery.id, channel: 'email', kind: 'link', to: 'J***@Example.com', transport: 'smtp' })

    // The link works: its query exchanged (as the hosted page does) gives a CSRF token, and the
    // session is opened from the email.
    const url = new URL(link)
    const exchange = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: url.searchParams.get('token'), sessionId: Number(url.searchParams.get('sessionId')), c: url.searchParams.get('c') } })
    expect(exchange.statusCode, exchange.body).toBe(200)
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'opened', at: t.clock.iso() })
    const opened = (await eventsOf(created.id)).filter((e) => e.type === 'session.opened')
    expect(opened).toEqual([expect.objectContaining({ type: 'session.opened', channel: 'email' })])
    // Only the first exchange opens it.
    expect((await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}` })).statusCode).toBe(200)
    expect((await eventsOf(created.id)).filter((e) => e.type === 'session.opened')).toHaveLength(1)
  })

  it('writes the email in Spanish with delivery.locale es', async () => {
    const res = await create({ applicantEmail: 'maria@example.com', applicantFirstName: 'María', delivery: { channels: ['email'], locale: 'es-MX' } })
    expect(res.statusCode, res.body).toBe(201)
    await t.app.ctx.delivery.dispatchDue()
    const m = mail.received[mail.received.length - 1]
    expect(m.to).toEqual(['maria@example.com'])
    expect(m.parsed.subject).toBe('Acme Leasing le pide verificar su información')
    expect(m.parsed.text).toContain('Hola, María:')
    expect(m.parsed.text).toContain('Comenzar la verificación')
    expect(String(m.parsed.html)).toContain('lang="es"')
  })

  it('writes the email in the session\'s params.locale when delivery names no locale (issue 20 item 4)', async () => {
    const res = await create({ applicantEmail: 'lucia@example.com', applicantFirstName: 'Lucía', locale: 'es', delivery: { channels: ['email'] } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().data.locale).toBe('es')
    await t.app.ctx.delivery.dispatchDue()
    const m = mail.received[mail.received.length - 1]
    expect(m.to).toEqual(['lucia@example.com'])
    expect(m.parsed.subject).toBe('Acme Leasing le pide verificar su información')
    expect(String(m.parsed.html)).toContain('lang="es"')
  })

  it('sends a reissued link in the session\'s params.locale when the link was never sent before', async () => {
    const created = (await create({ applicantEmail: 'amelie@example.com', applicantFirstName: 'Amélie', locale: 'fr' })).json().data
    const res = await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/link`, headers: { 'x-api-key': team.key }, payload: { delivery: { channels: ['email'] } } })
    expect(res.statusCode, res.body).toBe(201)
    await t.app.ctx.delivery.dispatchDue()
    const m = mail.received[mail.received.length - 1]
    expect(m.to).toEqual(['amelie@example.com'])
    expect(m.parsed.subject).toBe('Acme Leasing vous demande de vérifier vos informations')
  })

  it('records a mailbox the server refuses (5xx) as failed with the server\'s answer, once, with an event', async () => {
    mail.refuse = (to) => to === 'gone@example.com' ? { code: 550, message: 'No such user here' } : null
    const created = (await create({ applicantEmail: 'gone@example.com', delivery: { channels: ['email'] } })).json().data
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ failed: 1, sent: 0 })
    const [d] = (await detail(created.id)).deliveries
    expect(d).toMatchObject({ status: 'failed', attempts: 1, transport: 'smtp' })
    expect(d.lastError).toMatch(/^550 .*No such user here/)
    const failed = (await eventsOf(created.id)).filter((e) => e.type === 'session.link_delivery_failed')
    expect(failed).toEqual([expect.objectContaining({ channel: 'email', error: d.lastError, deliveryId: d.id })])
    t.clock.advance(3600)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ failed: 0, sent: 0, retrying: 0 })
    expect(mail.rcpt.filter((r) => r === 'gone@example.com')).toHaveLength(1)
  })

  it('retries a temporary refusal (4xx) with backoff, and sends once it passes', async () => {
    let refusals = 2
    mail.refuse = (to) => to === 'busy@example.com' && refusals-- > 0 ? { code: 451, message: 'Try again later' } : null
    const created = (await create({ applicantEmail: 'busy@example.com', delivery: { channels: ['email'] } })).json().data
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ retrying: 1 })
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringMatching(/^451 .*Try again later/) })
    // Not before its time: 30 s after the first failure, then 2 min.
    t.clock.advance(29)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ retrying: 0, sent: 0 })
    t.clock.advance(1)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ retrying: 1 })
    t.clock.advance(120)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'sent', attempts: 3, lastError: null })
    expect(mail.received.filter((m) => m.to.includes('busy@example.com'))).toHaveLength(1)
  })
})

describe('SMS through the gateway', () => {
  it('posts To, From and Body with basic auth from SMS_WEBHOOK_URL; the body fits one SMS with the link', async () => {
    gateway.respond = () => 201
    gateway.respondBody = JSON.stringify({ sid: 'SM0123456789', status: 'queued' })
    const before = gateway.received.length
    const res = await create({ applicantPhone: '+15551231234', delivery: { channels: ['sms'] } })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json().data
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(gateway.received.length).toBe(before + 1)
    const r = gateway.received[gateway.received.length - 1]
    expect(r.path).toBe('/2010-04-01/Accounts/AC123/Messages.json')
    expect(r.headers['content-type']).toBe('application/x-www-form-urlencoded')
    expect(r.headers.authorization).toBe(`Basic ${Buffer.from('AC123:gateway-secret').toString('base64')}`)
    const form = new URLSearchParams(r.body)
    expect(form.get('To')).toBe('+15551231234')
    expect(form.get('From')).toBe('+15005550006')
    const body = form.get('Body') ?? ''
    expect(body.startsWith('Acme Leasing')).toBe(true)
    expect(gsmLength(body)).not.toBeNull()
    expect(gsmLength(body)).toBeLessThanOrEqual(160)
    const link = linkIn(body)
    expect(link).toBe(`${created.verificationLink.manualVerificationLink}&c=s`)
    expect((await detail(created.id)).deliveries).toEqual([
      { id: expect.any(Number), channel: 'sms', kind: 'link', to: '+1******1234', status: 'sent', attempts: 1, lastError: null, transport: 'sms_gateway', at: t.clock.iso() }
    ])
    // Opened from the SMS.
    const url = new URL(link)
    expect((await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept: 'application/json' } })).statusCode).toBe(200)
    expect((await eventsOf(created.id)).find((e) => e.type === 'session.opened')).toMatchObject({ channel: 'sms' })
    expect((await detail(created.id)).deliveries[0].status).toBe('opened')
  })

  it('records a number the gateway refuses (4xx) as failed with its answer\'s text, without retrying', async () => {
    gateway.respond = (r) => new URLSearchParams(r.body).get('To') === '+15550000400' ? 400 : 201
    gateway.respondBody = '{"code":21211,"message":"The \'To\' number +15550000400 is not a valid phone number."}'
    const created = (await create({ applicantPhone: '+15550000400', delivery: { channels: ['sms'] } })).json().data
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ failed: 1 })
    const [d] = (await detail(created.id)).deliveries
    expect(d).toMatchObject({ status: 'failed', attempts: 1, transport: 'sms_gateway' })
    expect(d.lastError).toBe('Gateway answered HTTP 400: {"code":21211,"message":"The \'To\' number +15550000400 is not a valid phone number."}')
    expect((await eventsOf(created.id)).map((e) => e.type)).toContain('session.link_delivery_failed')
  })

  it('retries a gateway error (5xx) up to 5 tries, then fails', async () => {
    gateway.respond = (r) => new URLSearchParams(r.body).get('To') === '+15550000500' ? 503 : 201
    gateway.respondBody = 'upstream unavailable'
    const created = (await create({ applicantPhone: '+15550000500', delivery: { channels: ['sms'] }, expiryDate: futureIso(t.app, 30 * 86400) })).json().data
    const tries = () => gateway.received.filter((r) => new URLSearchParams(r.body).get('To') === '+15550000500').length
    for (const wait of [0, 30, 120, 600, 3600]) {
      t.clock.advance(wait)
      await t.app.ctx.delivery.dispatchDue()
    }
    expect(tries()).toBe(5)
    const [d] = (await detail(created.id)).deliveries
    expect(d).toMatchObject({ status: 'failed', attempts: 5, lastError: 'Gateway answered HTTP 503: upstream unavailable' })
    t.clock.advance(86400)
    await t.app.ctx.delivery.dispatchDue()
    expect(tries()).toBe(5)
    expect((await eventsOf(created.id)).filter((e) => e.type === 'session.link_delivery_failed')).toHaveLength(1)
  })
})

describe('the outbox across workers', () => {
  it('sends each message once when several workers run at the same moment', async () => {
    gateway.respond = () => 201
    const mailBefore = mail.received.length
    const smsBefore = gateway.received.length
    const ids: number[] = []
    for (let i = 0; i < 6; i++) {
      const res = await create({ applicantEmail: `many${i}@example.com`, applicantPhone: `+1555000${String(1000 + i)}`, delivery: { channels: ['email', 'sms'] } })
      ids.push(res.json().data.id)
    }
    const workers = [t.app.ctx, secondWorker(t), secondWorker(t)]
    await Promise.all(workers.map(async (w) => await w.delivery.dispatchDue()))
    await Promise.all(workers.map(async (w) => await w.delivery.dispatchDue()))
    expect(mail.received.length - mailBefore).toBe(6)
    expect(gateway.received.length - smsBefore).toBe(6)
    expect(new Set(mail.received.slice(mailBefore).map((m) => m.to[0])).size).toBe(6)
    for (const id of ids) expect((await detail(id)).deliveries.map((d: { status: string }) => d.status)).toEqual(['sent', 'sent'])
    await Promise.all(workers.slice(1).map(async (w) => { await w.delivery.stop() }))
  })

  it('never sends again a message whose worker stopped mid-attempt (its lease ran out): it is failed', async () => {
    const created = (await create({ applicantEmail: 'lost@example.com', delivery: { channels: ['email'] } })).json().data
    // A worker claimed it and died before recording anything.
    const claimed = await t.app.ctx.repos.delivery.claimDue(t.clock.iso(), t.clock.iso(120_000), 10)
    expect(claimed.map((c) => c.sessionId)).toEqual([created.id])
    await t.app.ctx.delivery.dispatchDue()
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'queued', attempts: 1 })
    t.clock.advance(121)
    await t.app.ctx.delivery.dispatchDue()
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('not retried') })
    expect(mail.rcpt).not.toContain('lost@example.com')
  })

  it('sends nothing for a session that ended before its turn', async () => {
    const created = (await create({ applicantEmail: 'late@example.com', delivery: { channels: ['email'] } })).json().data
    await moveSessionTo(t.app, created.id, 'EXPIRED')
    await t.app.ctx.delivery.dispatchDue()
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'failed', lastError: 'The session is no longer open' })
    expect(mail.rcpt).not.toContain('late@example.com')
  })
})

describe('a new link', () => {
  it('is sent with POST /partner/session/:id/link {delivery}; the old link stops working, the new one works', async () => {
    const created = (await create({ applicantEmail: 'again@example.com', applicantPhone: '+15557654321', delivery: { channels: ['email'] } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    const res = await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/link`, headers: { 'x-api-key': team.key }, payload: { delivery: { channels: ['email', 'sms'] } } })
    expect(res.statusCode, res.body).toBe(201)
    expect(res.json().data.delivery).toBe('queued')
    await t.app.ctx.delivery.dispatchDue()
    const deliveries = (await detail(created.id)).deliveries
    expect(deliveries.map((d: { channel: string, status: string }) => `${d.channel}:${d.status}`)).toEqual(['email:sent', 'email:sent', 'sms:sent'])
    const mails = mail.received.filter((m) => m.to.includes('again@example.com'))
    expect(mails).toHaveLength(2)
    const [oldLink, newLink] = mails.map((m) => new URL(linkIn(m.parsed.text ?? '')))
    expect(newLink.searchParams.get('token')).toBe(res.json().data.verificationLink.token)
    const exchange = async (u: URL) => await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: u.searchParams.get('token'), sessionId: created.id } })
    expect((await exchange(oldLink)).statusCode).toBe(401)
    expect((await exchange(newLink)).statusCode).toBe(200)
  })

  it('without delivery answers as before (no delivery field) and sends nothing', async () => {
    const created = (await create({ applicantEmail: 'quiet@example.com' })).json().data
    expect(created.delivery).toBeUndefined()
    const res = await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/link`, headers: { 'x-api-key': team.key } })
    expect(res.statusCode).toBe(201)
    expect(Object.keys(res.json().data)).toEqual(['verificationLink'])
    await t.app.ctx.delivery.dispatchDue()
    expect((await detail(created.id)).deliveries).toEqual([])
    expect(mail.rcpt).not.toContain('quiet@example.com')
  })

  it('refuses sms for a session without applicantPhone, changing nothing', async () => {
    const created = (await create({ applicantEmail: 'nophone@example.com' })).json().data
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/link`, headers: { 'x-api-key': team.key }, payload: { delivery: { channels: ['sms'] } } }))
    expectError(res, 400, 'the session\'s params.applicantPhone is required to send by SMS', 'validation_failed')
  })
})

describe('what POST /partner/session refuses (400, nothing created)', () => {
  const rows: Array<[string, Record<string, unknown>, string]> = [
    ['email delivery without applicantEmail', { delivery: { channels: ['email'] } }, 'params.applicantEmail is required to send by email'],
    ['sms delivery without applicantPhone', { applicantEmail: 'a@example.com', delivery: { channels: ['sms'] } }, 'params.applicantPhone is required to send by SMS'],
    ['a phone number not in E.164 form', { applicantPhone: '555-0100' }, 'body.params.applicantPhone must match ^\\+[1-9][0-9]{6,14}$'],
    ['an unknown channel', { applicantEmail: 'a@example.com', delivery: { channels: ['fax'] } }, 'body.params.delivery.channels.0 must be one of email, sms'],
    ['no channel', { applicantEmail: 'a@example.com', delivery: { channels: [] } }, 'body.params.delivery.channels must NOT have fewer than 1 items'],
    ['a language without messages', { applicantEmail: 'a@example.com', delivery: { channels: ['email'], locale: 'de' } }, 'params.delivery.locale must name one of the supported languages (en, es, fr, pt-BR), got "de"'],
    ['reminders without delivery', { reminders: { afterHours: [24] } }, 'params.reminders needs params.delivery: reminders are sent on its channels'],
    ['a reminder after the expiry', { applicantEmail: 'a@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [24, 200] } }, 'params.reminders.afterHours must each fall before params.expiryDate; 200 h does not'],
    ['four reminders', { applicantEmail: 'a@example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [1, 2, 3, 4] } }, 'body.params.reminders.afterHours must NOT have more than 3 items'],
    ['an unknown time zone', { applicantEmail: 'a@example.com', delivery: { channels: ['email'] }, timezone: 'Europe/Atlantis' }, 'params.timezone must be an IANA time zone name such as America/New_York, got "Europe/Atlantis"']
  ]
  it.each(rows)('%s', async (_name, params, message) => {
    const res = await expectNoChange(t.db, async () => await create(params))
    expect(res.statusCode).toBe(400)
    expect(res.json().message.startsWith(message), res.json().message).toBe(true)
    expect(res.json().code).toBe('validation_failed')
  })

  it('a guide client sending none of it gets the answer it always got', async () => {
    const res = await create({ applicantEmail: 'guide@example.com' })
    expect(res.statusCode).toBe(201)
    expect(res.json().data.delivery).toBeUndefined()
    expect(await t.db.kysely.selectFrom('deliveryPlans').select('sessionId').where('sessionId', '=', res.json().data.id).execute()).toEqual([])
  })
})

describe('redaction', () => {
  it('erases the addresses and the messages\' content; the masked address reads [redacted]', async () => {
    // The mail server's refusal names the address: lastError goes too.
    mail.refuse = (to) => to.toLowerCase() === 'erase.me@example.com' ? { code: 550, message: '5.1.1 <erase.me@example.com>: Recipient address rejected' } : null
    const created = (await create({ applicantEmail: 'erase.me@example.com', applicantPhone: '+15550009999', delivery: { channels: ['email', 'sms'] } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    mail.refuse = () => null
    expect((await detail(created.id)).deliveries.find((d: { channel: string }) => d.channel === 'email').lastError).toContain('erase.me@example.com')
    await moveSessionTo(t.app, created.id, 'EXPIRED')
    expect((await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/redact`, headers: { 'x-api-key': team.key } })).statusCode).toBe(200)
    const rows = await t.db.kysely.selectFrom('linkDeliveries').selectAll().where('sessionId', '=', created.id).execute()
    expect(rows.map((r) => [r.toAddress, r.toMasked, r.content])).toEqual([[null, '[redacted]', null], [null, '[redacted]', null]])
    expect(rows.map((r) => r.lastError)).toContain('[redacted]')
    expect(JSON.stringify(rows)).not.toMatch(/erase\.me|0009999/)
    const plan = await t.db.kysely.selectFrom('deliveryPlans').selectAll().where('sessionId', '=', created.id).executeTakeFirstOrThrow()
    expect([plan.email, plan.phone, plan.linkSealed]).toEqual([null, null, null])
    expect(JSON.stringify(await t.db.kysely.selectFrom('auditLog').selectAll().where('sessionId', '=', created.id).execute())).not.toContain('erase.me')
  })
})

describe('messages reported lost after they left', () => {
  it('SMS: the gateway\'s StatusCallback `undelivered` makes the message bounced with the error, once; `failed` makes it failed', async () => {
    gateway.respond = () => 201
    gateway.respondBody = JSON.stringify({ sid: 'SMundelivered01', status: 'queued' })
    const created = (await create({ applicantPhone: '+15551239001', delivery: { channels: ['sms'] } })).json().data
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    const form = new URLSearchParams(gateway.received[gateway.received.length - 1].body)
    // Each SMS carries the callback, with the inbound token as its basic-auth password.
    const callback = new URL(form.get('StatusCallback') ?? '')
    expect(`${callback.origin}${callback.pathname}`).toBe('http://partner.test/partner/delivery/sms/status')
    expect(decodeURIComponent(callback.password)).toBe(INBOUND_TOKEN)
    const auth = basic(decodeURIComponent(callback.password), callback.username)
    const post = async (payload: string, authorization = auth) => await t.app.inject({
      method: 'POST', url: callback.pathname, headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, payload
    })
    const report = 'MessageSid=SMundelivered01&MessageStatus=undelivered&ErrorCode=30003&To=%2B15551239001&AccountSid=AC123'

    const refused = await expectNoChange(t.db, async () => await post(report, basic('wrong-token-0123456789')))
    expectError(refused, 401, 'Missing or invalid SMS gateway credentials', 'sms_inbound_unauthorized')
    for (const status of ['sent', 'delivered']) {
      const res = await post(`MessageSid=SMundelivered01&MessageStatus=${status}`)
      expect(res.json()).toEqual({ success: true, data: { action: 'ignored' } })
    }
    expect((await detail(created.id)).deliveries[0].status).toBe('sent')
    t.clock.advance(60)
    const res = await post(report)
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ success: true, data: { action: 'bounced' } })
    expect((await detail(created.id)).deliveries).toEqual([{
      id: expect.any(Number),
      channel: 'sms',
      kind: 'link',
      to: '+1******9001',
      status: 'bounced',
      attempts: 1,
      transport: 'sms_gateway',
      lastError: 'Gateway reported the SMS undelivered (error 30003: Unreachable destination handset)',
      at: t.clock.iso()
    }])
    // Gateways repeat callbacks: the second changes nothing.
    expect((await post(report)).json().data.action).toBe('ignored')
    const failedEvents = (await eventsOf(created.id)).filter((e) => e.type === 'session.link_delivery_failed')
    expect(failedEvents).toEqual([{
      ...failedEvents[0],
      type: 'session.link_delivery_failed',
      deliveryId: expect.any(Number),
      channel: 'sms',
      kind: 'link',
      to: '+1******9001',
      transport: 'sms_gateway',
      status: 'bounced',
      error: 'Gateway reported the SMS undelivered (error 30003: Unreachable destination handset)'
    }])

    // `failed`, posted as JSON, with the gateway's own message.
    gateway.respondBody = JSON.stringify({ sid: 'SMfailed02', status: 'queued' })
    const other = (await create({ applicantPhone: '+15551239002', delivery: { channels: ['sms'] } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    const json = await t.app.inject({ method: 'POST', url: '/partner/delivery/sms/status', headers: { authorization: auth }, payload: { MessageSid: 'SMfailed02', MessageStatus: 'failed', ErrorCode: '30034', ErrorMessage: 'Unregistered sender' } })
    expect(json.json()).toEqual({ success: true, data: { action: 'failed' } })
    expect((await detail(other.id)).deliveries[0]).toMatchObject({ status: 'failed', lastError: 'Gateway reported the SMS failed (error 30034: Unregistered sender)' })
    // A sid that is none of ours, and a body without the fields.
    expect((await post('MessageSid=SMunknown&MessageStatus=undelivered')).json().data.action).toBe('ignored')
    expectError(await expectNoChange(t.db, async () => await post('MessageStatus=undelivered')), 400, expect.any(String) as unknown as string, 'validation_failed')
  })

  it('email: the mail server\'s bounce (a DSN naming the email\'s Message-ID and address) makes it bounced with the server\'s answer', async () => {
    const created = (await create({ applicantEmail: 'nobody@example.com', delivery: { channels: ['email'] } })).json().data
    const before = mail.received.length
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(mail.received.length).toBe(before + 1)
    const sent = mail.received[mail.received.length - 1]
    expect(sent.parsed.messageId).toMatch(/^<.+@.+>$/)
    const headers = sent.raw.slice(0, sent.raw.search(/\r?\n\r?\n/))
    const post = async (payload: string, o: { authorization?: string, type?: string } = {}) => await t.app.inject({
      method: 'POST',
      url: '/partner/delivery/email/bounce',
      headers: { authorization: o.authorization ?? basic(BOUNCE_TOKEN), 'content-type': o.type ?? 'message/rfc822' },
      payload
    })
    const bounce = dsn({ recipient: 'nobody@example.com', returnedHeaders: headers })

    expectError(await expectNoChange(t.db, async () => await post(bounce, { authorization: basic(INBOUND_TOKEN) })), 401, 'Missing or invalid bounce notification credentials', 'mail_bounce_unauthorized')
    expectError(await expectNoChange(t.db, async () => await post(JSON.stringify({ bounce }), { type: 'application/json' })), 400,
      'body must be a delivery status notification (RFC 3464: a multipart/report with a message/delivery-status part)', 'validation_failed')
    expectError(await expectNoChange(t.db, async () => await post('Subject: hello\r\n\r\nnot a bounce')), 400, 'body must be a delivery status notification (RFC 3464: a multipart/report with a message/delivery-status part)', 'validation_failed')
    // A delay, and a bounce for another address, change nothing.
    expect((await post(dsn({ recipient: 'nobody@example.com', action: 'delayed', status: '4.4.1', returnedHeaders: headers }))).json().data.action).toBe('ignored')
    expect((await post(dsn({ recipient: 'someone.else@example.com', returnedHeaders: headers }))).json().data.action).toBe('ignored')
    expect((await detail(created.id)).deliveries[0].status).toBe('sent')

    const res = await post(bounce, { type: 'multipart/report; report-type=delivery-status; boundary="B0UND"' })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ success: true, data: { action: 'bounced' } })
    const lastError = 'Bounced (5.1.1): 550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown in virtual mailbox table'
    expect((await detail(created.id)).deliveries[0]).toMatchObject({ status: 'bounced', transport: 'smtp', lastError })
    const again = await post(bounce, { type: 'text/plain' })
    expect(again.json(), again.body).toEqual({ success: true, data: { action: 'ignored' } })
    expect((await eventsOf(created.id)).filter((e) => e.type === 'session.link_delivery_failed')).toEqual([
      expect.objectContaining({ type: 'session.link_delivery_failed', deliveryId: expect.any(Number), channel: 'email', kind: 'link', to: 'n***@example.com', transport: 'smtp', status: 'bounced', error: lastError })
    ])
  })
})

describe('re-verification and requests for more (issue 21)', () => {
  const post = async (url: string, payload: Record<string, unknown>) => await t.app.inject({ method: 'POST', url, headers: { 'x-api-key': team.key }, payload })

  it('reverify {delivery} sends the new session\'s link by email and SMS to the parent\'s applicant, in the parent\'s language', async () => {
    gateway.respond = () => 201
    const parent = (await create({ applicantEmail: 'renew@example.com', applicantFirstName: 'Rita', applicantPhone: '+15557654321', delivery: { channels: ['email', 'sms'], locale: 'es' } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    await moveSessionTo(t.app, parent.id, 'COMPLETED')
    const mails = mail.received.length
    const texts = gateway.received.length
    const res = await post(`/partner/session/${parent.id}/reverify`, { expiryDate: futureIso(t.app), delivery: { channels: ['email', 'sms'] } })
    expect(res.statusCode, res.body).toBe(201)
    const child = res.json().data
    expect(child).toMatchObject({ parentSessionId: parent.id, delivery: 'queued', locale: 'es', applicantEmail: 'renew@example.com' })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 2, failed: 0 })
    expect(mail.received.length).toBe(mails + 1)
    const m = mail.received[mail.received.length - 1]
    expect(m.to.map((a) => a.toLowerCase())).toEqual(['renew@example.com'])
    expect(m.parsed.text).toContain('Hola, Rita:')
    expect(linkIn(m.parsed.text ?? '')).toBe(`${child.verificationLink.manualVerificationLink}&c=e`)
    expect(gateway.received.length).toBe(texts + 1)
    const form = new URLSearchParams(gateway.received[gateway.received.length - 1].body)
    expect(form.get('To')).toBe('+15557654321')
    expect(linkIn(form.get('Body') ?? '')).toBe(`${child.verificationLink.manualVerificationLink}&c=s`)
    expect((await eventsOf(child.id)).filter((e) => e.type === 'session.link_sent').map((e) => String((e as Record<string, unknown>).channel)).sort()).toEqual(['email', 'sms'])
  })

  it('reverify without delivery sends the new link on the channels the parent\'s was last sent on, in its language (issue 21 item 7: "sends the link")', async () => {
    const parent = (await create({ applicantEmail: 'again@example.com', applicantFirstName: 'Ana', delivery: { channels: ['email'], locale: 'pt-BR' } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    await moveSessionTo(t.app, parent.id, 'COMPLETED')
    const mails = mail.received.length
    const res = await post(`/partner/session/${parent.id}/reverify`, { expiryDate: futureIso(t.app) })
    expect(res.statusCode, res.body).toBe(201)
    const child = res.json().data
    expect(child).toMatchObject({ parentSessionId: parent.id, delivery: 'queued', locale: 'pt-BR' })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1, failed: 0 })
    expect(mail.received.length).toBe(mails + 1)
    const m = mail.received[mail.received.length - 1]
    expect(m.to).toEqual(['again@example.com'])
    expect(m.parsed.subject).toBe('Acme Leasing pede que você verifique suas informações')
    expect(linkIn(m.parsed.text ?? '')).toBe(`${child.verificationLink.manualVerificationLink}&c=e`)
  })

  it('reverify without delivery sends nothing when the parent\'s link was never sent; delivery by SMS without a phone on the parent is a 400 that creates nothing', async () => {
    const parent = (await create({ applicantEmail: 'nophone@example.com' })).json().data
    await moveSessionTo(t.app, parent.id, 'REJECTED')
    const silent = await post(`/partner/session/${parent.id}/reverify`, { expiryDate: futureIso(t.app) })
    expect(silent.statusCode, silent.body).toBe(201)
    expect(silent.json().data.delivery).toBeUndefined()
    expect(await t.db.kysely.selectFrom('linkDeliveries').select('id').where('sessionId', '=', silent.json().data.id).execute()).toEqual([])
    const res = await expectNoChange(t.db, async () => await post(`/partner/session/${parent.id}/reverify`, { expiryDate: futureIso(t.app), delivery: { channels: ['sms'] } }))
    expect(res.statusCode, res.body).toBe(400)
    expect(res.json()).toMatchObject({ code: 'validation_failed', message: 'body.delivery.channels: sms needs the applicant\'s phone number, and the session\'s link was never planned for one' })
  })

  it('REQUEST_MORE sends the same link again on the channels it went out on; the page shows the reviewer\'s words', async () => {
    const created = (await create({ applicantEmail: 'more@example.com', applicantFirstName: 'Mo', delivery: { channels: ['email'] } })).json().data
    await t.app.ctx.delivery.dispatchDue()
    await moveSessionTo(t.app, created.id, 'REVIEWING')
    const before = mail.received.length
    const res = await post(`/partner/reviewer/sessions/${created.id}/decision`, { decision: 'REQUEST_MORE', message: 'Please add March\'s payslip.', reasons: ['more_recent_proof_needed'] })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({ message: 'More was requested from the applicant; the link was sent again', data: { status: 'PROCESSING' } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(mail.received.length).toBe(before + 1)
    const m = mail.received[mail.received.length - 1]
    expect(m.to.map((a) => a.toLowerCase())).toEqual(['more@example.com'])
    const link = linkIn(m.parsed.text ?? '')
    expect(link).toBe(`${created.verificationLink.manualVerificationLink}&c=e`)
    const url = new URL(link)
    const opened = await t.app.inject({ method: 'GET', url: `${url.pathname}${url.search}`, headers: { accept: 'application/json' } })
    expect(opened.statusCode, opened.body).toBe(200)
    expect(opened.json().data.session.moreRequest).toMatchObject({ message: 'Please add March\'s payslip.' })
    expect((await detail(created.id)).deliveries.map((d: { kind: string, status: string }) => d.kind)).toEqual(['link', 'link'])
    const types = (await eventsOf(created.id)).map((e) => e.type)
    expect(types.filter((x) => x === 'session.link_sent')).toHaveLength(2)
    expect(types.indexOf('session.more_requested')).toBeLessThan(types.lastIndexOf('session.link_sent'))
  })

  it('REQUEST_MORE for a session whose link the partner shares sends nothing', async () => {
    const created = (await create({ applicantEmail: 'shared@example.com' })).json().data
    await moveSessionTo(t.app, created.id, 'REVIEWING')
    const res = await post(`/partner/reviewer/sessions/${created.id}/decision`, { decision: 'REQUEST_MORE', message: 'One more payslip.', reasons: ['proof_incomplete'] })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().message).toBe('More was requested from the applicant')
    expect(await t.db.kysely.selectFrom('linkDeliveries').select('id').where('sessionId', '=', created.id).execute()).toEqual([])
  })
})

import { Migrator, sql, type Kysely } from 'kysely'
import { beforeAll, describe, expect, it } from 'vitest'
import { migrationProvider } from '../../src/db/migrations/index.js'
import { dumpDatabase, expectError, expectNoChange } from '../api/helpers.js'
import { createKey, futureIso, moveSessionTo, type PartnerKey } from '../support/factories.js'
import { openTestDb, TestClock } from '../support/harness.js'
import { BOUNCE_TOKEN, dsn, INBOUND_TOKEN, useDeliveryApp } from './support.js'

/**
 * Suppressed addresses: a hard bounce (the mail server's DSN, the gateway's `undelivered`) or the
 * applicant's STOP stops the team's messages to that address; each message not sent is recorded
 * `suppressed`, with its event; the partner lists and lifts suppressions. Real SMTP server
 * (smtp-server), local Twilio-compatible gateway.
 */

// A Monday afternoon in UTC (the teams' zone): reminders are not held for the night.
const { t, mail, gateway } = useDeliveryApp({ clock: new TestClock(Date.parse('2026-12-07T15:00:00.000Z')) })
let acme: PartnerKey
let globex: PartnerKey
const basic = (password: string) => `Basic ${Buffer.from(`mta:${password}`).toString('base64')}`

beforeAll(async () => {
  gateway.respond = () => 201
  acme = await createKey(t.app, 'acme-suppress')
  globex = await createKey(t.app, 'globex-suppress')
})

const create = async (params: Record<string, unknown>, key = acme) => {
  const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: futureIso(t.app), ...params } } })
  expect(res.statusCode, res.body).toBe(201)
  return res.json().data as { id: number }
}
const call = async (method: 'GET' | 'DELETE' | 'POST', url: string, key = acme, payload?: object) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key.key }, ...(payload ? { payload } : {}) })
const deliveries = async (id: number) => (await call('GET', `/partner/session/${id}`)).json().data.deliveries as Array<Record<string, unknown>>
const failedEvents = async (sessionId: number) => (await t.db.kysely.selectFrom('events').select(['type', 'payload']).where('sessionId', '=', sessionId).orderBy('id').execute())
  .filter((e) => e.type === 'session.link_delivery_failed').map((e) => JSON.parse(e.payload) as Record<string, unknown>)
const list = async (query = '', key = acme) => {
  const res = await call('GET', `/partner/delivery/suppressions${query}`, key)
  expect(res.statusCode, res.body).toBe(200)
  return res.json() as { success: true, data: Array<Record<string, unknown>>, hasMore: boolean }
}
const mailsTo = (address: string) => mail.received.filter((m) => m.to.map((a) => a.toLowerCase()).includes(address.toLowerCase()))
const smsTo = (phone: string) => gateway.received.filter((r) => new URLSearchParams(r.body).get('To') === phone)

/** The mail server's bounce of the last email sent to `address`, posted as a mail server's pipe would. */
async function bounceLast (address: string, status: string) {
  const sent = mailsTo(address).at(-1)
  if (!sent) throw new Error(`no email to ${address}`)
  const returnedHeaders = sent.raw.slice(0, sent.raw.search(/\r?\n\r?\n/))
  const res = await t.app.inject({
    method: 'POST',
    url: '/partner/delivery/email/bounce',
    headers: { authorization: basic(BOUNCE_TOKEN), 'content-type': 'message/rfc822' },
    payload: dsn({ recipient: address.toLowerCase(), status, diagnostic: `550 ${status} <${address}>: mailbox problem`, returnedHeaders })
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.action as string
}

/** The gateway's status callback for the SMS it answered with `sid`. */
async function smsStatus (sid: string, status: string, code?: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/partner/delivery/sms/status',
    headers: { authorization: basic(INBOUND_TOKEN), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ MessageSid: sid, MessageStatus: status, ...(code ? { ErrorCode: code } : {}) }).toString()
  })
  expect(res.statusCode, res.body).toBe(200)
  return res.json().data.action as string
}

const SUPPRESSED = /^Not sent: the address is suppressed for the team \(a message to it bounced; suppression (\d+)\)$/

describe('a hard bounce', () => {
  it('suppresses the email address for the team: its reminder and a later session are recorded suppressed, with events, and never attempted; another team still sends', async () => {
    const a = await create({ applicantEmail: 'Gone.Away@Example.com', delivery: { channels: ['email'] }, reminders: { afterHours: [1] } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(await bounceLast('gone.away@example.com', '5.1.1')).toBe('bounced')
    const [link] = await deliveries(a.id)
    expect(link).toMatchObject({ status: 'bounced', transport: 'smtp' })
    expect((await failedEvents(a.id))[0]).toMatchObject({ deliveryId: link.id, status: 'bounced', suppressed: true })

    const listed = await list()
    expect(listed).toEqual({
      success: true,
      data: [{ id: expect.any(Number), channel: 'email', reason: 'bounced', code: '5.1.1', sessionId: a.id, deliveryId: link.id, createdAt: t.clock.iso() }],
      hasMore: false
    })
    const suppressionId = listed.data[0].id

    // The reminder's turn: not sent, recorded as suppressed, not counted as an attempt.
    t.clock.advance(3600)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ reminders: 1, sent: 0, suppressed: 1 })
    const reminder = (await deliveries(a.id))[1]
    expect(reminder).toEqual({
      id: expect.any(Number),
      channel: 'email',
      kind: 'reminder',
      to: 'G***@Example.com',
      status: 'suppressed',
      attempts: 0,
      lastError: `Not sent: the address is suppressed for the team (a message to it bounced; suppression ${String(suppressionId)})`,
      transport: null,
      at: t.clock.iso()
    })
    expect((await failedEvents(a.id))[1]).toEqual({
      ...(await failedEvents(a.id))[1],
      deliveryId: reminder.id,
      channel: 'email',
      kind: 'reminder',
      to: 'G***@Example.com',
      status: 'suppressed',
      reason: 'bounced',
      suppressionId,
      error: reminder.lastError
    })

    // A later session of the team to the same address (written otherwise): suppressed too.
    const b = await create({ applicantEmail: 'GONE.AWAY@example.com', delivery: { channels: ['email'] } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 0, suppressed: 1 })
    expect(await deliveries(b.id)).toMatchObject([{ kind: 'link', status: 'suppressed', attempts: 0, lastError: expect.stringMatching(SUPPRESSED) }])
    expect(await failedEvents(b.id)).toEqual([expect.objectContaining({ status: 'suppressed', reason: 'bounced', suppressionId })])

    // Another team reaches the address.
    const other = await create({ applicantEmail: 'gone.away@example.com', delivery: { channels: ['email'] } }, globex)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(await call('GET', `/partner/session/${other.id}`, globex).then((r) => r.json().data.deliveries[0].status)).toBe('sent')
    expect((await list('', globex)).data).toEqual([])
    // Only the first link and the other team's ever reached the mail server.
    expect(mail.rcpt.filter((r) => r.toLowerCase() === 'gone.away@example.com')).toHaveLength(2)
  })

  it('the mail server refusing the recipient at send time (RCPT TO 550 5.1.1) fails the message and suppresses the address; 4xx retries, other 5xx do not suppress', async () => {
    mail.refuse = (to) => {
      const address = to.toLowerCase()
      if (address === 'no.such@example.com') return { code: 550, message: '5.1.1 <no.such@example.com>: Recipient address rejected: User unknown' }
      if (address === 'greylisted@example.com') return { code: 450, message: '4.1.1 <greylisted@example.com>: Recipient address rejected: try again later' }
      if (address === 'policy@example.com') return { code: 550, message: '5.7.1 <policy@example.com>: Relay access denied' }
      return null
    }
    try {
      const a = await create({ applicantEmail: 'No.Such@example.com', delivery: { channels: ['email'] } })
      const g = await create({ applicantEmail: 'greylisted@example.com', delivery: { channels: ['email'] } })
      const p = await create({ applicantEmail: 'policy@example.com', delivery: { channels: ['email'] } })
      expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 0, failed: 2, retrying: 1 })
      const [link] = await deliveries(a.id)
      expect(link).toMatchObject({ status: 'failed', transport: 'smtp', attempts: 1, lastError: expect.stringMatching(/^550 5\.1\.1 .*User unknown/) })
      expect(await failedEvents(a.id)).toEqual([expect.objectContaining({ deliveryId: link.id, error: link.lastError, suppressed: true })])
      expect((await list('?address=no.such@example.com')).data).toEqual([
        { id: expect.any(Number), channel: 'email', reason: 'bounced', code: '5.1.1', sessionId: a.id, deliveryId: link.id, createdAt: t.clock.iso() }
      ])
      // A temporary refusal is retried, and a refusal that is not about the mailbox fails that message only: neither suppresses.
      expect((await deliveries(g.id))[0]).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/^450 4\.1\.1/) })
      expect((await deliveries(p.id))[0]).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^550 5\.7\.1/) })
      expect((await failedEvents(p.id))[0]).not.toHaveProperty('suppressed')
      expect((await list('?address=greylisted@example.com')).data).toEqual([])
      expect((await list('?address=policy@example.com')).data).toEqual([])

      // The next link to the refused address is not attempted.
      expect((await call('POST', `/partner/session/${a.id}/link`, acme, { delivery: { channels: ['email'] } })).statusCode).toBe(201)
      expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 0, suppressed: 1 })
      expect((await deliveries(a.id)).map((d) => d.status)).toEqual(['failed', 'suppressed'])
      expect(mail.rcpt.filter((r) => r.toLowerCase() === 'no.such@example.com')).toHaveLength(1)
    } finally {
      mail.refuse = () => null
    }
  })

  it('SMS: `undelivered` with 30005 (unknown handset) suppresses the number; the next link is suppressed', async () => {
    gateway.respondBody = JSON.stringify({ sid: 'SMhard0001', status: 'queued' })
    const s = await create({ applicantPhone: '+15558880001', delivery: { channels: ['sms'] } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1 })
    expect(await smsStatus('SMhard0001', 'undelivered', '30005')).toBe('bounced')
    expect((await failedEvents(s.id))[0]).toMatchObject({ status: 'bounced', suppressed: true })
    // Found by the number, with its + or without (a + in a query string reads as a space).
    const byNumber = await list('?address=%2B15558880001')
    expect(byNumber.data).toEqual([expect.objectContaining({ channel: 'sms', reason: 'bounced', code: '30005', sessionId: s.id })])
    expect((await list('?address=+15558880001')).data).toEqual(byNumber.data)
    expect((await list('?channel=sms&address=15558880001')).data).toEqual(byNumber.data)

    const res = await call('POST', `/partner/session/${s.id}/link`, acme, { delivery: { channels: ['sms'] } })
    expect(res.statusCode, res.body).toBe(201)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 0, suppressed: 1 })
    expect(smsTo('+15558880001')).toHaveLength(1)
    expect((await deliveries(s.id)).map((d) => d.status)).toEqual(['bounced', 'suppressed'])
  })

  it('a soft bounce (a full mailbox 5.2.2, a handset out of coverage 30003) marks the message bounced and leaves the address alone', async () => {
    const e = await create({ applicantEmail: 'full.box@example.com', delivery: { channels: ['email'] } })
    gateway.respondBody = JSON.stringify({ sid: 'SMsoft0002', status: 'queued' })
    const p = await create({ applicantPhone: '+15558880002', delivery: { channels: ['sms'] } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 2 })
    expect(await bounceLast('full.box@example.com', '5.2.2')).toBe('bounced')
    expect(await smsStatus('SMsoft0002', 'undelivered', '30003')).toBe('bounced')
    for (const id of [e.id, p.id]) {
      expect((await deliveries(id))[0].status).toBe('bounced')
      expect((await failedEvents(id))[0]).not.toHaveProperty('suppressed')
    }
    expect((await list('?address=full.box@example.com')).data).toEqual([])
    expect((await list('?address=%2B15558880002')).data).toEqual([])
    // The next links go out.
    gateway.respondBody = JSON.stringify({ sid: 'SMsoft0003', status: 'queued' })
    expect((await call('POST', `/partner/session/${e.id}/link`, acme, { delivery: { channels: ['email'] } })).statusCode).toBe(201)
    expect((await call('POST', `/partner/session/${p.id}/link`, acme, { delivery: { channels: ['sms'] } })).statusCode).toBe(201)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 2, suppressed: 0 })
    expect(mailsTo('full.box@example.com')).toHaveLength(2)
    expect(smsTo('+15558880002')).toHaveLength(2)
  })
})

describe('GET and DELETE /partner/delivery/suppressions', () => {
  it('lifts a bounce\'s suppression (team key, audit-logged): the next link goes out; another team or a reviewer\'s key cannot', async () => {
    const s = await create({ applicantEmail: 'lift.me@example.com', delivery: { channels: ['email'] } })
    await t.app.ctx.delivery.dispatchDue()
    expect(await bounceLast('lift.me@example.com', '5.1.1')).toBe('bounced')
    const [suppression] = (await list('?address=Lift.Me@Example.com')).data
    expect(suppression).toMatchObject({ channel: 'email', reason: 'bounced', sessionId: s.id })
    expect((await list('?address=someone.else@example.com')).data).toEqual([])
    const url = `/partner/delivery/suppressions/${String(suppression.id)}`

    expectError(await expectNoChange(t.db, async () => await call('DELETE', url, globex)), 404, 'Suppression not found', 'suppression_not_found')
    const reviewer = await createKey(t.app, 'acme-suppress', { reviewerId: 'rita' })
    expectError(await expectNoChange(t.db, async () => await call('DELETE', url, reviewer)), 403, 'Settings are managed with a team API key; this key is scoped to a reviewer', 'team_key_required')
    expectError(await call('GET', '/partner/delivery/suppressions', reviewer), 403, 'Settings are managed with a team API key; this key is scoped to a reviewer', 'team_key_required')

    const lifted = await call('DELETE', url)
    expect(lifted.statusCode, lifted.body).toBe(200)
    expect(lifted.json()).toEqual({ success: true, data: suppression })
    expectError(await call('DELETE', url), 404, 'Suppression not found', 'suppression_not_found')
    expect((await list('?address=lift.me@example.com')).data).toEqual([])
    const audit = (await call('GET', '/partner/audit-log?action=delivery.suppression_lifted')).json().data as Array<Record<string, unknown>>
    expect(audit).toEqual([expect.objectContaining({ action: 'delivery.suppression_lifted', actor: { type: 'key', id: String(acme.id), label: expect.any(String) }, details: { suppressionId: suppression.id, channel: 'email', reason: 'bounced' } })])
    expect(JSON.stringify(audit)).not.toContain('lift.me')

    expect((await call('POST', `/partner/session/${s.id}/link`, acme, { delivery: { channels: ['email'] } })).statusCode).toBe(201)
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 1, suppressed: 0 })
    expect(mailsTo('lift.me@example.com')).toHaveLength(2)
  })

  it('lists the applicant\'s STOP, which only their START lifts (409 for the partner, nothing changes)', async () => {
    gateway.respondBody = JSON.stringify({ sid: 'SMstop0004', status: 'queued' })
    await create({ applicantPhone: '+15558880004', delivery: { channels: ['sms'] } })
    await t.app.ctx.delivery.dispatchDue()
    const stop = await t.app.inject({
      method: 'POST', url: '/partner/delivery/sms/inbound', headers: { authorization: basic(INBOUND_TOKEN), 'content-type': 'application/x-www-form-urlencoded' }, payload: 'From=%2B15558880004&Body=STOP'
    })
    expect(stop.json().data).toEqual({ action: 'stopped', teams: 1 })
    const [stopped] = (await list('?reason=sms_stop')).data
    expect(stopped).toEqual({ id: expect.any(Number), channel: 'sms', reason: 'sms_stop', code: null, sessionId: null, deliveryId: null, createdAt: t.clock.iso() })
    const refused = await expectNoChange(t.db, async () => await call('DELETE', `/partner/delivery/suppressions/${String(stopped.id)}`))
    expectError(refused, 409, 'The applicant replied STOP to this number: only their START lifts it', 'suppression_applicant_stop')
    expect((await list('?reason=sms_stop')).data).toEqual([stopped])
  })

  it('pages newest first, and refuses a bad filter with a 400 that names it', async () => {
    const all = (await list('?limit=100')).data
    expect(all.length).toBeGreaterThanOrEqual(2)
    expect(all.map((s) => s.id)).toEqual([...all.map((s) => s.id as number)].sort((x, y) => y - x))
    const first = await list('?limit=1')
    expect(first).toMatchObject({ data: [all[0]], hasMore: true })
    expect((await list(`?limit=1&startingAfter=${String(all[0].id)}`)).data).toEqual([all[1]])
    expect((await list(`?startingAfter=${String(all.at(-1)?.id)}`))).toEqual({ success: true, data: [], hasMore: false })
    expect((await list('?channel=email')).data.every((s) => s.channel === 'email')).toBe(true)

    const bad = async (query: string) => await expectNoChange(t.db, async () => await call('GET', `/partner/delivery/suppressions${query}`))
    expectError(await bad('?address=nobody'), 400, 'query.address must be an email address or an E.164 number (+15551234567; in a query string write + as %2B, or leave it out)', 'validation_failed')
    expectError(await bad('?address=a@example.com&channel=sms'), 400, 'query.address is an email address, and query.channel is sms', 'validation_failed')
    expect((await bad('?reason=spam')).json()).toMatchObject({ statusCode: 400, code: 'validation_failed' })
    expect((await bad('?limit=0')).json()).toMatchObject({ statusCode: 400, code: 'validation_failed' })
    expect((await bad('?team=1')).json()).toMatchObject({ statusCode: 400, code: 'validation_failed' })
    expect((await expectNoChange(t.db, async () => await call('DELETE', '/partner/delivery/suppressions/abc'))).statusCode).toBe(400)
  })
})

describe('personal data', () => {
  it('a suppression keeps only the address\'s keyed hash: after redaction the address is nowhere in the database, and still suppressed', async () => {
    const s = await create({ applicantEmail: 'Private.Person@example.com', applicantPhone: '+15558880009', delivery: { channels: ['email'] } })
    await t.app.ctx.delivery.dispatchDue()
    expect(await bounceLast('private.person@example.com', '5.1.1')).toBe('bounced')
    const [row] = await t.db.kysely.selectFrom('deliverySuppressions').selectAll().where('sessionId', '=', s.id).execute()
    expect(row.addressHash).toMatch(/^[0-9a-f]{64}$/)
    expect(JSON.stringify(row)).not.toMatch(/private\.person/i)

    await moveSessionTo(t.app, s.id, 'EXPIRED')
    expect((await call('POST', `/partner/session/${s.id}/redact`)).statusCode).toBe(200)
    const dump = await dumpDatabase(t.db)
    expect(dump).not.toMatch(/private\.person/i)
    expect(dump).not.toContain('8880009')
    expect((await list('?address=private.person@example.com')).data).toEqual([expect.objectContaining({ id: row.id, reason: 'bounced', sessionId: s.id })])

    const later = await create({ applicantEmail: 'private.person@example.com', delivery: { channels: ['email'] } })
    expect(await t.app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 0, suppressed: 1 })
    expect(await deliveries(later.id)).toMatchObject([{ status: 'suppressed' }])
    expect(mailsTo('private.person@example.com')).toHaveLength(1)
  })
})

describe('migration 0023', () => {
  it('keeps the STOP and unsubscribe suppressions of an older database, with ids; going down keeps them and drops the bounces', async () => {
    const { db, drop } = await openTestDb()
    try {
      const migrationTableSchema = db.dialect === 'postgres'
        ? (await sql<{ current: string }>`select current_schema() as current`.execute(db.kysely)).rows[0].current
        : undefined
      const migrator = new Migrator({ db: db.kysely, provider: migrationProvider, migrationTableSchema, allowUnorderedMigrations: true })
      expect((await migrator.migrateTo('2026-12-06-0025-user-totp')).error).toBeUndefined()
      // Rows as the previous release wrote them: no id, no bounce.
      const old = db.kysely as unknown as Kysely<any>
      const at = '2026-12-06T10:00:00.000Z'
      await old.insertInto('teams').values({ name: 'old-team', createdAt: at }).execute()
      const [hashA, hashB] = ['a'.repeat(64), 'b'.repeat(64)]
      await old.insertInto('deliverySuppressions').values([
        { teamId: 1, channel: 'sms', addressHash: hashA, reason: 'sms_stop', createdAt: at },
        { teamId: 1, channel: 'email', addressHash: hashB, reason: 'email_unsubscribe', createdAt: '2026-12-06T11:00:00.000Z' }
      ]).execute()

      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      const rows = await db.kysely.selectFrom('deliverySuppressions').selectAll().orderBy('id').execute()
      expect(rows).toEqual([
        { id: 1, teamId: 1, channel: 'sms', addressHash: hashA, reason: 'sms_stop', code: null, sessionId: null, deliveryId: null, createdAt: at },
        { id: 2, teamId: 1, channel: 'email', addressHash: hashB, reason: 'email_unsubscribe', code: null, sessionId: null, deliveryId: null, createdAt: '2026-12-06T11:00:00.000Z' }
      ])
      // One suppression per team, channel and address, still.
      await expect(db.kysely.insertInto('deliverySuppressions').values({ teamId: 1, channel: 'sms', addressHash: hashA, reason: 'bounced', code: null, sessionId: null, deliveryId: null, createdAt: at }).execute()).rejects.toThrow()
      await db.kysely.insertInto('deliverySuppressions').values({ teamId: 1, channel: 'sms', addressHash: 'c'.repeat(64), reason: 'bounced', code: '30005', sessionId: null, deliveryId: null, createdAt: at }).execute()

      // Down to the release before 0023 (later migrations go down first), then up again.
      expect((await migrator.migrateTo('2026-12-06-0025-user-totp')).error).toBeUndefined()
      expect((await old.selectFrom('deliverySuppressions').select(['addressHash', 'reason']).orderBy('createdAt').execute()))
        .toEqual([{ addressHash: hashA, reason: 'sms_stop' }, { addressHash: hashB, reason: 'email_unsubscribe' }])
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      expect(await db.kysely.selectFrom('deliverySuppressions').select(['id', 'reason']).orderBy('id').execute()).toEqual([{ id: 1, reason: 'sms_stop' }, { id: 2, reason: 'email_unsubscribe' }])
    } finally {
      await drop()
    }
  })
})

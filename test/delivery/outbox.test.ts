import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import type { App } from '../../src/types.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { runCli } from '../support/cli.js'
import { createKey, futureIso, type PartnerKey } from '../support/factories.js'
import { linkIn } from './support.js'

/**
 * Without SMTP_URL and SMS_WEBHOOK_URL (the embedded default) nothing leaves the machine: the
 * messages are kept in the database, shown by GET /partner/outbox (the console's Outbox page) and
 * `partner-api outbox list`, and the session answer says delivery: "outbox".
 */
describe('the outbox (no SMTP_URL, no SMS_WEBHOOK_URL)', () => {
  let dataDir: string
  let app: App
  let team: PartnerKey
  let reviewer: PartnerKey
  let other: PartnerKey
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'partner-api-outbox-'))
    app = await buildApp({ config: loadConfig({ ...TEST_ENV, DATA_DIR: dataDir, PUBLIC_BASE_URL: 'http://verify.test' }) })
    await app.ready()
    team = await createKey(app, 'outbox-team')
    reviewer = await createKey(app, 'outbox-team', { reviewerId: 'rev' })
    other = await createKey(app, 'outbox-other')
  })
  afterAll(async () => {
    await app.close()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('keeps the messages, says so, and shows what they say to the team and on the command line', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/partner/session',
      headers: { 'x-api-key': team.key },
      payload: { params: { expiryDate: futureIso(app), applicantEmail: 'dev@example.com', applicantPhone: '+15551239876', instructions: 'Two payslips', delivery: { channels: ['email', 'sms'] } } }
    })
    expect(res.statusCode, res.body).toBe(201)
    const created = res.json().data
    expect(created.delivery).toBe('outbox')
    expect(await app.ctx.delivery.dispatchDue()).toMatchObject({ sent: 2 })
    const detail = (await app.inject({ url: `/partner/session/${created.id}`, headers: { 'x-api-key': team.key } })).json().data
    expect(detail.deliveries.map((d: { channel: string, status: string, transport: string }) => [d.channel, d.status, d.transport])).toEqual([['email', 'sent', 'outbox'], ['sms', 'sent', 'outbox']])

    const outbox = await app.inject({ url: '/partner/outbox', headers: { 'x-api-key': team.key } })
    expect(outbox.statusCode).toBe(200)
    const [sms, email] = outbox.json().data
    expect(email).toMatchObject({ sessionId: created.id, channel: 'email', to: 'dev@example.com', status: 'sent', subject: 'outbox-team asks you to verify your information', livemode: true })
    expect(email.text).toContain('Two payslips')
    expect(email.html).toContain('Two payslips')
    expect(linkIn(email.text)).toBe(`${created.verificationLink.manualVerificationLink}&c=e`)
    expect(sms).toMatchObject({ channel: 'sms', to: '+15551239876', subject: null, html: null })
    expect(linkIn(sms.text)).toBe(`${created.verificationLink.manualVerificationLink}&c=s`)

    expect((await app.inject({ url: '/partner/outbox', headers: { 'x-api-key': other.key } })).json().data).toEqual([])
    expectError(await app.inject({ url: '/partner/outbox', headers: { 'x-api-key': reviewer.key } }), 403, 'Events are read with a team API key; this key is scoped to a reviewer', 'team_key_required')

    const cli = await runCli(dataDir, 'outbox', 'list', '--limit', '5')
    expect(cli.code).toBe(0)
    expect(JSON.parse(cli.out.join('\n'))).toEqual(outbox.json().data)
    expect(await runCli(dataDir, 'outbox', 'send')).toMatchObject({ code: 2 })
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, sessionIn, type PartnerKey } from '../support/factories.js'
import { useTestApp, type TestApp } from '../support/harness.js'

const DEFAULTS = {
  supportEmail: null,
  defaultLocale: 'en',
  timezone: 'UTC',
  reminders: { afterHours: [] },
  requireConsent: false,
  retentionDays: null,
  reviewSlaHours: null,
  autoAssign: 'none',
  updatedAt: null
}

const settingsOf = (t: TestApp) => ({
  get: async (key: PartnerKey) => await t.app.inject({ method: 'GET', url: '/partner/settings', headers: { 'x-api-key': key.key } }),
  patch: async (key: PartnerKey, payload: unknown) =>
    await t.app.inject({ method: 'PATCH', url: '/partner/settings', headers: { 'x-api-key': key.key }, payload: payload as object })
})

describe('GET and PATCH /partner/settings', () => {
  const t = useTestApp({ ...TEST_ENV })
  const { get, patch } = settingsOf(t)
  let acme: PartnerKey
  let acmeReviewer: PartnerKey
  let globex: PartnerKey
  beforeAll(async () => {
    acme = await createKey(t.app, 'acme-settings')
    acmeReviewer = await createKey(t.app, 'acme-settings', { reviewerId: 'alice' })
    globex = await createKey(t.app, 'globex-settings')
  })

  it('answers the defaults before anything is set, with the team\'s name as displayName', async () => {
    const res = await get(globex)
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ success: true, data: { displayName: 'globex-settings', ...DEFAULTS } })
  })

  it('changes the fields sent, answers every setting, and keeps them for the next read', async () => {
    const res = await patch(acme, {
      displayName: ' Acme Leasing ',
      supportEmail: 'help@acme.example',
      defaultLocale: 'es',
      timezone: 'america/chicago',
      reminders: { afterHours: [72, 24.5] },
      requireConsent: true,
      retentionDays: 45,
      reviewSlaHours: 1.5,
      autoAssign: 'round_robin'
    })
    expect(res.statusCode, res.body).toBe(200)
    const expected = {
      displayName: 'Acme Leasing',
      supportEmail: 'help@acme.example',
      defaultLocale: 'es',
      timezone: 'America/Chicago', // canonical spelling
      reminders: { afterHours: [24.5, 72] }, // in order
      requireConsent: true,
      retentionDays: 45,
      reviewSlaHours: 1.5,
      autoAssign: 'round_robin',
      updatedAt: t.clock.iso()
    }
    expect(res.json()).toEqual({ success: true, data: expected })
    expect((await get(acme)).json()).toEqual({ success: true, data: expected })
    expect(await t.app.ctx.settings.forTeam(acme.teamId)).toEqual(expected)
    // Another team's settings are its own.
    expect((await get(globex)).json().data).toEqual({ displayName: 'globex-settings', ...DEFAULTS })
  })

  it('keeps the fields left out, and null sets displayName back to the team\'s name and clears the optional ones', async () => {
    t.clock.advance(60)
    const res = await patch(acme, { displayName: null, supportEmail: null, retentionDays: null, reviewSlaHours: null, reminders: { afterHours: [] } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toEqual({
      displayName: 'acme-settings',
      supportEmail: null,
      defaultLocale: 'es',
      timezone: 'America/Chicago',
      reminders: { afterHours: [] },
      requireConsent: true,
      retentionDays: null,
      reviewSlaHours: null,
      autoAssign: 'round_robin',
      updatedAt: t.clock.iso()
    })
  })

  // The message each refusal starts with: the failing field, then what is wrong with it.
  const INVALID: Array<[string, unknown, string]> = [
    ['an empty body', {}, 'body must'],
    ['an unknown field', { theme: 'dark' }, 'body has an unknown field "theme"'],
    ['a blank displayName', { displayName: '   ' }, 'body.displayName must not be blank'],
    ['an over-long displayName', { displayName: 'x'.repeat(101) }, 'body.displayName must be at most 100'],
    ['a supportEmail that is no address', { supportEmail: 'help at acme' }, 'body.supportEmail must be a valid email'],
    ['an unsupported locale', { defaultLocale: 'xx' }, 'body.defaultLocale must be one of en, es'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'body.timezone must be an IANA time zone name such as America/New_York, got "Mars/Olympus_Mons"'],
    ['a UTC offset instead of a zone name', { timezone: '+02:00 ' }, 'body.timezone must be an IANA time zone name such as America/New_York, got "+02:00 "'],
    ['four reminders', { reminders: { afterHours: [1, 2, 3, 4] } }, 'body.reminders.afterHours must NOT have more than 3 items'],
    ['a reminder at 0 hours', { reminders: { afterHours: [0] } }, 'body.reminders.afterHours.0 must be >= 0.01'],
    ['a repeated reminder', { reminders: { afterHours: [24, 24] } }, 'body.reminders.afterHours must not repeat an hour'],
    ['reminders without afterHours', { reminders: {} }, 'body.reminders is missing required field'],
    ['requireConsent as text', { requireConsent: 'yes' }, 'body.requireConsent must be of type boolean'],
    ['retentionDays 0', { retentionDays: 0 }, 'body.retentionDays must be >= 1'],
    ['retentionDays with a fraction', { retentionDays: 1.5 }, 'body.retentionDays must be an integer'],
    ['reviewSlaHours 0', { reviewSlaHours: 0 }, 'body.reviewSlaHours must be >= 0.01'],
    ['reviewSlaHours negative', { reviewSlaHours: -2 }, 'body.reviewSlaHours must be >= 0.01'],
    ['an unknown autoAssign', { autoAssign: 'random' }, 'body.autoAssign must be one of round_robin, none'],
    ['one invalid field among valid ones', { displayName: 'Changed', timezone: 'Nowhere/Town' }, 'body.timezone must be an IANA time zone name such as America/New_York, got "Nowhere/Town"']
  ]

  it.each(INVALID)('refuses %s with 400 validation_failed and changes nothing', async (_name, body, start) => {
    const before = (await get(acme)).json()
    const res = await expectNoChange(t.db, async () => await patch(acme, body))
    const message = String(res.json().message)
    expect(message.startsWith(start), message).toBe(true)
    expectError(res, 400, message, 'validation_failed')
    expect((await get(acme)).json()).toEqual(before)
  })

  it('refuses a reviewer\'s key with 403 team_key_required, reading or changing', async () => {
    expectError(await get(acmeReviewer), 403, 'Settings are managed with a team API key; this key is scoped to a reviewer', 'team_key_required')
    const res = await expectNoChange(t.db, async () => await patch(acmeReviewer, { displayName: 'Reviewer was here' }))
    expectError(res, 403, 'Settings are managed with a team API key; this key is scoped to a reviewer', 'team_key_required')
    expect((await get(acme)).json().data.displayName).toBe('acme-settings')
  })
})

describe('retentionDays overrides RETENTION_DAYS per team', () => {
  const t = useTestApp({ ...TEST_ENV, RETENTION_DAYS: '30' })
  const { patch } = settingsOf(t)

  it('redacts a team\'s sessions after its own retention, the others\' after RETENTION_DAYS', async () => {
    const short = await createKey(t.app, 'short-retention')
    const long = await createKey(t.app, 'long-retention')
    const plain = await createKey(t.app, 'instance-retention')
    expect((await patch(short, { retentionDays: 10 })).statusCode).toBe(200)
    expect((await patch(long, { retentionDays: 60 })).statusCode).toBe(200)
    const ended = async (key: PartnerKey) => (await sessionIn(t.app, key.key, 'REJECTED')).session.id
    const [s, l, p] = [await ended(short), await ended(long), await ended(plain)]
    const redactedAt = async (id: number) => (await t.db.kysely.selectFrom('sessions').select('redactedAt').where('id', '=', id).executeTakeFirstOrThrow()).redactedAt

    t.clock.advance(11 * 86400)
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(1)
    expect(await redactedAt(s)).not.toBeNull()
    expect([await redactedAt(l), await redactedAt(p)]).toEqual([null, null])

    t.clock.advance(20 * 86400) // 31 days
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(1)
    expect(await redactedAt(p)).not.toBeNull()
    expect(await redactedAt(l)).toBeNull()

    t.clock.advance(30 * 86400) // 61 days
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(1)
    expect(await redactedAt(l)).not.toBeNull()
  })
})

describe('retentionDays without RETENTION_DAYS', () => {
  const t = useTestApp({ ...TEST_ENV })
  const { patch } = settingsOf(t)

  it('redacts only the sessions of teams that set one', async () => {
    const team = await createKey(t.app, 'retains-7')
    const other = await createKey(t.app, 'retains-forever')
    expect((await patch(team, { retentionDays: 7 })).statusCode).toBe(200)
    const a = (await sessionIn(t.app, team.key, 'COMPLETED')).session.id
    const b = (await sessionIn(t.app, other.key, 'COMPLETED')).session.id
    t.clock.advance(8 * 86400)
    expect(await t.app.ctx.sessionActions.redactRetained()).toBe(1)
    const rows = await t.db.kysely.selectFrom('sessions').select(['id', 'redactedAt']).where('id', 'in', [a, b]).orderBy('id').execute()
    expect(rows.map((r) => r.redactedAt !== null)).toEqual([true, false])
  })
})

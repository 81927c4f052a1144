import { sql } from 'kysely'
import { describe, expect, it, vi } from 'vitest'
import { dumpDatabase, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { codeAt } from '../../src/modules/users/totp.js'
import { COOKIE, createUser, GOOD_PASSWORD, signIn, type Signed } from './support.js'

const t = useTestApp({ ...TEST_ENV })

function expectCode (res: { statusCode: number, json: () => any }, status: number, code: string): void {
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code })
}

const signInWith = async (email: string, totpCode?: string, password = GOOD_PASSWORD) =>
  await t.app.inject({ method: 'POST', url: '/console/session', payload: { email, password, ...(totpCode !== undefined ? { totpCode } : {}) } })

/** Enrolls the signed-in user: the secret the app would scan, after the first code turned it on. */
async function enroll (s: Signed): Promise<string> {
  const start = await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: { password: GOOD_PASSWORD } })
  expect(start.statusCode, start.body).toBe(201)
  const { secret, otpauthUri, qrSvg } = start.json().data
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  const uri = new URL(otpauthUri)
  expect(uri.protocol).toBe('otpauth:')
  expect(uri.searchParams.get('secret')).toBe(secret)
  expect(uri.searchParams.get('digits')).toBe('6')
  expect(uri.searchParams.get('period')).toBe('30')
  expect(qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/)
  const confirm = await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: codeAt(secret, t.clock.ms()) } })
  expect(confirm.statusCode, confirm.body).toBe(200)
  expect(confirm.json().data.user.totpEnabled).toBe(true)
  return secret
}

describe('two-step sign-in (TOTP)', () => {
  it('enrolls with a first code, then asks every password sign-in for a code', async () => {
    await createUser(t.app, 'acme', 'ana@acme.example', 'admin')
    const s = await signIn(t.app, 'ana@acme.example')
    const secret = await enroll(s)

    // The secret is sealed: neither it nor its base32 text is in the database.
    const dump = await dumpDatabase(t.db)
    expect(dump).not.toContain(secret)

    t.clock.advance(60)
    expectError(await signInWith('ana@acme.example'), 401, 'Enter the 6-digit code from your authenticator app', 'totp_required')
    const wrongCode = String((Number(codeAt(secret, t.clock.ms())) + 1) % 1_000_000).padStart(6, '0')
    const wrong = await signInWith('ana@acme.example', wrongCode)
    expectError(wrong, 401, 'Wrong email, password or code', 'sign_in_failed')
    expect(wrong.headers['set-cookie']).toBeUndefined()
    // A wrong password with a right code is the plain answer: the code reveals nothing.
    expectError(await signInWith('ana@acme.example', codeAt(secret, t.clock.ms()), 'not-the-password-1'), 401, 'Wrong email or password', 'sign_in_failed')

    const code = codeAt(secret, t.clock.ms())
    const ok = await signInWith('ana@acme.example', code)
    expect(ok.statusCode, ok.body).toBe(200)
    expect(ok.json().data.user).toMatchObject({ email: 'ana@acme.example', totpEnabled: true })
    // The same code again (a replay, or a shoulder-surfer) is refused, even inside its 30 seconds.
    expectError(await signInWith('ana@acme.example', code), 401, 'Wrong email, password or code', 'sign_in_failed')
    // The next step's code works; spaces as apps show them ("123 456") are fine.
    t.clock.advance(30)
    const next = codeAt(secret, t.clock.ms())
    expect((await signInWith('ana@acme.example', `${next.slice(0, 3)} ${next.slice(3)}`)).statusCode).toBe(200)
  })

  it('accepts a code from one step either side (clocks a little apart), not two', async () => {
    await createUser(t.app, 'acme', 'bo@acme.example', 'reviewer')
    const secret = await enroll(await signIn(t.app, 'bo@acme.example'))
    t.clock.advance(300)
    expect((await signInWith('bo@acme.example', codeAt(secret, t.clock.ms() - 30_000))).statusCode).toBe(200)
    t.clock.advance(300)
    expectError(await signInWith('bo@acme.example', codeAt(secret, t.clock.ms() - 90_000)), 401, 'Wrong email, password or code', 'sign_in_failed')
  })

  it('counts wrong codes towards the per-email limit (10 in 15 minutes), so 6 digits cannot be guessed', async () => {
    await createUser(t.app, 'acme', 'cy@acme.example', 'viewer')
    const secret = await enroll(await signIn(t.app, 'cy@acme.example'))
    t.clock.advance(60)
    const right = codeAt(secret, t.clock.ms())
    for (let i = 0; i < 10; i++) {
      const guess = String((Number(right) + 1 + i) % 1_000_000).padStart(6, '0')
      expect((await signInWith('cy@acme.example', guess)).statusCode).toBe(401)
    }
    expect((await signInWith('cy@acme.example', right)).statusCode).toBe(429)
    // Leaving out the code is not a failure of the password: nothing was counted for it.
  })

  it('a missing code does not count as a failed sign-in', async () => {
    await createUser(t.app, 'acme', 'di@acme.example', 'viewer')
    const secret = await enroll(await signIn(t.app, 'di@acme.example'))
    for (let i = 0; i < 12; i++) expect((await signInWith('di@acme.example')).statusCode).toBe(401)
    t.clock.advance(60)
    expect((await signInWith('di@acme.example', codeAt(secret, t.clock.ms()))).statusCode).toBe(200)
  })

  it('confirms only with a right code, and refuses to enroll twice', async () => {
    await createUser(t.app, 'acme', 'ed@acme.example', 'admin')
    const s = await signIn(t.app, 'ed@acme.example')
    expectError(await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: '123456' } }),
      409, 'No authenticator is being enrolled: start with POST /console/totp', 'totp_not_started')
    const start = await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: { password: GOOD_PASSWORD } })
    const secret = start.json().data.secret as string
    const wrong = String((Number(codeAt(secret, t.clock.ms())) + 7) % 1_000_000).padStart(6, '0')
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: wrong } }))
    expectError(res, 422, 'The code is wrong, expired or already used: enter the current code from your authenticator app', 'totp_code_invalid')
    expectCode(await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: 'abcdef' } }), 422, 'totp_code_invalid')
    // Until confirmed, sign-in needs no code.
    expect((await signInWith('ed@acme.example')).statusCode).toBe(200)
    await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: codeAt(secret, t.clock.ms()) } })
    expectCode(await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: { password: GOOD_PASSWORD } }), 409, 'totp_already_enabled')
  })

  it('needs the console cookie and its CSRF header', async () => {
    await createUser(t.app, 'acme', 'fa@acme.example', 'admin')
    const s = await signIn(t.app, 'fa@acme.example')
    expect((await t.app.inject({ method: 'POST', url: '/console/totp' })).statusCode).toBe(401)
    expect((await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(false) })).statusCode).toBe(403)
    const key = await createKey(t.app, 'acme')
    expect((await t.app.inject({ method: 'POST', url: '/console/totp', headers: { 'x-api-key': key.key } })).statusCode).toBe(401)
  })

  it('turns off with a current code only', async () => {
    await createUser(t.app, 'acme', 'gu@acme.example', 'reviewer')
    const s = await signIn(t.app, 'gu@acme.example')
    expectCode(await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: s.headers(true), payload: { code: '123456' } }), 409, 'totp_not_enabled')
    const secret = await enroll(s)
    t.clock.advance(30)
    expectCode(await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: s.headers(true), payload: { code: codeAt(secret, t.clock.ms()) === '000000' ? '111111' : '000000', password: GOOD_PASSWORD } }), 422, 'totp_code_invalid')
    const off = await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: s.headers(true), payload: { code: codeAt(secret, t.clock.ms()), password: GOOD_PASSWORD } })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json().data.user.totpEnabled).toBe(false)
    expect((await signInWith('gu@acme.example')).statusCode).toBe(200)
  })

  it('an admin (or the CLI) resets a lost authenticator: off, and the user\'s sessions end', async () => {
    await createUser(t.app, 'acme', 'admin@acme.example', 'admin')
    const user = await createUser(t.app, 'acme', 'lost@acme.example', 'reviewer')
    const lost = await signIn(t.app, 'lost@acme.example')
    await enroll(lost)
    const admin = await signIn(t.app, 'admin@acme.example')

    const other = await createKey(t.app, 'other')
    const foreign = await t.app.inject({ method: 'DELETE', url: `/partner/users/${user.id}/totp`, headers: { 'x-api-key': other.key } })
    expectCode(foreign, 404, 'user_not_found')
    const reviewer = await t.app.inject({ method: 'DELETE', url: `/partner/users/${user.id}/totp`, headers: lost.headers(true) })
    expect(reviewer.statusCode).toBe(403)

    const res = await t.app.inject({ method: 'DELETE', url: `/partner/users/${user.id}/totp`, headers: admin.headers(true) })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data.user).toMatchObject({ id: user.id, totpEnabled: false })
    expect((await t.app.inject({ url: '/console/session', headers: { cookie: `${COOKIE}=${lost.cookie}` } })).statusCode).toBe(401)
    expect((await signInWith('lost@acme.example')).statusCode).toBe(200)
  })
})

const totpCall = async (s: Signed, path: '' | '/confirm' | '/disable', payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  await t.app.inject({ method: 'POST', url: `/console/totp${path}`, headers: { ...s.headers(true), ...headers }, payload })

const totpEnabled = async (s: Signed) => (await t.app.inject({ url: '/console/session', headers: s.headers() })).json().data.user.totpEnabled as boolean

describe('turning two-step sign-in on or off asks for the current password', () => {
  it('refuses to enroll without the password or with a wrong one, and starts nothing', async () => {
    const user = await createUser(t.app, 'pw', 'hal@pw.example', 'admin')
    const s = await signIn(t.app, 'hal@pw.example')
    const missing = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true) }))
    expectError(missing, 403, 'Enter your current password to change two-step sign-in', 'password_required')
    expectError(await totpCall(s, '', { password: 'not-my-password-1' }), 403, 'Your current password is wrong', 'password_incorrect')
    expect((await t.app.ctx.repos.users.findById(user.id))?.totpPendingSecret).toBeNull()
    // A wrong password is no sign-out: the session still works, and the right password enrolls.
    const start = await totpCall(s, '', { password: GOOD_PASSWORD })
    expect(start.statusCode, start.body).toBe(201)
    expect((await t.app.ctx.repos.users.findById(user.id))?.totpPendingSecret).not.toBeNull()
  })

  it('counts a wrong password as a failed sign-in of the email: after 10, 429 whatever is sent, at sign-in too', async () => {
    await createUser(t.app, 'pw', 'ivy@pw.example', 'reviewer')
    const s = await signIn(t.app, 'ivy@pw.example')
    // A missing password counts nothing.
    for (let i = 0; i < 12; i++) expectCode(await totpCall(s, '', {}), 403, 'password_required')
    for (let i = 0; i < 10; i++) expectCode(await totpCall(s, '', { password: `wrong-password-${i}` }), 403, 'password_incorrect')
    const limited = await totpCall(s, '', { password: GOOD_PASSWORD })
    expectCode(limited, 429, 'sign_in_rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expectCode(await signInWith('ivy@pw.example'), 429, 'sign_in_rate_limited')
    t.clock.advance(15 * 60 + 1)
    expect((await totpCall(s, '', { password: GOOD_PASSWORD })).statusCode).toBe(201)
  })

  it('turns it off only with the password as well as a code; a wrong password leaves the code unused', async () => {
    await createUser(t.app, 'pw', 'jo@pw.example', 'viewer')
    const s = await signIn(t.app, 'jo@pw.example')
    const secret = await enroll(s)
    t.clock.advance(30)
    const code = codeAt(secret, t.clock.ms())
    expectCode(await totpCall(s, '/disable', { code }), 403, 'password_required')
    expectCode(await totpCall(s, '/disable', { code, password: 'not-my-password-1' }), 403, 'password_incorrect')
    expect(await totpEnabled(s)).toBe(true)
    const off = await totpCall(s, '/disable', { code, password: GOOD_PASSWORD })
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json().data.user.totpEnabled).toBe(false)
  })

  it('refuses an SSO user without a password: their identity provider asks for the second step', async () => {
    const user = await createUser(t.app, 'pw', 'kai@pw.example', 'reviewer', { password: null })
    const row = await t.app.ctx.repos.users.findById(user.id)
    const signed = await t.app.ctx.consoleAuth.startSession(row!, 'sso')
    const headers = { cookie: `${COOKIE}=${signed.token}`, 'x-console-csrf': signed.csrfToken }
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/console/totp', headers, payload: {} }))
    expectError(res, 409, 'You sign in with single sign-on and have no password here: your identity provider asks for the second step', 'totp_needs_password')
  })
})

describe('two-step sign-in in the audit log', () => {
  it('records enrolling, turning on and off in the user\'s team, the user the actor; never the secret, a code or the password', async () => {
    const user = await createUser(t.app, 'audited', 'lu@audited.example', 'reviewer')
    const key = await createKey(t.app, 'audited')
    const s = await signIn(t.app, 'lu@audited.example')
    const secret = await enroll(s)
    t.clock.advance(30)
    const code = codeAt(secret, t.clock.ms())
    // A refused change records nothing of the change; a wrong password is a failed sign-in.
    expectCode(await totpCall(s, '/disable', { code, password: 'not-my-password-1' }), 403, 'password_incorrect')
    expect((await totpCall(s, '/disable', { code, password: GOOD_PASSWORD }, { 'x-request-id': 'req-totp-off' })).statusCode).toBe(200)

    const log = await t.app.inject({ url: '/partner/audit-log?action=user.*', headers: { 'x-api-key': key.key } })
    expect(log.statusCode, log.body).toBe(200)
    const entries = log.json().data as Array<Record<string, any>>
    const actor = { type: 'user', id: String(user.id), label: 'lu@audited.example' }
    expect(entries.map((e) => [e.action, e.actor, e.details])).toEqual([
      ['user.totp_disabled', actor, { userId: user.id }],
      ['user.sign_in_failed', actor, { userId: user.id, reason: 'wrong_password', reauthenticating: 'totp_disable' }],
      ['user.totp_enabled', actor, { userId: user.id }],
      ['user.totp_enrollment_started', actor, { userId: user.id }],
      ['user.signed_in', actor, { userId: user.id, method: 'password' }],
      ['user.password_set', actor, { userId: user.id }]
    ])
    expect(entries[0]).toMatchObject({ ip: '127.0.0.1', requestId: 'req-totp-off' })
    // Another team's log has none of them.
    const other = await createKey(t.app, 'not-audited')
    const theirs = (await t.app.inject({ url: '/partner/audit-log?action=user.*', headers: { 'x-api-key': other.key } })).json().data as unknown[]
    expect(theirs).toEqual([])
    const rows = JSON.stringify((await sql`select * from audit_entries`.execute(t.db.kysely)).rows)
    for (const text of [secret, GOOD_PASSWORD, 'not-my-password-1']) expect(rows).not.toContain(text)
  })

  it('commits the entry with the change: when it cannot be written, two-step sign-in stays off', async () => {
    await createUser(t.app, 'audited', 'mo@audited.example', 'admin')
    const s = await signIn(t.app, 'mo@audited.example')
    const start = await totpCall(s, '', { password: GOOD_PASSWORD })
    expect(start.statusCode, start.body).toBe(201)
    const secret = start.json().data.secret as string
    const record = vi.spyOn(t.app.ctx.audit, 'record').mockRejectedValueOnce(new Error('disk full'))
    try {
      const res = await totpCall(s, '/confirm', { code: codeAt(secret, t.clock.ms()) })
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(500)
      expect(record).toHaveBeenCalledTimes(1)
    } finally {
      record.mockRestore()
    }
    expect(await totpEnabled(s)).toBe(false)
    // Nothing stays held: the same code turns it on now, entry and all.
    const again = await totpCall(s, '/confirm', { code: codeAt(secret, t.clock.ms()) })
    expect(again.statusCode, again.body).toBe(200)
    expect(await totpEnabled(s)).toBe(true)
  })
})

import { describe, expect, it } from 'vitest'
import { dumpDatabase, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import { buildTestApp, useTestApp } from '../support/harness.js'
import { COOKIE, createUser, GOOD_PASSWORD, sessionCookieOf, signIn } from './support.js'

const t = useTestApp({ ...TEST_ENV })

describe('setting a password with the setup link', () => {
  it('refuses short and common passwords, accepts a good one once, and never stores it in clear', async () => {
    const { user, setupUrl } = await t.app.ctx.users.createInTeam('acme', { email: 'Setup@Acme.example', role: 'reviewer', name: 'Set Up' })
    expect(user).toMatchObject({ email: 'Setup@Acme.example', role: 'reviewer', reviewerId: 'setup@acme.example', passwordSet: false, disabledAt: null })
    const url = new URL(setupUrl)
    expect(`${url.origin}${url.pathname}`).toBe('http://partner.test/console/setup')
    const token = url.searchParams.get('token') as string
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/)

    for (const [password, message] of [
      ['short-pass1', 'body.password must be at least 12 characters long'],
      ['123qweasdzxc', 'body.password is in a list of common passwords: choose another'],
      ['Password123456!', 'body.password is in a list of common passwords: choose another'],
      ['abcabcabcabcabc', 'body.password is in a list of common passwords: choose another']
    ]) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token, password } }))
      expectError(res, 400, message, 'password_too_weak')
    }
    const ok = await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token, password: GOOD_PASSWORD } })
    expect(ok.statusCode).toBe(200)
    expect(ok.json().data.user).toMatchObject({ id: user.id, passwordSet: true })
    expect(ok.body).not.toContain(GOOD_PASSWORD)

    const again = await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token, password: 'another-good-passphrase' } })
    expectError(again, 400, 'The setup link is unknown, used or expired: ask an admin for a new one', 'setup_token_invalid')

    const dump = await dumpDatabase(t.db)
    expect(dump).not.toContain(GOOD_PASSWORD)
    expect(dump).not.toContain(token)
    expect(dump).toContain('$argon2id$')
  })

  it('refuses a link past its 24 hours', async () => {
    const { setupUrl } = await t.app.ctx.users.createInTeam('acme', { email: 'late@acme.example', role: 'viewer', name: null })
    t.clock.advance(24 * 3600 + 1)
    const res = await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token: new URL(setupUrl).searchParams.get('token'), password: GOOD_PASSWORD } })
    expectError(res, 400, 'The setup link is unknown, used or expired: ask an admin for a new one', 'setup_token_invalid')
  })
})

describe('console sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and answers the user and a CSRF token', async () => {
    await createUser(t.app, 'acme', 'ana@acme.example', 'admin')
    const res = await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'ANA@acme.example', password: GOOD_PASSWORD } })
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.data.user).toMatchObject({ email: 'ana@acme.example', role: 'admin' })
    expect(body.data.csrfToken).toMatch(/^[0-9a-f]{64}$/)
    const setCookie = String(res.headers['set-cookie'])
    expect(setCookie).toMatch(/^partner_console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200$/)
    expect(JSON.stringify(body)).not.toContain('passwordHash')

    const cookie = sessionCookieOf(res.headers['set-cookie']) as string
    const me = await t.app.inject({ url: '/console/session', headers: { cookie: `${COOKIE}=${cookie}` } })
    expect(me.statusCode).toBe(200)
    expect(me.json().data).toMatchObject({ user: { email: 'ana@acme.example' }, csrfToken: body.data.csrfToken, livemode: true, teamName: 'acme' })
  })

  it('answers an unknown email and a wrong password alike, 401 sign_in_failed', async () => {
    await createUser(t.app, 'acme', 'bea@acme.example', 'viewer')
    const wrong = await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'bea@acme.example', password: 'not-her-password-at-all' } })
    const unknown = await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'nobody@acme.example', password: 'not-her-password-at-all' } })
    expectError(wrong, 401, 'Wrong email or password', 'sign_in_failed')
    expectError(unknown, 401, 'Wrong email or password', 'sign_in_failed')
    expect(wrong.headers['set-cookie']).toBeUndefined()
  })

  it('refuses an email after 10 failures in 15 minutes, even with the right password, until the window passes', async () => {
    await createUser(t.app, 'acme', 'cid@acme.example', 'reviewer')
    for (let i = 0; i < 10; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'cid@acme.example', password: `wrong-password-${i}` } })
      expect(res.statusCode).toBe(401)
    }
    const limited = await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'CID@acme.example', password: GOOD_PASSWORD } })
    expectError(limited, 429, 'Too many failed sign-ins for this email, retry in 900 seconds', 'sign_in_rate_limited')
    expect(limited.headers['retry-after']).toBe('900')
    t.clock.advance(15 * 60 + 1)
    await signIn(t.app, 'cid@acme.example')
  })

  it('limits an email that has no account the same way', async () => {
    for (let i = 0; i < 10; i++) {
      expect((await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'ghost@acme.example', password: `guess-number-${i}` } })).statusCode).toBe(401)
    }
    expect((await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'ghost@acme.example', password: 'guess-number-x' } })).statusCode).toBe(429)
  })

  it('refuses a sign-in posted from another site', async () => {
    await createUser(t.app, 'acme', 'dee@acme.example', 'viewer')
    const res = await t.app.inject({ method: 'POST', url: '/console/session', headers: { origin: 'https://evil.example' }, payload: { email: 'dee@acme.example', password: GOOD_PASSWORD } })
    expectError(res, 403, 'Cross-site request refused: the Origin is not this service\'s', 'origin_forbidden')
    expect(res.headers['set-cookie']).toBeUndefined()
    const own = await t.app.inject({ method: 'POST', url: '/console/session', headers: { origin: 'http://partner.test' }, payload: { email: 'dee@acme.example', password: GOOD_PASSWORD } })
    expect(own.statusCode).toBe(200)
  })

  it('signs out only with the CSRF header, and the cookie then stops working', async () => {
    await createUser(t.app, 'acme', 'eve@acme.example', 'viewer')
    const s = await signIn(t.app, 'eve@acme.example')
    const noCsrf = await t.app.inject({ method: 'DELETE', url: '/console/session', headers: s.headers() })
    expectError(noCsrf, 403, 'Missing or wrong x-console-csrf header: send the csrfToken of GET /console/session', 'console_csrf_invalid')
    const foreign = await t.app.inject({ method: 'DELETE', url: '/console/session', headers: { ...s.headers(true), origin: 'https://evil.example' } })
    expectError(foreign, 403, 'Cross-site request refused: the Origin is not this service\'s', 'origin_forbidden')
    const out = await t.app.inject({ method: 'DELETE', url: '/console/session', headers: s.headers(true) })
    expect(out.statusCode).toBe(204)
    expect(String(out.headers['set-cookie'])).toMatch(/^partner_console=; Path=\/; HttpOnly; SameSite=Lax; Max-Age=0$/)
    expectError(await t.app.inject({ url: '/console/session', headers: s.headers() }), 401, 'Your console session has ended: sign in again', 'console_session_invalid')
  })

  it('answers 401 without a cookie', async () => {
    expectError(await t.app.inject({ url: '/console/session' }), 401, 'Not signed in to the console', 'console_session_invalid')
  })
})

describe('console session lifetime', () => {
  it('ends after 30 minutes unused', async () => {
    await createUser(t.app, 'acme', 'idle@acme.example', 'viewer')
    const s = await signIn(t.app, 'idle@acme.example')
    t.clock.advance(29 * 60)
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode).toBe(200)
    t.clock.advance(29 * 60) // 29 minutes after the last use
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode).toBe(200)
    t.clock.advance(30 * 60 + 1)
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode).toBe(401)
  })

  it('ends 12 hours after sign-in however busy', async () => {
    await createUser(t.app, 'acme', 'busy@acme.example', 'viewer')
    const s = await signIn(t.app, 'busy@acme.example')
    for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
      t.clock.advance(20 * 60)
      expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode, `${minutes} min`).toBe(200)
    }
    t.clock.advance(20 * 60)
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode).toBe(401)
  })

  it('follows CONSOLE_SESSION_IDLE_MIN and CONSOLE_SESSION_MAX_HOURS', async () => {
    const other = await buildTestApp({ ...TEST_ENV, CONSOLE_SESSION_IDLE_MIN: '5', CONSOLE_SESSION_MAX_HOURS: '1' })
    try {
      await createUser(other.app, 'acme', 'short@acme.example', 'viewer')
      const res = await other.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'short@acme.example', password: GOOD_PASSWORD } })
      expect(String(res.headers['set-cookie'])).toContain('Max-Age=3600')
      const cookie = { cookie: `${COOKIE}=${sessionCookieOf(res.headers['set-cookie']) as string}` }
      other.clock.advance(5 * 60 + 1)
      expect((await other.app.inject({ url: '/console/session', headers: cookie })).statusCode).toBe(401)
    } finally {
      await other.close()
    }
  })
})

describe('an https instance', () => {
  it('names the cookie __Host-partner_console and marks it Secure', async () => {
    const secure = await buildTestApp({ ...TEST_ENV, PUBLIC_BASE_URL: 'https://verify.lender.example' })
    try {
      await createUser(secure.app, 'acme', 'tls@acme.example', 'viewer')
      const res = await secure.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'tls@acme.example', password: GOOD_PASSWORD } })
      expect(String(res.headers['set-cookie'])).toMatch(/^__Host-partner_console=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200; Secure$/)
      const cookie = sessionCookieOf(res.headers['set-cookie'], '__Host-partner_console') as string
      expect((await secure.app.inject({ url: '/console/session', headers: { cookie: `__Host-partner_console=${cookie}` } })).statusCode).toBe(200)
      // The plain name is not the https instance's cookie.
      expect((await secure.app.inject({ url: '/console/session', headers: { cookie: `partner_console=${cookie}` } })).statusCode).toBe(401)
    } finally {
      await secure.close()
    }
  })
})

describe('users over the API', () => {
  it('lets a team key create, list and change users; the setup link works once', async () => {
    const key = await createKey(t.app, 'globex')
    const created = await t.app.inject({ method: 'POST', url: '/partner/users', headers: { 'x-api-key': key.key }, payload: { email: 'Olga@Globex.example', name: 'Olga', role: 'reviewer', reviewerId: 'olga-queue' } })
    expect(created.statusCode).toBe(201)
    const { user, setupUrl } = created.json().data
    expect(user).toMatchObject({ teamId: key.teamId, email: 'Olga@Globex.example', name: 'Olga', role: 'reviewer', reviewerId: 'olga-queue', passwordSet: false, sso: false, disabledAt: null })
    expect(setupUrl).toMatch(/^http:\/\/partner\.test\/console\/setup\?token=[A-Za-z0-9_-]{43}$/)

    const dup = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/partner/users', headers: { 'x-api-key': key.key }, payload: { email: 'olga@GLOBEX.example', role: 'viewer' } }))
    expectError(dup, 409, 'The team already has a user with this email', 'user_exists')

    const list = await t.app.inject({ url: '/partner/users', headers: { 'x-api-key': key.key } })
    expect(list.json().data.map((u: { email: string }) => u.email)).toEqual(['Olga@Globex.example'])

    const changed = await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id as number}`, headers: { 'x-api-key': key.key }, payload: { role: 'viewer' } })
    expect(changed.statusCode).toBe(200)
    expect(changed.json().data.user.role).toBe('viewer')
  })

  it('refuses bad input with a 400 that changes nothing', async () => {
    const key = await createKey(t.app, 'globex')
    for (const payload of [{ email: 'not-an-email', role: 'admin' }, { email: 'x@globex.example', role: 'owner' }, { email: 'x@globex.example', role: 'admin', extra: 1 }, {}]) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/partner/users', headers: { 'x-api-key': key.key }, payload }))
      expect(res.statusCode, JSON.stringify(payload)).toBe(400)
    }
    const empty = await expectNoChange(t.db, async () => await t.app.inject({ method: 'PATCH', url: '/partner/users/1', headers: { 'x-api-key': key.key }, payload: {} }))
    expect(empty.statusCode).toBe(400)
  })

  it('keeps each team to its own users: another team\'s user reads as 404', async () => {
    const acmeUser = await createUser(t.app, 'acme', 'private@acme.example', 'viewer')
    const other = await createKey(t.app, 'initech')
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'PATCH', url: `/partner/users/${acmeUser.id}`, headers: { 'x-api-key': other.key }, payload: { disabled: true } }))
    expectError(res, 404, 'User not found', 'user_not_found')
    const list = await t.app.inject({ url: '/partner/users', headers: { 'x-api-key': other.key } })
    expect(list.json().data).toEqual([])
  })

  it('refuses a reviewer\'s key', async () => {
    const key = await createKey(t.app, 'acme', { reviewerId: 'bob' })
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'POST', url: '/partner/users', headers: { 'x-api-key': key.key }, payload: { email: 'sneaky@acme.example', role: 'admin' } }))
    expect(res.statusCode).toBe(403)
    expect(res.json().code).toBe('team_key_required')
  })
})

describe('disabling a user, or changing their role, ends their console sessions at once', () => {
  it('disabling: the next request with the cookie is 401, and signing in again fails', async () => {
    const key = await createKey(t.app, 'hooli')
    const user = await createUser(t.app, 'hooli', 'gone@hooli.example', 'reviewer')
    const s = await signIn(t.app, 'gone@hooli.example')
    const res = await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: true } })
    expect(res.statusCode).toBe(200)
    expect(res.json().data.user.disabledAt).toBe(t.clock.iso())
    expectError(await t.app.inject({ url: '/console/session', headers: s.headers() }), 401, 'Your console session has ended: sign in again', 'console_session_invalid')
    expectError(await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'gone@hooli.example', password: GOOD_PASSWORD } }), 401, 'Wrong email or password', 'sign_in_failed')
    const back = await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: false } })
    expect(back.json().data.user.disabledAt).toBeNull()
    await signIn(t.app, 'gone@hooli.example')
  })

  it('a change of role: the old session ends', async () => {
    const key = await createKey(t.app, 'hooli')
    const user = await createUser(t.app, 'hooli', 'moved@hooli.example', 'admin')
    await createUser(t.app, 'hooli', 'boss@hooli.example', 'admin')
    const s = await signIn(t.app, 'moved@hooli.example')
    await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id}`, headers: { 'x-api-key': key.key }, payload: { role: 'viewer' } })
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).statusCode).toBe(401)
    const again = await signIn(t.app, 'moved@hooli.example')
    expect((await t.app.inject({ url: '/console/session', headers: again.headers() })).json().data.user.role).toBe('viewer')
  })

  it('refuses to disable or demote the team\'s last enabled admin', async () => {
    const key = await createKey(t.app, 'solo')
    const user = await createUser(t.app, 'solo', 'only@solo.example', 'admin')
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: true } }))
    expectError(res, 409, 'The team\'s last enabled admin cannot be disabled or given another role: make another admin first', 'user_last_admin')
  })
})

describe('failed sign-ins from one address', () => {
  it('count against AUTH_FAILURE_LIMIT whatever the email: then 429 for that address', async () => {
    const limited = await buildTestApp({ ...TEST_ENV, AUTH_FAILURE_LIMIT: '3' })
    try {
      await createUser(limited.app, 'acme', 'real@acme.example', 'viewer')
      for (const email of ['a@x.example', 'b@x.example', 'c@x.example']) {
        expect((await limited.app.inject({ method: 'POST', url: '/console/session', payload: { email, password: 'some-guess-1234' } })).statusCode).toBe(401)
      }
      const res = await limited.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'real@acme.example', password: GOOD_PASSWORD } })
      expect(res.statusCode).toBe(429)
      expect(res.json().code).toBe('rate_limited')
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0)
    } finally {
      await limited.close()
    }
  })
})

describe('a new setup link', () => {
  it('replaces the earlier link; once used, the new password works and the old one does not', async () => {
    const key = await createKey(t.app, 'relink')
    const user = await createUser(t.app, 'relink', 'forgot@relink.example', 'reviewer')
    const first = await t.app.inject({ method: 'POST', url: `/partner/users/${user.id}/setup-link`, headers: { 'x-api-key': key.key } })
    expect(first.statusCode).toBe(201)
    const second = await t.app.inject({ method: 'POST', url: `/partner/users/${user.id}/setup-link`, headers: { 'x-api-key': key.key }, payload: {} })
    const token = (res: typeof first) => new URL(res.json().data.setupUrl as string).searchParams.get('token')
    expect(token(second)).not.toBe(token(first))
    expect((await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token: token(first), password: 'a-brand-new-passphrase' } })).statusCode).toBe(400)
    expect((await t.app.inject({ method: 'POST', url: '/console/setup', payload: { token: token(second), password: 'a-brand-new-passphrase' } })).statusCode).toBe(200)
    expect((await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'forgot@relink.example', password: GOOD_PASSWORD } })).statusCode).toBe(401)
    await signIn(t.app, 'forgot@relink.example', 'a-brand-new-passphrase')
  })

  it('is refused for a disabled user (409) and for another team\'s user (404)', async () => {
    const key = await createKey(t.app, 'relink')
    const user = await createUser(t.app, 'relink', 'off@relink.example', 'viewer')
    await t.app.inject({ method: 'PATCH', url: `/partner/users/${user.id}`, headers: { 'x-api-key': key.key }, payload: { disabled: true } })
    expectError(await t.app.inject({ method: 'POST', url: `/partner/users/${user.id}/setup-link`, headers: { 'x-api-key': key.key } }), 409, 'The user is disabled: enable them first', 'user_disabled')
    const other = await createKey(t.app, 'elsewhere')
    expectError(await t.app.inject({ method: 'POST', url: `/partner/users/${user.id}/setup-link`, headers: { 'x-api-key': other.key } }), 404, 'User not found', 'user_not_found')
  })
})

import { describe, expect, it } from 'vitest'
import { countRows, expectError, TEST_ENV } from '../api/helpers.js'
import { buildTestApp } from '../support/harness.js'
import { CALLBACK, CLIENT_ID, CLIENT_SECRET, CookieJar, FLOW_COOKIE, followToCallback, HTML, useSsoApp } from './oidc-provider.js'
import { sessionCookieOf } from './support.js'

const { t, idp, ssoSignIn, sessionOf } = useSsoApp()

/** The team audit log's sign-in entries of a user, newest first, as [action, details]. */
async function signInEntries (userId: number) {
  const team = (await t.app.ctx.users.listWithTeams('lender')).find((u) => u.id === userId)
  const { data } = await t.app.ctx.audit.list({ teamId: team!.teamId, livemode: null }, { actorId: String(userId), action: 'user.*' }, 100)
  return data.map((e) => [e.action, e.details])
}

describe('single sign-on with OpenID Connect', () => {
  it('says on the sign-in options that SSO is configured', async () => {
    expect((await t.app.inject({ url: '/console/sign-in' })).json()).toEqual({ success: true, data: { password: true, sso: true } })
  })

  it('sends the browser to the provider with PKCE (S256), state and nonce', async () => {
    const start = await t.app.inject({ url: '/console/oidc/start' })
    expect(start.statusCode).toBe(302)
    const url = new URL(String(start.headers.location))
    expect(`${url.origin}${url.pathname}`).toBe(`${idp.issuer}/auth`)
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      redirect_uri: CALLBACK,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
      code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      state: expect.any(String),
      nonce: expect.any(String)
    })
    expect(String(start.headers['set-cookie'])).toMatch(/^partner_console_sso=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/)
  })

  it('creates the user from the claims, with the role of their group, and signs them in', async () => {
    idp.accounts.set('idp-ana', { sub: 'idp-ana', email: 'Ana@Lender.example', name: 'Ana Admin', groups: ['staff', 'credit-admins'] })
    const { callback, cookie } = await ssoSignIn('idp-ana')
    expect(callback.statusCode).toBe(302)
    expect(callback.headers.location).toBe('/console')
    const me = await sessionOf(cookie)
    expect(me.statusCode).toBe(200)
    expect(me.json().data).toMatchObject({ user: { email: 'Ana@Lender.example', name: 'Ana Admin', role: 'admin', reviewerId: 'ana@lender.example', sso: true, passwordSet: false }, teamName: 'lender' })
    expect(await signInEntries(me.json().data.user.id)).toEqual([['user.signed_in', { userId: me.json().data.user.id, method: 'sso' }]])
  })

  it('updates the role at every sign-in; a changed role ends the earlier sessions', async () => {
    idp.accounts.set('idp-raj', { sub: 'idp-raj', email: 'raj@lender.example', name: 'Raj', groups: ['credit-officers'] })
    const first = await ssoSignIn('idp-raj')
    expect((await sessionOf(first.cookie)).json().data.user.role).toBe('reviewer')
    idp.accounts.set('idp-raj', { sub: 'idp-raj', email: 'raj@lender.example', name: 'Raj Auditor', groups: ['auditors', 'credit-officers'] })
    const second = await ssoSignIn('idp-raj')
    expect((await sessionOf(second.cookie)).json().data.user).toMatchObject({ role: 'reviewer', name: 'Raj Auditor' }) // highest mapped role
    expect((await sessionOf(first.cookie)).statusCode).toBe(200) // same role: the earlier session stays
    idp.accounts.set('idp-raj', { sub: 'idp-raj', email: 'raj@lender.example', name: 'Raj', groups: ['auditors'] })
    const third = await ssoSignIn('idp-raj')
    expect((await sessionOf(third.cookie)).json().data.user.role).toBe('viewer')
    expect((await sessionOf(first.cookie)).statusCode).toBe(401)
    expect((await sessionOf(second.cookie)).statusCode).toBe(401)
  })

  it('refuses a user whose group was removed, with a clear page, and ends their sessions', async () => {
    idp.accounts.set('idp-lea', { sub: 'idp-lea', email: 'lea@lender.example', name: 'Lea', groups: ['credit-officers'] })
    const before = await ssoSignIn('idp-lea')
    expect((await sessionOf(before.cookie)).statusCode).toBe(200)
    idp.accounts.set('idp-lea', { sub: 'idp-lea', email: 'lea@lender.example', name: 'Lea', groups: ['marketing'] })
    const { callback, cookie } = await ssoSignIn('idp-lea')
    expect(callback.statusCode).toBe(403)
    expect(callback.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(callback.body).toContain('Your account is in no group that gives access to this console: ask your administrator')
    expect(cookie).toBeNull()
    expect((await sessionOf(before.cookie)).statusCode).toBe(401)
    const user = (await t.app.ctx.users.listWithTeams('lender')).find((u) => u.email === 'lea@lender.example')!
    expect(await signInEntries(user.id)).toEqual([['user.sign_in_failed', { userId: user.id, reason: 'no_role' }], ['user.signed_in', { userId: user.id, method: 'sso' }]])
  })

  it('refuses a user with no group at all the first time, and creates no account', async () => {
    idp.accounts.set('idp-new', { sub: 'idp-new', email: 'new@lender.example', name: 'New', groups: [] })
    const { callback } = await ssoSignIn('idp-new')
    expect(callback.statusCode).toBe(403)
    expect((await t.app.ctx.users.listWithTeams('lender')).map((u) => u.email)).not.toContain('new@lender.example')
  })

  it('refuses an unverified email', async () => {
    idp.accounts.set('idp-unv', { sub: 'idp-unv', email: 'unv@lender.example', name: 'Unv', groups: ['auditors'], emailVerified: false })
    const { callback } = await ssoSignIn('idp-unv')
    expect(callback.statusCode).toBe(403)
    expect(callback.body).toContain('no verified email address')
  })

  it('refuses a user an admin disabled, even with a mapped group', async () => {
    idp.accounts.set('idp-off', { sub: 'idp-off', email: 'off@lender.example', name: 'Off', groups: ['auditors'] })
    const first = await ssoSignIn('idp-off')
    expect((await sessionOf(first.cookie)).statusCode).toBe(200)
    const user = (await t.app.ctx.users.listWithTeams('lender')).find((u) => u.email === 'off@lender.example')!
    await t.app.ctx.users.disable(String(user.id), 'lender')
    const { callback } = await ssoSignIn('idp-off')
    expect(callback.statusCode).toBe(403)
    expect(callback.body).toContain('Your account is disabled in this console')
  })

  it('refuses a callback without the flow cookie of the browser that started it, and a replayed one', async () => {
    idp.accounts.set('idp-zoe', { sub: 'idp-zoe', email: 'zoe@lender.example', name: 'Zoe', groups: ['auditors'] })
    idp.signInAs('idp-zoe')
    const start = await t.app.inject({ url: '/console/oidc/start' })
    const back = await followToCallback(String(start.headers.location), CALLBACK, new CookieJar())
    const noCookie = await t.app.inject({ url: `/console/oidc/callback${back.search}`, headers: { accept: HTML } })
    expect(noCookie.statusCode).toBe(400)
    expect(noCookie.body).toContain('This sign-in expired or was started in another browser: start again')
    // A client that is not a browser reads the usual JSON error.
    expectError(await t.app.inject({ url: `/console/oidc/callback${back.search}` }), 400, 'This sign-in expired or was started in another browser: start again', 'sso_flow_invalid')

    const ok = await ssoSignIn('idp-zoe')
    expect(ok.callback.statusCode).toBe(302)
    const replay = await t.app.inject({ url: `/console/oidc/callback${ok.back.search}`, headers: { cookie: `${FLOW_COOKIE}=${ok.flow}` } })
    expect(replay.statusCode).toBe(400)
    expect(sessionCookieOf(replay.headers['set-cookie'])).toBeNull()
  })

  it('refuses a callback whose state was changed', async () => {
    idp.accounts.set('idp-eve', { sub: 'idp-eve', email: 'eve@lender.example', name: 'Eve', groups: ['credit-admins'] })
    const { callback, cookie } = await ssoSignIn('idp-eve', (url) => { url.searchParams.set('state', 'forged-state') })
    expect(callback.statusCode).toBe(400)
    expect(callback.body).toContain('The single sign-on answer could not be verified: start again')
    expect(cookie).toBeNull()
  })

  it('passes on the parameters a provider adds, and refuses an over-long one with a 400', async () => {
    idp.accounts.set('idp-gil', { sub: 'idp-gil', email: 'gil@lender.example', name: 'Gil', groups: ['auditors'] })
    const { callback } = await ssoSignIn('idp-gil', (url) => { url.searchParams.set('authuser', '0'); url.searchParams.set('hd', 'lender.example') })
    expect(callback.statusCode).toBe(302)
    expect((await t.app.inject({ url: `/console/oidc/callback?code=${'x'.repeat(2001)}` })).statusCode).toBe(400)
  })
})

describe('starting single sign-on, per client address', () => {
  it('is limited like the link exchange (APPLICANT_RATE_LIMIT_*): a 429 with Retry-After starts no flow; another address goes on', async () => {
    const limited = await buildTestApp({
      ...TEST_ENV,
      APPLICANT_RATE_LIMIT_LIMIT: '3',
      APPLICANT_RATE_LIMIT_TTL_S: '60',
      OIDC_ISSUER_URL: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_TEAM: 'lender',
      OIDC_ROLE_MAP: 'credit-admins=admin'
    })
    try {
      for (let i = 0; i < 3; i++) {
        const start = await limited.app.inject({ url: '/console/oidc/start', headers: { accept: HTML } })
        expect(start.statusCode).toBe(302)
        expect(start.headers['ratelimit-remaining']).toBe(String(2 - i))
      }
      for (const accept of [HTML, 'application/json']) {
        const refused = await limited.app.inject({ url: '/console/oidc/start', headers: { accept } })
        expect(refused.statusCode).toBe(429)
        expect(refused.json()).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'rate_limited', message: expect.stringMatching(/^Too many requests, retry in \d+ seconds?$/) })
        expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0)
        expect(refused.headers['set-cookie']).toBeUndefined()
      }
      expect(await countRows(limited.db, 'console_oidc_flows')).toBe(3)
      expect((await limited.app.inject({ url: '/console/oidc/start', remoteAddress: '192.0.2.7' })).statusCode).toBe(302)
    } finally {
      await limited.close()
    }
  })
})

describe('without single sign-on configured', () => {
  it('answers 404 sso_not_configured, and the sign-in options say so', async () => {
    const plain = await buildTestApp({ ...TEST_ENV })
    try {
      expectError(await plain.app.inject({ url: '/console/oidc/start' }), 404, 'Single sign-on is not configured on this instance', 'sso_not_configured')
      expect((await plain.app.inject({ url: '/console/sign-in' })).json().data.sso).toBe(false)
    } finally {
      await plain.close()
    }
  })
})

describe('single sign-on and the team\'s last enabled admin', () => {
  const sso = useSsoApp()

  it('keeps the last admin an admin when their groups now map to a lower role (audit: lastAdminKept), until another admin exists', async () => {
    const { t: app } = sso
    const me = async (cookie: string | null) => (await sso.sessionOf(cookie)).json().data.user as { id: number, role: string }
    sso.idp.accounts.set('idp-ada', { sub: 'idp-ada', email: 'ada@lender.example', name: 'Ada', groups: ['credit-admins'] })
    const first = await sso.ssoSignIn('idp-ada')
    const ada = await me(first.cookie)
    expect(ada.role).toBe('admin')

    // The provider's groups demote her, but she is the team's only admin: she stays one, and the audit log says why.
    sso.idp.accounts.set('idp-ada', { sub: 'idp-ada', email: 'ada@lender.example', name: 'Ada', groups: ['credit-officers'] })
    const kept = await sso.ssoSignIn('idp-ada')
    expect(kept.callback.statusCode).toBe(302)
    expect((await me(kept.cookie)).role).toBe('admin')
    expect((await sso.sessionOf(first.cookie)).statusCode).toBe(200) // her role did not change: the earlier session stays
    const team = (await app.app.ctx.users.listWithTeams('lender')).find((u) => u.id === ada.id)!
    const entries = async () => (await app.app.ctx.audit.list({ teamId: team.teamId, livemode: null }, { actorId: String(ada.id), action: 'user.*' }, 100)).data.map((e) => [e.action, e.details])
    expect((await entries())[0]).toEqual(['user.signed_in', { userId: ada.id, method: 'sso', lastAdminKept: true, mappedRole: 'reviewer' }])

    // Another admin signs in: Ada's next sign-in takes the role her groups give, and her sessions end.
    sso.idp.accounts.set('idp-ben', { sub: 'idp-ben', email: 'ben@lender.example', name: 'Ben', groups: ['credit-admins'] })
    const ben = await sso.ssoSignIn('idp-ben')
    expect((await me(ben.cookie)).role).toBe('admin')
    const demoted = await sso.ssoSignIn('idp-ada')
    expect((await me(demoted.cookie)).role).toBe('reviewer')
    expect((await sso.sessionOf(kept.cookie)).statusCode).toBe(401)
    expect((await entries())[0]).toEqual(['user.signed_in', { userId: ada.id, method: 'sso' }])

    // Now Ben is the last one: his demotion waits too.
    sso.idp.accounts.set('idp-ben', { sub: 'idp-ben', email: 'ben@lender.example', name: 'Ben', groups: ['auditors'] })
    expect((await me((await sso.ssoSignIn('idp-ben')).cookie)).role).toBe('admin')
    expect((await app.app.ctx.users.listWithTeams('lender')).filter((u) => u.role === 'admin' && u.disabledAt === null).map((u) => u.email)).toEqual(['ben@lender.example'])
  })

  it('a last admin in no mapped group at all is refused (access removed at the provider), and stays the team\'s admin', async () => {
    sso.idp.accounts.set('idp-ben', { sub: 'idp-ben', email: 'ben@lender.example', name: 'Ben', groups: ['marketing'] })
    const { callback } = await sso.ssoSignIn('idp-ben')
    expect(callback.statusCode).toBe(403)
    expect(callback.body).toContain('Your account is in no group that gives access to this console')
    expect((await sso.t.app.ctx.users.listWithTeams('lender')).find((u) => u.email === 'ben@lender.example')).toMatchObject({ role: 'admin', disabledAt: null })
  })
})

import { describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createUser, signIn } from '../console/support.js'
import { useTestApp } from '../support/harness.js'

// Red team: a test key (pa_test_...) is what a developer pastes into a staging config, a CI job or a
// chat; "test keys see test-mode data only". Console users are not of a mode: they work on live
// data. A test key that could manage them reached the live applicants through them: make itself an
// admin (the setup link comes back in the answer), or take over a real admin (a new setup link, then
// their two-step sign-in reset).
const t = useTestApp({ ...TEST_ENV })

const call = async (key: string, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) })

const USERS_REFUSED = 'A test key cannot manage console users: they work on live data. Use a live key'

describe('a leaked test key and the team\'s console users', () => {
  it('cannot list, create, change, re-link or reset a user', async () => {
    const live = await t.app.ctx.keys.create({ team: 'reach-users' })
    const test = await t.app.ctx.keys.create({ team: 'reach-users', test: true })
    const ana = await createUser(t.app, 'reach-users', 'ana@lender.test', 'admin')

    await expectNoChange(t.db, async () => {
      expectError(await call(test.key, 'GET', '/partner/users'), 403, USERS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'POST', '/partner/users', { email: 'mallory@evil.test', role: 'admin' }), 403, USERS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'POST', `/partner/users/${ana.id}/setup-link`), 403, USERS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'PATCH', `/partner/users/${ana.id}`, { role: 'viewer' }), 403, USERS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'DELETE', `/partner/users/${ana.id}/totp`), 403, USERS_REFUSED, 'forbidden')
    })
    // Ana's password still works: nobody set another one through a new link.
    await signIn(t.app, 'ana@lender.test')
    // A live team key still manages users.
    expect((await call(live.key, 'GET', '/partner/users')).statusCode).toBe(200)
  })

  it('holds no users permission, says so on /partner/me and the key list, and cannot grant it', async () => {
    const live = await t.app.ctx.keys.create({ team: 'reach-users-keys' })
    const test = await t.app.ctx.keys.create({ team: 'reach-users-keys', test: true })
    const me = (await call(test.key, 'GET', '/partner/me')).json().data
    expect(me.permissionList).not.toContain('users')
    expect((await call(live.key, 'GET', '/partner/me')).json().data.permissionList).toContain('users')
    const listed = (await call(test.key, 'GET', '/partner/keys')).json().data as Array<{ id: number, permissions: string[] }>
    expect(listed.find((k) => k.id === test.id)?.permissions).not.toContain('users')

    await expectNoChange(t.db, async () => {
      const res = await call(test.key, 'POST', '/partner/keys', { name: 'escalate', permissions: ['read', 'users'] })
      expect(res.statusCode, res.body).toBe(400)
      expect(res.json()).toMatchObject({ code: 'permission_unknown', message: expect.stringContaining('(users) is not available to a test key') })
    })
    // An admin user in the console making a test key cannot give it users either.
    await createUser(t.app, 'reach-users-keys', 'root@lender.test', 'admin')
    const admin = await signIn(t.app, 'root@lender.test')
    const fromConsole = await t.app.inject({
      method: 'POST', url: '/partner/keys', headers: admin.headers(true), payload: { name: 'sandbox', livemode: false, permissions: ['users'] }
    })
    expect(fromConsole.statusCode, fromConsole.body).toBe(400)
    // A test key made without a list holds the rest of a team key's permissions.
    const child = await t.app.inject({ method: 'POST', url: '/partner/keys', headers: admin.headers(true), payload: { name: 'sandbox', livemode: false } })
    expect(child.statusCode, child.body).toBe(201)
    expect(child.json().data.permissions).toEqual(['read', 'create', 'decide', 'resend', 'cancel', 'redact', 'events', 'webhooks', 'redeliver', 'assign', 'keys:write', 'audit:read'])
    expectError(await call(child.json().data.key as string, 'POST', '/partner/users', { email: 'eve@evil.test', role: 'admin' }), 403, USERS_REFUSED, 'forbidden')
  })
})

const SETTINGS_REFUSED = 'A test key cannot manage the team\'s settings: live applicants\' messages, consent and retention follow them. Use a live key'

describe('a leaked test key and the team\'s settings', () => {
  it('cannot change what live applicants are sent and how long their data is kept', async () => {
    const live = await t.app.ctx.keys.create({ team: 'reach-settings' })
    const test = await t.app.ctx.keys.create({ team: 'reach-settings', test: true })
    await expectNoChange(t.db, async () => {
      // A phishing address in every live applicant's email, a retention of one day, no consent asked.
      expectError(await call(test.key, 'PATCH', '/partner/settings', { supportEmail: 'help@evil.test', retentionDays: 1, requireConsent: false }), 403, SETTINGS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'PUT', '/partner/settings/decision-reasons', {
        reasons: [{ code: 'approve_all', label: 'Approved', kind: 'reject' }, { code: 'more', label: 'More', kind: 'more' }]
      }), 403, SETTINGS_REFUSED, 'forbidden')
      expectError(await call(test.key, 'GET', '/partner/settings'), 403, SETTINGS_REFUSED, 'forbidden')
    })
    expect((await call(test.key, 'GET', '/partner/me')).json().data.permissionList).not.toContain('settings')
    // The reasons a reviewer gives stay readable to a test key (they are what its decisions send).
    expect((await call(test.key, 'GET', '/partner/settings/decision-reasons')).statusCode).toBe(200)
    const changed = await call(live.key, 'PATCH', '/partner/settings', { supportEmail: 'help@lender.test' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json().data.supportEmail).toBe('help@lender.test')
  })
})

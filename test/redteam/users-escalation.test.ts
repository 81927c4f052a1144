import { describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createUser, signIn } from '../console/support.js'
import { createKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

// Red team: "a key or user never grants more than it has". A key made for a provisioning job with
// a narrow list that includes `users` (here: a reviewer's work and `users`, no `keys:write`, no
// `audit:read`) could make an admin, whose setup link came back in the answer; or take over an
// existing admin: a new setup link (a password of its choosing), their two-step sign-in reset. An
// admin then makes a key with everything.
const t = useTestApp({ ...TEST_ENV })

const call = async (key: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) })

describe('a key with the users permission and a narrow list', () => {
  it('cannot make, raise, re-link, reset or disable a user whose role holds more than the key', async () => {
    const team = await createKey(t.app, 'users-escalation')
    const made = await call(team.key, 'POST', '/partner/keys', { name: 'hr sync', permissions: ['read', 'create', 'decide', 'resend', 'cancel', 'users'] })
    expect(made.statusCode, made.body).toBe(201)
    const hr = made.json().data.key as string
    const ana = await createUser(t.app, 'users-escalation', 'ana@lender.test', 'admin')
    const bo = await createUser(t.app, 'users-escalation', 'bo@lender.test', 'reviewer')

    const adminRefused = 'The admin role holds permissions this key lacks: redact, events, webhooks, redeliver, assign, keys:write, audit:read, settings'
    const viewerRefused = 'The viewer role holds permissions this key lacks: audit:read'
    await expectNoChange(t.db, async () => {
      expectError(await call(hr, 'POST', '/partner/users', { email: 'mallory@evil.test', role: 'admin' }), 403, adminRefused, 'role_exceeds_caller')
      expectError(await call(hr, 'POST', '/partner/users', { email: 'mallory@evil.test', role: 'viewer' }), 403, viewerRefused, 'role_exceeds_caller')
      expectError(await call(hr, 'POST', `/partner/users/${ana.id}/setup-link`), 403, adminRefused, 'role_exceeds_caller')
      expectError(await call(hr, 'DELETE', `/partner/users/${ana.id}/totp`), 403, adminRefused, 'role_exceeds_caller')
      expectError(await call(hr, 'PATCH', `/partner/users/${ana.id}`, { disabled: true }), 403, adminRefused, 'role_exceeds_caller')
      expectError(await call(hr, 'PATCH', `/partner/users/${bo.id}`, { role: 'admin' }), 403, adminRefused, 'role_exceeds_caller')
    })
    // Ana's password still works: nobody chose another one through a new link.
    await signIn(t.app, 'ana@lender.test')

    // Within what it holds, it provisions as before: reviewers, their links, their disabling.
    const cy = await call(hr, 'POST', '/partner/users', { email: 'cy@lender.test', role: 'reviewer' })
    expect(cy.statusCode, cy.body).toBe(201)
    expect((await call(hr, 'POST', `/partner/users/${bo.id}/setup-link`)).statusCode).toBe(201)
    expect((await call(hr, 'PATCH', `/partner/users/${bo.id}`, { disabled: true })).statusCode).toBe(200)
    // A team key (everything) and an admin user still manage admins.
    expect((await call(team.key, 'POST', `/partner/users/${ana.id}/setup-link`)).statusCode).toBe(201)
  })
})

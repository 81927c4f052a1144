import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { createUser, GOOD_PASSWORD, signIn } from '../console/support.js'
import { createKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { codeAt } from '../../src/modules/users/totp.js'

// Red team: someone holding a stolen console cookie turns two-step sign-in on with their own
// authenticator (the user is then locked out until an admin resets it), or a user turns it off; a
// setup link that leaked is used to choose the password. Each changes how the account signs in:
// the team's audit log must say so, who, when and from where, as it does for an admin's reset
// (user.totp_reset) and the link's issue (user.setup_link_issued).
const t = useTestApp({ ...TEST_ENV })

describe('a user\'s own sign-in changes in the team audit log', () => {
  it('records user.totp_enabled and user.totp_disabled, and nothing for a refused code', async () => {
    const key = await createKey(t.app, 'totp-audit')
    const user = await createUser(t.app, 'totp-audit', 'ana@lender.test', 'admin')
    const s = await signIn(t.app, 'ana@lender.test')
    const log = async () => {
      const res = await t.app.inject({ url: '/partner/audit-log?action=user.*', headers: { 'x-api-key': key.key } })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json().data as Array<Record<string, any>>).filter((e) => e.action === 'user.totp_enabled' || e.action === 'user.totp_disabled')
    }

    const start = await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: { password: GOOD_PASSWORD } })
    expect(start.statusCode, start.body).toBe(201)
    const secret = start.json().data.secret as string
    const wrong = (at: number) => String((Number(codeAt(secret, at)) + 1) % 1_000_000).padStart(6, '0')
    expect((await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: wrong(t.clock.ms()) } })).statusCode).toBe(422)
    expect(await log()).toEqual([])

    const on = await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: { ...s.headers(true), 'x-request-id': 'req-totp-on' }, payload: { code: codeAt(secret, t.clock.ms()) } })
    expect(on.statusCode, on.body).toBe(200)
    const actor = { type: 'user', id: String(user.id), label: 'ana@lender.test' }
    expect(await log()).toEqual([
      { id: expect.stringMatching(/^aud_/), at: t.clock.iso(), actor, action: 'user.totp_enabled', ip: '127.0.0.1', requestId: 'req-totp-on', details: { userId: user.id } }
    ])

    t.clock.advance(60)
    expect((await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: s.headers(true), payload: { code: wrong(t.clock.ms()), password: GOOD_PASSWORD } })).statusCode).toBe(422)
    expect((await log()).map((e) => e.action)).toEqual(['user.totp_enabled'])
    const off = await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: { ...s.headers(true), 'x-request-id': 'req-totp-off' }, payload: { code: codeAt(secret, t.clock.ms()), password: GOOD_PASSWORD } })
    expect(off.statusCode, off.body).toBe(200)
    expect((await log())[0]).toEqual(
      { id: expect.stringMatching(/^aud_/), at: t.clock.iso(), actor, action: 'user.totp_disabled', ip: '127.0.0.1', requestId: 'req-totp-off', details: { userId: user.id } }
    )
    expect((await log()).map((e) => e.action)).toEqual(['user.totp_disabled', 'user.totp_enabled'])
  })

  it('records user.password_set when a setup link is used, and nothing for a used or unknown link', async () => {
    const key = await createKey(t.app, 'password-audit')
    const made = await t.app.inject({ method: 'POST', url: '/partner/users', headers: { 'x-api-key': key.key }, payload: { email: 'Bo@Lender.test', role: 'reviewer' } })
    expect(made.statusCode, made.body).toBe(201)
    const userId = made.json().data.user.id as number
    const token = new URL(made.json().data.setupUrl as string).searchParams.get('token') as string
    const setup = async (tok: string, requestId: string) =>
      await t.app.inject({ method: 'POST', url: '/console/setup', headers: { 'x-request-id': requestId }, payload: { token: tok, password: 'violet-harbour-lantern-42' } })
    expect((await setup(token, 'req-setup')).statusCode).toBe(200)
    expect((await setup(token, 'req-setup-again')).statusCode).toBe(400)
    expect((await setup('not-a-token', 'req-setup-unknown')).statusCode).toBe(400)
    const res = await t.app.inject({ url: '/partner/audit-log?action=user.password_set', headers: { 'x-api-key': key.key } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json().data).toEqual([{
      id: expect.stringMatching(/^aud_/),
      at: t.clock.iso(),
      actor: { type: 'user', id: String(userId), label: 'Bo@Lender.test' },
      action: 'user.password_set',
      ip: '127.0.0.1',
      requestId: 'req-setup',
      details: { userId }
    }])
    // Neither the password nor the token is in the entry.
    expect(res.body).not.toContain(token)
    expect(res.body).not.toContain('violet-harbour')
  })
})

import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { useTestApp } from '../support/harness.js'
import { codeAt } from '../../src/modules/users/totp.js'
import { createUser, GOOD_PASSWORD, signIn, type Signed } from '../console/support.js'

// Red team: someone holding a stolen console cookie (and, here, the password) tries to turn the owner's two-step sign-in off.
const t = useTestApp({ ...TEST_ENV })

async function enroll (s: Signed): Promise<string> {
  const start = await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: { password: GOOD_PASSWORD } })
  expect(start.statusCode, start.body).toBe(201)
  const secret = start.json().data.secret as string
  const confirm = await t.app.inject({ method: 'POST', url: '/console/totp/confirm', headers: s.headers(true), payload: { code: codeAt(secret, t.clock.ms()) } })
  expect(confirm.statusCode, confirm.body).toBe(200)
  return secret
}

describe('turning two-step sign-in off cannot be brute-forced with a session', () => {
  it('counts wrong codes towards the per-email limit: after 10, 429 even with the right code, until the window passes', async () => {
    await createUser(t.app, 'acme', 'vic@acme.example', 'admin')
    const s = await signIn(t.app, 'vic@acme.example')
    const secret = await enroll(s)
    t.clock.advance(60)
    const right = () => codeAt(secret, t.clock.ms())
    const wrong = () => String((Number(right()) + 500_000) % 1_000_000).padStart(6, '0')
    const disable = async (code: string) => await t.app.inject({ method: 'POST', url: '/console/totp/disable', headers: s.headers(true), payload: { code, password: GOOD_PASSWORD } })
    for (let i = 0; i < 10; i++) expect((await disable(wrong())).statusCode).toBe(422)
    const limited = await disable(right())
    expect(limited.statusCode, limited.body).toBe(429)
    expect(limited.json().code).toBe('sign_in_rate_limited')
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0)
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).json().data.user.totpEnabled).toBe(true)
    t.clock.advance(15 * 60 + 1)
    const off = await disable(right())
    expect(off.statusCode, off.body).toBe(200)
    expect(off.json().data.user.totpEnabled).toBe(false)
  })
})

describe('enrolling an authenticator cannot be done with a stolen session alone', () => {
  it('a stolen cookie alone cannot bind the thief\'s authenticator: enrolling takes the password, and guesses count', async () => {
    await createUser(t.app, 'acme', 'wen@acme.example', 'admin')
    const s = await signIn(t.app, 'wen@acme.example')
    const start = async (password?: string) => await t.app.inject({ method: 'POST', url: '/console/totp', headers: s.headers(true), payload: password === undefined ? {} : { password } })
    expect((await start()).json().code).toBe('password_required')
    for (let i = 0; i < 10; i++) expect((await start(`guess-number-${i}`)).json().code).toBe('password_incorrect')
    // Out of guesses: even the right password waits, and so does the owner's next sign-in.
    expect((await start(GOOD_PASSWORD)).statusCode).toBe(429)
    expect((await t.app.inject({ method: 'POST', url: '/console/session', payload: { email: 'wen@acme.example', password: GOOD_PASSWORD } })).statusCode).toBe(429)
    expect((await t.app.inject({ url: '/console/session', headers: s.headers() })).json().data.user.totpEnabled).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { createUser, signIn } from '../console/support.js'
import { useTestApp } from '../support/harness.js'

// Red team: users and settings have no mode, and a key reads its mode's entries and those without
// one. An admin who switched the console to "Show test data" and then made another admin (or
// changed the settings every live applicant's messages follow) was recorded as a test-mode entry:
// the live team key that exports the audit log (the SIEM's) never saw the change.
const t = useTestApp({ ...TEST_ENV })

const REASONS = [
  { code: 'income_insufficient', label: 'Income below the required amount', kind: 'reject' },
  { code: 'more_recent_proof_needed', label: 'A more recent proof is needed', kind: 'more' }
]

describe('changes of what has no mode, made in the console\'s test mode', () => {
  it('are in the audit log every key of the team reads, live and test', async () => {
    const live = await t.app.ctx.keys.create({ team: 'audit-modes' })
    const test = await t.app.ctx.keys.create({ team: 'audit-modes', test: true })
    await createUser(t.app, 'audit-modes', 'root@lender.test', 'admin')
    const admin = await signIn(t.app, 'root@lender.test')
    const toTest = await t.app.inject({ method: 'PATCH', url: '/console/session', headers: admin.headers(true), payload: { livemode: false } })
    expect(toTest.statusCode, toTest.body).toBe(200)

    const as = async (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) => {
      const res = await t.app.inject({ method, url, headers: admin.headers(true), ...(payload === undefined ? {} : { payload: payload as object }) })
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300)
      return res.json()
    }
    const made = await as('POST', '/partner/users', { email: 'mallory@lender.test', role: 'admin' })
    const userId = made.data.user.id as number
    await as('PATCH', `/partner/users/${userId}`, { role: 'viewer' })
    await as('POST', `/partner/users/${userId}/setup-link`)
    await as('DELETE', `/partner/users/${userId}/totp`)
    await as('PATCH', '/partner/settings', { supportEmail: 'help@lender.test' })
    await as('PUT', '/partner/settings/decision-reasons', { reasons: REASONS })

    const actions = async (key: string) => {
      const res = await t.app.inject({ url: '/partner/audit-log?limit=100', headers: { 'x-api-key': key } })
      expect(res.statusCode, res.body).toBe(200)
      return (res.json().data as Array<{ action: string }>).map((e) => e.action).filter((a) => (a.startsWith('user.') || a.startsWith('settings.')) && a !== 'user.signed_in' && a !== 'user.password_set')
    }
    const expected = ['settings.decision_reasons_updated', 'settings.updated', 'user.totp_reset', 'user.setup_link_issued', 'user.updated', 'user.created']
    expect(await actions(live.key)).toEqual(expected)
    expect(await actions(test.key)).toEqual(expected)
  })
})

import { beforeAll, describe, expect, it } from 'vitest'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, futureIso, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

describe('assigning sessions to reviewers', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  let alice: PartnerKey
  let bob: PartnerKey
  let globex: PartnerKey
  beforeAll(async () => {
    team = await createKey(t.app, 'acme')
    alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    bob = await createKey(t.app, 'acme', { reviewerId: 'bob' })
    globex = await createKey(t.app, 'globex')
  })
  const assign = async (key: PartnerKey, id: number, payload: unknown) =>
    await t.app.inject({ method: 'POST', url: `/partner/session/${id}/assign`, headers: { 'x-api-key': key.key }, payload: payload as any })
  const seenBy = async (key: PartnerKey, id: number) => (await t.app.inject({ url: `/partner/session/${id}`, headers: { 'x-api-key': key.key } })).statusCode

  it('a team key creates a session for a reviewer with params.reviewerId; without one it stays in the team\'s queue', async () => {
    const forAlice = await createSession(t.app, team.key, { reviewerId: 'alice' })
    expect(forAlice.reviewerId).toBe('alice')
    expect(await seenBy(alice, forAlice.id)).toBe(200)
    expect(await seenBy(bob, forAlice.id)).toBe(404)
    const teamWide = await createSession(t.app, team.key)
    expect(teamWide.reviewerId).toBe(null)
    expect(await seenBy(alice, teamWide.id)).toBe(404)
  })

  it('a reviewer\'s key may not create a session for another reviewer (403, nothing created)', async () => {
    const res = await expectNoChange(t.db, async () => await t.app.inject({
      method: 'POST', url: '/partner/session', headers: { 'x-api-key': alice.key }, payload: { params: { expiryDate: futureIso(t.app), reviewerId: 'bob' } }
    }))
    expectError(res, 403, 'Only a team key (without a reviewer) may create a session for another reviewer')
    expect((await createSession(t.app, alice.key, { reviewerId: 'alice' })).reviewerId).toBe('alice')
  })

  it('moves a session between queues, audited', async () => {
    const s = await createSession(t.app, team.key, { reviewerId: 'alice' })
    const res = await assign(team, s.id, { reviewerId: 'bob' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ success: true, data: { id: s.id, reviewerId: 'bob' } })
    expect(await seenBy(bob, s.id)).toBe(200)
    expect(await seenBy(alice, s.id)).toBe(404)
    const audit = await t.app.ctx.repos.lifecycle.auditTrail(s.id)
    expect(audit.at(-1)).toMatchObject({ action: 'session.assigned', detail: JSON.stringify({ from: 'alice', to: 'bob' }) })
    expect((await assign(team, s.id, { reviewerId: null })).json().data.reviewerId).toBe(null)
  })

  it('refuses a reviewer\'s key (403), another team (404) and a bad body (400), changing nothing', async () => {
    const s = await createSession(t.app, alice.key)
    expectError(await expectNoChange(t.db, async () => await assign(alice, s.id, { reviewerId: 'bob' })), 403, 'Only a team key (without a reviewer) may assign a session')
    expectError(await expectNoChange(t.db, async () => await assign(globex, s.id, { reviewerId: 'bob' })), 404, 'Session not found')
    for (const body of [{}, { reviewerId: '' }, { reviewerId: 5 }, { reviewerId: 'bob', extra: 1 }]) {
      expect((await expectNoChange(t.db, async () => await assign(team, s.id, body))).statusCode).toBe(400)
    }
  })
})

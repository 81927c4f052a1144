import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { createKey, futureIso, sessionIn } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { setReviewPolicy } from '../partner/review-policy.js'

// Red team (a newcomer's setup): a team without reviewer users turns round-robin over its reviewer
// keys. A contractor's key that expired, and a reviewer who holds only a test key, were still in
// the turn: a live applicant's session went to a queue no live key of its reviewer could open, and
// waited there past its due date.
const t = useTestApp({ ...TEST_ENV })

describe('round-robin over reviewer keys', () => {
  it('turns through the reviewers whose keys of the session\'s mode still work', async () => {
    const team = await createKey(t.app, 'rr-roster')
    const testTeam = await t.app.ctx.keys.create({ team: 'rr-roster', test: true })
    await createKey(t.app, 'rr-roster', { reviewerId: 'alice' })
    const contractor = await t.app.inject({
      method: 'POST', url: '/partner/keys', headers: { 'x-api-key': team.key }, payload: { name: 'contractor', reviewerId: 'bob', expiresAt: futureIso(t.app, 3600) }
    })
    expect(contractor.statusCode, contractor.body).toBe(201)
    await t.app.ctx.keys.create({ team: 'rr-roster', test: true, reviewerId: 'tess' })
    await setReviewPolicy(t, team, { autoAssign: 'round_robin' })
    t.clock.advance(7200) // bob's key has expired

    const reviewerOf = async (key: string, id: number) =>
      (await t.app.inject({ url: `/partner/session/${id}`, headers: { 'x-api-key': key } })).json().data.reviewerId as string | null
    const live: Array<string | null> = []
    for (let i = 0; i < 3; i++) {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      live.push(await reviewerOf(team.key, session.id))
    }
    expect(live).toEqual(['alice', 'alice', 'alice'])
    const { session } = await sessionIn(t.app, testTeam.key, 'REVIEWING')
    expect(await reviewerOf(testTeam.key, session.id)).toBe('tess')
  })
})

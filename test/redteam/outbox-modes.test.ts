import { describe, expect, it } from 'vitest'
import { TEST_ENV } from '../api/helpers.js'
import { useTestApp } from '../support/harness.js'
import { futureIso } from '../support/factories.js'

// Red team: a test key (handed to a developer) must not read the live applicants' messages, which
// carry their addresses and their verification links. "The two modes never see each other."
const t = useTestApp({ ...TEST_ENV })

describe('the outbox keeps the modes apart', () => {
  it('shows a test key the test messages only, and a live key the live ones only', async () => {
    const live = await t.app.ctx.keys.create({ team: 'modes' })
    const test = await t.app.ctx.keys.create({ team: 'modes', test: true })
    const send = async (key: string, email: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/partner/session',
        headers: { 'x-api-key': key },
        payload: { params: { expiryDate: futureIso(t.app), applicantEmail: email, delivery: { channels: ['email'] } } }
      })
      expect(res.statusCode, res.body).toBe(201)
      return res.json().data.id as number
    }
    const liveId = await send(live.key, 'live-applicant@example.com')
    const testId = await send(test.key, 'test-applicant@example.com')
    await t.app.ctx.delivery.dispatchDue()
    const outboxOf = async (key: string) => {
      const res = await t.app.inject({ url: '/partner/outbox', headers: { 'x-api-key': key } })
      expect(res.statusCode, res.body).toBe(200)
      return res.json().data as Array<{ sessionId: number, to: string, livemode: boolean }>
    }
    expect((await outboxOf(test.key)).map((m) => [m.sessionId, m.to, m.livemode])).toEqual([[testId, 'test-applicant@example.com', false]])
    expect((await outboxOf(live.key)).map((m) => [m.sessionId, m.to, m.livemode])).toEqual([[liveId, 'live-applicant@example.com', true]])
  })
})

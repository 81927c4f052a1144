import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey } from '../support/factories.js'
import { initiated, proofFor, reclaimTestApp, selectedSession, snapshot, submit, type ReclaimTestApp } from '../reclaim/support.js'

/** Regression guards: the decision is one conditional UPDATE, so of racing decisions exactly one lands. */
describe('concurrent decisions on one REVIEWING session', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => { r = await reclaimTestApp(); key = (await createKey(r.t.app)).key })
  afterAll(async () => { await r.t.close() })

  async function reviewing () {
    const { t, attestor } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const form = await initiated(t, csrf, stepId)
    expect((await submit(t, csrf, stepId, [proofFor(t, form, [attestor.privateKey])])).statusCode).toBe(200)
    return session
  }

  it('APPROVE and REJECT at once: one wins, the other is a 409, one decision is recorded', async () => {
    const { t } = r
    const session = await reviewing()
    // A REJECT names a reason (issue 21; without one it is a 422 before any race).
    const decide = async (decision: string) => await t.app.inject({
      method: 'POST', url: `/partner/reviewer/sessions/${session.id}/decision`, headers: { 'x-api-key': key }, payload: decision === 'REJECT' ? { decision, reasons: ['other'] } : { decision }
    })
    const answers = await Promise.all(['APPROVE', 'REJECT', 'APPROVE', 'REJECT'].map(decide))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409])
    const winner = answers.find((a) => a.statusCode === 200)?.json().data.status as string
    const after = await snapshot(t, session.id)
    expect(after.session?.status).toBe(winner)
    expect(after.audit.filter((a) => a.action === 'session.approved' || a.action === 'session.rejected')).toHaveLength(1)
    expect(after.events.filter((e) => e.type === 'session.completed' || e.type === 'session.rejected')).toHaveLength(1)
    expect(after.steps.map((s) => s.status)).toEqual([winner === 'COMPLETED' ? 'COMPLETED' : 'VERIFIED'])
  })

  it('REQUEST_MORE and APPROVE at once: one wins, the other is a 409', async () => {
    const { t } = r
    const session = await reviewing()
    const bodies = [{ decision: 'APPROVE' }, { decision: 'REQUEST_MORE', message: 'More', reasons: ['proof_incomplete'] }, { decision: 'APPROVE' }, { decision: 'REQUEST_MORE', message: 'More', reasons: ['proof_incomplete'] }]
    const answers = await Promise.all(bodies.map(async (payload) => await t.app.inject({
      method: 'POST', url: `/partner/reviewer/sessions/${session.id}/decision`, headers: { 'x-api-key': key }, payload
    })))
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409, 409])
    const winner = answers.find((a) => a.statusCode === 200)?.json().data.status as string
    const after = await snapshot(t, session.id)
    expect(after.session?.status).toBe(winner)
    expect(after.audit.filter((a) => a.action === 'session.approved' || a.action === 'session.more_requested')).toHaveLength(1)
    expect(after.session?.moreRequests ?? 0).toBe(winner === 'PROCESSING' ? 1 : 0)
  })
})

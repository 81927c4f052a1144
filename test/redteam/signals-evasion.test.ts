import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey, sessionIn } from '../support/factories.js'
import { INCOME, initiatedStep, proofFor, reclaimTestApp, submit, type ReclaimTestApp } from '../reclaim/support.js'

// Red team: an applicant who applies again and again (to find a lender's reviewer who approves)
// types their email in another case each time. Emails are case-insensitive: it is one applicant.
describe('many_sessions cannot be dodged by the case of an email', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => {
    r = await reclaimTestApp()
    key = (await createKey(r.t.app, 'acme-evasion')).key
  })
  afterAll(async () => { await r.t.close() })

  it('counts Many@Example.org, MANY@example.org and many@example.org as one applicant', async () => {
    for (const applicantEmail of ['Many@Example.org', 'MANY@example.org', 'many@EXAMPLE.ORG']) await sessionIn(r.t.app, key, 'PENDING', { applicantEmail })
    const { session, csrf, stepId, formData } = await initiatedStep(r.t, key, 1, { applicantEmail: 'many@example.org' })
    const res = await submit(r.t, csrf, stepId, [proofFor(r.t, formData, [r.attestor.privateKey], { extracted: INCOME })])
    expect(res.statusCode, res.body).toBe(200)
    const signals = (await r.t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': key } })).json().data.signals
    expect(signals).toEqual([expect.objectContaining({ code: 'many_sessions', details: { sessions: 4, windowDays: 30 } })])
  })
})

import { describe, expect, it } from 'vitest'
import { useTestApp } from '../support/harness.js'
import { createKey, futureIso, sessionIn } from '../support/factories.js'
import { TEST_ENV } from '../api/helpers.js'

const t = useTestApp({ ...TEST_ENV })

const call = async (key: string, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  await t.app.inject({ method, url, headers: { 'x-api-key': key }, ...(payload === undefined ? {} : { payload: payload as object }) })

describe('the audit log records issue 21\'s decisions and the team settings', () => {
  it('notes (never their words), tags, reasons, requests for more, re-verification, settings and decision reasons', async () => {
    const key = await createKey(t.app, 'audit-decisions', { name: 'ops' })
    const { session } = await sessionIn(t.app, key.key, 'REVIEWING', { applicantFirstName: 'Zebulon', applicantEmail: 'zeb@example.test' })
    const note = await call(key.key, 'POST', `/partner/reviewer/sessions/${session.id}/notes`, { body: 'Zebulon called about his payslip' })
    expect(note.statusCode, note.body).toBe(201)
    expect((await call(key.key, 'PUT', `/partner/session/${session.id}/tags`, { tags: ['vip', 'second-look'] })).statusCode).toBe(200)
    const more = await call(key.key, 'POST', `/partner/reviewer/sessions/${session.id}/decision`, { decision: 'REQUEST_MORE', message: 'Zebulon, please add March', reasons: ['more_recent_proof_needed'] })
    expect(more.statusCode, more.body).toBe(200)
    const { session: rejected } = await sessionIn(t.app, key.key, 'REVIEWING')
    expect((await call(key.key, 'POST', `/partner/reviewer/sessions/${rejected.id}/decision`, { decision: 'REJECT', reasons: ['income_insufficient'] })).statusCode).toBe(200)
    const again = await call(key.key, 'POST', `/partner/session/${rejected.id}/reverify`, { expiryDate: futureIso(t.app) })
    expect(again.statusCode, again.body).toBe(201)
    expect((await call(key.key, 'PATCH', '/partner/settings', { reviewSlaHours: 4, displayName: 'Acme Lending' })).statusCode).toBe(200)
    const reasons = (await call(key.key, 'GET', '/partner/settings/decision-reasons')).json().data
    const put = await call(key.key, 'PUT', '/partner/settings/decision-reasons', { reasons: Array.isArray(reasons) ? reasons : reasons.reasons })
    expect(put.statusCode, put.body).toBe(200)

    const res = await call(key.key, 'GET', `/partner/audit-log?actorId=${key.id}`)
    expect(res.statusCode, res.body).toBe(200)
    const entries = res.json().data as Array<{ action: string, sessionId?: number, details: Record<string, unknown> }>
    const by = (action: string) => entries.filter((e) => e.action === action)
    expect(by('session.note_added')).toEqual([expect.objectContaining({ sessionId: session.id, details: { noteId: note.json().data.id } })])
    expect(by('session.tags_changed')).toEqual([expect.objectContaining({ sessionId: session.id, details: { tags: ['vip', 'second-look'] } })])
    expect(by('session.more_requested')).toEqual([expect.objectContaining({ sessionId: session.id, details: { decision: 'REQUEST_MORE', reasons: ['more_recent_proof_needed'] } })])
    expect(by('session.rejected')).toEqual([expect.objectContaining({ sessionId: rejected.id, details: { decision: 'REJECT', reasons: ['income_insufficient'] } })])
    expect(by('session.reverified')).toEqual([expect.objectContaining({ sessionId: rejected.id, details: { newSessionId: again.json().data.id, channels: [] } })])
    expect(by('settings.updated')).toEqual([expect.objectContaining({ details: { changed: ['displayName', 'reviewSlaHours'] } })])
    expect(by('settings.decision_reasons_updated')[0].details.codes).toEqual(expect.arrayContaining(['income_insufficient']))
    // The log keeps no applicant data: not the note, not the message to the applicant, not the name.
    expect(res.body).not.toContain('Zebulon')
    expect(res.body).not.toContain('payslip')
  })
})

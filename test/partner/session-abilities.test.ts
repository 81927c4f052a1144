import { beforeAll, describe, expect, it } from 'vitest'
import { SESSION_STATUSES, type SessionStatus } from '../../src/modules/lifecycle/lifecycle.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey, sessionIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

/**
 * What a session's status allows (canDecide, canCancel, canReissueLink, canRedact on every session
 * view; canContinue on the applicant's) is what the hosted pages read instead of keeping their own
 * rules: each answer must match what the API then does.
 */
describe('what a session says it allows', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey
  beforeAll(async () => { team = await createKey(t.app, 'acme') })

  const call = async (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': team.key }, ...(payload === undefined ? {} : { payload: payload as any }) })

  /** 2xx: done; 409 (or 410 for an expired session): refused as the status does not allow it. */
  const outcome = (res: { statusCode: number }) =>
    res.statusCode >= 200 && res.statusCode < 300 ? 'done' : res.statusCode === 409 || res.statusCode === 410 ? 'refused' : `HTTP ${res.statusCode}`
  const expected = (allowed: boolean) => (allowed ? 'done' : 'refused')

  const EXPECTED: Record<SessionStatus, { canDecide: boolean, canCancel: boolean, canReissueLink: boolean, canRedact: boolean, canContinue: boolean }> = {
    PENDING: { canDecide: false, canCancel: true, canReissueLink: true, canRedact: false, canContinue: true },
    PROCESSING: { canDecide: false, canCancel: true, canReissueLink: true, canRedact: false, canContinue: true },
    REVIEWING: { canDecide: true, canCancel: true, canReissueLink: true, canRedact: false, canContinue: false },
    COMPLETED: { canDecide: false, canCancel: false, canReissueLink: false, canRedact: true, canContinue: false },
    REJECTED: { canDecide: false, canCancel: false, canReissueLink: false, canRedact: true, canContinue: false },
    FAILED: { canDecide: false, canCancel: false, canReissueLink: false, canRedact: true, canContinue: false },
    EXPIRED: { canDecide: false, canCancel: false, canReissueLink: false, canRedact: true, canContinue: false }
  }

  it('covers every status', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...SESSION_STATUSES].sort())
  })

  it.each(SESSION_STATUSES)('%s: the partner view, the reviewer detail and the list item agree, and the API does what they say', async (status) => {
    const { canContinue, ...abilities } = EXPECTED[status]
    const { session, link } = await sessionIn(t.app, team.key, status)
    const partner = (await call('GET', `/partner/session/${session.id}`)).json().data
    const detail = (await call('GET', `/partner/reviewer/sessions/${session.id}`)).json().data
    const listed = (await call('GET', `/partner/reviewer/sessions?status=${status}&limit=100`)).json().data.find((s: { id: number }) => s.id === session.id)
    for (const view of [partner, detail, listed]) expect(view).toMatchObject({ status, ...abilities })

    // The applicant's exchange says whether the page may offer the flow (a final session answers 410).
    const grant = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: link.token, sessionId: session.id } })
    if (grant.statusCode === 200) expect(grant.json().data.session).toMatchObject({ status, canContinue })
    else expect([grant.statusCode, canContinue]).toEqual([410, false])

    // Each allowed action succeeds, each refused one is refused (on sessions of their own, so none hides another).
    const decided = await call('POST', `/partner/reviewer/sessions/${session.id}/decision`, { decision: 'REJECT', reasons: ['other'] })
    expect(outcome(decided), 'decision').toBe(expected(abilities.canDecide))
    const again = (await sessionIn(t.app, team.key, status)).session
    expect(outcome(await call('POST', `/partner/session/${again.id}/link`)), 'link').toBe(expected(abilities.canReissueLink))
    expect(outcome(await call('POST', `/partner/session/${again.id}/cancel`, {})), 'cancel').toBe(expected(abilities.canCancel))
    const third = (await sessionIn(t.app, team.key, status)).session
    const redacted = await call('POST', `/partner/session/${third.id}/redact`)
    expect(outcome(redacted), 'redact').toBe(expected(abilities.canRedact))
    if (abilities.canRedact) {
      // Redacted: nothing is left to redact (a second call changes nothing), and the view says so.
      expect(redacted.json().data).toMatchObject({ canRedact: false, canCancel: false })
      expect((await call('POST', `/partner/session/${third.id}/redact`)).json().data).toMatchObject({ redactedAt: redacted.json().data.redactedAt, canRedact: false })
    }
    if (abilities.canCancel) {
      expect((await call('GET', `/partner/session/${again.id}`)).json().data).toMatchObject({ status: 'EXPIRED', canCancel: false, canReissueLink: false, canRedact: true })
    }
  })
})

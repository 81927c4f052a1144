import { beforeAll, describe, expect, it } from 'vitest'
import { sha256Hex } from '../../src/lib/secrets.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, exchange, sessionIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'

describe('the partner\'s side of one session', () => {
  const t = useTestApp({ ...TEST_ENV })
  let team: PartnerKey // acme, no reviewer
  let alice: PartnerKey // acme, reviewer alice
  let globex: PartnerKey
  beforeAll(async () => {
    team = await createKey(t.app, 'acme', { name: 'backend' })
    alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    globex = await createKey(t.app, 'globex')
  })

  const call = async (key: PartnerKey, method: 'GET' | 'POST', url: string, payload?: unknown) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': key.key }, ...(payload === undefined ? {} : { payload: payload as any }) })
  const row = async (id: number) => await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

  describe('GET /partner/me', () => {
    it('says whose key it is and what a team key may do', async () => {
      const res = await call(team, 'GET', '/partner/me')
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({
        success: true,
        data: {
          kind: 'key',
          keyId: team.id,
          keyName: 'backend',
          teamId: team.teamId,
          teamName: 'acme',
          reviewerId: null,
          livemode: true,
          role: 'admin',
          user: null,
          permissions: { decide: true, resend: true, cancel: true, redact: true, events: true, webhooks: true, redeliver: true, assign: true },
          permissionList: ['read', 'create', 'decide', 'resend', 'cancel', 'redact', 'events', 'webhooks', 'redeliver', 'assign', 'users', 'keys:write', 'audit:read', 'settings'],
          apiVersion: '2026-12-01',
          expiresAt: null
        }
      })
    })

    it('a reviewer\'s key may decide, resend and cancel only', async () => {
      const res = await call(alice, 'GET', '/partner/me')
      expect(res.json().data).toMatchObject({
        keyId: alice.id,
        keyName: null,
        reviewerId: 'alice',
        teamName: 'acme',
        permissions: { decide: true, resend: true, cancel: true, redact: false, events: false, webhooks: false, redeliver: false, assign: false },
        permissionList: ['read', 'create', 'decide', 'resend', 'cancel']
      })
    })
  })

  describe('GET /partner/session/:sessionId', () => {
    it('answers the session as the list shows it, with its allowed sources and steps', async () => {
      const created = await createSession(t.app, team.key, { allowedSources: [{ id: 1 }, { id: 2 }], applicantFirstName: 'Ada' })
      const { lifecycle } = t.app.ctx.repos
      expect((await lifecycle.selectSources(created.id, [2], t.clock.iso())).refused).toBe(null)
      const res = await call(team, 'GET', `/partner/session/${created.id}`)
      expect(res.statusCode).toBe(200)
      const body = res.json()
      const listed = (await call(team, 'GET', '/partner/reviewer/sessions')).json().data.find((s: { id: number }) => s.id === created.id)
      const { allowedSources, steps, deliveries, ...session } = body.data
      expect(deliveries).toEqual([])
      expect(session).toEqual(listed)
      expect(session).toMatchObject({ status: 'PROCESSING', statusReason: null, redactedAt: null, applicantFirstName: 'Ada' })
      expect(allowedSources).toEqual([{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }])
      expect(steps).toEqual([{ id: expect.any(Number), dataSourceId: 2, sourceName: 'Stripe', status: 'PENDING', attempts: 0 }])
      expect(res.body).not.toContain(created.verificationLink.token)
    })

    it('reads another team\'s session, and another reviewer\'s, as 404', async () => {
      const { session } = await sessionIn(t.app, team.key, 'PENDING')
      expectError(await call(globex, 'GET', `/partner/session/${session.id}`), 404, 'Session not found')
      expectError(await call(alice, 'GET', `/partner/session/${session.id}`), 404, 'Session not found')
      expectError(await call(team, 'GET', '/partner/session/999999'), 404, 'Session not found')
      expect((await call(alice, 'GET', `/partner/session/${(await createSession(t.app, alice.key)).id}`)).statusCode).toBe(200)
    })

    it('refuses a malformed id with 400', async () => {
      const res = await call(team, 'GET', '/partner/session/abc')
      expect(res.statusCode).toBe(400)
    })

    it('says why a session ended', async () => {
      for (const [status, reason] of [['COMPLETED', 'approved'], ['REJECTED', 'rejected'], ['FAILED', 'attempts_exhausted'], ['EXPIRED', 'expired']] as const) {
        const { session } = await sessionIn(t.app, team.key, status)
        expect((await call(team, 'GET', `/partner/session/${session.id}`)).json().data).toMatchObject({ status, statusReason: reason })
      }
    })
  })

  describe('POST /partner/session/:sessionId/cancel', () => {
    it.each(['PENDING', 'PROCESSING', 'REVIEWING'] as const)('ends a %s session as EXPIRED, canceled, with its open steps', async (status) => {
      const { session, link } = await sessionIn(t.app, team.key, status)
      const res = await call(team, 'POST', `/partner/session/${session.id}/cancel`, { reason: 'Applicant withdrew' })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ success: true, data: { id: session.id, status: 'EXPIRED', statusReason: 'canceled' } })
      const steps = await t.app.ctx.repos.steps.listForSession(session.id)
      expect(steps.filter((s) => s.status !== 'EXPIRED' && s.status !== 'VERIFIED')).toEqual([])
      const event = await t.db.kysely.selectFrom('events').selectAll().where('sessionId', '=', session.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
      expect(event.type).toBe('session.expired')
      expect(JSON.parse(event.payload)).toEqual({ sessionId: session.id, applicantId: null, metadata: null, status: 'EXPIRED', previousStatus: status, statusReason: 'canceled', reason: 'Applicant withdrew', livemode: true })
      const audit = await t.app.ctx.repos.lifecycle.auditTrail(session.id)
      expect(audit.at(-1)).toMatchObject({ action: 'session.canceled', toStatus: 'EXPIRED', actor: `partner:key:${team.id}` })
      // The applicant's calls now answer 410.
      const verify = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: link.token, sessionId: session.id } })
      expectError(verify, 410, 'Verification session has expired')
    })

    it('accepts no body at all, and a reviewer\'s key cancels its own session', async () => {
      const created = await createSession(t.app, alice.key)
      const res = await t.app.inject({ method: 'POST', url: `/partner/session/${created.id}/cancel`, headers: { 'x-api-key': alice.key } })
      expect(res.statusCode).toBe(200)
      expect(res.json().data).toMatchObject({ status: 'EXPIRED', statusReason: 'canceled' })
      const event = await t.db.kysely.selectFrom('events').selectAll().where('sessionId', '=', created.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
      expect(JSON.parse(event.payload)).toEqual({ sessionId: created.id, applicantId: null, metadata: null, status: 'EXPIRED', previousStatus: 'PENDING', statusReason: 'canceled', reason: null, livemode: true })
    })

    it.each(['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'] as const)('refuses a %s session with 409 and changes nothing', async (status) => {
      const { session } = await sessionIn(t.app, team.key, status)
      const res = await expectNoChange(t.db, async () => await call(team, 'POST', `/partner/session/${session.id}/cancel`, {}))
      expectError(res, 409, `Only a PENDING, PROCESSING or REVIEWING session can be canceled; it is ${status}`)
    })

    it('refuses a reason over 500 characters, an unknown field, another team\'s session', async () => {
      const { session } = await sessionIn(t.app, team.key, 'PENDING')
      const url = `/partner/session/${session.id}/cancel`
      const long = await expectNoChange(t.db, async () => await call(team, 'POST', url, { reason: 'x'.repeat(501) }))
      expect(long.statusCode).toBe(400)
      const extra = await expectNoChange(t.db, async () => await call(team, 'POST', url, { why: 'x' }))
      expect(extra.statusCode).toBe(400)
      expectError(await expectNoChange(t.db, async () => await call(globex, 'POST', url, {})), 404, 'Session not found')
      expect((await row(session.id)).status).toBe('PENDING')
    })
  })

  describe('POST /partner/session/:sessionId/link', () => {
    it('issues a new link; the old token and every CSRF token stop working at once', async () => {
      const { session, link } = await sessionIn(t.app, team.key, 'PROCESSING')
      const csrf = await exchange(t.app, session.id, link.token)
      const res = await call(team, 'POST', `/partner/session/${session.id}/link`)
      expect(res.statusCode).toBe(201)
      const { verificationLink } = res.json().data
      expect(res.json()).toEqual({ success: true, data: { verificationLink: expect.any(Object) } })
      expect(verificationLink.token).not.toBe(link.token)
      expect(verificationLink.manualVerificationLink).toBe(`http://partner.test/partner/verification/verify?token=${verificationLink.token}&sessionId=${session.id}`)
      expect(verificationLink.deeplinkVerificationLink).toBe(`https://app.partner.test/verification-request?token=${verificationLink.token}&sessionId=${session.id}`)

      const old = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: link.token, sessionId: session.id } })
      expectError(old, 401, 'Invalid verification token')
      const steps = await t.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { 'x-csrf-token': csrf } })
      expectError(steps, 401, 'Invalid or expired CSRF token')
      const fresh = await exchange(t.app, session.id, verificationLink.token)
      expect((await t.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { 'x-csrf-token': fresh } })).statusCode).toBe(200)
      const audit = await t.app.ctx.repos.lifecycle.auditTrail(session.id)
      expect(audit.at(-1)).toMatchObject({ action: 'session.link_reissued', actor: `partner:key:${team.id}` })
    })

    it.each(['COMPLETED', 'REJECTED', 'FAILED', 'EXPIRED'] as const)('refuses a %s session with 409 and changes nothing', async (status) => {
      const { session, link } = await sessionIn(t.app, team.key, status)
      const res = await expectNoChange(t.db, async () => await call(team, 'POST', `/partner/session/${session.id}/link`))
      expectError(res, 409, `A new link can only be issued for an open session; it is ${status}`)
      expect((await row(session.id)).linkTokenHash).toBe(sha256Hex(link.token))
    })

    it('another team\'s session is a 404 and keeps its link', async () => {
      const { session, link } = await sessionIn(t.app, team.key, 'PENDING')
      expectError(await expectNoChange(t.db, async () => await call(globex, 'POST', `/partner/session/${session.id}/link`)), 404, 'Session not found')
      expect((await exchange(t.app, session.id, link.token)).length).toBeGreaterThan(0)
    })
  })
})

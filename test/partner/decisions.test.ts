import { Webhook } from 'standardwebhooks'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dumpDatabase, expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, exchange, moveSessionTo, sessionIn, type PartnerKey } from '../support/factories.js'
import { useTestApp } from '../support/harness.js'
import { Receiver } from '../webhooks/receiver.js'

/** Issue 21 items 1-3: decision reasons, REQUEST_MORE, notes and tags. */
describe('decisions that stand up to an examiner', () => {
  const t = useTestApp({ ...TEST_ENV, WEBHOOK_ALLOW_PRIVATE_URLS: 'true' })
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
  const call = async (key: PartnerKey, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': key.key }, ...(payload === undefined ? {} : { payload: payload as object }) })
  const decide = async (key: PartnerKey, id: number, body: Record<string, unknown>) => await call(key, 'POST', `/partner/reviewer/sessions/${id}/decision`, body)
  const detail = async (key: PartnerKey, id: number) => (await call(key, 'GET', `/partner/reviewer/sessions/${id}`)).json().data
  const eventsOf = async (sessionId: number) => (await t.db.kysely.selectFrom('events').selectAll().where('sessionId', '=', sessionId).orderBy('id').execute())
    .map((e) => ({ type: e.type, data: JSON.parse(e.payload) }))

  describe('decision reasons', () => {
    it('a team starts with the defaults, each with a code, a label and a kind', async () => {
      const res = await call(team, 'GET', '/partner/settings/decision-reasons')
      expect(res.statusCode).toBe(200)
      const body = res.json()
      expect(body.isDefault).toBe(true)
      expect(body.data.filter((r: any) => r.kind === 'reject').map((r: any) => r.code)).toEqual(
        ['income_insufficient', 'income_unverifiable', 'identity_mismatch', 'data_inconsistent', 'fraud_suspected', 'other'])
      expect(body.data.every((r: any) => typeof r.label === 'string' && r.label.length > 0)).toBe(true)
      expect(new Set(body.data.map((r: any) => r.kind))).toEqual(new Set(['reject', 'approve', 'more']))
      // A reviewer reads them too (the console's dialog needs them).
      expect((await call(alice, 'GET', '/partner/settings/decision-reasons')).json().data).toEqual(body.data)
    })

    it('a team key replaces the list; another team keeps the defaults', async () => {
      const reasons = [
        { code: 'dti_too_high', label: 'Debt-to-income ratio too high', kind: 'reject' },
        { code: 'income_verified', label: 'Income verified', kind: 'approve' },
        { code: 'need_payslip', label: 'A recent payslip is needed', kind: 'more' }
      ]
      const res = await call(globex, 'PUT', '/partner/settings/decision-reasons', { reasons })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toEqual({ success: true, data: reasons, isDefault: false })
      expect((await call(globex, 'GET', '/partner/settings/decision-reasons')).json()).toEqual({ success: true, data: reasons, isDefault: false })
      expect((await call(team, 'GET', '/partner/settings/decision-reasons')).json().isDefault).toBe(true)
    })

    it('takes the list as a bare array too (issue 21 item 1: `[{code, label, kind}]`); a list without a more reason is fine (a REQUEST_MORE takes reject reasons)', async () => {
      const initech = await createKey(t.app, 'initech-reasons')
      const reasons = [
        { code: 'dti_too_high', label: 'Debt-to-income ratio too high', kind: 'reject' },
        { code: 'income_verified', label: 'Income verified', kind: 'approve' }
      ]
      const res = await call(initech, 'PUT', '/partner/settings/decision-reasons', reasons)
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json()).toEqual({ success: true, data: reasons, isDefault: false })
      expect((await call(initech, 'GET', '/partner/settings/decision-reasons')).json()).toEqual({ success: true, data: reasons, isDefault: false })
      const { session } = await sessionIn(t.app, initech.key, 'REVIEWING')
      const more = await decide(initech, session.id, { decision: 'REQUEST_MORE', message: 'A lower debt, please', reasons: ['dti_too_high'] })
      expect(more.statusCode, more.body).toBe(200)
      expect(more.json().data.moreRequest.reasons).toEqual([{ code: 'dti_too_high', label: 'Debt-to-income ratio too high' }])
      // One reject reason is a whole list.
      const one = [{ code: 'dti_too_high', label: 'Debt-to-income ratio too high', kind: 'reject' }]
      const single = await call(initech, 'PUT', '/partner/settings/decision-reasons', one)
      expect(single.statusCode, single.body).toBe(200)
      expect(single.json().data).toEqual(one)
    })

    it.each([
      ['a reviewer\'s key', 'alice', { reasons: [{ code: 'a', label: 'A', kind: 'reject' }, { code: 'b', label: 'B', kind: 'more' }] }, 403, 'Settings are managed with a team API key; this key is scoped to a reviewer'],
      ['a code twice', 'team', { reasons: [{ code: 'a', label: 'A', kind: 'reject' }, { code: 'a', label: 'B', kind: 'more' }] }, 400, 'body.reasons.1.code lists a twice'],
      ['no reject reason', 'team', { reasons: [{ code: 'a', label: 'A', kind: 'approve' }, { code: 'b', label: 'B', kind: 'more' }] }, 400, 'body.reasons must have at least one reason of kind reject (a REJECT needs one)'],
      ['an upper-case code', 'team', { reasons: [{ code: 'Income', label: 'A', kind: 'reject' }, { code: 'b', label: 'B', kind: 'more' }] }, 400, 'body.reasons.0.code must match ^[a-z][a-z0-9_]{0,47}$'],
      ['an unknown kind', 'team', { reasons: [{ code: 'a', label: 'A', kind: 'maybe' }, { code: 'b', label: 'B', kind: 'more' }] }, 400, null]
    ])('refuses %s, and changes nothing', async (_name, who, body, status, message) => {
      const key = who === 'alice' ? alice : team
      const res = await expectNoChange(t.db, async () => await call(key, 'PUT', '/partner/settings/decision-reasons', body))
      if (message === null) expect(res.statusCode).toBe(status)
      else expectError(res, status, message)
    })

    it('a REJECT without reasons is a 422 decision_reason_required that changes nothing; with one it is kept on the session, in the event and in the audit trail', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, { decision: 'REJECT', note: 'No' })), 422,
        'A REJECT decision needs at least one reason: send reasons with codes of kind reject (GET /partner/settings/decision-reasons)', 'decision_reason_required')
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, { decision: 'REJECT', reasons: [] })), 422,
        'A REJECT decision needs at least one reason: send reasons with codes of kind reject (GET /partner/settings/decision-reasons)', 'decision_reason_required')
      const res = await decide(team, session.id, { decision: 'REJECT', reasons: ['income_insufficient', 'data_inconsistent', 'income_insufficient'], note: 'Payslips disagree' })
      expect(res.statusCode).toBe(200)
      const reasons = [{ code: 'income_insufficient', label: 'Income is below what is required' }, { code: 'data_inconsistent', label: 'The proven data is inconsistent' }]
      expect(res.json().data).toMatchObject({ status: 'REJECTED', decisionReasons: reasons, decisionNote: 'Payslips disagree' })
      expect((await detail(team, session.id)).decisionReasons).toEqual(reasons)
      expect((await eventsOf(session.id)).at(-1)).toMatchObject({ type: 'session.rejected', data: { status: 'REJECTED', reasons } })
      const audit = (await t.app.ctx.repos.lifecycle.auditTrail(session.id)).at(-1)
      expect(audit).toMatchObject({ action: 'session.rejected', detail: JSON.stringify({ decision: 'REJECT', reasons: ['income_insufficient', 'data_inconsistent'], note: 'Payslips disagree' }) })
      // The events API (and so webhooks, signed from events) carries them.
      const listed = (await call(team, 'GET', '/partner/events?type=session.rejected')).json().data.find((e: any) => e.data.sessionId === session.id)
      expect(listed.data.reasons).toEqual(reasons)
    })

    it('an APPROVE takes reasons of kind approve or none at all', async () => {
      const plain = await sessionIn(t.app, team.key, 'REVIEWING')
      const res = await decide(team, plain.session.id, { decision: 'APPROVE' })
      expect(res.json().data).toMatchObject({ status: 'COMPLETED', decisionReasons: [] })
      const withReason = await sessionIn(t.app, team.key, 'REVIEWING')
      const ok = await decide(team, withReason.session.id, { decision: 'APPROVE', reasons: ['income_verified'] })
      expect(ok.json().data.decisionReasons).toEqual([{ code: 'income_verified', label: 'Income verified' }])
    })

    it.each([
      ['an unknown code', { decision: 'REJECT', reasons: ['nope'] }, 422, 'body.reasons has code(s) that are not reject reasons of the team: nope', 'decision_reason_unknown'],
      ['a reason of another kind', { decision: 'APPROVE', reasons: ['fraud_suspected'] }, 422, 'body.reasons has code(s) that are not approve reasons of the team: fraud_suspected', 'decision_reason_unknown'],
      ['another team\'s code', { decision: 'REJECT', reasons: ['dti_too_high'] }, 422, 'body.reasons has code(s) that are not reject reasons of the team: dti_too_high', 'decision_reason_unknown'],
      ['a message on a REJECT', { decision: 'REJECT', reasons: ['other'], message: 'hi' }, 400, 'body.message is for REQUEST_MORE only', 'validation_failed'],
      ['sourceIds on an APPROVE', { decision: 'APPROVE', sourceIds: [2] }, 400, 'body.sourceIds is for REQUEST_MORE only', 'validation_failed'],
      ['eleven reasons', { decision: 'REJECT', reasons: Array.from({ length: 11 }, () => 'other') }, 400, 'body.reasons must NOT have more than 10 items', 'validation_failed']
    ])('refuses %s, and changes nothing', async (_name, body, status, message, code) => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, body)), status, message, code)
    })

    it('a decision keeps the label its reason had: a later change of the list does not rewrite it', async () => {
      const key = await createKey(t.app, 'initech')
      const { session } = await sessionIn(t.app, key.key, 'REVIEWING')
      expect((await decide(key, session.id, { decision: 'REJECT', reasons: ['other'] })).statusCode).toBe(200)
      expect((await call(key, 'PUT', '/partner/settings/decision-reasons', { reasons: [{ code: 'other', label: 'Renamed', kind: 'reject' }, { code: 'm', label: 'M', kind: 'more' }] })).statusCode).toBe(200)
      expect((await detail(key, session.id)).decisionReasons).toEqual([{ code: 'other', label: 'Other reason (see the note)' }])
    })
  })

  describe('webhooks', () => {
    let receiver: Receiver
    beforeAll(async () => { receiver = await new Receiver().start() })
    afterAll(async () => { await receiver.close() })

    it('a signed delivery carries the reasons of a rejection and of a request for more, and the message', async () => {
      const key = await createKey(t.app, 'hooked')
      const hook = await call(key, 'POST', '/partner/webhooks', { url: receiver.url('/decisions'), events: ['session.rejected', 'session.more_requested'] })
      expect(hook.statusCode).toBe(201)
      const { session } = await sessionIn(t.app, key.key, 'REVIEWING')
      expect((await decide(key, session.id, { decision: 'REQUEST_MORE', message: 'Send March too', reasons: ['proof_incomplete'] })).statusCode).toBe(200)
      await moveSessionTo(t.app, session.id, 'REVIEWING')
      expect((await decide(key, session.id, { decision: 'REJECT', reasons: ['income_unverifiable'] })).statusCode).toBe(200)
      await t.app.ctx.webhooks.dispatchDue()
      await t.app.ctx.webhooks.dispatchDue()
      const got = receiver.received.filter((r) => r.path === '/decisions')
      const payloads = got.map((r) => new Webhook(hook.json().data.secret).verify(r.body, Receiver.headers(r)) as { type: string, data: Record<string, unknown> })
      expect(payloads.map((p) => p.type)).toEqual(['session.more_requested', 'session.rejected'])
      expect(payloads[0].data).toMatchObject({ sessionId: session.id, status: 'PROCESSING', message: 'Send March too', reasons: [{ code: 'proof_incomplete', label: 'The proof does not show what is needed' }], moreRequests: 1 })
      expect(payloads[1].data).toMatchObject({ sessionId: session.id, status: 'REJECTED', reasons: [{ code: 'income_unverifiable', label: 'Income could not be verified' }] })
    })
  })

  describe('REQUEST_MORE', () => {
    it('moves a REVIEWING session back to PROCESSING with a new step for a new source and the message on the hosted page', async () => {
      const created = await createSession(t.app, team.key, { allowedSources: [{ id: 1 }] })
      await moveSessionTo(t.app, created.id, 'REVIEWING')
      const res = await decide(team, created.id, { decision: 'REQUEST_MORE', message: '  Please also verify your Stripe account.  ', reasons: ['additional_source_needed'], sourceIds: [2] })
      expect(res.statusCode).toBe(200)
      const reasons = [{ code: 'additional_source_needed', label: 'Another income source is needed' }]
      expect(res.json()).toMatchObject({
        success: true,
        message: 'More was requested from the applicant',
        data: { status: 'PROCESSING', decidedAt: null, moreRequest: { count: 1, message: 'Please also verify your Stripe account.', reasons, sourceIds: [2], at: t.clock.iso() } }
      })
      const d = await detail(team, created.id)
      expect(d.steps.map((s: any) => [s.dataSourceId, s.status])).toEqual([[1, 'VERIFIED'], [2, 'PENDING']])
      // The session allowed source 1 only: the reviewer's request widens it.
      expect(d.allowedSources.map((s: any) => s.id)).toEqual([1, 2])
      expect((await eventsOf(created.id)).at(-1)).toEqual({
        type: 'session.more_requested',
        data: expect.objectContaining({ status: 'PROCESSING', previousStatus: 'REVIEWING', message: 'Please also verify your Stripe account.', reasons, sourceIds: [2], moreRequests: 1 })
      })
      const audit = await t.app.ctx.repos.lifecycle.auditTrail(created.id)
      expect(audit.slice(-2).map((a) => [a.action, a.fromStatus, a.toStatus])).toEqual([['session.more_requested', 'REVIEWING', 'PROCESSING'], ['sources.selected', null, null]])
      // The applicant's link exchange shows what was asked.
      const grant = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: created.verificationLink.token, sessionId: created.id } })
      expect(grant.json().data.session).toMatchObject({ status: 'PROCESSING', moreRequest: { message: 'Please also verify your Stripe account.', at: t.clock.iso() } })
      // Proving the new step brings the session back to REVIEWING.
      await moveSessionTo(t.app, created.id, 'REVIEWING')
      const again = await exchange(t.app, created.id, created.verificationLink.token)
      expect(again).toBeTruthy()
      const grant2 = await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: created.verificationLink.token, sessionId: created.id } })
      expect(grant2.json().data.session).toMatchObject({ status: 'REVIEWING', moreRequest: null })
    })

    it('opens a proven step again for a new proof when its source is asked for again; without sourceIds, every step when none had failed', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      const res = await decide(team, session.id, { decision: 'REQUEST_MORE', message: 'A newer statement, please', reasons: ['more_recent_proof_needed'], sourceIds: [1] })
      expect(res.json().data.status).toBe('PROCESSING')
      const [step] = (await detail(team, session.id)).steps
      expect(step).toMatchObject({ dataSourceId: 1, status: 'PENDING', attempts: 0, canInitiate: true, verifiedAt: null })
      // The first proof stays on the step (the examiner sees both).
      expect(step.proofs).toHaveLength(1)
      await moveSessionTo(t.app, session.id, 'REVIEWING')
      const second = await decide(team, session.id, { decision: 'REQUEST_MORE', message: 'One more time', reasons: ['proof_incomplete'] })
      expect(second.json().data.moreRequest).toMatchObject({ count: 2, sourceIds: [] })
      expect((await detail(team, session.id)).steps.map((s: any) => s.status)).toEqual(['PENDING'])
      expect((await t.app.ctx.repos.lifecycle.auditTrail(session.id)).at(-1)).toMatchObject({ action: 'step.reopened', fromStatus: 'VERIFIED', toStatus: 'PENDING' })
    })

    it('at most 3 times per session: the 4th is a 409 more_request_limit_reached that changes nothing', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      for (let i = 1; i <= 3; i++) {
        const res = await decide(team, session.id, { decision: 'REQUEST_MORE', message: `Request ${i}`, reasons: ['proof_incomplete'] })
        expect(res.json().data.moreRequest.count).toBe(i)
        await moveSessionTo(t.app, session.id, 'REVIEWING')
      }
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, { decision: 'REQUEST_MORE', message: 'Again', reasons: ['proof_incomplete'] })),
        409, 'More can be requested at most 3 times per session', 'more_request_limit_reached')
      // Approving is still possible.
      expect((await decide(team, session.id, { decision: 'APPROVE' })).json().data.status).toBe('COMPLETED')
    })

    it.each([
      ['no message', { decision: 'REQUEST_MORE', reasons: ['proof_incomplete'] }, 400, 'body.message is required for REQUEST_MORE: what the applicant is asked for', 'validation_failed'],
      ['a blank message', { decision: 'REQUEST_MORE', message: '   ', reasons: ['proof_incomplete'] }, 400, 'body.message is required for REQUEST_MORE: what the applicant is asked for', 'validation_failed'],
      ['no reasons', { decision: 'REQUEST_MORE', message: 'More please' }, 422, 'A REQUEST_MORE decision needs at least one reason: send reasons with codes of kind more (GET /partner/settings/decision-reasons)', 'decision_reason_required'],
      ['an approve reason', { decision: 'REQUEST_MORE', message: 'More please', reasons: ['income_verified'] }, 422, 'body.reasons has code(s) that are not more or reject reasons of the team: income_verified', 'decision_reason_unknown'],
      ['an unknown source', { decision: 'REQUEST_MORE', message: 'More please', reasons: ['proof_incomplete'], sourceIds: [999999] }, 400, 'body.sourceIds has unknown source id(s): 999999', 'source_unknown'],
      ['an empty sourceIds', { decision: 'REQUEST_MORE', message: 'More please', reasons: ['proof_incomplete'], sourceIds: [] }, 400, 'body.sourceIds must NOT have fewer than 1 items', 'validation_failed']
    ])('refuses %s, and changes nothing', async (_name, body, status, message, code) => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, body)), status, message, code)
    })

    it('only from REVIEWING (409 otherwise)', async () => {
      const { session } = await sessionIn(t.app, team.key, 'PROCESSING')
      expectError(await expectNoChange(t.db, async () => await decide(team, session.id, { decision: 'REQUEST_MORE', message: 'x', reasons: ['proof_incomplete'] })),
        409, 'A decision can only be made while the session is REVIEWING; it is PROCESSING', 'session_status_conflict')
    })
  })

  describe('notes', () => {
    const note = async (key: PartnerKey, id: number, body: unknown) => await call(key, 'POST', `/partner/reviewer/sessions/${id}/notes`, body)

    it('adds notes with their author and time, listed in the detail oldest first and in the audit trail', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING', { reviewerId: 'alice' })
      const first = await note(alice, session.id, { body: '  Payslip looks edited around the total.  ' })
      expect(first.statusCode).toBe(201)
      expect(first.json()).toEqual({ success: true, data: { id: expect.any(Number), author: 'reviewer:alice', body: 'Payslip looks edited around the total.', createdAt: t.clock.iso() } })
      t.clock.advance(5)
      expect((await note(team, session.id, { body: 'Agreed, asking for the bank statement.' })).statusCode).toBe(201)
      const d = await detail(team, session.id)
      expect(d.notes.map((n: any) => [n.author, n.body])).toEqual([
        ['reviewer:alice', 'Payslip looks edited around the total.'],
        [`partner:key:${team.id}`, 'Agreed, asking for the bank statement.']
      ])
      expect(d.auditTrail.filter((a: any) => a.action === 'session.note_added').map((a: any) => a.actor)).toEqual(['reviewer:alice', `partner:key:${team.id}`])
      // The note's text is not copied into the audit trail.
      expect(JSON.stringify(d.auditTrail)).not.toContain('edited around')
    })

    it('refuses a blank note, a session of another reviewer or team (404), and changes nothing', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING', { reviewerId: 'alice' })
      expectError(await expectNoChange(t.db, async () => await note(alice, session.id, { body: '   ' })), 400, 'body.body must not be blank', 'validation_failed')
      expectError(await expectNoChange(t.db, async () => await note(alice, session.id, { body: '' })), 400, 'body.body must not be empty', 'validation_failed')
      expectError(await expectNoChange(t.db, async () => await note(alice, session.id, { body: 'x'.repeat(4001) })), 400, 'body.body must be at most 4000 characters long', 'validation_failed')
      expectError(await expectNoChange(t.db, async () => await note(bob, session.id, { body: 'hi' })), 404, 'Session not found', 'session_not_found')
      expectError(await expectNoChange(t.db, async () => await note(globex, session.id, { body: 'hi' })), 404, 'Session not found', 'session_not_found')
    })

    it('are erased with the session\'s redaction, as is the message of a request for more; no note can be added after', async () => {
      const { session } = await sessionIn(t.app, team.key, 'REVIEWING')
      await note(team, session.id, { body: 'Applicant Zorblax called about the loan' })
      expect((await decide(team, session.id, { decision: 'REQUEST_MORE', message: 'Zorblax, send the March payslip', reasons: ['proof_incomplete'] })).statusCode).toBe(200)
      await moveSessionTo(t.app, session.id, 'REVIEWING')
      expect((await decide(team, session.id, { decision: 'REJECT', reasons: ['fraud_suspected'] })).statusCode).toBe(200)
      expect(await dumpDatabase(t.db)).toContain('Zorblax')
      expect((await call(team, 'POST', `/partner/session/${session.id}/redact`)).statusCode).toBe(200)
      expect(await dumpDatabase(t.db)).not.toContain('Zorblax')
      const d = await detail(team, session.id)
      expect(d.notes).toEqual([{ id: expect.any(Number), author: `partner:key:${team.id}`, body: null, createdAt: expect.any(String) }])
      expect(d.moreRequest).toMatchObject({ count: 1, message: null, reasons: [{ code: 'proof_incomplete', label: 'The proof does not show what is needed' }] })
      expect(d.decisionReasons).toEqual([{ code: 'fraud_suspected', label: 'Fraud is suspected' }])
      expectError(await expectNoChange(t.db, async () => await note(team, session.id, { body: 'late' })), 410, 'Notes cannot be added to a redacted session', 'session_redacted')
    })
  })

  describe('tags', () => {
    const tag = async (key: PartnerKey, id: number, body: unknown) => await call(key, 'PUT', `/partner/session/${id}/tags`, body)
    const listed = async (key: PartnerKey, query: string) => (await call(key, 'GET', `/partner/reviewer/sessions?${query}`)).json()

    it('replaces a session\'s tags, shows them on the session, filters the list by one, and audits the change', async () => {
      const a = await sessionIn(t.app, team.key, 'REVIEWING', { reviewerId: 'alice' })
      const b = await sessionIn(t.app, team.key, 'PENDING')
      const res = await tag(alice, a.session.id, { tags: ['vip', 'second-look'] })
      expect(res.statusCode).toBe(200)
      expect(res.json().data).toMatchObject({ id: a.session.id, tags: ['vip', 'second-look'] })
      expect((await tag(team, b.session.id, { tags: ['vip'] })).statusCode).toBe(200)
      expect((await listed(team, 'tag=vip')).data.map((s: any) => s.id)).toEqual([b.session.id, a.session.id])
      expect((await listed(team, 'tag=second-look')).data.map((s: any) => s.id)).toEqual([a.session.id])
      expect((await listed(team, 'tag=vip&status=REVIEWING')).total).toBe(1)
      expect((await listed(alice, 'tag=vip')).data.map((s: any) => s.id)).toEqual([a.session.id])
      expect((await listed(globex, 'tag=vip')).data).toEqual([])
      // Replaced, not added to.
      expect((await tag(alice, a.session.id, { tags: ['cleared'] })).json().data.tags).toEqual(['cleared'])
      expect((await listed(team, 'tag=vip')).data.map((s: any) => s.id)).toEqual([b.session.id])
      const audit = (await t.app.ctx.repos.lifecycle.auditTrail(a.session.id)).filter((x) => x.action === 'session.tags_changed')
      expect(audit.map((x) => [x.actor, x.detail])).toEqual([
        ['reviewer:alice', JSON.stringify({ from: [], to: ['vip', 'second-look'] })],
        ['reviewer:alice', JSON.stringify({ from: ['vip', 'second-look'], to: ['cleared'] })]
      ])
      expect((await tag(alice, a.session.id, { tags: [] })).json().data.tags).toEqual([])
    })

    it.each([
      ['eleven tags', { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) }, 'body.tags must NOT have more than 10 items'],
      ['an upper-case tag', { tags: ['VIP'] }, 'body.tags.0 must match ^[a-z0-9-]{1,32}$'],
      ['an empty tag', { tags: [''] }, 'body.tags.0 must match ^[a-z0-9-]{1,32}$'],
      ['a 33-character tag', { tags: ['a'.repeat(33)] }, 'body.tags.0 must match ^[a-z0-9-]{1,32}$'],
      ['a tag twice', { tags: ['vip', 'vip'] }, 'body.tags must NOT have duplicate items (items ## 1 and 0 are identical)'],
      ['no tags field', {}, 'body is missing required field "tags"']
    ])('refuses %s with 400, and changes nothing', async (_name, body, message) => {
      const { session } = await sessionIn(t.app, team.key, 'PENDING')
      expectError(await expectNoChange(t.db, async () => await tag(team, session.id, body)), 400, message, 'validation_failed')
    })

    it('refuses a session of another reviewer or team (404) and a bad tag filter (400)', async () => {
      const { session } = await sessionIn(t.app, team.key, 'PENDING', { reviewerId: 'alice' })
      expectError(await expectNoChange(t.db, async () => await tag(bob, session.id, { tags: ['x'] })), 404, 'Session not found')
      expectError(await expectNoChange(t.db, async () => await tag(globex, session.id, { tags: ['x'] })), 404, 'Session not found')
      expectError(await call(team, 'GET', '/partner/reviewer/sessions?tag=Not%20A%20Tag'), 400, 'querystring.tag must match ^[a-z0-9-]{1,32}$')
    })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKey, futureIso } from '../support/factories.js'
import { error, INCOME, initiated, proofFor, PROVIDER_HASH, reclaimTestApp, selectedSession, snapshot, submit, TEST_HOST, type ReclaimTestApp } from './support.js'

const STRIPE_INCOME = { currency: 'EUR', monthlyIncome: '1200.00' }

describe('reviewer: GET /partner/reviewer/sessions/:sessionId and POST .../decision', () => {
  let r: ReclaimTestApp
  let teamKey: string
  beforeAll(async () => { r = await reclaimTestApp(); teamKey = (await createKey(r.t.app, 'acme')).key })
  afterAll(async () => { await r.t.close() })

  /** A session of `key` with PayPal and Stripe verified, so REVIEWING. */
  async function reviewing (key: string) {
    const { t, attestor } = r
    const { session, csrf, stepIds } = await selectedSession(t, key, [1, 2], { allowedSources: [{ id: 1 }, { id: 2 }] })
    const proofs = []
    for (const [i, stepId] of stepIds.entries()) {
      const formData = await initiated(t, csrf, stepId)
      const proof = proofFor(t, formData, [attestor.privateKey], { extracted: i === 0 ? INCOME : STRIPE_INCOME })
      expect((await submit(t, csrf, stepId, [proof])).statusCode).toBe(200)
      proofs.push(proof)
    }
    return { session, csrf, stepIds, proofs }
  }

  const detail = async (key: string, sessionId: number) =>
    await r.t.app.inject({ url: `/partner/reviewer/sessions/${sessionId}`, headers: { 'x-api-key': key } })
  const decide = async (key: string, sessionId: number, payload: Record<string, unknown>) =>
    await r.t.app.inject({ method: 'POST', url: `/partner/reviewer/sessions/${sessionId}/decision`, headers: { 'x-api-key': key }, payload })

  it('shows the session with its steps, their proofs, the verified facts and the audit trail', async () => {
    const { t, attestor } = r
    const { session, stepIds: [paypal, stripe], proofs } = await reviewing(teamKey)
    const res = await detail(teamKey, session.id)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    expect(body.success).toBe(true)
    expect(body.data).toMatchObject({ id: session.id, status: 'REVIEWING', allowedSources: [{ id: 1, name: 'PayPal' }, { id: 2, name: 'Stripe' }], decidedAt: null })
    const at = t.clock.iso()
    expect(body.data.steps).toEqual([paypal, stripe].map((id, i) => ({
      id,
      status: 'VERIFIED',
      type: 'RECLAIM_PROOF',
      sessionId: session.id,
      dataSourceId: i + 1,
      attempts: 0,
      maxAttempts: 3,
      canInitiate: false,
      canSubmit: false,
      metadata: expect.any(Object),
      failureReason: null,
      initiatedAt: at,
      verifiedAt: at,
      createdAt: at,
      updatedAt: at,
      source: i === 0 ? { id: 1, name: 'PayPal', sourceName: 'PayPal' } : { id: 2, name: 'Stripe', sourceName: 'Stripe' },
      proofs: [{
        identifier: proofs[i].identifier,
        owner: proofs[i].claimData.owner,
        timestampS: proofs[i].claimData.timestampS,
        providerHash: PROVIDER_HASH,
        extracted: i === 0 ? INCOME : STRIPE_INCOME,
        host: TEST_HOST,
        pinned: false,
        attestors: [attestor.address],
        // Issue 23: which rules bound the facts (host only: the test sources list no paths or extraction).
        bindings: {
          host: TEST_HOST,
          path: { value: '/v1/reports/income', bound: 'none' },
          providerPinned: false,
          facts: Object.fromEntries(Object.keys(i === 0 ? INCOME : STRIPE_INCOME).map((name) => [name, { extraction: 'none', hashed: false }])),
          teeNonce: 'absent',
          sessionIdFrom: 'context'
        },
        createdAt: at
      }]
    })))
    const provenAt = new Date(proofs[0].claimData.timestampS * 1000).toISOString()
    const binding = { host: TEST_HOST, pinned: false, attestor: attestor.address, hashed: false, extraction: 'none', pathBound: 'none', teeNonce: 'absent' }
    expect(body.data.facts).toEqual([
      { name: 'currency', value: 'USD', sourceId: 1, sourceName: 'PayPal', stepId: paypal, proofIdentifier: proofs[0].identifier, provenAt, ...binding },
      { name: 'monthlyIncome', value: '5400.00', sourceId: 1, sourceName: 'PayPal', stepId: paypal, proofIdentifier: proofs[0].identifier, provenAt, ...binding },
      { name: 'currency', value: 'EUR', sourceId: 2, sourceName: 'Stripe', stepId: stripe, proofIdentifier: proofs[1].identifier, provenAt, ...binding },
      { name: 'monthlyIncome', value: '1200.00', sourceId: 2, sourceName: 'Stripe', stepId: stripe, proofIdentifier: proofs[1].identifier, provenAt, ...binding }
    ])
    expect(body.data.auditTrail.map((a: any) => [a.actor, a.action, a.fromStatus, a.toStatus])).toEqual([
      ['partner:key:1', 'session.created', null, 'PENDING'],
      ['applicant', 'sources.selected', null, null],
      ['applicant', 'session.processing', 'PENDING', 'PROCESSING'],
      ['applicant', 'step.initiated', 'PENDING', 'INITIATED'],
      ['applicant', 'step.verified', 'INITIATED', 'VERIFIED'],
      ['applicant', 'step.initiated', 'PENDING', 'INITIATED'],
      ['applicant', 'step.verified', 'INITIATED', 'VERIFIED'],
      ['system', 'session.reviewing', 'PROCESSING', 'REVIEWING']
    ])
    expect(Object.keys(body.data.auditTrail[0]).sort()).toEqual(['action', 'actor', 'at', 'detail', 'fromStatus', 'id', 'stepId', 'toStatus'])
  })

  it('shows a partly verified session: facts of its verified steps only', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [paypal, stripe] } = await selectedSession(t, teamKey, [1, 2])
    const formData = await initiated(t, csrf, paypal)
    expect((await submit(t, csrf, paypal, [proofFor(t, formData, [attestor.privateKey])])).statusCode).toBe(200)
    const body = (await detail(teamKey, session.id)).json()
    expect(body.data.status).toBe('PROCESSING')
    expect(body.data.steps.map((s: any) => [s.id, s.status, s.proofs.length])).toEqual([[paypal, 'VERIFIED', 1], [stripe, 'PENDING', 0]])
    expect(body.data.facts.map((f: any) => f.name)).toEqual(['currency', 'monthlyIncome'])
    expect(body.data.allowedSources).toEqual([])
  })

  it('reads another team\'s session as 404, and a reviewer key sees only its reviewer\'s sessions', async () => {
    const { t } = r
    const { session } = await reviewing(teamKey)
    const other = await createKey(t.app, 'globex')
    const res = await detail(other.key, session.id)
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual(error(404, 'Session not found'))

    const alice = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    const aliceAgain = await createKey(t.app, 'acme', { reviewerId: 'alice' })
    const bob = await createKey(t.app, 'acme', { reviewerId: 'bob' })
    const hers = await reviewing(alice.key)
    expect((await detail(alice.key, session.id)).json()).toEqual(error(404, 'Session not found'))
    expect((await detail(aliceAgain.key, hers.session.id)).statusCode).toBe(200)
    expect((await detail(bob.key, hers.session.id)).json()).toEqual(error(404, 'Session not found'))
    expect((await detail(teamKey, hers.session.id)).json().data.reviewerId).toBe('alice')

    const before = await snapshot(t, hers.session.id)
    for (const key of [other.key, bob.key]) {
      const decided = await decide(key, hers.session.id, { decision: 'APPROVE' })
      expect(decided.json()).toEqual(error(404, 'Session not found'))
    }
    expect(await snapshot(t, hers.session.id)).toEqual(before)

    expect((await detail(teamKey, 999999)).json()).toEqual(error(404, 'Session not found'))
    const anonymous = await r.t.app.inject({ url: `/partner/reviewer/sessions/${session.id}` })
    expect(anonymous.json()).toEqual(error(401, 'Missing API key: send it in the x-api-key header'))
  })

  it('approves a REVIEWING session: COMPLETED, with its steps COMPLETED and the decision recorded', async () => {
    const { t } = r
    const { session } = await reviewing(teamKey)
    t.clock.advance(60)
    const res = await decide(teamKey, session.id, { decision: 'APPROVE', note: '  Income verified  ' })
    expect(res.statusCode).toBe(200)
    const at = t.clock.iso()
    expect(res.json()).toMatchObject({
      success: true,
      message: 'Session approved',
      data: { id: session.id, status: 'COMPLETED', decidedAt: at, decisionNote: 'Income verified', updatedAt: at }
    })
    const snap = await snapshot(t, session.id)
    expect(snap.steps.map((s) => [s.status, s.updatedAt])).toEqual([['COMPLETED', at], ['COMPLETED', at]])
    expect(snap.audit.slice(-2).map((a) => [a.actor, a.action, a.fromStatus, a.toStatus])).toEqual([
      ['partner:key:1', 'session.approved', 'REVIEWING', 'COMPLETED'],
      ['partner:key:1', 'steps.completed', 'VERIFIED', 'COMPLETED']
    ])
    expect(snap.events.at(-1)).toMatchObject({ type: 'session.completed' })
    expect((await detail(teamKey, session.id)).json().data.steps.map((s: any) => s.status)).toEqual(['COMPLETED', 'COMPLETED'])

    const again = await decide(teamKey, session.id, { decision: 'REJECT' })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual(error(409, 'A decision can only be made while the session is REVIEWING; it is COMPLETED'))
    expect(await snapshot(t, session.id)).toEqual(snap)
  })

  it('rejects a REVIEWING session: REJECTED, its steps stay VERIFIED; a reviewer key is named as the actor', async () => {
    const { t } = r
    const carol = await createKey(t.app, 'acme', { reviewerId: 'carol' })
    const { session } = await reviewing(carol.key)
    // Issue 21: a REJECT names its reasons (adverse-action notices need them). The guide's bare
    // {decision: "REJECT"} is now a 422 that changes nothing; this test used to reject without reasons.
    const unchanged = await snapshot(t, session.id)
    const bare = await decide(carol.key, session.id, { decision: 'REJECT' })
    expect(bare.statusCode).toBe(422)
    expect(bare.json()).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'decision_reason_required' })
    expect(await snapshot(t, session.id)).toEqual(unchanged)
    const res = await decide(carol.key, session.id, { decision: 'REJECT', reasons: ['income_insufficient'] })
    expect(res.json()).toMatchObject({
      success: true,
      message: 'Session rejected',
      data: { status: 'REJECTED', decisionNote: null, decidedAt: t.clock.iso(), decisionReasons: [{ code: 'income_insufficient', label: 'Income is below what is required' }] }
    })
    const snap = await snapshot(t, session.id)
    expect(snap.steps.map((s) => s.status)).toEqual(['VERIFIED', 'VERIFIED'])
    expect(snap.audit.at(-1)).toMatchObject({ actor: 'reviewer:carol', action: 'session.rejected', fromStatus: 'REVIEWING', toStatus: 'REJECTED' })
    expect(snap.events.at(-1)).toMatchObject({ type: 'session.rejected' })
  })

  it('refuses a decision outside REVIEWING (409) or a malformed one (400), and changes nothing', async () => {
    const { t } = r
    const { session } = await selectedSession(t, teamKey, [1])
    const before = await snapshot(t, session.id)
    const res = await decide(teamKey, session.id, { decision: 'APPROVE' })
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual(error(409, 'A decision can only be made while the session is REVIEWING; it is PROCESSING'))
    const bad = await decide(teamKey, session.id, { decision: 'MAYBE' })
    expect(bad.json()).toEqual(error(400, 'body.decision must be one of APPROVE, REJECT, REQUEST_MORE'))
    const extra = await decide(teamKey, session.id, { decision: 'APPROVE', score: 5 })
    expect(extra.json()).toEqual(error(400, 'body has an unknown field "score"'))
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  // 410 once the session has expired. Last in this file: it moves the shared clock.
  it('answers a decision on a session that expired while REVIEWING with 410, and changes nothing (the sweep records the expiry)', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, teamKey, [1], { expiryDate: futureIso(t.app, 3600) })
    const formData = await initiated(t, csrf, stepId)
    expect((await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { extracted: INCOME })])).statusCode).toBe(200)
    expect((await detail(teamKey, session.id)).json().data.status).toBe('REVIEWING')
    t.clock.advance(2 * 3600)
    // Reads derive EXPIRED without writing. A decision answers 410 and changes nothing: it runs in the
    // request's transaction (its audit entry commits with it), which a refusal rolls back; the expiry
    // sweep records the EXPIRED status.
    expect((await detail(teamKey, session.id)).json().data.status).toBe('EXPIRED')
    const before = await snapshot(t, session.id)
    const res = await decide(teamKey, session.id, { decision: 'APPROVE' })
    expect(res.json()).toEqual(error(410, 'Verification session has expired'))
    expect((await decide(teamKey, session.id, { decision: 'REJECT', reasons: ['income_insufficient'] })).json()).toEqual(error(410, 'Verification session has expired'))
    expect(await snapshot(t, session.id)).toEqual(before)
    expect(await t.app.ctx.sessions.sweepExpired()).toBe(1)
    expect((await snapshot(t, session.id)).session).toMatchObject({ status: 'EXPIRED', statusReason: 'expired', decidedAt: null })
    expect((await decide(teamKey, session.id, { decision: 'APPROVE' })).json()).toEqual(error(410, 'Verification session has expired'))
  })
})

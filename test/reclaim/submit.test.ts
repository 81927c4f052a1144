import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { createKey, futureIso } from '../support/factories.js'
import {
  error, INCOME, initiate, initiated, initiatedStep, PARAMETERS, proofFor, PROVIDER_HASH, reclaimTestApp, selectedSession,
  sessionStatus, snapshot, stepRow, submit, TEST_HOST, type ReclaimTestApp
} from './support.js'

describe('POST /partner/step/submit', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => { r = await reclaimTestApp(); key = (await createKey(r.t.app)).key })
  afterAll(async () => { await r.t.close() })

  it('verifies real signatures through the whole workflow: each step VERIFIED, then the session REVIEWING', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [paypal, stripe] } = await selectedSession(t, key, [1, 2])
    const paypalForm = await initiated(t, csrf, paypal)
    const stripeForm = await initiated(t, csrf, stripe)
    t.clock.advance(30)

    const proof = proofFor(t, paypalForm, [attestor.privateKey])
    // Unsigned: the service must ignore it and keep only the signed context's values.
    proof.extractedParameterValues = { monthlyIncome: '999999.00', currency: 'USD' }
    const first = await submit(t, csrf, paypal, [proof])
    expect(first.statusCode).toBe(200)
    expect(first.json()).toEqual({ status: 'success' })
    expect(await sessionStatus(t, session.id)).toBe('PROCESSING')

    const step = await t.app.inject({ url: `/partner/steps/${paypal}`, headers: { 'x-csrf-token': csrf } })
    expect(step.json()).toMatchObject({ id: paypal, status: 'VERIFIED', attempts: 0, failureReason: null, verifiedAt: t.clock.iso() })
    const rows = (await snapshot(t, session.id)).proofs.filter((p) => p.stepId === paypal)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({
      identifier: proof.identifier,
      owner: proof.claimData.owner,
      timestampS: proof.claimData.timestampS,
      providerHash: PROVIDER_HASH,
      createdAt: t.clock.iso()
    })
    expect(JSON.parse(rows[0].extracted)).toEqual(INCOME)

    const second = await submit(t, csrf, stripe, [proofFor(t, stripeForm, [attestor.privateKey], { extracted: { ...INCOME, payouts: '1200.00' } })])
    expect(second.statusCode).toBe(200)
    expect(await sessionStatus(t, session.id)).toBe('REVIEWING')

    const after = await snapshot(t, session.id)
    expect(after.steps.map((s) => s.status)).toEqual(['VERIFIED', 'VERIFIED'])
    expect(after.audit.map((a) => a.action)).toEqual([
      'session.created', 'sources.selected', 'session.processing', 'step.initiated', 'step.initiated', 'step.verified', 'step.verified', 'session.reviewing'
    ])
    expect(after.events.map((e) => e.type)).toEqual(['session.created', 'session.processing', 'step.verified', 'step.verified', 'session.reviewing'])
  })

  it('accepts several proofs for one step in one submission', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    const proofs = [proofFor(t, formData, [attestor.privateKey]), proofFor(t, formData, [attestor.privateKey], { extracted: { currency: 'USD', monthlyIncome: '5100.00' } })]
    expect((await submit(t, csrf, stepId, proofs)).statusCode).toBe(200)
    expect((await snapshot(t, session.id)).proofs.filter((p) => p.stepId === stepId).map((p) => p.identifier)).toEqual(proofs.map((p) => p.identifier))
  })

  it('refuses a proof already accepted, in another session of the same team or of another team (409), and changes nothing', async () => {
    const { t, attestor } = r
    const first = await initiatedStep(t, key)
    const proof = proofFor(t, first.formData, [attestor.privateKey])
    expect((await submit(t, first.csrf, first.stepId, [proof])).statusCode).toBe(200)

    const again = await submit(t, first.csrf, first.stepId, [proof])
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual(error(409, 'Step is already VERIFIED'))

    for (const team of ['acme', 'globex']) {
      const { key: otherKey } = await createKey(t.app, team)
      const other = await initiatedStep(t, otherKey)
      const before = await snapshot(t, other.session.id)
      const res = await submit(t, other.csrf, other.stepId, [proof])
      expect(res.statusCode).toBe(409)
      expect(res.json()).toEqual(error(409, 'Proof has already been used'))
      expect(await snapshot(t, other.session.id)).toEqual(before)
      expect(before.steps[0].status).toBe('INITIATED')
    }
  })

  it('refuses a proof bound to another step (422): the step FAILS and the attempt counts', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [paypal, stripe] } = await selectedSession(t, key, [1, 2])
    const paypalForm = await initiated(t, csrf, paypal)
    await initiated(t, csrf, stripe)
    const res = await submit(t, csrf, stripe, [proofFor(t, paypalForm, [attestor.privateKey])])
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(error(422, 'Proof was made for another verification step'))
    expect(await stepRow(t, stripe)).toMatchObject({ status: 'FAILED', attempts: 1, failureReason: 'Proof was made for another verification step' })
    expect(await stepRow(t, paypal)).toMatchObject({ status: 'INITIATED', attempts: 0 })
    expect(await sessionStatus(t, session.id)).toBe('PROCESSING')
    const snap = await snapshot(t, session.id)
    expect(snap.proofs.filter((p) => p.stepId === stripe || p.stepId === paypal)).toEqual([])
    expect(snap.audit.at(-1)).toMatchObject({ stepId: stripe, actor: 'applicant', action: 'step.failed', fromStatus: 'INITIATED', toStatus: 'FAILED' })
    expect(JSON.parse(snap.audit.at(-1)?.detail ?? '{}')).toEqual({ rule: 'binding', reason: 'Proof was made for another verification step', attempts: 1, maxAttempts: 3 })
    expect(snap.events.at(-1)).toMatchObject({ type: 'step.failed' })
  })

  it('refuses a proof of the right step but another Reclaim session (422)', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { context: { reclaimSessionId: 'someone-elses' } })])
    expect(res.json()).toEqual(error(422, 'Proof was made for another Reclaim session'))
  })

  it('refuses a stale proof, older than the step\'s initiation (422)', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { timestampS: Math.floor(t.clock.now / 1000) - 3600 })])
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(error(422, 'Proof is older than the step\'s initiation'))
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 })
  })

  it('refuses a proof dated more than ten minutes ahead (422)', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { timestampS: Math.floor(t.clock.now / 1000) + 3600 })])
    expect(res.json()).toEqual(error(422, 'Proof is dated more than 600 seconds in the future'))
  })

  it('refuses a proof signed by an untrusted attestor (422)', async () => {
    const { t } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [generateAttestor().privateKey])])
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(error(422, 'No trusted attestor signed this proof'))
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: 1, failureReason: 'No trusted attestor signed this proof' })
  })

  it('refuses a tampered proof (422): its signature no longer covers the claim', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const proof = proofFor(t, formData, [attestor.privateKey])
    proof.claimData.owner = '0x' + '11'.repeat(20)
    const res = await submit(t, csrf, stepId, [proof])
    expect(res.json()).toEqual(error(422, 'No trusted attestor signed this proof'))
  })

  it('names the failing proof of several, and stores none of them', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey]), proofFor(t, formData, [generateAttestor().privateKey], { extracted: { x: '1' } })])
    expect(res.json()).toEqual(error(422, 'Proof 2 of 2: no trusted attestor signed this proof'))
    expect((await snapshot(t, session.id)).proofs.filter((p) => p.stepId === stepId)).toEqual([])
  })

  it('pins the source\'s provider hashes (422 for another provider)', async () => {
    const { t, attestor } = r
    await t.app.ctx.repos.sources.upsert([{
      name: 'Pinned Pay',
      description: 'A source with a pinned provider',
      sourceName: 'PinnedPay',
      logoUrl: '/assets/logos/paypal.svg',
      category: 'payments',
      providerId: 'pinned-provider',
      providerHashes: [PROVIDER_HASH],
      proofHosts: [TEST_HOST],
      proofParameters: Object.keys(INCOME),
      verificationTypeIds: [1],
      loginFlow: null,
      enabled: true
    }], t.clock.iso())
    const pinned = (await t.app.ctx.repos.sources.findBySourceName('PinnedPay'))?.id as number
    const { csrf, stepIds: [stepId] } = await selectedSession(t, key, [pinned])
    const formData = await initiated(t, csrf, stepId)
    // Another template read from the same host: its provider hash (recomputed) is not the pinned one.
    const other = { ...PARAMETERS, responseMatches: [{ type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>.*)"' }] }
    const wrong = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { parameters: other })])
    expect(wrong.json()).toEqual(error(422, expect.stringContaining('which is not one Pinned Pay pins')))
    const retry = await initiated(t, csrf, stepId)
    const right = await submit(t, csrf, stepId, [proofFor(t, retry, [attestor.privateKey])])
    expect(right.statusCode).toBe(200)
  })

  it('lets a FAILED step be submitted or initiated again while attempts remain', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    expect((await submit(t, csrf, stepId, [proofFor(t, formData, [generateAttestor().privateKey])])).statusCode).toBe(422)
    const retry = await initiate(t, csrf, stepId)
    expect(retry.json().data.metadata).toMatchObject({ attempt: 2, maxAttempts: 3 })
    const ok = await submit(t, csrf, stepId, [proofFor(t, retry.json().data.formData, [attestor.privateKey])])
    expect(ok.statusCode).toBe(200)
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'VERIFIED', attempts: 1, failureReason: null })
    expect(await sessionStatus(t, session.id)).toBe('REVIEWING')
  })

  it('fails the session once a step has used all its attempts', async () => {
    const { t } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    for (let attempt = 1; attempt <= 3; attempt++) {
      const res = await submit(t, csrf, stepId, [proofFor(t, formData, [generateAttestor().privateKey], { extracted: { ...INCOME, attempt: String(attempt) } })])
      expect(res.json()).toEqual(error(422, 'No trusted attestor signed this proof'))
      expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: attempt })
      expect(await sessionStatus(t, session.id)).toBe(attempt < 3 ? 'PROCESSING' : 'FAILED')
    }
    const snap = await snapshot(t, session.id)
    expect(snap.audit.at(-1)).toMatchObject({ actor: 'system', action: 'session.failed', fromStatus: 'PROCESSING', toStatus: 'FAILED', detail: `step ${stepId} used all 3 attempts` })
    expect(snap.events.at(-1)).toMatchObject({ type: 'session.failed' })

    const more = await submit(t, csrf, stepId, [proofFor(t, formData, [r.attestor.privateKey])])
    expect(more.json()).toEqual(error(409, 'Proofs cannot be submitted while the session is FAILED'))
    const again = await initiate(t, csrf, stepId)
    expect(again.json()).toEqual(error(409, 'Steps cannot be initiated while the session is FAILED'))
    expect(await snapshot(t, session.id)).toEqual(snap)
  })

  it('answers 409 for a step that was never initiated, and changes nothing', async () => {
    const { t, attestor } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const donor = await initiatedStep(t, key)
    const before = await snapshot(t, session.id)
    const res = await submit(t, csrf, stepId, [proofFor(t, donor.formData, [attestor.privateKey])])
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual(error(409, 'Step has not been initiated: call /partner/step/initiate first'))
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  it('answers 422 proof_malformed for a malformed proof, and changes nothing', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    const proof = proofFor(t, formData, [attestor.privateKey])
    proof.claimData.owner = 'not-an-address'
    const before = await snapshot(t, session.id)
    const res = await submit(t, csrf, stepId, [proof])
    expect(res.statusCode).toBe(422)
    // Issue 23: proof_malformed is a 422 (one status per code), refused before any cryptography.
    expect(res.json()).toEqual(error(422, 'Proof is malformed: claimData.owner must be an address (0x and 40 hex digits)'))
    const empty = await submit(t, csrf, stepId, [])
    expect(empty.json()).toEqual(error(400, 'body.proofs must NOT have fewer than 1 items'))
    const twice = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey]), proofFor(t, formData, [attestor.privateKey])])
    expect(twice.json()).toEqual(error(400, 'The same proof is submitted twice'))
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  it('answers 404 for a step of another session, and 410 once the session has expired', async () => {
    const { t, attestor } = r
    const mine = await initiatedStep(t, key)
    const theirs = await initiatedStep(t, key)
    const before = await snapshot(t, theirs.session.id)
    const res = await submit(t, mine.csrf, theirs.stepId, [proofFor(t, theirs.formData, [attestor.privateKey])])
    expect(res.json()).toEqual(error(404, 'Step not found'))
    expect(await snapshot(t, theirs.session.id)).toEqual(before)

    const short = await initiatedStep(t, key, 1, { expiryDate: futureIso(t.app, 60) })
    const proof = proofFor(t, short.formData, [attestor.privateKey])
    t.clock.advance(120)
    const expired = await submit(t, short.csrf, short.stepId, [proof])
    expect(expired.statusCode).toBe(410)
    expect(expired.json()).toEqual(error(410, 'Verification session has expired'))
    expect((await snapshot(t, short.session.id)).proofs.filter((p) => p.stepId === short.stepId)).toEqual([])
  })

  it('lets exactly one of concurrent submissions for a step win; the others get 409', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    // Distinct valid proofs, so only the step's claim (not the identifier index) can stop the losers.
    const proofs = Array.from({ length: 6 }, (_, i) => proofFor(t, formData, [attestor.privateKey], { extracted: { ...INCOME, monthlyIncome: `${5400 + i}.00` } }))
    const results = await Promise.all(proofs.map(async (p) => await submit(t, csrf, stepId, [p])))
    const statuses = results.map((res) => res.statusCode).sort()
    expect(statuses).toEqual([200, 409, 409, 409, 409, 409])
    for (const res of results.filter((x) => x.statusCode === 409)) {
      expect([error(409, 'A proof for this step is already being verified'), error(409, 'Step is already VERIFIED')]).toContainEqual(res.json())
    }
    const snap = await snapshot(t, session.id)
    expect(snap.proofs.filter((p) => p.stepId === stepId)).toHaveLength(1)
    expect(snap.steps[0]).toMatchObject({ status: 'VERIFIED', attempts: 0 })
    expect(snap.audit.filter((a) => a.action === 'step.verified')).toHaveLength(1)
    expect(snap.session?.status).toBe('REVIEWING')
  })

  it('moves the session to REVIEWING when its last steps are verified at the same time', async () => {
    const { t, attestor } = r
    for (let round = 0; round < 3; round++) {
      const { session, csrf, stepIds } = await selectedSession(t, key, [1, 2, 3])
      const forms = await Promise.all(stepIds.map(async (id) => await initiated(t, csrf, id)))
      const results = await Promise.all(stepIds.map(async (id, i) => await submit(t, csrf, id, [proofFor(t, forms[i], [attestor.privateKey], { extracted: { ...INCOME, round: String(round), i: String(i) } })])))
      expect(results.map((res) => res.statusCode)).toEqual([200, 200, 200])
      expect(await sessionStatus(t, session.id)).toBe('REVIEWING')
    }
  })

  it('admits exactly one of several submitters that read the step in the same state (the IN_PROGRESS claim)', async () => {
    // Over inject, SQLite serves the submissions above one after another; this races the claim itself.
    const { t } = r
    const { stepId } = await initiatedStep(t, key)
    const observed = await stepRow(t, stepId)
    const at = t.clock.iso()
    const claims = await Promise.all(Array.from({ length: 5 }, async () => await t.app.ctx.repos.lifecycle.claimStep(observed, at)))
    expect(claims.filter(Boolean)).toHaveLength(1)
    expect((await stepRow(t, stepId)).status).toBe('IN_PROGRESS')
    await t.app.ctx.repos.lifecycle.releaseStep(observed)
    expect(await stepRow(t, stepId)).toEqual(observed)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { createKey, futureIso } from '../support/factories.js'
import { error, INCOME, initiated, initiatedStep, proofFor, reclaimTestApp, sessionStatus, snapshot, stepRow, type FormData, type ReclaimTestApp } from './support.js'

const FORM = 'application/x-www-form-urlencoded'

function callbackPath (formData: FormData): string {
  return new URL(formData.callbackUrl).pathname
}

describe('POST /partner/reclaim/callback/:callbackToken', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => { r = await reclaimTestApp(); key = (await createKey(r.t.app)).key })
  afterAll(async () => { await r.t.close() })

  const post = async (path: string, payload: string, contentType: string, headers: Record<string, string> = {}) =>
    await r.t.app.inject({ method: 'POST', url: path, headers: { 'content-type': contentType, ...headers }, payload })

  it('accepts a proof posted as URL-encoded JSON, the Reclaim app\'s default, without a CSRF token', async () => {
    const { t, attestor } = r
    const { session, stepId, formData } = await initiatedStep(t, key)
    const proof = proofFor(t, formData, [attestor.privateKey])
    // The parameters' regex holds '+': it must reach the verifier as '+', not as a space.
    expect(proof.claimData.parameters).toContain('+')
    const res = await post(callbackPath(formData), encodeURIComponent(JSON.stringify(proof)), FORM, { 'x-reclaim-session-id': formData.sessionId })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual({ status: 'success' })
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'VERIFIED' })
    expect(await sessionStatus(t, session.id)).toBe('REVIEWING')
    const snap = await snapshot(t, session.id)
    expect(snap.proofs.filter((p) => p.stepId === stepId).map((p) => [p.identifier, JSON.parse(p.extracted)])).toEqual([[proof.identifier, INCOME]])
    expect(snap.audit.find((a) => a.action === 'step.verified')).toMatchObject({ actor: 'reclaim', stepId })
  })

  it('accepts raw JSON in a form body with its literal \'+\' intact', async () => {
    const { t, attestor } = r
    const { stepId, formData } = await initiatedStep(t, key)
    const res = await post(callbackPath(formData), JSON.stringify(proofFor(t, formData, [attestor.privateKey])), FORM)
    expect(res.statusCode).toBe(200)
    expect((await stepRow(t, stepId)).status).toBe('VERIFIED')
  })

  it('accepts a proof posted as application/json', async () => {
    const { t, attestor } = r
    const { stepId, formData } = await initiatedStep(t, key)
    const res = await post(callbackPath(formData), JSON.stringify(proofFor(t, formData, [attestor.privateKey])), 'application/json')
    expect(res.statusCode).toBe(200)
    expect((await stepRow(t, stepId)).status).toBe('VERIFIED')
  })

  it('accepts an array of proofs, as JSON and as URL-encoded JSON', async () => {
    const { t, attestor } = r
    for (const [encode, contentType] of [[(s: string) => s, 'application/json'], [encodeURIComponent, FORM]] as const) {
      const { session, stepId, formData } = await initiatedStep(t, key)
      const proofs = [proofFor(t, formData, [attestor.privateKey]), proofFor(t, formData, [attestor.privateKey], { extracted: { ...INCOME, monthlyIncome: '5100.00', currency: 'USD' } })]
      const res = await post(callbackPath(formData), encode(JSON.stringify(proofs)), contentType)
      expect(res.statusCode).toBe(200)
      expect((await snapshot(t, session.id)).proofs.filter((p) => p.stepId === stepId).map((p) => p.identifier)).toEqual(proofs.map((p) => p.identifier))
    }
  })

  it('verifies exactly as submit does: an invalid proof is a 422 and a failed attempt', async () => {
    const { t } = r
    const { stepId, formData } = await initiatedStep(t, key)
    const res = await post(callbackPath(formData), encodeURIComponent(JSON.stringify(proofFor(t, formData, [generateAttestor().privateKey]))), FORM)
    expect(res.statusCode).toBe(422)
    expect(res.json()).toEqual(error(422, 'No trusted attestor signed this proof'))
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 })
  })

  it('answers 404 for an unknown callback token, and 400 for a body without a proof; neither changes anything', async () => {
    const { t, attestor } = r
    const { session, formData } = await initiatedStep(t, key)
    const before = await snapshot(t, session.id)
    const unknown = await post('/partner/reclaim/callback/not-a-token', JSON.stringify(proofFor(t, formData, [attestor.privateKey])), 'application/json')
    expect(unknown.statusCode).toBe(404)
    expect(unknown.json()).toEqual(error(404, 'Unknown callback'))
    for (const body of ['hello', encodeURIComponent('"just a string"'), '']) {
      const res = await post(callbackPath(formData), body, FORM)
      expect(res.statusCode).toBe(400)
      expect(res.json()).toEqual(error(400, 'Callback body holds no proof: send a proof or an array of proofs as JSON, or URL-encoded JSON'))
    }
    const text = await post(callbackPath(formData), 'x', 'text/plain')
    expect(text.statusCode).toBe(415)
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  it('answers 400 to a URL-encoded proof that decodes to a NUL character, and changes nothing', async () => {
    const { t, attestor } = r
    const { session, formData } = await initiatedStep(t, key)
    const proof = proofFor(t, formData, [attestor.privateKey])
    const tampered = { ...proof, witnesses: [{ id: 'w', url: 'wss://attestor.test/\u0000' }] }
    const before = await snapshot(t, session.id)
    const res = await post(callbackPath(formData), encodeURIComponent(JSON.stringify(tampered)), FORM)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual(error(400, 'body.0.witnesses.0.url must not contain NUL (\\u0000) characters'))
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  it('answers 410 once the session has expired', async () => {
    const { t, attestor } = r
    const { session, formData } = await initiatedStep(t, key, 1, { expiryDate: futureIso(t.app, 60) })
    const proof = proofFor(t, formData, [attestor.privateKey])
    t.clock.advance(120)
    const res = await post(callbackPath(formData), JSON.stringify(proof), 'application/json')
    expect(res.statusCode).toBe(410)
    expect(res.json()).toEqual(error(410, 'Verification session has expired'))
    expect(await sessionStatus(t, session.id)).toBe('EXPIRED')
  })

  it('keeps the form parser to this route: other routes still answer 415 to a form body', async () => {
    const { t } = r
    const { csrf, stepId } = await initiatedStep(t, key)
    const res = await t.app.inject({ method: 'POST', url: '/partner/step/initiate', headers: { 'x-csrf-token': csrf, 'content-type': FORM }, payload: `stepId=${stepId}` })
    expect(res.statusCode).toBe(415)
    expect((await initiated(t, csrf, stepId)).sessionId).toMatch(/^[0-9a-f]{32}$/)
  })
})

import canonicalize from 'canonicalize'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { recoverSigner } from '../../src/modules/proofs/proof-verifier.js'
import { initRequestDigest } from '../../src/modules/reclaim/reclaim-request.js'
import { sha256Hex } from '../../src/lib/secrets.js'
import { createKey, createSession, exchange, futureIso } from '../support/factories.js'
import { error, INCOME, initiate, initiated, initiatedStep, proofFor, ReclaimApiStandIn, reclaimTestApp, selectedSession, snapshot, stepRow, submit, type FormData, type ReclaimTestApp } from './support.js'

const PAYPAL_PROVIDER = 'ff770a9a-83d7-5f97-9be8-9cbd88403b26'
const CALLBACK_URL = /^http:\/\/partner\.test\/partner\/reclaim\/callback\/([A-Za-z0-9_-]{43})$/
const SHARE_PREFIX = 'https://share.reclaimprotocol.org/verifier/?template='

function template (redirectUrl: string): Record<string, unknown> {
  expect(redirectUrl.startsWith(SHARE_PREFIX)).toBe(true)
  return JSON.parse(decodeURIComponent(redirectUrl.slice(SHARE_PREFIX.length)))
}

function callbackToken (formData: FormData): string {
  const match = CALLBACK_URL.exec(formData.callbackUrl)
  if (!match) throw new Error(`unexpected callbackUrl ${formData.callbackUrl}`)
  return match[1]
}

describe('POST /partner/step/initiate without a Reclaim app (locally issued requests)', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => { r = await reclaimTestApp(); key = (await createKey(r.t.app)).key })
  afterAll(async () => { await r.t.close() })

  it('answers the guide\'s {status, data:{redirectUrl, formData, metadata}} with a request bound to the step', async () => {
    const { t } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const res = await initiate(t, csrf, stepId)
    expect(res.statusCode).toBe(200)
    const body = res.json()
    const formData = body.data.formData as FormData
    const context = JSON.parse(formData.context)
    expect(body).toEqual({
      status: 'success',
      data: {
        redirectUrl: expect.any(String),
        formData: {
          appId: null,
          providerId: PAYPAL_PROVIDER,
          sessionId: expect.stringMatching(/^[0-9a-f]{32}$/),
          callbackUrl: expect.stringMatching(CALLBACK_URL),
          context: canonicalize({ contextAddress: '0x0', contextMessage: context.contextMessage }),
          timestamp: String(t.clock.now),
          signature: null
        },
        metadata: { stepId, sourceId: 1, sourceName: 'PayPal', attempt: 1, maxAttempts: 3, expiresAt: session.expiryDate }
      }
    })
    expect(context.contextMessage).toMatch(new RegExp(`^partner-api:step:${stepId}:[0-9a-f]{32}$`))
    expect(template(body.data.redirectUrl)).toEqual({
      sessionId: formData.sessionId,
      providerId: PAYPAL_PROVIDER,
      applicationId: null,
      signature: null,
      timestamp: formData.timestamp,
      callbackUrl: formData.callbackUrl,
      context: formData.context,
      parameters: {},
      redirectUrl: '',
      acceptAiProviders: false,
      jsonProofResponse: false
    })

    const step = await stepRow(t, stepId)
    expect(step).toMatchObject({
      status: 'INITIATED',
      attempts: 0,
      contextMessage: context.contextMessage,
      reclaimSessionId: formData.sessionId,
      callbackTokenHash: sha256Hex(callbackToken(formData)),
      initiatedAt: t.clock.iso()
    })
    const audit = (await snapshot(t, session.id)).audit.at(-1)
    expect(audit).toMatchObject({ stepId, actor: 'applicant', action: 'step.initiated', fromStatus: 'PENDING', toStatus: 'INITIATED' })
  })

  it('issues a fresh nonce, Reclaim session and callback URL on every initiation, retiring the previous ones', async () => {
    const { t, attestor } = r
    const { csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const first = await initiated(t, csrf, stepId)
    t.clock.advance(5)
    const second = await initiated(t, csrf, stepId)
    expect(second.context).not.toBe(first.context)
    expect(second.sessionId).not.toBe(first.sessionId)
    expect(second.callbackUrl).not.toBe(first.callbackUrl)

    const old = await r.t.app.inject({ method: 'POST', url: `/partner/reclaim/callback/${callbackToken(first)}`, payload: proofFor(t, first, [attestor.privateKey]) })
    expect(old.statusCode).toBe(404)
    expect(old.json()).toEqual(error(404, 'Unknown callback'))
    const stale = await submit(t, csrf, stepId, [proofFor(t, first, [attestor.privateKey])])
    expect(stale.statusCode).toBe(422)
    expect(stale.json()).toEqual(error(422, 'Proof was made for another verification step'))
  })

  it('answers 404 for a step of another session, and changes nothing', async () => {
    const { t } = r
    const mine = await selectedSession(t, key, [1])
    const theirs = await selectedSession(t, key, [1])
    const before = await snapshot(t, theirs.session.id)
    const res = await initiate(t, mine.csrf, theirs.stepIds[0])
    expect(res.statusCode).toBe(404)
    expect(res.json()).toEqual(error(404, 'Step not found'))
    expect(await snapshot(t, theirs.session.id)).toEqual(before)
    const unknown = await initiate(t, mine.csrf, 999999)
    expect(unknown.json()).toEqual(error(404, 'Step not found'))
  })

  it('answers 409 for a VERIFIED step', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData, session } = await initiatedStep(t, key)
    expect((await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey])])).statusCode).toBe(200)
    // The session moved to REVIEWING with its only step; a second step keeps it PROCESSING.
    const other = await selectedSession(t, key, [1, 2])
    const otherForm = await initiated(t, other.csrf, other.stepIds[0])
    expect((await submit(t, other.csrf, other.stepIds[0], [proofFor(t, otherForm, [attestor.privateKey], { extracted: { ...INCOME, monthlyIncome: '1.00' } })])).statusCode).toBe(200)
    const before = await snapshot(t, other.session.id)
    const res = await initiate(t, other.csrf, other.stepIds[0])
    expect(res.statusCode).toBe(409)
    expect(res.json()).toEqual(error(409, 'Step is VERIFIED; only a PENDING, INITIATED or FAILED step can be initiated'))
    expect(await snapshot(t, other.session.id)).toEqual(before)

    const reviewing = await initiate(t, csrf, stepId)
    expect(reviewing.json()).toEqual(error(409, 'Steps cannot be initiated while the session is REVIEWING'))
    expect((await snapshot(t, session.id)).steps[0].status).toBe('VERIFIED')
  })

  it('answers 409 while a submission is being verified, but recovers a step whose verification was abandoned', async () => {
    const { t } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    await initiated(t, csrf, stepId)
    // A process that died between claiming the step and settling it leaves it IN_PROGRESS.
    expect(await t.app.ctx.repos.lifecycle.claimStep(await stepRow(t, stepId), t.clock.iso())).toBe(true)
    const before = await snapshot(t, session.id)
    const busy = await initiate(t, csrf, stepId)
    expect(busy.statusCode).toBe(409)
    expect(busy.json()).toEqual(error(409, 'Step is IN_PROGRESS; only a PENDING, INITIATED or FAILED step can be initiated'))
    expect(await snapshot(t, session.id)).toEqual(before)
    t.clock.advance(61)
    const recovered = await initiate(t, csrf, stepId)
    expect(recovered.statusCode).toBe(200)
    expect(recovered.json().data.metadata).toMatchObject({ attempt: 1 })
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'INITIATED', attempts: 0 })
    expect((await snapshot(t, session.id)).audit.at(-1)).toMatchObject({ action: 'step.initiated', fromStatus: 'IN_PROGRESS', toStatus: 'INITIATED' })
  })

  it('answers 410 once the session has expired', async () => {
    const { t } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1], { expiryDate: futureIso(t.app, 60) })
    t.clock.advance(120)
    const res = await initiate(t, csrf, stepId)
    expect(res.statusCode).toBe(410)
    expect(res.json()).toEqual(error(410, 'Verification session has expired'))
    expect((await stepRow(t, stepId)).status).toBe('EXPIRED')
    expect((await stepRow(t, stepId)).contextMessage).toBeNull()
    expect((await snapshot(t, session.id)).session?.status).toBe('EXPIRED')
  })

  it('refuses a request without a CSRF token (401) or with a malformed body (400)', async () => {
    const { t } = r
    const { csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const anonymous = await t.app.inject({ method: 'POST', url: '/partner/step/initiate', payload: { stepId } })
    expect(anonymous.statusCode).toBe(401)
    expect(anonymous.json()).toEqual(error(401, 'Missing CSRF token: send it in the x-csrf-token header'))
    const text = await t.app.inject({ method: 'POST', url: '/partner/step/initiate', headers: { 'x-csrf-token': csrf }, payload: { stepId: String(stepId) } })
    expect(text.json()).toEqual(error(400, 'body.stepId must be an integer'))
    expect((await stepRow(t, stepId)).status).toBe('PENDING')
  })
})

describe('POST /partner/step/initiate with RECLAIM_APP_ID/RECLAIM_APP_SECRET (against a stand-in Reclaim API)', () => {
  const app = generateAttestor() // an app is a key pair: appId is its address
  const standIn = new ReclaimApiStandIn(app.address)
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => {
    await standIn.start()
    r = await reclaimTestApp({ RECLAIM_APP_ID: app.address, RECLAIM_APP_SECRET: app.privateKey, RECLAIM_API_URL: standIn.url })
    key = (await createKey(r.t.app)).key
  })
  afterAll(async () => { await r.t.close(); await standIn.stop() })

  it('signs and initialises the request the way the Reclaim SDK does, and hands out the Reclaim session', async () => {
    const { t, attestor } = r
    const { csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const before = standIn.requests.length
    const res = await initiate(t, csrf, stepId)
    expect(res.statusCode).toBe(200)
    const formData = res.json().data.formData as FormData
    const sent = standIn.requests.slice(before)
    expect(sent).toEqual([{ providerId: PAYPAL_PROVIDER, appId: app.address, timestamp: String(t.clock.now), signature: formData.signature }])
    expect(formData).toMatchObject({ appId: app.address, providerId: PAYPAL_PROVIDER, sessionId: expect.stringMatching(/^rcl\d+a1b2c3$/), timestamp: String(t.clock.now) })
    expect(recoverSigner(initRequestDigest(PAYPAL_PROVIDER, formData.timestamp), formData.signature as string)).toBe(app.address.toLowerCase())
    expect(template(res.json().data.redirectUrl)).toMatchObject({
      sessionId: formData.sessionId, applicationId: app.address, signature: formData.signature, providerVersion: '1.2.0', resolvedProviderVersion: '1.2.0'
    })
    expect((await stepRow(t, stepId)).reclaimSessionId).toBe(formData.sessionId)

    // The proof the Reclaim app brings back carries that session id, and is accepted.
    const ok = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey])])
    expect(ok.statusCode).toBe(200)
  })

  it('answers 502 when the Reclaim API fails, and changes nothing', async () => {
    const { t } = r
    const { session, csrf, stepIds: [stepId] } = await selectedSession(t, key, [1])
    const before = await snapshot(t, session.id)
    standIn.failWith = 500
    try {
      const res = await initiate(t, csrf, stepId)
      expect(res.statusCode).toBe(502)
      expect(res.json()).toEqual(error(502, 'The Reclaim API failed to create the proof request (HTTP 500)'))
      standIn.failWith = 401
      const refused = await initiate(t, csrf, stepId)
      expect(refused.json()).toEqual(error(502, 'The Reclaim API refused the proof request (HTTP 401)'))
    } finally {
      standIn.failWith = null
    }
    expect(await snapshot(t, session.id)).toEqual(before)
  })

  it('answers 502 when the Reclaim API does not recognise the app\'s signature', async () => {
    const impostor = generateAttestor()
    const other = await reclaimTestApp({ RECLAIM_APP_ID: app.address, RECLAIM_APP_SECRET: impostor.privateKey, RECLAIM_API_URL: standIn.url })
    try {
      const { key: otherKey } = await createKey(other.t.app)
      const { session, csrf, stepIds: [stepId] } = await selectedSession(other.t, otherKey, [1])
      const before = await snapshot(other.t, session.id)
      const res = await initiate(other.t, csrf, stepId)
      expect(res.json()).toEqual(error(502, 'The Reclaim API refused the proof request (HTTP 401)'))
      expect(await snapshot(other.t, session.id)).toEqual(before)
    } finally {
      await other.t.close()
    }
  })

  it('answers 503 with Retry-After when the Reclaim API cannot be reached, and changes nothing', async () => {
    const closed = new ReclaimApiStandIn(app.address)
    await closed.start()
    const url = closed.url
    await closed.stop()
    const other = await reclaimTestApp({ RECLAIM_APP_ID: app.address, RECLAIM_APP_SECRET: app.privateKey, RECLAIM_API_URL: url })
    try {
      const { key: otherKey } = await createKey(other.t.app)
      const session = await createSession(other.t.app, otherKey)
      const csrf = await exchange(other.t.app, session.id, session.verificationLink.token)
      await other.t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [1], sessionId: session.id } })
      const before = await snapshot(other.t, session.id)
      const res = await initiate(other.t, csrf, before.steps[0].id)
      expect(res.statusCode).toBe(503)
      expect(res.headers['retry-after']).toBe('5')
      expect(res.json()).toEqual(error(503, 'The Reclaim API did not answer; try again shortly'))
      expect(await snapshot(other.t, session.id)).toEqual(before)
    } finally {
      await other.t.close()
    }
  })
})

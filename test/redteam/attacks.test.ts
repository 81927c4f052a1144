// Red team, through the API on both dialects: an applicant who wants a verification they cannot
// get honestly, and a partner's engineer probing another team's (or mode's) data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateAttestor } from '../../src/modules/proofs/proof-signer.js'
import { sandboxProof } from '../../src/modules/sandbox/sandbox-proof.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { createKey, createSession, type PartnerKey } from '../support/factories.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import {
  bindTestSources, initiated, initiatedStep, INCOME, PARAMETERS, proofFor, selectedSession, sessionStatus, stepRow, submit, TEST_HOST
} from '../reclaim/support.js'

const SANDBOX_ATTESTOR_KEY = `0x${'5b'.repeat(32)}`
const attestor = generateAttestor()
let t: TestApp

beforeAll(async () => {
  t = await buildTestApp({ ...TEST_ENV, RECLAIM_ATTESTORS: attestor.address, SANDBOX_ATTESTOR_KEY })
  await bindTestSources(t, [1, 2])
})
afterAll(async () => { await t.close() })

const testKey = async (team: string, reviewerId: string | null = null): Promise<PartnerKey> =>
  await t.app.ctx.keys.create({ team, test: true, reviewerId })

async function callback (formData: { callbackUrl: string }, body: unknown) {
  return await t.app.inject({ method: 'POST', url: new URL(formData.callbackUrl).pathname, headers: { 'content-type': 'application/json' }, payload: body as object })
}

async function simulate (csrf: string, body: Record<string, unknown>) {
  return await t.app.inject({ method: 'POST', url: '/partner/sandbox/step/simulate', headers: { 'x-csrf-token': csrf }, payload: body })
}

describe('red team: an applicant forging a verification', () => {
  it('a {{template}} in the userinfo of the request URL (the attestor connects elsewhere) is refused through submit and the callback', async () => {
    const live = await createKey(t.app, 'forger')
    const parameters = { ...PARAMETERS, url: `https://{{u}}@${TEST_HOST}/v1/income`, paramValues: { u: 'evil.test/' } }
    for (const via of ['submit', 'callback'] as const) {
      const { session, csrf, stepId, formData } = await initiatedStep(t, live.key)
      const proof = proofFor(t, formData, [attestor.privateKey], { parameters, extracted: { monthlyIncome: '999999.00', currency: 'USD' } })
      const res = via === 'submit' ? await submit(t, csrf, stepId, [proof]) : await callback(formData, proof)
      expect(res.statusCode, res.body).toBe(422)
      expect(res.json().message).toMatch(/writes more than a host name before its path/)
      expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: 1 })
      expect(await sessionStatus(t, session.id)).toBe('PROCESSING')
    }
  })

  it('a genuine proof of one source submitted to another source\'s step is refused (binding, then host)', async () => {
    const live = await createKey(t.app, 'forger')
    // Source 1 accepts TEST_HOST; source 4 keeps its catalog hosts.
    const { csrf, stepIds } = await selectedSession(t, live.key, [1, 4])
    const f1 = await initiated(t, csrf, stepIds[0])
    const f4 = await initiated(t, csrf, stepIds[1])
    // Made for step 1 (its context), sent to step 4.
    expect((await submit(t, csrf, stepIds[1], [proofFor(t, f1, [attestor.privateKey])])).statusCode).toBe(422)
    // Bound to step 4, but its request went to source 1's host.
    const res = await submit(t, csrf, stepIds[1], [proofFor(t, f4, [attestor.privateKey])])
    expect(res.statusCode).toBe(422)
    expect(res.json().message).toBe(`Rule 5 (source binding): the proof's request went to ${TEST_HOST}, which is not a host of ${res.json().message.split('which is not a host of ')[1]}`)
    expect(await stepRow(t, stepIds[1])).toMatchObject({ status: 'FAILED', attempts: 2 })
  })

  it('a proof accepted on a test session cannot be replayed on a live session (rule 7 spans modes), nor a sandbox proof of another instance count', async () => {
    const test = await testKey('replayer')
    const live = await createKey(t.app, 'replayer')
    const a = await initiatedStep(t, test.key)
    const proof = proofFor(t, a.formData, [attestor.privateKey])
    expect((await submit(t, a.csrf, a.stepId, [proof])).statusCode).toBe(200)
    const b = await initiatedStep(t, live.key)
    expectError(await submit(t, b.csrf, b.stepId, [proof]), 409, 'Proof has already been used')
    expect(await stepRow(t, b.stepId)).toMatchObject({ status: 'INITIATED', attempts: 0 })

    const c = await initiatedStep(t, test.key)
    const foreign = sandboxProof({
      sourceName: 'PayPal', hosts: [TEST_HOST], parameters: Object.keys(INCOME), contextMessage: JSON.parse(c.formData.context).contextMessage, reclaimSessionId: c.formData.sessionId, timestampS: Math.floor(t.clock.now / 1000)
    }, `0x${'77'.repeat(32)}`)
    const res = await submit(t, c.csrf, c.stepId, [foreign])
    expectError(res, 422, 'No trusted attestor signed this proof')
    expect(await stepRow(t, c.stepId)).toMatchObject({ status: 'FAILED' })
  })

  it('simulate: a CSRF token of one session cannot complete another session\'s step', async () => {
    const test = await testKey('sim')
    const a = await initiatedStep(t, test.key)
    const b = await initiatedStep(t, test.key)
    expectError(await simulate(a.csrf, { stepId: b.stepId, outcome: 'success' }), 404, 'Step not found')
    expectError(await simulate(a.csrf, { stepId: b.stepId, outcome: 'failure' }), 404, 'Step not found')
    expect(await stepRow(t, b.stepId)).toMatchObject({ status: 'INITIATED', attempts: 0 })
  })

  it('simulate: values for undeclared parameters never become facts; declared ones are kept verbatim (the console\'s CSV neutralises formulas)', async () => {
    const test = await testKey('sim')
    const { session, csrf, stepId } = await initiatedStep(t, test.key)
    const formula = '=cmd|\' /C calc\'!A0'
    const res = await simulate(csrf, { stepId, outcome: 'success', extractedParameters: { monthlyIncome: formula, isAdmin: 'true', approved: 'yes', currency: 'x'.repeat(200) } })
    expect(res.statusCode, res.body).toBe(200)
    const detail = (await t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': test.key } })).json().data
    expect(Object.fromEntries(detail.facts.map((f: { name: string, value: unknown }) => [f.name, f.value]))).toEqual({ monthlyIncome: formula, currency: 'x'.repeat(200) })
    const listed = (await t.app.inject({ url: '/partner/reviewer/sessions?include=facts', headers: { 'x-api-key': test.key } })).json().data
    expect(listed.find((s: { id: number }) => s.id === session.id).facts.map((f: { name: string }) => f.name).sort()).toEqual(['currency', 'monthlyIncome'])
    expect((await simulate(csrf, { stepId, outcome: 'success', extractedParameters: { monthlyIncome: 'x'.repeat(201) } })).statusCode).toBe(400)
  })

  it('simulate: no success once the step is out of attempts (the session FAILED), nor on an expired or canceled session', async () => {
    const test = await testKey('sim')
    const { session, csrf, stepId } = await initiatedStep(t, test.key)
    for (let i = 0; i < t.config.maxStepAttempts; i++) {
      if (i > 0) await initiated(t, csrf, stepId)
      expect((await simulate(csrf, { stepId, outcome: 'failure' })).statusCode).toBe(422)
    }
    expect(await sessionStatus(t, session.id)).toBe('FAILED')
    expectError(await simulate(csrf, { stepId, outcome: 'success' }), 409, 'Proofs cannot be submitted while the session is FAILED')
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'FAILED', attempts: t.config.maxStepAttempts })

    const canceled = await initiatedStep(t, test.key)
    expect((await t.app.inject({ method: 'POST', url: `/partner/session/${canceled.session.id}/cancel`, headers: { 'x-api-key': test.key }, payload: {} })).statusCode).toBe(200)
    expectError(await simulate(canceled.csrf, { stepId: canceled.stepId, outcome: 'success' }), 410, 'Verification session has expired')

    const expiring = await initiatedStep(t, test.key, 1, { expiryDate: new Date(t.clock.now + 120_000).toISOString() })
    t.clock.advance(121)
    try {
      expectError(await simulate(expiring.csrf, { stepId: expiring.stepId, outcome: 'success' }), 410, 'Verification session has expired')
    } finally {
      t.clock.advance(-121)
    }
    expect(await stepRow(t, expiring.stepId)).toMatchObject({ status: 'EXPIRED' })
  })

  it('simulate: a live session is a 404 for failure too, and changes nothing', async () => {
    const live = await createKey(t.app, 'sim-live')
    const { csrf, stepId } = await initiatedStep(t, live.key)
    expectError(await simulate(csrf, { stepId, outcome: 'failure' }), 404, 'Session not found')
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'INITIATED', attempts: 0 })
  })
})

describe('red team: a partner probing another team\'s or mode\'s data', () => {
  let liveA: PartnerKey, testA: PartnerKey, liveB: PartnerKey, reviewer1: PartnerKey, reviewer2: PartnerKey
  let sLiveA: number, sTestA: number, sLiveB: number, sReviewer1: number
  let hookLiveA: number

  const as = async (key: PartnerKey, method: 'GET' | 'POST', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    await t.app.inject({ method, url, headers: { 'x-api-key': key.key, ...headers }, ...(payload === undefined ? {} : { payload: payload as object }) })

  beforeAll(async () => {
    liveA = await createKey(t.app, 'probe-a')
    testA = await testKey('probe-a')
    liveB = await createKey(t.app, 'probe-b')
    reviewer1 = await createKey(t.app, 'probe-a', { reviewerId: 'r1' })
    reviewer2 = await createKey(t.app, 'probe-a', { reviewerId: 'r2' })
    sLiveA = (await createSession(t.app, liveA.key, { applicantFirstName: 'Alice' })).id
    sTestA = (await createSession(t.app, testA.key, { applicantFirstName: 'Alice' })).id
    sLiveB = (await createSession(t.app, liveB.key, { applicantFirstName: 'Alice' })).id
    sReviewer1 = (await createSession(t.app, liveA.key, { reviewerId: 'r1', applicantFirstName: 'Alice' })).id
    const hook = await as(liveA, 'POST', '/partner/webhooks', { url: 'https://hooks.probe-a.example/in' })
    expect(hook.statusCode, hook.body).toBe(201)
    hookLiveA = hook.json().data.id
  })

  const foreign = (): Array<[string, () => PartnerKey, () => number]> => [
    ['a test key, a live session of its team', () => testA, () => sLiveA],
    ['a live key, a test session of its team', () => liveA, () => sTestA],
    ['another team\'s key', () => liveB, () => sLiveA],
    ['another reviewer\'s key', () => reviewer2, () => sReviewer1]
  ]

  it.each(foreign())('%s: every session route is a 404 and changes nothing', async (_name, key, session) => {
    const before = await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', session()).executeTakeFirstOrThrow()
    const id = session()
    const answers = [
      await as(key(), 'GET', `/partner/session/${id}`),
      await as(key(), 'GET', `/partner/reviewer/sessions/${id}`),
      await as(key(), 'GET', `/partner/reviewer/sessions?startingAfter=${id}`),
      await as(key(), 'POST', `/partner/session/${id}/cancel`, {}),
      await as(key(), 'POST', `/partner/session/${id}/link`),
      await as(key(), 'POST', `/partner/reviewer/sessions/${id}/decision`, { decision: 'APPROVE' })
    ]
    // Redact and assign need a team key: a reviewer's key is refused (403) before any session is looked up.
    const teamOnly = [
      await as(key(), 'POST', `/partner/session/${id}/redact`),
      await as(key(), 'POST', `/partner/session/${id}/assign`, { reviewerId: 'x' })
    ]
    for (const res of [...answers, ...teamOnly]) {
      expect(res.statusCode, res.body).toBe(key().reviewerId !== null && teamOnly.includes(res) ? 403 : 404)
      expect(res.body).not.toContain('Alice')
    }
    expect(await t.db.kysely.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toEqual(before)
  })

  it('counts, lists and include=facts show only the key\'s own team and mode', async () => {
    for (const [key, own] of [[testA, [sTestA]], [liveB, [sLiveB]], [reviewer1, [sReviewer1]]] as const) {
      const res = await as(key, 'GET', '/partner/reviewer/sessions?counts=true&include=facts&q=ali&limit=100')
      expect(res.statusCode, res.body).toBe(200)
      expect(res.json().data.map((s: { id: number }) => s.id)).toEqual(own)
      expect(res.json().total).toBe(own.length)
      expect(Object.values(res.json().counts as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(own.length)
    }
  })

  it('events: another team or mode reads none, and cannot page from their ids', async () => {
    const ofA = (await as(liveA, 'GET', '/partner/events?limit=100')).json().data as Array<{ id: string, data: { sessionId: number, livemode: boolean } }>
    expect(ofA.length).toBeGreaterThan(0)
    expect(ofA.every((e) => e.data.livemode === true && [sLiveA, sReviewer1].includes(e.data.sessionId))).toBe(true)
    const ofTestA = (await as(testA, 'GET', '/partner/events?limit=100')).json().data as Array<{ data: { sessionId: number } }>
    expect(ofTestA.map((e) => e.data.sessionId)).toEqual([sTestA])
    for (const key of [testA, liveB]) {
      expectError(await as(key, 'GET', `/partner/events?startingAfter=${ofA[0].id}`), 404, 'Event not found', 'event_not_found')
    }
  })

  it('a reviewer\'s key may not redact, assign, read events or webhooks, even of its own session', async () => {
    expect((await as(reviewer1, 'POST', `/partner/session/${sReviewer1}/redact`)).statusCode).toBe(403)
    expect((await as(reviewer1, 'POST', `/partner/session/${sReviewer1}/assign`, { reviewerId: 'r2' })).statusCode).toBe(403)
    expect((await as(reviewer1, 'GET', '/partner/events')).statusCode).toBe(403)
    expect((await as(reviewer1, 'GET', '/partner/webhooks')).statusCode).toBe(403)
    expect((await as(reviewer1, 'GET', `/partner/webhooks/${hookLiveA}/deliveries`)).statusCode).toBe(403)
    expect((await t.db.kysely.selectFrom('sessions').select('reviewerId').where('id', '=', sReviewer1).executeTakeFirstOrThrow()).reviewerId).toBe('r1')
  })

  it('webhook endpoints, deliveries and redelivery of another team or mode are a 404', async () => {
    await t.app.ctx.webhooks.dispatchDue().catch(() => undefined)
    for (const key of [testA, liveB]) {
      expect((await as(key, 'GET', `/partner/webhooks/${hookLiveA}`)).statusCode).toBe(404)
      expect((await as(key, 'GET', `/partner/webhooks/${hookLiveA}/deliveries`)).statusCode).toBe(404)
      expect((await as(key, 'POST', `/partner/webhooks/${hookLiveA}/deliveries/1/redeliver`)).statusCode).toBe(404)
      expect((await as(key, 'POST', `/partner/webhooks/${hookLiveA}/rotate-secret`)).statusCode).toBe(404)
      expect((await as(key, 'GET', '/partner/webhooks')).json().data).toEqual([])
    }
  })

  it('an Idempotency-Key replays nothing across modes or teams (no webhook secret, no link token)', async () => {
    const body = { url: 'https://hooks.idem.example/in' }
    const first = await as(liveA, 'POST', '/partner/webhooks', body, { 'idempotency-key': 'order-42' })
    expect(first.statusCode).toBe(201)
    for (const key of [testA, liveB]) {
      const res = await as(key, 'POST', '/partner/webhooks', body, { 'idempotency-key': 'order-42' })
      expect(res.statusCode, res.body).toBe(201)
      expect(res.headers['idempotent-replayed']).toBeUndefined()
      expect(res.json().data.secret).not.toBe(first.json().data.secret)
      expect(res.json().data.id).not.toBe(first.json().data.id)
    }
    const link = await as(liveA, 'POST', `/partner/session/${sReviewer1}/link`, undefined, { 'idempotency-key': 'resend-1' })
    expect(link.statusCode).toBe(201)
    const token = link.json().data.verificationLink.token as string
    const byReviewer = await as(reviewer1, 'POST', `/partner/session/${sReviewer1}/link`, undefined, { 'idempotency-key': 'resend-1' })
    expect(byReviewer.body).not.toContain(token)
    const created = await as(liveA, 'POST', '/partner/session', { params: { expiryDate: t.clock.iso(3600_000) } }, { 'idempotency-key': 'create-1' })
    const createdTest = await as(testA, 'POST', '/partner/session', { params: { expiryDate: t.clock.iso(3600_000) } }, { 'idempotency-key': 'create-1' })
    expect(createdTest.statusCode).toBe(201)
    expect(createdTest.json().data.id).not.toBe(created.json().data.id)
    expect(createdTest.json().data.livemode).toBe(false)
    expect(createdTest.body).not.toContain(created.json().data.verificationLink.token)
  })

  it('/partner/me of a test key says its mode; of another team, its own team', async () => {
    expect((await as(testA, 'GET', '/partner/me')).json().data).toMatchObject({ teamId: testA.teamId, livemode: false })
    expect((await as(liveB, 'GET', '/partner/me')).json().data.teamId).not.toBe(liveA.teamId)
  })
})

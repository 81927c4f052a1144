import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newSecret, sha256Hex } from '../../src/lib/secrets.js'
import { sandboxProof } from '../../src/modules/sandbox/sandbox-proof.js'
import { proofRequirementsOf } from '../../src/modules/sources/sources.service.js'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { applicantSession, createKey, createSession } from '../support/factories.js'
import { buildTestApp, useTestApp, type TestApp } from '../support/harness.js'

const SANDBOX_ATTESTOR_KEY = `0x${'5a'.repeat(32)}`

async function call (t: TestApp, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: unknown) {
  return await t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) })
}

/** A session of `key`, its applicant's CSRF token and source 1's step, initiated. */
async function initiatedStep (t: TestApp, key: string) {
  const { session, csrf } = await applicantSession(t.app, key)
  const h = { 'x-csrf-token': csrf }
  expect((await call(t, 'POST', '/partner/step/select-data-source', h, { dataSourceIds: [1], sessionId: session.id })).statusCode).toBe(200)
  const stepId = (await call(t, 'GET', `/partner/steps/session/${session.id}`, h)).json().data.steps[0].id as number
  const initiated = await call(t, 'POST', '/partner/step/initiate', h, { stepId })
  expect(initiated.statusCode).toBe(200)
  return { session, csrf, h, stepId, formData: initiated.json().data.formData }
}

describe('the sandbox', () => {
  const t = useTestApp({ ...TEST_ENV, SANDBOX_ATTESTOR_KEY })

  it('keeps test and live apart: each key sees only its own mode\'s sessions, the other\'s ids are a 404', async () => {
    const live = await createKey(t.app, 'acme')
    const test = await t.app.ctx.keys.create({ team: 'acme', test: true })
    expect(test.key.startsWith('pa_test_')).toBe(true)
    const liveSession = await createSession(t.app, live.key)
    const testSession = await createSession(t.app, test.key)
    expect(liveSession.livemode).toBe(true)
    expect(testSession.livemode).toBe(false)
    const list = async (key: string) => (await call(t, 'GET', '/partner/reviewer/sessions', { 'x-api-key': key })).json().data.map((s: { id: number }) => s.id)
    expect(await list(live.key)).not.toContain(testSession.id)
    expect(await list(test.key)).toEqual([testSession.id])
    expectError(await call(t, 'GET', `/partner/reviewer/sessions/${testSession.id}`, { 'x-api-key': live.key }), 404, 'Session not found')
    expectError(await call(t, 'GET', `/partner/session/${liveSession.id}`, { 'x-api-key': test.key }), 404, 'Session not found')
    expect((await call(t, 'GET', '/partner/me', { 'x-api-key': test.key })).json().data.livemode).toBe(false)
  })

  it('simulates a success: a proof of the source\'s first host with its declared parameters, verified like any proof', async () => {
    const test = await t.app.ctx.keys.create({ team: 'sandboxed', test: true })
    const { session, h, stepId } = await initiatedStep(t, test.key)
    const res = await call(t, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'success', extractedParameters: { monthlyIncome: '7100.00' } })
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toEqual({ status: 'success' })
    const step = (await call(t, 'GET', `/partner/steps/${stepId}`, h)).json()
    expect(step).toMatchObject({ status: 'VERIFIED', attempts: 0, canInitiate: false, canSubmit: false })
    const detail = (await call(t, 'GET', `/partner/reviewer/sessions/${session.id}`, { 'x-api-key': test.key })).json().data
    expect(detail.status).toBe('REVIEWING')
    const paypal = proofRequirementsOf((await t.app.ctx.repos.sources.findById(1))!)
    expect(detail.facts.map((f: { name: string }) => f.name).sort()).toEqual([...paypal.parameters].sort())
    expect(detail.facts.find((f: { name: string }) => f.name === 'monthlyIncome')).toMatchObject({
      value: '7100.00', host: paypal.hosts[0], pinned: false, attestor: t.app.ctx.sandbox?.address
    })
  })

  it('simulates a failure: the step FAILS as with an invalid proof (422, an attempt used)', async () => {
    const test = await t.app.ctx.keys.create({ team: 'sandboxed', test: true })
    const { h, stepId } = await initiatedStep(t, test.key)
    const res = await call(t, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'failure' })
    expectError(res, 422, 'Simulated failure: the sandbox was asked for a failed verification')
    expect((await call(t, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({
      status: 'FAILED', attempts: 1, failureReason: 'Simulated failure: the sandbox was asked for a failed verification', canInitiate: true
    })
  })

  it('is a 404 for a live session, and changes nothing', async () => {
    const live = await createKey(t.app, 'acme')
    const { h, stepId } = await initiatedStep(t, live.key)
    expectError(await call(t, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'success' }), 404, 'Session not found')
    expect((await call(t, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({ status: 'INITIATED', attempts: 0 })
  })

  it('refuses a sandbox proof on a live session, through submit and through the callback (422, never VERIFIED)', async () => {
    const live = await createKey(t.app, 'acme')
    const paypal = proofRequirementsOf((await t.app.ctx.repos.sources.findById(1))!)
    for (const via of ['submit', 'callback'] as const) {
      const { h, stepId, formData } = await initiatedStep(t, live.key)
      const context = JSON.parse(formData.context as string)
      const proof = sandboxProof({
        sourceName: 'PayPal', hosts: paypal.hosts, parameters: paypal.parameters, contextMessage: context.contextMessage, reclaimSessionId: formData.sessionId, timestampS: Math.floor(t.clock.ms() / 1000)
      }, SANDBOX_ATTESTOR_KEY)
      const res = via === 'submit'
        ? await call(t, 'POST', '/partner/step/submit', h, { stepId, proofs: [proof] })
        : await call(t, 'POST', new URL(formData.callbackUrl).pathname, { 'content-type': 'application/json' }, proof)
      expect(res.statusCode, res.body).toBe(422)
      expect((await call(t, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({ status: 'FAILED', attempts: 1 })
    }
  })

  it('validates its body: 400 for an unknown outcome or a malformed parameter name, and changes nothing', async () => {
    const test = await t.app.ctx.keys.create({ team: 'sandboxed', test: true })
    const { h, stepId } = await initiatedStep(t, test.key)
    expect((await call(t, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'maybe' })).statusCode).toBe(400)
    expect((await call(t, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'success', extractedParameters: { 'a b': 'x' } })).statusCode).toBe(400)
    expect((await call(t, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({ status: 'INITIATED', attempts: 0 })
  })

  it('is off with SANDBOX_ENABLED=false: test keys are refused (401), simulation is a 404', async () => {
    const off = await buildTestApp({ ...TEST_ENV, SANDBOX_ENABLED: 'false' })
    try {
      await expect(off.app.ctx.keys.create({ team: 'acme', test: true })).rejects.toThrow(/SANDBOX_ENABLED=false/)
      // A test key made while the sandbox was on stops working once it is off.
      const team = await off.app.ctx.repos.keys.findOrCreateTeam('acme', off.clock.iso())
      const made = { key: newSecret('pa_test_') }
      await off.app.ctx.repos.keys.insert({ teamId: team.id, reviewerId: null, name: null, prefix: made.key.slice(0, 14), keyHash: sha256Hex(made.key), createdAt: off.clock.iso(), livemode: 0 })
      expectError(await call(off, 'POST', '/partner/session', { 'x-api-key': made.key }, { params: { expiryDate: t.clock.iso(3600_000) } }), 401, 'Invalid or revoked API key')
    } finally {
      await off.close()
    }
  })

  it('with SANDBOX_ENABLED=false makes no sandbox key, and a sandbox-signed proof verifies on no session, not even a test session made before', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'partner-api-sandbox-off-'))
    const off = await buildTestApp({ ...TEST_ENV, SANDBOX_ENABLED: 'false', DATA_DIR: dataDir })
    try {
      expect(existsSync(join(dataDir, 'sandbox-attestor.key'))).toBe(false)
      const live = await createKey(off.app, 'acme')
      const paypal = proofRequirementsOf((await off.app.ctx.repos.sources.findById(1))!)
      for (const mode of ['live', 'test'] as const) {
        const { session, h, stepId, formData } = await initiatedStep(off, live.key)
        // A test session made while the sandbox was on.
        if (mode === 'test') await off.db.kysely.updateTable('sessions').set({ livemode: 0 }).where('id', '=', session.id).execute()
        const context = JSON.parse(formData.context as string)
        const proof = sandboxProof({
          sourceName: 'PayPal', hosts: paypal.hosts, parameters: paypal.parameters, contextMessage: context.contextMessage, reclaimSessionId: formData.sessionId, timestampS: Math.floor(off.clock.ms() / 1000)
        }, SANDBOX_ATTESTOR_KEY)
        const res = await call(off, 'POST', '/partner/step/submit', h, { stepId, proofs: [proof] })
        expect(res.statusCode, res.body).toBe(422)
        expect(res.json().message).toMatch(/no trusted attestor signed this proof/i)
        expect((await call(off, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({ status: 'FAILED', attempts: 1 })
      }
    } finally {
      await off.close()
      rmSync(dataDir, { recursive: true, force: true })
    }
    const onDir = mkdtempSync(join(tmpdir(), 'partner-api-sandbox-on-'))
    const on = await buildTestApp({ ...TEST_ENV, DATA_DIR: onDir })
    try {
      expect(existsSync(join(onDir, 'sandbox-attestor.key'))).toBe(true)
    } finally {
      await on.close()
      rmSync(onDir, { recursive: true, force: true })
    }
  })

  it('completes test steps with RECLAIM_MIN_SIGNATURES above 1: the sandbox\'s proof counts as enough signers (live proofs still need 2)', async () => {
    const strict = await buildTestApp({ ...TEST_ENV, SANDBOX_ATTESTOR_KEY, RECLAIM_ATTESTORS: `0x${'a1'.repeat(20)},0x${'b2'.repeat(20)}`, RECLAIM_MIN_SIGNATURES: '2' })
    try {
      const test = await strict.app.ctx.keys.create({ team: 'strict', test: true })
      const { session, h, stepId } = await initiatedStep(strict, test.key)
      const res = await call(strict, 'POST', '/partner/sandbox/step/simulate', h, { stepId, outcome: 'success' })
      expect(res.statusCode, res.body).toBe(200)
      expect((await call(strict, 'GET', `/partner/steps/${stepId}`, h)).json()).toMatchObject({ status: 'VERIFIED' })
      expect((await strict.app.ctx.repos.sessions.findById(session.id))?.status).toBe('REVIEWING')
    } finally {
      await strict.close()
    }
  })

  it('never delivers a test event to a live endpoint', async () => {
    const receiver = 'https://hooks.partner.example/in'
    const liveKey = await createKey(t.app, 'hooks')
    const testKey = await t.app.ctx.keys.create({ team: 'hooks', test: true })
    const make = async (key: string) => (await call(t, 'POST', '/partner/webhooks', { 'x-api-key': key }, { url: receiver })).json().data.id as number
    const liveEndpoint = await make(liveKey.key)
    const testEndpoint = await make(testKey.key)
    expect((await call(t, 'GET', '/partner/webhooks', { 'x-api-key': testKey.key })).json().data.map((e: { id: number }) => e.id)).toEqual([testEndpoint])
    await createSession(t.app, testKey.key)
    await t.app.ctx.webhooks.dispatchDue()
    const deliveries = await t.db.kysely.selectFrom('webhookDeliveries').innerJoin('events', 'events.id', 'webhookDeliveries.eventId')
      .select(['webhookDeliveries.endpointId', 'events.livemode']).where('webhookDeliveries.endpointId', 'in', [liveEndpoint, testEndpoint]).execute()
    expect(deliveries.length).toBeGreaterThan(0)
    expect(deliveries.every((d) => d.endpointId === testEndpoint && d.livemode === 0)).toBe(true)
  })
})

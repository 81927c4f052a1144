import { describe, expect, it } from 'vitest'
import { expectError, TEST_ENV } from '../api/helpers.js'
import { createKey, sessionIn } from '../support/factories.js'
import { initiatedStep, proofFor, reclaimTestApp, snapshot, submit } from '../reclaim/support.js'
import { buildTestApp } from '../support/harness.js'

describe('proof submissions cost little before they are refused (issue 10.5)', () => {
  it('refuses more than MAX_PROOFS_PER_SUBMISSION proofs with a 400 before any verification, and changes nothing', async () => {
    const { t, attestor } = await reclaimTestApp({ ...TEST_ENV, MAX_PROOFS_PER_SUBMISSION: '3' })
    try {
      const { key } = await createKey(t.app)
      const { session, csrf, stepId, formData } = await initiatedStep(t, key)
      const proofs = Array.from({ length: 4 }, () => proofFor(t, formData, [attestor.privateKey]))
      const before = await snapshot(t, session.id)
      expectError(await submit(t, csrf, stepId, proofs), 400, 'At most 3 proofs can be submitted at once')
      const callback = await t.app.inject({ method: 'POST', url: new URL(formData.callbackUrl).pathname, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(proofs) })
      expectError(callback, 400, 'At most 3 proofs can be submitted at once')
      expect(await snapshot(t, session.id)).toEqual(before)
    } finally { await t.close() }
  })

  it('checks every proof\'s shape before any cryptography: a malformed last proof is a 422 proof_malformed that uses no attempt', async () => {
    const { t, attestor } = await reclaimTestApp({ ...TEST_ENV })
    try {
      const { key } = await createKey(t.app)
      const { session, csrf, stepId, formData } = await initiatedStep(t, key)
      const good = proofFor(t, formData, [attestor.privateKey])
      const before = await snapshot(t, session.id)
      const res = await submit(t, csrf, stepId, [good, good, { ...good, signatures: ['0xnot-a-signature'] }])
      expect(res.statusCode).toBe(422)
      expect(res.json()).toMatchObject({ code: 'proof_malformed', message: expect.stringMatching(/^Proof 3 of 3: /) })
      expect(await snapshot(t, session.id)).toEqual(before)
    } finally { await t.close() }
  })

  it('limits the body of submit and the callback to PROOF_BODY_LIMIT_BYTES (413), other routes keep 1 MiB', async () => {
    const t = await buildTestApp({ ...TEST_ENV, PROOF_BODY_LIMIT_BYTES: '2048' })
    try {
      const { key } = await createKey(t.app)
      const big = 'x'.repeat(4096)
      const res = await t.app.inject({ method: 'POST', url: '/partner/step/submit', headers: { 'x-csrf-token': 'whatever', 'content-type': 'application/json' }, payload: JSON.stringify({ stepId: 1, proofs: [{ claimData: {}, signatures: [big] }] }) })
      // Refused on its size whatever the token: authentication comes first only for an unknown token.
      expect([401, 413]).toContain(res.statusCode)
      const { row } = await sessionIn(t.app, key, 'PROCESSING')
      const csrf = (await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: 'nope', sessionId: row.id } })).statusCode
      expect(csrf).toBe(401)
      const callback = await t.app.inject({ method: 'POST', url: '/partner/reclaim/callback/some-token', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ pad: big }) })
      expectError(callback, 413, 'Request body is larger than 2 KiB')
      const create = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key, 'content-type': 'application/json' }, payload: JSON.stringify({ params: { expiryDate: t.clock.iso(3600_000), instructions: 'y'.repeat(3000) } }) })
      expect(create.statusCode).toBe(201)
    } finally { await t.close() }
  })

  it('rate-limits the callback per callback token and per address', async () => {
    const t = await buildTestApp({ APPLICANT_RATE_LIMIT_LIMIT: '3', RATE_LIMIT_LIMIT: '1000', AUTH_FAILURE_LIMIT: '1000' })
    try {
      const post = async (token: string, ip: string) => await t.app.inject({ method: 'POST', url: `/partner/reclaim/callback/${token}`, remoteAddress: ip, headers: { 'content-type': 'application/json' }, payload: '{}' })
      for (let i = 0; i < 3; i++) expect((await post('token-a', `198.51.100.${i + 1}`)).statusCode).toBe(404)
      const limited = await post('token-a', '198.51.100.9')
      expect(limited.statusCode).toBe(429)
      expect(limited.headers['retry-after']).toBeDefined()
      for (let i = 0; i < 3; i++) expect((await post(`token-${i + 10}`, '203.0.113.5')).statusCode).toBe(404)
      expect((await post('token-99', '203.0.113.5')).statusCode).toBe(429)
    } finally { await t.close() }
  })
})

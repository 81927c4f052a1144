import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { keccak256Hex } from '../../src/lib/eth.js'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import type { ReclaimProof } from '../../src/modules/proofs/proof-verifier.js'
import { providerHashOf } from '../../src/modules/proofs/provider-hash.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import type { TestApp } from '../support/harness.js'
import {
  INCOME, initiatedStep, PARAMETERS, proofFor, ReclaimApiStandIn, reclaimTestApp, snapshot, stepRow, submit, type FormData, type ProofOptions, type ReclaimTestApp
} from './support.js'

// Issue 23: every new refusal with a forged proof through submit and through the Reclaim callback,
// on both databases, and what the reviewer sees of the rules that bound each fact.
const app = generateAttestor() // RECLAIM_APP_ID / RECLAIM_APP_SECRET: an app is a key pair
const PATHS = ['/v1/reports/*']
const EXTRACTION = { monthlyIncome: { jsonPath: '$.monthlyIncome' } }

type Forge = (r: ReclaimTestApp, formData: FormData) => ReclaimProof

const sign = (r: ReclaimTestApp, formData: FormData, o: ProofOptions = {}) => proofFor(r.t, formData, [r.attestor.privateKey], o)
const teeNonce = (formData: FormData, t: TestApp, secret = app.privateKey, sessionId = formData.sessionId) => {
  const data = { applicationId: app.address, sessionId, timestamp: String(t.clock.now - 5_000) }
  return { attestationNonce: keccak256Hex(`RECLAIM_TEE_NONCE_V1:${data.applicationId}:${data.sessionId}:${data.timestamp}:${secret}`).slice(2), attestationNonceData: data }
}

// Refused before any cryptography: 422 proof_malformed, and nothing changes (no attempt used).
const MALFORMED: Array<[string, string, Forge, RegExp]> = [
  ['1.1: an error field', 'error', (r, f) => ({ ...sign(r, f), error: 'claim creation failed' }) as ReclaimProof, /error field/],
  ['1.2: empty signatures', 'signatures', (r, f) => ({ ...sign(r, f), signatures: [] }), /signatures is empty/],
  ['1.3: more signatures than witnesses', 'witnesses', (r, f) => { const p = sign(r, f); return { ...p, witnesses: [] } }, /witnesses lists 0 witness\(es\) but the proof has 1 signatures/],
  ['1.4: a witness listed twice', 'witnesses', (r, f) => {
    const p = signClaim({ parameters: PARAMETERS, timestampS: Math.floor(r.t.clock.now / 1000), context: { ...JSON.parse(f.context), extractedParameters: INCOME, providerHash: providerHashOf(PARAMETERS), reclaimSessionId: f.sessionId } }, [r.attestor.privateKey, r.attestor.privateKey])
    return p
  }, /lists a witness twice/]
]

// Attested, bound to the step, refused by one rule: 422 with its code, the step FAILED, an attempt used.
const outOfPath = { ...PARAMETERS, url: 'https://api.examplepay.test/v1/account/profile?period={{period}}' }
const applicantRegex = { ...PARAMETERS, responseRedactions: [{ jsonPath: '', regex: '"amount":"(.*)"', xPath: '' }] }
const REFUSED: Array<[string, string, Forge, RegExp]> = [
  ['3.1: a trusted signer beside an untrusted one', 'proof_invalid', (r, f) => proofFor(r.t, f, [r.attestor.privateKey, generateAttestor().privateKey]), /^Rule 3\.1: 1 of the proof's 2 signers/],
  ['4.1: a proxySessionId of another Reclaim session', 'proof_invalid', (r, f) => sign(r, f, { parameters: { ...PARAMETERS, proxySessionId: 'another1' } }), /another Reclaim session/],
  ['4.1: only a proxySessionId, of another session', 'proof_invalid', (r, f) => sign(r, f, { parameters: { ...PARAMETERS, proxySessionId: 'another1' }, context: { reclaimSessionId: undefined } }), /another Reclaim session/],
  ['4.2: a TEE nonce of another app secret', 'proof_tee_nonce_invalid', (r, f) => sign(r, f, { context: teeNonce(f, r.t, `0x${'77'.repeat(32)}`) }), /^Rule 4\.2 \(TEE attestation nonce\): the nonce is not the hash of this service's application secret/],
  ['4.2: a TEE nonce of another session', 'proof_tee_nonce_invalid', (r, f) => sign(r, f, { context: teeNonce(f, r.t, app.privateKey, 'another1') }), /made for Reclaim session "another1"/],
  ['5.7: a request outside the source\'s paths', 'proof_path_mismatch', (r, f) => sign(r, f, { parameters: outOfPath }), /^Rule 5\.7 \(source binding\): the proof's request path \/v1\/account\/profile is not one PayPal's proofs may use/],
  ['5.8: a parameter read with the applicant\'s own regex', 'proof_extraction_mismatch', (r, f) => sign(r, f, { parameters: applicantRegex }), /^Rule 5\.8 \(source binding\): the proof does not extract monthlyIncome/],
]

describe('Reclaim 2026 rules through submit and the callback (issue 23)', () => {
  const standIn = new ReclaimApiStandIn(app.address)
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => {
    await standIn.start()
    r = await reclaimTestApp({ ...TEST_ENV, RECLAIM_APP_ID: app.address, RECLAIM_APP_SECRET: app.privateKey, RECLAIM_API_URL: standIn.url })
    key = (await createKey(r.t.app)).key
    await r.t.db.kysely.updateTable('sources').set({ proofPaths: JSON.stringify(PATHS), proofExtraction: JSON.stringify(EXTRACTION) }).where('id', '=', 1).execute()
  })
  afterAll(async () => { await r.t.close(); await standIn.stop() })

  const send = async (via: 'submit' | 'callback', csrf: string, stepId: number, formData: FormData, proof: unknown) => via === 'submit'
    ? await submit(r.t, csrf, stepId, [proof])
    : await r.t.app.inject({ method: 'POST', url: new URL(formData.callbackUrl).pathname, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(proof) })

  for (const via of ['submit', 'callback'] as const) {
    it.each(MALFORMED)(`${via}: rule %s is 422 proof_malformed naming the field (%s) and changes nothing`, async (_name, field, forge, reason) => {
      const { session, csrf, stepId, formData } = await initiatedStep(r.t, key)
      const before = await snapshot(r.t, session.id)
      const res = await send(via, csrf, stepId, formData, forge(r, formData))
      expect(res.statusCode, res.body).toBe(422)
      expect(res.json()).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity', code: 'proof_malformed', message: expect.stringMatching(reason), errors: [{ path: `proofs.0.${field}`, message: expect.stringMatching(reason) }] })
      // The message names the field too, not only errors[].path.
      expect(res.json().message).toContain(field)
      expect(await snapshot(r.t, session.id)).toEqual(before)
      expect(await stepRow(r.t, stepId)).toMatchObject({ status: 'INITIATED', attempts: 0 })
    })

    it.each(REFUSED)(`${via}: rule %s is refused (422 %s), the step FAILED, an attempt used, never VERIFIED`, async (_name, code, forge, reason) => {
      const { session, csrf, stepId, formData } = await initiatedStep(r.t, key)
      const res = await send(via, csrf, stepId, formData, forge(r, formData))
      expect(res.statusCode, res.body).toBe(422)
      expect(res.json()).toMatchObject({ code, message: expect.stringMatching(reason) })
      const step = await stepRow(r.t, stepId)
      expect(step).toMatchObject({ status: 'FAILED', attempts: 1 })
      expect(step.failureReason).toMatch(reason)
      expect((await snapshot(r.t, session.id)).proofs.filter((p) => p.stepId === stepId)).toEqual([])
    })
  }

  it('accepts a genuine TEE proof and shows the reviewer which rules bound each fact, hashed values marked', async () => {
    const { session, csrf, stepId, formData } = await initiatedStep(r.t, key)
    // currency is read through an OPRF-hashing redaction: a hash, never shown as a clear value.
    const parameters = {
      ...PARAMETERS,
      proxySessionId: formData.sessionId,
      responseMatches: [...PARAMETERS.responseMatches, { type: 'regex', value: '"currency":"(?<currency>[^"]+)"' }],
      responseRedactions: [...PARAMETERS.responseRedactions, { jsonPath: '$.currency', regex: '', xPath: '', hash: 'oprf' }]
    }
    const proof = sign(r, formData, { parameters, context: teeNonce(formData, r.t) })
    const res = await submit(r.t, csrf, stepId, [proof])
    expect(res.statusCode, res.body).toBe(200)
    const view = (await r.t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': key } })).json().data
    const step = view.steps.find((s: { id: number }) => s.id === stepId)
    expect(step.proofs[0].bindings).toEqual({
      host: 'api.examplepay.test',
      path: { value: '/v1/reports/income', bound: 'prefix' },
      providerPinned: false,
      facts: { currency: { extraction: 'none', hashed: true }, monthlyIncome: { extraction: 'jsonPath', hashed: false } },
      teeNonce: 'verified',
      sessionIdFrom: 'both'
    })
    const facts = view.facts.filter((f: { stepId: number }) => f.stepId === stepId)
    expect(facts).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'monthlyIncome', hashed: false, extraction: 'jsonPath', pathBound: 'prefix', teeNonce: 'verified' }),
      expect.objectContaining({ name: 'currency', hashed: true, extraction: 'none', pathBound: 'prefix', teeNonce: 'verified' })
    ]))
    const listed = (await r.t.app.inject({ url: '/partner/reviewer/sessions?include=facts', headers: { 'x-api-key': key } })).json().data
    expect(listed.find((s: { id: number }) => s.id === session.id).facts).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'currency', hashed: true, teeNonce: 'verified' }),
      expect.objectContaining({ name: 'monthlyIncome', hashed: false, teeNonce: 'verified' })
    ]))
  })

  it('shows a TEE nonce it cannot check as unchecked, on a service without an app secret', async () => {
    const plain = await reclaimTestApp({ ...TEST_ENV })
    try {
      const plainKey = (await createKey(plain.t.app)).key
      const { session, csrf, stepId, formData } = await initiatedStep(plain.t, plainKey)
      const proof = proofFor(plain.t, formData, [plain.attestor.privateKey], { context: teeNonce(formData, plain.t) })
      const res = await submit(plain.t, csrf, stepId, [proof])
      expect(res.statusCode, res.body).toBe(200)
      const view = (await plain.t.app.inject({ url: `/partner/reviewer/sessions/${session.id}`, headers: { 'x-api-key': plainKey } })).json().data
      expect(view.steps.find((s: { id: number }) => s.id === stepId).proofs[0].bindings).toMatchObject({ teeNonce: 'unchecked', path: { bound: 'none' } })
      // Issue 23, item 4: reported as unchecked on the fact itself, not only on its proof.
      const facts = view.facts.filter((f: { stepId: number }) => f.stepId === stepId)
      expect(facts.length).toBeGreaterThan(0)
      for (const fact of facts) expect(fact).toMatchObject({ teeNonce: 'unchecked' })
      const listed = (await plain.t.app.inject({ url: '/partner/reviewer/sessions?include=facts', headers: { 'x-api-key': plainKey } })).json().data
      for (const fact of listed.find((s: { id: number }) => s.id === session.id).facts) expect(fact).toMatchObject({ teeNonce: 'unchecked' })
    } finally {
      await plain.t.close()
    }
  })
})

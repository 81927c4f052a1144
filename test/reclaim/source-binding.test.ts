import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashProviderParams } from '../../src/modules/proofs/provider-hash.js'
import { TEST_ENV } from '../api/helpers.js'
import { createKey } from '../support/factories.js'
import {
  INCOME, initiatedStep, PARAMETERS, proofFor, PROVIDER_HASH, reclaimTestApp, snapshot, stepRow, submit, TEST_HOST, type FormData, type ProofOptions, type ReclaimTestApp
} from './support.js'

// Issue 9: a forged proof for every rule of source binding (docs/proof-verification.md, rule 5),
// signed by a trusted attestor and bound to its step, is refused as an invalid proof is.
const otherHost = { ...PARAMETERS, url: 'https://attacker.example/v1/reports/income' }
const plainHttp = { ...PARAMETERS, url: `http://${TEST_HOST}/v1/reports/income` }
const otherTemplate = { ...PARAMETERS, responseMatches: [{ type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>.*)"' }] }

const FORGERIES: Array<[string, ProofOptions, string, RegExp]> = [
  ['a request to another host', { parameters: otherHost }, 'proof_host_mismatch', /went to attacker\.example, which is not a host of PayPal/],
  ['http instead of https', { parameters: plainHttp }, 'proof_url_not_https', /https/],
  ['another provider than http', { provider: 'https' }, 'proof_provider_not_http', /provider/],
  ['an unpinned hash on a pinned source', { parameters: otherTemplate }, 'proof_provider_not_pinned', /not one PayPal pins/],
  ['a context naming another provider hash', { providerHash: hashProviderParams(otherTemplate) }, 'proof_provider_hash_mismatch', /provider hash/],
  ['a declared parameter missing', { extracted: { monthlyIncome: '9999.00' } }, 'proof_parameter_missing', /currency/]
]

describe('source binding through submit and the callback (issue 9)', () => {
  let r: ReclaimTestApp
  let key: string
  beforeAll(async () => {
    r = await reclaimTestApp({ ...TEST_ENV })
    key = (await createKey(r.t.app)).key
    // PayPal pins the genuine provider: every forgery below is refused by exactly one rule.
    await r.t.db.kysely.updateTable('sources').set({ providerHashes: JSON.stringify([PROVIDER_HASH]) }).where('id', '=', 1).execute()
  })
  afterAll(async () => { await r.t.close() })

  const forged = (formData: FormData, o: ProofOptions) => proofFor(r.t, formData, [r.attestor.privateKey], o)

  for (const via of ['submit', 'callback'] as const) {
    it.each(FORGERIES)(`${via}: refuses %s (422 %s), the step FAILED with the reason, an attempt used, never VERIFIED`, async (_name, o, code, reason) => {
      const { t } = r
      const { session, csrf, stepId, formData } = await initiatedStep(t, key)
      const proof = forged(formData, o)
      const res = via === 'submit'
        ? await submit(t, csrf, stepId, [proof])
        : await t.app.inject({ method: 'POST', url: new URL(formData.callbackUrl).pathname, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(proof) })
      expect(res.statusCode, res.body).toBe(422)
      expect(res.json()).toMatchObject({ code, message: expect.stringMatching(reason) })
      const step = await stepRow(t, stepId)
      expect(step).toMatchObject({ status: 'FAILED', attempts: 1 })
      expect(step.failureReason).toMatch(reason)
      const snap = await snapshot(t, session.id)
      expect(snap.proofs.filter((p) => p.stepId === stepId)).toEqual([])
      expect(snap.session?.status).toBe('PROCESSING')
    })
  }

  it('still accepts the genuine proof', async () => {
    const { t, attestor } = r
    const { csrf, stepId, formData } = await initiatedStep(t, key)
    const res = await submit(t, csrf, stepId, [proofFor(t, formData, [attestor.privateKey], { extracted: INCOME })])
    expect(res.statusCode, res.body).toBe(200)
    expect(await stepRow(t, stepId)).toMatchObject({ status: 'VERIFIED' })
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inputProblem } from '../../src/plugins/input-guard.js'
import { buildTestApp, type TestApp } from '../support/harness.js'
import { applicantSession, createKey, futureIso, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV } from '../api/helpers.js'

// JSON's "\ud800" escape decodes to a lone UTF-16 surrogate, which is no Unicode character:
// PostgreSQL refused it as invalid json (a 500) while SQLite stored it. Both now answer 400.
// Bodies are written as JSON text so the escapes reach the server exactly as an attacker sends them.
describe('lone UTF-16 surrogates in a body', () => {
  let t: TestApp
  let key: PartnerKey

  beforeAll(async () => {
    t = await buildTestApp({ ...TEST_ENV })
    key = await createKey(t.app, 'acme')
  })
  afterAll(async () => { await t.close() })

  const postSession = async (paramsJson: string) => await t.app.inject({
    method: 'POST',
    url: '/partner/session',
    headers: { 'x-api-key': key.key, 'content-type': 'application/json' },
    payload: `{"params":{"expiryDate":"${futureIso(t.app)}",${paramsJson}}}`
  })

  it.each([
    ['a metadata value (high surrogate)', '"metadata":{"k":"\\ud800"}', 'body.params.metadata.k must not contain a lone UTF-16 surrogate (\\ud800), which is not a Unicode character'],
    ['a metadata value (low surrogate)', '"metadata":{"k":["ok","x\\udfffy"]}', 'body.params.metadata.k.1 must not contain a lone UTF-16 surrogate (\\udfff), which is not a Unicode character'],
    ['a metadata value (two high surrogates)', '"metadata":{"k":"\\ud800\\ud800"}', 'body.params.metadata.k must not contain a lone UTF-16 surrogate (\\ud800), which is not a Unicode character'],
    ['a metadata field name', '"metadata":{"\\udc00":1}', 'body.params.metadata has a field name with a lone UTF-16 surrogate (\\udc00), which is not a Unicode character'],
    ['applicantData', '"applicantData":{"address":{"street":"\\ud83d"}}', 'body.params.applicantData.address.street must not contain a lone UTF-16 surrogate (\\ud83d), which is not a Unicode character'],
    ['a text field', '"applicantFirstName":"Jo\\udbffhn"', 'body.params.applicantFirstName must not contain a lone UTF-16 surrogate (\\udbff), which is not a Unicode character']
  ])('400 naming the field for one in %s, and changes nothing', async (_where, paramsJson, message) => {
    const res = await expectNoChange(t.db, async () => await postSession(paramsJson))
    expectError(res, 400, message)
  })

  it('accepts a proper surrogate pair (an emoji) and stores it intact', async () => {
    const res = await postSession('"metadata":{"k":"\\ud83d\\ude00 ok"},"applicantData":{"\\ud83d\\ude00":true}')
    expect(res.statusCode, res.body).toBe(201)
    const id = res.json().data.id
    const row = await t.db.kysely.selectFrom('sessions').select(['metadata', 'applicantData']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(JSON.parse(row.metadata as unknown as string)).toEqual({ k: '\u{1F600} ok' })
    expect(JSON.parse(row.applicantData as unknown as string)).toEqual({ '\u{1F600}': true })
  })

  it('400 naming the field for one in a submitted proof\'s unsigned publicData or witnesses, and changes nothing', async () => {
    const { csrf } = await applicantSession(t.app, key.key)
    for (const [proof, message] of [
      ['{"publicData":{"income":"\\ud800"}}', 'body.proofs.0.publicData.income must not contain a lone UTF-16 surrogate (\\ud800), which is not a Unicode character'],
      ['{"witnesses":[{"id":"0x1","url":"wss://a\\udc01"}]}', 'body.proofs.0.witnesses.0.url must not contain a lone UTF-16 surrogate (\\udc01), which is not a Unicode character']
    ]) {
      const res = await expectNoChange(t.db, async () => await t.app.inject({
        method: 'POST',
        url: '/partner/step/submit',
        headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
        payload: `{"stepId":1,"proofs":[${proof}]}`
      }))
      expectError(res, 400, message)
    }
  })

  it('the guard the Reclaim callback applies to the proofs it parses refuses them too', () => {
    const parsed = JSON.parse('[{"claimData":{"context":"{}"},"publicData":{"\\ud800x":1}}]')
    expect(inputProblem('body', parsed)).toBe('body.0.publicData has a field name with a lone UTF-16 surrogate (\\ud800), which is not a Unicode character')
    expect(inputProblem('body', JSON.parse('{"a":"\\ud83d\\ude00"}'))).toBeNull()
  })
})

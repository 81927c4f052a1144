// Red team, rule 5: can a proof whose request did not go to the source's host read as the source's?
// Each URL below is what an applicant controls (the provider's parameters); attestor-core connects to
// the host of the URL after substituting its {{templates}} (paramValues, and secret params it never
// sees), so only a URL whose authority is the literal host can be bound to a source.
import { describe, expect, it } from 'vitest'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import { verifyProof, type SourceRequirements, type VerifyOptions } from '../../src/modules/proofs/proof-verifier.js'
import { hashProviderParams, providerHashOf } from '../../src/modules/proofs/provider-hash.js'

const attestor = generateAttestor()
const NOW = 1_767_225_600
const PAYPAL: SourceRequirements = { name: 'PayPal', hosts: ['www.paypal.com'], providerHashes: [], parameters: ['monthlyIncome'] }

function spec (url: string, extra: Record<string, unknown> = {}) {
  return {
    url,
    method: 'GET',
    body: '',
    responseMatches: [{ type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>[0-9.]+)"' }],
    responseRedactions: [{ jsonPath: '$.monthlyIncome', regex: '', xPath: '' }],
    ...extra
  }
}

function proofOf (parameters: object | string) {
  const parsed = typeof parameters === 'string' ? JSON.parse(parameters) : parameters
  return signClaim({
    parameters,
    timestampS: NOW,
    context: { contextAddress: '0x0', contextMessage: 'step-1', extractedParameters: { monthlyIncome: '999999.00' }, providerHash: providerHashOf(parsed) ?? hashProviderParams(spec('https://x.test/')) }
  }, [attestor.privateKey])
}

const options: VerifyOptions = { trustedAttestors: [attestor.address], now: NOW, expectedContextMessage: 'step-1', source: PAYPAL }

describe('red team: host confusion in a proof\'s request URL', () => {
  const refused: Array<[string, object | string]> = [
    ['userinfo before the host', spec('https://www.paypal.com@evil.test/income')],
    ['the source\'s host as a user name, a template as the password', spec('https://www.paypal.com:{{p}}@evil.test/income')],
    ['a template in the userinfo (attestor-core substitutes it before connecting)', spec('https://{{u}}@www.paypal.com/income', { paramValues: { u: 'evil.test/' } })],
    ['a secret template in the userinfo', spec('https://{{secret}}@www.paypal.com/income')],
    ['credentials, plain', spec('https://user:pass@www.paypal.com/income')],
    ['a trailing dot', spec('https://www.paypal.com./income')],
    ['a host that merely starts like the source\'s', spec('https://www.paypal.com.evil.test/income')],
    ['a templated suffix on the host', spec('https://www.paypal.com{{s}}/income', { paramValues: { s: '.evil.test' } })],
    ['a templated port', spec('https://www.paypal.com:{{port}}/income')],
    ['a backslash after the host (WHATWG reads it as a slash; the raw text is not a plain authority)', spec('https://evil.test\\@www.paypal.com/income')],
    ['a tab inside the host (WHATWG strips it)', spec('https://www.pay\tpal.com.evil.test/income')],
    ['a tab inside the source\'s own host (WHATWG strips it, the raw text is not the host)', spec('https://www.pay\tpal.com/income')],
    ['a percent-encoded host', spec('https://www.paypal%2Ecom/income')],
    ['a look-alike IDN host', spec('https://www.pаypal.com/income')],
    ['an unlisted port', spec('https://www.paypal.com:8443/income')],
    ['duplicate url keys, the last (what JSON.parse and attestor-core keep) elsewhere',
      '{"body":"","method":"GET","responseMatches":[{"type":"regex","value":"x"}],"responseRedactions":[],"url":"https://www.paypal.com/income","url":"https://evil.test/income"}']
  ]

  it.each(refused)('refuses %s', (_name, parameters) => {
    const verdict = verifyProof(proofOf(parameters), options)
    expect(verdict).toMatchObject({ valid: false, rule: 'source' })
  })

  it('says why a template in the userinfo is refused', () => {
    expect(verifyProof(proofOf(spec('https://{{u}}@www.paypal.com/income', { paramValues: { u: 'evil.test/' } })), options)).toMatchObject({
      valid: false,
      rule: 'source',
      code: 'proof_url_not_https',
      reason: 'rule 5 (source binding): the proof\'s request URL https://{{u}}@www.paypal.com/income writes more than a host name before its path (credentials, a template or other characters), so the host its request went to cannot be known'
    })
  })

  const accepted: Array<[string, object | string, string]> = [
    ['upper case (URL host names are case-insensitive)', spec('https://WWW.PAYPAL.COM/income'), 'www.paypal.com'],
    ['an explicit :443', spec('https://www.paypal.com:443/income'), 'www.paypal.com'],
    ['templates in the path and query', spec('https://www.paypal.com/{{path}}?period={{period}}', { paramValues: { path: '@evil.test', period: '2026-10' } }), 'www.paypal.com'],
    ['duplicate url keys whose last is the source\'s host (what the attestor connected to)',
      '{"body":"","method":"GET","responseMatches":[{"type":"regex","value":"x"}],"responseRedactions":[],"url":"https://evil.test/income","url":"https://www.paypal.com/income"}', 'www.paypal.com']
  ]

  it.each(accepted)('accepts %s', (_name, parameters, host) => {
    expect(verifyProof(proofOf(parameters), options)).toMatchObject({ valid: true, host })
  })
})

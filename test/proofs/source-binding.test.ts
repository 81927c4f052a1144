import { readFileSync } from 'node:fs'
import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { keccak256Hex } from '../../src/lib/eth.js'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import {
  checkShape,
  verifyProof,
  type ReclaimProof,
  type SourceRequirements,
  type VerifyOptions,
} from '../../src/modules/proofs/proof-verifier.js'
import { hashProviderParams, providerHashOf } from '../../src/modules/proofs/provider-hash.js'

interface Fixture { attestor: string, providerHash: string, proof: ReclaimProof }

const vector = JSON.parse(readFileSync(new URL('../fixtures/reclaim-vector.json', import.meta.url), 'utf8')) as Fixture
const kaggle = JSON.parse(readFileSync(new URL('./fixtures/kaggle-proof.json', import.meta.url), 'utf8')) as Fixture

const attestor = generateAttestor()
const sandboxAttestor = generateAttestor()
const NOW = 1_767_225_600

const EXAMPLE_PAY: SourceRequirements = {
  name: 'ExamplePay',
  hosts: ['api.examplepay.test', 'WWW.examplepay.test'],
  providerHashes: [],
  parameters: ['monthlyIncome', 'currency'],
}

function providerParameters (url: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url,
    method: 'GET',
    body: '',
    responseMatches: [{ type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>[0-9.]+)"' }],
    responseRedactions: [{ jsonPath: '$.monthlyIncome', regex: '', xPath: '' }],
    ...extra,
  }
}

interface ForgeOptions {
  url?: string
  provider?: string
  parameters?: Record<string, unknown>
  providerHash?: string | null
  extractedParameters?: Record<string, unknown>
  keys?: string[]
}

// A proof as the Reclaim attestor signs it: the context's providerHash recomputed from the
// parameters unless the test says otherwise.
function forge (options: ForgeOptions = {}): ReclaimProof {
  const parameters = options.parameters ?? providerParameters(options.url ?? 'https://api.examplepay.test/v1/income')
  const providerHash = options.providerHash === undefined ? hashProviderParams(parameters) : options.providerHash
  return signClaim({
    provider: options.provider ?? 'http',
    parameters,
    timestampS: NOW,
    context: {
      contextAddress: '0x0',
      contextMessage: 'step-1',
      extractedParameters: options.extractedParameters ?? { monthlyIncome: '5400.00', currency: 'USD', accountId: 'acct_9' },
      ...(providerHash === null ? {} : { providerHash }),
    },
  }, options.keys ?? [attestor.privateKey])
}

function options (source: SourceRequirements, extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { trustedAttestors: [attestor.address], now: NOW, expectedContextMessage: 'step-1', source, ...extra }
}

describe('hashProviderParams (attestor-core\'s recipe)', () => {
  it('recomputes the test vector\'s provider hash from its parameters', () => {
    expect(hashProviderParams(vector.proof.claimData.parameters)).toBe(vector.providerHash)
    expect(JSON.parse(vector.proof.claimData.context).providerHash).toBe(vector.providerHash)
  })

  it('recomputes the provider hash of Reclaim\'s public production proof (Kaggle)', () => {
    expect(hashProviderParams(kaggle.proof.claimData.parameters)).toBe('0x4c20776ae89ab7eead49e4e393f4e07348a4d85e21869201aa6eea6e2bc07f5b')
  })

  it('ignores per-proof values and key order, but not what decides the proof', () => {
    const base = providerParameters('https://api.examplepay.test/v1/income')
    const hash = hashProviderParams(base)
    expect(hashProviderParams({ ...base, headers: { Cookie: 'x' }, paramValues: { a: '1' }, geoLocation: 'IN' })).toBe(hash)
    expect(hashProviderParams(JSON.stringify(Object.fromEntries(Object.entries(base).reverse())))).toBe(hash)
    const { body: _body, ...withoutBody } = base
    expect(hashProviderParams(withoutBody)).toBe(hash)
    // invert appears only when true; hash only when set; redaction fields default to "".
    expect(hashProviderParams({ ...base, responseMatches: [{ ...(base.responseMatches as object[])[0], invert: false }] })).toBe(hash)
    expect(hashProviderParams({ ...base, responseRedactions: [{ jsonPath: '$.monthlyIncome' }] })).toBe(hash)
    expect(hashProviderParams({ ...base, responseMatches: [{ ...(base.responseMatches as object[])[0], invert: true }] })).not.toBe(hash)
    expect(hashProviderParams({ ...base, responseRedactions: [{ jsonPath: '$.monthlyIncome', hash: 'oprf' }] })).not.toBe(hash)
    expect(hashProviderParams({ ...base, url: 'https://attacker.example/v1/income' })).not.toBe(hash)
    expect(hashProviderParams({ ...base, method: 'POST' })).not.toBe(hash)
    expect(hashProviderParams({ ...base, body: '{}' })).not.toBe(hash)
  })

  it('refuses what is not an HTTP provider\'s parameters', () => {
    expect(() => hashProviderParams('{"method":"GET","responseMatches":"x"}')).toThrow(/not an HTTP provider/)
    expect(() => hashProviderParams({ url: 'https://a.test/', method: 7, responseMatches: [] })).toThrow(/not an HTTP provider/)
    expect(() => hashProviderParams({ url: 'https://a.test/', responseMatches: [{ value: 'a', invert: 'yes' }] })).toThrow(/not an HTTP provider/)
    expect(() => hashProviderParams('not json')).toThrow()
    expect(() => hashProviderParams({ url: 'https://a.test/', method: 'GET', responseMatches: [{ value: 1, type: 'contains' }] })).toThrow()
  })
})

describe('rule 5: source binding', () => {
  it('accepts Reclaim\'s production Kaggle proof for a Kaggle source that pins its provider hash', () => {
    const verdict = verifyProof(kaggle.proof, {
      trustedAttestors: [kaggle.attestor],
      now: kaggle.proof.claimData.timestampS + 60,
      source: { name: 'Kaggle', hosts: ['www.kaggle.com'], providerHashes: [kaggle.providerHash.toUpperCase().replace('0X', '0x')], parameters: ['username'] },
      requirePinned: true,
    })
    expect(verdict).toMatchObject({
      valid: true,
      host: 'www.kaggle.com',
      pinned: true,
      providerHash: kaggle.providerHash,
      // DYNAMIC_GEO is signed too, but Kaggle declares only username: only declared facts are kept.
      extracted: { username: 'mushaheedsyed' },
    })
  })

  it('accepts a genuine proof bound by host alone, keeping only the declared parameters', () => {
    const proof = forge({ url: 'https://API.ExamplePay.test:443/v1/income?period={{period}}' })
    expect(verifyProof(proof, options(EXAMPLE_PAY))).toMatchObject({
      valid: true,
      host: 'api.examplepay.test',
      pinned: false,
      providerHash: hashProviderParams(providerParameters('https://API.ExamplePay.test:443/v1/income?period={{period}}')),
      extracted: { monthlyIncome: '5400.00', currency: 'USD' },
    })
  })

  it('keeps every extracted parameter when the source declares none', () => {
    const verdict = verifyProof(forge(), options({ ...EXAMPLE_PAY, parameters: [] }))
    expect(verdict).toMatchObject({ valid: true, extracted: { monthlyIncome: '5400.00', currency: 'USD', accountId: 'acct_9' } })
  })

  const refusals: Array<[string, () => ReclaimProof, SourceRequirements, Partial<VerifyOptions>, string, string]> = [
    ['a provider other than http', () => forge({ provider: 'https' }), EXAMPLE_PAY, {},
      'proof_provider_not_http', 'rule 5 (source binding): the proof\'s provider is "https", not http, and ExamplePay is proven over HTTP'],
    ['a request to another host', () => forge({ url: 'https://attacker.example/income' }), EXAMPLE_PAY, {},
      'proof_host_mismatch', 'rule 5 (source binding): the proof\'s request went to attacker.example, which is not a host of ExamplePay'],
    ['a host that merely ends like the source\'s', () => forge({ url: 'https://api.examplepay.test.attacker.example/income' }), EXAMPLE_PAY, {},
      'proof_host_mismatch', 'rule 5 (source binding): the proof\'s request went to api.examplepay.test.attacker.example, which is not a host of ExamplePay'],
    ['a sub-domain of the source\'s host', () => forge({ url: 'https://evil.api.examplepay.test/income' }), EXAMPLE_PAY, {},
      'proof_host_mismatch', 'rule 5 (source binding): the proof\'s request went to evil.api.examplepay.test, which is not a host of ExamplePay'],
    ['a port other than 443 the source does not list', () => forge({ url: 'https://api.examplepay.test:8443/income' }), EXAMPLE_PAY, {},
      'proof_host_mismatch', 'rule 5 (source binding): the proof\'s request went to api.examplepay.test:8443, which is not a host of ExamplePay'],
    ['plain http', () => forge({ url: 'http://api.examplepay.test/income' }), EXAMPLE_PAY, {},
      'proof_url_not_https', 'rule 5 (source binding): the proof\'s request URL http://api.examplepay.test/income is not an https URL'],
    ['a templated host', () => forge({ url: 'https://{{host}}/income' }), EXAMPLE_PAY, {},
      'proof_url_not_https', 'rule 5 (source binding): the proof\'s request URL https://{{host}}/income is not an https URL'],
    ['parameters without a URL', () => forge({ parameters: { method: 'GET', responseMatches: [] }, providerHash: null }), EXAMPLE_PAY, {},
      'proof_url_not_https', 'rule 5 (source binding): the proof\'s parameters name no request URL'],
    ['a context provider hash the parameters do not recompute to', () => forge({ providerHash: kaggle.providerHash }), EXAMPLE_PAY, {},
      'proof_provider_hash_mismatch', `rule 5 (source binding): the provider hash recomputed from the proof's parameters (${hashProviderParams(providerParameters('https://api.examplepay.test/v1/income'))}) is not the one its context names`],
    ['a context without a provider hash', () => forge({ providerHash: null }), EXAMPLE_PAY, {},
      'proof_provider_hash_mismatch', 'rule 5 (source binding): the proof\'s context names no provider hash'],
    ['an unpinned provider on a pinned source', () => forge(), { ...EXAMPLE_PAY, providerHashes: [kaggle.providerHash] }, {},
      'proof_provider_not_pinned', `rule 5 (source binding): the proof was made with provider ${hashProviderParams(providerParameters('https://api.examplepay.test/v1/income'))}, which is not one ExamplePay pins`],
    ['an unpinned source when pinning is required', () => forge(), EXAMPLE_PAY, { requirePinned: true },
      'proof_provider_not_pinned', 'rule 5 (source binding): ExamplePay pins no provider hash, and this service accepts only pinned sources'],
    ['a missing declared parameter', () => forge({ extractedParameters: { monthlyIncome: '5400.00' } }), EXAMPLE_PAY, {},
      'proof_parameter_missing', 'rule 5 (source binding): the proof does not carry currency, which ExamplePay requires'],
  ]

  it.each(refusals)('refuses %s', (_name, make, source, extra, code, reason) => {
    const proof = make()
    const verdict = verifyProof(proof, options(source, extra))
    expect(verdict).toEqual({ valid: false, rule: 'source', code, reason, identifier: proof.identifier })
    // The same proof without a source passes every other rule: the refusal is rule 5's alone.
    expect(verifyProof(proof, { trustedAttestors: [attestor.address], now: NOW }).valid).toBe(true)
  })

  it('accepts a listed non-default port and a pinned provider hash', () => {
    const parameters = providerParameters('https://api.examplepay.test:8443/income')
    const source = { ...EXAMPLE_PAY, hosts: ['api.examplepay.test:8443'], providerHashes: [hashProviderParams(parameters)] }
    expect(verifyProof(forge({ parameters }), options(source, { requirePinned: true })))
      .toMatchObject({ valid: true, host: 'api.examplepay.test:8443', pinned: true })
  })

  it('still applies the other rules first: a forged signature fails as a signature, not as a source', () => {
    const proof = forge({ url: 'https://attacker.example/income' })
    expect(verifyProof(proof, { ...options(EXAMPLE_PAY), trustedAttestors: [generateAttestor().address] }))
      .toMatchObject({ valid: false, rule: 'attestor' })
  })
})

describe('sandbox proofs', () => {
  const sandboxSource = { ...EXAMPLE_PAY, providerHashes: [kaggle.providerHash] }

  it('are refused where the sandbox is not accepted (a live session)', () => {
    const proof = forge({ keys: [sandboxAttestor.privateKey] })
    expect(verifyProof(proof, options(sandboxSource, { sandbox: { attestors: [sandboxAttestor.address], accept: false } }))).toEqual({
      valid: false,
      rule: 'attestor',
      reason: 'this proof was signed by the sandbox attestor, which only test sessions accept',
      identifier: proof.identifier,
    })
  })

  it('are accepted on a test session, unpinned, but still bound to the source\'s hosts', () => {
    const sandbox = { attestors: [sandboxAttestor.address], accept: true }
    expect(verifyProof(forge({ keys: [sandboxAttestor.privateKey] }), options(sandboxSource, { sandbox, requirePinned: true })))
      .toMatchObject({ valid: true, sandbox: true, pinned: false, signers: [sandboxAttestor.address] })
    expect(verifyProof(forge({ keys: [sandboxAttestor.privateKey], url: 'https://attacker.example/' }), options(sandboxSource, { sandbox })))
      .toMatchObject({ valid: false, rule: 'source', code: 'proof_host_mismatch' })
  })

  it('a live attestor\'s proof is never a sandbox proof', () => {
    const sandbox = { attestors: [sandboxAttestor.address], accept: false }
    expect(verifyProof(forge(), options(EXAMPLE_PAY, { sandbox }))).toMatchObject({ valid: true, sandbox: false })
  })
})

describe('checkShape (rule 1 alone, for a whole batch before any cryptography)', () => {
  it('passes a well-formed proof even when its signature is wrong', () => {
    const proof = structuredClone(vector.proof)
    proof.signatures = [`0x${'11'.repeat(64)}1b`]
    expect(checkShape(proof)).toBeNull()
    expect(verifyProof(proof, { trustedAttestors: [vector.attestor], now: NOW }).valid).toBe(false)
  })

  it('returns the same shape rejection verifyProof would', () => {
    for (const input of [null, [], { claimData: {} }, { ...vector.proof, signatures: [] }]) {
      const rejection = checkShape(input)
      expect(rejection).toMatchObject({ valid: false, rule: 'shape' })
      expect(verifyProof(input, { trustedAttestors: [vector.attestor], now: NOW })).toEqual(rejection)
    }
  })
})

describe('providerHashOf writes exactly what canonicalize() of the hashed fields writes', () => {
  // Any script, and the characters JSON must escape.
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: fc.constantFrom('"', '\\', '\n', '\u0001', '\u007f', '\u2028', '/', 'a', 'é', '😀', '{{x}}'), maxLength: 20 })
  )
  const loose = fc.option(text, { nil: undefined })
  const parameters = fc.record({
    url: text,
    method: text,
    body: loose,
    responseMatches: fc.array(fc.record({ value: text, type: text, invert: fc.option(fc.boolean(), { nil: undefined }) }), { maxLength: 4 }),
    responseRedactions: fc.array(fc.record({ xPath: loose, jsonPath: loose, regex: loose, hash: loose }), { maxLength: 4 }),
  })

  it('for any parameters', () => {
    fc.assert(fc.property(parameters, (p) => {
      const reference = canonicalize({
        url: p.url,
        method: p.method,
        body: p.body ?? '',
        responseMatches: p.responseMatches.map((m) => ({ value: m.value, type: m.type, ...(m.invert === true ? { invert: true } : {}) })),
        responseRedactions: p.responseRedactions.map((r) => ({
          xPath: r.xPath ?? '',
          jsonPath: r.jsonPath ?? '',
          regex: r.regex ?? '',
          ...(r.hash !== undefined && r.hash !== '' ? { hash: r.hash } : {}),
        })),
      }) as string
      expect(providerHashOf(p)).toBe(keccak256Hex(reference))
    }), { numRuns: 300 })
  })

  it('and refuses a lone surrogate, as RFC 8785 does', () => {
    expect(providerHashOf({ url: 'https://a.test/\ud800', method: 'GET', responseMatches: [] })).toBeNull()
    expect(providerHashOf({ url: 'https://a.test/\ud83d\ude00', method: 'GET', responseMatches: [] })).toMatch(/^0x[0-9a-f]{64}$/)
  })
})

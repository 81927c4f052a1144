import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import canonicalize from 'canonicalize'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { keccak256Hex } from '../../src/lib/eth.js'
import { providerConfigHashes } from '../../src/modules/proofs/provider-config.js'
import { hashProviderParams, providerHashOf } from '../../src/modules/proofs/provider-hash.js'
import { runCli } from '../support/cli.js'

// Issue 23, item 2: the provider hash as reclaim-js-sdk's verifier computes it (hashProofClaimParams),
// checked against an independent implementation: the SDK's recipe written as the SDK writes it (an
// object of defaults and `|| undefined`), serialised by `canonicalize` (RFC 8785).
function sdkRecipe (params: Record<string, any>): string {
  const filtered = {
    url: params.url ?? '',
    method: params.method ?? 'GET',
    body: params.body ?? '',
    responseMatches: (params.responseMatches ?? []).map((it: Record<string, any>) => ({
      value: it.value ?? '',
      type: it.type ?? 'contains',
      invert: it.invert || undefined,
      isOptional: it.isOptional || undefined
    })),
    responseRedactions: (params.responseRedactions ?? []).map((it: Record<string, any>) => ({
      xPath: it.xPath ?? '',
      jsonPath: it.jsonPath ?? '',
      regex: it.regex ?? '',
      hash: it.hash || undefined
    }))
  }
  return keccak256Hex(canonicalize(filtered) as string)
}

// Strings with what canonical JSON must escape or order: quotes, backslashes, control characters,
// non-ASCII, astral characters (surrogate pairs), templates; never a lone surrogate.
const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }).filter((s) => !/\p{Cs}/u.test(s)),
  fc.constantFrom('', '"userName":"{{username}}"', '(?<monthlyIncome>[0-9.]+)', '$.a["b"]', '\\d+\n\t\u0000', 'é€😀')
)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const match = fc.record({
  value: maybe(text),
  type: maybe(fc.constantFrom('contains', 'regex', 'Contains', '')),
  invert: maybe(fc.boolean()),
  isOptional: maybe(fc.boolean()),
  description: maybe(text)
}, { requiredKeys: [] })
const redaction = fc.record({
  xPath: maybe(text),
  jsonPath: maybe(text),
  regex: maybe(text),
  hash: maybe(fc.constantFrom('', 'oprf', 'oprf-mpc'))
}, { requiredKeys: [] })
const spec = fc.record({
  url: maybe(fc.oneof(text, fc.constant('https://www.kaggle.com/api/i/users.UsersService/GetCurrentUser'))),
  method: maybe(fc.constantFrom('GET', 'POST', 'PUT', 'get')),
  body: maybe(text),
  responseMatches: maybe(fc.array(match, { maxLength: 4 })),
  responseRedactions: maybe(fc.array(redaction, { maxLength: 4 })),
  headers: maybe(fc.dictionary(text, text, { maxKeys: 2 })),
  paramValues: maybe(fc.dictionary(text, text, { maxKeys: 2 })),
  geoLocation: maybe(text)
}, { requiredKeys: [] })

// JSON drops undefined keys, as a proof's parameters (a JSON string) never carry them.
const asJson = (value: object) => JSON.parse(JSON.stringify(value)) as Record<string, any>

describe('the provider hash (reclaim-js-sdk verifier recipe)', () => {
  it('equals canonicalize() of the SDK\'s recipe on generated request specs', () => {
    fc.assert(fc.property(spec, (generated) => {
      const params = asJson(generated)
      expect(providerHashOf(params)).toBe(sdkRecipe(params))
      expect(hashProviderParams(JSON.stringify(params))).toBe(sdkRecipe(params))
    }), { numRuns: 2000 })
  })

  it('reads a missing type as contains and a missing method as GET, and leaves out falsy invert, isOptional and hash', () => {
    const full = { url: 'https://a.test/x', method: 'GET', body: '', responseMatches: [{ value: 'v', type: 'contains' }], responseRedactions: [{ xPath: '', jsonPath: '$.a', regex: '' }] }
    const hash = hashProviderParams(full)
    expect(hashProviderParams({ url: 'https://a.test/x', responseMatches: [{ value: 'v' }], responseRedactions: [{ jsonPath: '$.a' }] })).toBe(hash)
    expect(hashProviderParams({ ...full, responseMatches: [{ value: 'v', type: 'contains', invert: false, isOptional: false }], responseRedactions: [{ jsonPath: '$.a', hash: '' }] })).toBe(hash)
    expect(hashProviderParams({ ...full, responseMatches: [{ value: 'v', type: 'contains', isOptional: true }] })).not.toBe(hash)
    // Every string as written: no trimming, no case folding.
    expect(hashProviderParams({ ...full, method: 'get' })).not.toBe(hash)
    expect(hashProviderParams({ ...full, url: 'https://a.test/x ' })).not.toBe(hash)
  })

  it('is null for what no SDK request spec holds (non-string fields, non-boolean flags, lone surrogates)', () => {
    expect(providerHashOf({ url: 'https://a.test/', responseMatches: [{ value: 1 }] })).toBeNull()
    expect(providerHashOf({ url: 'https://a.test/', responseMatches: [{ value: 'a', invert: 1 }] })).toBeNull()
    expect(providerHashOf({ url: 'https://a.test/', responseRedactions: [{ hash: true }] })).toBeNull()
    expect(providerHashOf({ url: 'https://a.test/\ud800' })).toBeNull()
    expect(providerHashOf([])).toBeNull()
  })
})

const KAGGLE_HASH = '0x4c20776ae89ab7eead49e4e393f4e07348a4d85e21869201aa6eea6e2bc07f5b'
const kaggleConfigFile = new URL('../fixtures/reclaim/kaggle-provider-config.json', import.meta.url).pathname
const kaggleConfig = JSON.parse(readFileSync(kaggleConfigFile, 'utf8'))

/** A provider configuration with one request of `required` required and `optional` optional matches. */
function configWith (required: number, optional: number) {
  const matches = [
    ...Array.from({ length: required }, (_, i) => ({ value: `required-${i}`, type: 'contains', isOptional: false })),
    ...Array.from({ length: optional }, (_, i) => ({ value: `optional-${i}`, type: 'regex', isOptional: true }))
  ]
  return {
    requestData: [{
      url: 'https://www.paypal.com/myaccount/transactions',
      method: 'GET',
      bodySniff: { enabled: false, template: 'ignored' },
      responseMatches: matches,
      responseRedactions: matches.map((_, i) => ({ jsonPath: `$.m${i}`, xPath: '', regex: '' }))
    }]
  }
}

describe('every hash of a provider configuration (sources hash)', () => {
  it('recomputes the golden proofs\' hash from the Kaggle configuration Reclaim\'s SDK tests serve', () => {
    expect(providerConfigHashes(kaggleConfig)).toEqual({
      ok: true,
      version: null,
      hashes: [{ hash: KAGGLE_HASH, request: 1, method: 'POST', url: 'https://www.kaggle.com/api/i/users.UsersService/GetCurrentUser', matches: [1], version: null }]
    })
  })

  it('gives 2^k hashes for k optional matches, each keeping every required one with its redaction', () => {
    const config = configWith(2, 3)
    const result = providerConfigHashes(config, '1.2.0')
    if (!result.ok) throw new Error(result.problem)
    expect(result.hashes).toHaveLength(8)
    expect(new Set(result.hashes.map((h) => h.hash)).size).toBe(8)
    for (const h of result.hashes) {
      expect(h.matches.slice(0, 2)).toEqual([1, 2])
      expect(h.version).toBe('1.2.0')
      const kept = h.matches.map((i) => i - 1)
      const { requestData: [request] } = config
      // The hash of exactly what a proof that satisfied these matches carries.
      expect(h.hash).toBe(sdkRecipe({
        url: request.url,
        method: request.method,
        body: '',
        responseMatches: kept.map((i) => request.responseMatches[i]),
        responseRedactions: kept.map((i) => request.responseRedactions[i])
      }))
    }
  })

  it('refuses a request with more optional matches than 256 hashes allow, and what is no configuration', () => {
    expect(providerConfigHashes(configWith(1, 9))).toMatchObject({ ok: false, problem: expect.stringMatching(/9 optional response matches: 512 hashes, more than the 256/) })
    expect(providerConfigHashes(configWith(1, 8))).toMatchObject({ ok: true })
    expect(providerConfigHashes({ providers: { requestData: [] } })).toMatchObject({ ok: false })
    expect(providerConfigHashes({ requestData: [{ method: 'GET' }] })).toMatchObject({ ok: false, problem: expect.stringMatching(/no url/) })
  })
})

describe('partner-api sources hash / sources pin / attestors', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'sources-pin-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
  const write = (name: string, value: unknown) => {
    const path = join(dataDir, name)
    writeFileSync(path, JSON.stringify(value))
    return path
  }

  it('prints every hash of a configuration, one a line, labelled with the version', async () => {
    const { code, out, err } = await runCli(dataDir, 'sources', 'hash', kaggleConfigFile, '--version', '4.0.1')
    expect({ code, err }).toEqual({ code: 0, err: [] })
    expect(out).toEqual([`${KAGGLE_HASH}\trequest 1 (POST https://www.kaggle.com/api/i/users.UsersService/GetCurrentUser), matches 1, version 4.0.1`])
    const optional = await runCli(dataDir, 'sources', 'hash', write('optional.json', configWith(1, 2)))
    expect(optional.code).toBe(0)
    expect(optional.out.join('\n').split('\n')).toHaveLength(4)
  })

  it('pins them on a source, replacing only the same version\'s pins, at most 256', async () => {
    const pinned = async () => {
      const list = await runCli(dataDir, 'sources', 'list')
      return (JSON.parse(list.out.join('\n')) as Array<{ sourceName: string, proofRequirements: { providerHashes: string[] } }>)
        .find((s) => s.sourceName === 'PayPal')?.proofRequirements.providerHashes
    }
    const v1 = write('v1.json', configWith(1, 1))
    const v2 = write('v2.json', { ...configWith(1, 2), requestData: [{ ...configWith(1, 2).requestData[0], url: 'https://www.paypal.com/myaccount/summary' }] })
    const first = await runCli(dataDir, 'sources', 'pin', 'PayPal', '--config', v1, '--version', '1')
    expect(first.code, first.err.join('\n')).toBe(0)
    expect(JSON.parse(first.out[0])).toEqual({ source: 'PayPal', pinned: 2, kept: 0, replaced: 0, total: 2, version: '1' })
    const v1Hashes = (providerConfigHashes(configWith(1, 1)) as { ok: true, hashes: Array<{ hash: string }> }).hashes.map((h) => h.hash)
    expect(await pinned()).toEqual(v1Hashes)

    // Version 2 beside version 1.
    const second = await runCli(dataDir, 'sources', 'pin', 'paypal', '--config', v2, '--version', '2')
    expect(JSON.parse(second.out[0])).toEqual({ source: 'PayPal', pinned: 4, kept: 2, replaced: 0, total: 6, version: '2' })
    // Version 1 pinned again from another configuration: its old pins go, version 2's stay.
    const again = await runCli(dataDir, 'sources', 'pin', 'PayPal', '--config', write('v1b.json', configWith(2, 0)), '--version', '1')
    expect(JSON.parse(again.out[0])).toEqual({ source: 'PayPal', pinned: 1, kept: 4, replaced: 2, total: 5, version: '1' })
    expect((await pinned())?.some((h) => v1Hashes.includes(h))).toBe(false)

    // Past 256 pins: refused, nothing written.
    const before = await pinned()
    const big = await runCli(dataDir, 'sources', 'pin', 'PayPal', '--config', write('big.json', configWith(1, 8)), '--version', '3')
    expect(big.code).toBe(2)
    expect(big.err.join('\n')).toMatch(/would pin 261 provider hashes, more than 256/)
    expect(await pinned()).toEqual(before)
    expect((await runCli(dataDir, 'sources', 'pin', 'Nowhere', '--config', v1)).err.join('\n')).toMatch(/no source "Nowhere"/)
    expect((await runCli(dataDir, 'sources', 'pin', 'PayPal')).code).toBe(2)
  })

  it('prints the trusted attestors in force and each one\'s origin', async () => {
    const shipped = await runCli(dataDir, 'attestors')
    expect(shipped.code).toBe(0)
    expect(JSON.parse(shipped.out.join('\n'))).toEqual({
      minSignatures: 1,
      attestors: [{ address: '0x244897572368eadf65bfbc5aec98d8e5443a9072', from: 'default', origin: expect.stringMatching(/reclaim-js-sdk/), since: '2025-01-12' }]
    })
  })
})

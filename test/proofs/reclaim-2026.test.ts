import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { addressFromPrivateKey, eip191Digest, keccak256, keccak256Hex, signDigest } from '../../src/lib/eth.js'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import { checkShape, pathAllowed, verifyProof, type ReclaimProof, type SourceRequirements, type VerifyOptions } from '../../src/modules/proofs/proof-verifier.js'
import { providerHashOf } from '../../src/modules/proofs/provider-hash.js'
import { DEFAULT_CATALOG } from '../../src/lib/paths.js'
import { sandboxProof } from '../../src/modules/sandbox/sandbox-proof.js'
import { parseCatalog } from '../../src/modules/sources/sources.service.js'

// Issue 23: the rules Reclaim's 2026 SDK and attestor made necessary, each with a forged proof
// (docs/proof-verification.md gives their numbers).
const attestor = generateAttestor()
const NOW = 1_780_000_000
const SESSION = 'a1b2c3d4e5'
const APP_KEY = `0x${'42'.repeat(32)}`
const APP_ID = addressFromPrivateKey(Buffer.from(APP_KEY.slice(2), 'hex'))

const PARAMETERS = {
  url: 'https://www.paypal.com/myaccount/transactions/summary?period={{period}}',
  method: 'GET',
  body: '',
  paramValues: { period: '2026-10' },
  responseMatches: [
    { type: 'regex', value: '"monthlyIncome":"(?<monthlyIncome>[0-9.]+)"' },
    { type: 'regex', value: '"holder":"(?<accountHolder>[^"]+)"' }
  ],
  responseRedactions: [
    { jsonPath: '$.summary.monthlyIncome', regex: '', xPath: '' },
    { jsonPath: '$.holder', regex: '', xPath: '', hash: 'oprf' }
  ]
}
const PAYPAL: SourceRequirements = {
  name: 'PayPal',
  hosts: ['www.paypal.com'],
  providerHashes: [],
  parameters: ['monthlyIncome', 'accountHolder'],
  paths: ['/myaccount/transactions/*'],
  extraction: { monthlyIncome: { jsonPath: '$.summary.monthlyIncome' } }
}

function proof (o: { parameters?: Record<string, unknown>, context?: Record<string, unknown>, keys?: string[], timestampS?: number } = {}): ReclaimProof {
  const parameters = o.parameters ?? PARAMETERS
  return signClaim({
    parameters,
    timestampS: o.timestampS ?? NOW,
    context: {
      contextAddress: '0x0',
      contextMessage: 'step-1',
      extractedParameters: { monthlyIncome: '5400.00', accountHolder: '0x1f2e…' },
      providerHash: providerHashOf(parameters),
      reclaimSessionId: SESSION,
      ...o.context
    }
  }, o.keys ?? [attestor.privateKey])
}

function options (extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return { trustedAttestors: [attestor.address], now: NOW, expectedContextMessage: 'step-1', expectedReclaimSessionId: SESSION, source: PAYPAL, ...extra }
}

describe('rule 1.1-1.4: shapes refused before any cryptography (proof_malformed, naming the field)', () => {
  const genuine = proof()
  it.each<[string, (p: ReclaimProof & Record<string, unknown>) => void, string]>([
    ['an error field (zk-fetch#19)', (p) => { p.error = 'attestor failed: timeout' }, 'error'],
    ['an error object', (p) => { p.error = { code: 'ERR', message: 'x' } }, 'error'],
    ['empty signatures', (p) => { p.signatures = [] }, 'signatures'],
    ['more signatures than witnesses', (p) => { p.signatures = [p.signatures[0], p.signatures[0]] }, 'witnesses'],
    ['no witness beside a signature', (p) => { p.witnesses = [] }, 'witnesses'],
    ['a witness listed twice (any case)', (p) => { p.witnesses = [p.witnesses![0], { ...p.witnesses![0], id: p.witnesses![0].id.toUpperCase().replace('0X', '0x') }] }, 'witnesses']
  ])('%s', (_name, change, field) => {
    const forged = structuredClone(genuine) as ReclaimProof & Record<string, unknown>
    change(forged)
    const expected = { valid: false, rule: 'shape', code: 'proof_malformed', field, reason: expect.stringMatching(/^rule 1 \(shape\): /) }
    expect(checkShape(forged)).toEqual(expected)
    expect(verifyProof(forged, options())).toEqual(expected)
  })

  it('leaves a null error field and a proof without a witness list alone', () => {
    expect(verifyProof({ ...genuine, error: null }, options())).toMatchObject({ valid: true })
    const { witnesses: _w, ...bare } = genuine
    expect(verifyProof(bare, options())).toMatchObject({ valid: true })
  })
})

describe('rule 3.1: every signer trusted', () => {
  it('refuses a trusted signer beside an untrusted one, and a sandbox signer beside a live one', () => {
    const stranger = generateAttestor()
    expect(verifyProof(proof({ keys: [attestor.privateKey, stranger.privateKey] }), options())).toMatchObject({ valid: false, rule: 'attestor', reason: expect.stringMatching(/^rule 3\.1: 1 of the proof's 2 signers/) })
    const sandbox = generateAttestor()
    expect(verifyProof(proof({ keys: [attestor.privateKey, sandbox.privateKey] }), options({ sandbox: { attestors: [sandbox.address], accept: true } })))
      .toMatchObject({ valid: false, rule: 'attestor', reason: expect.stringMatching(/sandbox attestor signed this proof beside a live attestor/) })
  })

  it('accepts several trusted signers up to the minimum', () => {
    const second = generateAttestor()
    const both = proof({ keys: [attestor.privateKey, second.privateKey] })
    expect(verifyProof(both, options({ trustedAttestors: [attestor.address, second.address], minSignatures: 2 }))).toMatchObject({ valid: true, signers: [attestor.address, second.address] })
    expect(verifyProof(proof(), options({ trustedAttestors: [attestor.address, second.address], minSignatures: 2 }))).toMatchObject({ valid: false, rule: 'attestor' })
  })
})

describe('rule 4.1: the Reclaim session id wherever the SDK puts it', () => {
  const withProxy = (proxySessionId: string) => ({ ...PARAMETERS, proxySessionId })

  it('reads parameters.proxySessionId when the context has no reclaimSessionId', () => {
    const p = proof({ parameters: withProxy(SESSION), context: { reclaimSessionId: undefined } })
    expect(verifyProof(p, options())).toMatchObject({ valid: true, reclaimSessionId: SESSION, bindings: { sessionIdFrom: 'parameters' } })
  })

  it('refuses a proxySessionId of another session, beside the right context id or alone', () => {
    expect(verifyProof(proof({ parameters: withProxy('other') }), options())).toMatchObject({ valid: false, rule: 'binding', reason: 'proof was made for another Reclaim session' })
    expect(verifyProof(proof({ parameters: withProxy('other'), context: { reclaimSessionId: undefined } }), options())).toMatchObject({ valid: false, rule: 'binding' })
    expect(verifyProof(proof({ context: { reclaimSessionId: undefined } }), options())).toMatchObject({ valid: false, rule: 'binding', reason: expect.stringMatching(/carries no Reclaim session id/) })
  })
})

describe('rule 4.2: the TEE attestation nonce', () => {
  const TS = String(NOW * 1000 - 30_000)
  const nonceData = (o: Record<string, string> = {}) => ({ applicationId: APP_ID, sessionId: SESSION, timestamp: TS, ...o })
  const hashNonce = (data: Record<string, string>, secret = APP_KEY) => keccak256Hex(`RECLAIM_TEE_NONCE_V1:${data.applicationId}:${data.sessionId}:${data.timestamp}:${secret}`).slice(2)
  const legacyNonce = (data: Record<string, string>, key = APP_KEY) =>
    signDigest(eip191Digest(keccak256(`${data.applicationId}:${data.sessionId}:${data.timestamp}`)), Buffer.from(key.slice(2), 'hex'))
  const withNonce = (attestationNonce: string, data: Record<string, string> = nonceData()) => proof({ context: { attestationNonce, attestationNonceData: data } })
  const tee = { applicationId: APP_ID, appSecret: APP_KEY }

  it('verifies the hash form with our app secret, and the legacy signature form with our app id', () => {
    expect(verifyProof(withNonce(hashNonce(nonceData())), options({ tee }))).toMatchObject({ valid: true, teeNonce: 'verified' })
    expect(verifyProof(withNonce(`0x${hashNonce(nonceData())}`), options({ tee }))).toMatchObject({ valid: true, teeNonce: 'verified' })
    expect(verifyProof(withNonce(legacyNonce(nonceData())), options({ tee: { applicationId: APP_ID } }))).toMatchObject({ valid: true, teeNonce: 'verified' })
    expect(verifyProof(proof(), options({ tee }))).toMatchObject({ valid: true, teeNonce: 'absent' })
  })

  it('reports a hash-form nonce unchecked, never trusted, without an app secret', () => {
    expect(verifyProof(withNonce(hashNonce(nonceData())), options({ tee: { applicationId: APP_ID } }))).toMatchObject({ valid: true, teeNonce: 'unchecked', bindings: { teeNonce: 'unchecked' } })
    expect(verifyProof(withNonce(hashNonce(nonceData())), options())).toMatchObject({ valid: true, teeNonce: 'unchecked' })
  })

  it('reads a timestamp written as a number of milliseconds as the same text (the nonce hashes its decimal digits)', () => {
    const numeric = { ...nonceData(), timestamp: Number(TS) }
    expect(verifyProof(proof({ context: { attestationNonce: hashNonce(nonceData()), attestationNonceData: numeric } }), options({ tee }))).toMatchObject({ valid: true, teeNonce: 'verified' })
    expect(verifyProof(proof({ context: { attestationNonce: legacyNonce(nonceData()), attestationNonceData: numeric } }), options({ tee }))).toMatchObject({ valid: true, teeNonce: 'verified' })
    for (const timestamp of [-1, 1.5, 1e300]) {
      expect(verifyProof(proof({ context: { attestationNonce: hashNonce(nonceData()), attestationNonceData: { ...numeric, timestamp } } }), options({ tee }))).toMatchObject({ valid: false, code: 'proof_tee_nonce_invalid' })
    }
  })

  const other = `0x${'43'.repeat(32)}`
  it.each<[string, () => ReclaimProof]>([
    ['a nonce of another app secret', () => withNonce(hashNonce(nonceData(), other))],
    ['a nonce for another application', () => withNonce(hashNonce(nonceData({ applicationId: addressFromPrivateKey(Buffer.from(other.slice(2), 'hex')) })), nonceData({ applicationId: addressFromPrivateKey(Buffer.from(other.slice(2), 'hex')) }))],
    ['a nonce for another session', () => withNonce(hashNonce(nonceData({ sessionId: 'other' })), nonceData({ sessionId: 'other' }))],
    ['a nonce 601 s from timestampS', () => withNonce(hashNonce(nonceData({ timestamp: String(NOW * 1000 + 601_000) })), nonceData({ timestamp: String(NOW * 1000 + 601_000) }))],
    ['a nonce whose data was edited after hashing', () => withNonce(hashNonce(nonceData()), nonceData({ timestamp: String(NOW * 1000) }))],
    ['a legacy nonce signed by another key', () => withNonce(legacyNonce(nonceData(), other))],
    ['a nonce without its data', () => proof({ context: { attestationNonce: hashNonce(nonceData()) } })],
    ['a nonce that is not hex', () => withNonce('zz'.repeat(32))],
    ['a nonce of another length', () => withNonce('ab'.repeat(20))]
  ])('refuses %s (proof_tee_nonce_invalid)', (_name, forge) => {
    expect(verifyProof(forge(), options({ tee }))).toMatchObject({ valid: false, rule: 'binding', code: 'proof_tee_nonce_invalid', reason: expect.stringMatching(/^rule 4\.2 \(TEE attestation nonce\): /) })
  })
})

describe('rule 5.7: request paths', () => {
  it.each([
    ['/myaccount/transactions/summary', ['/myaccount/transactions/summary'], 'exact'],
    ['/myaccount/transactions/summary', ['/myaccount/transactions/*'], 'prefix'],
    ['/myaccount/transactions/', ['/myaccount/transactions/*'], 'prefix'],
    ['/myaccount/transactions', ['/myaccount/transactions/*'], null],
    ['/myaccount/settings', ['/myaccount/transactions/*'], null],
    ['/myaccount/transactions/../settings', ['/myaccount/transactions/*'], null],
    ['/myaccount/transactions/%2e%2e/settings', ['/myaccount/transactions/*'], null],
    ['/myaccount/transactions/{{page}}', ['/myaccount/transactions/*'], null],
    ['/myaccount/transactions/a%2Fb', ['/myaccount/transactions/*'], null],
    ['/myaccount/transactions/a\\..\\b', ['/myaccount/transactions/*'], null]
  ] as const)('%s under %j: %s', (path, paths, bound) => {
    expect(pathAllowed(path, paths)).toBe(bound)
  })

  it('refuses a proof of another page of the host (the red team\'s proof of any www.paypal.com page)', () => {
    const anyPage = { ...PARAMETERS, url: 'https://www.paypal.com/myaccount/profile/public?x={{period}}' }
    expect(verifyProof(proof({ parameters: anyPage }), options())).toMatchObject({ valid: false, rule: 'source', code: 'proof_path_mismatch', reason: expect.stringMatching(/^rule 5\.7 .*\/myaccount\/profile\/public/) })
    const templated = { ...PARAMETERS, url: 'https://www.paypal.com/myaccount/transactions/{{period}}' }
    expect(verifyProof(proof({ parameters: templated }), options())).toMatchObject({ valid: false, code: 'proof_path_mismatch' })
  })

  it('binds by host alone a source that lists no paths, and says so', () => {
    expect(verifyProof(proof(), options({ source: { ...PAYPAL, paths: [] } }))).toMatchObject({ valid: true, bindings: { path: { value: '/myaccount/transactions/summary', bound: 'none' } } })
  })
})

describe('rule 5.8: the redaction that extracts each parameter', () => {
  it('refuses a parameter read through another redaction than the declared one', () => {
    const applicantRegex = { ...PARAMETERS, responseRedactions: [{ jsonPath: '', regex: '"amount":"(.*)"', xPath: '' }, PARAMETERS.responseRedactions[1]] }
    expect(verifyProof(proof({ parameters: applicantRegex }), options())).toMatchObject({ valid: false, rule: 'source', code: 'proof_extraction_mismatch', reason: expect.stringMatching(/^rule 5\.8 .*monthlyIncome.*\$\.summary\.monthlyIncome/) })
    // The right redaction at another index than the match that names the parameter does not count.
    const swapped = { ...PARAMETERS, responseRedactions: [PARAMETERS.responseRedactions[1], PARAMETERS.responseRedactions[0]] }
    expect(verifyProof(proof({ parameters: swapped }), options())).toMatchObject({ valid: false, code: 'proof_extraction_mismatch' })
    const noMatch = { ...PARAMETERS, responseMatches: [{ type: 'contains', value: 'monthly' }, PARAMETERS.responseMatches[1]] }
    expect(verifyProof(proof({ parameters: noMatch }), options())).toMatchObject({ valid: false, code: 'proof_extraction_mismatch' })
    expect(verifyProof(proof(), options({ source: { ...PAYPAL, extraction: { monthlyIncome: { jsonPath: '$.summary.monthlyIncome', regex: '[0-9.]+' } } } }))).toMatchObject({ valid: false, code: 'proof_extraction_mismatch' })
  })

  it('says which rules bound each fact, and marks OPRF-hashed values (rule 5.9)', () => {
    expect(verifyProof(proof(), options())).toMatchObject({
      valid: true,
      hashed: ['accountHolder'],
      bindings: {
        host: 'www.paypal.com',
        path: { value: '/myaccount/transactions/summary', bound: 'prefix' },
        providerPinned: false,
        facts: { monthlyIncome: { extraction: 'jsonPath', hashed: false }, accountHolder: { extraction: 'none', hashed: true } },
        teeNonce: 'absent',
        sessionIdFrom: 'context'
      }
    })
  })
})

describe('the sandbox\'s proofs meet rules 5.7 and 5.8 of every shipped source', () => {
  it.each(parseCatalog(readFileSync(DEFAULT_CATALOG, 'utf8')).filter((d) => (d.proofPaths ?? []).length > 0))('$sourceName', (d) => {
    const sandbox = generateAttestor()
    const source: SourceRequirements = { name: d.name, hosts: d.proofHosts ?? [], providerHashes: [], parameters: d.proofParameters ?? [], paths: d.proofPaths, extraction: d.proofExtraction }
    const made = sandboxProof({ sourceName: d.sourceName, hosts: source.hosts, parameters: source.parameters, paths: d.proofPaths, extraction: d.proofExtraction, contextMessage: 'step-1', reclaimSessionId: SESSION, timestampS: NOW }, sandbox.privateKey)
    expect(verifyProof(made, options({ source, sandbox: { attestors: [sandbox.address], accept: true } }))).toMatchObject({ valid: true, sandbox: true })
  })
})

import { readFileSync } from 'node:fs'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { describe, expect, it } from 'vitest'
import {
  addressFromPrivateKey,
  claimDigest,
  computeIdentifier,
  parseProofs,
  recoverSigner,
  verifyProof,
  type ProofRule,
  type ReclaimProof,
  type VerifyOptions,
} from '../../src/modules/proofs/proof-verifier.js'
import { generateAttestor, signClaim } from '../../src/modules/proofs/proof-signer.js'
import { secp256k1 } from '../../src/lib/eth.js'

interface Vector {
  attestor: string
  attestorPrivateKey: string
  ownerPrivateKey: string
  sessionId: string
  providerHash: string
  proof: ReclaimProof
}

const vector = JSON.parse(readFileSync(new URL('../fixtures/reclaim-vector.json', import.meta.url), 'utf8')) as Vector
const DOCUMENTED_IDENTIFIER = '0x972bb3ed7eaf72e6bca37fbaf0df44b318552153715b171196a3723dcb717f7c'
const DOCUMENTED_ATTESTOR = '0x1a642f0e3c3af545e7acbd38b07251b3990914f1'
const SIGNED_AT = vector.proof.claimData.timestampS
const CONTEXT = JSON.parse(vector.proof.claimData.context) as Record<string, unknown>
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

const trustVector: VerifyOptions = { trustedAttestors: [vector.attestor], now: SIGNED_AT + 60 }

function twin (change: (proof: ReclaimProof) => void): ReclaimProof {
  const proof = structuredClone(vector.proof)
  change(proof)
  return proof
}

// An attacker who edits a signed field can also rewrite the identifier copies; the signature must
// still catch it.
function withIdentifiersRecomputed (proof: ReclaimProof): ReclaimProof {
  const identifier = computeIdentifier(proof.claimData)
  proof.claimData.identifier = identifier
  proof.identifier = identifier
  return proof
}

function rejection (input: unknown, options: VerifyOptions = trustVector): { rule: ProofRule, reason: string } {
  const verdict = verifyProof(input, options)
  if (verdict.valid) throw new Error('expected the proof to be rejected, but it was accepted')
  return { rule: verdict.rule, reason: verdict.reason }
}

function signatureParts (signature: string): { r: bigint, s: bigint, v: number } {
  return {
    r: BigInt(`0x${signature.slice(2, 66)}`),
    s: BigInt(`0x${signature.slice(66, 130)}`),
    v: Number.parseInt(signature.slice(130), 16),
  }
}

function signatureOf (r: bigint, s: bigint, v: number): string {
  return `0x${r.toString(16).padStart(64, '0')}${s.toString(16).padStart(64, '0')}${v.toString(16).padStart(2, '0')}`
}

function signedProof (
  context: object | string,
  attestorKeys: string[],
  timestampS = SIGNED_AT
): ReclaimProof {
  return signClaim({ parameters: vector.proof.claimData.parameters, timestampS, context }, attestorKeys)
}

describe('the Reclaim test vector', () => {
  it('is accepted, with the facts read from the signed context', () => {
    expect(verifyProof(vector.proof, trustVector)).toEqual({
      valid: true,
      identifier: DOCUMENTED_IDENTIFIER,
      owner: '0x5050a4f4b3f9338c3472dcc01a87c76a144b3c9c',
      timestampS: 1767225600,
      epoch: 1,
      provider: 'http',
      providerHash: vector.providerHash,
      // No source given: no host binding, nothing pinned.
      host: null,
      pinned: false,
      sandbox: false,
      contextMessage: 'partner-api:applicant-42',
      reclaimSessionId: 'a1b2c3d4e5',
      extracted: { currency: 'USD', monthlyIncome: '5400.00' },
      signers: [DOCUMENTED_ATTESTOR],
      hashed: [],
      teeNonce: 'absent',
      bindings: {
        host: null,
        path: null,
        providerPinned: false,
        facts: { currency: { extraction: 'none', hashed: false }, monthlyIncome: { extraction: 'none', hashed: false } },
        teeNonce: 'absent',
        sessionIdFrom: 'context',
      },
    })
  })

  it('recomputes to the documented identifier', () => {
    expect(computeIdentifier(vector.proof.claimData)).toBe(DOCUMENTED_IDENTIFIER)
  })

  it('recovers the documented attestor from its signature', () => {
    const { claimData } = vector.proof
    const digest = claimDigest(DOCUMENTED_IDENTIFIER, claimData.owner, claimData.timestampS, claimData.epoch)
    expect(recoverSigner(digest, vector.proof.signatures[0])).toBe(DOCUMENTED_ATTESTOR)
  })

  it('names keys whose addresses are the documented attestor and owner', () => {
    expect(addressFromPrivateKey(hexBytes(vector.attestorPrivateKey))).toBe(DOCUMENTED_ATTESTOR)
    expect(addressFromPrivateKey(hexBytes(vector.ownerPrivateKey))).toBe(vector.proof.claimData.owner)
  })
})

describe('tampering with a signed field', () => {
  const signedFieldEdits: [string, (proof: ReclaimProof) => void][] = [
    ['one byte of parameters', (p) => void (p.claimData.parameters = p.claimData.parameters.replace('5400.00', '9400.00'))],
    ['the meaning of context', (p) => void (p.claimData.context = JSON.stringify({ ...CONTEXT, extractedParameters: { currency: 'USD', monthlyIncome: '9400.00' } }))],
    ['the provider', (p) => void (p.claimData.provider = 'https')],
  ]

  it.each(signedFieldEdits)('rejects %s under the identifier rule when the identifiers are left alone', (_, edit) => {
    expect(rejection(twin(edit)).rule).toBe('identifier')
  })

  it.each(signedFieldEdits)('rejects %s under the attestor rule when the identifiers are recomputed', (_, edit) => {
    expect(rejection(withIdentifiersRecomputed(twin(edit)))).toEqual({
      rule: 'attestor',
      reason: 'no trusted attestor signed this proof',
    })
  })

  it.each<[string, (proof: ReclaimProof) => void]>([
    ['the owner', (p) => void (p.claimData.owner = '0x5050a4f4b3f9338c3472dcc01a87c76a144b3c9d')],
    ['timestampS by one second', (p) => void (p.claimData.timestampS += 1)],
    ['the epoch', (p) => void (p.claimData.epoch = 2)],
    ['one byte of r in the signature', (p) => void (p.signatures[0] = `0x35${p.signatures[0].slice(4)}`)],
    ['the recovery byte of the signature', (p) => void (p.signatures[0] = `${p.signatures[0].slice(0, -2)}1c`)],
  ])('rejects a proof whose %s changed: it no longer recovers the attestor', (_, edit) => {
    expect(rejection(twin(edit))).toEqual({ rule: 'attestor', reason: 'no trusted attestor signed this proof' })
  })

  it('rejects a changed claimData.identifier', () => {
    const proof = twin((p) => void (p.claimData.identifier = `0x${'ab'.repeat(32)}`))
    expect(verifyProof(proof, trustVector)).toEqual({
      valid: false,
      rule: 'identifier',
      reason: 'claimData.identifier does not match the claim it is attached to',
      identifier: DOCUMENTED_IDENTIFIER,
    })
  })

  it('rejects a changed top-level identifier', () => {
    const proof = twin((p) => void (p.identifier = `0x${'ab'.repeat(32)}`))
    expect(rejection(proof)).toEqual({ rule: 'identifier', reason: 'identifier does not match the claim it is attached to' })
  })
})

describe('changes that the signature does not cover', () => {
  it.each<[string, (proof: ReclaimProof) => void]>([
    ['the context keys reordered', (p) => void (p.claimData.context = JSON.stringify(Object.fromEntries(Object.entries(CONTEXT).reverse())))],
    ['the context pretty-printed', (p) => void (p.claimData.context = JSON.stringify(CONTEXT, null, 2))],
    ['the owner in upper-case hex', (p) => void (p.claimData.owner = `0x${p.claimData.owner.slice(2).toUpperCase()}`)],
    ['the identifiers in upper-case hex', (p) => {
      p.claimData.identifier = `0x${DOCUMENTED_IDENTIFIER.slice(2).toUpperCase()}`
      p.identifier = p.claimData.identifier
    }],
    ['no top-level identifier', (p) => void delete p.identifier],
    ['the witnesses replaced', (p) => void (p.witnesses = [{ id: '0x0000000000000000000000000000000000000000', url: 'wss://evil.test' }])],
    ['no witnesses', (p) => void delete p.witnesses],
    ['the recovery byte written as 0/1', (p) => void (p.signatures[0] = `${p.signatures[0].slice(0, -2)}00`)],
  ])('accepts the vector with %s', (_, edit) => {
    const verdict = verifyProof(twin(edit), trustVector)
    expect(verdict).toMatchObject({ valid: true, identifier: DOCUMENTED_IDENTIFIER, owner: vector.proof.claimData.owner })
  })

  it('takes the extracted facts from the signed context, never from the unsigned copies', () => {
    const proof = twin((p) => {
      p.extractedParameterValues = { monthlyIncome: '999999.00', currency: 'USD' }
      p.publicData = { monthlyIncome: '999999.00' }
    })
    expect(verifyProof(proof, trustVector)).toMatchObject({
      valid: true,
      extracted: { currency: 'USD', monthlyIncome: '5400.00' },
    })
  })

  it('reads no facts when the signed context has no extractedParameters object', () => {
    const { privateKey } = generateAttestor()
    for (const extractedParameters of [undefined, 'income', ['5400.00'], null]) {
      const proof = signedProof({ contextMessage: 'm', extractedParameters }, [privateKey])
      proof.extractedParameterValues = { monthlyIncome: '999999.00' }
      const trusted = { ...trustVector, trustedAttestors: [addressFromPrivateKey(hexBytes(privateKey))] }
      expect(verifyProof(proof, trusted)).toMatchObject({ valid: true, extracted: {} })
    }
  })
})

describe('signature checks', () => {
  it('rejects the high-s twin of a valid signature, which would otherwise recover the attestor', () => {
    const { r, s, v } = signatureParts(vector.proof.signatures[0])
    const highS = signatureOf(r, N - s, v === 27 ? 28 : 27)
    const { claimData } = vector.proof
    const digest = claimDigest(DOCUMENTED_IDENTIFIER, claimData.owner, claimData.timestampS, claimData.epoch)
    const bytes = hexBytes(highS)
    const recovered = secp256k1.ecdsaRecover(bytes.subarray(0, 64), bytes[64] - 27, digest, false)
    expect(addressOfPublicKey(recovered)).toBe(addressFromPrivateKey(hexBytes(vector.attestorPrivateKey)))

    expect(rejection(twin((p) => void (p.signatures[0] = highS)))).toEqual({
      rule: 'signature',
      reason: 'signature 1 is not low-s',
    })
  })

  it.each<[string, string]>([
    ['s = 0', signatureOf(signatureParts(vector.proof.signatures[0]).r, 0n, 27)],
    ['r = 0', signatureOf(0n, signatureParts(vector.proof.signatures[0]).s, 27)],
    ['r = n', signatureOf(N, signatureParts(vector.proof.signatures[0]).s, 27)],
    ['s = n', signatureOf(signatureParts(vector.proof.signatures[0]).r, N, 27)],
  ])('rejects a signature with %s', (_, signature) => {
    expect(rejection(twin((p) => void (p.signatures[0] = signature)))).toEqual({
      rule: 'signature',
      reason: 'signature 1 has r or s out of range',
    })
  })

  it.each([2, 26, 29, 255])('rejects a recovery byte of %i', (v) => {
    const { r, s } = signatureParts(vector.proof.signatures[0])
    expect(rejection(twin((p) => void (p.signatures[0] = signatureOf(r, s, v))))).toEqual({
      rule: 'signature',
      reason: 'signature 1 has a recovery byte other than 27, 28, 0 or 1',
    })
  })

  it('rejects a signature whose r is not the x of any curve point', () => {
    // 5^3 + 7 has no square root modulo p, so no public key can be recovered.
    expect(rejection(twin((p) => void (p.signatures[0] = signatureOf(5n, 1n, 27))))).toEqual({
      rule: 'signature',
      reason: 'signature 1 does not recover to a public key',
    })
  })

  it('rejects a proof when any one of its signatures is broken, even beside a valid one', () => {
    const { r, s, v } = signatureParts(vector.proof.signatures[0])
    const proof = twin((p) => {
      p.signatures.push(signatureOf(r, N - s, v === 27 ? 28 : 27))
      p.witnesses?.push({ id: generateAttestor().address, url: 'wss://attestor.example.test/ws' })
    })
    expect(rejection(proof)).toEqual({ rule: 'signature', reason: 'signature 2 is not low-s' })
  })

  it('returns null from recoverSigner for a malformed signature', () => {
    const digest = new Uint8Array(32)
    expect(recoverSigner(digest, '0x1234')).toBeNull()
    expect(recoverSigner(digest, signatureOf(5n, 1n, 27))).toBeNull()
  })
})

describe('trusted attestors', () => {
  it('rejects a proof signed by an attestor that is not trusted', () => {
    const options = { ...trustVector, trustedAttestors: [generateAttestor().address] }
    expect(verifyProof(vector.proof, options)).toEqual({
      valid: false,
      rule: 'attestor',
      reason: 'no trusted attestor signed this proof',
      identifier: DOCUMENTED_IDENTIFIER,
    })
  })

  it('trusts nobody when the list is empty', () => {
    expect(rejection(vector.proof, { ...trustVector, trustedAttestors: [] }).rule).toBe('attestor')
  })

  it('matches trusted addresses in any case', () => {
    const options = { ...trustVector, trustedAttestors: [`0x${vector.attestor.slice(2).toUpperCase()}`] }
    expect(verifyProof(vector.proof, options)).toMatchObject({ valid: true, signers: [DOCUMENTED_ATTESTOR] })
  })

  it('accepts two distinct trusted attestors when two are required', () => {
    const [a, b] = [generateAttestor(), generateAttestor()]
    const proof = signedProof(CONTEXT, [a.privateKey, b.privateKey])
    const verdict = verifyProof(proof, { ...trustVector, trustedAttestors: [a.address, b.address], minSignatures: 2 })
    expect(verdict).toMatchObject({ valid: true })
    expect(verdict.valid && [...verdict.signers].sort()).toEqual([a.address, b.address].sort())
  })

  it('counts the same signature given twice once', () => {
    const a = generateAttestor()
    const proof = signedProof(CONTEXT, [a.privateKey, a.privateKey])
    // Rule 1.4 refuses the witness listed twice; without the (unsigned) witness list, rule 3 counts.
    delete proof.witnesses
    expect(proof.signatures[0]).toBe(proof.signatures[1])
    expect(rejection(proof, { ...trustVector, trustedAttestors: [a.address], minSignatures: 2 })).toEqual({
      rule: 'attestor',
      reason: 'only 1 distinct trusted attestor(s) signed this proof, 2 are required',
    })
  })

  it('refuses a trusted signer beside an untrusted one (rule 3.1), whatever the minimum', () => {
    const [trusted, stranger] = [generateAttestor(), generateAttestor()]
    const proof = signedProof(CONTEXT, [trusted.privateKey, stranger.privateKey])
    const options = { ...trustVector, trustedAttestors: [trusted.address], minSignatures: 2 }
    expect(rejection(proof, options)).toEqual({ rule: 'attestor', reason: `rule 3.1: 1 of the proof's 2 signers (${stranger.address}) are not trusted attestors, and every signer must be` })
    expect(rejection(proof, { ...options, minSignatures: 1 }).rule).toBe('attestor')
    // Both trusted: valid with a minimum of 2.
    expect(verifyProof(proof, { ...options, trustedAttestors: [trusted.address, stranger.address] })).toMatchObject({ valid: true, signers: [trusted.address, stranger.address] })
  })

  it.each([0, -1, Number.NaN, 1.5])('still requires one trusted signer when minSignatures is %s', (minSignatures) => {
    expect(rejection(vector.proof, { ...trustVector, trustedAttestors: [], minSignatures }).rule).toBe('attestor')
    expect(verifyProof(vector.proof, { ...trustVector, minSignatures }).valid).toBe(true)
  })
})

describe('binding to the verification step', () => {
  const attestor = generateAttestor()
  const trustAttestor = { ...trustVector, trustedAttestors: [attestor.address] }

  it('accepts the context message and Reclaim session id the step was initiated with', () => {
    const options = { ...trustVector, expectedContextMessage: 'partner-api:applicant-42', expectedReclaimSessionId: vector.sessionId }
    expect(verifyProof(vector.proof, options)).toMatchObject({
      valid: true,
      contextMessage: 'partner-api:applicant-42',
      reclaimSessionId: 'a1b2c3d4e5',
    })
  })

  it('rejects a proof made for another verification step', () => {
    expect(rejection(vector.proof, { ...trustVector, expectedContextMessage: 'partner-api:applicant-43' })).toEqual({
      rule: 'binding',
      reason: 'proof was made for another verification step',
    })
  })

  it('rejects a proof made in another Reclaim session', () => {
    expect(rejection(vector.proof, { ...trustVector, expectedReclaimSessionId: 'f6e5d4c3b2' })).toEqual({
      rule: 'binding',
      reason: 'proof was made for another Reclaim session',
    })
  })

  it.each<[string, object | string]>([
    ['an empty context', ''],
    ['a context without contextMessage', { reclaimSessionId: 'a1b2c3d4e5' }],
    ['a context whose contextMessage is not a string', { contextMessage: 42, reclaimSessionId: 'a1b2c3d4e5' }],
  ])('rejects %s when a context message is expected', (_, context) => {
    const proof = signedProof(context, [attestor.privateKey])
    expect(rejection(proof, { ...trustAttestor, expectedContextMessage: 'partner-api:applicant-42' })).toEqual({
      rule: 'binding',
      reason: 'proof carries no context message binding it to a verification step',
    })
  })

  it.each<[string, object | string]>([
    ['an empty context', ''],
    ['a context without reclaimSessionId', { contextMessage: 'partner-api:applicant-42' }],
  ])('rejects %s when a Reclaim session id is expected', (_, context) => {
    const proof = signedProof(context, [attestor.privateKey])
    expect(rejection(proof, { ...trustAttestor, expectedReclaimSessionId: 'a1b2c3d4e5' })).toEqual({
      rule: 'binding',
      reason: 'proof carries no Reclaim session id (context.reclaimSessionId or parameters.proxySessionId) binding it to a verification step',
    })
  })

  it('does not check binding when nothing is expected', () => {
    const proof = signedProof('', [attestor.privateKey])
    expect(verifyProof(proof, trustAttestor)).toMatchObject({
      valid: true,
      contextMessage: null,
      reclaimSessionId: null,
      providerHash: null,
      extracted: {},
    })
  })
})

describe('provider pinning', () => {
  it('accepts a provider hash the data source allows, in any case', () => {
    const upper = `0x${vector.providerHash.slice(2).toUpperCase()}`
    for (const allowed of [[vector.providerHash], ['0x01', upper]]) {
      expect(verifyProof(vector.proof, { ...trustVector, allowedProviderHashes: allowed }).valid).toBe(true)
    }
  })

  it('rejects a provider hash the data source does not allow', () => {
    expect(rejection(vector.proof, { ...trustVector, allowedProviderHashes: [`0x${'11'.repeat(32)}`] })).toEqual({
      rule: 'provider',
      reason: 'proof was made with a provider this data source does not allow',
    })
  })

  it('rejects a proof without a provider hash when the data source pins some', () => {
    const attestor = generateAttestor()
    const proof = signedProof({ contextMessage: 'm' }, [attestor.privateKey])
    const options = { ...trustVector, trustedAttestors: [attestor.address], allowedProviderHashes: [vector.providerHash] }
    expect(rejection(proof, options)).toEqual({
      rule: 'provider',
      reason: 'proof names no provider hash, and this data source requires one',
    })
  })

  it('does not pin the provider when the allowed list is empty', () => {
    expect(verifyProof(vector.proof, { ...trustVector, allowedProviderHashes: [] }).valid).toBe(true)
  })
})

describe('freshness', () => {
  const at = (options: Partial<VerifyOptions>) => verifyProof(vector.proof, { ...trustVector, ...options })

  it('accepts a proof up to 10 minutes in the future and rejects one beyond', () => {
    expect(at({ now: SIGNED_AT - 600 }).valid).toBe(true)
    expect(at({ now: SIGNED_AT - 601 })).toMatchObject({
      valid: false,
      rule: 'freshness',
      reason: 'proof is dated more than 600 seconds in the future',
    })
  })

  it('honours a custom future allowance', () => {
    expect(at({ now: SIGNED_AT - 30, maxFutureS: 30 }).valid).toBe(true)
    expect(at({ now: SIGNED_AT - 31, maxFutureS: 30 })).toMatchObject({ valid: false, rule: 'freshness' })
  })

  it("rejects a proof older than the step's initiation minus the clock skew", () => {
    expect(at({ notBefore: SIGNED_AT + 60 }).valid).toBe(true)
    expect(at({ notBefore: SIGNED_AT + 61 })).toMatchObject({
      valid: false,
      rule: 'freshness',
      reason: "proof is older than the step's initiation",
    })
    expect(at({ notBefore: SIGNED_AT + 1, clockSkewS: 0 })).toMatchObject({ valid: false, rule: 'freshness' })
  })

  it('accepts an old proof when no maximum age is set, and enforces one when set', () => {
    expect(at({ now: SIGNED_AT + 10 * 365 * 86_400 }).valid).toBe(true)
    expect(at({ now: SIGNED_AT + 100, maxAgeS: 100 }).valid).toBe(true)
    expect(at({ now: SIGNED_AT + 100, maxAgeS: 99 })).toMatchObject({
      valid: false,
      rule: 'freshness',
      reason: 'proof is older than the maximum age of 99 seconds',
    })
  })

  it('fails closed when a time option is not a number', () => {
    expect(at({ now: Number.NaN })).toMatchObject({ valid: false, rule: 'freshness' })
    expect(at({ notBefore: Number.NaN })).toMatchObject({ valid: false, rule: 'freshness' })
    expect(at({ maxAgeS: Number.NaN })).toMatchObject({ valid: false, rule: 'freshness' })
  })
})

describe('malformed input', () => {
  const claim = vector.proof.claimData
  const withClaim = (patch: Record<string, unknown>) => ({ ...vector.proof, claimData: { ...claim, ...patch } })
  const without = (key: keyof typeof claim) => {
    const claimData: Record<string, unknown> = { ...claim }
    delete claimData[key]
    return { ...vector.proof, claimData }
  }
  const deepContext = `{"a":${'['.repeat(30_000)}${']'.repeat(30_000)}}`

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', JSON.stringify(vector.proof)],
    ['an array', [vector.proof]],
    ['an empty object', {}],
    ['claimData null', { ...vector.proof, claimData: null }],
    ['claimData an array', { ...vector.proof, claimData: [] }],
    ...(Object.keys(claim) as (keyof typeof claim)[]).map((key): [string, unknown] => [`claimData without ${key}`, without(key)]),
    ['an empty provider', withClaim({ provider: '' })],
    ['a provider of 257 characters', withClaim({ provider: 'h'.repeat(257) })],
    ['parameters not a string', withClaim({ parameters: JSON.parse(claim.parameters) })],
    ['parameters over 64 KiB', withClaim({ parameters: 'x'.repeat(64 * 1024 + 1) })],
    ['an owner of 39 bytes', withClaim({ owner: claim.owner.slice(0, -2) })],
    ['an owner without 0x', withClaim({ owner: claim.owner.slice(2) })],
    ['an owner with non-hex digits', withClaim({ owner: `0x${'zz'.repeat(20)}` })],
    ['timestampS as a string', withClaim({ timestampS: String(claim.timestampS) })],
    ['a negative timestampS', withClaim({ timestampS: -1 })],
    ['a fractional timestampS', withClaim({ timestampS: 1767225600.5 })],
    ['an unsafe timestampS', withClaim({ timestampS: 2 ** 53 })],
    ['a timestampS of Infinity', withClaim({ timestampS: Infinity })],
    ['a negative epoch', withClaim({ epoch: -1 })],
    ['epoch null', withClaim({ epoch: null })],
    ['a claimData.identifier of 31 bytes', withClaim({ identifier: claim.identifier.slice(0, -2) })],
    ['a claimData.identifier with non-hex digits', withClaim({ identifier: `0x${'gg'.repeat(32)}` })],
    ['a top-level identifier of null', { ...vector.proof, identifier: null }],
    ['a top-level identifier that is not hex', { ...vector.proof, identifier: 'abc' }],
    ['context not a string', withClaim({ context: CONTEXT })],
    ['context over 64 KiB', withClaim({ context: JSON.stringify({ pad: 'x'.repeat(64 * 1024) }) })],
    ['context that is not JSON', withClaim({ context: '{contextMessage: partner-api}' })],
    ['context that is a JSON array', withClaim({ context: '[]' })],
    ['context that is JSON null', withClaim({ context: 'null' })],
    ['context with a lone surrogate', withClaim({ context: '{"contextMessage":"\\ud800"}' })],
    ['context nested 30,000 deep', withClaim({ context: deepContext })],
    ['no signatures', { ...vector.proof, signatures: [] }],
    ['signatures not an array', { ...vector.proof, signatures: vector.proof.signatures[0] }],
    ['17 signatures', { ...vector.proof, signatures: Array(17).fill(vector.proof.signatures[0]) }],
    ['a signature of 64 bytes', { ...vector.proof, signatures: [vector.proof.signatures[0].slice(0, -2)] }],
    ['a signature without 0x', { ...vector.proof, signatures: [vector.proof.signatures[0].slice(2)] }],
    ['a signature that is a number', { ...vector.proof, signatures: [27] }],
    ['a signature with non-hex digits', { ...vector.proof, signatures: [`0x${'q'.repeat(130)}`] }],
  ])('rejects %s under the shape rule without throwing', (_, input) => {
    const verdict = verifyProof(input, trustVector)
    expect(verdict).toMatchObject({ valid: false, rule: 'shape' })
    expect(verdict.valid || verdict.reason.length > 0).toBe(true)
  })

  it('rejects an object whose fields cannot be read, without throwing', () => {
    const hostile = Object.defineProperty({}, 'claimData', {
      enumerable: true,
      get () {
        throw new Error('boom')
      },
    })
    const proxy = new Proxy(
      {},
      {
        get () {
          throw new Error('boom')
        },
      }
    )
    expect(verifyProof(hostile, trustVector)).toEqual({ valid: false, rule: 'shape', reason: 'proof could not be read' })
    expect(verifyProof(proxy, trustVector)).toMatchObject({ valid: false, rule: 'shape' })
  })

  it('gives a reason that names the offending field', () => {
    expect(rejection(withClaim({ owner: 'me' })).reason).toBe('claimData.owner must be an address (0x and 40 hex digits)')
    expect(rejection(withClaim({ context: 'nope' })).reason).toBe('claimData.context is not valid JSON')
    expect(rejection({ ...vector.proof, signatures: [vector.proof.signatures[0], '0x00'] }).reason).toBe(
      'signature 2 must be 0x and 130 hex digits'
    )
  })

  it('never throws and never accepts a changed signed byte, over 2,000 random one-character edits', () => {
    const text = JSON.stringify(vector.proof)
    const signedStart = text.indexOf('"claimData"')
    const signedEnd = text.indexOf('"witnesses"')
    let seed = 0x2545f491
    const random = (below: number) => {
      seed ^= seed << 13
      seed ^= seed >>> 17
      seed ^= seed << 5
      return (seed >>> 0) % below
    }
    for (let i = 0; i < 2_000; i++) {
      const at = signedStart + random(signedEnd - signedStart)
      const replacement = String.fromCharCode(32 + random(95))
      if (replacement === text[at]) continue
      let mutated: unknown
      try {
        mutated = JSON.parse(text.slice(0, at) + replacement + text.slice(at + 1))
      } catch {
        mutated = text.slice(0, at) + replacement + text.slice(at + 1)
      }
      const verdict = verifyProof(mutated, trustVector)
      if (verdict.valid) {
        // Only edits that leave the signed claim as it was (hex case, context whitespace) may pass.
        expect(verdict.identifier).toBe(DOCUMENTED_IDENTIFIER)
        expect(verdict.owner).toBe(vector.proof.claimData.owner)
        expect(verdict.timestampS).toBe(SIGNED_AT)
      }
    }
  })
})

describe('computeIdentifier', () => {
  it('ignores the key order and spacing of the context but not its values', () => {
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(CONTEXT).reverse()), null, 1)
    expect(computeIdentifier({ ...vector.proof.claimData, context: reordered })).toBe(DOCUMENTED_IDENTIFIER)
    expect(computeIdentifier({ ...vector.proof.claimData, context: JSON.stringify({ ...CONTEXT, contextAddress: '0x1' }) })).not.toBe(
      DOCUMENTED_IDENTIFIER
    )
  })

  it('hashes an empty context as empty', () => {
    expect(computeIdentifier({ provider: 'http', parameters: '{}', context: '' })).toMatch(/^0x[0-9a-f]{64}$/)
  })

  it('throws on a context that is not JSON, since only a programming error gets there', () => {
    expect(() => computeIdentifier({ provider: 'http', parameters: '{}', context: '{' })).toThrow(/not valid JSON/)
  })
})

describe('parseProofs', () => {
  it('wraps one proof object in an array', () => {
    expect(parseProofs(vector.proof)).toEqual([vector.proof])
  })

  it('returns the proofs of an array, as a copy', () => {
    const body = [vector.proof, vector.proof]
    const proofs = parseProofs(body)
    expect(proofs).toEqual(body)
    expect(proofs).not.toBe(body)
  })

  it('parses a JSON string of one proof or of an array', () => {
    expect(parseProofs(JSON.stringify(vector.proof))).toEqual([vector.proof])
    expect(parseProofs(JSON.stringify([vector.proof, vector.proof]))).toEqual([vector.proof, vector.proof])
  })

  it("decodes the Reclaim app's percent-encoded form body, keeping the '+' of the parameters' regex", () => {
    expect(vector.proof.claimData.parameters).toContain('+')
    const [proof] = parseProofs(encodeURIComponent(JSON.stringify(vector.proof)))
    expect(proof).toEqual(vector.proof)
    expect(verifyProof(proof, trustVector).valid).toBe(true)
  })

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a boolean', true],
    ['text that is not JSON', 'hello'],
    ['a JSON number', '42'],
    ['a JSON string', '"proof"'],
    ['a JSON null', 'null'],
    ['a broken percent escape', '%7B%E0%A4%A'],
    ['an empty string', ''],
  ])('returns no proofs for %s', (_, body) => {
    expect(parseProofs(body)).toEqual([])
  })
})

describe('the proof signer', () => {
  it('reproduces the test vector exactly from its attestor key', () => {
    const { claimData } = vector.proof
    const proof = signClaim(
      { parameters: claimData.parameters, owner: claimData.owner, timestampS: claimData.timestampS, context: CONTEXT },
      [vector.attestorPrivateKey]
    )
    expect(proof).toEqual({ ...vector.proof, extractedParameterValues: CONTEXT.extractedParameters })
  })

  it('makes proofs that verify, with low-s signatures and v of 27 or 28', () => {
    const attestor = generateAttestor()
    for (let i = 0; i < 20; i++) {
      const proof = signClaim(
        {
          parameters: { url: 'https://api.example.test/income', method: 'GET', n: i },
          timestampS: SIGNED_AT,
          context: { contextMessage: `step-${i}`, extractedParameters: { income: String(i) } },
        },
        [attestor.privateKey]
      )
      const { s, v } = signatureParts(proof.signatures[0])
      expect(s <= N / 2n).toBe(true)
      expect([27, 28]).toContain(v)
      expect(verifyProof(proof, { ...trustVector, trustedAttestors: [attestor.address], expectedContextMessage: `step-${i}` })).toMatchObject({
        valid: true,
        provider: 'http',
        epoch: 1,
        extracted: { income: String(i) },
        signers: [attestor.address],
      })
      expect(proof.extractedParameterValues).toEqual({ income: String(i) })
    }
  })

  it('generates distinct attestors whose address matches their key', () => {
    const [a, b] = [generateAttestor(), generateAttestor()]
    expect(a.privateKey).toMatch(/^0x[0-9a-f]{64}$/)
    expect(a.address).toMatch(/^0x[0-9a-f]{40}$/)
    expect(addressFromPrivateKey(hexBytes(a.privateKey))).toBe(a.address)
    expect(a.privateKey).not.toBe(b.privateKey)
  })

  it('gives each proof a fresh owner unless one is named', () => {
    const { privateKey } = generateAttestor()
    const [a, b] = [signedProof(CONTEXT, [privateKey]), signedProof(CONTEXT, [privateKey])]
    expect(a.claimData.owner).toMatch(/^0x[0-9a-f]{40}$/)
    expect(a.claimData.owner).not.toBe(b.claimData.owner)
  })
})

function hexBytes (hex: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hex.replace(/^0x/, ''), 'hex'))
}

function addressOfPublicKey (uncompressed: Uint8Array): string {
  return `0x${Buffer.from(keccak_256(uncompressed.subarray(1)).subarray(12)).toString('hex')}`
}

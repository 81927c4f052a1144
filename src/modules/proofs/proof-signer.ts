// Signs claims the way the Reclaim attestor does, so tests and the `demo` command can make real
// proofs with their own attestor keys. Nothing the service accepts is ever signed here.
import { randomBytes } from 'node:crypto'
import canonicalize from 'canonicalize'
import { addressFromPrivateKey, secp256k1, signDigest } from '../../lib/eth.js'
import { claimDigest, computeIdentifier, type ReclaimProof } from './proof-verifier.js'

const WITNESS_URL = 'wss://attestor.example.test/ws'

export interface Attestor {
  address: string
  /** 0x and 64 hex digits. */
  privateKey: string
}

export interface ClaimToSign {
  /** Default 'http', as for every Reclaim HTTP provider. */
  provider?: string
  /** The provider's request spec: a JSON string hashed as given, or an object canonicalised first. */
  parameters: string | object
  /** Default: the address of a fresh key, as the Reclaim app uses an ephemeral one. */
  owner?: string
  /** Unix seconds. */
  timestampS: number
  /** An object is canonicalised (RFC 8785); a string is signed as given. */
  context: object | string
  /** Default 1. */
  epoch?: number
}

export function generateAttestor (): Attestor {
  const privateKey = generatePrivateKey()
  return { address: addressFromPrivateKey(privateKey), privateKey: `0x${Buffer.from(privateKey).toString('hex')}` }
}

export function signClaim (claim: ClaimToSign, attestorPrivateKeys: readonly string[]): ReclaimProof {
  const provider = claim.provider ?? 'http'
  const parameters = typeof claim.parameters === 'string' ? claim.parameters : canonicalJson(claim.parameters)
  const context = typeof claim.context === 'string' ? claim.context : canonicalJson(claim.context)
  const owner = (claim.owner ?? addressFromPrivateKey(generatePrivateKey())).toLowerCase()
  const epoch = claim.epoch ?? 1
  const identifier = computeIdentifier({ provider, parameters, context })
  const digest = claimDigest(identifier, owner, claim.timestampS, epoch)

  const keys = attestorPrivateKeys.map((key) => Uint8Array.from(Buffer.from(key.replace(/^0x/i, ''), 'hex')))
  return {
    identifier,
    claimData: { provider, parameters, owner, timestampS: claim.timestampS, context, identifier, epoch },
    signatures: keys.map((key) => signDigest(digest, key)),
    witnesses: keys.map((key) => ({ id: addressFromPrivateKey(key), url: WITNESS_URL })),
    extractedParameterValues: extractedParametersOf(context),
    publicData: null,
  }
}

function generatePrivateKey (): Uint8Array {
  for (;;) {
    // Rejection sampling: about 1 in 2^128 random values is zero or not below the curve order.
    const candidate = new Uint8Array(randomBytes(32))
    if (secp256k1.privateKeyVerify(candidate)) return candidate
  }
}

function canonicalJson (value: object): string {
  const text = canonicalize(value)
  if (text === undefined) throw new Error('value cannot be serialised as JSON')
  return text
}

// The app's unsigned convenience copy; the verifier reads the signed context instead.
function extractedParametersOf (context: string): unknown {
  if (context === '') return {}
  const parsed: unknown = JSON.parse(context)
  const extracted = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).extractedParameters : undefined
  return extracted ?? {}
}

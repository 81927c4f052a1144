// Offline verification of Reclaim zkTLS proofs, exactly as docs/proof-verification.md specifies.
// Pure: no I/O and no clock (the caller passes `now`), so the service, the CLI and the tests all
// run the same code on the same inputs. Replay (rule 7) needs the database and is the caller's.
import { createRequire } from 'node:module'
import type * as Secp256k1 from 'secp256k1'
import canonicalize from 'canonicalize'
import { keccak_256 } from '@noble/hashes/sha3.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'

// `secp256k1`'s main entry silently falls back to its pure-JS elliptic build when the native addon
// fails to load (~30x slower, blocking the event loop). Loading `bindings` directly makes a broken
// install fail at start-up instead.
const secp256k1 = createRequire(import.meta.url)('secp256k1/bindings') as typeof Secp256k1

export interface ReclaimProof {
  identifier?: string;
  claimData: {
    provider: string;
    parameters: string;
    owner: string;
    timestampS: number;
    context: string;
    identifier: string;
    epoch: number;
  };
  signatures: string[];
  witnesses?: { id: string; url: string }[];
  extractedParameterValues?: unknown;
  publicData?: unknown;
}

export interface VerifyOptions {
  /** Addresses, any case. */
  trustedAttestors: readonly string[];
  /** Distinct trusted signers required; default 1. */
  minSignatures?: number;
  /** When given, context.contextMessage must equal it (rule 4). */
  expectedContextMessage?: string;
  /** When given, context.reclaimSessionId must equal it (rule 4). */
  expectedReclaimSessionId?: string;
  /** When non-empty, context.providerHash must be one of them, any case (rule 5). */
  allowedProviderHashes?: readonly string[];
  /** Unix seconds, from the caller. */
  now: number;
  /** Unix seconds: when the step was initiated; timestampS must be >= notBefore - clockSkewS. */
  notBefore?: number;
  /** Seconds; when given, timestampS must be >= now - maxAgeS. */
  maxAgeS?: number;
  /** Seconds; default 60. */
  clockSkewS?: number;
  /** Seconds; default 600. */
  maxFutureS?: number;
}

export type ProofRule = 'shape' | 'identifier' | 'signature' | 'attestor' | 'binding' | 'provider' | 'freshness'

export type ProofVerdict =
  | {
    valid: true;
    identifier: string;
    owner: string;
    timestampS: number;
    epoch: number;
    provider: string;
    providerHash: string | null;
    contextMessage: string | null;
    reclaimSessionId: string | null;
    extracted: Record<string, unknown>;
    /** The distinct trusted attestors whose signatures counted, lower case. */
    signers: string[];
  }
  | { valid: false; rule: ProofRule; reason: string; identifier?: string }

// Bounds on what one proof may cost us to look at; real proofs are far below them.
const MAX_SIGNATURES = 16
const MAX_PROVIDER_CHARS = 256
const MAX_PARAMETERS_CHARS = 64 * 1024
const MAX_CONTEXT_CHARS = 64 * 1024

const DEFAULT_CLOCK_SKEW_S = 60
const DEFAULT_MAX_FUTURE_S = 600

const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n
// Signatures with s above n/2 are the malleated twins of valid ones (EIP-2); libsecp256k1 never
// produces them, so accepting them would only let one proof exist under two byte strings.
const SECP256K1_HALF_N = SECP256K1_N >> 1n

const HEX_32_BYTES = /^0x[0-9a-fA-F]{64}$/
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/
const HEX_SIGNATURE = /^0x[0-9a-fA-F]{130}$/

type Rejection = Extract<ProofVerdict, { valid: false }>
type Context = Record<string, unknown>

export function verifyProof (input: unknown, options: VerifyOptions): ProofVerdict {
  try {
    return verifyReadProof(input, options)
  } catch {
    // Only an exotic non-JSON input (a throwing getter, a Proxy) reaches this: callers are
    // promised a verdict, never an exception, for anything a client can send.
    return reject('shape', 'proof could not be read')
  }
}

function verifyReadProof (input: unknown, options: VerifyOptions): ProofVerdict {
  const read = readProof(input)
  if (!read.ok) return read.rejection
  const { proof, context } = read
  const { claimData } = proof

  // Rule 2: the identifier is recomputed from the signed fields; the copies in the proof are
  // only checked against it, never trusted.
  const identifier = identifierOf(claimData.provider, claimData.parameters, context.canonical)
  if (claimData.identifier.toLowerCase() !== identifier) {
    return reject('identifier', 'claimData.identifier does not match the claim it is attached to', identifier)
  }
  if (proof.identifier !== undefined && proof.identifier.toLowerCase() !== identifier) {
    return reject('identifier', 'identifier does not match the claim it is attached to', identifier)
  }

  // Rule 3.
  const digest = claimDigest(identifier, claimData.owner, claimData.timestampS, claimData.epoch)
  const recovered = new Set<string>()
  for (const [index, signature] of proof.signatures.entries()) {
    const signer = recoverChecked(digest, signature)
    if (!signer.ok) return reject('signature', `signature ${index + 1} ${signer.problem}`, identifier)
    recovered.add(signer.address)
  }
  const trusted = new Set(options.trustedAttestors.map((address) => address.toLowerCase()))
  const signers = [...recovered].filter((address) => trusted.has(address))
  const required = requiredSignatures(options.minSignatures)
  if (signers.length === 0) return reject('attestor', 'no trusted attestor signed this proof', identifier)
  if (signers.length < required) {
    return reject(
      'attestor',
      `only ${signers.length} distinct trusted attestor(s) signed this proof, ${required} are required`,
      identifier
    )
  }

  // Rule 4.
  const fields = context.parsed
  const contextMessage = stringField(fields, 'contextMessage')
  const reclaimSessionId = stringField(fields, 'reclaimSessionId')
  if (options.expectedContextMessage !== undefined) {
    if (contextMessage === null) {
      return reject('binding', 'proof carries no context message binding it to a verification step', identifier)
    }
    if (contextMessage !== options.expectedContextMessage) {
      return reject('binding', 'proof was made for another verification step', identifier)
    }
  }
  if (options.expectedReclaimSessionId !== undefined) {
    if (reclaimSessionId === null) {
      return reject('binding', 'proof carries no Reclaim session id binding it to a verification step', identifier)
    }
    if (reclaimSessionId !== options.expectedReclaimSessionId) {
      return reject('binding', 'proof was made for another Reclaim session', identifier)
    }
  }

  // Rule 5.
  const providerHash = stringField(fields, 'providerHash')
  const allowed = options.allowedProviderHashes ?? []
  if (allowed.length > 0) {
    if (providerHash === null) {
      return reject('provider', 'proof names no provider hash, and this data source requires one', identifier)
    }
    const wanted = providerHash.toLowerCase()
    if (!allowed.some((hash) => hash.toLowerCase() === wanted)) {
      return reject('provider', 'proof was made with a provider this data source does not allow', identifier)
    }
  }

  // Rule 6.
  const freshness = checkFreshness(claimData.timestampS, options)
  if (freshness !== null) return reject('freshness', freshness, identifier)

  const extracted = fields?.extractedParameters
  return {
    valid: true,
    identifier,
    owner: claimData.owner.toLowerCase(),
    timestampS: claimData.timestampS,
    epoch: claimData.epoch,
    provider: claimData.provider,
    providerHash,
    contextMessage,
    reclaimSessionId,
    extracted: isPlainObject(extracted) ? extracted : {},
    signers,
  }
}

/** keccak256 of the signed claim fields; the proof's unique identity (and replay key). */
export function computeIdentifier (claim: { provider: string; parameters: string; context: string }): string {
  const context = canonicalContext(claim.context)
  if (!context.ok) throw new Error(`cannot compute a proof identifier: ${context.problem}`)
  return identifierOf(claim.provider, claim.parameters, context.canonical)
}

/** The 32-byte EIP-191 digest the attestor signs for a claim. */
export function claimDigest (identifier: string, owner: string, timestampS: number, epoch: number): Uint8Array {
  const message = utf8ToBytes(`${identifier}\n${owner.toLowerCase()}\n${timestampS}\n${epoch}`)
  const prefix = utf8ToBytes(`\x19Ethereum Signed Message:\n${message.length}`)
  return keccak_256(concatBytes(prefix, message))
}

/** The signer's address (lower case), or null when the signature is malformed or does not recover. */
export function recoverSigner (digest: Uint8Array, signatureHex: string): string | null {
  const signer = recoverChecked(digest, signatureHex)
  return signer.ok ? signer.address : null
}

export function addressFromPrivateKey (privateKey: Uint8Array): string {
  return addressFromPublicKey(secp256k1.publicKeyCreate(privateKey, false))
}

/**
 * The proofs in a Reclaim callback body: one proof object, an array of them, or either as a JSON
 * string (percent-encoded too: the app's default form body is `encodeURIComponent(JSON)`).
 * Anything else yields [].
 */
export function parseProofs (body: unknown): unknown[] {
  if (typeof body === 'string') return proofsOf(parseJsonText(body))
  return proofsOf(body)
}

function proofsOf (value: unknown): unknown[] {
  if (Array.isArray(value)) return [...value]
  if (typeof value === 'object' && value !== null) return [value]
  return []
}

function parseJsonText (text: string): unknown {
  const parsed = tryJsonParse(text)
  if (parsed.ok) return parsed.value
  try {
    // decodeURIComponent, not form decoding: '+' stays '+', as in Reclaim's documented receiver,
    // because regexes in `parameters` contain literal '+' and the identifier hashes them.
    const decoded = tryJsonParse(decodeURIComponent(text))
    return decoded.ok ? decoded.value : undefined
  } catch {
    return undefined
  }
}

function tryJsonParse (text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

type ReadProof =
  | { ok: true; proof: ReclaimProof; context: { canonical: string; parsed: Context | null } }
  | { ok: false; rejection: Rejection }

// Rule 1. Copies only the fields the algorithm reads, so nothing unsigned travels further.
function readProof (input: unknown): ReadProof {
  const problem = (reason: string): ReadProof => ({ ok: false, rejection: reject('shape', reason) })
  if (!isPlainObject(input)) return problem('proof must be a JSON object')
  const claimData = input.claimData
  if (!isPlainObject(claimData)) return problem('proof has no claimData object')

  const { provider, parameters, owner, timestampS, context, identifier, epoch } = claimData
  if (typeof provider !== 'string' || provider.length === 0 || provider.length > MAX_PROVIDER_CHARS) {
    return problem(`claimData.provider must be a non-empty string of at most ${MAX_PROVIDER_CHARS} characters`)
  }
  if (typeof parameters !== 'string' || parameters.length > MAX_PARAMETERS_CHARS) {
    return problem(`claimData.parameters must be a string of at most ${MAX_PARAMETERS_CHARS} characters`)
  }
  if (typeof owner !== 'string' || !HEX_ADDRESS.test(owner)) {
    return problem('claimData.owner must be an address (0x and 40 hex digits)')
  }
  if (!isUnsignedInteger(timestampS)) return problem('claimData.timestampS must be a non-negative integer')
  if (!isUnsignedInteger(epoch)) return problem('claimData.epoch must be a non-negative integer')
  if (typeof identifier !== 'string' || !HEX_32_BYTES.test(identifier)) {
    return problem('claimData.identifier must be 0x and 64 hex digits')
  }
  if (input.identifier !== undefined && (typeof input.identifier !== 'string' || !HEX_32_BYTES.test(input.identifier))) {
    return problem('identifier must be 0x and 64 hex digits')
  }
  if (typeof context !== 'string' || context.length > MAX_CONTEXT_CHARS) {
    return problem(`claimData.context must be a string of at most ${MAX_CONTEXT_CHARS} characters`)
  }
  const canonical = canonicalContext(context)
  if (!canonical.ok) return problem(`claimData.context ${canonical.problem}`)

  const signatures = input.signatures
  if (!Array.isArray(signatures) || signatures.length === 0 || signatures.length > MAX_SIGNATURES) {
    return problem(`signatures must be an array of 1 to ${MAX_SIGNATURES} signatures`)
  }
  for (const [index, signature] of signatures.entries()) {
    if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) {
      return problem(`signature ${index + 1} must be 0x and 130 hex digits`)
    }
  }

  return {
    ok: true,
    proof: {
      ...(input.identifier === undefined ? {} : { identifier: input.identifier }),
      claimData: { provider, parameters, owner, timestampS, context, identifier, epoch },
      signatures: [...(signatures as string[])],
    },
    context: canonical,
  }
}

type CanonicalContext = { ok: true; canonical: string; parsed: Context | null } | { ok: false; problem: string }

function canonicalContext (context: string): CanonicalContext {
  if (context === '') return { ok: true, canonical: '', parsed: null }
  const parsed = tryJsonParse(context)
  if (!parsed.ok) return { ok: false, problem: 'is not valid JSON' }
  // Reclaim always signs an object here; anything else is not a context we can bind or read.
  if (!isPlainObject(parsed.value)) return { ok: false, problem: 'must be empty or a JSON object' }
  try {
    const canonical = canonicalize(parsed.value)
    if (canonical === undefined) return { ok: false, problem: 'cannot be canonicalised' }
    return { ok: true, canonical, parsed: parsed.value }
  } catch {
    // RFC 8785 refuses lone surrogates (which JSON.parse lets through), and deep nesting can
    // exhaust the recursion of canonicalize.
    return { ok: false, problem: 'cannot be canonicalised (RFC 8785)' }
  }
}

function identifierOf (provider: string, parameters: string, canonicalContextText: string): string {
  return `0x${bytesToHex(keccak_256(utf8ToBytes(`${provider}\n${parameters}\n${canonicalContextText}`)))}`
}

type Recovered = { ok: true; address: string } | { ok: false; problem: string }

function recoverChecked (digest: Uint8Array, signatureHex: string): Recovered {
  if (!HEX_SIGNATURE.test(signatureHex)) return { ok: false, problem: 'is not 0x and 130 hex digits' }
  const bytes = hexToBytes(signatureHex.slice(2))
  const r = BigInt(`0x${signatureHex.slice(2, 66)}`)
  const s = BigInt(`0x${signatureHex.slice(66, 130)}`)
  const v = bytes[64]
  if (r === 0n || r >= SECP256K1_N || s === 0n || s >= SECP256K1_N) {
    return { ok: false, problem: 'has r or s out of range' }
  }
  if (s > SECP256K1_HALF_N) return { ok: false, problem: 'is not low-s' }
  // Ethereum's personal_sign writes 27/28; some signers write the raw recovery id 0/1.
  const recoveryId = v >= 27 ? v - 27 : v
  if (recoveryId !== 0 && recoveryId !== 1) return { ok: false, problem: 'has a recovery byte other than 27, 28, 0 or 1' }
  try {
    return { ok: true, address: addressFromPublicKey(secp256k1.ecdsaRecover(bytes.subarray(0, 64), recoveryId, digest, false)) }
  } catch {
    return { ok: false, problem: 'does not recover to a public key' }
  }
}

function addressFromPublicKey (uncompressed: Uint8Array): string {
  return `0x${bytesToHex(keccak_256(uncompressed.subarray(1)).subarray(12))}`
}

function checkFreshness (timestampS: number, options: VerifyOptions): string | null {
  const skew = options.clockSkewS ?? DEFAULT_CLOCK_SKEW_S
  const maxFuture = options.maxFutureS ?? DEFAULT_MAX_FUTURE_S
  // A NaN option would make every comparison below false and wave any proof through.
  if ([options.now, skew, maxFuture, options.notBefore ?? 0, options.maxAgeS ?? 0].some(Number.isNaN)) {
    return 'freshness cannot be checked: a time option is not a number'
  }
  if (timestampS > options.now + maxFuture) {
    return `proof is dated more than ${maxFuture} seconds in the future`
  }
  if (options.notBefore !== undefined && timestampS < options.notBefore - skew) {
    return "proof is older than the step's initiation"
  }
  if (options.maxAgeS !== undefined && timestampS < options.now - options.maxAgeS) {
    return `proof is older than the maximum age of ${options.maxAgeS} seconds`
  }
  return null
}

function requiredSignatures (minSignatures: number | undefined): number {
  // Fails closed: a nonsensical setting (0, negative, NaN) still requires one signer.
  return minSignatures !== undefined && Number.isSafeInteger(minSignatures) && minSignatures > 1 ? minSignatures : 1
}

function stringField (context: Context | null, key: string): string | null {
  const value = context?.[key]
  return typeof value === 'string' ? value : null
}

function isPlainObject (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isUnsignedInteger (value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
}

function reject (rule: ProofRule, reason: string, identifier?: string): Rejection {
  return identifier === undefined ? { valid: false, rule, reason } : { valid: false, rule, reason, identifier }
}

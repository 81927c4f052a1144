// Offline verification of Reclaim zkTLS proofs, exactly as docs/proof-verification.md specifies.
// Pure: no I/O and no clock (the caller passes `now`), so the service, the CLI and the tests all
// run the same code on the same inputs. Replay (rule 7) needs the database and is the caller's.
import canonicalize from 'canonicalize'
import { addressFromPrivateKey, addressOf, eip191Digest, keccak256, keccak256Hex, secp256k1 } from '../../lib/eth.js'
import { providerHashOf } from './provider-hash.js'

export { addressFromPrivateKey }

export interface ReclaimProof {
  identifier?: string
  claimData: {
    provider: string
    parameters: string
    owner: string
    timestampS: number
    context: string
    identifier: string
    epoch: number
  }
  signatures: string[]
  witnesses?: { id: string, url: string }[]
  extractedParameterValues?: unknown
  publicData?: unknown
}

export interface VerifyOptions {
  /** Addresses, any case. */
  trustedAttestors: readonly string[]
  /** Distinct trusted signers required; default 1. */
  minSignatures?: number
  /** When given, context.contextMessage must equal it (rule 4). */
  expectedContextMessage?: string
  /**
   * When given, the proof's Reclaim session id must equal it (rule 4): `context.reclaimSessionId`
   * and `parameters.proxySessionId`, each when present, at least one of them present.
   */
  expectedReclaimSessionId?: string
  /**
   * Our Reclaim application, for the TEE attestation nonce (rule 4.2). Without `applicationId` a
   * nonce is checked for consistency only and reported `unchecked`; without `appSecret` a hash-form
   * nonce is reported `unchecked`.
   */
  tee?: { applicationId?: string | null, appSecret?: string | null }
  /** When non-empty, context.providerHash must be one of them, any case (rule 5). */
  allowedProviderHashes?: readonly string[]
  /** The step's data source: rule 5's source binding applies when given. */
  source?: SourceRequirements
  /** An unpinned source (no providerHashes) refuses every proof (RECLAIM_REQUIRE_PINNED). */
  requirePinned?: boolean
  /**
   * Sandbox attestors (docs/proof-verification.md has none: issue 9's simulated proofs). Their
   * signatures count only when `accept` is true (a test session); pinning does not apply to a proof
   * only they signed, every other rule does. Without `accept`, such a proof is refused.
   */
  sandbox?: { attestors: readonly string[], accept: boolean }
  /** Unix seconds, from the caller. */
  now: number
  /** Unix seconds: when the step was initiated; timestampS must be >= notBefore - clockSkewS. */
  notBefore?: number
  /** Seconds; when given, timestampS must be >= now - maxAgeS. */
  maxAgeS?: number
  /** Seconds; default 60. */
  clockSkewS?: number
  /** Seconds; default 600. */
  maxFutureS?: number
}

/** What a genuine proof of a data source looks like (a catalog entry's proofRequirements). */
export interface SourceRequirements {
  /** Display name, for reasons ("... not a host of PayPal"). */
  name: string
  /** Exact https hosts, any case; `host:port` admits a port other than 443. */
  hosts: readonly string[]
  /** Pinned provider hashes, any case; empty = bound by host alone. */
  providerHashes: readonly string[]
  /** Extracted parameters every proof must carry; the only ones that become facts (all when empty). */
  parameters: readonly string[]
  /**
   * Request paths a proof may use (rule 5.7): `/exact/path`, or `/prefix/*` for any path under the
   * prefix. Empty or absent = any path of the hosts.
   */
  paths?: readonly string[]
  /**
   * Per declared parameter, the response redaction that must extract it (rule 5.8): a redaction of
   * the proof with exactly this jsonPath and/or regex, paired (same index) with the response match
   * that names the parameter. A parameter without an entry is not bound to an extraction.
   */
  extraction?: Readonly<Record<string, ExtractionRule>>
}

/** How a source's parameter must be extracted: the redaction's jsonPath, regex, or both. */
export interface ExtractionRule { jsonPath?: string, regex?: string }

/** Which rules bound a verified proof's facts, as the reviewer sees them. */
export interface ProofBindings {
  /** The host the request went to (rule 5), or null without a source. */
  host: string | null
  /** The request path (without the query) and how the source bound it: exact, prefix, or not at all. */
  path: { value: string, bound: 'exact' | 'prefix' | 'none' } | null
  /** The provider hash is one the source pins. */
  providerPinned: boolean
  /** Per fact: how its extraction was bound (`jsonPath`, `regex`, both) or `none`; whether it is an OPRF hash. */
  facts: Record<string, { extraction: 'jsonPath' | 'regex' | 'jsonPath+regex' | 'none', hashed: boolean }>
  /** The TEE attestation nonce (rule 4.2): absent, verified for our app, or present but not checkable here. */
  teeNonce: TeeNonceStatus
  /** Where the Reclaim session id was read: context, parameters (proxySessionId), both, or neither. */
  sessionIdFrom: 'context' | 'parameters' | 'both' | 'none'
}

export type TeeNonceStatus = 'absent' | 'verified' | 'unchecked'

export type ProofRule = 'shape' | 'identifier' | 'signature' | 'attestor' | 'binding' | 'provider' | 'source' | 'freshness'

/** Codes of refusals more specific than their rule (the API's error `code`). */
export type RejectionCode = SourceRuleCode | 'proof_malformed' | 'proof_tee_nonce_invalid'

/** Why rule 5's source binding refused a proof (rule 'source'). */
export type SourceRuleCode =
  | 'proof_provider_not_http'
  | 'proof_url_not_https'
  | 'proof_host_mismatch'
  | 'proof_provider_hash_mismatch'
  | 'proof_provider_not_pinned'
  | 'proof_parameter_missing'
  | 'proof_path_mismatch'
  | 'proof_extraction_mismatch'

export type ProofVerdict =
  | {
    valid: true
    identifier: string
    owner: string
    timestampS: number
    epoch: number
    provider: string
    /** Recomputed from the parameters when a source was given, else as the context names it. */
    providerHash: string | null
    /** The host the proof's request went to (lower case, `:port` when not 443); null without a source. */
    host: string | null
    /** The provider hash is one the source (or allowedProviderHashes) pins. */
    pinned: boolean
    /** Signed only by sandbox attestors. */
    sandbox: boolean
    contextMessage: string | null
    reclaimSessionId: string | null
    extracted: Record<string, unknown>
    /** The distinct trusted attestors whose signatures counted, lower case. */
    signers: string[]
    /** The extracted parameters whose values are OPRF hashes (a redaction with `hash`), never clear values. */
    hashed: string[]
    teeNonce: TeeNonceStatus
    /** Which rules bound the facts (the reviewer's view). */
    bindings: ProofBindings
  }
  | { valid: false, rule: ProofRule, reason: string, identifier?: string, code?: RejectionCode, field?: string }

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

/**
 * Rule 1 alone, with no cryptography: null when the proof is well formed, else its rejection. The
 * service checks every proof of a submission with it before verifying any.
 */
export function checkShape (input: unknown): Rejection | null {
  try {
    const read = readProof(input)
    return read.ok ? null : read.rejection
  } catch {
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

  // Rule 3: every signer must be trusted (3.1: an untrusted co-signer is refused, not ignored), and
  // at least minSignatures distinct trusted attestors must have signed.
  const digest = claimDigest(identifier, claimData.owner, claimData.timestampS, claimData.epoch)
  const recovered = new Set<string>()
  for (const [index, signature] of proof.signatures.entries()) {
    const signer = recoverChecked(digest, signature)
    if (!signer.ok) return reject('signature', `signature ${index + 1} ${signer.problem}`, identifier)
    recovered.add(signer.address)
  }
  const trusted = new Set(options.trustedAttestors.map((address) => address.toLowerCase()))
  const sandboxAttestors = new Set((options.sandbox?.attestors ?? []).map((address) => address.toLowerCase()))
  const liveSigners = [...recovered].filter((address) => trusted.has(address) && !sandboxAttestors.has(address))
  const sandboxSigners = [...recovered].filter((address) => sandboxAttestors.has(address))
  const untrusted = [...recovered].filter((address) => !trusted.has(address) && !sandboxAttestors.has(address))
  if (liveSigners.length === 0 && sandboxSigners.length === 0) return reject('attestor', 'no trusted attestor signed this proof', identifier)
  if (untrusted.length > 0) {
    return reject('attestor', `rule 3.1: ${untrusted.length} of the proof's ${recovered.size} signers (${untrusted.join(', ')}) are not trusted attestors, and every signer must be`, identifier)
  }
  if (liveSigners.length > 0 && sandboxSigners.length > 0) {
    return reject('attestor', 'rule 3.1: the sandbox attestor signed this proof beside a live attestor, and a proof is either a sandbox proof or a live one', identifier)
  }
  const sandbox = sandboxSigners.length > 0
  if (sandbox && options.sandbox?.accept !== true) {
    return reject('attestor', 'this proof was signed by the sandbox attestor, which only test sessions accept', identifier)
  }
  const signers = sandbox ? sandboxSigners : liveSigners
  // The sandbox is one attestor of this instance: its proof is enough signers whatever
  // RECLAIM_MIN_SIGNATURES asks of live attestors.
  const required = sandbox ? 1 : requiredSignatures(options.minSignatures)
  if (signers.length < required) {
    return reject(
      'attestor',
      `only ${signers.length} distinct trusted attestor(s) signed this proof, ${required} are required`,
      identifier
    )
  }

  // Rule 4: the context message, the Reclaim session id wherever the SDK put it (4.1), the TEE nonce (4.2).
  const fields = context.parsed
  const parsedParameters = tryJsonParse(claimData.parameters)
  const parameters = parsedParameters.ok && isPlainObject(parsedParameters.value) ? parsedParameters.value : null
  const contextMessage = stringField(fields, 'contextMessage')
  const contextSessionId = stringField(fields, 'reclaimSessionId')
  const proxySessionId = typeof parameters?.proxySessionId === 'string' ? parameters.proxySessionId : null
  const reclaimSessionId = contextSessionId ?? proxySessionId
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
      return reject('binding', 'proof carries no Reclaim session id (context.reclaimSessionId or parameters.proxySessionId) binding it to a verification step', identifier)
    }
    if ((contextSessionId !== null && contextSessionId !== options.expectedReclaimSessionId) ||
      (proxySessionId !== null && proxySessionId !== options.expectedReclaimSessionId)) {
      return reject('binding', 'proof was made for another Reclaim session', identifier)
    }
  }
  const tee = checkTeeNonce(fields, claimData.timestampS, reclaimSessionId, options)
  if (!tee.ok) {
    return { valid: false, rule: 'binding', code: 'proof_tee_nonce_invalid', reason: `rule 4.2 (TEE attestation nonce): ${tee.reason}`, identifier }
  }

  // Rule 5: the provider hash pins of the caller (allowedProviderHashes), then the source binding.
  const contextProviderHash = stringField(fields, 'providerHash')
  const allowed = options.allowedProviderHashes ?? []
  let pinned = false
  if (allowed.length > 0 && !sandbox) {
    if (contextProviderHash === null) {
      return reject('provider', 'proof names no provider hash, and this data source requires one', identifier)
    }
    const wanted = contextProviderHash.toLowerCase()
    if (!allowed.some((hash) => hash.toLowerCase() === wanted)) {
      return reject('provider', 'proof was made with a provider this data source does not allow', identifier)
    }
    pinned = true
  }
  const extractedFields = isPlainObject(fields?.extractedParameters) ? fields.extractedParameters : {}
  let providerHash = contextProviderHash
  let host: string | null = null
  let path: ProofBindings['path'] = null
  let extracted = extractedFields
  let extraction: Record<string, ExtractionBound> = {}
  if (options.source !== undefined) {
    const bound = bindSource(claimData, parameters, contextProviderHash, extractedFields, options.source, {
      requirePinned: options.requirePinned === true && !sandbox,
      checkPins: !sandbox,
    })
    if (!bound.ok) return { valid: false, rule: 'source', code: bound.code, reason: `rule ${bound.rule} (source binding): ${bound.reason}`, identifier }
    providerHash = bound.providerHash
    host = bound.host
    path = bound.path
    extracted = bound.extracted
    extraction = bound.extraction
    pinned = pinned || bound.pinned
  }

  // Rule 6.
  const freshness = checkFreshness(claimData.timestampS, options)
  if (freshness !== null) return reject('freshness', freshness, identifier)

  const hashed = hashedParameters(parameters, Object.keys(extracted))
  return {
    valid: true,
    identifier,
    owner: claimData.owner.toLowerCase(),
    timestampS: claimData.timestampS,
    epoch: claimData.epoch,
    provider: claimData.provider,
    providerHash,
    host,
    pinned,
    sandbox,
    contextMessage,
    reclaimSessionId,
    extracted,
    signers,
    hashed,
    teeNonce: tee.status,
    bindings: {
      host,
      path,
      providerPinned: pinned,
      facts: Object.fromEntries(Object.keys(extracted).map((name) => [name, { extraction: extraction[name] ?? 'none', hashed: hashed.includes(name) }])),
      teeNonce: tee.status,
      sessionIdFrom: contextSessionId !== null && proxySessionId !== null ? 'both' : contextSessionId !== null ? 'context' : proxySessionId !== null ? 'parameters' : 'none',
    },
  }
}

// RECLAIM_TEE_NONCE_V1 (reclaim-js-sdk attestationNonce.ts) and the skew the SDK allows between the
// nonce's timestamp and the claim's (verifyTee.ts).
const TEE_NONCE_DOMAIN = 'RECLAIM_TEE_NONCE_V1'
const TEE_NONCE_MAX_SKEW_MS = 600_000

type TeeCheck = { ok: true, status: TeeNonceStatus } | { ok: false, reason: string }

/**
 * Rule 4.2: a TEE flow's `context.attestationNonce` with `attestationNonceData {applicationId,
 * sessionId, timestamp}` must be made for our application and this proof's Reclaim session, within
 * 600 s of timestampS, and be either keccak256(`RECLAIM_TEE_NONCE_V1:app:session:timestamp:secret`)
 * (checkable only with our app secret) or the legacy EIP-191 signature, by the application key, of
 * keccak256(`app:session:timestamp`) (the form of Reclaim's 2026-03 production proofs).
 */
function checkTeeNonce (fields: Context | null, timestampS: number, sessionId: string | null, options: VerifyOptions): TeeCheck {
  if (fields === null || !Object.hasOwn(fields, 'attestationNonce')) return { ok: true, status: 'absent' }
  const invalid = (reason: string): TeeCheck => ({ ok: false, reason })
  const nonce = fields.attestationNonce
  const data = fields.attestationNonceData
  if (typeof nonce !== 'string') return invalid('context.attestationNonce is not a string')
  const hex = nonce.replace(/^0x/i, '').toLowerCase()
  if (!/^[0-9a-f]*$/.test(hex) || (hex.length !== 64 && hex.length !== 130)) {
    return invalid('context.attestationNonce is neither a 32-byte hash nor a 65-byte signature in hex')
  }
  if (!isPlainObject(data)) return invalid('the proof carries context.attestationNonce without attestationNonceData')
  const { applicationId, sessionId: nonceSessionId } = data
  // The SDK writes the timestamp as a string of milliseconds; a number of them reads as its decimal digits.
  const timestamp = isUnsignedInteger(data.timestamp) ? String(data.timestamp) : data.timestamp
  if (typeof applicationId !== 'string' || !HEX_ADDRESS.test(applicationId)) return invalid('attestationNonceData.applicationId is not an application address')
  if (typeof nonceSessionId !== 'string' || nonceSessionId === '') return invalid('attestationNonceData.sessionId is missing')
  if (typeof timestamp !== 'string' || !/^\d{1,16}$/.test(timestamp)) return invalid('attestationNonceData.timestamp is not a time in milliseconds')
  if (sessionId === null || nonceSessionId !== sessionId) {
    return invalid(`the nonce was made for Reclaim session "${printable(nonceSessionId)}", not the proof's`)
  }
  if (Math.abs(timestampS * 1000 - Number(timestamp)) > TEE_NONCE_MAX_SKEW_MS) {
    return invalid(`the nonce's timestamp is more than ${TEE_NONCE_MAX_SKEW_MS / 1000} s from the claim's timestampS`)
  }
  const ours = options.tee?.applicationId ?? null
  if (ours !== null && ours !== '' && applicationId.toLowerCase() !== ours.toLowerCase()) {
    return invalid(`the nonce was made for application ${applicationId}, not this service's`)
  }
  const checked: TeeNonceStatus = ours !== null && ours !== '' ? 'verified' : 'unchecked'
  if (hex.length === 130) {
    const signer = recoverChecked(eip191Digest(keccak256(`${applicationId}:${nonceSessionId}:${timestamp}`)), `0x${hex}`)
    if (!signer.ok || signer.address !== applicationId.toLowerCase()) {
      return invalid('the nonce is not the application key\'s signature of its application id, session id and timestamp')
    }
    return { ok: true, status: checked }
  }
  const secret = options.tee?.appSecret ?? null
  if (secret === null || secret === '') return { ok: true, status: 'unchecked' }
  if (keccak256Hex(`${TEE_NONCE_DOMAIN}:${applicationId}:${nonceSessionId}:${timestamp}:${secret}`).slice(2) !== hex) {
    return invalid('the nonce is not the hash of this service\'s application secret with its application id, session id and timestamp')
  }
  return { ok: true, status: checked }
}

type ExtractionBound = ProofBindings['facts'][string]['extraction']

type SourceBinding =
  | {
    ok: true
    host: string
    path: NonNullable<ProofBindings['path']>
    providerHash: string
    pinned: boolean
    extracted: Record<string, unknown>
    extraction: Record<string, ExtractionBound>
  }
  | { ok: false, rule: string, code: SourceRuleCode, reason: string }

function bindSource (
  claimData: ReclaimProof['claimData'],
  parameters: Record<string, unknown> | null,
  contextProviderHash: string | null,
  extractedFields: Record<string, unknown>,
  source: SourceRequirements,
  policy: { requirePinned: boolean, checkPins: boolean }
): SourceBinding {
  const refuse = (code: SourceRuleCode, reason: string, rule = '5'): SourceBinding => ({ ok: false, rule, code, reason })
  if (claimData.provider !== 'http') {
    return refuse('proof_provider_not_http', `the proof's provider is "${printable(claimData.provider)}", not http, and ${source.name} is proven over HTTP`)
  }
  const url = parameters?.url
  if (typeof url !== 'string') return refuse('proof_url_not_https', 'the proof\'s parameters name no request URL')
  const target = requestHost(url)
  if (target === null) return refuse('proof_url_not_https', `the proof's request URL ${printable(url)} is not an https URL`)
  if (!plainAuthority(url, target)) {
    return refuse('proof_url_not_https', `the proof's request URL ${printable(url)} writes more than a host name before its path (credentials, a template or other characters), so the host its request went to cannot be known`)
  }
  if (!hostAllowed(target, source.hosts)) {
    return refuse('proof_host_mismatch', `the proof's request went to ${target}, which is not a host of ${source.name}`)
  }
  const rawPath = requestPath(url)
  const pathBound = (source.paths ?? []).length === 0 ? 'none' : pathAllowed(rawPath, source.paths ?? [])
  if (pathBound === null) {
    return refuse('proof_path_mismatch', `the proof's request path ${printable(rawPath)} is not one ${source.name}'s proofs may use`, '5.7')
  }

  const providerHash = providerHashOf(parameters)
  if (providerHash === null) {
    return refuse('proof_provider_hash_mismatch', 'the proof\'s parameters are not an HTTP provider\'s request spec, so its provider hash cannot be recomputed')
  }
  if (contextProviderHash === null) {
    return refuse('proof_provider_hash_mismatch', 'the proof\'s context names no provider hash')
  }
  if (contextProviderHash.toLowerCase() !== providerHash) {
    return refuse('proof_provider_hash_mismatch', `the provider hash recomputed from the proof's parameters (${providerHash}) is not the one its context names`)
  }
  const pins = source.providerHashes.map((hash) => hash.toLowerCase())
  const pinned = pins.includes(providerHash)
  if (policy.checkPins && pins.length > 0 && !pinned) {
    return refuse('proof_provider_not_pinned', `the proof was made with provider ${providerHash}, which is not one ${source.name} pins`)
  }
  if (policy.requirePinned && pins.length === 0) {
    return refuse('proof_provider_not_pinned', `${source.name} pins no provider hash, and this service accepts only pinned sources`)
  }

  const missing = source.parameters.filter((name) => !Object.hasOwn(extractedFields, name))
  if (missing.length > 0) {
    return refuse('proof_parameter_missing', `the proof does not carry ${missing.join(', ')}, which ${source.name} requires`)
  }
  const extracted = source.parameters.length === 0
    ? extractedFields
    : Object.fromEntries(source.parameters.map((name) => [name, extractedFields[name]]))

  // Rule 5.8: each declared parameter comes out of the redaction the source declares for it.
  const extraction: Record<string, ExtractionBound> = {}
  for (const [name, rule] of Object.entries(source.extraction ?? {})) {
    if (!Object.hasOwn(extracted, name)) continue
    const redaction = redactionOf(parameters, name)
    const jsonPathOk = rule.jsonPath === undefined || redaction?.jsonPath === rule.jsonPath
    const regexOk = rule.regex === undefined || redaction?.regex === rule.regex
    if (redaction === null || !jsonPathOk || !regexOk) {
      const wanted = [rule.jsonPath === undefined ? null : `jsonPath ${rule.jsonPath}`, rule.regex === undefined ? null : `regex ${rule.regex}`].filter((part) => part !== null).join(' and ')
      return refuse('proof_extraction_mismatch', `the proof does not extract ${name} with the redaction ${source.name} declares for it (${printable(wanted)})`, '5.8')
    }
    extraction[name] = rule.jsonPath !== undefined && rule.regex !== undefined ? 'jsonPath+regex' : rule.jsonPath !== undefined ? 'jsonPath' : 'regex'
  }
  return { ok: true, host: target, path: { value: rawPath, bound: pathBound }, providerHash, pinned, extracted, extraction }
}

/** The response matches and redactions of a request spec, as arrays (empty when absent or malformed). */
function matchesAndRedactions (parameters: Record<string, unknown> | null): { matches: unknown[], redactions: unknown[] } {
  return {
    matches: Array.isArray(parameters?.responseMatches) ? parameters.responseMatches : [],
    redactions: Array.isArray(parameters?.responseRedactions) ? parameters.responseRedactions : [],
  }
}

/** The index of the response match that names a parameter (a `(?<name>` group or a `{{name}}` template), or -1. */
function matchIndexOf (matches: unknown[], name: string): number {
  return matches.findIndex((match) => isPlainObject(match) && typeof match.value === 'string' &&
    (match.value.includes(`(?<${name}>`) || match.value.includes(`{{${name}}}`)))
}

/** The redaction paired (same index, as the SDK pairs them) with the match that names `name`, or null. */
function redactionOf (parameters: Record<string, unknown> | null, name: string): { jsonPath?: unknown, regex?: unknown, hash?: unknown } | null {
  const { matches, redactions } = matchesAndRedactions(parameters)
  const index = matchIndexOf(matches, name)
  const redaction = index >= 0 ? redactions[index] : undefined
  return isPlainObject(redaction) ? redaction : null
}

/**
 * Rule 5.9: the parameters whose values are OPRF hashes, not clear values: those read through a
 * redaction with `hash`, and, when any redaction hashes, those no match names (we cannot tell).
 */
function hashedParameters (parameters: Record<string, unknown> | null, names: string[]): string[] {
  const { matches, redactions } = matchesAndRedactions(parameters)
  const hashes = (redaction: unknown) => isPlainObject(redaction) && typeof redaction.hash === 'string' && redaction.hash !== ''
  if (!redactions.some(hashes)) return []
  return names.filter((name) => {
    const index = matchIndexOf(matches, name)
    return index < 0 || hashes(redactions[index])
  })
}

const HOST_NAME = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$/

/** `host` or `host:port` of an https URL (lower case; no port when 443), or null. */
function requestHost (url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== 'https:') return null
  // A template placeholder or anything else outside plain DNS names (IP literals included) in the
  // host cannot be bound to a source.
  if (!HOST_NAME.test(parsed.hostname)) return null
  return parsed.port === '' ? parsed.hostname : `${parsed.hostname}:${parsed.port}`
}

/**
 * The URL's raw text names its host literally: `https://` then exactly the host (any case, an
 * optional port), then the end, `/`, `?` or `#`. attestor-core connects to the host of the URL after
 * substituting its `{{templates}}` (paramValues, and secret params no verifier sees): a template in
 * the userinfo (`https://{{u}}@www.paypal.com/` with u = `evil.test/`) or anything WHATWG parsing
 * drops or rewrites would make the host read here differ from the host the attestor reached.
 */
function plainAuthority (url: string, target: string): boolean {
  const rest = url.slice('https://'.length)
  const end = rest.search(/[/?#]/)
  const authority = (end === -1 ? rest : rest.slice(0, end)).toLowerCase()
  return url.slice(0, 'https://'.length).toLowerCase() === 'https://' &&
    (authority === target || (!target.includes(':') && authority === `${target}:443`))
}

/** The raw path of an https URL as written (after the authority, before `?` or `#`); `/` when empty. */
function requestPath (url: string): string {
  const rest = url.slice('https://'.length)
  const start = rest.search(/[/?#]/)
  if (start === -1 || rest[start] !== '/') return '/'
  const path = rest.slice(start)
  const end = path.search(/[?#]/)
  return end === -1 ? path : path.slice(0, end)
}

// A path the server may read as another one: a template (filled from paramValues or secret params no
// verifier sees), a dot segment, an encoded dot or slash, a backslash.
const UNSAFE_PATH = /\{\{|(^|\/)\.\.?(\/|$)|%2e|%2f|%5c|\\/i

/** How a path is bound by a source's paths (`/exact`, `/prefix/*`): 'exact', 'prefix', or null. */
export function pathAllowed (path: string, paths: readonly string[]): 'exact' | 'prefix' | null {
  if (UNSAFE_PATH.test(path)) return null
  if (paths.includes(path)) return 'exact'
  return paths.some((entry) => entry.endsWith('*') && path.startsWith(entry.slice(0, -1))) ? 'prefix' : null
}

function hostAllowed (target: string, hosts: readonly string[]): boolean {
  return hosts.some((host) => {
    const wanted = host.toLowerCase()
    return wanted === target || (wanted.endsWith(':443') && wanted.slice(0, -4) === target)
  })
}

/** For reasons: at most 120 characters, control characters escaped. */
function printable (text: string): string {
  const shown = JSON.stringify(text.length > 120 ? `${text.slice(0, 120)}…` : text)
  return shown.slice(1, -1)
}

/** keccak256 of the signed claim fields; the proof's unique identity (and replay key). */
export function computeIdentifier (claim: { provider: string, parameters: string, context: string }): string {
  const context = canonicalContext(claim.context)
  if (!context.ok) throw new Error(`cannot compute a proof identifier: ${context.problem}`)
  return identifierOf(claim.provider, claim.parameters, context.canonical)
}

/** The 32-byte EIP-191 digest the attestor signs for a claim. */
export function claimDigest (identifier: string, owner: string, timestampS: number, epoch: number): Uint8Array {
  return eip191Digest(`${identifier}\n${owner.toLowerCase()}\n${timestampS}\n${epoch}`)
}

/** The signer's address (lower case), or null when the signature is malformed or does not recover. */
export function recoverSigner (digest: Uint8Array, signatureHex: string): string | null {
  const signer = recoverChecked(digest, signatureHex)
  return signer.ok ? signer.address : null
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

function tryJsonParse (text: string): { ok: true, value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch {
    return { ok: false }
  }
}

type ReadProof =
  | { ok: true, proof: ReclaimProof, context: { canonical: string, parsed: Context | null } }
  | { ok: false, rejection: Rejection }

// Rule 1. Copies only the fields the algorithm reads, so nothing unsigned travels further.
function readProof (input: unknown): ReadProof {
  const problem = (reason: string): ReadProof => ({ ok: false, rejection: reject('shape', reason) })
  const malformed = (field: string, reason: string): ReadProof =>
    ({ ok: false, rejection: { valid: false, rule: 'shape', code: 'proof_malformed', field, reason: `rule 1 (shape): ${reason}` } })
  if (!isPlainObject(input)) return problem('proof must be a JSON object')
  // Rule 1.1: a proof the app or zkFetch marked as failed (zk-fetch#19 returned such proofs as valid).
  if (input.error !== undefined && input.error !== null) {
    return malformed('error', 'the proof carries an error field: the Reclaim app or SDK marked it as failed')
  }
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
  // Rule 1.2.
  if (Array.isArray(signatures) && signatures.length === 0) return malformed('signatures', 'signatures is empty: no attestor signed this proof')
  if (!Array.isArray(signatures) || signatures.length > MAX_SIGNATURES) {
    return problem(`signatures must be an array of 1 to ${MAX_SIGNATURES} signatures`)
  }
  for (const [index, signature] of signatures.entries()) {
    if (typeof signature !== 'string' || !HEX_SIGNATURE.test(signature)) {
      return problem(`signature ${index + 1} must be 0x and 130 hex digits`)
    }
  }
  // Rules 1.3 and 1.4: witnesses are not signed, but a proof listing fewer witnesses than signatures,
  // or one witness twice, was not assembled by a Reclaim client.
  const witnesses = input.witnesses
  if (witnesses !== undefined) {
    if (!Array.isArray(witnesses) || witnesses.length > MAX_SIGNATURES || !witnesses.every((w) => isPlainObject(w) && typeof w.id === 'string' && w.id.length <= 256)) {
      return problem(`witnesses must be an array of at most ${MAX_SIGNATURES} objects with a string id`)
    }
    if (signatures.length > witnesses.length) {
      return malformed('witnesses', `witnesses lists ${witnesses.length} witness(es) but the proof has ${signatures.length} signatures`)
    }
    const ids = witnesses.map((w) => (w.id as string).toLowerCase())
    if (new Set(ids).size !== ids.length) return malformed('witnesses', 'witnesses lists a witness twice')
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

type CanonicalContext = { ok: true, canonical: string, parsed: Context | null } | { ok: false, problem: string }

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
  return keccak256Hex(`${provider}\n${parameters}\n${canonicalContextText}`)
}

type Recovered = { ok: true, address: string } | { ok: false, problem: string }

function recoverChecked (digest: Uint8Array, signatureHex: string): Recovered {
  if (!HEX_SIGNATURE.test(signatureHex)) return { ok: false, problem: 'is not 0x and 130 hex digits' }
  const bytes = Buffer.from(signatureHex.slice(2), 'hex')
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
    return { ok: true, address: addressOf(secp256k1.ecdsaRecover(bytes.subarray(0, 64), recoveryId, digest, false)) }
  } catch {
    return { ok: false, problem: 'does not recover to a public key' }
  }
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

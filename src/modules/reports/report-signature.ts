// The evidence bundle's signature: Ed25519 over the RFC 8785 canonical JSON of the bundle, so
// anyone holding the instance's public key (GET /.well-known/partner-api-report-key) re-checks a
// report offline. Pure: no I/O, the key is passed in.
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto'
import canonicalize from 'canonicalize'

export interface ReportKey {
  privateKey: KeyObject
  publicKey: KeyObject
  /** The key's id: the start of the sha256 of its raw public key, base64url. */
  kid: string
}

export interface PublicJwk { kty: 'OKP', crv: 'Ed25519', x: string, kid: string, alg: 'EdDSA', use: 'sig' }

export interface ReportSignature { alg: 'Ed25519', kid: string, value: string }

export interface SignedReport<B> { bundle: B, signature: ReportSignature }

// PKCS #8 wrapping of a raw Ed25519 seed (RFC 8410): this prefix, then the 32 bytes.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')

/** The key of a 32-byte seed given as 64 hex characters. */
export function reportKeyFromSeed (seedHex: string): ReportKey {
  const seed = Buffer.from(seedHex.replace(/^0x/, ''), 'hex')
  if (seed.length !== 32) throw new Error('an Ed25519 seed is 32 bytes (64 hex characters)')
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' })
  const publicKey = createPublicKey(privateKey)
  return { privateKey, publicKey, kid: kidOf(publicKey) }
}

function kidOf (publicKey: KeyObject): string {
  const x = publicKey.export({ format: 'jwk' }).x as string
  return createHash('sha256').update(Buffer.from(x, 'base64url')).digest('base64url').slice(0, 16)
}

export function publicJwk (key: Pick<ReportKey, 'publicKey' | 'kid'>): PublicJwk {
  return { kty: 'OKP', crv: 'Ed25519', x: key.publicKey.export({ format: 'jwk' }).x as string, kid: key.kid, alg: 'EdDSA', use: 'sig' }
}

/** A public key from its JWK (as /.well-known serves it) or the raw 32 bytes in base64url. */
export function publicKeyFrom (text: string): { publicKey: KeyObject, kid: string } {
  const trimmed = text.trim()
  const x = trimmed.startsWith('{') ? (JSON.parse(trimmed) as { x?: unknown }).x : trimmed
  if (typeof x !== 'string' || Buffer.from(x, 'base64url').length !== 32) throw new Error('not an Ed25519 public key (a JWK with "x", or 32 bytes in base64url)')
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' })
  return { publicKey, kid: kidOf(publicKey) }
}

/** The RFC 8785 canonical JSON of a bundle: what is signed and what the PDF's sha256 is of. */
export function canonicalBundle (bundle: unknown): string {
  const text = canonicalize(bundle)
  if (text === undefined) throw new Error('the bundle cannot be canonicalized')
  return text
}

export const bundleSha256 = (bundle: unknown): string => createHash('sha256').update(canonicalBundle(bundle)).digest('hex')

export function signBundle<B> (bundle: B, key: ReportKey): SignedReport<B> {
  const { bundle: b, signature } = signAndDigest(bundle, key)
  return { bundle: b, signature }
}

/** The signed report and the sha256 the PDF prints, from one canonicalization of the bundle. */
export function signAndDigest<B> (bundle: B, key: ReportKey): SignedReport<B> & { sha256: string } {
  const canonical = Buffer.from(canonicalBundle(bundle))
  const value = sign(null, canonical, key.privateKey).toString('base64url')
  return { bundle, signature: { alg: 'Ed25519', kid: key.kid, value }, sha256: createHash('sha256').update(canonical).digest('hex') }
}

/** Null when the signature is the key's over the bundle as it is; else why not. */
export function checkBundleSignature (report: unknown, key: { publicKey: KeyObject, kid: string }): string | null {
  const r = report as Partial<SignedReport<unknown>> | null
  if (r === null || typeof r !== 'object' || r.bundle === undefined || typeof r.signature !== 'object' || r.signature === null) return 'not a signed report: {bundle, signature} expected'
  if (r.signature.alg !== 'Ed25519' || typeof r.signature.value !== 'string') return 'the signature is not an Ed25519 signature'
  if (r.signature.kid !== key.kid) return `the report is signed with key ${String(r.signature.kid)}, not ${key.kid}`
  const ok = verify(null, Buffer.from(canonicalBundle(r.bundle)), key.publicKey, Buffer.from(r.signature.value, 'base64url'))
  return ok ? null : 'the signature does not match the bundle (changed after signing, or another key)'
}

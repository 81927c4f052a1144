// The Ethereum primitives the proofs and the Reclaim request signing share: native secp256k1,
// native keccak-256, the EIP-191 (personal_sign) digest and address derivation. One loader, so a
// broken native install fails at start-up in one place instead of silently running ~30x slower.
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import type * as Secp256k1 from 'secp256k1'

const require = createRequire(import.meta.url)

// `secp256k1`'s main entry silently falls back to its pure-JS elliptic build when the native addon
// fails to load; its `bindings` entry throws instead.
export const secp256k1 = require('secp256k1/bindings') as typeof Secp256k1

interface KeccakState {
  initialize (rate: number, capacity: number): void
  absorb (data: Buffer): void
  squeeze (length: number): Buffer
}

// `keccak` likewise falls back to JavaScript from its main entry. Its `bindings` entry builds a
// stream.Transform per hash (~40% of the cost of hashing a proof), so the native state is loaded the
// way that entry loads it (node-gyp-build from the package's own directory) and reused: hashing is
// synchronous, so one state per process is never shared by two hashes at once.
const keccakPackage = require.resolve('keccak/package.json')
const KeccakStateClass = createRequire(keccakPackage)('node-gyp-build')(dirname(keccakPackage)) as unknown
if (typeof KeccakStateClass !== 'function') throw new Error('the native keccak addon failed to load')
const keccakState = new (KeccakStateClass as new () => KeccakState)()

// Keccak-256: rate 1088 bits, capacity 512 bits, original (pre-SHA-3) padding.
const KECCAK256_RATE = 1088
const KECCAK256_CAPACITY = 512

// Strings are encoded into this buffer rather than a new one per hash: a proof's identifier hashes
// a kilobyte or more, and the garbage it made was a tenth of a verification's time.
const scratch = Buffer.allocUnsafe(16 * 1024)

/** keccak-256 of bytes, or of a string's UTF-8 bytes. */
export function keccak256 (data: Uint8Array | string): Buffer {
  keccakState.initialize(KECCAK256_RATE, KECCAK256_CAPACITY)
  if (typeof data !== 'string') {
    keccakState.absorb(Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength))
  } else if (data.length * 3 <= scratch.length) {
    // 3 bytes per UTF-16 unit is UTF-8's worst case, so the whole string always fits.
    keccakState.absorb(scratch.subarray(0, scratch.write(data, 0, 'utf8')))
  } else {
    keccakState.absorb(Buffer.from(data, 'utf8'))
  }
  return keccakState.squeeze(32)
}

/** 0x and 64 lower-case hex digits. */
export function keccak256Hex (data: Uint8Array | string): string {
  return `0x${keccak256(data).toString('hex')}`
}

/** The digest personal_sign signs: keccak256("\x19Ethereum Signed Message:\n" + byteLength ++ message). */
export function eip191Digest (message: Uint8Array | string): Buffer {
  if (typeof message === 'string') {
    // One string through the scratch buffer: no allocation per signature checked.
    return keccak256(`\x19Ethereum Signed Message:\n${Buffer.byteLength(message, 'utf8')}${message}`)
  }
  return keccak256(Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${message.length}`, 'utf8'), message]))
}

/** The address (0x + 40 lower-case hex) of an uncompressed (65-byte) public key. */
export function addressOf (uncompressedPublicKey: Uint8Array): string {
  return `0x${keccak256(uncompressedPublicKey.subarray(1)).subarray(12).toString('hex')}`
}

export function addressFromPrivateKey (privateKey: Uint8Array): string {
  return addressOf(secp256k1.publicKeyCreate(privateKey, false))
}

/** A 65-byte signature as ethers' signMessage writes it: 0x + r(32) s(32) v(27/28). */
export function signDigest (digest: Uint8Array, privateKey: Uint8Array): string {
  // libsecp256k1 signs with RFC 6979 nonces and always returns low-s.
  const { signature, recid } = secp256k1.ecdsaSign(digest, privateKey)
  return `0x${Buffer.from(signature).toString('hex')}${(27 + recid).toString(16)}`
}

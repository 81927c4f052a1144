import { createRequire } from 'node:module'
import { keccak_256 } from '@noble/hashes/sha3.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addressFromPrivateKey, addressOf, eip191Digest, keccak256, keccak256Hex, secp256k1, signDigest } from '../../src/lib/eth.js'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

describe('src/lib/eth.ts', () => {
  it('loads the native keccak and secp256k1 bindings, not their JavaScript fallbacks', () => {
    const require = createRequire(import.meta.url)
    // Both entries throw when the native addon does not load.
    expect(typeof require('keccak/bindings')).toBe('function')
    expect(typeof require('secp256k1/bindings').ecdsaRecover).toBe('function')
    expect(secp256k1).toBe(require('secp256k1/bindings'))
  })

  it('hashes the published keccak-256 vectors', () => {
    expect(keccak256Hex('')).toBe('0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470')
    expect(keccak256Hex('abc')).toBe('0x4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45')
  })

  it('agrees with @noble/hashes on strings of any size and script, and on bytes', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), fc.nat({ max: 7000 }), (text, repeat) => {
      // Repeated, so strings cross the 16 KiB scratch buffer (up to 3 bytes per UTF-16 unit).
      const long = text.repeat(Math.max(1, Math.floor(repeat / Math.max(1, text.length))))
      for (const value of [text, long]) {
        expect(hex(keccak256(value))).toBe(hex(keccak_256(Buffer.from(value, 'utf8'))))
      }
    }), { numRuns: 200 })
    const bytes = new Uint8Array(1000).map((_, i) => i % 251)
    expect(hex(keccak256(bytes.subarray(3, 900)))).toBe(hex(keccak_256(bytes.subarray(3, 900))))
  })

  it('builds the EIP-191 personal_sign digest, from text or bytes', () => {
    const message = 'héllo\nworld'
    const bytes = Buffer.from(message, 'utf8')
    const expected = keccak_256(Buffer.concat([Buffer.from(`\x19Ethereum Signed Message:\n${bytes.length}`), bytes]))
    expect(hex(eip191Digest(message))).toBe(hex(expected))
    expect(hex(eip191Digest(bytes))).toBe(hex(expected))
  })

  it('derives addresses and signs so that the signature recovers the signer', () => {
    const privateKey = Buffer.alloc(32, 1)
    // The documented attestor of the shared test vector (key 32 bytes of 0x01).
    expect(addressFromPrivateKey(privateKey)).toBe('0x1a642f0e3c3af545e7acbd38b07251b3990914f1')
    const digest = eip191Digest('partner-api')
    const signature = Buffer.from(signDigest(digest, privateKey).slice(2), 'hex')
    expect(signature[64] === 27 || signature[64] === 28).toBe(true)
    expect(addressOf(secp256k1.ecdsaRecover(signature.subarray(0, 64), signature[64] - 27, digest, false))).toBe(addressFromPrivateKey(privateKey))
  })
})

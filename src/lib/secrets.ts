import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new secret: 32 random bytes, base64url. Shown once, stored only as its SHA-256. */
export function newSecret (prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function sha256Hex (value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

export function safeEqualHex (a: string, b: string): boolean {
  if (a.length !== b.length) return false
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'))
}

// Idempotent replays must return the verification link token, which we never store in clear.
// The stored response is sealed with a key derived from the Idempotency-Key itself, which only the
// caller holds (we keep its hash), so a database dump alone does not reveal link tokens.
function keyFrom (idempotencyKey: string, teamId: number): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, `partner-api:team:${teamId}`, 'idempotent-response', 32))
}

export function seal (plaintext: string, idempotencyKey: string, teamId: number): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(idempotencyKey, teamId), iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

export function unseal (sealed: string, idempotencyKey: string, teamId: number): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(idempotencyKey, teamId), iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

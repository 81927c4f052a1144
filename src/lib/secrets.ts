import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto'

/** A new secret: 32 random bytes, base64url. Shown once, stored only as its SHA-256. */
export function newSecret (prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

export function sha256Hex (value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex')
}

/** HMAC-SHA256 under a server secret: what a database dump cannot recompute for guessable values. */
export function hmacHex (secret: string, value: string): string {
  return createHmac('sha256', secret).update(value, 'utf8').digest('hex')
}

// Idempotent replays must return the verification link token, which we never store in clear.
// The stored response is sealed with a key derived from the Idempotency-Key (which only the caller
// holds; we keep its HMAC) and the server secret (which the database does not hold): a dump alone,
// even with guessable Idempotency-Keys such as order ids, reveals no link token.
function keyFrom (idempotencyKey: string, teamId: number, serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', idempotencyKey, `partner-api:team:${teamId}:${serverSecret}`, 'idempotent-response', 32))
}

export function seal (plaintext: string, idempotencyKey: string, teamId: number, serverSecret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', keyFrom(idempotencyKey, teamId, serverSecret), iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

export function unseal (sealed: string, idempotencyKey: string, teamId: number, serverSecret: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', keyFrom(idempotencyKey, teamId, serverSecret), iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

// A secret the service must read back (a user's TOTP key): AES-256-GCM under a key derived from the
// server secret and what it is for, so a database dump alone reveals nothing, and a value sealed for
// one purpose (one user) does not open as another's.
function purposeKey (purpose: string, serverSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverSecret, 'partner-api:sealed-secret', purpose, 32))
}

export function sealFor (plaintext: string, purpose: string, serverSecret: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', purposeKey(purpose, serverSecret), iv)
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString('base64url')).join('.')
}

export function unsealFor (sealed: string, purpose: string, serverSecret: string): string | null {
  try {
    const [iv, tag, body] = sealed.split('.').map((p) => Buffer.from(p, 'base64url'))
    const decipher = createDecipheriv('aes-256-gcm', purposeKey(purpose, serverSecret), iv)
    decipher.setAuthTag(tag)
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8')
  } catch {
    return null
  }
}

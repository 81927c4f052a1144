import { hash, verify, Algorithm } from '@node-rs/argon2'
import { fail } from '../../lib/error-codes.js'
import { isCommonPassword } from './common-passwords.js'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 256

// Argon2id with OWASP's first recommended set (19 MiB, 2 passes, 1 lane): memory-hard, ~20 ms here.
const ARGON2 = { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const

/** Refuses a password too short, too long, or in the common-password list (400 password_too_weak). */
export function checkPasswordPolicy (password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw fail('password_too_weak', `body.password must be at least ${MIN_PASSWORD_LENGTH} characters long`)
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw fail('password_too_weak', `body.password must be at most ${MAX_PASSWORD_LENGTH} characters long`)
  }
  if (isCommonPassword(password)) {
    throw fail('password_too_weak', 'body.password is in a list of common passwords: choose another')
  }
}

export async function hashPassword (password: string): Promise<string> {
  return await hash(password, ARGON2)
}

/** Whether `password` matches the stored hash; false for a malformed hash, never an exception. */
export async function verifyPassword (stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

// A sign-in for an unknown email still verifies against this, so its answer takes as long as a
// known email's with a wrong password (no account enumeration by timing).
let decoy: Promise<string> | null = null
export async function verifyDecoy (password: string): Promise<false> {
  decoy ??= hashPassword('partner-api decoy password, never set')
  await verifyPassword(await decoy, password)
  return false
}

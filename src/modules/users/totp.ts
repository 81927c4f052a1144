import { Secret, TOTP } from 'otpauth'

/**
 * Time-based one-time passwords (RFC 6238) as every authenticator app reads them: SHA-1, 6 digits,
 * 30-second steps, a 20-byte secret. The arithmetic is the `otpauth` library's; this file only
 * fixes the parameters and the window (the step before and after, for clocks a little apart).
 */
export const TOTP_PERIOD_S = 30
const DIGITS = 6
const WINDOW = 1

export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

function totpOf (secret: string, label = 'console', issuer = 'partner-api'): TOTP {
  return new TOTP({ issuer, label, algorithm: 'SHA1', digits: DIGITS, period: TOTP_PERIOD_S, secret: Secret.fromBase32(secret) })
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) or imports. */
export const otpauthUri = (secret: string, label: string, issuer: string): string => totpOf(secret, label, issuer).toString()

/** The time step of a code that matches at `nowMs` (within one step either way), or null. */
export function matchingStep (secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpOf(secret).validate({ token: code, timestamp: nowMs, window: WINDOW })
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_PERIOD_S) + delta
}

/** The code of a step (tests, and the CLI's check of a freshly scanned secret). */
export const codeAt = (secret: string, nowMs: number): string => totpOf(secret).generate({ timestamp: nowMs })

import qrcode from 'qrcode-generator'
import type { UserRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { sealFor, unsealFor } from '../../lib/secrets.js'
import type { UsersRepository } from './users.repository.js'
import { matchingStep, newTotpSecret, otpauthUri } from './totp.js'
import { viewUser } from './users.service.js'
import type { User } from './users.schemas.js'

export interface TotpEnrollment {
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: string
  /** The otpauth:// URI (what the QR code holds). */
  otpauthUri: string
  /** The URI as a QR code, an SVG document. */
  qrSvg: string
}

/** What a sign-in's second step found: no TOTP on the account, a code that passed, none given, or a wrong one. */
export type TotpCheck = 'off' | 'passed' | 'required' | 'wrong'

/** Refuses to start enrolling a user whose TOTP is on (turn it off first) or who has no password (SSO only: it guards password sign-in). */
export function refuseToBeginTotp (user: UserRow): void {
  if (user.totpEnabledAt !== null) throw fail('totp_already_enabled')
  if (user.passwordHash === null) throw fail('totp_needs_password')
}

/** Refuses to turn off what is not on. */
export function refuseToDisableTotp (user: UserRow): void {
  if (user.totpEnabledAt === null) throw fail('totp_not_enabled')
}

/**
 * Two-step sign-in for console users (RFC 6238): enrolling (a secret shown once, confirmed by a
 * first code), checking a code at sign-in (each code accepted once), turning it off, and
 * an admin's or operator's reset for a lost phone. SSO users get their second factor from the provider.
 */
export class TotpService {
  constructor (
    private readonly repo: UsersRepository,
    private readonly clock: Clock,
    private readonly serverSecret: string,
    private readonly issuer: string
  ) {}

  private purpose = (userId: number) => `totp:user:${userId}`
  private seal = (userId: number, secret: string) => sealFor(secret, this.purpose(userId), this.serverSecret)
  private unseal = (userId: number, sealed: string | null) => sealed === null ? null : unsealFor(sealed, this.purpose(userId), this.serverSecret)

  /**
   * A new secret waiting for its first code; refused while one is in use (turn it off first), and
   * for a user without a password. The caller has checked the user's password (the console route:
   * ConsoleAuthService.reauthenticate), so a stolen session alone cannot bind another authenticator.
   */
  async begin (userId: number): Promise<TotpEnrollment> {
    const user = await this.user(userId)
    refuseToBeginTotp(user)
    const secret = newTotpSecret()
    await this.repo.setPendingTotp(userId, this.seal(userId, secret), this.clock.iso())
    const uri = otpauthUri(secret, user.email, this.issuer)
    return { secret, otpauthUri: uri, qrSvg: qrSvgOf(uri) }
  }

  /** The first code from the app: the pending secret becomes the one sign-ins ask for (the route records `user.totp_enabled`). */
  async confirm (userId: number, code: string): Promise<User> {
    const user = await this.user(userId)
    if (user.totpEnabledAt !== null) throw fail('totp_already_enabled')
    const step = this.stepOf(userId, user.totpPendingSecret, code)
    if (step === 'no_secret') throw fail('totp_not_started')
    if (step === 'wrong') throw fail('totp_code_invalid')
    return viewUser((await this.repo.enableTotp(userId, user.totpPendingSecret as string, step, this.clock.iso())) as UserRow)
  }

  /**
   * Turns two-step sign-in off. The caller has checked a current code and the user's password (the
   * console route: ConsoleAuthService.reauthenticate, before the change's transaction, so a wrong
   * one stays counted): someone who only took over the session cannot.
   */
  async disable (userId: number): Promise<User> {
    const user = await this.user(userId)
    refuseToDisableTotp(user)
    return viewUser((await this.repo.disableTotp(userId, this.clock.iso())) as UserRow)
  }

  /** An admin's (or the CLI's) reset for a user who lost their authenticator. */
  async reset (userId: number): Promise<void> {
    await this.repo.disableTotp(userId, this.clock.iso())
  }

  /** The second step of a password sign-in: a code of the user's secret, not used before. */
  async check (user: UserRow, code: string | undefined): Promise<TotpCheck> {
    if (user.totpEnabledAt === null) return 'off'
    if (code === undefined || code === '') return 'required'
    // No readable secret (one sealed under another server secret): only a reset helps.
    const step = this.stepOf(user.id, user.totpSecret, code)
    if (typeof step !== 'number') return 'wrong'
    return await this.repo.claimTotpStep(user.id, step) ? 'passed' : 'wrong'
  }

  /**
   * The time step a code matches now for a sealed secret (spaces as apps show them ignored), the one
   * check of both a first code and a sign-in's: 'no_secret' when there is none or it cannot be
   * unsealed, 'wrong' when the code does not match.
   */
  private stepOf (userId: number, sealed: string | null, code: string): number | 'no_secret' | 'wrong' {
    const secret = this.unseal(userId, sealed)
    if (secret === null) return 'no_secret'
    return matchingStep(secret, code.replace(/\s/g, ''), this.clock.ms()) ?? 'wrong'
  }

  private async user (userId: number): Promise<UserRow> {
    const user = await this.repo.findById(userId)
    if (!user) throw fail('user_not_found')
    return user
  }
}

/** An SVG QR code (quiet zone included), drawn as one path so it stays small. */
function qrSvgOf (text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  const size = n + 8
  let d = ''
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + 4} ${r + 4}h1v1h-1z`
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges">` +
    `<rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`
}

import qrcode from 'qrcode-generator'
import type { Kysely } from 'kysely'
import type { Database, UserRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { sealFor, unsealFor } from '../../lib/secrets.js'
import type { AuditOrigin, AuditService } from '../audit/audit.service.js'
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

/**
 * Two-step sign-in for console users (RFC 6238): enrolling (a secret shown once, confirmed by a
 * first code), checking a code at sign-in (each code accepted once), turning it off (with a code), and
 * an admin's or operator's reset for a lost phone. SSO users get their second factor from the provider.
 */
export class TotpService {
  constructor (
    private readonly repo: UsersRepository,
    private readonly clock: Clock,
    private readonly serverSecret: string,
    private readonly issuer: string,
    /** The team audit log: a user turning two-step sign-in on or off is recorded with the change. */
    private readonly audit: Pick<AuditService, 'record'> | null = null
  ) {}

  private purpose = (userId: number) => `totp:user:${userId}`
  private seal = (userId: number, secret: string) => sealFor(secret, this.purpose(userId), this.serverSecret)
  private unseal = (userId: number, sealed: string | null) => sealed === null ? null : unsealFor(sealed, this.purpose(userId), this.serverSecret)

  /** A new secret waiting for its first code; refused while one is in use (turn it off first). */
  async begin (userId: number): Promise<TotpEnrollment> {
    const user = await this.user(userId)
    if (user.totpEnabledAt !== null) throw fail('totp_already_enabled')
    const secret = newTotpSecret()
    await this.repo.setPendingTotp(userId, this.seal(userId, secret), this.clock.iso())
    const uri = otpauthUri(secret, user.email, this.issuer)
    return { secret, otpauthUri: uri, qrSvg: qrSvgOf(uri) }
  }

  /** The first code from the app: the pending secret becomes the one sign-ins ask for (audit entry `user.totp_enabled`). */
  async confirm (userId: number, code: string, origin: AuditOrigin | null = null): Promise<User> {
    const user = await this.user(userId)
    if (user.totpEnabledAt !== null) throw fail('totp_already_enabled')
    const secret = this.unseal(userId, user.totpPendingSecret)
    if (secret === null) throw fail('totp_not_started')
    const step = matchingStep(secret, code, this.clock.ms())
    if (step === null) throw fail('totp_code_invalid')
    return await this.repo.transaction(async (trx) => {
      const row = (await this.repo.enableTotp(userId, user.totpPendingSecret as string, step, this.clock.iso(), trx)) as UserRow
      await this.recordChange(trx, origin, row, 'user.totp_enabled')
      return viewUser(row)
    })
  }

  /** Turns two-step sign-in off, with a current code (someone who only took over the session cannot); audit entry `user.totp_disabled`. */
  async disable (userId: number, code: string, origin: AuditOrigin | null = null): Promise<User> {
    const user = await this.user(userId)
    if (user.totpEnabledAt === null) throw fail('totp_not_enabled')
    if (await this.check(user, code) !== 'passed') throw fail('totp_code_invalid')
    return await this.repo.transaction(async (trx) => {
      const row = (await this.repo.disableTotp(userId, this.clock.iso(), trx)) as UserRow
      await this.recordChange(trx, origin, row, 'user.totp_disabled')
      return viewUser(row)
    })
  }

  /** The user's own change of how they sign in, in the change's transaction (no mode: users have none). */
  private async recordChange (trx: Kysely<Database>, origin: AuditOrigin | null, row: UserRow, action: string): Promise<void> {
    if (this.audit === null || origin === null) return
    await this.audit.record(origin, { teamId: row.teamId, livemode: null, action, details: { userId: row.id } }, trx)
  }

  /** An admin's (or the CLI's) reset for a user who lost their authenticator. */
  async reset (userId: number): Promise<void> {
    await this.repo.disableTotp(userId, this.clock.iso())
  }

  /** The second step of a password sign-in: a code of the user's secret, not used before. */
  async check (user: UserRow, code: string | undefined): Promise<TotpCheck> {
    if (user.totpEnabledAt === null) return 'off'
    if (code === undefined || code === '') return 'required'
    const secret = this.unseal(user.id, user.totpSecret)
    if (secret === null) return 'wrong' // sealed under another server secret: only a reset helps
    const step = matchingStep(secret, code.replace(/\s/g, ''), this.clock.ms())
    if (step === null) return 'wrong'
    return await this.repo.claimTotpStep(user.id, step) ? 'passed' : 'wrong'
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

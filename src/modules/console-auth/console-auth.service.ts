import { timingSafeEqual } from 'node:crypto'
import type { UserRole, UserRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { permissionsHeld, permissionsOf } from '../../lib/permissions.js'
import { userPrincipal } from '../../lib/principals.js'
import type { AuditService } from '../audit/audit.service.js'
import type { MeResponse } from '../keys/keys.schemas.js'
import { fail } from '../../lib/error-codes.js'
import { hmacHex, newSecret, sha256Hex } from '../../lib/secrets.js'
import { verifyDecoy, verifyPassword } from '../users/password.js'
import type { UsersRepository } from '../users/users.repository.js'
import { viewUser } from '../users/users.service.js'
import type { User } from '../users/users.schemas.js'
import { refuseToBeginTotp, refuseToDisableTotp, type TotpService } from '../users/totp.service.js'
import type { ConsoleAuthRepository } from './console-auth.repository.js'

/** Failed sign-ins per email: at most this many in the window, then 429 until the window passes. */
export const SIGN_IN_FAILURE_LIMIT = 10
export const SIGN_IN_FAILURE_WINDOW_MS = 15 * 60 * 1000

// last_seen_at is written at most this often (a console polls): the idle limit holds to within this.
const TOUCH_EVERY_MS = 30_000

export { userPrincipal }

/** The person behind a console cookie, as every request sees them (read from the database each time). */
export interface ConsoleUser {
  userId: number
  teamId: number
  email: string
  name: string | null
  role: UserRole
  /** The user's queue (the reviewer role reaches these sessions only). */
  reviewerId: string
  /** The mode the console works in: live unless the user switched to test data. */
  livemode: boolean
  /** SHA-256 of the cookie's secret: the console session's key. */
  sessionHash: string
}

export interface ConsoleAuthSettings {
  idleMin: number
  maxHours: number
  sandboxEnabled: boolean
  serverSecret: string
}

export interface SignedIn { token: string, user: User, csrfToken: string, maxAgeS: number }

/** Where a sign-in attempt came from, for the team audit log. */
export interface SignInOrigin { ip: string | null, requestId: string | null }

/** Why a sign-in of a known user failed, as its audit entry says (`details.reason`). */
export type SignInFailure = 'wrong_password' | 'wrong_code' | 'rate_limited' | 'no_role' | 'disabled'

/** A change of a user's own sign-in that asks them to prove it is them again (reauthenticate). */
export type Reauthentication = 'totp_enroll' | 'totp_disable'

/** Console sign-in: email and password (or SSO, see oidc.ts), server-side sessions behind a cookie. */
const NO_ORIGIN: SignInOrigin = { ip: null, requestId: null }

export class ConsoleAuthService {
  constructor (
    private readonly repo: ConsoleAuthRepository,
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly settings: ConsoleAuthSettings,
    private readonly totp: TotpService,
    /** The team audit log: sign-ins and failed ones (written on their own, never in a request's transaction). */
    private readonly audit: Pick<AuditService, 'recordSignIn'> | null = null
  ) {}

  /**
   * One answer (401 sign_in_failed) for an unknown email and a wrong password alike, after the same
   * work; after SIGN_IN_FAILURE_LIMIT failures for an email in the window, 429 whatever the password.
   * A user with two-step sign-in also needs `totpCode`: without one, 401 totp_required (the password
   * was right; nothing is counted); a wrong or used code counts as a failure, like a wrong password.
   * A failure is recorded in the audit log of each team with an enabled user of that email (none for
   * an unknown email: it belongs to no team).
   */
  async signIn (email: string, password: string, totpCode?: string, from: SignInOrigin = NO_ORIGIN): Promise<SignedIn> {
    const emailKey = email.trim().toLowerCase()
    try {
      await this.refuseWhileLimited(emailKey)
    } catch (err) {
      await this.recordFailures(from, await this.users.activeByEmail(emailKey), 'rate_limited')
      throw err
    }
    const candidates = (await this.users.activeByEmail(emailKey)).filter((u) => u.passwordHash !== null)
    let match: UserRow | undefined
    for (const user of candidates) {
      if (await verifyPassword(user.passwordHash as string, password)) { match = user; break }
    }
    if (candidates.length === 0) await verifyDecoy(password)
    if (!match) {
      await this.repo.recordFailure(emailKey, this.clock.iso())
      await this.recordFailures(from, candidates, 'wrong_password')
      throw fail('sign_in_failed')
    }
    const second = await this.totp.check(match, totpCode)
    if (second === 'required') throw fail('totp_required')
    if (second === 'wrong') {
      await this.repo.recordFailure(emailKey, this.clock.iso())
      await this.recordFailures(from, [match], 'wrong_code')
      throw fail('sign_in_failed', 'Wrong email, password or code')
    }
    await this.repo.clearFailures(emailKey)
    return await this.startSession(match, 'password', from)
  }

  /** A failed sign-in of these users (SSO's refusals of a known user too), one entry in each one's team. */
  async recordFailures (from: SignInOrigin, users: readonly UserRow[], reason: SignInFailure, details: Record<string, unknown> = {}): Promise<void> {
    for (const user of users) await this.audit?.recordSignIn(from, user, 'sign_in_failed', { reason, ...details })
  }

  /**
   * The signed-in user proves it is them again before changing how they sign in, so a stolen console
   * cookie alone can neither bind its holder's authenticator nor turn two-step sign-in off: their
   * current password (a user without one, SSO only, cannot enroll: refuseToBeginTotp), and to turn
   * it off a current code too. What the change would refuse anyway (409) is answered first, before
   * anything is asked or counted. A missing password is 403 password_required and counts nothing; a
   * wrong one (403 password_incorrect) or a wrong or used code (422 totp_code_invalid) counts as a
   * failed sign-in of the email, towards SIGN_IN_FAILURE_LIMIT (then 429 whatever is sent), and is
   * recorded as one in the team's audit log (`details.reauthenticating`). Called before the change's
   * transaction (the route's preHandler): a refused change rolls its transaction back, not the count.
   */
  async reauthenticate (user: ConsoleUser, change: Reauthentication, proof: { password?: string, code?: string }, from: SignInOrigin = NO_ORIGIN): Promise<void> {
    const row = await this.users.findById(user.userId)
    if (!row) throw fail('console_session_invalid')
    if (change === 'totp_enroll') refuseToBeginTotp(row)
    else refuseToDisableTotp(row)
    const emailKey = user.email.trim().toLowerCase()
    await this.refuseWhileLimited(emailKey)
    const failed = async (reason: SignInFailure): Promise<void> => {
      await this.repo.recordFailure(emailKey, this.clock.iso())
      await this.recordFailures(from, [row], reason, { reauthenticating: change })
    }
    if (row.passwordHash !== null) {
      if (proof.password === undefined || proof.password === '') throw fail('password_required')
      if (!await verifyPassword(row.passwordHash, proof.password)) {
        await failed('wrong_password')
        throw fail('password_incorrect')
      }
    }
    if (change === 'totp_disable' && await this.totp.check(row, proof.code) !== 'passed') {
      await failed('wrong_code')
      throw fail('totp_code_invalid')
    }
  }

  private async refuseWhileLimited (emailKey: string): Promise<void> {
    const now = this.clock.ms()
    const { count, oldest } = await this.repo.countFailures(emailKey, new Date(now - SIGN_IN_FAILURE_WINDOW_MS).toISOString())
    if (count < SIGN_IN_FAILURE_LIMIT || oldest === null) return
    const retryS = Math.max(1, Math.ceil((Date.parse(oldest) + SIGN_IN_FAILURE_WINDOW_MS - now) / 1000))
    throw fail('sign_in_rate_limited', `Too many failed sign-ins for this email, retry in ${retryS} seconds`, { 'Retry-After': String(retryS) })
  }

  /** A new console session for a user (password or SSO): the cookie's secret, shown only to the browser; `details` go into the audit entry. */
  async startSession (user: UserRow, method: 'password' | 'sso', from: SignInOrigin = NO_ORIGIN, details: Record<string, unknown> = {}): Promise<SignedIn> {
    const token = newSecret()
    const now = this.clock.ms()
    const maxAgeS = this.settings.maxHours * 3600
    await this.repo.insertSession({
      tokenHash: sha256Hex(token),
      userId: user.id,
      livemode: 1,
      method,
      createdAt: new Date(now).toISOString(),
      lastSeenAt: new Date(now).toISOString(),
      expiresAt: new Date(now + maxAgeS * 1000).toISOString()
    })
    await this.audit?.recordSignIn(from, user, 'signed_in', { method, ...details })
    return { token, user: viewUser(user), csrfToken: this.csrfTokenOf(token), maxAgeS }
  }

  /** The user of a console cookie, or null when it is unknown, idle too long, past its end, or its user is disabled. */
  async authenticate (token: string | undefined): Promise<ConsoleUser | null> {
    if (!token || token.length > 200) return null
    const sessionHash = sha256Hex(token)
    const session = await this.repo.findSession(sessionHash)
    if (!session) return null
    const now = this.clock.ms()
    const lastSeen = Date.parse(session.lastSeenAt)
    if (now >= Date.parse(session.expiresAt) || now - lastSeen >= this.settings.idleMin * 60_000) {
      await this.repo.deleteSession(sessionHash)
      return null
    }
    const user = await this.users.findById(session.userId)
    if (!user || user.disabledAt !== null) return null
    if (now - lastSeen > TOUCH_EVERY_MS) await this.repo.touchSession(sessionHash, new Date(now).toISOString())
    return {
      userId: user.id,
      teamId: user.teamId,
      email: user.email,
      name: user.name,
      role: user.role,
      reviewerId: user.reviewerId,
      livemode: session.livemode === 1,
      sessionHash
    }
  }

  /** The session's CSRF token: derived from the cookie's secret under the server secret, so nothing more is stored. */
  csrfTokenOf (token: string): string {
    return hmacHex(this.settings.serverSecret, `console-csrf:${token}`)
  }

  csrfMatches (token: string, presented: string | undefined): boolean {
    if (!presented) return false
    const expected = Buffer.from(this.csrfTokenOf(token))
    const given = Buffer.from(presented)
    return given.length === expected.length && timingSafeEqual(given, expected)
  }

  async describe (user: ConsoleUser, token: string): Promise<{ user: User, csrfToken: string, livemode: boolean, teamName: string | null }> {
    const row = await this.users.findById(user.userId)
    return { user: viewUser(row as UserRow), csrfToken: this.csrfTokenOf(token), livemode: user.livemode, teamName: (await this.users.teamName(user.teamId)) ?? null }
  }

  /** `GET /partner/me` for a user: who they are, their team, scope, mode, role and what it may do. */
  async me (user: ConsoleUser): Promise<MeResponse> {
    const principal = userPrincipal(user)
    return {
      success: true,
      data: {
        kind: 'user',
        keyId: null,
        keyName: null,
        teamId: user.teamId,
        teamName: (await this.users.teamName(user.teamId)) ?? '',
        reviewerId: principal.reviewerId,
        livemode: user.livemode,
        role: user.role,
        user: { id: user.userId, email: user.email, name: user.name, role: user.role, reviewerId: user.reviewerId },
        permissions: permissionsOf(principal),
        permissionList: permissionsHeld(principal)
      }
    }
  }

  async signOut (sessionHash: string): Promise<void> {
    await this.repo.deleteSession(sessionHash)
  }

  /** Switches the console between live and test data (test mode only where the sandbox is on). */
  async setLivemode (user: ConsoleUser, livemode: boolean): Promise<void> {
    if (!livemode && !this.settings.sandboxEnabled) throw fail('sandbox_disabled')
    await this.repo.setSessionLivemode(user.sessionHash, livemode)
  }

  async endSessionsOf (userId: number): Promise<number> {
    return await this.repo.deleteSessionsOfUser(userId)
  }

  async purge (): Promise<void> {
    const now = this.clock.ms()
    await this.repo.purge(
      new Date(now).toISOString(),
      new Date(now - this.settings.idleMin * 60_000).toISOString(),
      new Date(now - SIGN_IN_FAILURE_WINDOW_MS).toISOString()
    )
  }
}

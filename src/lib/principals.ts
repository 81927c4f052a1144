import { fail } from './error-codes.js'
import type { Permission } from './permissions.js'

/**
 * Who calls a route, once authenticated (src/plugins/auth.ts): a partner's principal (an API key,
 * later a console account), or an applicant (a CSRF token of one session). What a principal may do
 * is src/lib/permissions.ts.
 */

/** The roles: a console account has one; a team key acts as `admin`, a key scoped to a reviewer as `reviewer`. */
export const ROLES = ['admin', 'reviewer', 'viewer'] as const

export type Role = typeof ROLES[number]

/**
 * Who calls, once authenticated: an API key (`kind: 'key'`) or, later, a console account
 * (`kind: 'user'`). `reviewerId` scopes it to one reviewer's sessions; `label` is the actor written
 * in the audit trail.
 */
export interface Principal {
  kind: 'key' | 'user'
  teamId: number
  /** False for a test key: it sees and makes only test sessions, endpoints and events. */
  livemode: boolean
  reviewerId: string | null
  role: Role
  keyId: number | null
  userId: number | null
  label: string
  /**
   * A key made with a list of permissions holds only those (within its role's); absent or null:
   * everything its role may (keys made without a list, users).
   */
  permissions?: readonly Permission[] | null
}

/**
 * The principal of a signed-in user, for the same permission checks as a key's: the role's
 * permissions, scoped to its reviewerId for the reviewer role (like a reviewer key); an admin or
 * viewer reads the whole team. Users work on the mode their console session chose (live by default).
 */
export function userPrincipal (user: { teamId: number, livemode: boolean, role: Role, reviewerId: string | null, userId: number }): Principal {
  return {
    kind: 'user',
    teamId: user.teamId,
    livemode: user.livemode,
    reviewerId: user.role === 'reviewer' ? user.reviewerId : null,
    role: user.role,
    keyId: null,
    userId: user.userId,
    label: `user:${user.userId}`
  }
}

/** An API key's principal: a team key acts as `admin`, a key scoped to a reviewer as `reviewer`. */
export interface ApiKeyPrincipal extends Principal {
  kind: 'key'
  keyId: number
  rateLimit: { ttlS: number | null, limit: number | null, blockS: number | null }
  /** What it may do: its list within what its role may (the permission hook checks both). */
  permissions: Permission[]
  /** The API version it is served with when a request names none. */
  apiVersion: string
  /** Past this instant it is refused; null: never. */
  expiresAt: string | null
  /** How the team audit log and the console name it: its name, else its prefix. */
  displayName: string
}

/** An applicant: the holder of a CSRF token of one session. */
export interface ApplicantPrincipal { sessionId: number }

/** 403 when a CSRF token of one session is used for another (the request names the session). */
export function assertOwnSession (principal: ApplicantPrincipal, sessionId: number): void {
  if (principal.sessionId !== sessionId) throw fail('csrf_token_wrong_session')
}

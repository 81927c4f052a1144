import { fail } from './error-codes.js'
import type { HttpError } from './http-errors.js'

/**
 * What a caller may do, declared once. A route names the permission it needs in its config
 * (`config: { auth: 'apiKey', permission: 'redact' }`); one hook (src/plugins/auth.ts) checks it after
 * authentication and before the handler, so a service receives a principal that already passed.
 * `GET /partner/me` answers the same table; the security suite reads the routes' declarations.
 *
 * Scoping is not a permission: a key with a reviewer reaches only its reviewer's sessions (any other
 * reads as 404), which the data layer enforces.
 */

/** Every permission a route may require. */
export const PERMISSIONS = [
  /** Read sessions (the list, one session, the calling key). */
  'read',
  /** Create sessions (and SDK sessions). */
  'create',
  /** Approve or reject a REVIEWING session. */
  'decide',
  /** Issue a new verification link. */
  'resend',
  /** Cancel an open session. */
  'cancel',
  /** Erase the applicant's data of a final session. */
  'redact',
  /** Read the team's events. */
  'events',
  /** Manage webhook endpoints and read their deliveries. */
  'webhooks',
  /** Redeliver a webhook delivery. */
  'redeliver',
  /** Assign a session to a reviewer (or create one for another reviewer). */
  'assign',
  // Reserved for the accounts, keys, audit and settings issues.
  'users',
  'keys',
  'audit',
  'settings'
] as const

export type Permission = typeof PERMISSIONS[number]

/** The roles: a console account has one; a team key acts as `admin`, a key scoped to a reviewer as `reviewer`. */
export const ROLES = ['admin', 'reviewer', 'viewer'] as const

export type Role = typeof ROLES[number]

/** What each role may do. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  reviewer: ['read', 'create', 'decide', 'resend', 'cancel'],
  viewer: ['read']
}

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
}

export function can (principal: Pick<Principal, 'role'>, permission: Permission): boolean {
  return ROLE_PERMISSIONS[principal.role].includes(permission)
}

/** The `permissions` object of `GET /partner/me`: the permissions of the partner API a role has. */
export function permissionsOf (principal: Pick<Principal, 'role'>) {
  return {
    decide: can(principal, 'decide'),
    resend: can(principal, 'resend'),
    cancel: can(principal, 'cancel'),
    redact: can(principal, 'redact'),
    events: can(principal, 'events'),
    webhooks: can(principal, 'webhooks'),
    redeliver: can(principal, 'redeliver'),
    assign: can(principal, 'assign')
  }
}

// What a key scoped to a reviewer is told when its route needs a team key (the messages and codes
// the API has always answered).
const TEAM_ONLY: Partial<Record<Permission, () => HttpError>> = {
  redact: () => fail('forbidden', 'Only a team key (without a reviewer) may redact a session'),
  assign: () => fail('forbidden', 'Only a team key (without a reviewer) may assign a session'),
  events: () => fail('team_key_required', 'Events are read with a team API key; this key is scoped to a reviewer'),
  webhooks: () => fail('team_key_required', 'Webhook endpoints are managed with a team API key; this key is scoped to a reviewer'),
  redeliver: () => fail('team_key_required', 'Webhook endpoints are managed with a team API key; this key is scoped to a reviewer'),
  settings: () => fail('team_key_required', 'Settings are managed with a team API key; this key is scoped to a reviewer')
}

/** The 403 for a principal that lacks `permission`. */
export function denied (principal: Pick<Principal, 'kind' | 'role'>, permission: Permission): HttpError {
  if (principal.kind === 'key') return (TEAM_ONLY[permission] ?? (() => fail('team_key_required')))()
  return fail('forbidden', `The ${principal.role} role may not do this (it needs the ${permission} permission)`)
}

/** 403 unless the principal has the permission. */
export function assertCan (principal: Pick<Principal, 'kind' | 'role'>, permission: Permission): void {
  if (!can(principal, permission)) throw denied(principal, permission)
}

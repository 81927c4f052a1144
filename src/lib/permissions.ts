import { fail } from './error-codes.js'
import type { HttpError } from './http-errors.js'
import type { Principal, Role } from './principals.js'

export type { Principal, Role } from './principals.js'

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
  // Reserved for the accounts and settings issues.
  'users',
  /** List, create, roll and revoke the team's API keys (a key never grants more than it holds). */
  'keys:write',
  /** Read the team audit log. */
  'audit:read',
  'settings'
] as const

export type Permission = typeof PERMISSIONS[number]

/**
 * What a test key never holds, whatever its list: what has no mode. Console users work on live
 * data, so a test key (handed to a developer, or leaked) that could make one, or give a real one a
 * new setup link, reached the live applicants through them; the team's settings are what live
 * applicants are sent (displayName, supportEmail), asked (requireConsent) and how long their data
 * is kept (retentionDays), and the decision reasons what live decisions give.
 */
export const LIVE_KEY_ONLY: Partial<Record<Permission, string>> = {
  users: 'A test key cannot manage console users: they work on live data. Use a live key',
  settings: 'A test key cannot manage the team\'s settings: live applicants\' messages, consent and retention follow them. Use a live key'
}

export const isLiveKeyOnly = (permission: Permission): boolean => LIVE_KEY_ONLY[permission] !== undefined

export { ROLES } from './principals.js'

/** What each role may do. */
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  reviewer: ['read', 'create', 'decide', 'resend', 'cancel'],
  viewer: ['read', 'audit:read']
}

type Holder = Pick<Principal, 'role' | 'permissions'> & Partial<Pick<Principal, 'kind' | 'livemode'>>

export function can (principal: Holder, permission: Permission): boolean {
  if (principal.kind === 'key' && principal.livemode === false && isLiveKeyOnly(permission)) return false
  return ROLE_PERMISSIONS[principal.role].includes(permission) && (principal.permissions == null || principal.permissions.includes(permission))
}

/** Every permission the principal holds, in the registry's order. */
export function permissionsHeld (principal: Holder): Permission[] {
  return PERMISSIONS.filter((p) => can(principal, p))
}

/** The `permissions` object of `GET /partner/me`: the permissions of the partner API a role has. */
export function permissionsOf (principal: Holder) {
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
export function denied (principal: Pick<Principal, 'kind' | 'role' | 'permissions'> & Partial<Pick<Principal, 'livemode'>>, permission: Permission): HttpError {
  if (ROLE_PERMISSIONS[principal.role].includes(permission)) {
    // Its role may, its mode may not: a test key and what has no mode.
    const liveOnly = LIVE_KEY_ONLY[permission]
    if (principal.kind === 'key' && principal.livemode === false && liveOnly !== undefined) return fail('forbidden', liveOnly)
    // Its role may, its own list may not: a key made with fewer permissions.
    return fail('forbidden', `This key was made without the ${permission} permission`)
  }
  if (principal.kind === 'key') return (TEAM_ONLY[permission] ?? (() => fail('team_key_required')))()
  return fail('forbidden', `The ${principal.role} role may not do this (it needs the ${permission} permission)`)
}

/** 403 unless the principal has the permission. */
export function assertCan (principal: Pick<Principal, 'kind' | 'role' | 'permissions'> & Partial<Pick<Principal, 'livemode'>>, permission: Permission): void {
  if (!can(principal, permission)) throw denied(principal, permission)
}

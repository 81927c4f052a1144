import { isLiveKeyOnly, ROLE_PERMISSIONS, type Permission } from '../../lib/permissions.js'

/**
 * The permissions a key may carry (issue 19, item 5): the names of the route permission registry
 * (src/lib/permissions.ts). A key made without a list holds its role's: a team key (`admin`)
 * everything, a reviewer's key (`reviewer`) what a reviewer does. A list narrows it; nothing widens
 * it (a reviewer's key never manages keys or webhooks, whatever its list; a test key never holds
 * what has no mode, LIVE_KEY_ONLY: console users).
 */

export const TEAM_KEY_PERMISSIONS = ROLE_PERMISSIONS.admin
export const REVIEWER_KEY_PERMISSIONS = ROLE_PERMISSIONS.reviewer
export type KeyPermission = Permission

export const isKeyPermission = (name: string): name is KeyPermission => (TEAM_KEY_PERMISSIONS as readonly string[]).includes(name)

/** What a key of this kind (a reviewer's or the team's, live or test) may hold at most. */
export function permissionsAvailableTo (reviewerId: string | null, livemode: boolean): readonly KeyPermission[] {
  const kind = reviewerId === null ? TEAM_KEY_PERMISSIONS : REVIEWER_KEY_PERMISSIONS
  return livemode ? kind : kind.filter((p) => !isLiveKeyOnly(p))
}

/** A key's effective permissions: its stored list (null: its kind's) within what its kind may hold, in registry order. */
export function effectivePermissions (stored: readonly string[] | null, reviewerId: string | null, livemode: boolean): KeyPermission[] {
  const available = permissionsAvailableTo(reviewerId, livemode)
  return stored === null ? [...available] : available.filter((p) => stored.includes(p))
}

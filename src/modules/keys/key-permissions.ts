import { ROLE_PERMISSIONS, type Permission } from '../../lib/permissions.js'

/**
 * The permissions a key may carry (issue 19, item 5): the names of the route permission registry
 * (src/lib/permissions.ts). A key made without a list holds its role's: a team key (`admin`)
 * everything, a reviewer's key (`reviewer`) what a reviewer does. A list narrows it; nothing widens
 * it (a reviewer's key never manages keys or webhooks, whatever its list).
 */

export const TEAM_KEY_PERMISSIONS = ROLE_PERMISSIONS.admin
export const REVIEWER_KEY_PERMISSIONS = ROLE_PERMISSIONS.reviewer
export type KeyPermission = Permission

export const isKeyPermission = (name: string): name is KeyPermission => (TEAM_KEY_PERMISSIONS as readonly string[]).includes(name)

/** What a key of this kind may hold at most. */
export function permissionsAvailableTo (reviewerId: string | null): readonly KeyPermission[] {
  return reviewerId === null ? TEAM_KEY_PERMISSIONS : REVIEWER_KEY_PERMISSIONS
}

/** A key's effective permissions: its stored list (null: its kind's) within what its kind may hold, in registry order. */
export function effectivePermissions (stored: readonly string[] | null, reviewerId: string | null): KeyPermission[] {
  const available = permissionsAvailableTo(reviewerId)
  return stored === null ? [...available] : available.filter((p) => stored.includes(p))
}

import type { Kysely } from 'kysely'
import type { ApiKeyRow, Database } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { isoInstant } from '../../lib/instants.js'
import { parseJson } from '../../lib/json.js'
import { permissionsOf } from '../../lib/permissions.js'
import type { ApiKeyPrincipal } from '../../lib/principals.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import { CURRENT_API_VERSION } from '../../lib/api-versions.js'
import { SYSTEM_CLI, type AuditOrigin, type AuditService } from '../audit/audit.service.js'
import { KEY_CHANGES, type EventType, type KeyChangeName } from '../lifecycle/lifecycle.js'
import { effectivePermissions, isKeyPermission, permissionsAvailableTo, type KeyPermission } from './key-permissions.js'
import type { KeyScope, KeysRepository, RateLimitOverride } from './keys.repository.js'
import type { MeResponse } from './keys.schemas.js'

export const KEY_PREFIX = 'pa_'
/** Test keys (the sandbox) show their mode in their prefix. */
export const TEST_KEY_PREFIX = 'pa_test_'

export type { ApiKeyPrincipal } from '../../lib/principals.js'

/** The longest a rolled key keeps working beside its successor (seconds): 7 days. */
export const MAX_ROLL_GRACE_S = 7 * 24 * 3600

export interface ApiKeyView {
  id: number
  teamId: number
  reviewerId: string | null
  name: string | null
  prefix: string
  livemode: boolean
  permissions: KeyPermission[]
  apiVersion: string
  rateLimit: { ttl: number | null, limit: number | null, blockDuration: number | null }
  createdAt: string
  lastUsedAt: string | null
  expiresAt: string | null
  rolledAt: string | null
  revokedAt: string | null
}

const storedPermissions = (row: ApiKeyRow): string[] | null => row.permissions === null ? null : parseJson<string[]>(row.permissions, [])

export function viewKey (row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    teamId: row.teamId,
    reviewerId: row.reviewerId,
    name: row.name,
    prefix: row.prefix,
    livemode: row.livemode === 1,
    permissions: effectivePermissions(storedPermissions(row), row.reviewerId, row.livemode === 1),
    apiVersion: row.apiVersion,
    rateLimit: { ttl: row.rateLimitTtlS, limit: row.rateLimitLimit, blockDuration: row.rateLimitBlockS },
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    rolledAt: row.rolledAt,
    revokedAt: row.revokedAt
  }
}

/** Who creates, rolls or revokes a key over the API, and what it holds (a key never grants more). */
export interface KeyCreator {
  teamId: number
  /** The calling key's id (null: a user), which may always revoke itself. */
  keyId: number | null
  /** Its mode: a key makes keys of its own mode. Null: either mode (an admin user). */
  livemode: boolean | null
  permissions: readonly string[]
  /** A creator that expires cannot make a key that outlives it. */
  expiresAt: string | null
  origin: AuditOrigin
}

export interface CreateKeyInput {
  name: string
  reviewerId?: string | null
  livemode?: boolean
  permissions?: string[]
  expiresAt?: string | null
}

// last_used_at is informative; writing it on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60_000

/** Where a key change's event is written, in the change's transaction (the webhooks module's outbox fills it). */
export interface KeyEventOutbox {
  insertEvent: (e: { teamId: number, livemode: boolean, type: EventType, payload: Record<string, unknown>, createdAt: string }, trx: Kysely<Database>) => Promise<void>
}

const exceeds = (message: string) => fail('key_exceeds_creator', message)

export class KeysService {
  /** `sandboxEnabled`: false refuses test keys, at creation and at every request. */
  constructor (
    private readonly repo: KeysRepository,
    private readonly clock: Clock,
    private readonly sandboxEnabled: boolean,
    private readonly audit: AuditService,
    private readonly outbox: KeyEventOutbox
  ) {}

  /** The command line's create (the operator: no creator to stay within). */
  async create (input: { team: string, reviewerId?: string | null, name?: string | null, test?: boolean, permissions?: string[] } & RateLimitOverride) {
    if (input.test && !this.sandboxEnabled) throw new Error('test keys are off on this instance (SANDBOX_ENABLED=false)')
    const reviewerId = input.reviewerId ?? null
    const permissions = input.permissions === undefined ? null : checkPermissions(input.permissions, reviewerId, input.test !== true)
    const team = await this.repo.findOrCreateTeam(input.team, this.clock.iso())
    const { row, key } = await this.insertKey({
      teamId: team.id,
      reviewerId,
      name: input.name ?? null,
      livemode: input.test !== true,
      permissions,
      expiresAt: null,
      apiVersion: CURRENT_API_VERSION,
      rateLimitTtlS: input.rateLimitTtlS ?? null,
      rateLimitLimit: input.rateLimitLimit ?? null,
      rateLimitBlockS: input.rateLimitBlockS ?? null
    }, SYSTEM_CLI)
    const view = viewKey(row)
    return { id: row.id, key, teamId: row.teamId, reviewerId: row.reviewerId, prefix: row.prefix, livemode: view.livemode, permissions: view.permissions, apiVersion: row.apiVersion }
  }

  /** The principal of an active key, or null for a missing, unknown, revoked or expired one. */
  async authenticate (key: string | undefined): Promise<ApiKeyPrincipal | null> {
    if (!key || key.length > 200) return null
    const now = this.clock.ms()
    // No cache: a revoked or expired key is refused from the next request on, on every process.
    const row = await this.repo.findActiveByHash(sha256Hex(key), new Date(now).toISOString())
    if (!row) return null
    if (row.livemode === 0 && !this.sandboxEnabled) return null
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > TOUCH_EVERY_MS) {
      await this.repo.touch(row.id, new Date(now).toISOString())
    }
    return {
      kind: 'key',
      keyId: row.id,
      userId: null,
      teamId: row.teamId,
      reviewerId: row.reviewerId,
      role: row.reviewerId === null ? 'admin' : 'reviewer',
      label: row.reviewerId !== null ? `reviewer:${row.reviewerId}` : `partner:key:${row.id}`,
      livemode: row.livemode === 1,
      rateLimit: { ttlS: row.rateLimitTtlS, limit: row.rateLimitLimit, blockS: row.rateLimitBlockS },
      permissions: effectivePermissions(storedPermissions(row), row.reviewerId, row.livemode === 1),
      apiVersion: row.apiVersion,
      expiresAt: row.expiresAt,
      displayName: row.name ?? row.prefix
    }
  }

  /** `GET /partner/me`: the calling key, its team, and what it may do (the permission table's answer for its role and list). */
  async me (principal: ApiKeyPrincipal): Promise<MeResponse> {
    const key = await this.repo.findByIdWithTeam(principal.keyId)
    if (!key) throw fail('not_found', 'API key not found')
    return {
      success: true,
      data: {
        kind: 'key',
        keyId: key.id,
        keyName: key.name,
        teamId: key.teamId,
        teamName: key.teamName,
        reviewerId: key.reviewerId,
        livemode: principal.livemode,
        role: principal.role,
        user: null,
        permissions: permissionsOf(principal),
        permissionList: principal.permissions,
        apiVersion: principal.apiVersion,
        expiresAt: principal.expiresAt
      }
    }
  }

  async list () { return (await this.repo.list()).map((r) => ({ ...viewKey(r), teamName: r.teamName })) }

  /** The command line's revoke: true when the key was active. */
  async revoke (id: number): Promise<boolean> {
    const row = await this.repo.findById(id)
    if (!row) return false
    return await this.revokeRow(row, SYSTEM_CLI) !== null
  }

  async setLimits (id: number, limits: RateLimitOverride): Promise<ApiKeyView | null> {
    const row = await this.repo.setLimits(id, limits)
    return row ? viewKey(row) : null
  }

  // --- over the API (POST/GET /partner/keys...) ---

  private scopeOf (creator: KeyCreator): KeyScope { return { teamId: creator.teamId, livemode: creator.livemode } }

  async listForTeam (creator: KeyCreator): Promise<ApiKeyView[]> {
    return (await this.repo.listForTeam(this.scopeOf(creator))).map(viewKey)
  }

  async createForTeam (creator: KeyCreator, input: CreateKeyInput): Promise<ApiKeyView & { key: string }> {
    const livemode = input.livemode ?? creator.livemode ?? true
    if (creator.livemode !== null && livemode !== creator.livemode) {
      throw exceeds(creator.livemode ? 'A live key makes live keys only (livemode: true)' : 'A test key makes test keys only (livemode: false)')
    }
    if (!livemode && !this.sandboxEnabled) throw fail('sandbox_disabled', 'Test keys are off on this instance (SANDBOX_ENABLED=false)')
    const reviewerId = input.reviewerId ?? null
    const available = permissionsAvailableTo(reviewerId, livemode)
    let wanted: KeyPermission[]
    if (input.permissions === undefined) {
      // Without a list: its kind's defaults, within what its creator holds.
      wanted = available.filter((p) => creator.permissions.includes(p))
    } else {
      wanted = checkPermissions(input.permissions, reviewerId, livemode)
      const lacking = wanted.filter((p) => !creator.permissions.includes(p))
      if (lacking.length > 0) throw exceeds(`A key cannot be given permissions its creator lacks: ${lacking.join(', ')}`)
    }
    // Stored as null (the kind's defaults, which later releases may extend) only when it has them all.
    const permissions = wanted.length < available.length ? wanted : null
    const now = this.clock.ms()
    let expiresAt = input.expiresAt === undefined || input.expiresAt === null ? null : isoInstant(input.expiresAt, 'body.expiresAt')
    if (expiresAt !== null && Date.parse(expiresAt) <= now) throw fail('validation_failed', 'body.expiresAt must be in the future')
    if (creator.expiresAt !== null) {
      if (expiresAt !== null && expiresAt > creator.expiresAt) throw exceeds(`A key cannot outlive its creator, which expires at ${creator.expiresAt}`)
      expiresAt ??= creator.expiresAt
    }
    const { row, key } = await this.insertKey({
      teamId: creator.teamId, reviewerId, name: input.name, livemode, permissions, expiresAt, apiVersion: CURRENT_API_VERSION
    }, creator.origin)
    return { ...viewKey(row), key }
  }

  /**
   * A new key with the same name, reviewer, mode, permissions, API version, expiry and limits; the
   * old one keeps working for `graceS` seconds (0: stops at once; at most 7 days), then is refused.
   */
  async roll (creator: KeyCreator, id: number, graceS: number): Promise<ApiKeyView & { key: string }> {
    if (!Number.isInteger(graceS) || graceS < 0 || graceS > MAX_ROLL_GRACE_S) {
      throw fail('validation_failed', `body.expiresInSeconds must be an integer from 0 to ${MAX_ROLL_GRACE_S} (7 days)`)
    }
    const old = await this.own(creator, id)
    this.assertUsable(old)
    const oldView = viewKey(old)
    const lacking = oldView.permissions.filter((p) => !creator.permissions.includes(p))
    if (lacking.length > 0) throw exceeds(`Rolling this key would give its successor permissions you lack: ${lacking.join(', ')}`)
    const nowMs = this.clock.ms()
    const now = new Date(nowMs).toISOString()
    let expiresAt = old.expiresAt
    if (creator.expiresAt !== null && (expiresAt === null || expiresAt > creator.expiresAt)) expiresAt = creator.expiresAt
    const key = newKey(old.livemode === 1)
    const rolledUntil = new Date(nowMs + graceS * 1000).toISOString()
    const row = await this.repo.transaction(async (trx) => {
      const rolled = await this.repo.markRolled(old.id, rolledUntil, now, trx)
      if (!rolled) throw fail('concurrent_update', 'The key changed while it was rolled; read it again')
      const row = await this.repo.insert({
        teamId: old.teamId,
        reviewerId: old.reviewerId,
        name: old.name,
        livemode: old.livemode,
        permissions: old.permissions,
        apiVersion: old.apiVersion,
        expiresAt,
        rateLimitTtlS: old.rateLimitTtlS,
        rateLimitLimit: old.rateLimitLimit,
        rateLimitBlockS: old.rateLimitBlockS,
        prefix: key.prefix,
        keyHash: sha256Hex(key.key),
        createdAt: now
      }, trx)
      await this.announce(trx, 'roll', row, creator.origin, {
        keyId: old.id, prefix: old.prefix, oldKeyExpiresAt: rolled.expiresAt, newKeyId: row.id, newPrefix: row.prefix, name: row.name
      })
      return row
    })
    return { ...viewKey(row), key: key.key }
  }

  /**
   * Revokes a key of the team at once (idempotent: an already revoked key is answered as it is). A
   * key holding a permission the caller lacks is out of its reach, as it is for a roll: a narrow key
   * with `keys:write` could otherwise revoke the keys above it. A key may always revoke itself.
   */
  async revokeForTeam (creator: KeyCreator, id: number): Promise<ApiKeyView> {
    const row = await this.own(creator, id)
    const lacking = row.id === creator.keyId ? [] : viewKey(row).permissions.filter((p) => !creator.permissions.includes(p))
    if (lacking.length > 0) throw exceeds(`Revoking this key needs every permission it holds; you lack: ${lacking.join(', ')}`)
    if (row.revokedAt !== null) return viewKey(row)
    return viewKey(await this.revokeRow(row, creator.origin) ?? await this.own(creator, id))
  }

  private async own (creator: KeyCreator, id: number): Promise<ApiKeyRow> {
    const row = await this.repo.findForTeam(id, this.scopeOf(creator))
    if (!row) throw fail('api_key_not_found')
    return row
  }

  private assertUsable (row: ApiKeyRow): void {
    if (row.revokedAt !== null) throw fail('api_key_revoked')
    if (row.rolledAt !== null) throw fail('api_key_already_rolled')
    if (row.expiresAt !== null && Date.parse(row.expiresAt) <= this.clock.ms()) throw fail('api_key_expired')
  }

  private async revokeRow (row: ApiKeyRow, origin: AuditOrigin): Promise<ApiKeyRow | null> {
    return await this.repo.transaction(async (trx) => {
      const revoked = await this.repo.revoke(row.id, this.clock.iso(), trx)
      if (!revoked) return null
      await this.announce(trx, 'revoke', revoked, origin, { keyId: revoked.id, name: revoked.name, prefix: revoked.prefix })
      return revoked
    })
  }

  private async insertKey (values: { teamId: number, reviewerId: string | null, name: string | null, livemode: boolean, permissions: string[] | null, expiresAt: string | null, apiVersion: string } & RateLimitOverride,
    origin: AuditOrigin): Promise<{ row: ApiKeyRow, key: string }> {
    const key = newKey(values.livemode)
    const row = await this.repo.transaction(async (trx) => {
      const row = await this.repo.insert({
        ...values,
        livemode: values.livemode ? 1 : 0,
        permissions: values.permissions === null ? null : JSON.stringify(values.permissions),
        prefix: key.prefix,
        keyHash: sha256Hex(key.key),
        createdAt: this.clock.iso()
      }, trx)
      const v = viewKey(row)
      await this.announce(trx, 'create', row, origin, {
        keyId: row.id, name: row.name, prefix: row.prefix, reviewerId: row.reviewerId, permissions: v.permissions, apiVersion: row.apiVersion, expiresAt: row.expiresAt
      })
      return row
    })
    return { row, key: key.key }
  }

  /**
   * A key change's audit entry and outbox event, in the change's transaction. Changes made with the
   * command line (the operator's, out of band) are audited but send no event.
   */
  private async announce (trx: Kysely<Database>, change: KeyChangeName, row: ApiKeyRow, origin: AuditOrigin, details: Record<string, unknown>): Promise<void> {
    const c = KEY_CHANGES[change]
    const livemode = row.livemode === 1
    if (origin !== SYSTEM_CLI) await this.outbox.insertEvent({ teamId: row.teamId, livemode, type: c.event, payload: { ...details, actor: origin.actor }, createdAt: this.clock.iso() }, trx)
    await this.audit.record(origin, { teamId: row.teamId, livemode, action: c.action, details }, trx)
  }
}

function newKey (livemode: boolean): { key: string, prefix: string } {
  const prefix = livemode ? KEY_PREFIX : TEST_KEY_PREFIX
  const key = newSecret(prefix)
  return { key, prefix: key.slice(0, prefix.length + 6) }
}

/** A list of permission names a key of this kind may hold, de-duplicated; 400 naming the first that is not. */
function checkPermissions (names: readonly string[], reviewerId: string | null, livemode: boolean): KeyPermission[] {
  const available = permissionsAvailableTo(reviewerId, livemode)
  names.forEach((name, i) => {
    if (!isKeyPermission(name)) {
      throw fail('permission_unknown', `body.permissions.${i} is not a permission; permissions are ${available.join(', ')}`)
    }
    if (!available.includes(name)) {
      const kind = permissionsAvailableTo(reviewerId, true).includes(name) ? 'a test key' : 'a reviewer\'s key'
      throw fail('permission_unknown', `body.permissions.${i} (${name}) is not available to ${kind}; it may hold ${available.join(', ')}`)
    }
  })
  return available.filter((p) => names.includes(p))
}

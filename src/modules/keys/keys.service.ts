import type { ApiKeyRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { permissionsOf, type Principal } from '../../lib/permissions.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { KeysRepository, RateLimitOverride } from './keys.repository.js'
import type { MeResponse } from './keys.schemas.js'

export const KEY_PREFIX = 'pa_'
/** Test keys (the sandbox) show their mode in their prefix. */
export const TEST_KEY_PREFIX = 'pa_test_'

/** An API key's principal: a team key acts as `admin`, a key scoped to a reviewer as `reviewer`. */
export interface ApiKeyPrincipal extends Principal {
  kind: 'key'
  keyId: number
  rateLimit: { ttlS: number | null, limit: number | null, blockS: number | null }
}

export interface ApiKeyView {
  id: number
  teamId: number
  reviewerId: string | null
  name: string | null
  prefix: string
  livemode: boolean
  rateLimit: { ttl: number | null, limit: number | null, blockDuration: number | null }
  createdAt: string
  lastUsedAt: string | null
  revokedAt: string | null
}

export function viewKey (row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    teamId: row.teamId,
    reviewerId: row.reviewerId,
    name: row.name,
    prefix: row.prefix,
    livemode: row.livemode === 1,
    rateLimit: { ttl: row.rateLimitTtlS, limit: row.rateLimitLimit, blockDuration: row.rateLimitBlockS },
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt
  }
}

// last_used_at is informative; writing it on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60_000

export class KeysService {
  /** `sandboxEnabled`: false refuses test keys, at creation and at every request. */
  constructor (private readonly repo: KeysRepository, private readonly clock: Clock, private readonly sandboxEnabled = true) {}

  async create (input: { team: string, reviewerId?: string | null, name?: string | null, test?: boolean } & RateLimitOverride) {
    if (input.test && !this.sandboxEnabled) throw new Error('test keys are off on this instance (SANDBOX_ENABLED=false)')
    const now = this.clock.iso()
    const team = await this.repo.findOrCreateTeam(input.team, now)
    const prefix = input.test ? TEST_KEY_PREFIX : KEY_PREFIX
    const key = newSecret(prefix)
    const row = await this.repo.insert({
      teamId: team.id,
      reviewerId: input.reviewerId ?? null,
      name: input.name ?? null,
      prefix: key.slice(0, prefix.length + 6),
      livemode: input.test ? 0 : 1,
      keyHash: sha256Hex(key),
      createdAt: now,
      rateLimitTtlS: input.rateLimitTtlS ?? null,
      rateLimitLimit: input.rateLimitLimit ?? null,
      rateLimitBlockS: input.rateLimitBlockS ?? null
    })
    return { id: row.id, key, teamId: row.teamId, reviewerId: row.reviewerId, prefix: row.prefix, livemode: row.livemode === 1 }
  }

  /** The principal of an active key, or null for a missing, unknown or revoked one. */
  async authenticate (key: string | undefined): Promise<ApiKeyPrincipal | null> {
    if (!key || key.length > 200) return null
    const row = await this.repo.findActiveByHash(sha256Hex(key))
    if (!row) return null
    if (row.livemode === 0 && !this.sandboxEnabled) return null
    const now = this.clock.ms()
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
      rateLimit: { ttlS: row.rateLimitTtlS, limit: row.rateLimitLimit, blockS: row.rateLimitBlockS }
    }
  }

  /** `GET /partner/me`: the calling key, its team, and what it may do (the permission table's answer for its role). */
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
        permissions: permissionsOf(principal)
      }
    }
  }

  async list () { return (await this.repo.list()).map((r) => ({ ...viewKey(r), teamName: r.teamName })) }

  async revoke (id: number): Promise<boolean> {
    return await this.repo.revoke(id, this.clock.iso())
  }

  async setLimits (id: number, limits: RateLimitOverride): Promise<ApiKeyView | null> {
    const row = await this.repo.setLimits(id, limits)
    return row ? viewKey(row) : null
  }
}

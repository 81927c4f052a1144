import type { ApiKeyRow } from '../../db/types.js'
import type { Clock } from '../../lib/clock.js'
import { newSecret, sha256Hex } from '../../lib/secrets.js'
import type { KeysRepository, RateLimitOverride } from './keys.repository.js'

export const KEY_PREFIX = 'pa_'

export interface ApiKeyPrincipal {
  keyId: number
  teamId: number
  reviewerId: string | null
  rateLimit: { ttlS: number | null, limit: number | null, blockS: number | null }
}

export interface ApiKeyView {
  id: number
  teamId: number
  reviewerId: string | null
  name: string | null
  prefix: string
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
    rateLimit: { ttl: row.rateLimitTtlS, limit: row.rateLimitLimit, blockDuration: row.rateLimitBlockS },
    createdAt: row.createdAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt
  }
}

// last_used_at is informative; writing it on every request would turn each read into a write.
const TOUCH_EVERY_MS = 60_000

export class KeysService {
  constructor (private readonly repo: KeysRepository, private readonly clock: Clock) {}

  async create (input: { team: string, reviewerId?: string | null, name?: string | null } & RateLimitOverride) {
    const now = this.clock.iso()
    const team = await this.repo.findOrCreateTeam(input.team, now)
    const key = newSecret(KEY_PREFIX)
    const row = await this.repo.insert({
      teamId: team.id,
      reviewerId: input.reviewerId ?? null,
      name: input.name ?? null,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: sha256Hex(key),
      createdAt: now,
      rateLimitTtlS: input.rateLimitTtlS ?? null,
      rateLimitLimit: input.rateLimitLimit ?? null,
      rateLimitBlockS: input.rateLimitBlockS ?? null
    })
    return { id: row.id, key, teamId: row.teamId, reviewerId: row.reviewerId, prefix: row.prefix }
  }

  /** The principal of an active key, or null for a missing, unknown or revoked one. */
  async authenticate (key: string | undefined): Promise<ApiKeyPrincipal | null> {
    if (!key || key.length > 200) return null
    const row = await this.repo.findActiveByHash(sha256Hex(key))
    if (!row) return null
    const now = this.clock.ms()
    if (!row.lastUsedAt || now - Date.parse(row.lastUsedAt) > TOUCH_EVERY_MS) {
      await this.repo.touch(row.id, new Date(now).toISOString())
    }
    return {
      keyId: row.id,
      teamId: row.teamId,
      reviewerId: row.reviewerId,
      rateLimit: { ttlS: row.rateLimitTtlS, limit: row.rateLimitLimit, blockS: row.rateLimitBlockS }
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

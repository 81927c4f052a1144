import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'
import type { Clock } from '../../lib/clock.js'
import { fail } from '../../lib/error-codes.js'
import { hmacHex, seal, unseal } from '../../lib/secrets.js'
import type { Principal } from '../../lib/permissions.js'
import type { IdempotencyRepository, IdempotentRecord } from './idempotency.repository.js'

/** How long an Idempotency-Key binds its first request and answer (ms). */
export const IDEMPOTENCY_WINDOW_MS = 24 * 60 * 60 * 1000
/** A request still executing after this long (ms) has died; its key may be claimed again. Above the HTTP request timeout. */
export const IDEMPOTENCY_LEASE_MS = 2 * 60 * 1000

/** The route a request addressed: its method, pattern and path parameters. */
export interface RouteIdentity { method: string, url: string, params: unknown }

/** A request holding its key while it executes; its answer is stored (or the key released) when it is sent. */
export interface HeldKey extends IdempotentRecord { idempotencyKey: string }

export interface StoredAnswer { statusCode: number, contentType: string, body: string }

export type Begin = { held: HeldKey } | { replay: StoredAnswer }

const REUSED = 'Idempotency-Key was already used with a different request body'

/**
 * Idempotency-Key for the POST routes that declare it (route config `idempotent: true`): scoped to the
 * key's team and mode and to the route (method, pattern, path parameters), 24 h. The stored answer is
 * sealed like POST /partner/session's (secrets.ts): a new link token or webhook secret is never kept in clear.
 */
export class IdempotencyService {
  constructor (private readonly repo: IdempotencyRepository, private readonly clock: Clock, private readonly serverSecret: string) {}

  /** Keyed with the server secret, so guessable keys cannot be matched in a dump. */
  private keyHash (principal: Principal, route: RouteIdentity, idempotencyKey: string): string {
    return hmacHex(this.serverSecret, canonicalize([principal.livemode ? 'live' : 'test', route.method, route.url, route.params ?? null, idempotencyKey]) ?? '')
  }

  async begin (principal: Principal, route: RouteIdentity, idempotencyKey: string, body: unknown, sessionId: number | null): Promise<Begin> {
    if (idempotencyKey.length < 1 || idempotencyKey.length > 255) throw fail('idempotency_key_invalid')
    const { teamId } = principal
    const keyHash = this.keyHash(principal, route, idempotencyKey)
    // The reviewer is part of the request: a reviewer's key must not replay (and so read) another's answer.
    const request = createHash('sha256').update(canonicalize({ body: body ?? null, reviewerId: principal.reviewerId }) ?? '').digest('hex')
    for (let tries = 0; tries < 2; tries++) {
      const createdAt = this.clock.iso()
      const claimed = await this.repo.claim({ teamId, keyHash, requestHash: request, sessionId, createdAt },
        this.clock.iso(-IDEMPOTENCY_WINDOW_MS), this.clock.iso(-IDEMPOTENCY_LEASE_MS))
      if (claimed) return { held: { teamId, keyHash, createdAt, idempotencyKey } }
      const row = await this.repo.find(teamId, keyHash)
      if (!row) continue // released or purged meanwhile: claim it again
      if (row.requestHash !== request) throw fail('idempotency_key_reused', REUSED)
      if (row.statusCode === null || row.response === null) {
        throw fail('idempotency_key_in_progress')
      }
      const stored = unseal(row.response, idempotencyKey, teamId, this.serverSecret)
      if (stored === null) throw fail('idempotency_key_reused', REUSED)
      return { replay: JSON.parse(stored) as StoredAnswer }
    }
    throw fail('idempotency_key_in_progress')
  }

  /**
   * Keeps the answer for replays, sealed. Faults, rate limits and lost races are not kept: the key is
   * released so that the client's retry runs the request again.
   */
  async finish (held: HeldKey, answer: StoredAnswer): Promise<void> {
    if (!replayable(answer)) {
      await this.repo.release(held)
      return
    }
    await this.repo.complete(held, answer.statusCode, seal(JSON.stringify(answer), held.idempotencyKey, held.teamId, this.serverSecret))
  }

  async release (held: HeldKey): Promise<void> {
    await this.repo.release(held)
  }

  async purge (): Promise<number> {
    return await this.repo.purge(this.clock.iso(-IDEMPOTENCY_WINDOW_MS))
  }
}

// Only successes are kept for replay: a refused request changes nothing (not even an idempotency
// record), so retrying it with the same key simply runs it again.
function replayable (answer: StoredAnswer): boolean {
  return answer.statusCode < 400
}

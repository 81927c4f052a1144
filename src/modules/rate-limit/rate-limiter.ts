import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import type { RateLimitSettings } from '../../config.js'

/**
 * What a counter belongs to: an API key, an applicant's session, a client address (the link
 * exchange), a client address's failed authentications, or a client address on one public route
 * (`limitPerAddress`: GET /console/oidc/start).
 */
export type RateLimitScope = 'key' | 'session' | 'ip' | 'auth-failure' | 'callback' | 'callback-ip' | 'route-ip'

export interface RateLimitDecision {
  allowed: boolean
  limit: number
  remaining: number
  resetS: number // seconds until the window ends, or for a refused request the block
}

export interface RateLimiterOptions {
  redisUrl: string | null
  /** Namespace of the counters in Redis; instances sharing one limit share it. */
  redisPrefix: string
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>
}

/** A key's own limits where it has them, the configured defaults where it does not. */
export function keyLimits (own: { ttlS: number | null, limit: number | null, blockS: number | null }, defaults: RateLimitSettings): RateLimitSettings {
  return { ttlS: own.ttlS ?? defaults.ttlS, limit: own.limit ?? defaults.limit, blockS: own.blockS ?? defaults.blockS }
}

// The limiter sits on every counted request, so Redis trouble must cost little. A circuit breaker:
// a command that fails, or takes longer than SLOW_MS (a hung Redis accepts connections and answers
// nothing), is given up at once and the request counted in the process; for the next OPEN_MS no
// request waits on Redis at all, then a PING probes it in the background (no request waits on the
// probe either) and, answered in time, shares the counters again. A reconnection closes it too.
// COMMAND_TIMEOUT_MS only clears ioredis's queue of the commands given up.
const CONNECT_TIMEOUT_MS = 2000
const COMMAND_TIMEOUT_MS = 1000
const MAX_RECONNECT_DELAY_MS = 2000
const SLOW_MS = 50
const OPEN_MS = 5000

/** A counter in both stores: Redis (null without REDIS_URL) and the process's memory, its stand-in. */
interface Counter { shared: RateLimiterAbstract | null, local: RateLimiterMemory }

interface Counted { res: RateLimiterRes, allowed: boolean }

/** A consume's answer, a refusal included (rate-limiter-flexible rejects with it). */
async function counted (p: Promise<RateLimiterRes>): Promise<Counted> {
  try {
    return { res: await p, allowed: true }
  } catch (err) {
    if (err instanceof RateLimiterRes) return { res: err, allowed: false }
    throw err
  }
}

const GAVE_UP = Symbol('gave up')

/** The answer of `p`, or GAVE_UP when it fails or takes longer than `ms`. */
async function within<T> (p: Promise<T>, ms: number): Promise<T | typeof GAVE_UP> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<typeof GAVE_UP>((resolve) => { timer = setTimeout(() => resolve(GAVE_UP), ms) })
  try {
    return await Promise.race([p.catch((): typeof GAVE_UP => GAVE_UP), late])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Fixed-window counters (rate-limiter-flexible), one limiter per distinct (scope, ttl, limit,
 * block) tuple. In memory by default; with a Redis URL the counters live in Redis, so every
 * instance on that Redis enforces one limit, and while Redis is unreachable or slow each instance
 * counts in its own memory (the circuit breaker above), then returns to Redis once it answers.
 */
export class RateLimiter {
  private readonly counters = new Map<string, Counter>()
  private readonly redis: Redis | null
  private redisHealthy = true // as last logged
  private openUntil = 0 // performance.now() until which Redis is not asked; 0 = the breaker is closed
  private probing = false

  constructor (private readonly opts: RateLimiterOptions) {
    this.redis = opts.redisUrl === null
      ? null
      : new Redis(opts.redisUrl, {
        lazyConnect: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        connectTimeout: CONNECT_TIMEOUT_MS,
        commandTimeout: COMMAND_TIMEOUT_MS,
        retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS)
      })
    // Without a listener ioredis prints every failed reconnect; the fallback is logged once instead.
    this.redis?.on('error', () => {})
    // 'ready' follows a round trip (ioredis's ready check), as good a probe as any.
    this.redis?.on('ready', () => { this.closeBreaker() })
  }

  /** 'memory', or the Redis connection's state ('ready' when connected). */
  get store (): string {
    return this.redis === null ? 'memory' : this.redis.status
  }

  /** Whether requests are counted in Redis now (false while the breaker is open, or without Redis). */
  get sharing (): boolean {
    return this.redis !== null && this.openUntil === 0
  }

  /** Connects to Redis, if configured; an unreachable Redis does not stop the boot. */
  async connect (): Promise<void> {
    if (this.redis === null) return
    try {
      await this.redis.connect()
    } catch {
      this.trip()
    }
  }

  async consume (scope: RateLimitScope, id: string, settings: RateLimitSettings): Promise<RateLimitDecision> {
    const { res, allowed } = await this.ask(this.counterFor(scope, settings), async (l) => await counted(l.consume(`${scope}:${id}`)))
    const resetS = Math.max(0, Math.ceil(res.msBeforeNext / 1000))
    return allowed
      ? { allowed, limit: settings.limit, remaining: res.remainingPoints, resetS }
      : { allowed, limit: settings.limit, remaining: 0, resetS: Math.max(1, resetS) }
  }

  /**
   * Counts without consuming: the refusal the next request would get once `limit` requests were
   * counted in the window, or null while there is room.
   */
  async refusalOnceFull (scope: RateLimitScope, id: string, settings: RateLimitSettings): Promise<RateLimitDecision | null> {
    const res = await this.ask(this.counterFor(scope, settings), async (l) => await l.get(`${scope}:${id}`))
    // The memory store hands back an expired window until its timer clears it: msBeforeNext <= 0.
    if (res === null || res.msBeforeNext <= 0 || res.consumedPoints < settings.limit) return null
    return { allowed: false, limit: settings.limit, remaining: 0, resetS: Math.max(1, Math.ceil(res.msBeforeNext / 1000)) }
  }

  async close (): Promise<void> {
    const redis = this.redis
    if (redis === null) return
    if (redis.status === 'ready') {
      // quit() answers before the socket is closed; 'end' is when the connection is really gone.
      const ended = new Promise((resolve) => redis.once('end', resolve))
      await redis.quit().catch(() => redis.disconnect())
      await ended
    } else {
      redis.disconnect() // also cancels a pending reconnection
    }
  }

  /** Redis's answer while the breaker is closed and Redis answers in time; the process's otherwise. */
  private async ask<T> (counter: Counter, op: (limiter: RateLimiterAbstract) => Promise<T>): Promise<T> {
    if (counter.shared !== null && this.redisAllowed()) {
      const answer = await within(op(counter.shared), SLOW_MS)
      if (answer !== GAVE_UP) return answer
      // A late answer still counts the request in Redis: a little over-counting, on the safe side.
      this.trip()
    }
    return await op(counter.local)
  }

  /** Whether to ask Redis now; once the breaker's window is over, starts a probe (answers false meanwhile). */
  private redisAllowed (): boolean {
    if (this.openUntil === 0) return true
    if (performance.now() >= this.openUntil && !this.probing && this.redis !== null) {
      this.probing = true
      const redis = this.redis
      void within(redis.ping(), SLOW_MS).then((answer) => {
        if (answer === GAVE_UP) this.trip()
        else this.closeBreaker()
      }).finally(() => { this.probing = false })
    }
    return false
  }

  /** Opens the breaker (again) for OPEN_MS; logs the switch to per-process counting once. */
  private trip (): void {
    this.openUntil = performance.now() + OPEN_MS
    if (this.redisHealthy) {
      this.redisHealthy = false
      this.opts.log.warn('rate limiter: Redis unreachable, counting per process until it is back')
    }
  }

  private closeBreaker (): void {
    this.openUntil = 0
    if (!this.redisHealthy) {
      this.redisHealthy = true
      this.opts.log.info('rate limiter: Redis is back, counters are shared again')
    }
  }

  private counterFor (scope: RateLimitScope, s: RateLimitSettings): Counter {
    const id = `${scope}|${s.ttlS}|${s.limit}|${s.blockS}`
    let counter = this.counters.get(id)
    if (counter) return counter
    const base = { points: s.limit, duration: s.ttlS, blockDuration: s.blockS }
    counter = {
      shared: this.redis === null
        ? null
        : new RateLimiterRedis({
          ...base,
          storeClient: this.redis,
          // The limits are part of the name, as they are of the memory limiter's identity: in either
          // store a change of a key's limits starts it a fresh counter (and lifts a block).
          keyPrefix: `${this.opts.redisPrefix}:${s.ttlS}-${s.limit}-${s.blockS}`,
          rejectIfRedisNotReady: true
        }),
      local: new RateLimiterMemory(base)
    }
    this.counters.set(id, counter)
    return counter
  }
}

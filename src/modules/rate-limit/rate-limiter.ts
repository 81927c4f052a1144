import type { FastifyBaseLogger } from 'fastify'
import { Redis } from 'ioredis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'
import type { RateLimitSettings } from '../../config.js'

/** What a counter belongs to: an API key, an applicant's session, or a client address (the link exchange). */
export type RateLimitScope = 'key' | 'session' | 'ip'

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

// The limiter sits on every counted request, so Redis trouble must cost little: a command that
// cannot be sent fails at once (no offline queue, no retries), and one that was sent but gets no
// answer gives up after COMMAND_TIMEOUT_MS; either way the request is counted in the process.
// (Not much lower: a process starved of CPU for that long would count in memory needlessly.)
const CONNECT_TIMEOUT_MS = 2000
const COMMAND_TIMEOUT_MS = 1000
const MAX_RECONNECT_DELAY_MS = 2000

type MemoryOptions = ConstructorParameters<typeof RateLimiterMemory>[0]

/** The per-process stand-in while Redis is away; remembers which answers it gave. */
class ProcessFallback extends RateLimiterMemory {
  constructor (opts: MemoryOptions, private readonly served: WeakSet<RateLimiterRes>) { super(opts) }

  override async consume (key: string | number, points?: number, options?: Record<string, unknown>): Promise<RateLimiterRes> {
    try {
      const res = await super.consume(key, points, options)
      this.served.add(res)
      return res
    } catch (err) {
      if (err instanceof RateLimiterRes) this.served.add(err)
      throw err
    }
  }
}

/**
 * Fixed-window counters (rate-limiter-flexible), one limiter per distinct (scope, ttl, limit,
 * block) tuple. In memory by default; with a Redis URL the counters live in Redis, so every
 * instance on that Redis enforces one limit, and while Redis is unreachable each instance falls
 * back to counting in its own memory, then returns to Redis once it is back.
 */
export class RateLimiter {
  private readonly limiters = new Map<string, RateLimiterAbstract>()
  private readonly redis: Redis | null
  private readonly servedByProcess = new WeakSet<RateLimiterRes>()
  private redisHealthy = true

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
  }

  /** 'memory', or the Redis connection's state ('ready' when counters are shared). */
  get store (): string {
    return this.redis === null ? 'memory' : this.redis.status
  }

  /** Connects to Redis, if configured; an unreachable Redis does not stop the boot. */
  async connect (): Promise<void> {
    if (this.redis === null) return
    try {
      await this.redis.connect()
    } catch {
      this.note(true)
    }
  }

  async consume (scope: RateLimitScope, id: string, settings: RateLimitSettings): Promise<RateLimitDecision> {
    let res: RateLimiterRes
    let allowed = true
    try {
      res = await this.limiterFor(scope, settings).consume(`${scope}:${id}`)
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err
      res = err
      allowed = false
    }
    if (this.redis !== null) this.note(this.servedByProcess.has(res))
    const resetS = Math.max(0, Math.ceil(res.msBeforeNext / 1000))
    return allowed
      ? { allowed, limit: settings.limit, remaining: res.remainingPoints, resetS }
      : { allowed, limit: settings.limit, remaining: 0, resetS: Math.max(1, resetS) }
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

  private limiterFor (scope: RateLimitScope, s: RateLimitSettings): RateLimiterAbstract {
    const id = `${scope}|${s.ttlS}|${s.limit}|${s.blockS}`
    let limiter = this.limiters.get(id)
    if (limiter) return limiter
    const base = { points: s.limit, duration: s.ttlS, blockDuration: s.blockS }
    limiter = this.redis === null
      ? new RateLimiterMemory(base)
      : new RateLimiterRedis({
        ...base,
        storeClient: this.redis,
        // The limits are part of the name, as they are of the memory limiter's identity: in either
        // store a change of a key's limits starts it a fresh counter (and lifts a block).
        keyPrefix: `${this.opts.redisPrefix}:${s.ttlS}-${s.limit}-${s.blockS}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: new ProcessFallback(base, this.servedByProcess)
      })
    this.limiters.set(id, limiter)
    return limiter
  }

  /** Logs the switch to per-process counting, and back, once each time it happens. */
  private note (servedByProcess: boolean): void {
    if (servedByProcess && this.redisHealthy) {
      this.redisHealthy = false
      this.opts.log.warn('rate limiter: Redis unreachable, counting per process until it is back')
    } else if (!servedByProcess && !this.redisHealthy) {
      this.redisHealthy = true
      this.opts.log.info('rate limiter: Redis is back, counters are shared again')
    }
  }
}

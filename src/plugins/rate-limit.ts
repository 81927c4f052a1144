import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Config, RateLimitSettings } from '../config.js'
import { HttpError } from '../lib/http-errors.js'
import { prefersHtml } from '../modules/applicant-page/accept.js'
import { keyLimits, RateLimiter, type RateLimitScope } from '../modules/rate-limit/rate-limiter.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** null when RATE_LIMIT_ENABLED=false. */
    rateLimiter: RateLimiter | null
  }
}

interface Counted { scope: RateLimitScope, id: string, settings: RateLimitSettings }

/**
 * What a request counts against, by how its route authenticates (the auth hook has already run):
 * a partner's key with its own limits; an applicant's session; for the link exchange, which has no
 * principal yet, the client address, so a leaked link cannot be used to hammer the service.
 */
function countedAs (request: FastifyRequest, config: Config): Counted | null {
  switch (request.routeOptions.config?.auth) {
    case 'apiKey':
      return request.apiKey
        ? { scope: 'key', id: String(request.apiKey.keyId), settings: keyLimits(request.apiKey.rateLimit, config.rateLimit) }
        : null
    case 'csrf':
      return request.applicant
        ? { scope: 'session', id: String(request.applicant.sessionId), settings: config.applicantRateLimit }
        : null
    case 'link':
      // A browser opening the manual link gets the static applicant page, which exchanges the
      // token itself (counted then); counting the page load too would halve an applicant's budget.
      if (request.method === 'GET' && prefersHtml(request.headers.accept)) return null
      return { scope: 'ip', id: request.ip, settings: config.applicantRateLimit }
    default:
      return null
  }
}

async function rateLimitPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  if (!config.rateLimitEnabled) {
    app.decorate('rateLimiter', null)
    return
  }
  const limiter = new RateLimiter({ redisUrl: config.redisUrl, redisPrefix: config.rateLimitRedisPrefix, log: app.log })
  app.decorate('rateLimiter', limiter)
  await limiter.connect()
  app.addHook('onClose', async () => { await limiter.close() })

  // onRequest, registered after auth: an unknown key is refused before it costs anything, and a
  // refused request is answered before its body is read or its handler runs.
  app.addHook('onRequest', async (request, reply) => {
    const counted = countedAs(request, config)
    if (!counted) return
    const decision = await limiter.consume(counted.scope, counted.id, counted.settings)
    reply.header('RateLimit-Limit', String(decision.limit))
    reply.header('RateLimit-Remaining', String(decision.remaining))
    reply.header('RateLimit-Reset', String(decision.resetS)) // seconds
    if (!decision.allowed) {
      const s = decision.resetS
      throw new HttpError(429, `Too many requests, retry in ${s} second${s === 1 ? '' : 's'}`, { 'Retry-After': String(s) })
    }
  })
}

export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth'] })

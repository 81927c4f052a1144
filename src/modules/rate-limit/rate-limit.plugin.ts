import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Config, RateLimitSettings } from '../../config.js'
import type { Authenticators } from '../../plugins/auth.js'
import { fail } from '../../lib/error-codes.js'
import { sha256Hex } from '../../lib/secrets.js'
import { prefersHtml } from '../../lib/accept.js'
import { keyLimits, RateLimiter, type RateLimitDecision, type RateLimitScope } from './rate-limiter.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** null when RATE_LIMIT_ENABLED=false; created by the auth-failure guard, which runs first. */
    rateLimiter: RateLimiter | null
  }
  interface FastifyContextConfig {
    /**
     * A public route whose every call makes the service do something (GET /console/oidc/start: a
     * flow stored, the provider's metadata fetched): counted per client address, like the link
     * exchange, against APPLICANT_RATE_LIMIT_* (a counter of the route's own).
     */
    limitPerAddress?: boolean
  }
}

interface Counted { scope: RateLimitScope, id: string, settings: RateLimitSettings }

/**
 * What a request counts against, by how its route authenticates (the auth hook has already run):
 * a partner's key with its own limits; an applicant's session; for the link exchange, which has no
 * principal yet, the client address, so a leaked link cannot be used to hammer the service; and
 * the client address on a public route that declares `limitPerAddress`.
 */
function countedAs (request: FastifyRequest, config: Config): Counted[] {
  switch (request.routeOptions.config?.auth) {
    case 'apiKey':
      // A console user's requests count per user, against the default limits.
      if (request.consoleUser) return [{ scope: 'key', id: `user:${request.consoleUser.userId}`, settings: config.rateLimit }]
      return request.apiKey
        ? [{ scope: 'key', id: String(request.apiKey.keyId), settings: keyLimits(request.apiKey.rateLimit, config.rateLimit) }]
        : []
    case 'csrf':
      return request.applicant
        ? [{ scope: 'session', id: String(request.applicant.sessionId), settings: config.applicantRateLimit }]
        : []
    case 'link':
      // A browser opening the manual link gets the static applicant page, which exchanges the
      // token itself (counted then); counting the page load too would halve an applicant's budget.
      if (request.method === 'GET' && prefersHtml(request.headers.accept)) return []
      return [{ scope: 'ip', id: request.ip, settings: config.applicantRateLimit }]
    case 'callback': {
      // The Reclaim app's posts: per callback token (its hash: the token is a secret) and per address,
      // so neither a leaked callback URL nor one client can make the service verify proofs without end.
      const token = String((request.params as { callbackToken?: unknown } | undefined)?.callbackToken ?? '')
      return [
        { scope: 'callback', id: sha256Hex(token), settings: config.applicantRateLimit },
        { scope: 'callback-ip', id: request.ip, settings: config.applicantRateLimit }
      ]
    }
    default:
      return request.routeOptions.config?.limitPerAddress === true
        ? [{ scope: 'route-ip', id: `${request.routeOptions.url ?? ''} ${request.ip}`, settings: config.applicantRateLimit }]
        : []
  }
}

/** Sends the decision's headers; throws the 429 when it refuses. */
function apply (reply: FastifyReply, decision: RateLimitDecision, refusal = 'Too many requests'): void {
  reply.header('RateLimit-Limit', String(decision.limit))
  reply.header('RateLimit-Remaining', String(decision.remaining))
  reply.header('RateLimit-Reset', String(decision.resetS)) // seconds
  if (!decision.allowed) {
    const s = decision.resetS
    throw fail('rate_limited', `${refusal}, retry in ${s} second${s === 1 ? '' : 's'}`, { 'Retry-After': String(s) })
  }
}

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** Routes whose credential can be guessed at: a partner's key, an applicant's CSRF token. */
const credentialHeader = (request: FastifyRequest): string | null => {
  const kind = request.routeOptions.config?.auth
  return kind === 'apiKey' ? 'x-api-key' : kind === 'csrf' ? 'x-csrf-token' : null
}

/**
 * Creates the limiter, and limits failed authentications per client address. Registered before
 * the auth plugin: once an address has failed AUTH_FAILURE_LIMIT times in the window, its requests
 * without a valid credential are answered 429 before auth runs; a valid key or token from that
 * address (a partner behind the same NAT as a misconfigured client) keeps working. Failures are
 * the 401s of API-key and CSRF routes, counted when they are answered.
 */
async function authFailureGuardPlugin (app: FastifyInstance, opts: { config: Config, authenticate: Authenticators }) {
  const { config, authenticate } = opts
  if (!config.rateLimitEnabled) {
    app.decorate('rateLimiter', null)
    return
  }
  const limiter = new RateLimiter({ redisUrl: config.redisUrl, redisPrefix: config.rateLimitRedisPrefix, log: app.log })
  app.decorate('rateLimiter', limiter)
  await limiter.connect()
  app.addHook('onClose', async () => { await limiter.close() })

  const settings = config.authFailureLimit
  app.addHook('onRequest', async (request, reply) => {
    const name = credentialHeader(request)
    if (name === null || request.consoleUser) return
    const refusal = await limiter.refusalOnceFull('auth-failure', request.ip, settings)
    if (refusal === null) return
    const credential = header(request, name)
    // Only a blocked address pays for this check (auth checks again; a valid credential here is rare).
    if (credential && await isValid(authenticate, name, credential)) return
    apply(reply, refusal, 'Too many failed authentications from this address')
  })
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode === 401 && credentialHeader(request) !== null) {
      await limiter.consume('auth-failure', request.ip, settings)
    }
  })
}

async function isValid (authenticate: Authenticators, headerName: string, credential: string): Promise<boolean> {
  const principal = headerName === 'x-api-key' ? await authenticate.apiKey(credential) : await authenticate.csrf(credential)
  return principal !== null
}

/** Counts each authenticated request against its key, session or (link exchange) client address. */
async function rateLimitPlugin (app: FastifyInstance, opts: { config: Config }) {
  const { config } = opts
  const limiter = app.rateLimiter
  if (limiter === null) return

  // onRequest, registered after auth: an unknown key is refused before it costs anything, and a
  // refused request is answered before its body is read or its handler runs.
  app.addHook('onRequest', async (request, reply) => {
    for (const counted of countedAs(request, config)) {
      apply(reply, await limiter.consume(counted.scope, counted.id, counted.settings))
    }
  })
}

export const authFailureGuard = fp(authFailureGuardPlugin, { name: 'auth-failure-guard', dependencies: ['errors'] })
export default fp(rateLimitPlugin, { name: 'rate-limit', dependencies: ['auth', 'auth-failure-guard'] })

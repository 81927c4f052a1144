import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../lib/error-codes.js'
import { assertCan, PERMISSIONS, type Permission, type Principal } from '../lib/permissions.js'
import { userPrincipal, type ApiKeyPrincipal, type ApplicantPrincipal } from '../lib/principals.js'

/**
 * How a route authenticates:
 * - apiKey: a partner's `x-api-key`;
 * - csrf: an applicant's `x-csrf-token` (from the link exchange);
 * - link: the link exchange itself (token in the request; rate-limited by client address);
 * - callback: the Reclaim callback (the unguessable token in the path);
 * - console: the console's session cookie (see console-auth.ts, which also accepts it on apiKey routes);
 * - none: public (health, docs, the applicant page's static files).
 */
export type AuthKind = 'apiKey' | 'csrf' | 'link' | 'callback' | 'console' | 'none'

/**
 * A route's declaration of what its caller must be and may do: `auth` how it authenticates, and for
 * an `apiKey` route the `permission` it needs (src/lib/permissions.ts), checked by the hook below
 * before the handler. The security suite reads these declarations (app.routeCatalog).
 */
declare module 'fastify' {
  interface FastifyContextConfig { auth?: AuthKind, permission?: Permission }
  interface FastifyRequest {
    apiKey: ApiKeyPrincipal | null
    /** Who calls, once authenticated (a key today; a console account later). */
    principal: Principal | null
    applicant: ApplicantPrincipal | null
  }
}

/** The caller of a route that declared a permission: it already has it. */
export function requirePrincipal (request: FastifyRequest): Principal {
  if (!request.principal) throw fail('api_key_invalid', 'Missing or invalid API key')
  return request.principal
}

export function requireApiKey (request: FastifyRequest): ApiKeyPrincipal {
  if (!request.apiKey) throw fail('api_key_invalid', 'Missing or invalid API key')
  return request.apiKey
}

export function requireApplicant (request: FastifyRequest): ApplicantPrincipal {
  if (!request.applicant) throw fail('csrf_token_invalid', 'Missing or invalid CSRF token')
  return request.applicant
}

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/** What the hook needs: a way to turn each kind of credential into its principal (null when unknown). */
export interface Authenticators {
  apiKey: (key: string) => Promise<ApiKeyPrincipal | null>
  csrf: (token: string) => Promise<ApplicantPrincipal | null>
}

async function authPlugin (app: FastifyInstance, { authenticate }: { authenticate: Authenticators }) {
  app.decorateRequest('apiKey', null)
  app.decorateRequest('principal', null)
  app.decorateRequest('applicant', null)

  // Runs before the body is read, so an unauthenticated request costs no parsing.
  app.addHook('onRequest', async (request) => {
    const kind = request.routeOptions.config?.auth
    if (kind === 'apiKey') {
      if (request.consoleUser) { // signed in with the console's cookie (console-auth.ts checked it)
        request.principal = userPrincipal(request.consoleUser)
        return
      }
      const key = header(request, 'x-api-key')
      if (!key) throw fail('api_key_missing')
      const principal = await authenticate.apiKey(key)
      if (!principal) throw fail('api_key_invalid')
      request.apiKey = principal
      request.principal = principal
    } else if (kind === 'csrf') {
      const token = header(request, 'x-csrf-token')
      if (!token) throw fail('csrf_token_missing')
      const principal = await authenticate.csrf(token)
      if (!principal) throw fail('csrf_token_invalid')
      request.applicant = principal
    }
  })

  // A route that authenticates a principal declares what it needs: refused at registration without.
  app.addHook('onRoute', (route) => {
    const { auth, permission } = route.config ?? {}
    if (auth === 'apiKey' && (permission === undefined || !PERMISSIONS.includes(permission))) {
      throw new Error(`${String(route.method)} ${route.url} authenticates an API key but declares no permission (config.permission)`)
    }
  })

  // After authentication and rate limiting, before the input is validated, idempotency and the
  // handler: a principal without the route's permission is refused (403 whatever it sent, so a
  // viewer's change is a 403 even with an incomplete body) and the handler never runs.
  app.addHook('preValidation', async (request) => {
    const permission = request.routeOptions.config?.permission
    if (permission === undefined) return
    assertCan(requirePrincipal(request), permission)
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['errors'] })

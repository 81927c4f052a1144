import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { unauthorized } from '../lib/http-errors.js'
import type { ApiKeyPrincipal } from '../modules/keys/keys.service.js'
import type { ApplicantPrincipal } from '../modules/verification/verification.service.js'

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

declare module 'fastify' {
  interface FastifyContextConfig { auth?: AuthKind }
  interface FastifyRequest {
    apiKey: ApiKeyPrincipal | null
    applicant: ApplicantPrincipal | null
  }
}

export function requireApiKey (request: FastifyRequest): ApiKeyPrincipal {
  if (!request.apiKey) throw unauthorized('Missing or invalid API key')
  return request.apiKey
}

export function requireApplicant (request: FastifyRequest): ApplicantPrincipal {
  if (!request.applicant) throw unauthorized('Missing or invalid CSRF token')
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
  app.decorateRequest('applicant', null)

  // Runs before the body is read, so an unauthenticated request costs no parsing.
  app.addHook('onRequest', async (request) => {
    const kind = request.routeOptions.config?.auth
    if (kind === 'apiKey') {
      if (request.consoleUser) return // signed in with the console's cookie
      const key = header(request, 'x-api-key')
      if (!key) throw unauthorized('Missing API key: send it in the x-api-key header')
      const principal = await authenticate.apiKey(key)
      if (!principal) throw unauthorized('Invalid or revoked API key')
      request.apiKey = principal
    } else if (kind === 'csrf') {
      const token = header(request, 'x-csrf-token')
      if (!token) throw unauthorized('Missing CSRF token: send it in the x-csrf-token header')
      const principal = await authenticate.csrf(token)
      if (!principal) throw unauthorized('Invalid or expired CSRF token')
      request.applicant = principal
    }
  })
}

export default fp(authPlugin, { name: 'auth', dependencies: ['errors'] })

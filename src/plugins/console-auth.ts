import fp from 'fastify-plugin'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import { fail } from '../lib/error-codes.js'
import type { ConsoleAuthService, ConsoleUser } from '../modules/console-auth/console-auth.service.js'
import { readCookie, type ConsoleCookieNames } from '../modules/console-auth/cookies.js'

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in console user, on `console` routes and on API-key routes called with the console's cookie. */
    consoleUser: ConsoleUser | null
    /** The cookie's secret (the CSRF token derives from it). */
    consoleToken: string | null
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

export function isUnsafe (request: FastifyRequest): boolean {
  return !SAFE_METHODS.has(request.method)
}

/**
 * A change asked for by a page of another site: its Origin (or, where a browser sends no Origin, its
 * Sec-Fetch-Site) says so. Requests without either (curl, server-side clients) are not a browser's.
 */
export function refuseForeignOrigin (request: FastifyRequest, ownOrigin: string): void {
  const origin = request.headers.origin
  if (origin !== undefined && origin !== ownOrigin) throw fail('origin_forbidden')
  if (origin === undefined && request.headers['sec-fetch-site'] === 'cross-site') throw fail('origin_forbidden')
}

function header (request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

/**
 * The console's cookie as a credential. On routes declared `auth: 'console'` it is required; on
 * `auth: 'apiKey'` routes it stands in for a missing x-api-key (a request with a key is the key's).
 * Unsafe methods with the cookie also need the session's CSRF token in `x-console-csrf`, and are
 * refused from a foreign Origin. Registered before the auth plugin, which leaves such requests to it.
 */
async function consoleAuthPlugin (app: FastifyInstance, opts: { auth: ConsoleAuthService, cookies: ConsoleCookieNames, ownOrigin: string }) {
  const { auth, cookies, ownOrigin } = opts
  app.decorateRequest('consoleUser', null)
  app.decorateRequest('consoleToken', null)

  app.addHook('onRequest', async (request) => {
    const kind = request.routeOptions.config?.auth
    if (kind !== 'console' && kind !== 'apiKey') return
    if (kind === 'apiKey' && header(request, 'x-api-key') !== undefined) return
    const token = readCookie(request, cookies.session)
    if (token === undefined) {
      if (kind === 'console') throw fail('console_session_invalid', 'Not signed in to the console')
      return // the auth plugin answers the missing key
    }
    const user = await auth.authenticate(token)
    if (!user) throw fail('console_session_invalid')
    if (isUnsafe(request)) {
      refuseForeignOrigin(request, ownOrigin)
      if (!auth.csrfMatches(token, header(request, 'x-console-csrf'))) {
        throw fail('console_csrf_invalid')
      }
    }
    request.consoleUser = user
    request.consoleToken = token
  })
}

export default fp(consoleAuthPlugin, { name: 'console-auth', dependencies: ['errors'] })

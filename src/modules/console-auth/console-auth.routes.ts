import { Type } from 'typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { fail } from '../../lib/error-codes.js'
import { HttpError } from '../../lib/http-errors.js'
import { prefersHtml } from '../../lib/accept.js'
import { refuseForeignOrigin } from './console-auth.plugin.js'
import { errors, noSecurity } from '../../schemas/common.js'
import type { RateLimitSettings } from '../../config.js'
import type { App } from '../../types.js'
import type { UsersService } from '../users/users.service.js'
import { AUDIT } from '../audit/audit-declarations.js'
import type { TotpService } from '../users/totp.service.js'
import {
  ConsoleSessionResponse, OidcCallbackQuery, SetupBody, SetupResponse, SignedInResponse, SignInBody, SignInOptionsResponse,
  TotpCodeBody, TotpDisableBody, TotpEnrollmentResponse, TotpStartBody, TotpUserResponse, UpdateConsoleSessionBody
} from './console-auth.schemas.js'
import type { ConsoleAuthService, SignInOrigin } from './console-auth.service.js'
import { clearCookie, readCookie, setCookie, type ConsoleCookieNames } from './cookies.js'
import { SsoRefusal, type OidcSignIn } from './oidc.js'

const tags = ['Console']
const consoleSecurity = [{ consoleCookie: [] }]
const FLOW_COOKIE_MAX_AGE_S = 600

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * An SSO refusal: for a browser (which reaches these URLs by navigation) a plain page, no script,
 * no inline style; for any other client the usual JSON error.
 */
function refuse (request: FastifyRequest, reply: FastifyReply, err: SsoRefusal) {
  if (!prefersHtml(request.headers.accept)) throw err.error
  return sendRefusalPage(reply, err.error.statusCode, err.error.message)
}

function sendRefusalPage (reply: FastifyReply, status: number, message: string) {
  const html = '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<title>Sign-in refused</title><link rel="stylesheet" href="/shared/base.css"><link rel="stylesheet" href="/console/console.css"></head>' +
    `<body><main class="sign-in-refused"><h1>Sign-in refused</h1><p id="reason">${escapeHtml(message)}</p>` +
    '<p><a href="/console">Back to the sign-in page</a></p></main></body></html>'
  return reply.status(status).headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': "default-src 'none'; style-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    'cache-control': 'no-store',
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff'
  }).send(html)
}

export interface ConsoleAuthRouteDeps {
  /** Failed authentications per client address (AUTH_FAILURE_*), shared with the API-key routes. */
  authFailureLimit: RateLimitSettings
  auth: ConsoleAuthService
  users: UsersService
  totp: TotpService
  oidc: OidcSignIn | null
  cookies: ConsoleCookieNames
  ownOrigin: string
}

export default async function consoleAuthRoutes (app: App, { auth, users, totp, oidc, cookies, ownOrigin, authFailureLimit }: ConsoleAuthRouteDeps) {
  const limiter = app.rateLimiter
  /** 429 while the address has used up its failed authentications (one email after another, too). */
  const refuseBusyAddress = async (ip: string) => {
    const refusal = limiter === null ? null : await limiter.refusalOnceFull('auth-failure', ip, authFailureLimit)
    if (refusal !== null) {
      throw fail('rate_limited', `Too many failed sign-ins from this address, retry in ${refusal.resetS} seconds`, { 'Retry-After': String(refusal.resetS) })
    }
  }

  app.get('/console/sign-in', {
    config: { auth: 'none' },
    schema: {
      operationId: 'getConsoleSignInOptions',
      tags,
      summary: 'How one signs in to the console',
      security: noSecurity,
      response: { 200: SignInOptionsResponse, ...errors(400) }
    }
  }, async () => ({ success: true as const, data: { password: true, sso: oidc !== null } }))

  app.post('/console/session', {
    config: { auth: 'none' },
    schema: {
      operationId: 'signInToConsole',
      tags,
      summary: 'Sign in with email and password',
      description: 'Sets the console session cookie (HttpOnly, SameSite=Lax; `__Host-` and Secure when PUBLIC_BASE_URL is https). One answer, 401 `sign_in_failed`, for an unknown email and a wrong password alike; a user with two-step sign-in also sends `totpCode` (401 `totp_required` without it; a wrong or used code is a failed sign-in); after 10 failures for one email in 15 minutes, 429 `sign_in_rate_limited` until the window passes; a client address\'s failures count against AUTH_FAILURE_LIMIT too (429 `rate_limited`). A session ends after CONSOLE_SESSION_IDLE_MIN minutes unused and CONSOLE_SESSION_MAX_HOURS hours in all.',
      security: noSecurity,
      body: SignInBody,
      response: { 200: SignedInResponse, ...errors(400, 401, 403, 415, 429) }
    }
  }, async (request, reply) => {
    refuseForeignOrigin(request, ownOrigin) // no signing a victim's browser in to an attacker's account
    await refuseBusyAddress(request.ip)
    const signed = await auth.signIn(request.body.email, request.body.password, request.body.totpCode, { ip: request.ip, requestId: request.id }).catch(async (err: unknown) => {
      if (err instanceof HttpError && err.code === 'sign_in_failed') await limiter?.consume('auth-failure', request.ip, authFailureLimit)
      throw err
    })
    setCookie(reply, cookies, cookies.session, signed.token, signed.maxAgeS)
    return { success: true as const, data: { user: signed.user, csrfToken: signed.csrfToken } }
  })

  app.get('/console/session', {
    config: { auth: 'console' },
    schema: {
      operationId: 'getConsoleSession',
      tags,
      summary: 'The signed-in user and the CSRF token',
      description: 'The user of the console cookie, the `csrfToken` to send as `x-console-csrf` on unsafe methods, and the mode the console works in. 401 when not signed in, or the session has ended.',
      security: consoleSecurity,
      response: { 200: ConsoleSessionResponse, ...errors(401) }
    }
  }, async (request) => ({ success: true as const, data: await auth.describe(request.consoleUser!, request.consoleToken!) }))

  app.patch('/console/session', {
    config: { auth: 'console' },
    schema: {
      operationId: 'updateConsoleSession',
      tags,
      summary: 'Switch the console between live and test data',
      description: 'Users work on live data; `livemode: false` shows the team\'s test (sandbox) sessions instead, where the sandbox is on (409 `sandbox_disabled` otherwise). Needs `x-console-csrf`.',
      security: consoleSecurity,
      body: UpdateConsoleSessionBody,
      response: { 200: ConsoleSessionResponse, ...errors(400, 401, 403, 409, 415) }
    }
  }, async (request) => {
    const user = request.consoleUser!
    await auth.setLivemode(user, request.body.livemode)
    return { success: true as const, data: await auth.describe({ ...user, livemode: request.body.livemode }, request.consoleToken!) }
  })

  app.delete('/console/session', {
    config: { auth: 'console' },
    schema: {
      operationId: 'signOutOfConsole',
      tags,
      summary: 'Sign out',
      description: 'Ends the console session at once and clears the cookie. Needs `x-console-csrf`.',
      security: consoleSecurity,
      response: { 204: Type.Null({ description: 'Signed out' }), ...errors(401, 403) }
    }
  }, async (request, reply) => {
    await auth.signOut(request.consoleUser!.sessionHash)
    clearCookie(reply, cookies, cookies.session)
    return await reply.status(204).send(null)
  })

  /** Where a request came from, for the failed sign-ins a wrong password or code records. */
  const originOf = (request: FastifyRequest): SignInOrigin => ({ ip: request.ip, requestId: request.id })

  app.post('/console/totp', {
    config: { auth: 'console', audit: AUDIT.userTotpEnrollmentStarted },
    schema: {
      operationId: 'startConsoleTotp',
      tags,
      summary: 'Start two-step sign-in: a new authenticator secret',
      description: 'A new TOTP secret (RFC 6238: SHA-1, 6 digits, 30 seconds) for the signed-in user, as a QR code, an otpauth:// URI and base32 text, shown this once; it takes effect when POST /console/totp/confirm receives a first code. Starting again replaces a secret not yet confirmed. ' +
        'Needs the user\'s current `password` (a stolen session alone cannot bind another authenticator): 403 `password_required` without it, 403 `password_incorrect` when wrong, which counts as a failed sign-in of the user\'s email (after 10 in 15 minutes, 429 `sign_in_rate_limited`). ' +
        '409 `totp_already_enabled` while one is in use; 409 `totp_needs_password` for a user without a password (SSO only: the provider asks for the second step). Recorded in the audit log (`user.totp_enrollment_started`). Needs `x-console-csrf`.',
      security: consoleSecurity,
      body: TotpStartBody,
      response: { 201: TotpEnrollmentResponse, ...errors(400, 401, 403, 409, 415, 429) }
    },
    preValidation: async (request) => { request.body ??= {} },
    // Before the change's transaction: a wrong password stays counted when the request is refused.
    preHandler: async (request) => { await auth.reauthenticate(request.consoleUser!, 'totp_enroll', { password: request.body.password }, originOf(request)) }
  }, async (request, reply) => await reply.status(201).send({ success: true as const, data: await totp.begin(request.consoleUser!.userId) }))

  app.post('/console/totp/confirm', {
    config: { auth: 'console', audit: AUDIT.userTotpEnabled },
    schema: {
      operationId: 'confirmConsoleTotp',
      tags,
      summary: 'Turn two-step sign-in on with a first code',
      description: 'The current code of the app that scanned the new secret: from now on a password sign-in also needs a code. 422 `totp_code_invalid` for a wrong code; 409 `totp_not_started` without POST /console/totp first. Recorded in the audit log (`user.totp_enabled`). Needs `x-console-csrf`.',
      security: consoleSecurity,
      body: TotpCodeBody,
      response: { 200: TotpUserResponse, ...errors(400, 401, 403, 409, 415, 422) }
    }
  }, async (request) => ({ success: true as const, data: { user: await totp.confirm(request.consoleUser!.userId, request.body.code) } }))

  app.post('/console/totp/disable', {
    config: { auth: 'console', audit: AUDIT.userTotpDisabled },
    schema: {
      operationId: 'disableConsoleTotp',
      tags,
      summary: 'Turn two-step sign-in off',
      description: 'With a current code and the user\'s current `password` (a stolen session alone cannot turn it off). 403 `password_required` without the password; 403 `password_incorrect` for a wrong one and 422 `totp_code_invalid` for a wrong or used code, each counting as a failed sign-in of the user\'s email (after 10 in 15 minutes, 429 `sign_in_rate_limited`); 409 `totp_not_enabled` when it is off. ' +
        'A user without a password (SSO only) sends the code alone. A user who lost their phone asks an admin (DELETE /partner/users/:id/totp) or an operator (`partner-api users reset-totp`). Recorded in the audit log (`user.totp_disabled`). Needs `x-console-csrf`.',
      security: consoleSecurity,
      body: TotpDisableBody,
      response: { 200: TotpUserResponse, ...errors(400, 401, 403, 409, 415, 422, 429) }
    },
    // Before the change's transaction: a wrong password or code stays counted when the request is refused.
    preHandler: async (request) => { await auth.reauthenticate(request.consoleUser!, 'totp_disable', { password: request.body.password, code: request.body.code }, originOf(request)) }
  }, async (request) => ({ success: true as const, data: { user: await totp.disable(request.consoleUser!.userId) } }))

  app.post('/console/setup', {
    config: { auth: 'none' },
    schema: {
      operationId: 'setConsolePassword',
      tags,
      summary: 'Set a password with a one-time setup link',
      description: 'The `token` of the setup link (`users create` or POST /partner/users) and a new password: at least 12 characters, not in a list of common passwords (400 `password_too_weak`). The link is then used up (400 `setup_token_invalid` for an unknown, used or expired one), and any console session of the user ends. Then sign in with POST /console/session.',
      security: noSecurity,
      body: SetupBody,
      response: { 200: SetupResponse, ...errors(400, 403, 415) }
    }
  }, async (request) => {
    refuseForeignOrigin(request, ownOrigin)
    return { success: true as const, data: { user: await users.setup(request.body.token, request.body.password, { ip: request.ip, requestId: request.id }) } }
  })

  app.get('/console/oidc/start', {
    // Each call stores a flow and may fetch the provider's metadata: counted per client address.
    config: { auth: 'none', limitPerAddress: true },
    schema: {
      hide: true, // a browser's navigation, not an API call: the README documents it
      operationId: 'startConsoleSso',
      tags,
      summary: 'Sign in with SSO (OpenID Connect)',
      description: 'Redirects the browser to the provider (authorization code with PKCE). 404 `sso_not_configured` without OIDC_ISSUER_URL. Counted per client address against APPLICANT_RATE_LIMIT_* (429 `rate_limited` with Retry-After once over).',
      security: noSecurity,
      response: { 302: Type.Null({ description: 'To the provider' }), ...errors(404, 429) }
    }
  }, async (request, reply) => {
    if (oidc === null) throw fail('sso_not_configured')
    try {
      const { url, flowId } = await oidc.start()
      setCookie(reply, cookies, cookies.flow, flowId, FLOW_COOKIE_MAX_AGE_S)
      return await reply.redirect(url, 302)
    } catch (err) {
      if (err instanceof SsoRefusal) return refuse(request, reply, err)
      throw err
    }
  })

  app.get('/console/oidc/callback', {
    config: { auth: 'none' },
    schema: {
      hide: true, // the provider's redirect back, in the browser
      operationId: 'finishConsoleSso',
      tags,
      summary: 'Where the provider sends the browser back',
      description: 'Checks state, nonce and PKCE, creates or updates the user (email, name, role from OIDC_ROLE_CLAIM through OIDC_ROLE_MAP at every sign-in), sets the console cookie and redirects to /console. The team\'s last enabled admin stays an admin when their groups now map to a lower role (the audit entry says `lastAdminKept`). A user in no mapped group is refused with a page saying so (403), and their console sessions end.',
      security: noSecurity,
      querystring: OidcCallbackQuery,
      response: { 302: Type.Null({ description: 'To the console, signed in' }), ...errors(400, 404) }
    }
  }, async (request, reply) => {
    if (oidc === null) throw fail('sso_not_configured')
    const flowId = readCookie(request, cookies.flow)
    clearCookie(reply, cookies, cookies.flow)
    try {
      const signed = await oidc.callback(flowId, request.query as Record<string, string>, { ip: request.ip, requestId: request.id })
      setCookie(reply, cookies, cookies.session, signed.token, signed.maxAgeS)
      return await reply.redirect('/console', 302)
    } catch (err) {
      if (err instanceof SsoRefusal) {
        if (err.cause !== undefined) request.log.warn({ err: err.cause }, 'SSO sign-in refused')
        return refuse(request, reply, err)
      }
      throw err
    }
  })
}

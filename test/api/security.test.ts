import { readFileSync } from 'node:fs'
import Fastify from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import authPlugin from '../../src/plugins/auth.js'
import errorsPlugin from '../../src/plugins/errors.js'
import { can, denied, type Permission } from '../../src/lib/permissions.js'
import { newSecret } from '../../src/lib/secrets.js'
import { buildTestApp } from '../support/harness.js'
import { createKey, createSession, exchange, futureIso, type PartnerKey } from '../support/factories.js'
import { expectError, expectNoChange, TEST_ENV, type Reply } from './helpers.js'
import { consentVersion } from '../../src/modules/consent/consent.service.js'
import { createUser, signIn, type Signed } from '../console/support.js'

/**
 * Every protected route, called with every kind of bad credential: the answer is exactly the
 * expected error, and the database is exactly as before. The table is explicit; a test below checks
 * it against the routes the app actually registered, so a new protected route cannot go untested.
 */

interface Target { sessionId: number, stepId: number }
type Auth = 'apiKey' | 'csrf' | 'console'
interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'
  url: string // as registered
  auth: Auth
  /** The permission the route declares (config.permission); every API key route has one. */
  permission?: Permission
  /** What the request names, which decides how a token of another session or a key of another team is answered. */
  names: 'session' | 'step' | 'nothing' | 'team-list'
  request: (target: Target) => { url: string, payload?: unknown }
  /** How another session's CSRF token is answered when it is not the usual 404/403 of what the route names. */
  otherSession?: { status: number, message: string }
}

const CONSENT_VERSION = await consentVersion()
const proofVector = (JSON.parse(readFileSync(new URL('../fixtures/reclaim-vector.json', import.meta.url), 'utf8')) as { proof: unknown }).proof

const ROUTES: RouteCase[] = [
  { method: 'POST', url: '/partner/session', auth: 'apiKey', permission: 'create', names: 'nothing', request: () => ({ url: '/partner/session', payload: { params: { expiryDate: '2099-01-01T00:00:00.000Z' } } }) },
  { method: 'POST', url: '/partner/sdk/session', auth: 'apiKey', permission: 'create', names: 'nothing', request: () => ({ url: '/partner/sdk/session', payload: { sourceName: 'PayPal' } }) },
  { method: 'GET', url: '/partner/reviewer/sessions', auth: 'apiKey', permission: 'read', names: 'team-list', request: () => ({ url: '/partner/reviewer/sessions' }) },
  { method: 'GET', url: '/partner/reviewer/sessions/:sessionId', auth: 'apiKey', permission: 'read', names: 'session', request: (x) => ({ url: `/partner/reviewer/sessions/${x.sessionId}` }) },
  { method: 'POST', url: '/partner/reviewer/sessions/:sessionId/decision', auth: 'apiKey', permission: 'decide', names: 'session', request: (x) => ({ url: `/partner/reviewer/sessions/${x.sessionId}/decision`, payload: { decision: 'APPROVE' } }) },
  { method: 'GET', url: '/partner/me', auth: 'apiKey', permission: 'read', names: 'nothing', request: () => ({ url: '/partner/me' }) },
  { method: 'GET', url: '/partner/session/:sessionId', auth: 'apiKey', permission: 'read', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}` }) },
  { method: 'GET', url: '/partner/session/:sessionId/report.json', auth: 'apiKey', permission: 'read', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/report.json` }) },
  { method: 'GET', url: '/partner/session/:sessionId/report.pdf', auth: 'apiKey', permission: 'read', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/report.pdf` }) },
  { method: 'POST', url: '/partner/session/:sessionId/cancel', auth: 'apiKey', permission: 'cancel', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/cancel`, payload: { reason: 'test' } }) },
  { method: 'POST', url: '/partner/session/:sessionId/link', auth: 'apiKey', permission: 'resend', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/link` }) },
  { method: 'POST', url: '/partner/session/:sessionId/redact', auth: 'apiKey', permission: 'redact', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/redact` }) },
  { method: 'POST', url: '/partner/session/:sessionId/reverify', auth: 'apiKey', permission: 'create', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/reverify`, payload: { expiryDate: '2099-01-01T00:00:00.000Z' } }) },
  { method: 'POST', url: '/partner/session/:sessionId/assign', auth: 'apiKey', permission: 'assign', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/assign`, payload: { reviewerId: 'bob' } }) },
  { method: 'GET', url: '/partner/verification/consent', auth: 'csrf', names: 'session', request: (x) => ({ url: `/partner/verification/consent?sessionId=${x.sessionId}` }) },
  { method: 'POST', url: '/partner/verification/consent', auth: 'csrf', names: 'session', request: (x) => ({ url: '/partner/verification/consent', payload: { sessionId: x.sessionId, accepted: true, version: CONSENT_VERSION } }) },
  { method: 'POST', url: '/partner/reviewer/sessions/:sessionId/notes', auth: 'apiKey', permission: 'decide', names: 'session', request: (x) => ({ url: `/partner/reviewer/sessions/${x.sessionId}/notes`, payload: { body: 'A note' } }) },
  { method: 'PUT', url: '/partner/session/:sessionId/tags', auth: 'apiKey', permission: 'decide', names: 'session', request: (x) => ({ url: `/partner/session/${x.sessionId}/tags`, payload: { tags: ['vip'] } }) },
  { method: 'GET', url: '/partner/settings/decision-reasons', auth: 'apiKey', permission: 'read', names: 'nothing', request: () => ({ url: '/partner/settings/decision-reasons' }) },
  { method: 'PUT', url: '/partner/settings/decision-reasons', auth: 'apiKey', permission: 'settings', names: 'nothing', request: () => ({ url: '/partner/settings/decision-reasons', payload: { reasons: [{ code: 'a', label: 'A', kind: 'reject' }, { code: 'b', label: 'B', kind: 'more' }] } }) },
  { method: 'GET', url: '/partner/sources/session/:sessionId', auth: 'csrf', names: 'session', request: (x) => ({ url: `/partner/sources/session/${x.sessionId}` }) },
  { method: 'GET', url: '/partner/sources/search', auth: 'csrf', names: 'session', request: (x) => ({ url: `/partner/sources/search?text=pay&sessionId=${x.sessionId}` }) },
  { method: 'POST', url: '/partner/step/select-data-source', auth: 'csrf', names: 'session', request: (x) => ({ url: '/partner/step/select-data-source', payload: { dataSourceIds: [2], sessionId: x.sessionId } }) },
  { method: 'GET', url: '/partner/steps/session/:sessionId', auth: 'csrf', names: 'session', request: (x) => ({ url: `/partner/steps/session/${x.sessionId}` }) },
  { method: 'GET', url: '/partner/steps/:stepId', auth: 'csrf', names: 'step', request: (x) => ({ url: `/partner/steps/${x.stepId}` }) },
  { method: 'POST', url: '/partner/step/initiate', auth: 'csrf', names: 'step', request: (x) => ({ url: '/partner/step/initiate', payload: { stepId: x.stepId } }) },
  { method: 'POST', url: '/partner/step/submit', auth: 'csrf', names: 'step', request: (x) => ({ url: '/partner/step/submit', payload: { stepId: x.stepId, proofs: [proofVector] } }) },
  { method: 'POST', url: '/partner/sandbox/step/simulate', auth: 'csrf', names: 'step', request: (x) => ({ url: '/partner/sandbox/step/simulate', payload: { stepId: x.stepId, outcome: 'success' } }) },
  { method: 'POST', url: '/partner/webhooks', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks', payload: { url: 'https://hooks.example.test/partner' } }) },
  { method: 'GET', url: '/partner/webhooks', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks' }) },
  { method: 'GET', url: '/partner/webhooks/:id', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1' }) },
  { method: 'PATCH', url: '/partner/webhooks/:id', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1', payload: { enabled: false } }) },
  { method: 'DELETE', url: '/partner/webhooks/:id', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1' }) },
  { method: 'POST', url: '/partner/webhooks/:id/rotate-secret', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1/rotate-secret' }) },
  { method: 'POST', url: '/partner/webhooks/:id/test', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1/test' }) },
  { method: 'GET', url: '/partner/webhooks/:id/deliveries', auth: 'apiKey', permission: 'webhooks', names: 'nothing', request: () => ({ url: '/partner/webhooks/1/deliveries' }) },
  { method: 'POST', url: '/partner/webhooks/:id/deliveries/:deliveryId/redeliver', auth: 'apiKey', permission: 'redeliver', names: 'nothing', request: () => ({ url: '/partner/webhooks/1/deliveries/1/redeliver' }) },
  { method: 'GET', url: '/partner/events', auth: 'apiKey', permission: 'events', names: 'nothing', request: () => ({ url: '/partner/events' }) },
  { method: 'GET', url: '/partner/keys', auth: 'apiKey', permission: 'keys:write', names: 'nothing', request: () => ({ url: '/partner/keys' }) },
  { method: 'POST', url: '/partner/keys', auth: 'apiKey', permission: 'keys:write', names: 'nothing', request: () => ({ url: '/partner/keys', payload: { name: 'intruder', permissions: ['keys:write'] } }) },
  { method: 'POST', url: '/partner/keys/:id/roll', auth: 'apiKey', permission: 'keys:write', names: 'nothing', request: () => ({ url: '/partner/keys/1/roll', payload: { expiresInSeconds: 60 } }) },
  { method: 'POST', url: '/partner/keys/:id/revoke', auth: 'apiKey', permission: 'keys:write', names: 'nothing', request: () => ({ url: '/partner/keys/1/revoke' }) },
  { method: 'GET', url: '/partner/audit-log', auth: 'apiKey', permission: 'audit:read', names: 'nothing', request: () => ({ url: '/partner/audit-log' }) },
  { method: 'GET', url: '/partner/settings', auth: 'apiKey', permission: 'settings', names: 'nothing', request: () => ({ url: '/partner/settings' }) },
  { method: 'PATCH', url: '/partner/settings', auth: 'apiKey', permission: 'settings', names: 'nothing', request: () => ({ url: '/partner/settings', payload: { displayName: 'Intruder' } }) },
  { method: 'GET', url: '/partner/users', auth: 'apiKey', permission: 'users', names: 'nothing', request: () => ({ url: '/partner/users' }) },
  { method: 'POST', url: '/partner/users', auth: 'apiKey', permission: 'users', names: 'nothing', request: () => ({ url: '/partner/users', payload: { email: 'intruder@example.test', role: 'admin' } }) },
  { method: 'PATCH', url: '/partner/users/:id', auth: 'apiKey', permission: 'users', names: 'nothing', request: () => ({ url: '/partner/users/1', payload: { role: 'admin' } }) },
  { method: 'POST', url: '/partner/users/:id/setup-link', auth: 'apiKey', permission: 'users', names: 'nothing', request: () => ({ url: '/partner/users/1/setup-link' }) },
  { method: 'DELETE', url: '/partner/users/:id/totp', auth: 'apiKey', permission: 'users', names: 'nothing', request: () => ({ url: '/partner/users/1/totp' }) },
  { method: 'GET', url: '/console/session', auth: 'console', names: 'nothing', request: () => ({ url: '/console/session' }) },
  { method: 'PATCH', url: '/console/session', auth: 'console', names: 'nothing', request: () => ({ url: '/console/session', payload: { livemode: false } }) },
  { method: 'DELETE', url: '/console/session', auth: 'console', names: 'nothing', request: () => ({ url: '/console/session' }) },
  { method: 'POST', url: '/console/totp', auth: 'console', names: 'nothing', request: () => ({ url: '/console/totp', payload: { password: 'violet-harbour-lantern-42' } }) },
  { method: 'POST', url: '/console/totp/confirm', auth: 'console', names: 'nothing', request: () => ({ url: '/console/totp/confirm', payload: { code: '123456' } }) },
  { method: 'POST', url: '/console/totp/disable', auth: 'console', names: 'nothing', request: () => ({ url: '/console/totp/disable', payload: { code: '123456', password: 'violet-harbour-lantern-42' } }) },
  { method: 'GET', url: '/partner/outbox', auth: 'apiKey', permission: 'events', names: 'nothing', request: () => ({ url: '/partner/outbox' }) },
  { method: 'GET', url: '/partner/delivery/suppressions', auth: 'apiKey', permission: 'settings', names: 'nothing', request: () => ({ url: '/partner/delivery/suppressions' }) },
  { method: 'DELETE', url: '/partner/delivery/suppressions/:id', auth: 'apiKey', permission: 'settings', names: 'nothing', request: () => ({ url: '/partner/delivery/suppressions/1' }) }
]

const routeKey = (r: { method: string, url: string }) => `${r.method} ${r.url}`

// Built at collection time: which routes exist decides which cases there are.
const t = await buildTestApp({ ...TEST_ENV })
const registered = new Set(t.app.routeCatalog.map(routeKey))
const active = ROUTES // every protected route is registered (checked below)

interface Fixture {
  keyA: PartnerKey // team acme: owns sessions A, B and E
  keyOtherTeam: PartnerKey
  keyOtherReviewer: PartnerKey // team acme, but scoped to reviewer "bob", who owns none of its sessions
  revokedKey: PartnerKey
  a: Target
  b: Target
  expired: Target // session E, past its expiry and swept
  csrfA: string
  csrfB: string
  csrfAExpired: string // a CSRF token of session A, 901 s old
  csrfExpiredSession: string // a live CSRF token of session E
  viewer: Signed // a viewer of acme, signed in to the console
  otherTeamAdmin: Signed // an admin of globex, signed in
  signedOut: Signed // a user of acme who signed out: the cookie is dead
  disabled: Signed // a user of acme an admin disabled
}
let f: Fixture

async function stepOf (sessionId: number, csrf: string, dataSourceId: number): Promise<number> {
  const sel = await t.app.inject({ method: 'POST', url: '/partner/step/select-data-source', headers: { 'x-csrf-token': csrf }, payload: { dataSourceIds: [dataSourceId], sessionId } })
  expect(sel.statusCode).toBe(200)
  const steps = (await t.app.inject({ url: `/partner/steps/session/${sessionId}`, headers: { 'x-csrf-token': csrf } })).json().data.steps
  return steps.find((s: { dataSourceId: number }) => s.dataSourceId === dataSourceId).id
}

beforeAll(async () => {
  const keyA = await createKey(t.app, 'acme')
  const keyOtherTeam = await createKey(t.app, 'globex')
  const keyOtherReviewer = await createKey(t.app, 'acme', { reviewerId: 'bob' })
  const revokedKey = await createKey(t.app, 'acme')
  expect(await t.app.ctx.keys.revoke(revokedKey.id)).toBe(true)

  const sessionA = await createSession(t.app, keyA.key, { allowedSources: [{ id: 1 }, { id: 2 }] })
  const csrfAExpired = await exchange(t.app, sessionA.id, sessionA.verificationLink.token)
  t.clock.advance(800)
  const sessionE = await createSession(t.app, keyA.key, { expiryDate: futureIso(t.app, 60) })
  const csrfExpiredSession = await exchange(t.app, sessionE.id, sessionE.verificationLink.token)
  const stepE = await stepOf(sessionE.id, csrfExpiredSession, 1)
  t.clock.advance(101) // csrfAExpired is now 901 s old; session E is past its expiry, its CSRF token 101 s old
  expect(await t.app.ctx.sessions.sweepExpired()).toBe(1)

  const csrfA = await exchange(t.app, sessionA.id, sessionA.verificationLink.token)
  const stepA = await stepOf(sessionA.id, csrfA, 1)
  const sessionB = await createSession(t.app, keyA.key)
  const csrfB = await exchange(t.app, sessionB.id, sessionB.verificationLink.token)
  const stepB = await stepOf(sessionB.id, csrfB, 1)

  await createUser(t.app, 'acme', 'viewer@acme.example', 'viewer')
  await createUser(t.app, 'globex', 'admin@globex.example', 'admin')
  await createUser(t.app, 'acme', 'gone@acme.example', 'reviewer')
  const disabledUser = await createUser(t.app, 'acme', 'off@acme.example', 'reviewer')
  const viewer = await signIn(t.app, 'viewer@acme.example')
  const otherTeamAdmin = await signIn(t.app, 'admin@globex.example')
  const signedOut = await signIn(t.app, 'gone@acme.example')
  expect((await t.app.inject({ method: 'DELETE', url: '/console/session', headers: signedOut.headers(true) })).statusCode).toBe(204)
  const disabled = await signIn(t.app, 'off@acme.example')
  await t.app.ctx.users.update(keyA.teamId, disabledUser.id, { disabled: true })

  f = {
    viewer,
    otherTeamAdmin,
    signedOut,
    disabled,
    keyA,
    keyOtherTeam,
    keyOtherReviewer,
    revokedKey,
    a: { sessionId: sessionA.id, stepId: stepA },
    b: { sessionId: sessionB.id, stepId: stepB },
    expired: { sessionId: sessionE.id, stepId: stepE },
    csrfA,
    csrfB,
    csrfAExpired,
    csrfExpiredSession
  }
})
afterAll(async () => { await t.close() })

interface Case {
  name: string
  headers: () => Record<string, string>
  target: () => Target
  check: (res: Reply) => void
}

const MISSING_KEY = 'Missing API key: send it in the x-api-key header'
const BAD_KEY = 'Invalid or revoked API key'
const MISSING_CSRF = 'Missing CSRF token: send it in the x-csrf-token header'
const BAD_CSRF = 'Invalid or expired CSRF token'
const SESSION_ENDED = 'Your console session has ended: sign in again'
const NO_CONSOLE_CSRF = 'Missing or wrong x-console-csrf header: send the csrfToken of GET /console/session'
const FOREIGN_ORIGIN = 'Cross-site request refused: the Origin is not this service\'s'
const unsafe = (route: RouteCase) => route.method !== 'GET'

/** The console's cookie, on the routes it reaches (console routes, and API-key routes in place of a key). */
function cookieCases (route: RouteCase, refuse: (what: string, headers: () => Record<string, string>, status: number, message: string) => Case): Case[] {
  const cases = [
    refuse('the cookie of a signed-out console session', () => f.signedOut.headers(true), 401, SESSION_ENDED),
    refuse('the cookie of a disabled user', () => f.disabled.headers(true), 401, SESSION_ENDED),
    refuse('a made-up console cookie', () => ({ cookie: `partner_console=${newSecret()}` }), 401, SESSION_ENDED)
  ]
  if (unsafe(route)) {
    cases.push(
      refuse('a console cookie without x-console-csrf', () => f.viewer.headers(), 403, NO_CONSOLE_CSRF),
      refuse('a console cookie with another session\'s x-console-csrf', () => ({ ...f.viewer.headers(), 'x-console-csrf': f.otherTeamAdmin.csrf }), 403, NO_CONSOLE_CSRF),
      refuse('a console cookie from a foreign Origin', () => ({ ...f.viewer.headers(true), origin: 'https://evil.example' }), 403, FOREIGN_ORIGIN)
    )
  }
  return cases
}

function casesFor (route: RouteCase): Case[] {
  const onA = () => f.a
  /** A case whose answer is the error body `status` + `message`. */
  const refuse = (what: string, headers: () => Record<string, string>, status: number, message: string, target = onA): Case =>
    ({ name: `refuses ${what} with ${status}`, headers, target, check: (res) => { expectError(res, status, message) } })
  if (route.auth === 'console') {
    return [
      refuse('a request without the console cookie', () => ({}), 401, 'Not signed in to the console'),
      refuse('an API key instead of the console cookie', () => ({ 'x-api-key': f.keyA.key }), 401, 'Not signed in to the console'),
      ...cookieCases(route, refuse)
    ]
  }
  if (route.auth === 'apiKey') {
    const cases: Case[] = [
      ...cookieCases(route, refuse),
      refuse('a request without credentials', () => ({}), 401, MISSING_KEY),
      refuse('a wrong key', () => ({ 'x-api-key': newSecret('pa_') }), 401, BAD_KEY),
      refuse('a revoked key', () => ({ 'x-api-key': f.revokedKey.key }), 401, BAD_KEY),
      refuse('an empty key', () => ({ 'x-api-key': '' }), 401, MISSING_KEY),
      refuse('a key in the Authorization header', () => ({ authorization: `Bearer ${f.keyA.key}` }), 401, MISSING_KEY),
      refuse('a CSRF token instead of an API key', () => ({ 'x-csrf-token': f.csrfA }), 401, MISSING_KEY)
    ]
    // A key scoped to a reviewer acts as the reviewer role: refused (403) where the route's
    // permission is not the role's, before anything it names is looked up.
    const reviewerDenied = route.permission !== undefined && !can({ role: 'reviewer' }, route.permission)
    if (reviewerDenied) {
      const answer = denied({ kind: 'key', role: 'reviewer' }, route.permission as Permission)
      cases.push({
        name: `refuses a key scoped to a reviewer with 403 ${answer.code}`,
        headers: () => ({ 'x-api-key': f.keyOtherReviewer.key }),
        target: onA,
        check: (res) => { expectError(res, 403, answer.message, answer.code) }
      })
    }
    // A viewer's cookie (with its CSRF header) acts as the viewer role: reads only.
    if (route.permission !== undefined && !can({ role: 'viewer' }, route.permission)) {
      const answer = denied({ kind: 'user', role: 'viewer' }, route.permission)
      cases.push({
        name: `refuses a viewer's console cookie with 403 ${answer.code}`,
        headers: () => f.viewer.headers(true),
        target: onA,
        check: (res) => { expectError(res, 403, answer.message, answer.code) }
      })
    }
    if (route.names === 'session') {
      cases.push(refuse('another team\'s key', () => ({ 'x-api-key': f.keyOtherTeam.key }), 404, 'Session not found'))
      cases.push(refuse('another team\'s admin console cookie', () => f.otherTeamAdmin.headers(true), 404, 'Session not found'))
      if (!reviewerDenied) cases.push(refuse('the key of another reviewer of the team', () => ({ 'x-api-key': f.keyOtherReviewer.key }), 404, 'Session not found'))
    }
    if (route.names === 'team-list') {
      const seesNothing = (whose: string, key: () => PartnerKey): Case => ({
        name: `shows ${whose} none of the team's sessions`,
        headers: () => ({ 'x-api-key': key().key }),
        target: onA,
        check: (res) => {
          expect(res.statusCode).toBe(200)
          expect(res.json()).toEqual({ success: true, data: [], total: 0, limit: 20, offset: 0, hasMore: false })
        }
      })
      cases.push(seesNothing('another team\'s key', () => f.keyOtherTeam), seesNothing('the key of another reviewer', () => f.keyOtherReviewer))
    }
    return cases
  }
  return [
    refuse('a request without credentials', () => ({}), 401, MISSING_CSRF),
    refuse('a wrong CSRF token', () => ({ 'x-csrf-token': newSecret() }), 401, BAD_CSRF),
    refuse('an expired CSRF token', () => ({ 'x-csrf-token': f.csrfAExpired }), 401, BAD_CSRF),
    refuse('an empty CSRF token', () => ({ 'x-csrf-token': '' }), 401, MISSING_CSRF),
    refuse('an API key instead of a CSRF token', () => ({ 'x-api-key': f.keyA.key }), 401, MISSING_CSRF),
    route.otherSession
      ? refuse('another session\'s CSRF token', () => ({ 'x-csrf-token': f.csrfB }), route.otherSession.status, route.otherSession.message)
      : route.names === 'step'
        ? refuse('another session\'s CSRF token', () => ({ 'x-csrf-token': f.csrfB }), 404, 'Step not found')
        : refuse('another session\'s CSRF token', () => ({ 'x-csrf-token': f.csrfB }), 403, 'CSRF token does not belong to this session'),
    refuse('a live CSRF token of an expired session', () => ({ 'x-csrf-token': f.csrfExpiredSession }), 410, 'Verification session has expired', () => f.expired)
  ]
}

describe('the route table', () => {
  const protectedRoutes = t.app.routeCatalog.filter((r) => r.method !== 'HEAD' && (r.auth === 'apiKey' || r.auth === 'csrf' || r.auth === 'console'))

  it('covers every route registered with an API key, a CSRF token or the console cookie', () => {
    const table = new Set(ROUTES.map(routeKey))
    expect(protectedRoutes.map(routeKey).filter((r) => !table.has(r))).toEqual([])
  })

  it('names each route with the authentication the app registered for it', () => {
    for (const r of active) {
      expect(t.app.routeCatalog.find((c) => routeKey(c) === routeKey(r))?.auth, routeKey(r)).toBe(r.auth)
    }
  })

  it('names each route with the permission it declares, and every API key route declares one', () => {
    for (const r of active) {
      expect(t.app.routeCatalog.find((c) => routeKey(c) === routeKey(r))?.permission ?? undefined, routeKey(r)).toBe(r.permission)
    }
    expect(t.app.routeCatalog.filter((r) => r.auth === 'apiKey' && r.permission === null).map(routeKey)).toEqual([])
  })

  it('refuses to register an API key route without a permission', async () => {
    const app = Fastify()
    await app.register(errorsPlugin)
    await app.register(authPlugin, { authenticate: { apiKey: async () => null, csrf: async () => null } })
    const register = async () => {
      app.get('/partner/undeclared', { config: { auth: 'apiKey' } }, async () => ({}))
      await app.ready()
    }
    await expect(register()).rejects.toThrow(/GET \/partner\/undeclared authenticates an API key but declares no permission/)
    await app.close()
  })

  it('lists no route that does not exist', () => {
    expect(ROUTES.map(routeKey).filter((r) => !registered.has(r))).toEqual([])
  })

  it('every /partner route declares how it authenticates', () => {
    expect(t.app.routeCatalog.filter((r) => r.url.startsWith('/partner') && r.auth === null).map(routeKey)).toEqual([])
  })

  it('the HEAD twin of every protected GET route authenticates the same way', () => {
    for (const r of protectedRoutes.filter((p) => p.method === 'GET')) {
      expect(t.app.routeCatalog.find((c) => c.method === 'HEAD' && c.url === r.url)?.auth, r.url).toBe(r.auth)
    }
  })
})

describe.each(active.map((r) => [routeKey(r), r] as const))('%s', (_name, route) => {
  it.each(casesFor(route).map((c) => [c.name, c] as const))('%s, and changes nothing', async (_case, c) => {
    const { url, payload } = route.request(c.target())
    const res = await expectNoChange(t.db, async () => await t.app.inject({ method: route.method, url, headers: c.headers(), ...(payload === undefined ? {} : { payload: payload as any }) }))
    c.check(res)
  })

  if (route.method === 'GET') {
    it('refuses HEAD without credentials', async () => {
      const res = await t.app.inject({ method: 'HEAD', url: route.request(f.a).url })
      expect(res.statusCode).toBe(401)
    })
  }
})

describe('what the request log shows of a URL', () => {
  it('never the query (the link token) nor a Reclaim callback token', async () => {
    const { loggableUrl } = await import('../../src/app.js')
    expect(loggableUrl('/partner/verification/verify?token=secret&sessionId=1')).toBe('/partner/verification/verify')
    expect(loggableUrl('/partner/reclaim/callback/cb-secret-token')).toBe('/partner/reclaim/callback/[redacted]')
    expect(loggableUrl('/partner/reclaim/callback/cb-secret-token/?x=1')).toBe('/partner/reclaim/callback/[redacted]/')
    expect(loggableUrl('/partner/steps/12')).toBe('/partner/steps/12')
  })
})

import { STATUS_CODES } from 'node:http'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RouteCatalogEntry } from '../../src/app.js'
import { dbState, TEST_ENV, type DbState } from '../api/helpers.js'
import { createKey, futureIso, sessionIn } from '../support/factories.js'
import { usingPostgres } from '../support/harness.js'
import { initiated, proofFor, reclaimTestApp, selectedSession } from '../reclaim/support.js'
import {
  contentType, credential, deepJson, encode, encodeQuery, fromSchema, headerText, idempotencyKey, mutate, pathSegment, queryString,
  rawBodyText, requestId, weirdString, wildJson, type Hints, type JsonSchema
} from './arbitraries.js'

/**
 * Property-based tests of every route the app registers (read from app.routeCatalog, so a route
 * added later is fuzzed without touching this file): generated path ids, query strings, bodies and
 * headers (valid credentials of a fixture for about half the requests, so handlers are reached)
 * must never get a 5xx; every error is the guide's JSON body; and a 4xx changes nothing in the
 * database, apart from what the flow counts by design (a refused proof uses an attempt).
 *
 * FUZZ_SEED fixes the seed (printed with any failure and in the summary); FUZZ_RUNS the number of
 * requests per route (default 30; HEAD and unauthenticated static routes get a third of it);
 * FUZZ_SHRINK=1 shrinks a counterexample (off by default: requests change the fixture, so a shrunk
 * replay is not always the same request); FUZZ_VERBOSE=1 prints each route's statuses, =2 also
 * every refused aimed request (to see why generated requests miss the handlers).
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31)
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 30
const DIALECT = usingPostgres() ? 'postgres' : 'sqlite'

// Built at collection time: the routes registered decide the tests there are.
// The delivery webhooks (gateway, mail server) take a basic-auth password from the environment.
const SMS_INBOUND_TOKEN = 'fuzz-inbound-token-0123456789'
const MAIL_BOUNCE_TOKEN = 'fuzz-bounce-token-0123456789'
const basicAuth = (password: string) => `Basic ${Buffer.from(`gateway:${password}`).toString('base64')}`
const BASIC_AUTH: Record<string, string> = {
  '/partner/delivery/sms/inbound': basicAuth(SMS_INBOUND_TOKEN),
  '/partner/delivery/sms/status': basicAuth(SMS_INBOUND_TOKEN),
  '/partner/delivery/email/bounce': basicAuth(MAIL_BOUNCE_TOKEN)
}
const { t, attestor } = await reclaimTestApp({ ...TEST_ENV, SMS_INBOUND_TOKEN, MAIL_BOUNCE_TOKEN })
const routes = t.app.routeCatalog
const routeKey = (r: { method: string, url: string }) => `${r.method} ${r.url}`

/** How each kind of route authenticates: the header its valid credential goes in. */
const AUTH_KINDS = new Set(['apiKey', 'csrf', 'link', 'callback', 'console', 'none', null])
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'])

interface Fixture {
  keys: string[] // the team's key, its test key and a reviewer's key: valid for apiKey routes
  user: Record<string, string> // an admin user's console cookie and CSRF header: valid for console and apiKey routes
  otherTeamKey: string
  csrf: string[] // a live and a test session's CSRF tokens
  hints: Hints
}

interface Shared { otherTeamKey: string, otherSessionId: number, otherStepId: number }
let shared: Shared

beforeAll(async () => {
  const other = await createKey(t.app, 'fuzz-other-team')
  const { session, stepIds } = await selectedSession(t, other.key, [1])
  shared = { otherTeamKey: other.key, otherSessionId: session.id, otherStepId: stepIds[0] }
})

let fixtures = 0
let fixture: Fixture | null = null
let fixtureTouched = false
/** A team of its own for each route (so the webhook cap or a canceled session of one route cannot blunt the next): keys, sessions, steps, a webhook. */
async function buildFixture (): Promise<Fixture> {
  const team = `fuzz-team-${++fixtures}`
  const key = await createKey(t.app, team)
  const testKey = await t.app.ctx.keys.create({ team, test: true })
  const reviewerKey = await createKey(t.app, team, { reviewerId: 'rev-1' })
  const live = await selectedSession(t, key.key, [1, 2], { applicantFirstName: 'Ann', applicantEmail: 'ann@example.test', metadata: { order: 'o-1' } })
  const liveForm = await initiated(t, live.csrf, live.stepIds[0])
  const test = await selectedSession(t, testKey.key, [1])
  const testForm = await initiated(t, test.csrf, test.stepIds[0])
  const reviewing = await sessionIn(t.app, key.key, 'REVIEWING')
  const completed = await sessionIn(t.app, key.key, 'COMPLETED')
  const hook = await t.app.inject({ method: 'POST', url: '/partner/webhooks', headers: { 'x-api-key': key.key }, payload: { url: 'https://hooks.example.test/fuzz' } })
  expect(hook.statusCode, hook.body).toBe(201)
  const webhookId = hook.json().data.id as number
  const callbackToken = (form: { callbackUrl: string }) => form.callbackUrl.split('/').pop() as string
  const proofs = [proofFor(t, liveForm, [attestor.privateKey]), proofFor(t, testForm, [attestor.privateKey]), proofFor(t, liveForm, [attestor.privateKey], { timestampS: 1 })]
  const { setupUrl } = await t.app.ctx.users.createInTeam(team, { email: `admin@${team}.example`, role: 'admin', name: null })
  await t.app.ctx.users.setup(new URL(setupUrl).searchParams.get('token') as string, 'fuzz-admin-passphrase-1')
  const signedIn = await t.app.ctx.consoleAuth.signIn(`admin@${team}.example`, 'fuzz-admin-passphrase-1')
  const user = { cookie: `partner_console=${signedIn.token}`, 'x-console-csrf': signedIn.csrfToken }

  const ids = (mine: number[]) => fc.oneof(
    { arbitrary: fc.constantFrom(...mine), weight: 4 },
    { arbitrary: fc.integer({ min: 1, max: 2147483647 }), weight: 1 },
    { arbitrary: fc.constantFrom(0, -1, 2147483648, 1.5), weight: 1 }
  )
  const sessionIds = [live.session.id, test.session.id, reviewing.session.id, completed.session.id, shared.otherSessionId]
  const stepIds = [...live.stepIds, ...test.stepIds, shared.otherStepId]
  const callbackTokens = [callbackToken(liveForm), callbackToken(testForm)]
  // Signed proofs for the initiated steps, as they are, with one field of claimData (or of the
  // proof) changed, or anything: the verifier's every check gets its turn.
  const proofArrays = fc.oneof(
    { arbitrary: fc.constantFrom(...proofs).map((p) => [p]), weight: 2 },
    { arbitrary: fc.constantFrom(...proofs).chain((p) => mutate((p as unknown as Record<string, unknown>).claimData).map((claimData) => [{ ...p, claimData }])), weight: 3 },
    { arbitrary: fc.constantFrom(...proofs).chain((p) => fc.constantFrom(...Object.keys(p.claimData)).chain((k) => fc.oneof(wildJson, weirdString).map((v) => [{ ...p, claimData: { ...p.claimData, [k]: v } }]))), weight: 3 },
    { arbitrary: fc.constantFrom(...proofs).chain((p) => mutate(p)).map((p) => [p]), weight: 2 },
    { arbitrary: fc.array(wildJson, { maxLength: 3 }), weight: 1 }
  )
  const hints: Hints = {
    // path parameters
    ':sessionId': ids(sessionIds),
    ':stepId': ids(stepIds),
    ':id': ids([webhookId, key.id, testKey.id, reviewerKey.id]), // a webhook endpoint's or a key's
    ':callbackToken': fc.oneof({ arbitrary: fc.constantFrom(...callbackTokens), weight: 3 }, { arbitrary: weirdString, weight: 1 }),
    // the callback's whole body: one proof or an array of them
    'body /partner/reclaim/callback/:callbackToken': fc.oneof(proofArrays, proofArrays.map((a) => a[0] ?? {})),
    // a submission for the step the proofs were made for
    'body /partner/step/submit': fc.record({ stepId: fc.constantFrom(live.stepIds[0], test.stepIds[0]), proofs: proofArrays }),
    // a bounce: a delivery status notification for a message that is none of ours, or anything
    'body /partner/delivery/email/bounce': fc.oneof(fc.constant([
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b"', '', '--b', 'Content-Type: message/delivery-status', '',
      'Reporting-MTA: dns; mx.example.test', '', 'Final-Recipient: rfc822; ann@example.test', 'Action: failed', 'Status: 5.1.1', '',
      '--b', 'Content-Type: text/rfc822-headers', '', 'Message-ID: <fuzz@example.test>', '', '--b--', ''
    ].join('\r\n')), weirdString),
    // fields, wherever they are
    sessionId: ids(sessionIds),
    stepId: ids(stepIds),
    startingAfter: ids(sessionIds),
    'dataSourceIds[]': fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2147483647 })),
    token: fc.oneof(fc.constantFrom(live.session.verificationLink.token, test.session.verificationLink.token), weirdString),
    expiryDate: fc.oneof(fc.constant(futureIso(t.app)), fc.constantFrom('2000-01-01T00:00:00Z', '2030-01-01T00:00:00', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', '9999-12-31T23:59:59.999-12:00', '2099-01-01T00:00:00.123456789+14:00')),
    reviewerId: fc.oneof(fc.constantFrom('rev-1', 'bob', null), weirdString),
    url: fc.oneof(
      fc.constantFrom('https://hooks.example.test/fuzz', 'http://127.0.0.1/x', 'http://[::1]/', 'http://169.254.169.254/latest', 'http://10.0.0.1:5432/',
        'http://[::ffff:127.0.0.1]/', 'http://[64:ff9b::7f00:1]/', 'ftp://hooks.example.test/', 'https://u:p@hooks.example.test/', 'https://hooks.example.test/#f',
        'https://93.184.215.14/hook', 'http://0/', 'http://2130706433/', 'not a url', '//hooks.example.test'),
      fc.webPath().map((p) => `https://hooks.example.test${p}`)
    ),
    events: fc.oneof(fc.constantFrom(['*'], ['session.*'], ['session.created', 'step.verified'], ['nope'], ['session.'], ['*', '*']), fc.array(weirdString, { maxLength: 3 })),
    status: fc.oneof(fc.constantFrom('PENDING', 'REVIEWING,FAILED', 'COMPLETED', 'DELIVERED', 'FAILED', 'PENDING,PENDING'), weirdString),
    sourceName: fc.oneof(fc.constantFrom('PayPal', 'Stripe', 'paypal'), weirdString),
    proofs: proofArrays,
    // decisions (issue 21): reason codes of every kind and none, sources, tags
    'reasons[]': fc.oneof(fc.constantFrom('income_insufficient', 'other', 'income_verified', 'proof_incomplete', 'additional_source_needed', 'nope'), weirdString),
    'sourceIds[]': fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 2147483647 })),
    'tags[]': fc.oneof(fc.constantFrom('vip', 'second-look', 'a', 'x'.repeat(32)), fc.stringMatching(/^[a-z0-9-]{1,32}$/), weirdString),
    tag: fc.oneof(fc.constantFrom('vip', 'second-look'), weirdString),
    code: fc.oneof(fc.stringMatching(/^[a-z][a-z0-9_]{0,47}$/), weirdString)
  }
  return { keys: [key.key, testKey.key, reviewerKey.key], user, otherTeamKey: shared.otherTeamKey, csrf: [live.csrf, test.csrf], hints }
}

interface FuzzRequest { aimed: boolean, method: string, url: string, headers: Record<string, string>, payload?: string }

function bodySchema (route: RouteCatalogEntry): JsonSchema | undefined {
  const body = (route.schema as { body?: JsonSchema } | null)?.body
  return body?.content ? body.content['application/json']?.schema : body
}
const schemaPart = (route: RouteCatalogEntry, part: 'params' | 'querystring') => (route.schema as Record<string, JsonSchema> | null)?.[part]

/** The route's path parameters (`:name`) and whether it ends in a wildcard. */
const paramsOf = (url: string) => [...url.matchAll(/:(\w+)/g)].map((m) => m[1])

/** Why this route cannot be generated (empty: it can). */
function uncovered (route: RouteCatalogEntry, hints: Hints): string[] {
  const problems: string[] = []
  if (!AUTH_KINDS.has(route.auth)) problems.push(`auth kind ${route.auth}`)
  if (!METHODS.has(route.method)) problems.push(`method ${route.method}`)
  for (const name of paramsOf(route.url)) {
    if (!hints[`:${name}`] && !schemaPart(route, 'params')?.properties?.[name]) problems.push(`path parameter :${name} has neither a hint nor a schema`)
  }
  return problems
}

/**
 * Requests to a route, in two lanes of about equal size. Aimed: the fixture's valid credential,
 * ids and a schema-valid body (one part of it sometimes mutated), so handlers are reached and
 * their own checks exercised. Hostile: anything, anywhere (path ids, query, body, headers).
 */
function requestFor (route: RouteCatalogEntry, f: Fixture): fc.Arbitrary<FuzzRequest> {
  const params = schemaPart(route, 'params')
  const names = paramsOf(route.url)
  const buildPath = (segments: string[], tail: string[]) => {
    let i = 0
    return route.url.replace(/:(\w+)/g, () => segments[i++]).replace('*', tail.join('/'))
  }
  const tail = fc.array(pathSegment(undefined, undefined), { maxLength: 3 })
  const hostilePath = fc.tuple(fc.tuple(...names.map((name) => pathSegment(params?.properties?.[name], f.hints[`:${name}`]))), tail).map(([segments, rest]) => buildPath(segments, rest))
  const aimedPath = fc.tuple(fc.tuple(...names.map((name) => (f.hints[`:${name}`] ?? fromSchema(params?.properties?.[name], f.hints)).map(encode))), tail).map(([segments, rest]) => buildPath(segments, rest))

  const querySchema = schemaPart(route, 'querystring')
  const hostileQuery = fc.oneof({ arbitrary: fc.constant(''), weight: 1 }, { arbitrary: queryString(querySchema, f.hints), weight: 2 })
  const aimedQuery = querySchema ? fromSchema(querySchema, f.hints).map(encodeQuery) : fc.constant('')

  const schema = bodySchema(route)
  const fromRouteSchema = schema ? fromSchema(schema, f.hints) : wildJson
  const bodyHint = f.hints[`body ${route.url}`]
  const validish = bodyHint ? fc.oneof(bodyHint, fromRouteSchema) : fromRouteSchema
  const stringify = (v: unknown) => JSON.stringify(v) ?? 'null'
  const hostileJson = fc.oneof(
    { arbitrary: validish, weight: 2 },
    { arbitrary: validish.chain(mutate), weight: 3 },
    { arbitrary: fc.oneof(wildJson, deepJson), weight: 3 }
  ).map(stringify)
  const rawBody = fc.oneof({ arbitrary: rawBodyText, weight: 20 }, { arbitrary: fc.constant(`{"a":"${'x'.repeat(1_100_000)}"}`), weight: 1 })
  const bodyMethod = route.method !== 'GET' && route.method !== 'HEAD'
  const hostilePayload = fc.double({ min: 0, max: 1, noNaN: true }).chain((p) => p < (bodyMethod ? 0.85 : 0.1)
    ? fc.oneof({ arbitrary: hostileJson, weight: 5 }, { arbitrary: rawBody, weight: 1 })
    : fc.constant(undefined))
  const aimedPayload = bodyMethod
    ? fc.oneof({ arbitrary: validish.map(stringify), weight: 4 }, { arbitrary: validish.chain(mutate).map(stringify), weight: 1 }, { arbitrary: fc.constant(undefined), weight: 1 })
    : fc.constant(undefined)

  const wanted = route.auth === 'apiKey' ? { name: 'x-api-key', valid: f.keys } : route.auth === 'csrf' ? { name: 'x-csrf-token', valid: f.csrf } : null
  const basic = BASIC_AUTH[route.url]
  const byHeader = wanted
    ? fc.constantFrom(...wanted.valid).map((v): Record<string, string> => ({ [wanted.name]: v }))
    : fc.constant<Record<string, string>>(basic !== undefined ? { authorization: basic } : {})
  // A signed-in user's cookie (and CSRF header) stands in for a key on apiKey routes, and is the console routes' own.
  const aimedAuth = route.auth === 'console'
    ? fc.constant(f.user)
    : route.auth === 'apiKey' ? fc.oneof({ arbitrary: byHeader, weight: 3 }, { arbitrary: fc.constant(f.user), weight: 1 }) : byHeader
  const hostileAuth = fc.record({
    primary: fc.option(fc.oneof(credential([...f.keys, f.otherTeamKey, ...f.csrf]), headerText), { nil: undefined }),
    other: fc.record({ 'x-csrf-token': credential(f.csrf), 'x-api-key': credential([...f.keys, f.otherTeamKey]) }, { requiredKeys: [] })
  }).map(({ primary, other }): Record<string, string> => {
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(other)) if (v !== undefined) headers[k] = v
    if (primary !== undefined) headers[wanted?.name ?? 'x-api-key'] = primary
    return headers
  })

  const extraHeaders = (aimed: boolean) => fc.record({
    'content-type': aimed ? fc.constantFrom('application/json', 'application/json; charset=utf-8') : contentType,
    'idempotency-key': idempotencyKey,
    'x-request-id': requestId,
    accept: fc.constantFrom('application/json', 'text/html', 'text/html,application/xhtml+xml', '*/*', '', 'image/png'),
    ...(aimed
      ? {}
      : {
          'if-none-match': fc.constantFrom('*', '"x"', 'W/"y"'),
          authorization: fc.oneof(headerText, fc.constant('Bearer x')),
          'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage', '::1, 10.0.0.1'),
          'partner-version': fc.oneof(fc.constantFrom('2026-12-01', '2026-12-02', '2026-12-01 ', 'latest', ''), headerText)
        })
  }, { requiredKeys: aimed ? ['content-type'] : [] })

  // A route that also takes a form (the Reclaim callback: URL-encoded JSON) gets some aimed bodies that way.
  const FORM = 'application/x-www-form-urlencoded'
  const takesForm = FORM in ((route.schema as { body?: JsonSchema } | null)?.body?.content ?? {})

  return fc.boolean().chain((aimed) => fc.record({
    aimed: fc.constant(aimed),
    asForm: fc.constant(aimed && takesForm).chain((can) => can ? fc.boolean() : fc.constant(false)),
    path: aimed ? aimedPath : hostilePath,
    query: aimed ? aimedQuery : hostileQuery,
    payload: aimed ? aimedPayload : hostilePayload,
    auth: aimed ? aimedAuth : hostileAuth,
    extra: extraHeaders(aimed)
  })).map(({ aimed, asForm, path, query, payload, auth, extra }) => {
    const headers: Record<string, string> = { ...auth }
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) headers[k] = v
    if (payload === undefined && headers['content-type']?.startsWith('application/json')) delete headers['content-type']
    if (asForm && payload !== undefined) {
      headers['content-type'] = FORM
      payload = encode(payload)
    }
    return { aimed, method: route.method, url: query ? `${path}?${query}` : path, headers, ...(payload === undefined ? {} : { payload }) }
  })
}

// What a refused request may change by design: a refused proof (422) uses an attempt, which may
// fail the step and the session, with their audit rows, events, the deliveries of those events and
// the per-status session counts (a failed session moves from PROCESSING to FAILED: a new counts row).
const PROOF_REFUSAL_TABLES = ['steps', 'sessions', 'audit_log', 'events', 'webhook_deliveries', 'session_counts']

// A refused console sign-in (401) is counted, per email, by design (10 in 15 minutes, then 429).
const SIGN_IN_REFUSAL_TABLES = ['console_sign_in_failures']
// So is a wrong password (or code) when turning two-step sign-in on or off, recorded in the team's audit log too.
const REAUTH_REFUSAL_TABLES = ['console_sign_in_failures', 'audit_entries']
const REAUTH_REFUSALS = new Set(['password_incorrect', 'totp_code_invalid'])

/** The `code` of an error body (undefined for anything else). */
function errorCodeOf (body: string): unknown {
  try { return (JSON.parse(body) as { code?: unknown } | null)?.code } catch { return undefined }
}

function stateDiff (before: DbState, after: DbState, status: number, code: unknown): string | null {
  const allowed = new Set(typeof code === 'string' && REAUTH_REFUSALS.has(code)
    ? REAUTH_REFUSAL_TABLES
    : status === 422 ? PROOF_REFUSAL_TABLES : status === 401 ? SIGN_IN_REFUSAL_TABLES : [])
  const changed: string[] = []
  for (const table of Object.keys(before.counts)) {
    if (!allowed.has(table) && before.counts[table] !== after.counts[table]) changed.push(`${table}: ${before.counts[table]} -> ${after.counts[table]} rows`)
  }
  if (!allowed.has('sessions') && JSON.stringify(before.sessions) !== JSON.stringify(after.sessions)) changed.push('sessions changed')
  if (!allowed.has('steps') && JSON.stringify(before.steps) !== JSON.stringify(after.steps)) changed.push('steps changed')
  return changed.length > 0 ? changed.join('; ') : null
}

/** The guide's error body: exactly statusCode, message, error, code, requestId (+ errors on a 400), as JSON. */
function errorBodyProblem (status: number, headers: Record<string, unknown>, body: string): string | null {
  if (!String(headers['content-type'] ?? '').startsWith('application/json')) return `content-type ${String(headers['content-type'])}`
  let parsed: any
  try { parsed = JSON.parse(body) } catch { return 'body is not JSON' }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return 'body is not an object'
  const keys = Object.keys(parsed).sort().join(',')
  const expected = status === 400 && 'errors' in parsed ? 'code,error,errors,message,requestId,statusCode' : 'code,error,message,requestId,statusCode'
  if (keys !== expected) return `fields ${keys}`
  if (parsed.statusCode !== status) return `statusCode ${parsed.statusCode}`
  if (parsed.error !== STATUS_CODES[status]) return `error ${parsed.error}`
  if (typeof parsed.message !== 'string' || parsed.message === '') return 'message'
  if (typeof parsed.code !== 'string' || !/^[a-z][a-z0-9]*(_[a-z0-9]+)*$/.test(parsed.code)) return `code ${parsed.code}`
  if (parsed.requestId !== headers['x-request-id']) return 'requestId is not the X-Request-Id'
  if ('errors' in parsed && !(Array.isArray(parsed.errors) && parsed.errors.every((e: any) => typeof e?.path === 'string' && typeof e?.message === 'string'))) return 'errors'
  return null
}

const stats = { requests: 0, serverErrors: 0, routes: 0, byStatus: new Map<number, number>() }

afterAll(async () => {
  const statuses = [...stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}:${n}`).join(' ')
  console.log(`fuzz: ${stats.requests} requests over ${stats.routes} routes, ${stats.serverErrors} 5xx (${DIALECT}, FUZZ_SEED=${SEED}; ${statuses})`)
  await t.close()
})

describe(`generated requests to every route (${DIALECT})`, () => {
  it('every route of the catalog can be generated', async () => {
    fixture = await buildFixture()
    const f = fixture
    const problems = routes.map((r) => ({ route: routeKey(r), problems: uncovered(r, f.hints) })).filter((p) => p.problems.length > 0)
    expect(problems).toEqual([])
    expect(routes.filter((r) => r.url.startsWith('/partner')).length).toBeGreaterThan(30)
  })

  routes.forEach((route) => {
    const key = routeKey(route)
    const light = route.method === 'HEAD' || (route.auth === null || route.auth === 'none')
    const numRuns = light ? Math.max(3, Math.ceil(RUNS / 3)) : RUNS
    it(key, async () => {
      stats.routes++
      // A fresh fixture when a request of an earlier route may have changed it (any write that
      // succeeded, or a refused proof); reads leave it as it was.
      if (fixture === null || fixtureTouched) fixture = await buildFixture()
      fixtureTouched = false
      const f = fixture
      let last = await dbState(t.db)
      const routeStatuses: number[] = []
      const property = fc.asyncProperty(requestFor(route, f), async (req) => {
        const before = last
        const res = await t.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) })
        stats.requests++
        stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1)
        if (process.env.FUZZ_VERBOSE) routeStatuses.push(res.statusCode)
        if (process.env.FUZZ_VERBOSE === '2' && req.aimed && res.statusCode >= 400) console.log('aimed', req.method, req.url.slice(0, 100), res.statusCode, res.body.slice(0, 200))
        last = await dbState(t.db)
        if ((res.statusCode < 300 && req.method !== 'GET' && req.method !== 'HEAD') || res.statusCode === 422) fixtureTouched = true
        const where = `${req.method} ${req.url.slice(0, 300)} answered ${res.statusCode}: ${res.body.slice(0, 300)}`
        if (res.statusCode >= 500) {
          stats.serverErrors++
          throw new Error(`5xx: ${where}`)
        }
        if (typeof res.headers['x-request-id'] !== 'string') throw new Error(`no X-Request-Id: ${where}`)
        if (res.statusCode >= 400 && req.method !== 'HEAD') {
          const problem = errorBodyProblem(res.statusCode, res.headers, res.body)
          if (problem) throw new Error(`error body not the guide's (${problem}): ${where}`)
        }
        if (res.statusCode >= 400) {
          const diff = stateDiff(before, last, res.statusCode, errorCodeOf(res.body))
          if (diff) throw new Error(`a ${res.statusCode} changed the database (${diff}): ${where}`)
        }
      })
      // Each route its own stream of the seed, so adding a route does not change the others' requests.
      const seed = (SEED + [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0)) | 0
      const shrink = process.env.FUZZ_SHRINK === '1'
      try {
        await fc.assert(property, { numRuns, seed, endOnFailure: !shrink })
        if (process.env.FUZZ_VERBOSE) console.log(key, routeStatuses.sort().join(' '))
      } catch (err) {
        const cause = (err as Error & { cause?: Error }).cause
        throw new Error(`FUZZ_SEED=${SEED} (route seed ${seed}) ${key}: ${(err as Error).message}${cause ? `\nCause: ${cause.message}` : ''}`)
      }
    }, 120_000)
  })
})

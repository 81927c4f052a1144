import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Writable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { buildApp } from '../../src/app.js'
import { loadConfig } from '../../src/config.js'
import { ERROR_CODES, ERRORS, fail } from '../../src/lib/error-codes.js'
import { ROOT_DIR } from '../../src/lib/paths.js'
import { buildTestApp, openTestDb, useTestApp } from '../support/harness.js'
import { applicantSession, createKey, type PartnerKey } from '../support/factories.js'
import { expectError, TEST_ENV, type Reply } from './helpers.js'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

describe('X-Request-Id and error codes', () => {
  const t = useTestApp({ ...TEST_ENV })
  let key: PartnerKey

  beforeAll(async () => {
    key = await createKey(t.app, 'acme')
  })

  const idOf = (res: Reply) => res.headers['x-request-id'] as string

  describe('X-Request-Id', () => {
    it.each([
      ['a UUID', '3f1c2a4e-9b7d-4c1e-8f00-123456789abc'],
      ['one character', 'a'],
      ['128 characters', 'x'.repeat(128)],
      ['every allowed character', 'AZaz09._:-']
    ])('keeps a well-formed incoming id (%s)', async (_what, id) => {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': id } })
      expect(res.statusCode).toBe(200)
      expect(idOf(res)).toBe(id)
    })

    it.each([
      ['too long', 'x'.repeat(129)],
      ['empty', ''],
      ['a space', 'a b'],
      ['a slash', 'a/b'],
      ['a quote and angle brackets', '"><script>'],
      ['non-ASCII', 'idé']
    ])('replaces an incoming id that is %s by a new UUID', async (_what, id) => {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': id } })
      expect(idOf(res)).toMatch(UUID)
    })

    it('makes a new id for each request that sends none', async () => {
      const a = await t.app.inject({ url: '/healthz' })
      const b = await t.app.inject({ url: '/healthz' })
      expect(idOf(a)).toMatch(UUID)
      expect(idOf(b)).toMatch(UUID)
      expect(idOf(a)).not.toBe(idOf(b))
    })

    it('is on a success, a 404, a 400, a 401 and a 500, and the error body carries it', async () => {
      const ok = await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key.key, 'x-request-id': 'ok-1' } })
      expect(ok.statusCode).toBe(200)
      expect(idOf(ok)).toBe('ok-1')

      const missing = await t.app.inject({ url: '/nope', headers: { 'x-request-id': 'nf-1' } })
      expectError(missing, 404, 'Route GET /nope not found', 'route_not_found')
      expect(missing.json().requestId).toBe('nf-1')

      const bad = await t.app.inject({ url: '/partner/reviewer/sessions?limit=abc', headers: { 'x-api-key': key.key, 'x-request-id': 'bad-1' } })
      expect(bad.statusCode).toBe(400)
      expect(bad.json()).toMatchObject({ code: 'validation_failed', requestId: 'bad-1' })
      expect(idOf(bad)).toBe('bad-1')

      const denied = await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-request-id': 'auth-1' } })
      expectError(denied, 401, 'Missing API key: send it in the x-api-key header', 'api_key_missing')
      expect(idOf(denied)).toBe('auth-1')

      const spy = vi.spyOn(t.app.ctx.reviewer, 'list').mockRejectedValueOnce(new Error('boom'))
      try {
        const failed = await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': key.key, 'x-request-id': 'boom-1' } })
        expectError(failed, 500, 'Internal server error', 'internal_error')
        expect(idOf(failed)).toBe('boom-1')
      } finally {
        spy.mockRestore()
      }
    })

    it('is on the framework\'s own errors (a malformed URL)', async () => {
      const res = await t.app.inject({ url: '/partner/steps/%E0%A4%A', headers: { 'x-request-id': 'url-1' } })
      expectError(res, 400, 'Malformed URL', 'malformed_url')
      expect(idOf(res)).toBe('url-1')
    })

    it('is logged with the request', async () => {
      const lines: any[] = []
      const stream = new Writable({ write (chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done() } })
      const { db, drop } = await openTestDb()
      const app = await buildApp({ config: loadConfig({ ...TEST_ENV, PUBLIC_BASE_URL: 'http://partner.test' }), db, logger: { level: 'info', stream } })
      try {
        await app.ready()
        await app.inject({ url: '/healthz', headers: { 'x-request-id': 'logged-1' } })
        const generated = idOf(await app.inject({ url: '/nope' }))
        expect(lines.filter((l) => l.reqId === 'logged-1').map((l) => l.msg)).toEqual(['incoming request', 'request completed'])
        expect(lines.some((l) => l.reqId === generated)).toBe(true)
      } finally {
        await app.close()
        await drop()
      }
    })
  })

  describe('error codes', () => {
    it('an error answer from a hook before the database is ready has a code and request id (503)', async () => {
      const down = await buildTestApp({ ...TEST_ENV })
      try {
        const downKey = await createKey(down.app, 'acme')
        await down.db.close()
        const res = await down.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': downKey.key, 'x-request-id': 'db-1' } })
        expectError(res, 503, 'Service temporarily unavailable, try again shortly', 'database_unavailable')
      } finally {
        await down.close()
      }
    })

    it('names each failure of the applicant flow', async () => {
      const { session, csrf } = await applicantSession(t.app, key.key)
      const other = await applicantSession(t.app, key.key)
      expectError(await t.app.inject({ url: '/partner/steps/999999', headers: { 'x-csrf-token': csrf } }), 404, 'Step not found', 'step_not_found')
      expectError(await t.app.inject({ url: `/partner/steps/session/${session.id}` }), 401, 'Missing CSRF token: send it in the x-csrf-token header', 'csrf_token_missing')
      expectError(await t.app.inject({ url: `/partner/steps/session/${session.id}`, headers: { 'x-csrf-token': 'nope' } }), 401, 'Invalid or expired CSRF token', 'csrf_token_invalid')
      expectError(await t.app.inject({ url: `/partner/steps/session/${other.session.id}`, headers: { 'x-csrf-token': csrf } }), 403, 'CSRF token does not belong to this session', 'csrf_token_wrong_session')
      expectError(await t.app.inject({ method: 'POST', url: '/partner/verification/verify', payload: { token: 'x', sessionId: session.id } }), 401, 'Invalid verification token', 'link_token_invalid')
      expectError(await t.app.inject({ url: '/partner/reviewer/sessions', headers: { 'x-api-key': 'wrong' } }), 401, 'Invalid or revoked API key', 'api_key_invalid')
    })

    it('lists every failing field of a validation 400, its message the first failure as before', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/partner/session',
        headers: { 'x-api-key': key.key },
        payload: { params: { expiryDate: 5, applicantFirstName: 7 }, extra: true }
      })
      expect(res.statusCode).toBe(400)
      const body = res.json()
      expect(body).toMatchObject({ code: 'validation_failed', requestId: idOf(res) })
      expect(body.errors).toEqual(expect.arrayContaining([
        { path: 'body.extra', message: 'body has an unknown field "extra"' },
        { path: 'body.params.expiryDate', message: expect.stringMatching(/^body\.params\.expiryDate must be/) },
        { path: 'body.params.applicantFirstName', message: expect.stringMatching(/^body\.params\.applicantFirstName must be/) }
      ]))
      expect(body.errors.map((e: { message: string }) => e.message)).toContain(body.message)
      expect(new Set(body.errors.map((e: any) => `${e.path} ${e.message}`)).size).toBe(body.errors.length)
    })

    it('lists a missing required field under its own path', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: {} } })
      expectError(res, 400, 'body.params is missing required field "expiryDate"', 'validation_failed')
      expect(res.json().errors).toEqual([{ path: 'body.params.expiryDate', message: 'body.params is missing required field "expiryDate"' }])
    })

    it('a single-field service rule is validation_failed without a list', async () => {
      const res = await t.app.inject({ method: 'POST', url: '/partner/session', headers: { 'x-api-key': key.key }, payload: { params: { expiryDate: '2000-01-01T00:00:00Z' } } })
      expectError(res, 400, 'params.expiryDate must be in the future', 'validation_failed')
    })

    it('the README and the OpenAPI document list every code, and declare X-Request-Id', async () => {
      const readme = readFileSync(join(ROOT_DIR, 'README.md'), 'utf8')
      const doc = (await t.app.inject({ url: '/openapi.json' })).json()
      for (const code of Object.keys(ERROR_CODES)) {
        expect(readme, code).toContain(`| \`${code}\` |`)
        expect(doc.components.schemas.Error.properties.code.description, code).toContain(`\`${code}\``)
      }
      expect(doc.components.headers['X-Request-Id']).toMatchObject({ schema: { type: 'string' } })
      expect(doc.paths['/partner/session'].post.responses['201'].headers['X-Request-Id']).toEqual({ $ref: '#/components/headers/X-Request-Id' })
      expect(doc.paths['/partner/session'].post.responses['400'].headers['X-Request-Id']).toEqual({ $ref: '#/components/headers/X-Request-Id' })
    })

    it('an error takes its status from the registry, and keeps its message whatever it says', () => {
      const err = fail('session_not_found', 'Step not found')
      expect([err.statusCode, err.message, err.code]).toEqual([404, 'Step not found', 'session_not_found'])
      expect(fail('session_not_found').message).toBe('Session not found')
    })

    it.each([
      [400, 'Body is not valid JSON', 'malformed_json'],
      [400, 'body.params.x must not contain NUL (\\u0000) characters', 'invalid_characters'],
      [400, 'body is nested more than 32 levels deep', 'body_too_deep'],
      [400, 'params.allowedSources has unknown source id(s): 99', 'source_unknown'],
      [422, 'Proof is malformed: no claimData', 'proof_malformed'],
      [422, 'Proof 2 of 3: no claimData', 'proof_malformed'],
      [400, 'params.allowedSources lists a source twice', 'validation_failed'],
      [400, 'Something new', 'bad_request'],
      [404, 'Verification source not found', 'source_not_found'],
      [404, 'Data source not found', 'source_not_found'],
      [404, 'Webhook endpoint not found', 'webhook_not_found'],
      [409, 'Proof has already been used', 'proof_already_used'],
      [409, 'Idempotency-Key was already used with a different request body', 'idempotency_key_reused'],
      [409, 'Steps cannot be initiated while the session is COMPLETED', 'session_status_conflict'],
      [409, 'Proofs cannot be submitted while the session is REVIEWING', 'session_status_conflict'],
      [409, 'Step is VERIFIED; only a PENDING, INITIATED or FAILED step can be initiated', 'step_status_conflict'],
      [409, 'Step is already VERIFIED', 'step_status_conflict'],
      [409, 'A proof for this step is already being verified', 'step_status_conflict'],
      [409, 'Proofs cannot be submitted while the step is FAILED', 'step_status_conflict'],
      [409, 'Step has no attempts left (3 of 3 used)', 'step_attempts_exhausted'],
      [409, 'The session changed meanwhile; read it again', 'concurrent_update'],
      [410, 'Verification session has expired', 'session_expired'],
      [413, 'Request body is larger than 1 MiB', 'body_too_large'],
      [415, 'Unsupported Content-Type; send application/json', 'unsupported_media_type'],
      [422, 'Proof 1 of 2: signature is not from a trusted attestor', 'proof_invalid'],
      [429, 'Too many requests, retry in 5 seconds', 'rate_limited'],
      [502, 'The Reclaim API answered 500', 'upstream_error'],
      [503, 'The Reclaim API did not answer; try again shortly', 'upstream_unavailable'],
      [503, 'Database is not reachable', 'database_unavailable'],
      [400, 'Method not allowed', 'client_error']
    ] as const)('answers %i "%s" with %s, as before the registry', (status, message, code) => {
      expect(ERRORS[code].status).toBe(status)
      const err = fail(code, message)
      expect([err.statusCode, err.message]).toEqual([status, message])
      expect(Object.keys(ERROR_CODES)).toContain(code)
    })
  })
})

afterAll(() => { vi.restoreAllMocks() })
